"""RSS 0.9x, 1.0, 2.0 and Atom feeds, from files and URLs, with and without --follow."""

import pytest

from claimwatch.store import SQLiteStore
from tests.conftest import news_page

BODY = ("Lithuanian and Swedish authorities said a data cable between the two countries was cut on Sunday, "
        "hours before a second cable between Finland and Germany stopped working.")
BODY_2 = ("Germany's defence minister said nobody believed the cables had been cut by accident, "
          "and that the damage had to be treated as sabotage until shown otherwise.")

RSS_091 = f"""<?xml version="1.0"?><rss version="0.91"><channel><title>Wire</title><link>https://wire.example.com/</link>
<description>d</description><language>en</language>
<item><title>Cable cut</title><link>https://wire.example.com/cable-cut</link><description>{BODY}</description></item>
</channel></rss>"""

RSS_10 = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://wire.example.com/"><title>Wire</title><link>https://wire.example.com/</link>
<description>d</description></channel>
<item rdf:about="https://wire.example.com/cable-cut"><title>Cable cut</title>
<link>https://wire.example.com/cable-cut</link><dc:date>2024-11-18T09:00:00Z</dc:date>
<description>{BODY}</description></item></rdf:RDF>"""

RSS_20 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://wire.example.com/</link><description>d</description>
<item><title>Cable cut</title><link>https://wire.example.com/cable-cut?utm_source=rss</link>
<pubDate>Mon, 18 Nov 2024 09:00:00 GMT</pubDate><dc:creator>Ana Lind</dc:creator><guid>cable-1</guid>
<description>Short summary.</description><content:encoded><![CDATA[<p>{BODY}</p><p>{BODY_2}</p>]]></content:encoded></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<id>urn:wire</id><updated>2024-11-18T09:00:00Z</updated>
<entry><title>Cable cut</title><link href="https://wire.example.com/cable-cut"/><id>urn:cable-1</id>
<published>2024-11-18T09:00:00Z</published><updated>2024-11-18T10:00:00Z</updated><author><name>Ana Lind</name></author>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def only_article(db_path):
    with SQLiteStore(db_path) as store:
        [article] = list(store.articles())
    return article


@pytest.mark.parametrize("feed", [RSS_091, RSS_10, RSS_20, ATOM], ids=["rss0.91", "rss1.0", "rss2.0", "atom"])
def test_feed_entries_become_articles(cli, db_path, tmp_path, feed):
    (tmp_path / "feed.xml").write_text(feed)
    result = cli("ingest", str(tmp_path / "feed.xml"))
    assert result.exit_code == 0, result.stderr
    article = only_article(db_path)
    assert article.title == "Cable cut"
    assert BODY in article.text
    assert article.url == "https://wire.example.com/cable-cut"
    assert article.outlet == "example.com"
    assert article.site_name == "Wire"


def test_rss2_entry_keeps_full_content_author_and_date(cli, db_path, tmp_path):
    (tmp_path / "feed.rss").write_text(RSS_20)
    cli("ingest", str(tmp_path / "feed.rss"))
    article = only_article(db_path)
    assert article.text == f"{BODY}\n\n{BODY_2}"
    assert article.authors == ["Ana Lind"]
    assert article.published == "2024-11-18"
    assert article.extra == {"feed_entry_id": "cable-1"}


def test_feed_url_is_recognised_by_its_content(cli, db_path, server):
    url = server.serve("/feed", ATOM, content_type="application/atom+xml")
    assert cli("ingest", url, "--allow-private").exit_code == 0
    assert only_article(db_path).title == "Cable cut"


def test_follow_fetches_each_entry_page_for_full_text(cli, db_path, server):
    page = server.serve("/2024/11/18/cable-cut", news_page("Cable cut", [BODY, BODY_2, "A third paragraph "
                        "with the full account of the repair ship's voyage from Helsinki."]))
    feed = RSS_091.replace("https://wire.example.com/cable-cut", page)
    url = server.serve("/rss", feed, content_type="application/rss+xml")
    result = cli("ingest", url, "--follow", "--allow-private")
    assert result.exit_code == 0, result.stderr
    article = only_article(db_path)
    assert "A third paragraph" in article.text
    assert "/2024/11/18/cable-cut" in server.hits


def test_follow_keeps_feed_text_when_the_page_fails(cli, db_path, server):
    feed = RSS_091.replace("https://wire.example.com/cable-cut", server.url("/missing"))
    url = server.serve("/rss", feed, content_type="application/rss+xml")
    result = cli("ingest", url, "--follow", "--allow-private")
    assert result.exit_code == 1
    assert "entry 1" in result.stderr and "HTTP 404" in result.stderr
    assert only_article(db_path).text == BODY
