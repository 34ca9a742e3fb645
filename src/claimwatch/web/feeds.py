"""Alerts as an Atom feed, for feed readers and anything else that polls."""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.sax.saxutils import escape

from .. import __version__
from ..clock import now
from ..records import Alert
from .rendering import safe_url

__all__ = ["alerts_atom"]

# What XML 1.0 cannot carry at all, even escaped: most control characters, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _original(alert: Alert) -> str:
    """A link to the original article, when it is an http(s) address."""
    url = safe_url(alert.article_url)
    return f'<link rel="related" href="{_attribute(url)}"/>' if url else ""


def _entry(alert: Alert, base: str) -> str:
    link = f"{base}/articles/{quote(alert.article_id, safe='')}" if alert.article_id else f"{base}/"
    return (f"<entry><id>tag:claimwatch,alert:{alert.id}</id><title>{escape(alert.summary)}</title>"
            f"<updated>{escape(alert.created_at or now())}</updated>"
            f'<link rel="alternate" type="text/html" href="{_attribute(link)}"/>'
            f"{_original(alert)}"
            f'<category term="{escape(alert.kind)}"/><author><name>{escape(alert.watch)}</name></author>'
            f'<content type="text">{escape(alert.sentence or alert.summary)}</content></entry>')


def alerts_atom(alerts: list[Alert], base: str, watch: str | None = None) -> bytes:
    """An Atom 1.0 feed of the alerts, newest first; base is the site's address, for links."""
    title = f"claimwatch alerts: {watch}" if watch else "claimwatch alerts"
    updated = alerts[0].created_at if alerts else now()
    self_link = f"{base}/alerts.atom" + (f"?watch={quote(watch, safe='')}" if watch else "")
    head = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>tag:claimwatch,alerts:{escape(watch or 'all')}</id><title>{escape(title)}</title>"
            f"<updated>{escape(updated or now())}</updated>"
            f'<link rel="self" href="{_attribute(self_link)}"/>'
            f'<generator version="{__version__}">claimwatch</generator>')
    # Alerts quote article text and titles as ingested: what XML cannot hold is left out, not sent broken.
    return _NOT_XML.sub("", head + "".join(_entry(a, base) for a in alerts) + "</feed>").encode()
