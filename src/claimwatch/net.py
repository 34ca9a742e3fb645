"""Which network addresses claimwatch may reach: the one check before fetching, webhooks and posted URLs.

Standard library only, so that anything may import it without loading the analysis or the web stack.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from .errors import FetchError

__all__ = ["check_address", "is_http_url"]


def is_http_url(text: str) -> bool:
    """Whether text is written as an http or https address (nothing is resolved)."""
    return text.lower().startswith(("http://", "https://"))


def check_address(url: str, original: str, *, allow_private: bool = False) -> None:
    """Refuse anything but http(s), and private, loopback or link-local hosts unless allowed."""
    try:
        parts = urlsplit(url)
        hostname, port = parts.hostname, parts.port
    except ValueError as exc:  # an unclosed [IPv6 bracket, a port that is no number or out of range
        raise FetchError(f"{original}: not a valid address ({exc}); check the URL") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{original}: only http and https addresses can be fetched (got {url})")
    if not hostname:
        raise FetchError(f"{original}: the address names no host; check the URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(hostname, port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{original}: cannot resolve {hostname} ({exc.strerror}); check the address") from exc
    except ValueError as exc:  # a host name IDNA cannot encode (UnicodeError), or holding a NUL
        raise FetchError(f"{original}: not a valid host name ({exc}); check the URL") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(f"{original}: {parts.hostname} is a private, loopback or link-local address "
                             f"({address}); pass --allow-private to fetch it")
