"""The fast paths give exactly what the plain ones give: one-pass phrases, bulk normalisation."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from privcheck.checklist import load_checklist
from privcheck.document import textmap
from privcheck.document.model import Document
from privcheck.engine import phrase_index
from privcheck.matchers import TextView
from privcheck.matchers.phrase_index import PhraseIndex, indexed_positions, phrase_matchers
from privcheck.matchers.phrases import PhrasesMatcher


def plain_hits(matcher: PhrasesMatcher, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in matcher.pattern.finditer(text)]


def indexed_hits(matcher: PhrasesMatcher, view: TextView) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in matcher.evaluate(view).hits]


def test_every_bundled_phrase_matcher_finds_the_same_hits_in_one_pass():
    checklists = [load_checklist("pipl"), load_checklist("gdpr")]
    index = phrase_index(checklists)
    assert len(index) > 10
    for sample in sorted(SAMPLES.glob("*.txt")):
        view = TextView(Document.from_text(sample.read_text(encoding="utf-8")))
        index.attach(view)
        for item in (i for c in checklists for i in c.items):
            for matcher in phrase_matchers([item.trigger, item.pass_if, item.topic, *(e.matcher for e in item.elements)]):
                assert indexed_positions(view, matcher) is not None
                assert indexed_hits(matcher, view) == plain_hits(matcher, view.text), (sample.name, matcher.phrases)


def test_a_matcher_outside_the_index_searches_on_its_own():
    view = TextView(Document.from_text("We may withdraw consent."))
    PhraseIndex([PhrasesMatcher(["cookies"])]).attach(view)
    other = PhrasesMatcher(["withdraw* consent"])
    assert indexed_positions(view, other) is None and other.evaluate(view).matched


WORDS = ["consent", "con", "we", "withdraw", "share", "同意", "撤回", "个人信息", "信息", "e.g.", "data-protection"]
phrase = st.lists(st.sampled_from(WORDS + ["*", " ", "...", "-"]), min_size=1, max_size=5).map("".join).filter(
    lambda p: p.strip(". …*-") != "" and p.strip()[:1] not in ("*",)
)
text = st.lists(st.sampled_from(WORDS + [" ", "  ", "s", "ed", ".", "。", "\n", "-", "我们", "x"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(phrases=st.lists(phrase, min_size=1, max_size=4), body=text)
def test_one_pass_phrases_agree_with_the_regular_expression(phrases, body):
    matcher = PhrasesMatcher(phrases)
    view = TextView(Document.from_text(body or "x"))
    PhraseIndex([matcher]).attach(view)
    if indexed_positions(view, matcher) is not None:
        assert indexed_hits(matcher, view) == plain_hits(matcher, view.text)


OLD_SPECIAL = regex.compile(r"[^\x21-\x7e\u4e00-\u9fff]+")
source_text = st.lists(
    st.sampled_from(["Word", "word", " ", "  ", "\n", " \n ", "\t", "，", "。", "（", "１５", "ＡＢＣ", "个人信息", "ß", "é", "\u200b", "a b", "-"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(source=source_text)
def test_bulk_normalisation_maps_exactly_like_character_by_character(source):
    fast = textmap.normalize_text(source)
    saved = textmap._SPECIAL
    try:
        textmap._SPECIAL = OLD_SPECIAL
        slow = textmap.normalize_text(source)
    finally:
        textmap._SPECIAL = saved
    assert fast.text == slow.text
    n = len(fast.text)
    for start in range(n + 1):
        assert fast.to_source(start) == slow.to_source(start)
        for end in range(start, min(n, start + 6) + 1):
            assert fast.span_to_source(start, end) == slow.span_to_source(start, end)
