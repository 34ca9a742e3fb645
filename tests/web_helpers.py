"""A real `claimwatch serve` process on 127.0.0.1 over a store, and stores to serve."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from claimwatch.flow import Flow
from claimwatch.ingest import ingest_sources
from claimwatch.sample import SAMPLE_DIR
from claimwatch.store import SQLiteStore, open_store
from claimwatch.store.copying import copy_store as copy_store_between

# Ready within this many seconds, or the test fails with what the server printed.
START_TIMEOUT = 60


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`claimwatch serve --db DB OPTIONS...` in its own process, stopped by close()."""

    def __init__(self, db: Path | str, *options: str, log: Path | None = None) -> None:
        self.db = db
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = (log or Path(db).with_suffix(".serve.log")).open("w+")
        command = [sys.executable, "-c", "from claimwatch.cli import main; main()", "serve", "--db", str(db),
                   "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", *options]
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"claimwatch serve exited with {self.process.returncode}: {self.output()}")
            try:
                if httpx.get(self.base + "/api/v1/stories?limit=1", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.close()
        raise RuntimeError(f"claimwatch serve did not answer within {START_TIMEOUT}s: {self.output()}")

    def url(self, path: str) -> str:
        """The full address of a path on this server."""
        return self.base + path

    def client(self) -> httpx.Client:
        """A client with its own cookie jar, like one reader's browser."""
        return httpx.Client(base_url=self.base, timeout=30, follow_redirects=False)

    def output(self) -> str:
        """What the server printed so far."""
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def close(self) -> None:
        """Stop the server and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def build_sample_store(path: Path) -> Path:
    """The bundled sample corpus ingested, analysed (fast pipeline) and tracked into a store at path."""
    with SQLiteStore(path) as store:
        report = ingest_sources(store, [str(SAMPLE_DIR)], workers=0, after_batch=Flow.loaded("fast"))
        assert report.failed == 0, report.errors
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a closed store, so one test's reactions never reach another's."""
    shutil.copyfile(source, target)
    return target


def run_sql(location: str, sql: str, params: tuple = ()) -> None:
    """One statement run on the store at location behind claimwatch's back ("?" marks its parameters)."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), params)
        return
    connection = sqlite3.connect(location)
    with connection:
        connection.execute(sql, params)
    connection.close()


@contextmanager
def write_lock_held(location: str, release_after: float | None = None) -> Iterator[None]:
    """Another writer holding the store at location, as a long ingest batch does: until the block ends, or
    release_after seconds pass."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with open_store(location) as other, other.transaction():
            held.set()
            release.wait(release_after)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(30), f"{location}: the other writer could not take the write lock"
    try:
        yield
    finally:
        release.set()
        holder.join()


def copy_to_postgresql(source: Path, url: str) -> str:
    """The SQLite store at source copied whole into the PostgreSQL database at url (claimwatch store copy)."""
    with open_store(str(source)) as origin, open_store(url) as target:
        checks = copy_store_between(origin, target)
    assert all(check.same for check in checks), [check for check in checks if not check.same]
    return url


CHROMIUM = Path("/usr/bin/chromium")
# As root in a closed network: no sandbox, and none of Chromium's own background connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


def launch_chromium(playwright):
    """Debian's Chromium driven by Playwright (no browser download); `make test` installs it."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package (as root)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
