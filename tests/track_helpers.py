"""Articles with hand-made analyses, tracked in a real store, and evidence for the status rules.

These helpers build analyses as the dict `claimwatch analyze` prints, from plain
sentences, so that tracking tests do not depend on what an analysis pipeline
happens to extract; track() hands the tracker the Analysis record it decodes to.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from claimwatch.records import Analysis, Article, Evidence, PropositionKey, ReportedFigure, day_number
from claimwatch.store import Store
from claimwatch.track import Tracker

# Names the hand-made analyses recognise: text → (code, country, kind).
ACTORS: dict[str, tuple[str, str | None, str]] = {
    "North Korea": ("PRK", "PRK", "country"),
    "Pyongyang": ("PRKGOV", "PRK", "government_body"),
    "Russia": ("RUS", "RUS", "country"),
    "Kremlin": ("RUSGOV", "RUS", "government_body"),
    "Kursk": ("RUS", "RUS", "place"),
    "Pentagon": ("USAMIL", "USA", "government_body"),
    "Seoul": ("KORGOV", "KOR", "government_body"),
    "South Korea": ("KOR", "KOR", "country"),
    "spy agency": ("KORSPY", "KOR", "intelligence_agency"),
    "Ukraine": ("UKR", "UKR", "country"),
    "Chile": ("CHL", "CHL", "country"),
    "Peru": ("PER", "PER", "country"),
    "Valparaiso": ("CHL", "CHL", "place"),
}


def statement(sentence: str, *, stance: str = "asserts", kind: str = "unattributed", source: str | None = None,
              actor: str | None = None, country: str | None = None, subject: str | None = None,
              predicate: str | None = None, object: str | None = None, location: str | None = None,
              cited: str | None = None, cue: str | None = "said") -> dict[str, Any]:
    """One statement as the analyze stage gives it; report() fills in its offsets."""
    return {"sentence": sentence, "start": 0, "end": 0, "source": source, "source_actor": actor,
            "source_country": country, "source_kind": kind, "stance": stance, "cue": cue, "cited": cited,
            "proposition": {"subject": subject, "predicate": predicate, "object": object, "location": location}}


def report(article_id: str, published: str | None, outlet: str, *statements: dict[str, Any],
           title: str | None = None, background: str = "", duplicate_of: str | None = None,
           figures: list[dict[str, Any]] | None = None) -> tuple[Article, dict[str, Any]]:
    """An article made of these statements (then the background text), and its analysis."""
    parts, placed, offset = [], [], 0
    for item in statements:
        parts.append(item["sentence"])
        placed.append({**item, "start": offset, "end": offset + len(item["sentence"]),
                       **_spans(item, offset)})
        offset += len(item["sentence"]) + 1
    text = " ".join([*parts, background]).strip()
    actors = []
    for name, (code, country, kind) in ACTORS.items():
        start = text.find(name)
        while start != -1:
            actors.append({"text": name, "code": code, "country": country, "kind": kind,
                           "start": start, "end": start + len(name)})
            start = text.find(name, start + 1)
    actors.sort(key=lambda a: a["start"])
    article = Article(id=article_id, text=text, title=title, outlet=outlet, published=published, language="en",
                      source=f"{article_id}.jsonl", url=f"https://{outlet}/{article_id}",
                      text_hash=hashlib.sha256(f"{article_id}\n{text}".encode()).hexdigest(),
                      duplicate_of=duplicate_of)
    analysis = {"id": article_id, "language": "en", "pipeline": "hand",
                "countries": sorted({a["country"] for a in actors if a["country"]}), "actors": actors,
                "figures": figures or [], "statements": placed, "anonymous_source": False, "events": [],
                "notes": []}
    return article, analysis


def _spans(item: dict[str, Any], offset: int) -> dict[str, Any]:
    """Where the statement's source and its attribution verb stand in the text, as the analysis gives them."""
    sentence, spans = item["sentence"], {}
    source_at = sentence.find(item["source"]) if item.get("source") else -1
    if source_at >= 0:
        spans |= {"source_start": offset + source_at, "source_end": offset + source_at + len(item["source"])}
    verb = re.search(r"\b(said|says|denied|called|confirmed)\b", sentence)
    if verb:
        spans |= {"attribution_cue": verb.group(), "attribution_cue_start": offset + verb.start(),
                  "attribution_cue_end": offset + verb.end()}
    return spans


def figure(value: float, unit: str, subject: str, text: str, *, high: float | None = None,
           approx: str | None = None) -> dict[str, Any]:
    return {"value": value, "high": high, "unit": unit, "subject": subject, "approx": approx, "text": text,
            "start": 0, "end": len(text)}


def stored(store: Store, article: Article) -> Article:
    """The article, stored (tracked articles must exist in the store)."""
    with store.transaction():
        store.insert_article(article, b"", [], day_number(article.published))
    return article


def track(store: Store, article: Article, analysis: dict[str, Any], tracker: Tracker | None = None) -> str:
    """Store the article if it is new, place it, and return its story id."""
    if store.get_article(article.id) is None:
        stored(store, article)
    with store.transaction():
        return (tracker or Tracker(store, store)).track(article, Analysis.from_dict(analysis))


def evidence(stance: str, kind: str, *, country: str | None = None, date: str | None = "2024-10-18",
             origin: str | None = None, claim: PropositionKey = PropositionKey("PRK", "supply", "RUS"),
             source: str | None = None, outlet: str = "wire.example.com", article_id: str = "a1",
             sentence: str = "") -> Evidence:
    """A statement about a claim as the status rules read it (the claim's subject here is PRK)."""
    return Evidence(article_id, date, outlet, source, None, country, kind, stance, "said",
                    sentence or f"{source or 'someone'} {stance} it", origin or f"outlet:{outlet}",
                    [outlet], claim)


def reported_figure(value: float, outlet: str, date: str, *, high: float | None = None,
                    unit: str = "troops") -> ReportedFigure:
    return ReportedFigure(date, f"{outlet}-{date}", outlet, value, high, unit, "PRKMIL", None, f"{value:,.0f} {unit}")
