"""The paragraphs component: a line break always ends a sentence.

Headlines, datelines and photo credits stand on lines of their own without
a full stop; neither the sentencizer nor the parser would end a sentence
there, and a statement would run into the next paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["split_paragraphs"]


@Language.component("claimwatch_paragraphs")
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every token that holds a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
