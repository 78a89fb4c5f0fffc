"""The duration matcher's `caution`: a passing period in another unit than the limit gets a note."""

from __future__ import annotations

import pytest

from privcheck.document.model import Document
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher

SPEC = {"duration": {"near": ["respond"], "max": "1 month",
                     "caution": {"over": "4 weeks", "note": "days are not a calendar month"}}}


def outcome(spec, text):
    matcher = compile_matcher(spec, CompileContext(("match",)))
    return TextView(Document.from_text(text)).outcome(matcher)


def test_days_over_the_caution_pass_with_the_note():
    result = outcome(SPEC, "We respond within 30 days.")
    assert result.matched
    assert result.detail.endswith("note: days are not a calendar month")


@pytest.mark.parametrize("text", ["We respond within one month.", "We respond within 21 days.", "我们将在一个月内respond。"])
def test_the_limits_own_unit_or_a_shorter_period_gets_no_note(text):
    result = outcome(SPEC, text)
    assert result.matched
    assert "note:" not in result.detail


def test_the_shortest_passing_period_decides():
    result = outcome(SPEC, "We respond within 30 days, and usually respond within 10 days.")
    assert result.matched and "note:" not in result.detail


def test_over_the_limit_is_still_weak():
    result = outcome(SPEC, "We respond within 45 days.")
    assert not result.matched and result.weak


@pytest.mark.parametrize("caution", [{"over": "4 weeks"}, {"over": "soon", "note": "x"}, "4 weeks", {"over": "4 weeks", "note": " "}])
def test_malformed_caution_is_a_spec_error(caution):
    with pytest.raises(SpecError):
        compile_matcher({"duration": {"near": ["respond"], "max": "1 month", "caution": caution}}, CompileContext(()))
