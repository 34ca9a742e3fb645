"""Fixtures: a fresh store (SQLite, or PostgreSQL where a test asks for both), the CLI, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from postgres_server import PostgresServer, postgres_binaries
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.store import Store, open_store


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a store runs on SQLite; those marked backends("sqlite", "postgresql") on both."""
    if "backend" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("backends")
        metafunc.parametrize("backend", marker.args if marker else ("sqlite",))
    served = metafunc.definition.get_closest_marker("served_backends")
    if served is not None and "served_backend" in metafunc.fixturenames:
        metafunc.parametrize("served_backend", served.args, scope="module")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of Debian's binaries on 127.0.0.1 for the session (`make test` installs them)."""
    binaries = postgres_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
        pytest.skip("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    server = PostgresServer(binaries)
    yield server
    server.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a fresh SQLite store for this test lives."""
    return tmp_path / "claimwatch.db"


@pytest.fixture
def store_location(request: pytest.FixtureRequest, backend: str, db_path: Path) -> str:
    """Where this test's fresh store is: a SQLite file, or a new PostgreSQL database's URL."""
    if backend == "sqlite":
        return str(db_path)
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """A fresh store: a real SQLite file, or a real PostgreSQL database."""
    with open_store(store_location) as fresh:
        yield fresh


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(store_location: str):
    """Run `claimwatch ARGS... --db <fresh store>` in-process; returns exit code, stdout, stderr."""

    def run(*args: str, input: bytes | str | None = None, db: bool = True) -> CliResult:
        runner = CliRunner()
        full = [*args, "--db", store_location] if db else list(args)
        result = runner.invoke(app, full, input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0


class LocalServer:
    """A real HTTP server on 127.0.0.1 whose answers the test sets per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    if value:  # an empty value leaves the header out (body read to close)
                        self.send_header(name, value)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
              **kwargs) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, headers={"Content-Type": content_type, **kwargs.pop("headers", {})},
                                  **kwargs)
        return self.url(path)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 for this test."""
    local = LocalServer()
    yield local
    local.close()


def news_page(title: str, paragraphs: list[str], *, published: str | None = "2024-11-04T08:30:00Z",
              canonical: str | None = None, charset: str = "utf-8", site: str = "Harbour Gazette") -> str:
    """A realistic article page with navigation, related links, reactions and footer around the text."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html><head><meta charset="{charset}"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta name="author" content="Mira Kovacs">{meta}{link}</head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Mira Kovacs</p>{body}
<div class="reactions"><h3>What's Your Reaction?</h3><ul><li><button>like</button> <span>12</span></li>
<li><button>dislike</button> <span>1</span></li><li><button>love</button> <span>3</span></li>
<li><button>funny</button> <span>0</span></li><li><button>angry</button> <span>7</span></li>
<li><button>sad</button> <span>2</span></li><li><button>wow</button> <span>5</span></li></ul></div>
</article><aside class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Port strike ends</a></li>
<li><a href="/b">Election results</a></li></ul></aside></main>
<footer><p>Copyright 2024 {site}</p><a href="/about">About us</a> <a href="/privacy">Privacy policy</a></footer>
</body></html>"""


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested, analysed and tracked once for the session; copy it before changing it."""
    from web_helpers import build_sample_store

    return build_sample_store(tmp_path_factory.mktemp("sample-store") / "sample.db")


@pytest.fixture(scope="session")
def sample_postgresql(sample_db: Path, postgres_server: PostgresServer) -> str:
    """The sample store copied once into a PostgreSQL database, the template of each test's own copy."""
    from web_helpers import copy_to_postgresql

    return copy_to_postgresql(sample_db, postgres_server.new_database())


def _copy_of_sample(request: pytest.FixtureRequest, backend: str, sample_db: Path, folder: Path) -> str:
    """A copy of the sample store on the backend; a PostgreSQL copy is dropped when the asking fixture ends."""
    from web_helpers import copy_store

    if backend == "sqlite":
        return str(copy_store(sample_db, folder / "sample.db"))
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database(template=request.getfixturevalue("sample_postgresql"))
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def sample_store_location(request: pytest.FixtureRequest, backend: str, sample_db: Path, tmp_path: Path) -> str:
    """This test's own copy of the sample store: a SQLite file, or a new PostgreSQL database."""
    return _copy_of_sample(request, backend, sample_db, tmp_path)


@pytest.fixture(scope="module")
def served_backend() -> str:
    """The backend of a module's served store: SQLite, or each in turn of a module marked served_backends(...)."""
    return "sqlite"


@pytest.fixture(scope="module")
def module_store_location(request: pytest.FixtureRequest, served_backend: str,
                          tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh store for this module: a SQLite file, or a new PostgreSQL database."""
    if served_backend == "sqlite":
        yield str(tmp_path_factory.mktemp("module-store") / "claimwatch.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture(scope="module")
def module_sample_location(request: pytest.FixtureRequest, served_backend: str, sample_db: Path,
                           tmp_path_factory: pytest.TempPathFactory) -> str:
    """This module's own copy of the sample store, so that its reactions reach no other module's."""
    return _copy_of_sample(request, served_backend, sample_db, tmp_path_factory.mktemp("module-sample"))


@pytest.fixture(scope="module")
def served_sample(module_sample_location: str, tmp_path_factory: pytest.TempPathFactory):
    """`claimwatch serve` on 127.0.0.1 over this module's own copy of the sample store."""
    from web_helpers import Served

    served = Served(module_sample_location, log=tmp_path_factory.mktemp("served") / "serve.log")
    yield served
    served.close()


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright
    from web_helpers import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
