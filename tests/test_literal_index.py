"""Behaviour of the literal index and of the windows around other requirements' literals."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.textsearch.regex_literals import analyse
from privcheck.textsearch.regex_windows import LiteralIndex, WindowedSearch, _find_all, longest_run


def every_start(text: str, literal: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(literal, i)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab 我们", max_size=30), literal=st.text(alphabet="ab 我们", min_size=1, max_size=4))
def test_a_literal_found_on_its_own_is_found_at_every_start_overlapping_or_not(text, literal):
    assert _find_all(text, literal) == every_start(text, literal)


def test_literals_added_after_a_text_was_searched_are_found_in_it_alone():
    index = LiteralIndex("test-index")
    index.add({"ab"})
    text, cache = "abab aab 我们", {}
    assert index.positions(text, cache, ["ab"]) == [[0, 2, 6]]
    index.add({"我们"})
    # Not searched again for every literal: the new one is found on its own.
    assert index.positions(text, cache, ["我们", "ab", "ba"]) == [[9], [0, 2, 6], [1]]
    assert index.positions(text, {}, ["我们"]) == [[9]]


def test_rarer_literals_bound_the_windows_where_the_chosen_ones_are_everywhere():
    pattern = "(?:我们)?(?:不会|从不)(?:主动)?(?:共享|出售)[^。]{0,10}?(?:个人信息|用户信息)"
    analysis = analyse(pattern)
    assert analysis is not None and analysis.requirement is not None
    assert analysis.requirement.literals == {"个人信息", "用户信息"}
    search = WindowedSearch(regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE | regex.V0), analysis)
    assert search.alternatives
    text = "个人信息和用户信息。" * 300 + "我们不会共享您的个人信息。" + "个人信息。" * 300 + "从不出售个人信息"
    cache: dict = {}
    runs = lambda char_class: longest_run(text, char_class)  # noqa: E731
    assert search._matches(text, runs, 2.0, cache) is None  # the chosen literals cover the text
    found = search.matches(text, runs, 2.0, cache)
    assert found is not None
    assert [m.span() for m in found] == [m.span() for m in search.compiled.finditer(text)]
    assert len(found) == 2
