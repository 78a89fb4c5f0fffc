"""The literal prefilter of `regex` matchers never skips a document the pattern matches."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from privcheck.checklist import load_checklist
from privcheck.document.model import Document
from privcheck.matchers import TextView
from privcheck.matchers.pattern import RegexMatcher
from privcheck.textsearch.regex_literals import required_literals


def test_literals_every_match_must_contain():
    assert required_literals("abc") == ("abc",)
    # Choices of a few fixed strings are joined into longer, rarer literals.
    assert required_literals("(?:do|will) not (?:share|sell)") == ("do not sell", "do not share", "will not sell", "will not share")
    assert required_literals("third[ -]part(?:y|ies)") == ("third parties", "third party", "third-parties", "third-party")
    many = "(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)xyz"  # 512 strings: too many to join
    assert required_literals(many) == ("xyz",)
    assert required_literals("(?:last updated|生效日期)[^\\n]{0,9}\\d") == ("last updated", "生效日期")
    assert required_literals("由[\\p{Han}()]{2,40}?(?:有限公司|集团)") == ("有限公司", "集团")
    assert required_literals("(?r)[a-z]{2,9} (?:ltd|inc)") == (" inc", " ltd")
    assert required_literals("(?<=x)y|z") == ("y", "z")  # a look-behind's text is not in the match
    assert required_literals("ab?c") == ("a",)
    assert required_literals("(?<!(?:a|bb)c)d") == ("d",)
    assert required_literals("(?:ab)*c") == ("c",)  # an optional repetition requires nothing


def test_no_prefilter_when_unsure():
    for pattern in ["\\d+", "a|\\d", "(?:ab)?", "[[:alpha:]]x", "(?:abc){e<=1}", "(?V1)abc", "(?w)abc",
                    "[ab]--[b]x", "a\\\\pb", "x(?r)abc"]:
        assert required_literals(pattern) == (), pattern


def bundled_regex_matchers() -> list[RegexMatcher]:
    found: dict[str, RegexMatcher] = {}

    def walk(value, depth=0):
        if depth > 8:
            return
        if isinstance(value, RegexMatcher):
            found.setdefault(value.source, value)
        elif isinstance(value, (list, tuple)):
            for part in value:
                walk(part, depth + 1)
        elif hasattr(value, "__dict__"):
            for part in vars(value).values():
                walk(part, depth + 1)

    walk([load_checklist("pipl"), load_checklist("gdpr")])
    return list(found.values())


OWN_TEXT = (
    "我们不会向境外传输您的个人信息。个人信息保护负责人：privacy@lumen.cn。本政策生效日期：2025年3月1日。"
    " We do not rely on legitimate interests. Withdrawal will not affect processing before it."
    " Lumen Books Co., Ltd. stores data in China. 杭州鲁门书局有限公司"
)


def test_bundled_patterns_find_the_same_with_and_without_prefilter_and_windows():
    matchers = bundled_regex_matchers()
    assert len(matchers) > 20 and sum(m.prefilter is not None for m in matchers) > 10
    texts = [OWN_TEXT, "nothing here", *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))]
    for text in texts:
        view = TextView(Document.from_text(text))
        for matcher in matchers:
            fast = [(hit.start, hit.end) for hit in matcher.evaluate(view).hits]
            assert fast == sorted(matcher.plain_spans(view.text)), matcher.source


PIECES = ["ab", "b", "c", "我们", "信息", " ", "\\s*", "\\d", "[ab]", "(?:ab|c)", "(?:b|)", "x?", "(?:ab)+",
          "(?:c)*", "[^.]{0,3}", "(?=b)", "(?<!a)", "\\b", "(?:我们|c)", "\\p{Han}", "(?:a|b|信)", "a{2}"]
TEXT_PIECES = ["a", "b", "c", "ab", "AB", "我们", "信息", " ", ".", "1", "x", "\n"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), alternative=st.booleans(),
       text=st.lists(st.sampled_from(TEXT_PIECES), max_size=25).map("".join))
def test_a_skipped_document_has_no_match(pieces, alternative, text):
    pattern = "".join(pieces)
    if alternative:
        pattern = f"{pattern}|{pieces[-1]}c"
    literals = required_literals(pattern)
    if not literals:
        return
    compiled = regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE | regex.V0)
    for m in compiled.finditer(text):
        if m.end() > m.start():
            assert any(literal in text[m.start():m.end()].lower() for literal in literals), (pattern, text)
