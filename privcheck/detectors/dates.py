"""Calendar dates in a policy, English and Chinese, as people write them.

"December 17, 2025", "17 December 2025", "17th of December, 2025", "Dec. 2025", "2025-12-17",
"17/12/2025", "12.17.2025", "06 16, 2022", "2025年12月17日", "二〇二五年十二月十七日", "2025 年 12 月"
(spaces and a line break between the parts are allowed). Runs on the normalised text (lower case,
full-width digits as ASCII). A date must be possible: a year from 1990 to 2099, a month from 1 to
12 and a day from 1 to 31, so "10.5.3" or "1.2.2.4" (section numbers) are not dates.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from privcheck.textsearch.pattern_cache import compile_regex
from privcheck.textsearch.regex_windows import LITERALS, text_cache

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = "(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUMBER = "[〇零一二三四五六七八九十]"
_S = r"[ \t]*\n?[ \t]*"  # spaces, and at most one line break, between the parts of a date

_DATE = compile_regex(
    # A date starts with a month's name (its first two letters), a digit or a Chinese numeral: a
    # look-ahead turns every other position away at once.
    r"(?=(?<![a-z])(?:ja|fe|ma|ap|ju|au|se|oc|no|de)|\d|[〇零一二三四五六七八九])(?:"
    # December 17, 2025 / Dec. 17th 2025 / December 2025
    rf"(?<![a-z]){_MONTH}(?:{_S}(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?)?,?{_S}(?P<year1>(?:19|20)\d\d)(?!\d)"
    # 17 December 2025 / 17th of December, 2025
    rf"|(?<!\d)(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?{_S}(?:of{_S})?{_MONTH.replace('month_name', 'month_name2')},?{_S}(?P<year2>(?:19|20)\d\d)(?!\d)"
    # 2025-12-17, 2025/12/17, 2025.12.17
    r"|(?<![\d.])(?P<year3>(?:19|20)\d\d)(?P<sep3>[-/.])(?P<a3>\d{1,2})(?P=sep3)(?P<b3>\d{1,2})(?![\d.]\d)"
    # 17/12/2025, 12.17.2025, 17-12-25
    r"|(?<![\d.])(?P<a4>\d{1,2})(?P<sep4>[-/.])(?P<b4>\d{1,2})(?P=sep4)(?P<year4>(?:19|20)\d\d|\d\d)(?![\d.]\d|\d)"
    # 06 16, 2022
    r"|(?<!\d)(?P<a5>\d{1,2}) (?P<b5>\d{1,2}),[ \t]*(?P<year5>(?:19|20)\d\d)(?!\d)"
    # 2025年12月17日, 二〇二五年十二月, 2025 年 12 月
    rf"|(?P<year6>(?:19|20)\d\d|[〇零一二三四五六七八九]{{4}}){_S}年{_S}(?P<month6>\d{{1,2}}|{_ZH_NUMBER}{{1,2}}){_S}月"
    rf"(?:{_S}(?P<day6>\d{{1,2}}|{_ZH_NUMBER}{{1,3}}){_S}[日号])?"
    r")"
)


@dataclass(frozen=True)
class PolicyDate:
    """A calendar date found in a text (the day may be missing), with its span."""

    year: int
    month: int
    day: int | None
    start: int
    end: int


def _zh_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _ZH_DIGITS for ch in text):  # 二〇二五
        return int("".join(str(_ZH_DIGITS[ch]) for ch in text))
    if "十" in text:  # 十, 十二, 二十, 三十一
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0) if ones else 0)
    return _ZH_DIGITS.get(text, 0)


def _parts(match: regex.Match[str]) -> tuple[int, int, int | None] | None:
    group = match.group
    if group("year1"):
        day = group("day1")
        return int(group("year1")), _MONTHS[group("month_name")], int(day) if day else None
    if group("year2"):
        return int(group("year2")), _MONTHS[group("month_name2")], int(group("day2"))
    if group("year3"):
        return int(group("year3")), int(group("a3")), int(group("b3"))
    if group("year4") or group("year5"):
        suffix = "4" if group("year4") else "5"
        year = int(group("year" + suffix))
        year += 2000 if year < 100 else 0
        first, second = int(group("a" + suffix)), int(group("b" + suffix))
        # Day first (17/12/2025) or month first (12/17/2025): whichever is possible.
        if first <= 12 and second <= 31:
            return year, first, second
        return year, second, first
    if group("year6"):
        day = group("day6")
        return _zh_number(group("year6")), _zh_number(group("month6")), _zh_number(day) if day else None
    return None


# Where a date can start (see the look-ahead of _DATE): the first three letters of a month's name
# ("may", "sept"), found by the shared literal index in the pass it makes over the text anyway
# (anywhere, not only at the start of a word: _DATE checks that, and trying more places finds no
# other matches); or a digit or Chinese numeral. Where the text has no "年", only the English and
# numeric forms can match, and each of those starts with a digit that follows no digit (their
# look-behinds say so): the first of each run of digits. Otherwise a Chinese date's year can start
# inside a run ("12025年"), so every position of every run of digits and numerals is tried. All
# are found by engines that skip to their first characters in C, while _DATE's look-ahead is tried
# at every position of the text.
_MONTH_PREFIXES = tuple(sorted({name[:3] for name in _MONTHS}))
LITERALS.add(set(_MONTH_PREFIXES))
_NUMERALS = compile_regex(r"[\d〇零一二三四五六七八九]+")  # `regex`, as _DATE: the same digits
_DIGITS = compile_regex(r"\d+")


def _date_matches(text: str) -> Iterator[regex.Match[str]]:
    """`_DATE.finditer(text)`: _DATE tried only where a date can start (in C, with map), and of its
    matches those that begin after the previous one ends, as the search over the whole text keeps."""
    if "年" in text:
        starts: list[int] = []
        for run in _NUMERALS.finditer(text):
            starts.extend(range(*run.span()))
    else:
        starts = [run.start() for run in _DIGITS.finditer(text)]
    starts.extend(itertools.chain.from_iterable(LITERALS.positions(text, text_cache(text), _MONTH_PREFIXES)))
    starts.sort()
    resume = 0
    for match in filter(None, map(_DATE.match, itertools.repeat(text, len(starts)), starts)):
        if match.start() >= resume:
            yield match
            resume = match.end()


def find_dates(text: str) -> list[PolicyDate]:
    """Every possible calendar date in `text` (normalised), in order."""
    out: list[PolicyDate] = []
    for match in _date_matches(text):
        parts = _parts(match)
        if parts is None:
            continue
        year, month, day = parts
        if not (1990 <= year <= 2099 and 1 <= month <= 12 and (day is None or 1 <= day <= 31)):
            continue
        out.append(PolicyDate(year, month, day, match.start(), match.end()))
    return out
