"""A real PostgreSQL server for the tests: Debian's binaries, a cluster in a temporary folder, 127.0.0.1 only.

`make test` installs Debian's postgresql package; the server runs as the
postgres user when the tests run as root (initdb refuses root), trusts local
connections, and skips durability, which tests do not need.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

__all__ = ["PostgresServer", "postgres_binaries"]


def postgres_binaries() -> Path | None:
    """The folder holding initdb and postgres, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("postgres"):
        return Path(os.path.realpath(found)).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[-2]))
    return Path(folders[-1]) if folders else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One cluster started for a test session; each test asks it for a fresh database."""

    def __init__(self, binaries: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="claimwatch-pg-"))
        self.port = _free_port()
        as_root = os.geteuid() == 0
        self._run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            os.chmod(self.folder, 0o777)
        data = self.folder / "data"
        subprocess.run([*self._run_as, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        self._stop_command = [*self._run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
        self._command = [*self._run_as, str(binaries / "postgres"), "-D", str(data), "-h", "127.0.0.1",
                         "-p", str(self.port), "-k", str(self.folder), "-c", "fsync=off",
                         "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"]
        self._log = open(self.folder / "server.log", "ab")
        self._start()

    def _start(self) -> None:
        self._process = subprocess.Popen(self._command, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _shut_down(self) -> None:
        """Stop the server at once: open connections are cut, as in a restart of a real one."""
        subprocess.run(self._stop_command, capture_output=True, timeout=60)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def restart(self) -> None:
        """Stop the server and start it again on the same data and port."""
        self._shut_down()
        self._start()

    @property
    def url(self) -> str:
        """The URL of the server's administrative database."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _wait_ready(self, timeout: float = 30.0) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self.url, connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL did not start: {(self.folder / 'server.log').read_text()}")
                time.sleep(0.1)

    def new_database(self, template: str | None = None) -> str:
        """The URL of a new database: empty, or a copy of the one at the template URL (which nothing may use)."""
        import psycopg

        name = "t" + uuid.uuid4().hex[:12]
        copied = f" TEMPLATE {template.rsplit('/', 1)[1]}" if template else ""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{copied}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def drop_database(self, url: str) -> None:
        """Drop a database made by new_database, closing whatever still uses it."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self._shut_down()
        self._log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
