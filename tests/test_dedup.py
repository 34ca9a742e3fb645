"""Exact and near-duplicates: copies are linked to the earliest original, other articles are not."""

import json

import pytest

from claimwatch.ingest import ingest_sources
from claimwatch.ingest.dedup import normalized_text, text_hash
from claimwatch.records import day_number

# The store behaviour these tests specify holds on both backends.
pytestmark = pytest.mark.backends("sqlite", "postgresql")

ORIGINAL = """Finnish police boarded the oil tanker Eagle S on Thursday, a day after the Estlink 2 power cable between Finland and Estonia stopped working.

Investigators said the ship's anchor was missing and that a drag mark ran for dozens of kilometres along the seabed of the Gulf of Finland.

The tanker, registered in the Cook Islands, had left a Russian port shortly before the outage. Finnish officials said they suspected the vessel belonged to Russia's shadow fleet, used to carry oil despite sanctions.

Fingrid, the Finnish grid operator, said repairs to the 170-kilometre cable could take until August. Four telecommunications cables were also damaged.

The Kremlin said the matter had nothing to do with Russia and declined further comment."""

SYNDICATED = """HELSINKI (Wire) - Finnish police boarded the oil tanker Eagle S on Thursday, a day after the Estlink 2 power cable between Finland and Estonia stopped working.

Investigators said the ship's anchor was missing and that a drag mark ran for dozens of kilometres along the seabed of the Gulf of Finland.

The tanker, registered in the Cook Islands, had left a Russian port shortly before the outage. Finnish officials said they suspected the vessel belonged to Russia's shadow fleet, used to carry oil despite sanctions.

Fingrid, the Finnish grid operator, said repairs to the 170-kilometre cable could take until August. Four telecommunications cables were also damaged.

The Kremlin said the matter had nothing to do with Russia and declined further comment. Estonia's prime minister called for tighter checks on ships in the Baltic."""

REWRITE = """A tanker suspected of belonging to Russia's shadow fleet was boarded by Finnish police on Thursday, one day after the Estlink 2 cable linking Finland and Estonia failed.

The Kremlin said the incident had nothing to do with Russia.

According to investigators, the vessel's anchor was missing, and a drag mark stretched for dozens of kilometres across the bed of the Gulf of Finland.

The Eagle S, flagged in the Cook Islands, had sailed from a Russian port shortly before the outage.

Repairs to the 170-kilometre power link could last until August, grid operator Fingrid said, adding that four telecoms cables were damaged as well."""

SAME_STORY_OTHER_NEWS = """Finland's customs service said on Monday that the tanker Eagle S, held since Christmas, was carrying unleaded petrol loaded in a Russian port, and that its cargo would be inspected.

The ship's crew of 24 were questioned by investigators; eight of them were barred from leaving Finland while the inquiry into the damaged Estlink 2 cable continues.

NATO said it would send more ships and patrol aircraft to the Baltic Sea under a new mission, Baltic Sentry, to protect undersea cables and pipelines.

The Finnish navy recovered an anchor from the seabed of the Gulf of Finland last week, at the end of a long drag mark, and said it was examining whether it came from the Eagle S."""


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def record(id_, text, published, outlet):
    return {"id": id_, "text": text, "published": published, "outlet": outlet, "title": id_,
            "url": f"https://{outlet}/{id_}"}


def ingest(store, tmp_path, *records, name="batch"):
    return ingest_sources(store, [write_jsonl(tmp_path / f"{name}.jsonl", records)])


def test_normalised_text_ignores_case_quotes_and_spacing():
    assert normalized_text("“Cable”  CUT\n\tnear\u00a0Porvoo") == normalized_text('"cable" cut near porvoo')
    assert text_hash("A  B") == text_hash("a b")


def test_exact_duplicate_is_stored_once_and_its_source_remembered(store, tmp_path):
    report = ingest(store, tmp_path, record("a", ORIGINAL, "2024-12-26", "first.com"),
                    record("b", ORIGINAL.upper(), "2024-12-26", "second.com"))
    assert (report.added, report.duplicates) == (1, 1)
    sightings = store._conn.execute("SELECT article_id, outlet FROM article_sources").fetchall()
    assert [tuple(row) for row in sightings] == [("a", "second.com")]


@pytest.mark.parametrize("copy", [SYNDICATED, REWRITE], ids=["syndicated", "rewrite"])
def test_copy_is_stored_and_linked_to_its_original(store, tmp_path, copy):
    report = ingest(store, tmp_path, record("orig", ORIGINAL, "2024-12-26", "first.com"),
                    record("copy", copy, "2024-12-27", "second.com"))
    assert (report.added, report.near_duplicates) == (2, 1)
    assert store.get_article("copy").duplicate_of == "orig"
    assert store.get_article("orig").duplicate_of is None


def test_other_news_on_the_same_story_is_not_a_duplicate(store, tmp_path):
    ingest(store, tmp_path, record("orig", ORIGINAL, "2024-12-26", "first.com"),
           record("later", SAME_STORY_OTHER_NEWS, "2024-12-30", "second.com"))
    assert store.get_article("later").duplicate_of is None


def test_look_alike_weeks_later_is_not_a_copy(store, tmp_path):
    ingest(store, tmp_path, record("orig", ORIGINAL, "2024-12-26", "first.com"),
           record("anniversary", SYNDICATED, "2025-02-20", "second.com"))
    assert store.get_article("anniversary").duplicate_of is None


def test_copies_arriving_before_their_original_are_relinked_to_it(store, tmp_path):
    ingest(store, tmp_path, record("copy1", SYNDICATED, "2024-12-27", "second.com"),
           record("copy2", REWRITE, "2024-12-28", "third.com"), name="copies")
    ingest(store, tmp_path, record("orig", ORIGINAL, "2024-12-26", "first.com"), name="original")
    assert store.get_article("orig").duplicate_of is None
    assert store.get_article("copy1").duplicate_of == "orig"
    assert store.get_article("copy2").duplicate_of == "orig"


def test_reingesting_the_same_sources_changes_nothing(store, tmp_path):
    records = [record("orig", ORIGINAL, "2024-12-26", "first.com"), record("copy", REWRITE, "2024-12-27", "b.com")]
    ingest(store, tmp_path, *records)
    before = [a.to_dict() for a in store.articles()]
    report = ingest(store, tmp_path, *records)
    assert (report.added, report.unchanged, report.failed) == (0, 2, 0)
    assert [a.to_dict() for a in store.articles()] == before


@pytest.mark.parametrize(("published", "day"), [
    ("1970-01-02", 1), ("2024-12-26", 20083), ("2024-12", None), (None, None), ("2024-02-30", None),
])
def test_day_number_is_known_only_for_full_dates(published, day):
    assert day_number(published) == day
