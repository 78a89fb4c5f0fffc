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
update" do not count). With `max`, the outcome holds if any counted period is within the limit;
periods that are all over the limit make a weak outcome (a partial item). A calendar-day figure of
N fits a limit of N working days; 15 working days fit one month; "30 days" fits one month.

    caution: {over: 4 weeks, note: "a period in days can run past a calendar month"}

With `caution`, a passing period stated in another unit than the limit and longer than `over`
still passes, with the note added to the finding ("30 days" against one month). Periods in the
limit's own unit ("one month") never get the note.
"""

from __future__ import annotations

from typing import Any

import regex

from privcheck.durations import Duration, find_durations, parse_duration, within_limit
from privcheck.matchers.base import CompileContext, Hit, Matcher, Outcome, SpecError, TextView
from privcheck.matchers.near import parse_within
from privcheck.matchers.phrases import PhrasesMatcher, check_phrase_list

_CLAUSE_END = regex.compile(r"[,;:。!?\n]")


def document_durations(view: TextView) -> list[Duration]:
    key = "durations"
    if key not in view.cache:
        view.cache[key] = find_durations(view.text)
    return view.cache[key]


def clause(view: TextView, start: int, end: int) -> tuple[int, int]:
    sentence_start, sentence_end = view.sentence(start)
    left = start
    while left > sentence_start and not _CLAUSE_END.match(view.text[left - 1]):
        left -= 1
    right = _CLAUSE_END.search(view.text, end, sentence_end)
    return left, right.start() if right else sentence_end


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
        from privcheck.matchers.near import close

        context = view.outcome(self.near).hits
        if not context:
            return []
        ignored = view.outcome(self.ignore).hits if self.ignore else []
        counted = []
        for duration in document_durations(view):
            spot = Hit(duration.start, duration.end)
            nearby = [c for c in context if close(view, spot, c, self.scope, self.size)]
            if not nearby:
                continue
            anchor = min(nearby, key=lambda c: abs(c.start - spot.start))
            if ignored:
                lo, hi = clause(view, duration.start, duration.end)
                if any(lo <= h.start < hi for h in ignored):
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


def build(spec: Any, ctx: CompileContext) -> DurationMatcher:
    if not isinstance(spec, dict):
        raise SpecError(ctx.path, "expected a mapping with 'near' and optional 'within', 'max', 'ignore'")
    for key in spec:
        if key not in ("near", "within", "max", "ignore", "caution"):
            raise SpecError(ctx.path + (key,), f"unknown key {key!r}; expected near, within, max, ignore, caution")
    if "near" not in spec:
        raise SpecError(ctx.path, "missing 'near': the words a deadline must be about (respond, 回复, ...)")
    near = PhrasesMatcher(check_phrase_list(spec["near"], ctx.at("near")))
    scope, size = parse_within(spec.get("within"), ctx.at("within"))
    limit_text = spec.get("max", ctx.threshold)
    limit = None
    if limit_text is not None:
        where = ctx.at("max") if "max" in spec else ctx
        try:
            limit = parse_duration(str(limit_text))
        except ValueError as exc:
            raise SpecError(where.path, f"expected a duration such as '15 working days' or '1 month': {exc}") from None
    ignore = PhrasesMatcher(check_phrase_list(spec["ignore"], ctx.at("ignore"))) if "ignore" in spec else None
    return DurationMatcher(near, scope, size, limit, ignore, _caution(spec.get("caution"), ctx.at("caution")))


def _caution(spec: Any, ctx: CompileContext) -> tuple[Duration, str] | None:
    if spec is None:
        return None
    if not isinstance(spec, dict) or set(spec) != {"over", "note"} or not isinstance(spec["note"], str) or not spec["note"].strip():
        raise SpecError(ctx.path, "expected a mapping with 'over' (a duration such as '4 weeks') and 'note' (a text)")
    try:
        return parse_duration(str(spec["over"])), spec["note"].strip()
    except ValueError as exc:
        raise SpecError(ctx.at("over").path, f"expected a duration such as '4 weeks': {exc}") from None
