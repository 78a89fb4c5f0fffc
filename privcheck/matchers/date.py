"""`date`: a calendar date next to words that say what it is.

    date:
      near: [effective date, last updated, 生效日期, 更新日期]   # what the date must be about
      within: 40                                               # sentence | paragraph | N | "N words"

Recognises dates as people write them, in English and Chinese: "December 17, 2025", "17
December 2025", "17th of December, 2025", "Dec. 2025", "2025-12-17", "17/12/2025", "06 16, 2022",
"2025年12月17日", "二〇二五年十二月", with full-width digits, spaces or a line break between the parts.
Only possible dates count (a year from 1990 to 2099), so section numbers such as "10.5.3" do not.
The evidence runs from the `near` words to the date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privcheck.detectors.dates import PolicyDate, find_dates
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView
from privcheck.matchers.near import HitIndex, parse_within
from privcheck.matchers.phrases import PhrasesMatcher

if TYPE_CHECKING:
    from privcheck.matchers.options import DateSpec


def document_dates(view: TextView) -> list[PolicyDate]:
    return view.memo("dates", lambda: find_dates(view.text))


class DateMatcher(Matcher):
    kind = "date"

    def __init__(self, near: PhrasesMatcher, scope: str, size: int) -> None:
        self.near = near
        self.scope = scope
        self.size = size

    def cache_key(self) -> Any:
        return ("date", self.near.cache_key(), self.scope, self.size)

    def evaluate(self, view: TextView) -> Outcome:
        # The labels first: they come from the one-pass phrase search, the dates from a search of
        # their own, made only for a policy that has a label.
        labels = view.outcome(self.near)
        if not labels.matched:
            return Outcome.none()
        dates = document_dates(view)
        if not dates:
            return Outcome.none()
        context = HitIndex(labels.hits)
        hits: list[Hit] = []
        for date in dates:
            close = context.close_to(view, Hit(date.start, date.end), self.scope, self.size)
            if close:
                label = min(close, key=lambda h: abs(h.start - date.start))
                day = f"-{date.day:02d}" if date.day else ""
                hits.append(Hit(min(label.start, date.start), max(label.end, date.end), f"{date.year}-{date.month:02d}{day}"))
        return Outcome(bool(hits), hits, detail=f"dated {hits[0].detail}" if hits else "")


def build(options: DateSpec, ctx: CompileContext) -> DateMatcher:
    scope, size = parse_within(options.within, ctx.at("within"), default=40)
    return DateMatcher(PhrasesMatcher(list(options.near)), scope, size)


KINDS = (MatcherKind("date", build, __doc__, "DateSpec"),)
