"""`duration`: a time limit stated in the context of given words, checked against a maximum.

    duration:
      near: [respond, reply, 回复, 答复, 处理]   # the deadline must be about one of these
      within: sentence                          # how close (default: the same sentence)
      max: 15 working days                      # default: the item's `threshold`
      ignore: [初步, initial, acknowledg*, more than, 超过]

Finds periods such as "15 working days", "fifteen (15) business days", "15个工作日", "十五个工作日",
"15日内", "三十天", "one month", "一个月", "4 weeks", with ranges read at their upper bound. A period
counts only if a `near` phrase is in the same sentence (or within N characters) and no `ignore`
phrase is in the same clause (so "initially reply within 3 days" or "more than 15 days after an
update" do not count), unless the phrase follows a negation: "不超过15个工作日", "no more than 15
days" are deadlines. With `max`, the outcome holds if any counted period is within the limit;
periods that are all over the limit make a weak outcome (a partial item). A calendar-day figure of
N fits a limit of N working days; 15 working days fit one month; "30 days" fits one month.

    caution: {over: 4 weeks, note: "a period in days can run past a calendar month"}

With `caution`, a passing period stated in another unit than the limit and longer than `over`
still passes, with the note added to the finding ("30 days" against one month). Periods in the
limit's own unit ("one month") never get the note.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

from privcheck.detectors.durations import Duration, find_durations, parse_duration, within_limit
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, SpecError, TextView
from privcheck.matchers.near import parse_within
from privcheck.matchers.phrases import PhrasesMatcher

if TYPE_CHECKING:
    from privcheck.matchers.options import DurationSpec

_CLAUSE_END = regex.compile(r"[,;:。!?\n]")
# An ignored word right after a negation is an upper bound, which is what a deadline is: 不超过,
# "no more than", "not exceeding" keep the period.
_NEGATED = regex.compile(r"(?:不|没有|未|(?<![a-z])(?:no|not|never) )$")


def document_durations(view: TextView) -> list[Duration]:
    key = "durations"
    if key not in view.cache:
        view.cache[key] = find_durations(view.text)
    return view.cache[key]


def clause(view: TextView, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons or sentence ends) holding a span."""
    sentence_start, sentence_end = view.sentence(start)
    if "clause_ends" not in view.cache:
        view.cache["clause_ends"] = [m.start() for m in _CLAUSE_END.finditer(view.text)]
    ends = view.cache["clause_ends"]
    before = bisect.bisect_left(ends, start) - 1
    left = max(sentence_start, ends[before] + 1) if before >= 0 else sentence_start
    after = bisect.bisect_left(ends, end)
    right = ends[after] if after < len(ends) and ends[after] < sentence_end else sentence_end
    return min(left, start), right


def _labelled(view: TextView, start: int, end: int) -> tuple[int, int]:
    """A clause with the label it is the value of: "Average time to resolution: 3 days" is one
    statement, so a word ignored in the label ignores the value after the colon."""
    text = view.text
    colon = start - 1
    while colon >= 0 and text[colon] == " ":
        colon -= 1
    if colon > 0 and text[colon] == ":":
        return clause(view, colon - 1, colon - 1)[0], end
    return start, end


def nearest_close(view: TextView, spot: Hit, context: list[Hit], starts: list[int], scope: str, size: int) -> Hit | None:
    """The context hit closest to `spot` that is close to it, looking outward from `spot`.

    `context` is sorted by start and `starts` holds their starts. Only hits whose start falls in
    the proximity window are looked at, so this stays fast on one enormous sentence.
    """
    from privcheck.matchers.near import close, window

    lo, hi = window(view, spot, scope, size)
    first = bisect.bisect_left(starts, lo)
    last = bisect.bisect_right(starts, hi)
    right = bisect.bisect_left(starts, spot.start, first, last)
    left = right - 1
    while left >= first or right < last:
        if right >= last or (left >= first and spot.start - starts[left] <= starts[right] - spot.start):
            candidate = context[left]
            left -= 1
        else:
            candidate = context[right]
            right += 1
        if close(view, spot, candidate, scope, size):
            return candidate
    return None


class DurationMatcher(Matcher):
    kind = "duration"

    def __init__(self, near: PhrasesMatcher, scope: str, size: int, limit: Duration | None,
                 ignore: PhrasesMatcher | None, caution: tuple[Duration, str] | None = None) -> None:
        self.caution = caution
        self.near = near
        self.scope = scope
        self.size = size
        self.limit = limit
        self.ignore = ignore

    def _counted(self, view: TextView) -> list[tuple[Duration, Hit]]:
        context = sorted(view.outcome(self.near).hits, key=lambda h: h.start)
        if not context:
            return []
        starts = [c.start for c in context]
        ignored = sorted(
            h.start for h in view.outcome(self.ignore).hits
            if not _NEGATED.search(view.text[max(0, h.start - 6):h.start])
        ) if self.ignore else []
        counted = []
        for duration in document_durations(view):
            spot = Hit(duration.start, duration.end)
            # The nearest context hit, found by walking outwards from the period: stays linear
            # even on one enormous sentence where every hit is "close".
            anchor = nearest_close(view, spot, context, starts, self.scope, self.size)
            if anchor is None:
                continue
            if ignored:
                lo, hi = _labelled(view, *clause(view, duration.start, duration.end))
                if bisect.bisect_left(ignored, lo) < bisect.bisect_left(ignored, hi):
                    continue
            counted.append((duration, Hit(min(spot.start, anchor.start), max(spot.end, anchor.end))))
        return counted

    def evaluate(self, view: TextView) -> Outcome:
        counted = self._counted(view)
        if not counted:
            return Outcome.none()
        if self.limit is None:
            return Outcome(True, [h for _, h in counted], detail=f"states {counted[0][0].describe()}")
        good = [(d, h) for d, h in counted if within_limit(d, self.limit)]
        if good:
            best = min(good, key=lambda pair: (pair[0].value, pair[0].start))[0]
            detail = f"states {best.describe()} (limit: {self.limit.describe()})"
            if self.caution and best.unit is not self.limit.unit and not within_limit(best, self.caution[0]):
                detail += f"; note: {self.caution[1]}"
            return Outcome(True, [h for _, h in good], detail=detail)
        shortest = min(counted, key=lambda pair: pair[0].value)[0]
        return Outcome(False, [h for _, h in counted], weak=True,
                       detail=f"states {shortest.describe()}, over the limit of {self.limit.describe()}")


def build(options: DurationSpec, ctx: CompileContext) -> DurationMatcher:
    near = PhrasesMatcher(list(options.near))
    scope, size = parse_within(options.within, ctx.at("within"))
    given = "max" in options.model_fields_set
    limit_text = options.max if given else ctx.threshold
    limit = None
    if limit_text is not None:
        where = ctx.at("max") if given else ctx
        try:
            limit = parse_duration(str(limit_text))
        except ValueError as exc:
            raise SpecError(where.path, f"expected a duration such as '15 working days' or '1 month': {exc}") from None
    ignore = PhrasesMatcher(list(options.ignore)) if options.ignore is not None else None
    caution = None
    if options.caution is not None:
        caution = parse_duration(str(options.caution.over)), options.caution.note.strip()
    return DurationMatcher(near, scope, size, limit, ignore, caution)


KINDS = (MatcherKind("duration", build, __doc__, "DurationSpec"),)
