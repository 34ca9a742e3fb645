"""`claimwatch stories`, `story`, `timeline` and `track` on a developing story ingested with the fast pipeline."""

import csv
import io
import json

import pytest

SPY = ("South Korea's spy agency said on Friday that North Korea had sent 1,500 special forces to Russia. "
       "The agency said the soldiers were flown from Pyongyang to Vladivostok on Russian transport planes and "
       "were being trained at bases in the far east of Russia. "
       "Moscow denied that North Korea had sent 1,500 special forces to Russia.")


def record(article_id, outlet, published, title, text):
    return {"id": article_id, "url": f"https://{outlet}/{published.replace('-', '/')}/{article_id}",
            "outlet": outlet, "published": published, "title": title, "text": text}


# North Korean troops for Russia, told over five weeks: a rumour, a spy agency's report (and a syndicated
# copy of it), a confirmation from Washington, a denial from Pyongyang, then its admission; a dock strike
# in Chile beside it; and a report of losses three months later, after the story has gone quiet.
RECORDS = [
    record("nk-rumour", "harbour-gazette.example.com", "2024-10-16", "North Korean troops may be headed for Russia",
           "North Korean soldiers may soon be sent to Russia to help its war against Ukraine, a senior official "
           "said on condition of anonymity. The troops could be trained at bases near Vladivostok before moving "
           "to the front. Pyongyang and Moscow signed a mutual defence treaty in June."),
    record("nk-spy", "seoul-daily.example.com", "2024-10-18",
           "Seoul's spies say North Korea sent special forces to Russia", SPY),
    record("nk-copy", "coastal-times.example.net", "2024-10-18",
           "North Korea sent special forces to Russia, Seoul says",
           "SEOUL (Wire) - " + SPY + " Ukraine said the troops could reach the front within weeks."),
    record("port-1", "andes.example.cl", "2024-10-20", "Dockers strike at Chile's biggest port",
           "Dock workers at Valparaiso walked out over pay on Sunday, leaving container ships waiting offshore. "
           "Exporters of copper and fruit warned of heavy losses. The dockers' union said the strike would last "
           "at least a week."),
    record("port-2", "pacific-trade.example.com", "2024-10-22", "Mediators called in as Valparaiso strike drags on",
           "Chile's labour ministry appointed two mediators on Tuesday to end the dock workers' strike at "
           "Valparaiso, now in its third day. Container ships are still waiting offshore, and exporters say fruit "
           "bound for Asia will rot on the quays. The dockers' union said its members would stay out until the "
           "pay talks resume."),
    record("nk-pentagon", "capital-post.example.org", "2024-10-23",
           "Pentagon confirms North Korean troops are in Russia",
           "The Pentagon said on Wednesday that North Korea had deployed about 3,000 soldiers to Russia. "
           "Defence Secretary Lloyd Austin told reporters there is evidence that North Korean troops are "
           "in Russia."),
    record("nk-denial", "wire.example.com", "2024-10-25", "North Korea denies sending troops to Russia",
           "North Korea denied sending troops to Russia. Pyongyang's foreign ministry called the reports "
           "groundless rumours spread by its enemies."),
    record("nk-ack", "harbour-gazette.example.com", "2024-11-20", "North Korea admits its troops are in Russia",
           "Pyongyang admitted for the first time that it had sent troops to Russia, saying its soldiers were "
           "fighting alongside Russian forces in Kursk under the mutual defence treaty signed in June."),
    record("nk-losses", "capital-post.example.org", "2025-02-10", "Heavy losses for North Korean units in Kursk",
           "Ukraine said North Korean troops fighting for Russia in Kursk had lost about 4,000 soldiers, killed "
           "or wounded. Seoul said North Korea had sent more soldiers to Russia in January."),
]
TROOP_IDS = ["nk-rumour", "nk-spy", "nk-copy", "nk-pentagon", "nk-denial", "nk-ack", "nk-losses"]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "story.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    return str(path)


@pytest.fixture
def ingested(cli, corpus):
    result = cli("ingest", corpus, "--pipeline", "fast")
    assert result.exit_code == 0, result.stderr
    return json.loads(cli("stories", "--format", "json").stdout)


def story_with(report, article_id):
    return next(s for s in report["stories"] if article_id in s["articles"])


def main_claim(report):
    return story_with(report, "nk-spy")["propositions"][0]


def test_stories_json_meets_the_contract(ingested):
    assert set(ingested) == {"stories", "duplicates"}
    for story in ingested["stories"]:
        assert {"id", "title", "articles", "propositions"} <= set(story)
        for claim in story["propositions"]:
            assert {"id", "label", "status", "statements", "independent_sources", "figures"} <= set(claim)
            for item in claim["statements"]:
                assert {"article_id", "date", "source", "source_country", "source_kind", "stance",
                        "sentence"} <= set(item)
    assert ingested["duplicates"] == [{"id": "nk-copy", "duplicate_of": "nk-spy"}]


def test_ingest_groups_the_articles_into_their_stories(ingested):
    # The report of heavy losses comes after weeks of quiet, but restates the claim: the story goes on.
    assert sorted(sorted(s["articles"]) for s in ingested["stories"]) == [sorted(TROOP_IDS), ["port-1", "port-2"]]
    story = story_with(ingested, "nk-spy")
    assert story["title"] == "North Korean troops may be headed for Russia"
    assert story["articles"] == TROOP_IDS


def test_the_claim_climbs_the_ladder_with_a_denial_beside_it(ingested):
    claim = main_claim(ingested)
    # Labelled by what its statements say, without who says it.
    assert claim["label"] == "North Korea had sent 1,500 special forces to Russia"
    assert (claim["status"], claim["denied"]) == ("acknowledged", True)
    assert [(c["date"], c["status"]) for c in claim["status_changes"]] == [
        ("2024-10-16", "speculated"), ("2024-10-18", "reported"), ("2024-10-18", "denied"),
        ("2024-10-23", "confirmed"), ("2024-11-20", "acknowledged")]
    # The spy agency (and its copy), the Pentagon and its secretary, Pyongyang's own admission, and
    # in February Ukraine and Seoul.
    assert claim["independent_sources"] == 6
    assert sorted({(f["value"], f["article_id"]) for f in claim["figures"] if f["article_id"] != "nk-copy"}) == [
        (1500, "nk-spy"), (3000, "nk-pentagon"), (4000, "nk-losses")]


def test_stories_table_lists_each_story_with_its_main_claim(cli, ingested):
    table = cli("stories").stdout
    assert "2 stories" in table
    for story in ingested["stories"]:
        assert story["id"] in table and story["title"] in table
    assert "acknowledged" in table and "North Korea had sent 1,500 special forces to Russia" in table


def test_story_prints_its_title_and_each_claims_status_changes(cli, ingested):
    story = story_with(ingested, "nk-spy")
    result = cli("story", story["id"])
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    assert shown.startswith("North Korean troops may be headed for Russia\n")
    assert f"{story['id']} · 2024-10-16 to 2025-02-10 · 7 articles from 5 outlets" in shown
    assert "North Korea had sent 1,500 special forces to Russia" in shown and "acknowledged · denied" in shown
    for day in ("2024-10-16", "2024-10-18", "2024-10-23", "2024-11-20"):
        assert day in shown
    assert "RUS: 2 denials by Moscow, first 2024-10-18, against KOR (" in shown


def test_story_shows_claims_stated_once_only_when_asked(cli, ingested):
    story = story_with(ingested, "nk-losses")
    assert "claims stated once; --all shows them" in cli("story", story["id"]).stdout
    shown = cli("story", story["id"], "--all").stdout
    assert all(claim["label"] in shown for claim in story["propositions"])


def test_story_takes_its_options_before_the_id(cli, ingested, db_path):
    story = story_with(ingested, "nk-spy")
    result = cli("story", "--db", str(db_path), "--format", "json", story["id"], db=False)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["articles"] == TROOP_IDS


def test_story_merge_says_what_it_did_and_keeps_the_stories_together(cli, ingested):
    kept, absorbed = story_with(ingested, "nk-spy")["id"], story_with(ingested, "port-1")["id"]
    result = cli("story", "merge", kept, absorbed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"merged {absorbed} into {kept}: 9 articles"
    after = json.loads(cli("stories", "--format", "json").stdout)
    assert story_with(after, "port-1")["id"] == kept and len(after["stories"]) == 1
    assert json.loads(cli("story", absorbed, "--format", "json").stdout)["id"] == kept


def test_story_split_says_what_it_did_and_moves_the_articles(cli, ingested):
    story = story_with(ingested, "nk-spy")["id"]
    result = cli("story", "split", story, "--articles", "nk-denial,nk-ack")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"split 2 articles from {story} into s")
    new = result.stdout.split()[-1]
    after = json.loads(cli("stories", "--format", "json").stdout)
    assert story_with(after, "nk-ack")["id"] == new and story_with(after, "nk-ack")["articles"] == [
        "nk-denial", "nk-ack"]
    assert story_with(after, "nk-spy")["articles"] == ["nk-rumour", "nk-spy", "nk-copy", "nk-pentagon", "nk-losses"]
    assert main_claim(after)["status"] == "confirmed"


def test_story_split_counts_an_article_given_twice_once(cli, ingested):
    story = story_with(ingested, "nk-spy")["id"]
    result = cli("story", "split", story, "--articles", "nk-ack,nk-denial", "--articles", "nk-ack")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"split 2 articles from {story} into s")


def test_timeline_json_is_the_claim_across_stories(cli, ingested):
    claim = main_claim(ingested)
    timeline = json.loads(cli("timeline", claim["id"], "--format", "json").stdout)
    assert (timeline["id"], timeline["label"], timeline["status"]) == (claim["id"], claim["label"], "acknowledged")
    assert [s["article_id"] for s in timeline["statements"]] == [s["article_id"] for s in claim["statements"]]
    assert timeline["figure_summary"]["troops"]["lowest"]["value"] == 1500


def test_timeline_csv_has_a_header_and_one_row_per_statement(cli, ingested):
    claim = main_claim(ingested)
    statements = json.loads(cli("timeline", claim["id"], "--format", "json").stdout)["statements"]
    rows = list(csv.DictReader(io.StringIO(cli("timeline", claim["id"], "--format", "csv").stdout)))
    assert [(r["article_id"], r["stance"]) for r in rows] == [(s["article_id"], s["stance"]) for s in statements]
    assert rows[0]["proposition_id"] == claim["id"] and rows[0]["date"] == "2024-10-16"
    assert {"date", "article_id", "outlet", "source", "stance", "origin", "chain", "sentence"} <= set(rows[0])
    spy = next(r for r in rows if r["article_id"] == "nk-copy" and r["stance"] == "asserts")
    assert spy["chain"] == "coastal-times.example.net > seoul-daily.example.com > South Korea's spy agency"


@pytest.mark.parametrize(("day", "status", "denied"), [
    ("2024-10-17", "speculated", False), ("2024-10-20", "reported", True), ("2024-10-23", "confirmed", True),
    ("2024-12-01", "acknowledged", True)])
def test_timeline_at_a_day_gives_the_status_as_it_stood(cli, ingested, day, status, denied):
    claim = main_claim(ingested)
    timeline = json.loads(cli("timeline", claim["id"], "--at", day, "--format", "json").stdout)
    assert (timeline["status"], timeline["denied"]) == (status, denied)
    assert all(s["date"] <= day for s in timeline["statements"])


def test_timeline_at_refuses_what_is_not_a_day(cli, ingested):
    result = cli("timeline", main_claim(ingested)["id"], "--at", "soon")
    assert result.exit_code == 2 and "--at 'soon' is not a date" in result.stderr


@pytest.mark.parametrize("args", [
    ("story", "s000000000"), ("story", "merge", "s000000000", "STORY"), ("story", "merge", "STORY", "s000000000"),
    ("story", "split", "s000000000", "--articles", "nk-spy"), ("timeline", "s000000000")])
def test_an_unknown_id_is_one_error_line_naming_it(cli, ingested, args):
    story = story_with(ingested, "nk-spy")["id"]
    result = cli(*(story if a == "STORY" else a for a in args))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "s000000000: no such" in line


def test_ingest_without_analysis_then_track_places_every_article(cli, corpus):
    assert cli("ingest", corpus, "--no-analyze").exit_code == 0
    assert json.loads(cli("stories", "--format", "json").stdout)["stories"] == []
    result = cli("track", "--pipeline", "fast")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"tracked {len(RECORDS)} articles; 2 stories in ")
    report = json.loads(cli("stories", "--format", "json").stdout)
    assert sorted(a for s in report["stories"] for a in s["articles"]) == sorted(r["id"] for r in RECORDS)
    assert main_claim(report)["status"] == "acknowledged"
    assert cli("track", "--pipeline", "fast").stdout.startswith("tracked 0 articles; 2 stories")
