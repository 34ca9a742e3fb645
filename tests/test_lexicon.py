"""The lexicon loads its data files without spaCy, and ships every table it reads."""

import subprocess
import sys

import pytest

from claimwatch import lexicon


def test_importing_the_lexicon_and_reading_a_table_loads_no_spacy_numpy_or_trafilatura():
    code = ("import sys, claimwatch.lexicon as lexicon; lexicon.actor_names(); lexicon.predicates(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'numpy', 'trafilatura'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("table", [
    lexicon.actor_entries, lexicon.actor_names, lexicon.people, lexicon.demonyms, lexicon.group_roles, lexicon.roles,
    lexicon.cues, lexicon.anonymity_words, lexicon.anonymity_phrases, lexicon.units, lexicon.materiel_words,
    lexicon.number_words, lexicon.count_breakers, lexicon.approximations, lexicon.cameo_verbs, lexicon.predicates,
    lexicon.referring_words, lexicon.hearsay_phrases, lexicon.single_posts, lexicon.not_sources, lexicon.unnamed_heads,
])
def test_every_table_is_found_and_has_rows(table):
    assert len(table()) > 0


def test_a_capital_stands_for_its_government_and_a_verb_for_its_claim_class():
    assert any(entry.phrase == "Moscow" and entry.code == "RUSGOV" for entry in lexicon.actor_entries())
    assert lexicon.actor_names()["IRN"] == "Iran"
    assert lexicon.predicates()["provide"].name == "supply"
    assert "sent" in lexicon.verb_forms("send")
