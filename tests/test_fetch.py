"""URL fetching: private addresses refused, redirects checked and limited, types and sizes enforced."""

import pytest

from claimwatch.errors import FetchError
from claimwatch.ingest import Fetcher


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost/", "http://10.1.2.3/", "http://192.168.0.10/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
])
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with Fetcher() as fetcher, pytest.raises(FetchError, match="--allow-private"):
        fetcher.fetch(url)


def test_local_server_is_fetched_when_private_addresses_are_allowed(server):
    url = server.serve("/a", "<html><body><p>hello</p></body></html>")
    with Fetcher(allow_private=True) as fetcher:
        document = fetcher.fetch(url)
    assert document.content.startswith(b"<html>")
    assert (document.content_type, document.charset) == ("text/html", "utf-8")


def test_redirects_are_followed_to_the_final_address(server):
    server.serve("/old", "", status=301, headers={"Location": "/new"})
    server.serve("/new", "<html>moved</html>")
    with Fetcher(allow_private=True) as fetcher:
        assert fetcher.fetch(server.url("/old")).url == server.url("/new")


def test_redirect_loops_stop_after_the_limit(server):
    server.serve("/loop", "", status=302, headers={"Location": "/loop"})
    with Fetcher(allow_private=True, max_redirects=3) as fetcher, pytest.raises(FetchError, match="more than 3"):
        fetcher.fetch(server.url("/loop"))
    assert server.hits.count("/loop") == 4


def test_redirect_to_a_private_address_is_refused():
    with Fetcher() as fetcher, pytest.raises(FetchError, match="private"):
        fetcher._check_address("http://127.0.0.1:9/admin", "https://news.example.com/story")


def test_non_http_addresses_are_refused():
    with Fetcher(allow_private=True) as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch("ftp://127.0.0.1/file")


def test_content_that_is_not_an_article_is_refused(server):
    url = server.serve("/photo.jpg", b"\xff\xd8\xff\xe0", content_type="image/jpeg")
    with Fetcher(allow_private=True) as fetcher, pytest.raises(FetchError, match="image/jpeg"):
        fetcher.fetch(url)


def test_declared_oversize_body_is_refused_before_download(server):
    url = server.serve("/big", b"x" * 2048, headers={"Content-Length": "2048"})
    with Fetcher(allow_private=True, max_bytes=1024) as fetcher, pytest.raises(FetchError, match="2,048 bytes"):
        fetcher.fetch(url)


def test_undeclared_oversize_body_is_cut_off(server):
    url = server.serve("/big", b"x" * 200_000)
    server.routes["/big"].headers["Content-Length"] = ""
    with Fetcher(allow_private=True, max_bytes=50_000) as fetcher, pytest.raises(FetchError, match="limit"):
        fetcher.fetch(url)


@pytest.mark.parametrize(("url", "allow_private"), [
    ("http://[::1", False), ("http://[::1", True), ("http://[not-an-address]/", True),
    ("http://news.example:99999/", True), ("http://news.example:port/", True), ("http:///story", True),
    ("http://" + "a" * 70 + ".example/", False),
])
def test_a_malformed_address_is_refused_naming_it(url, allow_private):
    with Fetcher(allow_private=allow_private) as fetcher, pytest.raises(FetchError) as error:
        fetcher.fetch(url)
    assert str(error.value).startswith(f"{url}: ") and "check the URL" in str(error.value)


def test_ingest_of_an_unclosed_ipv6_address_says_so_in_one_line(cli):
    result = cli("ingest", "http://[::1", "--no-analyze")
    assert result.exit_code == 1
    assert result.stderr.strip() == "failed: http://[::1: not a valid address (Invalid IPv6 URL); check the URL"
