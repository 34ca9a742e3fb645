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


STORY = [
    "The harbour board voted on Monday to keep the night ferry running through the winter months.",
    "Board members said the service carried more than four hundred passengers a week last January.",
    "A final decision on the summer timetable will be taken at the next meeting in the spring.",
]


def bare_page(body: str, title: str = "Night ferry to keep running") -> str:
    """A page with only the markup given around its text: no metadata, no furniture unless given."""
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def paragraphs(sentences: list[str] = STORY) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in sentences)


@pytest.mark.parametrize("wrapper", [
    '<div class="page-ad-gutters">{}</div>',
    '<section class="no-ads-column wide">{}</section>',
    '<div id="layout" class="promo-free">{}</div>',
])
def test_page_wrapper_named_like_furniture_keeps_its_text(wrapper):
    html = bare_page(wrapper.format(f"<nav><a href='/'>Home</a></nav><article>{paragraphs()}</article>"))
    text = extract_page(html, "wrapped.html").text
    assert all(sentence in text for sentence in STORY)


def test_article_body_marked_paywall_keeps_its_text():
    html = bare_page(f'<h1>Night ferry to keep running</h1><div class="story-text paywall">{paragraphs()}</div>'
                     '<div class="paywall-prompt"><p>Subscribe to keep reading.</p></div>')
    text = extract_page(html, "metered.html").text
    assert all(sentence in text for sentence in STORY)


def test_article_in_parts_named_like_furniture_keeps_every_part():
    parts = "".join(f'<div class="promo-block">{paragraphs([sentence])}</div>' for sentence in STORY)
    text = extract_page(bare_page(f"<h1>Night ferry to keep running</h1>{parts}"), "parts.html").text
    assert all(sentence in text for sentence in STORY)


def test_furniture_beside_a_spared_wrapper_is_still_dropped():
    html = bare_page(f'<div class="site-ad-gutters">{paragraphs()}'
                     '<div class="share-bar"><p>Send this story to a friend who takes the ferry.</p></div></div>')
    assert "friend" not in extract_page(html, "wrapped.html").text


def test_empty_comment_markers_inside_paragraphs_keep_them():
    story = STORY + [
        "Ticket prices will stay the same, although the cafe on the upper deck is to close at nine.",
        "Crew members welcomed the vote and said the late crossing was popular with shift workers.",
        "The board also agreed to repaint the waiting room and to fix the clock above the ticket desk.",
    ]
    # Pages rendered by JavaScript frameworks put an empty comment on each side of an inserted word.
    marked = [s.replace(" the ", " <!-- -->the<!-- --> ", 1) if i % 2 else s for i, s in enumerate(story)]
    text = extract_page(bare_page(paragraphs(marked)), "marked.html").text
    assert all(sentence in text for sentence in story)


def test_page_laid_out_in_a_table_gives_its_text():
    html = bare_page('<table width="100%"><tr><td width="20%"><a href="/">Home</a><br><a href="/news">News</a></td>'
                     f'<td><h1>Night ferry to keep running</h1>{paragraphs()}</td></tr></table>')
    text = extract_page(html, "table.html").text
    assert all(sentence in text for sentence in STORY)


REACTION_BLOCK = ('<div class="box"><h3>What\u2019s Your Reaction?</h3><p><span>Like</span> <span>4</span> '
                  '<span>Dislike</span> <span>0</span> <span>Love</span> <span>2</span> <span>Funny</span> '
                  '<span>0</span> <span>Angry</span> <span>1</span> <span>Sad</span> <span>0</span> '
                  '<span>Wow</span> <span>3</span></p></div>')
RELATED_POSTS = ('<div class="box"><h3>Related Posts</h3><ul><li>Harbour crane gets a new coat of paint</li>'
                 '<li>Lighthouse keeper retires after thirty years at the point</li>'
                 '<li>Fish market moves to the old customs shed</li></ul></div>')
COMMENT_FORM = ('<div class="box"><h3>Leave a reply <small><a href="#top">Cancel reply</a></small></h3>'
                '<p>Your email address will not be published. Required fields are marked *</p>'
                '<p>Comment *</p><p>Name *</p><p>Email *</p>'
                '<p>Save my name and email in this browser for the next time I comment.</p></div>')


@pytest.mark.parametrize("block, leftovers", [
    (REACTION_BLOCK, ["reaction", "dislike", "wow"]),
    (RELATED_POSTS, ["related posts", "crane", "lighthouse", "customs shed"]),
    (COMMENT_FORM, ["leave a reply", "email address", "required fields", "save my name"]),
], ids=["curly-reaction-block", "related-posts-list", "comment-form"])
def test_widget_blocks_with_neutral_class_names_are_stripped(block, leftovers):
    html = bare_page(f'<div class="content"><h1>Night ferry to keep running</h1>{paragraphs()}{block}</div>')
    text = extract_page(html, "widget.html").text
    assert all(sentence in text for sentence in STORY)
    assert [word for word in leftovers if word in text.lower()] == []


def test_reaction_heading_and_counts_on_one_line_are_stripped():
    block = ("<p>What\u2019s your reaction? <span>Like</span> <span>9</span> <span>Love</span> <span>1</span> "
             "<span>Wow</span> <span>0</span></p>")
    text = extract_page(bare_page(paragraphs() + block), "one-line-widget.html").text
    assert text.endswith(STORY[-1])


def test_deeply_nested_page_keeps_its_text():
    html = bare_page("<div>" * 300 + paragraphs() + "</div>" * 300)
    text = extract_page(html, "nested.html").text
    assert all(sentence in text for sentence in STORY)


def test_page_nested_past_the_parser_limit_names_the_file_and_the_fix():
    html = bare_page("<div>" * 3000 + paragraphs() + "</div>" * 3000)
    with pytest.raises(ExtractionError, match=r"^abyss.html: HTML nested more than 2,048 elements deep.*flatten"):
        extract_page(html, "abyss.html")
