"""Readers told apart without accounts: a random id in a signed cookie, and CSRF tokens bound to it.

Requests carrying them are checked in security.py.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["READER_COOKIE", "Readers"]

READER_COOKIE = "cw_reader"
# A reader id is 22 URL-safe characters; anything longer in a cookie is not ours.
_MAX_COOKIE = 80


class Readers:
    """Issues and checks reader cookies and the CSRF tokens that go with them."""

    def __init__(self, secret: str) -> None:
        self._key = secret.encode()

    def _mac(self, purpose: str, reader: str) -> str:
        return hmac.new(self._key, f"{purpose}:{reader}".encode(), hashlib.sha256).hexdigest()[:32]

    @staticmethod
    def new_reader() -> str:
        """A fresh random reader id."""
        return secrets.token_urlsafe(16)

    def cookie_for(self, reader: str) -> str:
        """The cookie value that proves the reader id was issued here."""
        return f"{reader}.{self._mac('reader', reader)}"

    def reader_from(self, cookie: str | None) -> str | None:
        """The reader id in a cookie, or None when the cookie is missing or forged."""
        if not cookie or len(cookie) > _MAX_COOKIE or "." not in cookie:
            return None
        reader, _, mac = cookie.rpartition(".")
        return reader if reader and _same(mac, self._mac("reader", reader)) else None

    def csrf_token(self, reader: str) -> str:
        """The token a page gives its forms, which only this reader's requests can carry."""
        return self._mac("csrf", reader)

    def valid_csrf(self, reader: str, token: str | None) -> bool:
        """Whether token is this reader's CSRF token."""
        return bool(token) and _same(token, self.csrf_token(reader))


def _same(given: str, expected: str) -> bool:
    """Constant-time equality that also takes non-ASCII input (compare_digest refuses such str)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode())
