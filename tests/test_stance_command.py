"""`claimwatch stance`: each article's stance toward the claim beside it, and the statements that carry it."""

import json
import subprocess
import sys

STORM = {"id": "storm-1", "url": "https://example.com/2025/03/02/storm", "outlet": "example.com",
         "published": "2025-03-02", "title": "Harbour authority denies that the storm sank the ferry",
         "text": "Posts online claimed that the storm sank the ferry near the harbour. The harbour authority "
                 "denied that the ferry sank and called the posts false. The ferry docked safely on Sunday, "
                 "the captain said."}
LIBRARY = {"id": "library-1", "url": "https://example.com/2025/03/02/library", "outlet": "example.com",
           "published": "2025-03-02", "title": "Libraries get more money",
           "text": "The city council approved a new budget for public libraries on Tuesday. Opening hours will be "
                   "extended in the winter months, a spokesperson said."}


def write_pairs(tmp_path, *records):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(line if isinstance(line, str) else json.dumps(line) + "\n" for line in records))
    return str(path)


def lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_each_pair_gets_its_stance_and_carrying_statements(cli, tmp_path):
    pairs = write_pairs(tmp_path, {**STORM, "claim": "The storm sank the ferry"})
    result = cli("stance", pairs, "--format", "jsonl", db=False)
    assert result.exit_code == 0, result.stderr
    [line] = lines(result)
    assert line["id"] == "storm-1" and line["stance"] == "denies"
    assert line["statements"]
    for statement in line["statements"]:
        assert {"sentence", "start", "end", "source", "stance"} <= set(statement)
        assert STORM["text"][statement["start"]:statement["end"]] == statement["sentence"]


def test_an_article_on_another_matter_is_unrelated(cli, tmp_path):
    pairs = write_pairs(tmp_path, {**LIBRARY, "claim": "The storm sank the ferry"})
    [line] = lines(cli("stance", pairs, "--format", "jsonl", db=False))
    assert line == {"id": "library-1", "stance": "unrelated", "statements": []}


def test_one_body_is_judged_toward_each_pairs_own_claim(cli, tmp_path):
    pairs = write_pairs(tmp_path, {**STORM, "id": "a", "claim": "The storm sank the ferry"},
                        {**STORM, "id": "b", "claim": "The city council approved a library budget"})
    by_id = {line["id"]: line["stance"] for line in lines(cli("stance", pairs, "--format", "jsonl", db=False))}
    assert by_id == {"a": "denies", "b": "unrelated"}


def test_bad_lines_are_named_and_the_rest_goes_on(cli, tmp_path):
    pairs = write_pairs(tmp_path, "{not json\n", {**LIBRARY, "id": "no-claim"},
                        {**LIBRARY, "claim": "Libraries will open longer in winter"})
    result = cli("stance", pairs, "--format", "jsonl", db=False)
    assert result.exit_code == 1
    assert [line["id"] for line in lines(result)] == ["library-1"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "pairs.jsonl:1" in errors[0] and "invalid JSON" in errors[0]
    assert "pairs.jsonl:2" in errors[1] and "claim" in errors[1]


def test_json_format_wraps_the_lines(cli, tmp_path):
    pairs = write_pairs(tmp_path, {**LIBRARY, "claim": "The storm sank the ferry"})
    printed = json.loads(cli("stance", pairs, "--format", "json", db=False).stdout)
    assert printed == {"stances": [{"id": "library-1", "stance": "unrelated", "statements": []}]}


def test_the_installed_command_reads_pairs(tmp_path):
    pairs = write_pairs(tmp_path, {**LIBRARY, "claim": "Libraries will open longer in winter"})
    done = subprocess.run([sys.executable, "-m", "claimwatch", "stance", pairs, "--format", "jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [line] = [json.loads(text) for text in done.stdout.splitlines()]
    assert line["id"] == "library-1" and line["stance"] in ("asserts", "confirms", "speculates", "unverified")
