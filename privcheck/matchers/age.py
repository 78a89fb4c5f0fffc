"""`age`: an age limit for children, such as "under 14" or "不满十四周岁", within a range.

    age: {min: 14, max: 14}     # only 14 will do (PIPL)
    age: {min: 16, max: 18}     # 16 to 18 (GDPR: 16 by default; "under 18" covers it)

Recognises "under (the age of) 14", "below 16", "younger than 13", "14 years of age or younger",
"aged 13 or under", "不满14周岁", "未满十四周岁", "14周岁以下", "十四岁以下", "低于14岁". `min`
defaults to the item's `threshold` when that is a whole number. Ages found only outside the range
give a weak outcome (a partial item): "under 13" is not enough where 14 is required.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from privcheck.detectors.durations import _CN_DIGITS, _plain_cn_numeral_value
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView
from privcheck.textsearch.regex_windows import windowed_finditer

if TYPE_CHECKING:
    from privcheck.matchers.options import AgeSpec

_NUMBER = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_EN_WORDS = {
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18,
}
_EN_NUMBER = r"(\d{1,2}|" + "|".join(_EN_WORDS) + r")"
# The look-ahead names every character a match can start with, so the engine can pass over the
# rest of the text quickly (the whole pattern is not tried at every position).
_AGE = re.compile(
    r"(?=[ubylatfse\d不未低小一二三四五六七八九十])(?:"
    r"(?:under|below|younger than|less than|beneath)\s+(?:the\s+age\s+of\s+|age\s+)?" + _EN_NUMBER + r"(?![\d])"
    r"|(?:aged?\s+)?" + _EN_NUMBER + r"\s*(?:years?\s*(?:of\s+age|old)?\s*)?(?:or|and)\s+(?:under|younger|below)"
    r"|(?:不满|未满|低于|小于|未达到|不足)\s*" + _NUMBER + r"\s*(?:周岁|岁)"
    r"|" + _NUMBER + r"\s*(?:周岁|岁)\s*(?:\(含\)\s*)?(?:以下|以内|之下)"
    r")"
)


def _value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _EN_WORDS:
        return _EN_WORDS[text]
    # A numeral written the usual way ("四", "十四", "二十一") is read as cn2an reads it: cn2an takes
    # longer to import than checking a policy, and only numerals of other forms need it.
    usual = _plain_cn_numeral_value(text) if "十" in text else _CN_DIGITS.get(text) if len(text) == 1 else None
    if usual is not None:
        return int(usual)
    import cn2an

    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def find_ages(text: str) -> list[tuple[int, int, int]]:
    """(age, start, end) for each age limit in normalised text."""
    found = []
    for m in windowed_finditer(_AGE, text):
        number = next(g for g in m.groups() if g)
        value = _value(number)
        if value is not None and 5 <= value <= 21:
            found.append((value, m.start(), m.end()))
    return found


class AgeMatcher(Matcher):
    kind = "age"

    def __init__(self, low: int | None, high: int | None) -> None:
        self.low = low
        self.high = high

    def evaluate(self, view: TextView) -> Outcome:
        if "ages" not in view.cache:
            view.cache["ages"] = find_ages(view.text)
        ages = view.cache["ages"]
        if not ages:
            return Outcome.none()
        inside = [a for a in ages if (self.low is None or a[0] >= self.low) and (self.high is None or a[0] <= self.high)]
        if inside:
            return Outcome(True, [Hit(s, e) for _, s, e in inside], detail=f"age limit {inside[0][0]}")
        stated = sorted({a[0] for a in ages})
        wanted = _describe(self.low, self.high)
        return Outcome(False, [Hit(s, e) for _, s, e in ages], weak=True,
                       detail=f"states age {', '.join(map(str, stated))}, expected {wanted}")


def _describe(low: int | None, high: int | None) -> str:
    if low is not None and low == high:
        return str(low)
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def build(options: AgeSpec, ctx: CompileContext) -> AgeMatcher:
    low = options.min
    if low is None and ctx.threshold is not None and str(ctx.threshold).strip().isdigit():
        low = int(str(ctx.threshold).strip())
    return AgeMatcher(low, options.max)


KINDS = (MatcherKind("age", build, __doc__, "AgeSpec", empty_body=True),)
