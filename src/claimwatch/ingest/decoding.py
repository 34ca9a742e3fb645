"""Bytes to text: BOMs, declared charsets, sniffing, and refusing binary data."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import SourceError

__all__ = ["decode_bytes", "looks_binary"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers read pages labelled latin-1 as windows-1252; so do we, or curly quotes break.
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def looks_binary(data: bytes) -> bool:
    """True for data that is no text document (NUL bytes, no text BOM)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode a document: BOM, then declared charset, then <meta>/XML label, then UTF-8, then detection."""
    if looks_binary(data):
        raise SourceError(f"{name}: binary data, not a text, HTML, JSON or feed document; leave it out")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:4096]
    labelled = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    for label in (declared, labelled[1].decode("ascii", "ignore") if labelled else None):
        if codec := _codec(label):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise SourceError(f"{name}: cannot tell its character encoding; convert it to UTF-8")
    return data.decode(best.encoding, errors="replace")
