"""`claimwatch analyze`: the output contract, the text view, and bad input."""

import json

import pytest

from tests.analysis_helpers import analyse

ARTICLE = {"id": "nk-1", "url": "https://example.com/2024/10/18/nk", "outlet": "example.com",
           "published": "2024-10-18", "title": "Seoul says North Korea sent troops",
           "text": "South Korea's spy agency said on Friday that North Korea had sent 1,500 special forces to "
                   "Russia. The Kremlin dismissed the report as fake news."}


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n")
    return str(path)


def test_jsonl_output_meets_the_contract(cli, corpus):
    result = cli("analyze", corpus, "--format", "jsonl", db=False)
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    analysis = json.loads(line)
    assert analysis["id"] == "nk-1" and analysis["countries"] == ["KOR", "PRK", "RUS"]
    assert {"text", "code", "country", "kind", "start", "end"} <= set(analysis["actors"][0])
    assert {"value", "unit", "subject", "approx", "text", "start", "end"} <= set(analysis["figures"][0])
    statement = analysis["statements"][0]
    assert {"sentence", "start", "end", "source", "source_actor", "source_country", "source_kind", "stance",
            "cue", "proposition"} <= set(statement)
    assert set(statement["proposition"]) == {"subject", "predicate", "object", "location"}
    assert {"code", "actor1", "actor2", "location", "date", "sentence"} <= set(analysis["events"][0])
    text = ARTICLE["text"]
    for item in analysis["statements"]:
        assert text[item["start"]:item["end"]] == item["sentence"] and item["cue"] in item["sentence"]
    assert isinstance(analysis["anonymous_source"], bool)


def test_both_pipelines_can_be_chosen(cli, corpus):
    fast = json.loads(cli("analyze", corpus, "--pipeline", "fast", db=False).stdout)
    assert fast["pipeline"] == "fast" and fast["statements"]


def test_text_view_marks_stance_and_source(cli, corpus):
    shown = cli("analyze", corpus, "--format", "text", db=False).stdout
    assert "[denies]" in shown and "[asserts]" in shown and "intelligence_agency" in shown


def test_ingest_stores_the_analysis_beside_the_article(cli, corpus):
    assert cli("ingest", corpus).exit_code == 0
    shown = json.loads(cli("show", "nk-1", "--format", "json").stdout)
    assert shown["analysis"]["countries"] == ["KOR", "PRK", "RUS"]


def test_unreadable_source_fails_but_others_are_analysed(cli, corpus, tmp_path):
    result = cli("analyze", str(tmp_path / "missing.jsonl"), corpus, db=False)
    assert result.exit_code == 1 and "missing.jsonl" in result.stderr
    assert json.loads(result.stdout)["id"] == "nk-1"


def test_empty_text_is_noted():
    assert analyse("   ").notes == ["empty text: nothing to analyse"]


def test_other_language_is_recognised_and_marked():
    analysis = analyse("Die Regierung in Moskau bestritt, dass 12.000 Soldaten entsandt wurden.", language="de")
    assert analysis.statements == [] and "not English" in analysis.notes[0]


def test_markup_leftovers_are_ignored_and_offsets_kept():
    text = "<p>The Kremlin <b>denied</b> the report.</p>"
    analysis = analyse(text)
    assert analysis.notes == ["markup in the text was ignored"]
    [statement] = analysis.statements
    assert statement.stance == "denies" and text[statement.start:statement.end] == statement.sentence


@pytest.mark.timeout(60)
def test_five_megabyte_article_is_cut_and_noted():
    text = "The Kremlin denied the report about the troops. " * 110_000
    analysis = analyse(text, "fast")
    assert any("text cut at 1,000,000" in note for note in analysis.notes)


@pytest.mark.timeout(60)
def test_very_long_sentence_does_not_hang():
    text = "Officials said " + ", ".join(f"unit {i} moved" for i in range(3000)) + ". The Kremlin denied it."
    analysis = analyse(text)
    assert [s.sentence for s in analysis.statements] == ["The Kremlin denied it."]
    assert any("run-on sentences" in note for note in analysis.notes)


def test_two_processes_give_the_same_analyses_in_order():
    from claimwatch.analyze import Analyzer
    from claimwatch.records import Article

    articles = [Article(id=f"a{i}", text=f"The Kremlin denied that {i + 2} drones were sent. Seoul said "
                        f"{i + 100} troops had left.", published="2024-10-01", language="en") for i in range(6)]
    analyzer = Analyzer("fast")
    alone = [a.to_dict() for a in analyzer.analyze_many(articles)]
    assert [a.to_dict() for a in analyzer.analyze_many(articles, n_process=2, batch_size=2)] == alone
