"""Which statements and claims a watch is about."""

from __future__ import annotations

from ..records import Evidence, Watch

__all__ = ["about_claim", "matches_statement"]


def _actor_fits(watched: str, code: str | None) -> bool:
    """RUSGOV fits RUSGOV; a bare country (RUS) fits every actor of that country."""
    if not code:
        return False
    return code == watched or (len(watched) == 3 and code[:3] == watched)


def about_claim(watch: Watch, proposition_id: str | None, story_id: str | None, subject: str | None,
                object_: str | None, label: str | None) -> bool:
    """Whether the claim is one the watch names: its id, its story, an actor in it or a word of its label."""
    if watch.proposition is not None and proposition_id != watch.proposition:
        return False
    if watch.story is not None and story_id != watch.story:
        return False
    if watch.actors and not any(_actor_fits(a, subject) or _actor_fits(a, object_) for a in watch.actors):
        return False
    if watch.keywords and not any(k.casefold() in (label or "").casefold() for k in watch.keywords):
        return False
    return True


def matches_statement(watch: Watch, evidence: Evidence, proposition_id: str | None, story_id: str | None,
                      subject: str | None, object_: str | None, label: str | None) -> bool:
    """Whether a new statement is one the watch asks for.

    Actors match the speaker or the claim's subject or object; keywords match the sentence
    or the claim's label; stances and source kinds narrow what is left.
    """
    if watch.proposition is not None and proposition_id != watch.proposition:
        return False
    if watch.story is not None and story_id != watch.story:
        return False
    if watch.stances and evidence.stance not in watch.stances:
        return False
    if watch.source_kinds and evidence.source_kind not in watch.source_kinds:
        return False
    if watch.actors and not any(_actor_fits(a, code) for a in watch.actors
                                for code in (evidence.source_actor, evidence.source_country, subject, object_)):
        return False
    text = f"{evidence.sentence} {label or ''}".casefold()
    return not watch.keywords or any(k.casefold() in text for k in watch.keywords)
