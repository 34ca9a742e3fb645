"""Normalisation: canonical URLs, outlets, dates and language."""

import pytest

from claimwatch.ingest.normalize import (
    canonical_url, date_from_text, date_from_url, detect_language, iso_date, registrable_domain,
)


@pytest.mark.parametrize(("given", "canonical"), [
    ("https://www.example.com/world/story?utm_source=x&utm_medium=social", "https://www.example.com/world/story"),
    ("HTTPS://News.Example.COM:443/a?id=7&fbclid=abc#comments", "https://news.example.com/a?id=7"),
    ("http://example.com:8080/a?gclid=1&page=2", "http://example.com:8080/a?page=2"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/a?ref=rss&ocid=home&q=drones", "https://example.com/a?q=drones"),
])
def test_canonical_url_drops_tracking_parameters_fragments_and_default_ports(given, canonical):
    assert canonical_url(given) == canonical


def test_canonical_url_leaves_non_web_addresses_alone():
    assert canonical_url("urn:uuid:1234") == "urn:uuid:1234"
    assert canonical_url(None) is None


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk"),
    ("https://news.harbourgazette.com.au/2024/11/a", "harbourgazette.com.au"),
    ("https://edition.example.com/x", "example.com"),
    ("http://127.0.0.1:8000/page", "127.0.0.1"),
    ("example.org", "example.org"),
])
def test_outlet_is_the_registrable_domain(url, domain):
    assert registrable_domain(url) == domain


@pytest.mark.parametrize(("given", "iso"), [
    ("2024-11-04", "2024-11-04"),
    ("2024-11", "2024-11"),
    ("2024-11-04T08:30:00+02:00", "2024-11-04"),
    ("Mon, 04 Nov 2024 08:30:00 GMT", "2024-11-04"),
    ("November 4, 2024", "2024-11-04"),
    ("4 November 2024", "2024-11-04"),
    ("2024-02-30", None),
    ("not a date", None),
    ("", None),
    (None, None),
])
def test_iso_date_reads_common_date_forms(given, iso):
    assert iso_date(given) == iso


@pytest.mark.parametrize(("url", "iso"), [
    ("https://example.com/2024/11/18/cable-damage", "2024-11-18"),
    ("https://example.com/world/2024/11/cable-damage", "2024-11"),
    ("https://example.com/2024-10-23/troops", "2024-10-23"),
    ("https://example.com/world/cable-damage-1234", None),
    ("https://example.com/2024/13/40/x", None),
])
def test_date_from_url_reads_dated_paths(url, iso):
    assert date_from_url(url) == iso


def test_date_from_text_reads_a_dateline_near_the_start():
    assert date_from_text("HELSINKI, Dec. 26, 2024 — Finnish police boarded a tanker.") == "2024-12-26"
    assert date_from_text("Finnish police boarded a tanker on 26 December 2024.") == "2024-12-26"


def test_date_from_text_ignores_dates_deep_in_the_article():
    assert date_from_text("x " * 400 + "on November 4, 2024") is None


@pytest.mark.parametrize(("text", "language"), [
    ("Finnish police boarded a tanker suspected of damaging an undersea power cable.", "en"),
    ("Die finnische Polizei hat einen Tanker festgesetzt, der ein Kabel beschädigt haben soll.", "de"),
    ("Финская полиция задержала танкер, который мог повредить подводный кабель.", "ru"),
])
def test_language_is_detected(text, language):
    assert detect_language(text) == language


def test_language_is_unknown_for_text_without_words():
    assert detect_language("12 34 -- !!") is None
