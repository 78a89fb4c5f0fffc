"""What every matcher shares: the text it searches, what it returns, how it is compiled."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple


from privcheck.document.model import Document
from privcheck.textsearch.pattern_cache import compile_regex

if TYPE_CHECKING:
    import regex

DEFAULT_REGEX_TIMEOUT = 2.0  # seconds per regular expression per document


class Hit(NamedTuple):
    """A matched span of the normalised text, with an optional note on what it means.

    `rank` is the matcher's own judgement of how well the hit states what it looks for: hits of a
    lower rank are quoted first (a contact channel offered to the reader before a link to another
    company's site). Most matchers leave it at 0.

    A named tuple: checks make hundreds of thousands of these, and a tuple is made twice as fast
    as a frozen dataclass.
    """

    start: int
    end: int
    detail: str = ""
    rank: int = 0


_make_hit = functools.partial(tuple.__new__, Hit)
_first = operator.itemgetter(0)


def hits_between(starts: Iterable[int], ends: Iterable[int]) -> list[Hit]:
    """`[Hit(s, e) for s, e in zip(starts, ends)]`, made in C (without Hit's Python constructor)."""
    return list(map(_make_hit, zip(starts, ends, itertools.repeat(""), itertools.repeat(0))))


@dataclass
class Outcome:
    """The result of one matcher on one document.

    `matched`: the condition holds. `weak`: something relevant was found but it misses a threshold
    (a 30-day deadline against a 15-working-day limit); weak outcomes are not matched.
    """

    matched: bool
    hits: list[Hit] = field(default_factory=list)
    weak: bool = False
    detail: str = ""

    @classmethod
    def none(cls) -> "Outcome":
        return cls(False)


# Sentence ends: Chinese and full-width punctuation survive NFKC as "。", "!", "?", ";";
# an English full stop counts when followed by a space or line end and not after a short
# abbreviation such as "e.g." or "No.", nor after the number of a list run on after a colon
# ("in these cases we ask for your consent: 1. we use it for another purpose; 2. ...").
_SENTENCE_END = compile_regex(
    r"[。!?;]+|\n|(?<!\b(?:e\.g|i\.e|etc|no|co|inc|ltd|pte|pty|corp|bhd|sdn|l\.l\.c|s\.a|b\.v|n\.v|s\.r\.l|s\.p\.a|incl|approx|art|para|mr|ms|dr|st|vs|u\.s|p\.r\.c|sec))"
    r"(?<!:\s{0,2}\d{1,2})\.(?=\s|$)"
)


_NEWLINE = compile_regex(r"\n")
# Web addresses and the domains of email addresses in the normalised text: their words are not
# words of the policy ("usa" in "www.usa.gov", "keep" in "feedback@keep.com"; a mailbox such as
# "dpo@" is). Each pattern opens with a literal, so that the search skips ahead in C.
_URL_CHARS = r"[a-z0-9\-._~:/?#@!$&*+,;=%]+"
_WEB_ADDRESSES = (re.compile(r"https?://" + _URL_CHARS), re.compile(r"www\." + _URL_CHARS))
_EMAIL_DOMAIN = re.compile(r"@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+")
# A web address written without "www." or "https://" ("opt-out instructions on USA.gov"): found
# from its top-level domain, then read back to the start of the name and on to the end of the path.
_BARE_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|io|cn|eu|de|fr|uk|ie|info|us|ca|au|jp|nl|ch|app)(?![a-z0-9-])")
_DOMAIN_BEFORE = re.compile(r"[a-z0-9][a-z0-9\-.]*$")
_PATH_AFTER = re.compile(r"(?:/[a-z0-9\-._~/?#=&%]*)?")  # matches everywhere, if only the empty string
_WRAP = compile_regex(r"[ \t]*[a-z]")
_WRAPPED_END = compile_regex(r"[a-z,][ \t]*$")


class SpecError(Exception):
    """A problem in a matcher's YAML; `path` locates it, the loader adds file, line and column.

    With `key`, the last step of `path` is a key that should not be there (a misspelled option),
    and the position is that of the key rather than of its value.
    """

    def __init__(self, path: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.path = path
        self.message = message
        self.key = key
        super().__init__(message)


LEAD_IN_LONGEST = 200  # a lead-in of a list is one sentence of at most this length
LIST_LINES = 12  # how many items of a list may stand between an item and the lead-in
LIST_ITEM_LONGEST = 800  # a longer paragraph is prose, not an item of a list
LIST_ITEM_SHORT = 400  # a line this short may be an item of a list without a mark
_COLON_END = compile_regex(r"[:：]\s*$")
# The mark of a list item, by kind: a bullet, a mark in brackets, a number, a letter, a Chinese
# numeral, or digits and letters mixed ("1a.", a mark of no kind of its own).
_LIST_MARK = compile_regex(r"^\s*(?:(?P<bullet>[•·●○◦▪■□◆◇\-–—*+>])|(?P<paren>[（(][0-9一二三四五六七八九十]{1,3}[)）])"
                           r"|(?P<number>\(?[0-9]{1,3}[.)）、])|(?P<letter>\(?[a-z]{1,3}[.)）、])|(?P<numeral>[一二三四五六七八九十]{1,3}[、.])"
                           r"|(?P<mixed>\(?[0-9a-z]{1,3}[.)）、]))")
_LIST_ITEM_END = compile_regex(r"(?:[;；,，、]|(?<![a-z])(?:and|or))\s*$")
_ENDS_A_SENTENCE = compile_regex(r"[.。!！?？]\s*$")
HEADING_LONGEST = 100  # a longer line is prose, not a heading
HEADING_REACH = 20  # how many paragraphs above a passage its heading may stand
INLINE_HEADING_LONGEST = 60
_NOT_A_HEADING_END = compile_regex(r"[.。;；,，、]\s*$")
_SECTION_MARKS = ("number", "numeral", "paren")  # the marks of numbered sections (not bullets or letters)
_ASKS = compile_regex(r"^(?!.*(?:https?:|www\.))[^\n]*[^\W\d_][?？]\s*$")  # not a web address ending in "/?"


class TextView:
    """The normalised text of one document with sentence and paragraph indexes and a cache.

    Matchers share one view per document, so work such as finding all durations or all contact
    channels is done once however many items ask for it.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.normalized.text
        self.cache: dict[Any, Any] = {}
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text) if not self._wrapped(m.start())]
        self._paragraph_ends = [m.end() for m in _NEWLINE.finditer(self.text)]
        # The same ends between the start and the end of the text: the span holding an offset is
        # bounds[i], bounds[i + 1], where i = bisect_right(ends, offset), looked up with no test.
        self._sentence_bounds = [0, *self._sentence_ends, len(self.text)]
        self._paragraph_bounds = [0, *self._paragraph_ends, len(self.text)]

    def _wrapped(self, at: int) -> bool:
        """Whether the line break at `at` wraps an English sentence: it follows a lower-case word or
        a comma and comes before a word written in lower case ("object to\nprocessing of")."""
        text = self.text
        if text[at] != "\n":
            return False
        word = _WRAP.match(text, at + 1)
        if word is None or not _WRAPPED_END.search(text, max(0, at - 2), at):
            return False
        source = self.document.normalized.to_source(word.end() - 1)
        return self.document.text[source:source + 1].islower()

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """What `compute()` returns, computed once per document under `key` (all the dates, all
        the contact channels: work that many items share)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def outside_web_addresses(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`spans` without those that lie in a web address or an email address's domain."""
        starts, ends = self.memo("web-addresses", self._web_addresses)
        if not starts or not spans:
            return spans
        if not any(map(self._in_web_address.__getitem__, map(_first, spans))):
            return spans  # most lists: no span starts in an address, which the mask tells in C
        out = []
        for span in spans:
            i = bisect.bisect_right(starts, span[0]) - 1
            if i < 0 or span[1] > ends[i]:
                out.append(span)
        return out

    @functools.cached_property
    def _in_web_address(self) -> bytearray:
        """1 at every offset from the start to the end of a web address (both included), else 0: a
        span that starts at none of them is outside every address. A byte per character, however
        many addresses a document holds."""
        starts, ends = self.memo("web-addresses", self._web_addresses)
        mask = bytearray(len(self.text) + 1)
        for start, end in zip(starts, ends):
            mask[start:end + 1] = b"\x01" * (end + 1 - start)
        return mask

    def _web_addresses(self) -> tuple[list[int], list[int]]:
        """The starts and ends of the web addresses, none inside another."""
        text = self.text
        spans = [m.span() for pattern in _WEB_ADDRESSES for m in pattern.finditer(text)]
        spans += [m.span() for m in _EMAIL_DOMAIN.finditer(text) if m.start() > 0 and text[m.start() - 1].isalnum()]
        for m in _BARE_DOMAIN.finditer(text):
            name = _DOMAIN_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if name is not None and (name.start() == 0 or text[name.start() - 1] not in "@"):
                path = _PATH_AFTER.match(text, m.end())
                spans.append((name.start(), path.end() if path else m.end()))
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(spans):
            if not ends or end > ends[-1]:
                starts.append(start)
                ends.append(end)
        return starts, ends

    def outcome(self, matcher: "Matcher") -> Outcome:
        """Evaluate `matcher`, reusing the outcome of an equal matcher already run on this view."""
        key = ("outcome", matcher.cache_key())
        found: Outcome | None = self.cache.get(key)  # one look-up of the key, not two, when it is found
        if found is None:
            found = self.cache[key] = matcher.evaluate(self)
        return found

    def sentence(self, offset: int) -> tuple[int, int]:
        """Span of the sentence holding `offset`."""
        i = bisect.bisect_right(self._sentence_ends, offset)
        return self._sentence_bounds[i], self._sentence_bounds[i + 1]

    def sentences(self, offsets: Iterable[int]) -> tuple[list[int], list[int]]:
        """The starts and the ends of the sentences holding `offsets` (as `sentence` gives them), found in C."""
        return _spans_holding(self._sentence_ends, self._sentence_bounds, offsets)

    @functools.cached_property
    def _content_sentence_ends(self) -> list[int]:
        """The ends of the sentences that hold more than white space (a line break after a full
        stop ends an empty one)."""
        text = self.text
        out: list[int] = []
        start = 0
        for end in self._sentence_ends:
            if not text[start:end].isspace() and end > start:
                out.append(end)
            start = end
        return out

    def sentence_index(self, offset: int) -> int:
        """The number of the sentence holding `offset` (0 for the first), not counting empty ones."""
        return bisect.bisect_right(self._content_sentence_ends, offset)

    def sentences_around(self, offset: int, count: int) -> tuple[int, int]:
        """Span from `count` sentences before the one holding `offset` to `count` sentences after."""
        index = self.sentence_index(offset)
        ends = self._content_sentence_ends
        first = index - count
        last = index + count
        start = ends[first - 1] if 0 < first <= len(ends) else 0
        end = ends[last] if last < len(ends) else len(self.text)
        return start, end

    def paragraph(self, offset: int) -> tuple[int, int]:
        """Span of the paragraph (line) holding `offset`."""
        i = bisect.bisect_right(self._paragraph_ends, offset)
        return self._paragraph_bounds[i], self._paragraph_bounds[i + 1]

    def paragraphs(self, offsets: Iterable[int]) -> tuple[list[int], list[int]]:
        """The starts and the ends of the paragraphs holding `offsets` (as `paragraph` gives them), found in C."""
        return _spans_holding(self._paragraph_ends, self._paragraph_bounds, offsets)

    def numbered_spans(self, scope: str) -> tuple[list[int], list[int]]:
        """The ends and the bounds of the sentences (`scope` "sentence") or the paragraphs: the one
        numbered i = bisect_right(ends, offset) holds `offset` and spans bounds[i], bounds[i + 1].
        Hits in the same span have the same number."""
        if scope == "sentence":
            return self._sentence_ends, self._sentence_bounds
        return self._paragraph_ends, self._paragraph_bounds

    def list_lead_in(self, offset: int, lines: int = LIST_LINES, item_longest: int = LIST_ITEM_LONGEST,
                     ) -> tuple[int, int] | None:
        """The span of the lead-in of the list whose item is the paragraph at `offset`: the nearest
        line ending in a colon within `lines` lines above ("Your rights are as follows:", "您享有以下
        权利："), over items of up to `item_longest` characters; of a long paragraph ending in a
        colon, its last sentence ("... Depending on where you live, you may have the right to:")."""
        index = bisect.bisect_right(self._paragraph_ends, offset)
        line_start, line_end = self._paragraph_bounds[index], self._paragraph_bounds[index + 1]
        if line_end - line_start > 2 * LEAD_IN_LONGEST and not _long_item(self.text[line_start:line_end], item_longest):
            return None
        return _lead_in_above(self, index, lines, item_longest)

    @functools.cached_property
    def _colon_paragraphs(self) -> list[int]:
        """The numbers of the paragraphs (0 for the first) that end in a colon: one pass over the
        lines of a document finds every candidate lead-in, where a walk up from each list item read
        the same lines again for every item below them."""
        text = self.text
        return [index for index, (start, end) in enumerate(itertools.pairwise(self._paragraph_bounds))
                if _ends_in_colon(text[start:end])]

    def _long_paragraphs(self, longest: int) -> list[int]:
        """The numbers of the paragraphs longer than `longest` characters, found once per length."""
        key = ("long-paragraphs", longest)
        found: list[int] | None = self.cache.get(key)
        if found is None:
            bounds = self._paragraph_bounds
            found = self.cache[key] = [index for index, length in enumerate(map(operator.sub, bounds[1:], bounds))
                                       if length > longest]
        return found

    @functools.cached_property
    def _heading_paragraphs(self) -> list[int]:
        """The numbers of the paragraphs that read as headings, found in one pass over the lines
        (a walk up from each quoted passage read the same lines again for every passage)."""
        text = self.text
        return [index for index, (start, end) in enumerate(itertools.pairwise(self._paragraph_bounds))
                if _is_heading(text[start:end])]

    @functools.cached_property
    def _heading_set(self) -> frozenset[int]:
        """`_heading_paragraphs` as a set: a line that reads as no heading starts no section."""
        return frozenset(self._heading_paragraphs)

    def list_item_lead_in(self, offset: int, tight: bool = False) -> tuple[int, int] | None:
        """The lead-in of the list (as `list_lead_in`) when the paragraph at `offset` and every line
        between it and the lead-in read as items of a list: marked ("•", "-", "(a)", "1."), ending
        in a comma or semicolon, or short. Prose under a line ending in a colon has no lead-in. With
        `tight`, a short line counts only when it does not end a sentence ("Restrict processing").
        Found once per paragraph: the items of a check quote the same passages."""
        index = bisect.bisect_right(self._paragraph_ends, offset)
        key = ("list-item-lead-in", index, tight)
        if key not in self.cache:
            self.cache[key] = self._list_item_lead_in(index, tight)
        found: tuple[int, int] | None = self.cache[key]
        return found

    def _list_item_lead_in(self, index: int, tight: bool) -> tuple[int, int] | None:
        bounds = self._paragraph_bounds
        lead_in = self.list_lead_in(bounds[index])
        if lead_in is None:
            return None
        text = self.text
        headings = self._heading_set
        kind = _mark_kind(text[bounds[index]:bounds[index + 1]])
        top = bisect.bisect_left(bounds, lead_in[1])  # the line right under the lead-in
        for number in range(index, top - 1, -1):
            line = text[bounds[number]:bounds[number + 1]]
            # The line right under the lead-in may be prose ("We share data in these cases:" over a
            # "We share ..." sentence a line) or the list's first heading, but not another section's.
            first = number == top
            if not first and not _list_item(line, tight):
                return None
            if number != index and number in headings and _starts_a_section(line, kind, first):
                return None
        return lead_in

    @functools.cached_property
    def _section_starts(self) -> list[int]:
        """The starts of the lines that open a numbered section ("（二）委托处理", "四、我们如何使用
        Cookie", "5.1 Your rights"), but not the first line under a lead-in ("如下：" over "（1）邮箱")."""
        text = self.text
        bounds = self._paragraph_bounds
        out = []
        for index in self._heading_paragraphs:
            if _mark_kind(text[bounds[index]:bounds[index + 1]]) in _SECTION_MARKS \
                    and not (index and _ends_in_colon(text[bounds[index - 1]:bounds[index]])):
                out.append(bounds[index])
        return out

    def crosses_a_section(self, first: int, second: int) -> bool:
        """Whether a numbered section opens after the line holding `first` and at or before `second`:
        a passage of two sentences does not run from one section into the heading of the next."""
        lo, hi = (first, second) if first <= second else (second, first)
        lo = self.paragraph(lo)[1]
        index = bisect.bisect_left(self._section_starts, lo)
        return index < len(self._section_starts) and self._section_starts[index] <= hi

    def heading(self, offset: int) -> str:
        """The heading of the section holding `offset`, as text ("" when none is seen): the nearest line
        above that reads as a heading (short, not ending a sentence or a clause: "5. What data do we
        collect?", "Your rights", "六、我们如何保护您的个人信息"), and a short first sentence of the
        paragraph itself ("Cookies. We use ...", "Right to delete. You may ...")."""
        start, end = self.paragraph(offset)
        key = ("heading", start)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _inline_heading(self, start, end) + "\n" + _heading_above(self, start)
        return found


def _spans_holding(ends: list[int], bounds: list[int], offsets: Iterable[int]) -> tuple[list[int], list[int]]:
    index = list(map(bisect.bisect_right, itertools.repeat(ends), offsets))
    return list(map(bounds.__getitem__, index)), list(map(bounds.__getitem__, map(_next, index)))


_next = (1).__add__


def _lead_in_above(view: TextView, index: int, lines: int, item_longest: int) -> tuple[int, int] | None:
    """The lead-in above paragraph number `index`: the nearest of the `lines` lines above it that
    ends in a colon, unless a line too long to be an item of the list stands nearer."""
    first = max(0, index - lines)
    colon = _last_below(view._colon_paragraphs, index)
    longest = max(LEAD_IN_LONGEST, item_longest)
    if colon < first or _last_below(view._long_paragraphs(longest), index) > colon:
        return None
    start, end = view._paragraph_bounds[colon], view._paragraph_bounds[colon + 1]
    if end - start > LEAD_IN_LONGEST:
        # A long paragraph may end with the lead-in: only its last sentence is read.
        line = view.text[start:end]
        start = max(start, view.sentence(end - 1 - (len(line) - len(line.rstrip())))[0])
        return (start, end) if end - start <= LEAD_IN_LONGEST else None
    return start, end


def _last_below(numbers: list[int], index: int) -> int:
    """The greatest of the sorted `numbers` below `index`, or -1."""
    at = bisect.bisect_left(numbers, index)
    return numbers[at - 1] if at else -1


def _ends_in_colon(line: str) -> bool:
    """Whether `line` ends in a colon (white space after it aside); most lines hold none, and
    looking for one is cheaper than the search from every position of the line."""
    return ("：" in line or ":" in line) and _ends_in(_COLON_END, line, 1)


def _ends_in(pattern: regex.Pattern[str], line: str, reach: int) -> bool:
    """Whether `pattern`, which finds up to `reach` characters and then white space to the end of a
    line, is found in `line`: searched from where it can start, not from every position of the line
    (a search reads the whole of a long line, at several microseconds each). The look-behinds of the
    pattern still see the text before that position."""
    return pattern.search(line, max(0, len(line.rstrip()) - reach)) is not None


def after_list_mark(text: str, start: int, end: int) -> int:
    """Where the words of the list item text[start:end] begin: after its mark ("1.", "(a)", "•",
    "四、") and the white space that follows it."""
    line = text[start:end]
    found = _LIST_MARK.match(line)
    at = found.end() if found else 0
    while at < len(line) and line[at].isspace():
        at += 1
    return start + at


def _mark_kind(line: str) -> str | None:
    found = _LIST_MARK.match(line)
    return found.lastgroup if found and found.lastgroup != "mixed" else None


def _starts_a_section(line: str, item_kind: str | None, first: bool = False) -> bool:
    """Whether `line`, above a list item marked as `item_kind`, is the heading of another section
    rather than an item of the same list: a heading that asks a question ("4. When do we collect
    your data?" above "When you create an account."), or one marked in another way ("四、如何管理您的
    信息" above "4.1 个人信息查询"; the "3.5.1" items of the list above it belong to section 3.5),
    unless it is the `first` line under the lead-in, which heads the list's first part ("类型如下："
    over "（1）为方便您使用" over "（a）设备信息")."""
    if not _is_heading(line):
        return False
    if _ASKS.match(line):
        return True
    kind = _mark_kind(line)
    return not first and item_kind is not None and kind is not None and kind != item_kind


def _long_item(line: str, item_longest: int) -> bool:
    """A long paragraph that still reads as an item of a list: it ends as one ("...; " or ", and")."""
    return len(line) <= item_longest and _ends_in(_LIST_ITEM_END, line, 3)


def _list_item(line: str, tight: bool = False) -> bool:
    line = line.strip()
    if not line or _LIST_MARK.match(line) or _ends_in(_LIST_ITEM_END, line, 3):
        return True
    if tight:
        return len(line) <= LEAD_IN_LONGEST and not _ends_in(_ENDS_A_SENTENCE, line, 1)
    return len(line) <= LIST_ITEM_SHORT



def _is_heading(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= HEADING_LONGEST and not _ends_in(_NOT_A_HEADING_END, line, 1)


def _heading_above(view: TextView, start: int) -> str:
    """The nearest of the `HEADING_REACH` lines above the paragraph at `start` that reads as a heading."""
    index = bisect.bisect_right(view._paragraph_ends, start)
    above = _last_below(view._heading_paragraphs, index)
    if above < 0 or above < index - HEADING_REACH:
        return ""
    return view.text[view._paragraph_bounds[above]:view._paragraph_bounds[above + 1]].strip()


def _inline_heading(view: TextView, start: int, end: int) -> str:
    sentence_end = view.sentence(start)[1]
    first = view.text[start:sentence_end].strip()
    return first if len(first) <= INLINE_HEADING_LONGEST and sentence_end < end else ""


def stripped(text: str, start: int, end: int) -> Hit:
    """A hit on text[start:end] without the white space around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Hit(start, end)


class Matcher(ABC):
    """A compiled matcher. `evaluate` must be pure: the same view gives the same outcome."""

    kind: str = ""

    @abstractmethod
    def evaluate(self, view: TextView) -> Outcome: ...

    def cache_key(self) -> Any:
        """Matchers with equal keys give equal outcomes, so engines may share results."""
        return id(self)


@dataclass
class CompileContext:
    """What a matcher needs to know while it is built: where it is, the item's settings and the
    checklist's vocabularies (name -> phrases, for `$name` in a phrase list)."""

    path: tuple[Any, ...]
    threshold: str | None = None
    regex_timeout: float = DEFAULT_REGEX_TIMEOUT
    item_id: str = ""
    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def at(self, *steps: Any) -> "CompileContext":
        return CompileContext(self.path + steps, self.threshold, self.regex_timeout, self.item_id, self.vocabularies)


def leave_out(view: TextView, hits: list[Hit], unless: Matcher) -> list[Hit]:
    """`hits` without those in a sentence that holds a hit of `unless` (for a hit spanning several
    sentences: in any of them). A sentence is what `within: sentence` means: it ends at . ! ? ;
    。 ！ ？ ； or a line break."""
    starts = sorted(h.start for h in view.outcome(unless).hits)
    if not starts:
        return hits
    count = len(starts)
    kept: list[Hit] = []
    for hit in hits:
        lo = view.sentence(hit.start)[0]
        hi = view.sentence(max(hit.start, hit.end - 1))[1]
        index = bisect.bisect_left(starts, lo)
        if not (index < count and starts[index] < hi):
            kept.append(hit)
    return kept


class Unless(Matcher):
    """A matcher whose hits do not count in a sentence that holds a hit of `unless` (the `unless:`
    option of `phrases`, `near` and `right`)."""

    def __init__(self, matcher: Matcher, unless: Matcher) -> None:
        self.matcher = matcher
        self.unless = unless
        self.kind = matcher.kind

    def cache_key(self) -> Any:
        return ("unless", self.matcher.cache_key(), self.unless.cache_key())

    def evaluate(self, view: TextView) -> Outcome:
        outcome = view.outcome(self.matcher)
        if not outcome.hits:
            return outcome
        kept = leave_out(view, outcome.hits, self.unless)
        if len(kept) == len(outcome.hits):
            return outcome
        return Outcome(outcome.matched and bool(kept), kept, outcome.weak and bool(kept), outcome.detail)


def with_unless(matcher: Matcher, unless: Matcher | None) -> Matcher:
    """`matcher`, or `matcher` with the hits in sentences holding an `unless` hit left out."""
    return matcher if unless is None else Unless(matcher, unless)


@dataclass(frozen=True)
class MatcherKind:
    """A kind of matcher as a checklist names it: its options model and how to build it.

    Every matcher module lists its kinds in `KINDS`; `privcheck.matchers.REGISTRY` collects them.
    `options` is the name of the kind's pydantic model in `privcheck.matchers.options`, loaded only
    when a checklist is compiled. `build` gets the validated options and the context. A kind with
    `empty_body` may be written without options (`contact:`), meaning `{}`.
    """

    name: str
    build: Callable[[Any, CompileContext], Matcher]
    doc: str | None
    options_name: str
    empty_body: bool = False

    def options(self) -> Any:
        """The pydantic model of this kind's options."""
        from privcheck.matchers import options

        return getattr(options, self.options_name)
