"""The normalised view that matchers search, with a map back to the text the user sees.

Matching happens on a copy of the text that is NFKC-normalised (full-width digits, letters and
punctuation become their ASCII forms), case-folded, and has whitespace runs collapsed to one
space (or one newline, where the run holds a line break). Evidence must still point at the user's own text, so every normalised offset maps back to an
offset in the original. The map is piecewise: long runs of characters that normalisation leaves
alone (ASCII letters and CJK ideographs, the bulk of any policy) are stored as one segment each.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass

import regex

from privcheck.textsearch.pattern_cache import compile_pattern

# Characters that NFKC + casefold may change (and whitespace, which is collapsed). Everything else
# is copied through one to one, with upper-case ASCII lowered: ASCII, the CJK ideographs and the
# punctuation most policies are full of, which normalisation leaves as it is ("、", "。", "“", "’",
# "【", "—"; tests check each character).
# A single space between two such characters is copied through too (it is what normalisation
# would make of it), so ordinary English text is one segment per line, not one per word.
# A run is one or more of: a character outside the fast path other than a space, or a space not
# between two such characters. Its first character is read before the look-arounds that say which
# (the one before it, not a space; or the one before that, or after it, outside the fast path):
# a pattern that opens with a class lets `re` skip to the characters a run can start with in C,
# where a look-ahead first would be tried at every position of the text.
_NORMAL = r"\x21-\x7e\u4e00-\u9fff\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u3001\u3002\u3008-\u3011"
_SPECIAL = compile_pattern(
    rf"[^{_NORMAL}](?:(?<! )|(?<![{_NORMAL}].)|(?![{_NORMAL}]))"
    rf"(?:[^{_NORMAL} ]|(?<![{_NORMAL}]) | (?![{_NORMAL}]))*"
)
_SPACE = regex.compile(r"\s")


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus a map from its offsets to offsets of the source text."""

    text: str
    source_length: int
    # Parallel arrays: the segment starting at norm_starts[i] in `text` came from
    # source_starts[i]; when linear[i] it is a 1:1 copy, otherwise all of it maps to that start.
    norm_starts: list[int]
    source_starts: list[int]
    linear: list[bool]

    def to_source(self, offset: int) -> int:
        """Map an offset in the normalised text to the matching offset in the source text."""
        if offset >= len(self.text):
            return self.source_length
        i = bisect.bisect_right(self.norm_starts, offset) - 1
        if i < 0:
            return 0
        if self.linear[i]:
            return self.source_starts[i] + (offset - self.norm_starts[i])
        return self.source_starts[i]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to a half-open source span."""
        source_start = self.to_source(start)
        if end <= start:
            return source_start, source_start
        last = self.to_source(end - 1)
        i = bisect.bisect_right(self.norm_starts, end - 1) - 1
        if i >= 0 and not self.linear[i]:
            # A collapsed or expanded piece: extend to the end of its source run.
            nxt = self.source_starts[i + 1] if i + 1 < len(self.source_starts) else self.source_length
            return source_start, max(nxt, last + 1)
        return source_start, last + 1


def normalize_text(source: str) -> NormalizedText:
    """Build the normalised view of `source` (NFKC, case-folded, whitespace collapsed)."""
    out: list[str] = []
    norm_starts: list[int] = []
    source_starts: list[int] = []
    linear: list[bool] = []
    length = 0
    pos = 0

    def emit(piece: str, source_start: int, is_linear: bool) -> None:
        nonlocal length
        if not piece:
            return
        norm_starts.append(length)
        source_starts.append(source_start)
        linear.append(is_linear)
        out.append(piece)
        length += len(piece)

    for special in _SPECIAL.finditer(source):
        if special.start() > pos:
            emit(source[pos:special.start()].lower(), pos, True)
        run = special.group()
        if _FAST_RUNS and not run.strip("\n"):
            # Line breaks alone (most runs): one newline, unless the text so far ends in one or
            # is empty; as _emit_special would do.
            if out and out[-1][-1:] != "\n":
                emit("\n", special.start(), False)
        elif _FAST_RUNS and not run.translate(_ONE_TO_ONE_GONE):
            # Punctuation that becomes one character each ("，" -> ","; "、", "“" unchanged): one
            # linear piece, which maps offsets as a piece per character would.
            emit(run.translate(_ONE_TO_ONE), special.start(), True)
        else:
            _emit_special(run, special.start(), emit, lambda: out[-1][-1:] if out else "")
        pos = special.end()
    if pos < len(source):
        emit(source[pos:].lower(), pos, True)
    return NormalizedText("".join(out), len(source), norm_starts, source_starts, linear)


# Whether runs of line breaks alone and runs of characters in _ONE_TO_ONE take the short way in
# normalize_text (tests turn it off).
_FAST_RUNS = True


def _one_to_one(ranges: tuple[tuple[int, int], ...]) -> dict[int, str]:
    """The characters of `ranges` that normalise to one character other than a space, with it."""
    table = {}
    for low, high in ranges:
        for code in range(low, high + 1):
            ch = chr(code)
            normalized = unicodedata.normalize("NFKC", ch).casefold()
            if len(normalized) == 1 and normalized.strip() and not _SPACE.match(ch) and ch not in "\u200b\ufeff":
                table[code] = normalized
    return table


# Where the punctuation of most policies lies: Latin-1, general punctuation, CJK punctuation and
# full-width forms (the characters that change are left to _emit_special).
_ONE_TO_ONE = _one_to_one(((0xA1, 0xFF), (0x2010, 0x205E), (0x3001, 0x303F), (0xFF01, 0xFF5E)))
_ONE_TO_ONE_GONE = dict.fromkeys(_ONE_TO_ONE)

_SPECIAL_PIECE = regex.compile(r"([\s\u200b\ufeff]+)|(.)", regex.DOTALL)


def _emit_special(run: str, run_start: int, emit, last_char) -> None:
    """Normalise a run of characters outside the fast path.

    A whitespace run becomes one space, or one newline when it holds a line break, so that
    paragraph and line structure survives for sentence and paragraph scopes.
    """
    for piece in _SPECIAL_PIECE.finditer(run):
        start = run_start + piece.start()
        if piece.group(1) is not None:
            newline = "\n" in piece.group(1) or "\u2029" in piece.group(1)
            previous = last_char()
            if previous == "" or (previous == " " and not newline) or previous == "\n":
                continue
            emit("\n" if newline else " ", start, False)
            continue
        normalized = unicodedata.normalize("NFKC", piece.group(2)).casefold()
        if not normalized.strip():
            if last_char() not in ("", " ", "\n"):
                emit(" ", start, False)
            continue
        emit(normalized, start, len(normalized) == 1)


class LineIndex:
    """1-based line and column of an offset in a text."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            self._starts.append(i + 1)
            i = find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_count(self) -> int:
        return len(self._starts)
