"""Time periods in policy text ("15 working days", "十五个工作日", "7-30天") and limits on them.

This module knows nothing about any particular legal requirement: it only finds periods of time
written in English or Chinese and compares them with a limit written by a checklist author.

`find_durations` expects text that the caller has already normalised (Unicode NFKC, case-folded,
whitespace runs collapsed to one space) and reports character offsets into that text. Its patterns
are compiled once at import, contain no nested unbounded quantifiers and run in time linear in the
length of the text.

Deliberately *not* durations: calendar dates ("2024年5月1日", "5月1日", "may 1, 2024",
"1 january"), years ("2021年"), "24/7", frequencies ("once a year", "7 days a week" gives only
"7 days"), phone numbers and digit runs longer than three digits.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from privcheck.textsearch.pattern_cache import compile_pattern
from privcheck.textsearch.regex_windows import LITERALS, text_cache, windowed_finditer


__all__ = ["Unit", "Duration", "find_durations", "parse_duration", "within_limit"]


class Unit(str, enum.Enum):
    """The unit of a time period."""

    HOUR = "hour"
    DAY = "day"
    WORKING_DAY = "working_day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


_UNIT_WORDS: dict[Unit, str] = {
    Unit.HOUR: "hour",
    Unit.DAY: "day",
    Unit.WORKING_DAY: "working day",
    Unit.WEEK: "week",
    Unit.MONTH: "month",
    Unit.YEAR: "year",
}


@dataclass(frozen=True)
class Duration:
    """A period of time found in a text.

    `value` is the number of `unit`s (the upper bound for a range such as "7-30天"); `start` and
    `end` are the character offsets of the whole expression in the searched string and `text` is
    that slice of it.
    """

    value: float
    unit: Unit
    start: int
    end: int
    text: str

    def describe(self) -> str:
        """A short English rendering such as "15 working days", "1 month" or "0.5 years"."""
        number = str(int(self.value)) if float(self.value).is_integer() else f"{self.value:g}"
        word = _UNIT_WORDS[self.unit]
        return f"{number} {word}" if self.value == 1 else f"{number} {word}s"


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_WORD_VALUES: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_ONES)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_TENS)},
    "a": 1,
    "an": 1,
}

_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip

# Every pattern begins with a plain character or character class (no look-behind, no repeat), so
# the regular expression engine can skip quickly over text that cannot start a match. Whether a
# match begins a token (not "often days", not the "34" of "1234 days") is checked by look-behinds
# placed after the first character, and completely in `_starts_token`.

# Digits: at most three, optionally with up to two decimals. `_DIGITS_FIRST` starts a match: its
# look-behind, placed after the first digit, rejects at once every position inside a digit run.
_DIGITS = r"[0-9][0-9]{0,2}+(?:\.[0-9]{1,2}+)?+(?![0-9])"
_DIGITS_FIRST = r"[0-9](?<![0-9a-z_/+][0-9])(?<![0-9][.,:\-–—~][0-9])[0-9]{0,2}+(?:\.[0-9]{1,2}+)?+(?![0-9])"

_EN_TENS_ONES = [t + r"(?:[\s-]?(?:" + "|".join(_ONES) + "))?" for t in _TENS]
_EN_WORD = "(?:" + "|".join([*_EN_TENS_ONES, *_TEENS, *_ONES]) + r")(?![a-z])"
# The same, with the articles "a"/"an" as a further alternative ("a month", "an hour").
_EN_WORD_OR_ARTICLE = "(?:" + "|".join([*_EN_TENS_ONES, *_TEENS, *_ONES, "an?"]) + r")(?![a-z])"
_EN_NUM = r"(?:" + _DIGITS + "|" + _EN_WORD + ")"

_CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百"
_CN_NUMERAL = "[" + _CN_NUMERAL_CHARS + "][" + _CN_NUMERAL_CHARS + "]{0,7}+"
# Not inside a longer number ("三千天") nor after a weekday name ("周一" is Monday, not a week).
_CN_NUMERAL_FIRST = (
    "[" + _CN_NUMERAL_CHARS + "](?<![" + _CN_NUMERAL_CHARS + "千万亿几数0-9.周期拜][" + _CN_NUMERAL_CHARS + "])"
    "[" + _CN_NUMERAL_CHARS + "]{0,7}+"
)
_CN_NUM = "(?:" + _DIGITS + "|" + _CN_NUMERAL + ")"

# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------

_EN_UNIT = (
    r"(?:(?:working|business|work)[\s-]?days?|workdays?|weekdays?|(?:calendar|natural)[\s-]?days?|days?"
    r"|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|(?<=[0-9])h)(?![a-z])"
)
_EN_SEP = r"[\s-]{0,3}"

# Negative look-aheads keep out words that merely contain a unit character: 周岁 (years of age),
# 周年 (anniversary), 周期 (cycle), 年级 (school grade), 年龄 (age), 日志 (log), 日期 (date) ...
_CN_WEEK = "周(?![岁年期末边])"
_CN_YEAR = "年(?![级龄度])"
_CN_DAY = "日(?![志期常本语历记报程])"
_CN_UNIT = (
    r"(?:个?\s?(?:工作日|营业日)|个?\s?(?:自然日|日历日)|个?\s?(?:小时|钟头)|个?\s?(?:星期|礼拜)|" + _CN_WEEK
    + r"|个\s?月|月|天|" + _CN_DAY + "|" + _CN_YEAR + ")"
)
_CN_HALF_UNIT = "(?:工作日|营业日|自然日|日历日|小时|钟头|星期|礼拜|" + _CN_WEEK + "|月|天|" + _CN_DAY + "|" + _CN_YEAR + ")"


def _en_unit(word: str) -> Unit:
    """The unit named by a match of `_EN_UNIT`."""
    if word.startswith(("work", "business", "weekday")):
        return Unit.WORKING_DAY
    if word.startswith(("day", "calendar", "natural")):
        return Unit.DAY
    if word.startswith("w"):
        return Unit.WEEK
    if word.startswith("mo"):
        return Unit.MONTH
    if word.startswith("y"):
        return Unit.YEAR
    return Unit.HOUR


def _cn_unit(word: str) -> Unit:
    """The unit named by a match of `_CN_UNIT` or `_CN_HALF_UNIT`."""
    if "工作日" in word or "营业日" in word:
        return Unit.WORKING_DAY
    if "小时" in word or "钟头" in word:
        return Unit.HOUR
    if "星期" in word or "礼拜" in word or "周" in word:
        return Unit.WEEK
    if "月" in word:
        return Unit.MONTH
    if "年" in word:
        return Unit.YEAR
    return Unit.DAY  # 天, 日, 自然日, 日历日


# --------------------------------------------------------------------------------------------
# Patterns. Every pattern uses the groups `a` (number), optionally `b` (second number of a
# range or parenthesised repetition), `unit`, and optionally `half` (adds 0.5).
# --------------------------------------------------------------------------------------------


class _Kind(enum.Enum):
    SIMPLE = "simple"  # number + unit
    RANGE = "range"  # two numbers + unit: value is the upper bound
    REPEAT = "repeat"  # "fifteen (15) days": the same number twice
    HALF = "half"  # "half a year", "半年": 0.5 unit


@dataclass(frozen=True)
class _Pattern:
    """One compiled pattern of durations and how to read its matches."""

    regex: re.Pattern[str]
    kind: _Kind
    chinese: bool  # its units are Chinese words: no match in a text without CJK ideographs
    priority: int  # tie-break between candidates with the same span (lower wins)
    # Starts with an English number word: found from the units instead (see _unit_anchored_matches).
    unit_anchored: bool = False


def _patterns(kind: _Kind, chinese: bool, template: str, starts: tuple[str, ...]) -> list[_Pattern]:
    """One compiled pattern per way of starting it (`{A}` in the template is the first number).

    Keeping the alternatives for the first token in separate patterns lets each begin with a
    literal or a character class, which the engine uses to skip ahead quickly.
    """
    priority = 1 if kind is _Kind.RANGE else 0
    return [
        _Pattern(compile_pattern(template.replace("{A}", start)), kind, chinese, priority,
                 unit_anchored=not chinese and start in (_EN_WORD, _EN_WORD_OR_ARTICLE))
        for start in starts
    ]


_RANGE_EN = r"\s?(?:[-–—~]|to(?![a-z])|or(?![a-z])|through(?![a-z]))\s?"
_RANGE_CN = r"\s?[-–—~至到或]\s?"
# A number may stand in the brackets of a filled-in template: "within [30] days", "【15】天内".
_CLOSE = r"[\]】]?"
_EN_UNIT_GROUP = _CLOSE + _EN_SEP + "(?P<unit>" + _EN_UNIT + ")"
_CN_UNIT_GROUP = _CLOSE + r"\s?(?P<unit>" + _CN_UNIT + ")"

_PATTERNS: tuple[_Pattern, ...] = (
    # English: "between 7 and 30 days", "7-30 days", "7 to 30 days"
    *_patterns(
        _Kind.RANGE, False,
        r"between\s(?P<a>" + _EN_NUM + r")\sand\s(?P<b>" + _EN_NUM + ")" + _EN_UNIT_GROUP,
        ("",),
    ),
    *_patterns(
        _Kind.RANGE, False,
        "(?P<a>{A})" + _RANGE_EN + "(?P<b>" + _EN_NUM + ")" + _EN_UNIT_GROUP,
        (_DIGITS_FIRST, _EN_WORD),
    ),
    # "fifteen (15) business days", "15 (fifteen) days"
    *_patterns(
        _Kind.REPEAT, False,
        r"(?P<a>{A})\s?\(\s?(?P<b>" + _DIGITS + r")\s?\)" + _EN_UNIT_GROUP,
        (_EN_WORD,),
    ),
    *_patterns(
        _Kind.REPEAT, False,
        r"(?P<a>{A})\s?\(\s?(?P<b>" + _EN_WORD + r")\s?\)" + _EN_UNIT_GROUP,
        (_DIGITS_FIRST,),
    ),
    # "15 days", "15-day", "a month", "six and a half months", "a year and a half"
    *_patterns(
        _Kind.SIMPLE, False,
        r"(?P<a>{A})(?P<half>\sand\sa\shalf)?" + _EN_UNIT_GROUP + r"(?P<half2>\sand\sa\shalf(?![a-z]))?",
        (_DIGITS_FIRST, _EN_WORD_OR_ARTICLE),
    ),
    # "half a year", "half an hour", "half-day"
    *_patterns(_Kind.HALF, False, r"half(?:[\s-]an?(?![a-z]))?" + _EN_UNIT_GROUP, ("",)),
    # Chinese: "7-30天", "7至30天", "七到三十个工作日"
    *_patterns(
        _Kind.RANGE, True,
        "(?P<a>{A})" + _RANGE_CN + "(?P<b>" + _CN_NUM + ")" + _CN_UNIT_GROUP,
        (_DIGITS_FIRST, _CN_NUMERAL_FIRST),
    ),
    # "十五(15)个工作日", "15(十五)天"
    *_patterns(
        _Kind.REPEAT, True,
        r"(?P<a>{A})\s?\(\s?(?P<b>" + _DIGITS + r")\s?\)" + _CN_UNIT_GROUP,
        (_CN_NUMERAL_FIRST,),
    ),
    *_patterns(
        _Kind.REPEAT, True,
        r"(?P<a>{A})\s?\(\s?(?P<b>" + _CN_NUMERAL + r")\s?\)" + _CN_UNIT_GROUP,
        (_DIGITS_FIRST,),
    ),
    # "3个月", "十五天", "一年半" (1.5 years), "一个半月" (1.5 months)
    *_patterns(
        _Kind.SIMPLE, True,
        r"(?P<a>{A})" + _CLOSE + r"\s?(?:(?P<half>个半)\s?(?P<hunit>" + _CN_HALF_UNIT + ")"
        "|(?P<unit>" + _CN_UNIT + ")(?P<half2>半(?![个年月天日小周星工礼自钟]))?)",
        (_DIGITS_FIRST, _CN_NUMERAL_FIRST),
    ),
    # "半年", "半个月", "半天"
    *_patterns(_Kind.HALF, True, r"半\s?(?:个\s?)?(?P<unit>" + _CN_HALF_UNIT + ")", ("",)),
)

_NOT_BEFORE_DIGIT = frozenset("0123456789abcdefghijklmnopqrstuvwxyz_/+")
_NOT_BEFORE_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_NUMERAL = frozenset(_CN_NUMERAL_CHARS + "千万亿几数0123456789.周期拜")
_NOT_BEFORE_HALF = frozenset("上下前后多大")  # "上半年", "下半年": halves of a calendar year


def _starts_token(text: str, start: int) -> bool:
    """True if a match at `start` is not the tail of a longer word or number.

    Rejects "24/7", "1,000", "10:30", "400-820-8820", "often days" ("ten days"), "三千天",
    weekday names ("周一" is Monday, not a week) and "上半年".
    """
    if start == 0:
        return True
    first, before = text[start], text[start - 1]
    if first.isascii() and first.isdigit():
        if before in _NOT_BEFORE_DIGIT:
            return False
        return not (start >= 2 and before in ".,:-–—~" and text[start - 2].isdigit())
    if first.isascii():
        return before not in _NOT_BEFORE_LETTER
    if first == "半":
        return before not in _NOT_BEFORE_HALF
    return before not in _NOT_BEFORE_NUMERAL


# A bare "日" after a month ("5月1日", "每月15日") or after "1日至" is a day of the month.
_DATE_BEFORE_DAY = compile_pattern(r"(?:月|日\s?(?:至|到|[-–—~]))\s?$")
# "24年5月": a (two-digit) year followed by a month is a date.
_MONTH_AFTER_YEAR = compile_pattern(r"\s?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?月")
# "once a year", "7 days a week": "a"/"an" introduces a frequency, not a period.
_FREQUENCY_BEFORE = compile_pattern(
    r"(?<![a-z])(?:once|twice|thrice|times|per|every|hours?|days?|weeks?|months?|years?)\s?$"
)


# Tens and hundreds as they are usually written ("十五", "三十", "两百", "一百零五", "一百二十"): read
# here, exactly as cn2an reads them (tests/test_detector_speed.py compares every one), so that a
# check imports cn2an only for a numeral of another form.
_CN_TENS = compile_pattern("([一二两三四五六七八九]?)十([一二三四五六七八九]?)")
_CN_HUNDREDS = compile_pattern("([一二两三四五六七八九])百(?:零([一二三四五六七八九])|([一二两三四五六七八九])十([一二三四五六七八九]?))?")


def _plain_cn_numeral_value(numeral: str) -> float | None:
    """The value of a numeral of the tens or hundreds written in the usual way, else None."""
    m = _CN_TENS.fullmatch(numeral)
    if m is not None:
        tens, ones = m.groups()
        return float((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))
    m = _CN_HUNDREDS.fullmatch(numeral)
    if m is not None:
        hundreds, after_zero, tens, ones = m.groups()
        value = _CN_DIGITS[hundreds] * 100
        if after_zero:
            value += _CN_DIGITS[after_zero]
        if tens:
            value += _CN_DIGITS[tens] * 10 + (_CN_DIGITS[ones] if ones else 0)
        return float(value)
    return None


@functools.lru_cache(maxsize=1024)
def _cn_numeral_value(numeral: str) -> float | None:
    """The value of a Chinese numeral, or None if it is not a count of something."""
    if not any(c in "十百" for c in numeral):
        digits = [_CN_DIGITS[c] for c in numeral]
        if len(digits) == 1:
            return float(digits[0])
        if len(digits) == 2 and 0 < digits[0] < digits[1]:
            return float(digits[1])  # "一两天", "三五天": one or two days, three to five days
        return None  # a digit string such as "二〇二四" is a year or a code, not a count
    if numeral.startswith("百"):
        numeral = "一" + numeral
    value = _plain_cn_numeral_value(numeral)
    if value is not None:
        return value
    import cn2an  # slow to import (about 0.1 s); only numerals of another form need it

    try:
        return float(cn2an.cn2an(numeral, "normal"))
    except Exception:  # noqa: BLE001 - cn2an raises assorted exception types on malformed numerals
        return None


def _number_value(token: str) -> float | None:
    """The value of a number matched by one of the patterns (digits, English or Chinese words)."""
    if token[0].isdigit():
        return float(token)
    if token[0] in _CN_NUMERAL_CHARS:
        return _cn_numeral_value(token)
    if token in _EN_WORD_VALUES:
        return float(_EN_WORD_VALUES[token])
    for tens in _TENS:  # "twenty-one", "forty five", "fortyfive"
        if token.startswith(tens):
            ones = token[len(tens):]
            if ones and not ones[0].isalpha():
                ones = ones[1:]
            if ones in _EN_WORD_VALUES:
                return float(_EN_WORD_VALUES[tens] + _EN_WORD_VALUES[ones])
    return None


def _candidate(text: str, pattern: _Pattern, match: re.Match[str]) -> tuple[float, Unit] | None:
    """The value and unit of a pattern match, or None if the match is not really a duration."""
    start, end = match.span()
    if not _starts_token(text, start):
        return None
    groups = match.groupdict()
    unit_text = groups.get("unit") or groups.get("hunit")
    if unit_text is None:
        return None
    unit = _cn_unit(unit_text) if pattern.chinese else _en_unit(unit_text)

    if pattern.kind is _Kind.HALF:
        return 0.5, unit

    a_text = groups["a"]
    a = _number_value(a_text)
    if a is None:
        return None
    value = a
    b_text = groups.get("b")
    if b_text is not None:
        b = _number_value(b_text)
        if b is None:
            return None
        if pattern.kind is _Kind.RANGE:
            if not a < b:  # "thirty-one" is not the range 30-1; "30-7天" is not a range
                return None
            value = b
        else:  # REPEAT: "fifteen (15)"; if the two disagree, keep the larger
            value = max(a, b)
    if groups.get("half") or groups.get("half2"):
        value += 0.5

    if not pattern.chinese and a_text in ("a", "an"):
        if _FREQUENCY_BEFORE.search(text, max(0, start - 12), start):
            return None
    if pattern.chinese:
        if groups.get("unit") == "月" and value <= 12:
            return None  # "5月", "3-6月": months of the year
        if unit_text == "日" and _DATE_BEFORE_DAY.search(text, max(0, start - 4), start):
            return None  # "5月1日"
        if unit is Unit.YEAR and _MONTH_AFTER_YEAR.match(text, end):
            return None  # "24年5月"
    if unit is Unit.YEAR and value >= 100:
        return None  # "二〇二四年" and the like are years, not periods
    if unit is Unit.YEAR and not pattern.chinese and _is_age(text, start, end):
        return None  # "children under 13 years", "16 years of age": an age, not a period
    return value, unit


# An age in English years: after "under", "aged", "younger than" or before "of age", "old".
_AGE_BEFORE = compile_pattern(r"(?<![a-z])(?:under|below|beneath|younger than|older than|aged?|ages? of|turns?|turned)\s$")
_AGE_AFTER = compile_pattern(r"\s?(?:of age|old|or older|or younger|and older|and younger|and over|and under|or over|or under)(?![a-z])")


def _is_age(text: str, start: int, end: int) -> bool:
    return bool(_AGE_BEFORE.search(text, max(0, start - 16), start) or _AGE_AFTER.match(text, end))


# Where an English unit can start: every unit of _EN_UNIT begins with one of these words, or is
# an "h" right after a digit. A period that starts with a number word ("fifteen (15) days",
# "twenty to thirty days") starts at most _UNIT_REACH characters before its unit and is read
# within _UNIT_TAIL characters after the unit's start.
_UNIT_HINTS = ("work", "business", "week", "calendar", "natural", "day", "wk", "month", "year", "yr", "hour", "hr")
_UNIT_REACH = 64
_UNIT_TAIL = 100


# Found by the shared literal index, in the pass it makes over the text anyway: the hints, and a
# digit followed by "h" (the unit starts at the "h").
_UNIT_LITERALS = (*_UNIT_HINTS, *(digit + "h" for digit in "0123456789"))
LITERALS.add(set(_UNIT_LITERALS))


def _unit_starts(text: str) -> list[int]:
    """Where the unit of a period starting with a number word can start.

    Not inside a longer word ("through", "network"): the number word before a unit ends where
    no letter follows, so a unit right after a lower-case letter only comes after "half"
    ("one and a halfday").
    """
    found = LITERALS.positions(text, text_cache(text), _UNIT_LITERALS)
    hours = map((1).__add__, itertools.chain.from_iterable(found[len(_UNIT_HINTS):]))
    starts = sorted({*itertools.chain.from_iterable(found[:len(_UNIT_HINTS)]), *hours})
    return [s for s in starts if s == 0 or not "a" <= text[s - 1] <= "z" or text.endswith("half", 0, s)]


def _unit_anchored_matches(pattern: re.Pattern[str], text: str, units: list[int]) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)` for a pattern that must hold an English unit.

    Patterns starting with a number word give the engine nothing to skip ahead with; searching
    only the short stretch before each place a unit starts finds the same matches.
    """
    next_try = 0
    for unit in units:
        position = max(unit - _UNIT_REACH, next_try)
        while position <= unit:
            m = pattern.search(text, position, unit + _UNIT_TAIL)
            if m is None or m.start() > unit:
                break
            yield m
            position = m.end() if m.end() > m.start() else m.start() + 1
        next_try = max(next_try, position, unit + 1)


_CJK_IDEOGRAPH = compile_pattern("[\u4e00-\u9fff]")


def find_durations(text: str) -> list[Duration]:
    """Find every period of time in `text` (already NFKC-normalised and case-folded).

    Returns non-overlapping durations in order of position; where two readings overlap, the one
    that starts first wins, then the longer one ("7-30 days" rather than "30 days").
    """
    found: list[tuple[int, int, int, float, Unit]] = []
    units: list[int] | None = None
    has_chinese = _CJK_IDEOGRAPH.search(text) is not None
    for pattern in _PATTERNS:
        if pattern.chinese and not has_chinese:
            continue  # every match holds a Chinese unit and the text has none
        if pattern.unit_anchored:
            if units is None:
                units = _unit_starts(text)
            matches: Iterable[re.Match[str]] = _unit_anchored_matches(pattern.regex, text, units)
        else:
            matches = windowed_finditer(pattern.regex, text)
        for match in matches:
            parsed = _candidate(text, pattern, match)
            if parsed is not None:
                found.append((match.start(), -match.end(), pattern.priority, *parsed))
    found.sort(key=lambda c: c[:3])
    result: list[Duration] = []
    last_end = 0
    for start, neg_end, _priority, value, unit in found:
        if start >= last_end:
            end = -neg_end
            result.append(Duration(value, unit, start, end, text[start:end]))
            last_end = end
    return result


# Words a checklist author may put around a limit: "within 15 working days", "15个工作日内".
_LIMIT_FILLER = compile_pattern(
    r"(?<![a-z])(?:within|in|up to|no more than|not more than|no later than|at most|at the latest"
    r"|maximum|max)(?![a-z])|以内|之内|内|不超过|最多|最长"
)


def parse_duration(text: str) -> Duration:
    """Parse a limit written by a checklist author ("15 working days", "十五个工作日", "1 month").

    Mixed case and full-width characters are accepted; the returned offsets refer to the
    normalised text (NFKC, case-folded, whitespace collapsed). Raises ValueError unless the text
    holds exactly one period of time (optionally with words such as "within" or "内").
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a time period as text, got {type(text).__name__}")
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if not normal:
        raise ValueError("empty time period; expected something like '15 working days' or '十五个工作日'")
    durations = find_durations(normal)
    if not durations:
        raise ValueError(
            f"no time period in {text!r}; expected a number and a unit, "
            "such as '15 working days', '1 month', '72 hours' or '十五个工作日'"
        )
    if len(durations) > 1:
        listed = ", ".join(repr(d.text) for d in durations)
        raise ValueError(f"{text!r} contains {len(durations)} time periods ({listed}); expected exactly one")
    duration = durations[0]
    rest = _LIMIT_FILLER.sub(" ", normal[: duration.start] + " " + normal[duration.end :])
    leftover = re.sub(r"[\W_]+", " ", rest).strip()
    if leftover:
        raise ValueError(
            f"unexpected text {leftover!r} around the time period {duration.text!r} in {text!r}; "
            "write only the period, such as '15 working days'"
        )
    return duration


# Days per unit for comparisons across units. For the limit a working day counts as one day, for
# the value as 1.4 (7/5), so the comparison never lets a value pass that might exceed the limit.
_VALUE_DAYS: dict[Unit, float] = {
    Unit.HOUR: 1 / 24,
    Unit.DAY: 1.0,
    Unit.WORKING_DAY: 1.4,
    Unit.WEEK: 7.0,
    Unit.MONTH: 30.44,
    Unit.YEAR: 365.25,
}
_LIMIT_DAYS: dict[Unit, float] = {**_VALUE_DAYS, Unit.WORKING_DAY: 1.0}
_MONTHS: dict[Unit, float] = {Unit.MONTH: 1.0, Unit.YEAR: 12.0}
_EPSILON = 1e-9


def within_limit(value: Duration, limit: Duration) -> bool:
    """True if a period of `value` is certainly no longer than `limit` (a conservative test).

    Same units compare by number. Months and years compare exactly (1 year = 12 months). Other
    mixed units compare in days: hour 1/24, day 1, week 7, month 30.44, year 365.25, and a working
    day counts 1.4 days in `value` but 1 day in `limit`.
    """
    if value.unit is limit.unit:
        return value.value <= limit.value + _EPSILON
    if value.unit in _MONTHS and limit.unit in _MONTHS:
        return value.value * _MONTHS[value.unit] <= limit.value * _MONTHS[limit.unit] + _EPSILON
    value_days = value.value * _VALUE_DAYS[value.unit]
    limit_days = limit.value * _LIMIT_DAYS[limit.unit]
    return value_days <= limit_days + _EPSILON * max(1.0, limit_days)
