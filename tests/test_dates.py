"""Dates as policies write them, and the `date` matcher both checklists use for the effective date."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privcheck.detectors.dates import find_dates
from privcheck.document.model import Document
from privcheck.document.textmap import normalize_text
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher

DATED = {"date": {"near": ["effective", "last updated", "last changed", "release date", "生效日期", "更新日期"], "within": 40}}


def dates(text: str) -> list[tuple[int, int, int | None]]:
    return [(d.year, d.month, d.day) for d in find_dates(normalize_text(text).text)]


@pytest.mark.parametrize("text, want", [
    ("December 17, 2025", (2025, 12, 17)),
    ("Dec. 17th 2025", (2025, 12, 17)),
    ("17 December 2025", (2025, 12, 17)),
    ("3rd of March, 2024", (2024, 3, 3)),
    ("2025-12-17", (2025, 12, 17)),
    ("2025/3/1", (2025, 3, 1)),
    ("17/12/2025", (2025, 12, 17)),
    ("12.17.2025", (2025, 12, 17)),
    ("06 16, 2022", (2022, 6, 16)),
    ("2025年12月17日", (2025, 12, 17)),
    ("２０２５年１２月１７日", (2025, 12, 17)),
    ("2019 年 10 月 1 日", (2019, 10, 1)),
    ("二〇二五年十二月十七日", (2025, 12, 17)),
    ("2025年3月", (2025, 3, None)),
    ("December\n2025", (2025, 12, None)),
])
def test_dates_as_written(text, want):
    assert dates(text) == [want]


@pytest.mark.parametrize("text", ["section 10.5.3", "2025-13-01", "call 400-123-4567", "version 3.2.1", "1880年5月"])
def test_not_dates(text):
    assert dates(text) == []


@given(st.dates())
def test_any_iso_date_in_range_is_read(day):
    text = day.isoformat()
    assert dates(text) == ([(day.year, day.month, day.day)] if 1990 <= day.year <= 2099 else [])


def outcome(spec, text):
    return TextView(Document.from_text(text)).outcome(compile_matcher(spec, CompileContext(("match",))))


@pytest.mark.parametrize("text", [
    "Effective December 17, 2025",
    "Release date: 06 16, 2022",
    "This policy was last changed on September 10, 2025.",
    "Last updated:\n17 December 2025",
    "生效日期：2019年10月1日",
    "更新日期：二〇二五年三月一日",
])
def test_an_effective_date(text):
    result = outcome(DATED, text)
    assert result.matched, text


@pytest.mark.parametrize("text", ["© 2024 Example Ltd. All rights reserved.", "We were founded on 1 March 2010."])
def test_a_date_about_something_else(text):
    assert not outcome(DATED, text).matched


def test_spec_errors():
    with pytest.raises(SpecError):
        compile_matcher({"date": {"within": 40}}, CompileContext(("match",)))
    with pytest.raises(SpecError):
        compile_matcher({"date": {"near": ["effective"], "whithin": 40}}, CompileContext(("match",)))
