"""Ingest under pressure: two writers on one store at once, and texts longer than the analysis reads."""

import json
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time

from claimwatch.analyze import build_pipeline
from claimwatch.ingest import Ingester, normalize_draft
from claimwatch.ingest.draft import Draft
from claimwatch.settings import MAX_TEXT_CHARACTERS
from claimwatch.store import SQLiteStore

_PLACES = ["the north quay", "the ring road", "the grain silo", "the ferry slip", "the old mill", "the lock gates",
           "the fish market", "the signal box", "the tram depot", "the salt flats"]
_SPEAKERS = ["harbour master", "county council", "rail operator", "water board", "fire service", "port police",
             "ferry company", "school board", "weather office", "farmers' union"]
_VERBS = ["said", "denied", "confirmed", "reported", "warned", "announced"]
_SYLLABLES = ["ba", "ko", "ril", "mun", "te", "sav", "lo", "dri", "pa", "nek", "ul", "ves", "zi", "ram"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def _records(prefix: str, count: int) -> str:
    """count JSON Lines of invented local news, each text unlike the others."""
    rng = random.Random(prefix)
    lines = []
    for n in range(count):
        sentences = [
            f"The {rng.choice(_SPEAKERS)} {rng.choice(_VERBS)} that {rng.randint(2, 900)} people waited at "
            f"{rng.choice(_PLACES)} on day {rng.randint(1, 300)}, and {_name(rng)} met {_name(rng)} of "
            f"{_name(rng)} beside {_name(rng)}."
            for _ in range(5)
        ]
        lines.append(json.dumps({
            "id": f"{prefix}-{n}", "url": f"https://{prefix}.example.org/news/{n}", "outlet": f"{prefix}.example.org",
            "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "title": f"{_name(rng)} and the {rng.choice(_SPEAKERS)}", "text": " ".join(sentences),
        }))
    return "\n".join(lines) + "\n"


def _ingest_together(tmp_path, db_path, *options: str, count: int) -> list[subprocess.CompletedProcess]:
    commands = []
    for prefix in ("east", "west"):
        source = tmp_path / f"{prefix}.jsonl"
        source.write_text(_records(prefix, count), encoding="utf-8")
        commands.append([sys.executable, "-m", "claimwatch", "ingest", str(source), "--db", str(db_path), *options])
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    finished = []
    for process in running:
        stdout, stderr = process.communicate(timeout=600)
        finished.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return finished


def _stored_ids(db_path) -> set[str]:
    with SQLiteStore(db_path) as store:
        return {article.id for article in store.articles()}


def test_two_ingests_into_one_new_store_both_finish_with_every_record_stored(tmp_path, db_path):
    runs = _ingest_together(tmp_path, db_path, "--no-analyze", count=1500)
    assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
    assert _stored_ids(db_path) == {f"{side}-{n}" for side in ("east", "west") for n in range(1500)}


def test_two_analysing_ingests_both_finish_with_every_record_analysed_and_placed(tmp_path, db_path):
    SQLiteStore(db_path).close()
    # Placing each article encodes its statements (about 80 ms an article here): 600 a side still overlap.
    runs = _ingest_together(tmp_path, db_path, "--pipeline", "fast", count=600)
    assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
    with SQLiteStore(db_path) as store:
        ids = {article.id for article in store.articles()}
        assert ids == {f"{side}-{n}" for side in ("east", "west") for n in range(600)}
        assert all(store.get_analysis(i) is not None and store.story_of(i) is not None for i in ids)


def test_an_ingest_waits_for_a_writer_that_holds_the_store_longer_than_sqlites_busy_timeout(tmp_path, db_path):
    SQLiteStore(db_path).close()
    source = tmp_path / "north.jsonl"
    source.write_text(_records("north", 20), encoding="utf-8")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        ingest = subprocess.Popen([sys.executable, "-m", "claimwatch", "ingest", str(source), "--db", str(db_path),
                                   "--no-analyze"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in ingest.stderr], daemon=True).start()
        while "another writer is storing; waiting up to 600 s" not in lines.get(timeout=60):
            pass
        time.sleep(10.5)  # past SQLite's own busy timeout here (10 s), counted from when it began to wait
        assert ingest.poll() is None
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert ingest.wait(timeout=120) == 0, list(lines.queue)
    assert _stored_ids(db_path) == {f"north-{n}" for n in range(20)}


def test_stores_opened_at_once_on_a_new_file_all_open(tmp_path):
    db = tmp_path / "new.db"
    opening = ("import sys; from claimwatch.store import SQLiteStore; "
               "store = SQLiteStore(sys.argv[1]); print(store.schema_version); store.close()")
    running = [subprocess.Popen([sys.executable, "-c", opening, str(db)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(process.communicate(timeout=120), process.returncode) for process in running]
    assert [code for _, code in results] == [0, 0, 0, 0], [err for (_, err), _ in results]
    assert len({out for (out, _), _ in results}) == 1


def _draft(id_: str, text: str) -> Draft:
    return Draft(text=text, input=f"{id_}.txt", source=f"{id_}.txt", id=id_)


class _ProbingHook:
    """An after-batch hook that checks, while preparing, that another writer can write; and records what it saved."""

    def __init__(self, db_path, during_prepare=None) -> None:
        self.db_path = db_path
        self.during_prepare = during_prepare
        self.prepared: list[list[str]] = []
        self.saved: list[list[str]] = []

    def prepare(self, articles):
        self.prepared.append([a.id for a in articles])
        with SQLiteStore(self.db_path) as other:
            with other.transaction(wait=0.5):
                pass  # the write lock is free: the batch's transaction is not open yet
            if self.during_prepare:
                self.during_prepare(other)
        return {a.id: len(a.text) for a in articles}

    def save(self, store, articles, prepared):
        self.saved.append([a.id for a in articles if a.id in prepared])


def test_a_batch_is_prepared_while_other_writers_can_still_write(store, db_path):
    hook = _ProbingHook(db_path)
    drafts = [_draft("dam", "The dam keepers opened two sluices after a week of rain on the hills."),
              _draft("bus", "A night bus will run between the station and the hospital from March.")]
    outcomes = list(Ingester(store, after_batch=hook).ingest(drafts))
    assert [o.kind for o in outcomes] == ["added", "added"]
    assert hook.prepared == [["dam", "bus"]] and hook.saved == [["dam", "bus"]]


def test_articles_already_stored_are_not_prepared_again(store, db_path):
    drafts = [_draft("dam", "The dam keepers opened two sluices after a week of rain on the hills.")]
    list(Ingester(store).ingest(drafts))
    hook = _ProbingHook(db_path)
    copy = _draft("dam-copy", "The dam keepers opened two sluices after a week of rain on the hills.")
    outcomes = list(Ingester(store, after_batch=hook).ingest([*drafts, copy]))
    assert [o.kind for o in outcomes] == ["unchanged", "duplicate"]
    assert hook.prepared == [] and hook.saved == []


def test_an_article_another_writer_stores_meanwhile_is_a_duplicate_and_its_analysis_unused(store, db_path):
    text = "The ferry to the island will stop for repairs to its ramp during the first two weeks of May."

    def other_ingest_stores_it(other):
        list(Ingester(other).ingest([_draft("ferry-elsewhere", text)]))

    hook = _ProbingHook(db_path, during_prepare=other_ingest_stores_it)
    outcomes = list(Ingester(store, after_batch=hook).ingest([_draft("ferry", text)]))
    assert [(o.kind, o.match_id) for o in outcomes] == [("duplicate", "ferry-elsewhere")]
    assert hook.prepared == [["ferry"]] and hook.saved == []


def _long_text(characters: int) -> str:
    """Paragraphs of invented council minutes, at least characters long."""
    rng = random.Random(characters)
    paragraphs, size = [], 0
    while size < characters:
        paragraph = " ".join(
            f"Item {rng.randint(1, 999)}: the {rng.choice(_SPEAKERS)} asked about {rng.choice(_PLACES)}."
            for _ in range(rng.randint(4, 9)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_ingest_caps_the_text_at_what_the_analysis_reads():
    assert build_pipeline("fast").max_length == MAX_TEXT_CHARACTERS + 1


def test_a_text_over_the_cap_is_stored_cut_at_a_paragraph_end_with_a_note(cli, tmp_path, db_path):
    text = _long_text(MAX_TEXT_CHARACTERS + 300_000)
    source = tmp_path / "minutes.txt"
    source.write_text("Council minutes\n" + text, encoding="utf-8")
    result = cli("ingest", str(source), "--no-analyze")
    assert result.exit_code == 0, result.stderr
    assert (f"minutes.txt: text of {len(text):,} characters cut to the first" in result.stderr
            and "split the document to keep the rest" in result.stderr)
    with SQLiteStore(db_path) as store:
        [stored] = list(store.articles())
    assert MAX_TEXT_CHARACTERS - 20_000 < len(stored.text) <= MAX_TEXT_CHARACTERS
    assert text.startswith(stored.text) and text[len(stored.text):].startswith("\n\n")
    assert stored.extra["original_text_length"] == len(text)
    assert f"cut to the first {len(stored.text):,};" in result.stderr


def test_a_text_over_the_cap_without_paragraphs_is_cut_at_a_sentence_end():
    text = " ".join(f"Crate {n} was weighed at the north quay." for n in range(40_000))
    article = normalize_draft(_draft("crates", text))
    assert len(article.text) <= MAX_TEXT_CHARACTERS and article.text.endswith("at the north quay.")
    assert article.extra == {"original_text_length": len(text)}


def test_a_text_within_the_cap_is_stored_whole():
    text = _long_text(MAX_TEXT_CHARACTERS - 5_000)[:MAX_TEXT_CHARACTERS]
    article = normalize_draft(_draft("minutes", text))
    assert article.text == text.strip() and "original_text_length" not in article.extra
