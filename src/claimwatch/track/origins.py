"""Where a statement comes from once copies and citations are followed back.

Twenty rewrites of one anonymous source are one source. A named speaker
("Jake Sullivan", "Ukraine's defence ministry") is the origin wherever the
words are reported; an outlet cited for its reporting ("according to TV
Chosun", "the NIS told Reuters") is the origin of an unnamed claim; an
unnamed claim no one is cited for belongs to the outlet that first ran it,
so a near-duplicate counts as its original.
"""

from __future__ import annotations

import re

from ..records import Statement

__all__ = ["origin_and_chain"]

_NAMED_KINDS = {"named_official", "government_body", "intelligence_agency", "expert"}
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TOLD = re.compile(r"\b(?:told|telling|tells|in an interview with|speaking to)\s+((?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})")
_ANONYMOUS_CITED = re.compile(r"\b(unnamed|anonymous|sources?|officials?|people|diplomats?|insiders?)\b",
                              re.IGNORECASE)


def _name(text: str) -> str:
    return _LEADING.sub("", text.strip().strip("\"“”'‘’,.")).lower()


def origin_and_chain(statement: Statement, outlet: str | None, original_outlet: str | None,
                     outlets_named: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The statement's origin key and its chain: outlet → cited outlet → original source.

    original_outlet is the outlet of the article this one copies, when it is a
    near-duplicate; outlets_named are the news outlets its sentence names, in
    lower case: only those can be who a source "told".
    """
    source = statement.source
    kind = statement.source_kind
    cited = statement.cited
    told = _TOLD.search(statement.sentence or "")
    told_outlet = told.group(1).rstrip(".,;:'’") if told else None
    if told_outlet and _name(told_outlet) not in outlets_named:
        told_outlet = None  # "told lawmakers", "told South Korean reporters": not an outlet
    intermediary = cited if cited and not _ANONYMOUS_CITED.search(cited) else told_outlet
    chain = [outlet or "unknown outlet"]
    if original_outlet and original_outlet != outlet:
        chain.append(original_outlet)
    if intermediary and _name(intermediary) not in {_name(c) for c in chain}:
        chain.append(intermediary)
    if source and _name(source) not in {_name(c) for c in chain}:
        chain.append(source)
    if kind in ("government_body", "intelligence_agency") and statement.source_actor:
        actor = statement.source_actor
        # "Russia denied", "Moscow denied", "the Kremlin denied": one government.
        return f"source:{actor}GOV" if len(actor) == 3 and kind == "government_body" else f"source:{actor}", chain
    if kind in _NAMED_KINDS and source:
        return f"source:{statement.source_actor or ''}:{_speaker(source, kind)}", chain
    if kind == "media_outlet" and source:
        return f"outlet:{_name(source)}", chain
    if intermediary:
        return f"outlet:{_name(intermediary)}", chain
    return f"outlet:{(original_outlet or outlet or 'unknown').lower()}", chain


def _speaker(source: str, kind: str) -> str:
    """A named person by surname ("Jake Sullivan", "Sullivan" alike); a body by its name."""
    name = _name(source)
    if kind in ("named_official", "expert") and name.split():
        return name.split()[-1]
    return name
