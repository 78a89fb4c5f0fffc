"""Tests for privcheck.detectors.durations: finding time periods in text and comparing them with limits."""

from __future__ import annotations

import unicodedata

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.detectors.durations import Duration, Unit, find_durations, parse_duration, within_limit

H, D, WD, W, M, Y = Unit.HOUR, Unit.DAY, Unit.WORKING_DAY, Unit.WEEK, Unit.MONTH, Unit.YEAR


def normalise(text: str) -> str:
    """What the caller does before calling find_durations."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def found(text: str) -> list[tuple[float, Unit, str]]:
    return [(d.value, d.unit, d.text) for d in find_durations(normalise(text))]


def one(text: str) -> Duration:
    durations = find_durations(normalise(text))
    assert len(durations) == 1, durations
    return durations[0]


# --------------------------------------------------------------------------------------------
# find_durations: what must be found
# --------------------------------------------------------------------------------------------

ENGLISH = [
    ("15 days", 15, D, "15 days"),
    ("a 15-day period", 15, D, "15-day"),
    ("within 15 business days of receipt", 15, WD, "15 business days"),
    ("15 working days", 15, WD, "15 working days"),
    ("15 workdays", 15, WD, "15 workdays"),
    ("1 work day", 1, WD, "1 work day"),
    ("5 weekdays", 5, WD, "5 weekdays"),
    ("30 calendar days", 30, D, "30 calendar days"),
    ("30 natural days", 30, D, "30 natural days"),
    ("72 hours", 72, H, "72 hours"),
    ("72 hrs", 72, H, "72 hrs"),
    ("within 72h", 72, H, "72h"),
    ("1 hour", 1, H, "1 hour"),
    ("2 weeks", 2, W, "2 weeks"),
    ("one month", 1, M, "one month"),
    ("1 month", 1, M, "1 month"),
    ("3 years", 3, Y, "3 years"),
    ("6 months", 6, M, "6 months"),
    ("a 12-month period", 12, M, "12-month"),
    ("1.5 years", 1.5, Y, "1.5 years"),
    ("fifteen days", 15, D, "fifteen days"),
    ("twenty-one days", 21, D, "twenty-one days"),
    ("twenty one days", 21, D, "twenty one days"),
    ("forty five days", 45, D, "forty five days"),
    ("forty-five days", 45, D, "forty-five days"),
    ("thirty-one days", 31, D, "thirty-one days"),
    ("ninety days", 90, D, "ninety days"),
    ("sixty days", 60, D, "sixty days"),
    ("ninety-nine years", 99, Y, "ninety-nine years"),
    ("eleven weeks", 11, W, "eleven weeks"),
    ("within a month", 1, M, "a month"),
    ("within a week", 1, W, "a week"),
    ("within an hour", 1, H, "an hour"),
    ("within a business day", 1, WD, "a business day"),
    ("Within Fifteen Business Days", 15, WD, "fifteen business days"),
    ("fifteen (15) business days", 15, WD, "fifteen (15) business days"),
    ("thirty (30) days", 30, D, "thirty (30) days"),
    ("15 (fifteen) days", 15, D, "15 (fifteen) days"),
    ("thirty (30)-day period", 30, D, "thirty (30)-day"),
]

CHINESE_DIGITS = [
    ("15个工作日内", 15, WD, "15个工作日"),
    ("15工作日", 15, WD, "15工作日"),
    ("在15个工作日予以回复", 15, WD, "15个工作日"),
    ("在 15 个工作日内", 15, WD, "15 个工作日"),
    ("15天内", 15, D, "15天"),
    ("15日内", 15, D, "15日"),
    ("30个自然日", 30, D, "30个自然日"),
    ("30自然日", 30, D, "30自然日"),
    ("30个日历日", 30, D, "30个日历日"),
    ("5个营业日", 5, WD, "5个营业日"),
    ("4周", 4, W, "4周"),
    ("2个星期", 2, W, "2个星期"),
    ("2星期", 2, W, "2星期"),
    ("72小时", 72, H, "72小时"),
    ("3个月", 3, M, "3个月"),
    ("3年", 3, Y, "3年"),
    ("保存期限为6个月", 6, M, "6个月"),
]

CHINESE_NUMERALS = [
    ("十五个工作日", 15, WD, "十五个工作日"),
    ("三十天", 30, D, "三十天"),
    ("十五日内", 15, D, "十五日"),
    ("一个月", 1, M, "一个月"),
    ("三个月", 3, M, "三个月"),
    ("两周", 2, W, "两周"),
    ("两个星期", 2, W, "两个星期"),
    ("三年", 3, Y, "三年"),
    ("十天", 10, D, "十天"),
    ("二十天", 20, D, "二十天"),
    ("四十五天", 45, D, "四十五天"),
    ("六十天", 60, D, "六十天"),
    ("九十天", 90, D, "九十天"),
    ("一百八十天", 180, D, "一百八十天"),
    ("百天", 100, D, "百天"),
    ("七十二小时", 72, H, "七十二小时"),
    ("五年", 5, Y, "五年"),
    ("一两天", 2, D, "一两天"),  # "one or two days": the upper bound
    ("十五（15）个工作日", 15, WD, "十五(15)个工作日"),
    ("15（十五）天", 15, D, "15(十五)天"),
]

FULL_WIDTH = [
    ("１５个工作日", 15, WD, "15个工作日"),
    ("３０天内", 30, D, "30天"),
    ("７２ HOURS", 72, H, "72 hours"),
    ("在１５日内", 15, D, "15日"),
    ("十五（１５）个工作日", 15, WD, "十五(15)个工作日"),
]

RANGES = [
    ("7-30天", 30, D, "7-30天"),
    ("7至30天", 30, D, "7至30天"),
    ("7到30个工作日", 30, WD, "7到30个工作日"),
    ("7~30天", 30, D, "7~30天"),
    ("7～30天", 30, D, "7~30天"),
    ("七至三十天", 30, D, "七至三十天"),
    ("3-6个月", 6, M, "3-6个月"),
    ("7 to 30 days", 30, D, "7 to 30 days"),
    ("between 7 and 30 days", 30, D, "between 7 and 30 days"),
    ("7–30 days", 30, D, "7–30 days"),
    ("7-30 days", 30, D, "7-30 days"),
    ("7—30 days", 30, D, "7—30 days"),
    ("seven to thirty days", 30, D, "seven to thirty days"),
    ("2-3 business days", 3, WD, "2-3 business days"),
    ("one or two weeks", 2, W, "one or two weeks"),
]

HALVES = [
    ("半年", 0.5, Y, "半年"),
    ("半个月", 0.5, M, "半个月"),
    ("半月", 0.5, M, "半月"),
    ("半天", 0.5, D, "半天"),
    ("半小时", 0.5, H, "半小时"),
    ("一年半", 1.5, Y, "一年半"),
    ("一个半月", 1.5, M, "一个半月"),
    ("half a year", 0.5, Y, "half a year"),
    ("half an hour", 0.5, H, "half an hour"),
    ("half-day", 0.5, D, "half-day"),
    ("a year and a half", 1.5, Y, "a year and a half"),
    ("six and a half months", 6.5, M, "six and a half months"),
]

# Numbers left in the brackets of a filled-in template.
BRACKETED = [
    ("我们将在【15】天内做出答复", 15, D, "15】天"),
    ("核查后会在【十五】个工作日内处理", 15, WD, "十五】个工作日"),
    ("we will respond within [30] days", 30, D, "30] days"),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "span"),
    ENGLISH + CHINESE_DIGITS + CHINESE_NUMERALS + RANGES + HALVES + BRACKETED,
)
def test_finds_single_duration(text: str, value: float, unit: Unit, span: str) -> None:
    assert found(text) == [(value, unit, span)]


@pytest.mark.parametrize(("text", "value", "unit", "span"), FULL_WIDTH)
def test_full_width_digits_after_nfkc(text: str, value: float, unit: Unit, span: str) -> None:
    assert found(text) == [(value, unit, span)]


def test_offsets_point_into_the_text() -> None:
    text = normalise("We reply within fifteen (15) business days; 我们将在十五个工作日内答复。")
    durations = find_durations(text)
    assert [d.text for d in durations] == ["fifteen (15) business days", "十五个工作日"]
    for d in durations:
        assert text[d.start : d.end] == d.text


def test_several_durations_in_order() -> None:
    text = normalise("Logs are kept 6 months, backups 1 year; 请求在15个工作日内处理，账号注销后保存三年。")
    assert [(d.value, d.unit) for d in find_durations(text)] == [(6, M), (1, Y), (15, WD), (3, Y)]
    starts = [d.start for d in find_durations(text)]
    assert starts == sorted(starts)


def test_frequency_is_not_a_duration() -> None:
    assert found("once a year") == []
    assert found("twice a month") == []
    assert found("available 24 hours a day, 7 days a week") == [(24, H, "24 hours"), (7, D, "7 days")]
    assert found("365 days a year") == [(365, D, "365 days")]


# --------------------------------------------------------------------------------------------
# find_durations: what must not be found
# --------------------------------------------------------------------------------------------

NOT_DURATIONS = [
    # Ages, not periods: "if we learn that a child under 13 years has given us data, we delete it".
    "a child under 13 years",
    "users 16 years of age or older",
    "persons aged 18 years and over",
    "under the age of 16 years",
    "2024年5月1日",
    "于2024年5月1日生效",
    "5月1日",
    "5月",
    "本政策更新于十二月",
    "每月15日",
    "5月1日至7日",
    "24年5月1日",
    "2021年",
    "二〇二四年",
    "二零二四年",
    "May 1, 2024",
    "1 January",
    "on 1 january 2024",
    "available 24/7",
    "24/7 days",
    "电话：400-820-8820，工作日9:00-18:00",
    "call 13800138000",
    "tel +86 10 8888 8888",
    "12345 days",
    "1234 hours",
    "1,000 days",
    "10:30 hours",
    "上半年",
    "下半年",
    "三年级",
    "18周岁",
    "成立三周年",
    "周一至周五",
    "星期一",
    "统一日志",
    "一周期",
    "the 15th day",
    "often days",
    "a few days",
    "several months",
    "days and months",
    "",
]


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_not_a_duration(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自2024年5月1日起15个工作日内", [(15, WD, "15个工作日")]),
        ("更新日期：2024年5月1日。我们将在30天内删除", [(30, D, "30天")]),
        ("effective may 1, 2024; we respond within 30 days", [(30, D, "30 days")]),
        ("电话 400-820-8820，我们会在3个工作日内回复", [(3, WD, "3个工作日")]),
        ("24/7 support, replies within 2 hours", [(2, H, "2 hours")]),
    ],
)
def test_dates_and_phone_numbers_next_to_durations(text: str, expected: list[tuple[float, Unit, str]]) -> None:
    assert found(text) == expected


# --------------------------------------------------------------------------------------------
# parse_duration and describe
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("15 working days", 15, WD),
        ("15 Working Days", 15, WD),
        ("1 month", 1, M),
        ("One Month", 1, M),
        ("72 hours", 72, H),
        ("30 days", 30, D),
        ("十五个工作日", 15, WD),
        ("１５个工作日", 15, WD),
        ("一个月", 1, M),
        ("  2  weeks ", 2, W),
        ("within 15 working days", 15, WD),
        ("15个工作日内", 15, WD),
        ("半年", 0.5, Y),
    ],
)
def test_parse_duration(text: str, value: float, unit: Unit) -> None:
    d = parse_duration(text)
    assert (d.value, d.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("soon", "no time period"),
        ("days", "no time period"),
        ("2024年5月1日", "no time period"),
        ("15 days or 1 month", "2 time periods"),
        ("15 days after the request", "unexpected text"),
        ("about 15 days", "unexpected text"),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_duration(text)


def test_parse_duration_rejects_non_text() -> None:
    with pytest.raises(ValueError):
        parse_duration(15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("15 working days", "15 working days"),
        ("1 month", "1 month"),
        ("30 days", "30 days"),
        ("72 hours", "72 hours"),
        ("1 hour", "1 hour"),
        ("一年", "1 year"),
        ("3 weeks", "3 weeks"),
        ("十五个工作日", "15 working days"),
        ("1 business day", "1 working day"),
        ("半年", "0.5 years"),
        ("1.5 years", "1.5 years"),
    ],
)
def test_describe(text: str, description: str) -> None:
    assert parse_duration(text).describe() == description


def test_duration_is_frozen() -> None:
    d = parse_duration("15 days")
    with pytest.raises(AttributeError):
        d.value = 3  # type: ignore[misc]


def test_unit_is_a_string_enum() -> None:
    assert Unit.WORKING_DAY == "working_day"
    assert Unit("month") is Unit.MONTH


# --------------------------------------------------------------------------------------------
# within_limit
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "limit", "expected"),
    [
        # same unit: plain comparison
        ("15 working days", "15 working days", True),
        ("10 working days", "15 working days", True),
        ("16 working days", "15 working days", False),
        ("30 days", "30 days", True),
        ("31 days", "30 days", False),
        ("1 month", "1 month", True),
        ("2 months", "1 month", False),
        # calendar days against a limit in working days
        ("15 days", "15 working days", True),
        ("14 days", "15 working days", True),
        ("16 days", "15 working days", False),
        ("21 days", "15 working days", False),
        ("十五天", "15 working days", True),
        ("十六天", "十五个工作日", False),
        # against one month
        ("15 working days", "1 month", True),
        ("21 working days", "1 month", True),
        ("22 working days", "1 month", False),
        ("30 working days", "1 month", False),
        ("30 days", "1 month", True),
        ("31 days", "1 month", False),
        ("45 days", "1 month", False),
        ("4 weeks", "1 month", True),
        ("5 weeks", "1 month", False),
        ("半个月", "1 month", True),
        # other mixed units
        ("72 hours", "3 days", True),
        ("73 hours", "3 days", False),
        ("3 days", "72 hours", True),
        ("2 weeks", "14 days", True),
        ("2 weeks", "13 days", False),
        ("12 months", "1 year", True),
        ("13 months", "1 year", False),
        ("1 year", "12 months", True),
        ("6 months", "半年", True),
        ("1 week", "5 working days", False),
        ("5 working days", "1 week", True),
        ("1 month", "30 days", False),
        ("1 month", "31 days", True),
    ],
)
def test_within_limit(value: str, limit: str, expected: bool) -> None:
    assert within_limit(parse_duration(value), parse_duration(limit)) is expected


# --------------------------------------------------------------------------------------------
# Property-based tests
# --------------------------------------------------------------------------------------------

ENGLISH_UNIT_WORDS = {
    H: ["hour", "hours", "hrs"],
    D: ["day", "days", "calendar days", "natural days"],
    WD: ["working days", "business days", "workdays", "working day"],
    W: ["week", "weeks"],
    M: ["month", "months"],
    Y: ["year", "years"],
}
CHINESE_UNIT_WORDS = {
    H: ["小时", "个小时"],
    D: ["天", "日", "自然日", "个自然日"],
    WD: ["个工作日", "工作日"],
    W: ["周", "个星期", "星期"],
    M: ["个月"],
    Y: ["年"],
}


@given(n=st.integers(1, 99), unit=st.sampled_from(list(Unit)), data=st.data())
def test_roundtrip_english(n: int, unit: Unit, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(ENGLISH_UNIT_WORDS[unit]))
    d = parse_duration(f"{n} {word}")
    assert (d.value, d.unit) == (n, unit)


@given(n=st.integers(1, 99), unit=st.sampled_from(list(Unit)), data=st.data())
def test_roundtrip_chinese(n: int, unit: Unit, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(CHINESE_UNIT_WORDS[unit]))
    d = parse_duration(f"{n}{word}")
    assert (d.value, d.unit) == (n, unit)
    d = parse_duration(f"{cn2an.an2cn(n)}{word}")
    assert (d.value, d.unit) == (n, unit)


@given(n=st.integers(1, 99), unit=st.sampled_from(list(Unit)), data=st.data())
def test_roundtrip_inside_sentence(n: int, unit: Unit, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(ENGLISH_UNIT_WORDS[unit]))
    cn_word = data.draw(st.sampled_from(CHINESE_UNIT_WORDS[unit]))
    text = normalise(f"We will reply within {n} {word}. 我们将在{n}{cn_word}内回复。")
    assert [(d.value, d.unit) for d in find_durations(text)] == [(n, unit), (n, unit)]


def _check_spans(text: str) -> None:
    durations = find_durations(text)
    last_end = 0
    for d in durations:
        assert 0 <= last_end <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        assert d.value >= 0
        assert isinstance(d.unit, Unit)
        last_end = d.end


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _check_spans(text)


PIECES = [
    "15", "1", "2024", "-", "–", "至", "到", "(", ")", " ", ",", "/", ":", ".", "天", "日", "月",
    "年", "个", "工作日", "周", "小时", "半", "十", "五", "两", "百", "〇", "days", "day", "a",
    "an", "half", "and", "between", "to", "fifteen", "twenty", "one", "business", "month",
    "year", "hours", "once", "上", "第",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_never_raises_on_duration_like_text(text: str) -> None:
    _check_spans(text)


# --------------------------------------------------------------------------------------------
# Large and pathological inputs (speed itself is measured in bench/, not asserted here)
# --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_megabyte_of_policy_text() -> None:
    chunk = normalise(
        "We will respond within fifteen (15) business days. 我们将在十五个工作日内回复，"
        "电话 400-820-8820，更新于2024年5月1日。Data is kept for 6 months and then deleted. "
    )
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    durations = find_durations(text)
    assert len(durations) > 10_000
    assert all(d.unit in (Unit.WORKING_DAY, Unit.MONTH) for d in durations)


@pytest.mark.parametrize("piece", ["1", "一", "a", " ", "1-", "1 ", "twenty-", "半", "(1)"])
def test_repetitive_text_finishes(piece: str) -> None:
    text = piece * (200_000 // len(piece))
    _check_spans(text)
