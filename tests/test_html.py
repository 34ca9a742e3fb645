"""HTML pages: main text and metadata in, page furniture out."""

import pytest

from claimwatch.errors import ExtractionError
from claimwatch.ingest.html import extract_page, fragment_text
from tests.conftest import news_page

PARAGRAPHS = [
    "Finnish police boarded the tanker on Thursday after a power cable linking Finland and Estonia failed.",
    "Investigators said the ship's anchor was missing and that a long drag mark ran across the seabed.",
    "The operator of the cable said repairs could take several months and cost tens of millions of euros.",
]


@pytest.fixture
def page():
    return extract_page(news_page("Police board tanker after cable failure", PARAGRAPHS,
                                  canonical="https://www.harbourgazette.com/world/tanker"), "page.html")


def test_page_text_holds_every_paragraph(page):
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text


@pytest.mark.parametrize("furniture", [
    "What's Your Reaction?", "dislike", "Related stories", "Port strike ends", "Privacy policy",
    "Copyright 2024", "Business",
])
def test_page_furniture_is_not_article_text(page, furniture):
    assert furniture.lower() not in page.text.lower()


def test_page_metadata_is_extracted(page):
    assert page.title == "Police board tanker after cable failure"
    assert page.published == "2024-11-04"
    assert page.authors == ["Mira Kovacs"]
    assert page.site_name == "Harbour Gazette"
    assert page.url == "https://www.harbourgazette.com/world/tanker"


def test_reaction_widget_without_class_names_is_dropped():
    html = news_page("Tanker held", PARAGRAPHS).replace(
        '<div class="reactions">', "<div>").replace("<button>", "<span>").replace("</button>", "</span>")
    text = extract_page(html, "bare-widget.html").text
    assert PARAGRAPHS[-1] in text
    assert "reaction" not in text.lower()
    assert "wow" not in text.lower().split()


def test_page_without_article_text_is_an_extraction_error():
    html = "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ExtractionError, match="empty.html: no article text"):
        extract_page(html, "empty.html")


def test_fragment_text_keeps_paragraphs_apart():
    assert fragment_text("<p>One <b>two</b>.</p><p>Three.</p><script>x()</script>") == "One two.\n\nThree."
