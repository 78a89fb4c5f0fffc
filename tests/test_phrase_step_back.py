"""A phrase found from a rarer word than its first starts where its regular expression starts."""

from __future__ import annotations

import pytest

from privcheck.document.model import Document
from privcheck.matchers import TextView
from privcheck.matchers.phrase_index import PhraseIndex, indexed_positions
from privcheck.matchers.phrases import PhrasesMatcher, anchor_plan

PHRASES = ["in the app", "to (a) rights", "we may share"]


def test_these_phrases_are_found_from_a_later_word():
    assert all(anchor_plan(phrase).before for phrase in PHRASES)


@pytest.mark.parametrize("text, count", [
    ("Use it in the app, in-the-app, in the\napp or within the app.", 3),
    ("Refer to (a) rights, to(a)rights, to  (a)  rights, into (a) rights.", 3),
    ("We may share it. We  may-share, we\nmay share. Awe may share.", 3),
    ("Nothing here.", 0),
])
def test_a_phrase_found_from_a_later_word_matches_where_its_pattern_does(text, count):
    matcher = PhrasesMatcher(PHRASES)
    view = TextView(Document.from_text(text))
    PhraseIndex([matcher]).attach(view)
    assert indexed_positions(view, matcher) is not None
    hits = [(hit.start, hit.end) for hit in matcher.evaluate(view).hits]
    assert hits == [found.span() for found in matcher.pattern.finditer(view.text)]
    assert len(hits) == count
