"""The lexicon: gazetteers, cue and unit lexicons, CAMEO verbs and claim classes, read once from data/*.tsv.

Everything a rule looks up lives in data/*.tsv (tab-separated, a header
line, "#" for comments, "|" between alternatives); this package only reads
and indexes them, and imports nothing heavier than the standard library, so
that tracking, watching and serving can name actors without loading spaCy.

    lexicon.actor_names()["IRN"]     # "Iran"
    lexicon.units()["soldiers"]      # "troops"
    lexicon.predicates()["provide"]  # Predicate(name="supply", phrase="sends {what} to")
"""

from __future__ import annotations

from .cues import VERB_KINDS, Cue, anonymity_phrases, anonymity_words, cue_verb_forms, cues
from .gazetteer import ActorEntry, Role, actor_entries, actor_names, demonyms, group_roles, people, roles, title_words
from .numbers import approximations, count_breakers, materiel_words, number_words, units
from .sourcing import hearsay_phrases, not_sources, referring_words, single_posts, unnamed_heads
from .verbs import CameoVerb, Predicate, cameo_forms, cameo_verbs, predicates, verb_forms

__all__ = [
    "ActorEntry", "Cue", "VERB_KINDS", "Role", "CameoVerb", "Predicate",
    "actor_entries", "actor_names", "materiel_words", "people", "demonyms", "group_roles", "roles", "cues", "units",
    "cameo_verbs", "predicates", "anonymity_words", "anonymity_phrases", "verb_forms", "title_words", "cameo_forms",
    "cue_verb_forms", "number_words", "approximations", "count_breakers", "referring_words",
    "hearsay_phrases", "single_posts", "not_sources", "unnamed_heads",
]
