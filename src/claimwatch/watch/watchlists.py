"""Watches from what the user typed: actor names resolved to codes, stances and source kinds checked."""

from __future__ import annotations

import re
from functools import cache

from ..errors import ClaimwatchError
from ..lexicon import actor_names
from ..records import Watch
from ..vocabulary import SOURCE_KINDS, STANCES

__all__ = ["resolve_actor", "watch_from_options"]

_CODE = re.compile(r"^[A-Z]{3,8}$")


@cache
def _codes_by_name() -> dict[str, str]:
    return {name.casefold(): code for code, name in actor_names().items()}


def resolve_actor(text: str) -> str:
    """An actor code (RUSGOV, RUS, NATO) as given, or the code of a known name (Russia → RUS)."""
    value = text.strip()
    if _CODE.match(value):
        return value
    code = _codes_by_name().get(value.casefold())
    if code is None:
        raise ClaimwatchError(f"--actor {text!r}: not an actor code (RUSGOV, PRKMIL, NATO) nor a known name; "
                              "give a code, or a country or body by name (Russia, the Pentagon)")
    return code


def watch_from_options(name: str, *, actors: list[str], keywords: list[str], proposition: str | None,
                       story: str | None, stances: list[str], source_kinds: list[str]) -> Watch:
    """A checked Watch; a bad name, stance or kind is refused with what to give instead."""
    if not re.match(r"^[\w.-]{1,80}$", name):
        raise ClaimwatchError(f"watch name {name!r}: use letters, digits, '.', '_' or '-' (up to 80)")
    for stance in stances:
        if stance not in STANCES:
            raise ClaimwatchError(f"--stance {stance!r}: use one of {', '.join(STANCES)}")
    for kind in source_kinds:
        if kind not in SOURCE_KINDS:
            raise ClaimwatchError(f"--source-kind {kind!r}: use one of {', '.join(SOURCE_KINDS)}")
    if not (actors or keywords or proposition or story):
        raise ClaimwatchError(f"watch {name}: say what to watch: --actor, --keyword, --proposition or --story")
    return Watch(name=name, actors=[resolve_actor(a) for a in actors], keywords=[k for k in keywords if k.strip()],
                 proposition=proposition, story=story, stances=stances, source_kinds=source_kinds)
