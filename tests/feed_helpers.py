"""A real RSS feed on 127.0.0.1 for the polling tests: conditional requests, hanging and garbage answers."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["FeedServer", "ITEMS", "rss"]

ITEMS = [
    ("North Korea sends troops", "2024-10-18",
     "South Korea's spy agency said on Friday that North Korea had sent 1,500 special forces to Russia. "
     "The Kremlin denied that North Korean troops were in Russia."),
    ("NATO confirms deployment", "2024-10-28",
     "NATO Secretary General Mark Rutte said on Monday that North Korean troops had been sent to Russia. "
     "Officials in Seoul said about 3,000 more soldiers had followed."),
]


def rss(items) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://news.example/{i}</link><guid>news-{i}</guid>"
        f"<pubDate>{day}T08:00:00Z</pubDate><description>{text}</description></item>"
        for i, (title, day, text) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example news</title>'
            f"<link>https://news.example/</link>{entries}</channel></rss>").encode()


class FeedServer:
    """A feed on 127.0.0.1 that honours If-None-Match, can hang or answer garbage, and counts requests."""

    def __init__(self) -> None:
        self.body = rss(ITEMS[:1])
        self.etag = '"v1"'
        self.mode = "feed"
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(dict(self.headers))
                if server.mode == "hang":
                    time.sleep(3)
                if server.mode == "garbage":
                    body, kind = b"\x00\x01\x02 not a feed \xff" * 50, "application/xml"
                elif self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.send_header("ETag", server.etag)
                    self.end_headers()
                    return
                else:
                    body, kind = server.body, "application/rss+xml"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", server.etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/feed.xml"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def publish(self, items, etag: str) -> None:
        self.body, self.etag = rss(items), etag

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
