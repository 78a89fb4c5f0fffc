r"""`regex`: a regular expression (the `regex` module's syntax), run with a time limit.

    regex: '(?:within|in) \d+ (?:working|business) days'
    regex: {pattern: '个人信息保护负责人.{0,20}@', timeout: 1}
    regex: {pattern: '个人信息|隐私政策', as_written: true}

Patterns run on the normalised text (lower case, full-width characters as ASCII), so write them in
lower case. A policy in Traditional Chinese is searched through its Simplified reading (個人資料 is
read as 个人资料); `as_written: true` searches the characters as the policy writes them, for a
check of the script itself. A pattern that opens with a long repetition and ends in a fixed word,
such as a company name `[\p{Han}]{2,40}有限公司`, is fastest searched backwards: start it with
`(?r)` so the engine anchors on the suffix. A pattern that runs longer than its timeout (default
2 s per document) stops the check with an error naming the item, instead of hanging: a checklist
is untrusted input. A document that contains none of the literal words every match needs (see
`regex_literals`) is not searched, and where those words are rare only the text around them is
(see `regex_windows`).
"""

from __future__ import annotations

import functools
import operator
from typing import TYPE_CHECKING, Any

import regex

from privcheck.errors import MatcherTimeout
from privcheck.matchers.base import CompileContext, Matcher, MatcherKind, Outcome, SpecError, TextView, hits_between
from privcheck.textsearch.regex_literals import analyse
from privcheck.textsearch.regex_windows import WindowedSearch, run_bound, text_cache

if TYPE_CHECKING:
    from privcheck.matchers.options import RegexSpec

# Strings that make backtracking-prone patterns explode; every pattern is tried on them at load
# time so a runaway expression is caught before it meets a real document.
_PROBES = ("a" * 4000 + "!", "1" * 4000 + "x", " " * 4000 + "x", "ab" * 2000 + "!")


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


class RegexMatcher(Matcher):
    kind = "regex"

    def __init__(self, pattern: str, timeout: float, item_id: str, as_written: bool = False) -> None:
        self.source = pattern
        self.timeout = timeout
        self.item_id = item_id
        self.as_written = as_written
        self.compiled = regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE | regex.V0)
        analysis = analyse(pattern)
        requirement = analysis.requirement if analysis is not None else None
        # Prefilter: literals of which every match contains one; where none occurs in a document,
        # the pattern cannot match there and the full search is skipped.
        self._literals = sorted(requirement.literals) if requirement and not requirement.classes else []
        # Windows around those literals (or characters), for patterns whose matches have a known length.
        self.windows = (
            WindowedSearch(self.compiled, analysis)
            if requirement is not None and analysis is not None and analysis.min_width >= 1 else None
        )

    @functools.cached_property
    def prefilter(self) -> regex.Pattern[str] | None:
        if not self._literals:
            return None
        return regex.compile("|".join(map(regex.escape, self._literals)), regex.IGNORECASE | regex.V0)

    def cache_key(self) -> Any:
        return ("regex", self.source, self.as_written)

    def evaluate(self, view: TextView) -> Outcome:
        if self.as_written and view.document.simplified_from_traditional:
            return self._evaluate_as_written(view)
        try:
            spans = None
            if self.windows is not None:
                spans = self.windows.spans(view.text, lambda char_class: _run(view, char_class), self.timeout,
                                           text_cache(view.text))
            elif self.prefilter is not None and self.prefilter.search(view.text) is None:
                spans = []
            if spans is None:
                spans = self.plain_spans(view.text)
            spans.sort()  # (?r) patterns report matches from the end
            hits = hits_between(map(_first, spans), map(_second, spans))
        except TimeoutError:
            raise self._timeout(view) from None
        return Outcome(bool(hits), hits)

    def _timeout(self, view: TextView) -> MatcherTimeout:
        size = len(view.text)
        shown = self.source if len(self.source) <= 120 else self.source[:119] + "…"
        return MatcherTimeout(
            f"{view.document.path}: the regular expression of item {self.item_id} ({shown!r}) ran for more "
            f"than its limit of {self.timeout:g} s on this {size / 1e6:.1f} MB document and was stopped; "
            "raise the limit with --regex-timeout SECONDS for documents this large"
        )


    def _evaluate_as_written(self, view: TextView) -> Outcome:
        """The plain search over the text as written (as long as the view's, offset for offset)."""
        try:
            spans = self.plain_spans(view.document.normalized_as_written.text)
        except TimeoutError:
            raise self._timeout(view) from None
        spans.sort()
        return Outcome(bool(spans), hits_between(map(_first, spans), map(_second, spans)))

    def plain_spans(self, text: str) -> list[tuple[int, int]]:
        """The non-empty matches of a search over the whole text (no prefilter, no windows)."""
        return [m.span() for m in self.compiled.finditer(text, timeout=self.timeout) if m.end() > m.start()]


def _run(view: TextView, char_class: str) -> int | None:
    """The longest run of a character class in the view's text (a bound), found once per document
    and shared with the detectors' own patterns."""
    return run_bound(view.text, char_class, regex, text_cache(view.text))


def build(options: RegexSpec, ctx: CompileContext) -> RegexMatcher:
    timeout = options.timeout if options.timeout is not None else ctx.regex_timeout
    as_written = options.as_written
    spec = options.pattern
    if not options._shorthand:
        ctx = ctx.at("pattern")
    try:
        matcher = RegexMatcher(spec, timeout, ctx.item_id, as_written)
    except regex.error as exc:
        raise SpecError(ctx.path, f"invalid regular expression: {exc}") from None
    if matcher.compiled.match(""):
        raise SpecError(ctx.path, "the regular expression matches the empty string, so it would match anything")
    budget = min(timeout, 0.5)
    for probe in _PROBES:
        try:
            matcher.compiled.search(probe, timeout=budget)
        except TimeoutError:
            raise SpecError(
                ctx.path,
                f"the regular expression backtracks catastrophically (over {budget:g} s on a "
                f"{len(probe)}-character test string); simplify nested repetition such as (a+)+",
            ) from None
    return matcher


KINDS = (MatcherKind("regex", build, __doc__, "RegexSpec"),)
