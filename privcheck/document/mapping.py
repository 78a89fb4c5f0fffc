"""Building a document's text piece by piece while remembering where each piece came from.

Loaders of structured formats (HTML, PDF, Word, Markdown) do not hand the matchers the file's own
characters: they drop markup, join wrapped lines and add line breaks between blocks. `TextBuilder`
records, for every piece appended, the offset in a *source* string it came from (the HTML file,
the text layer of a PDF, the paragraphs of a Word file). `OffsetMap` turns an offset in the built
text back into an offset in that source; each loader then turns a source offset into a `Position`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from privcheck.document.model import Position
from privcheck.document.textmap import LineIndex


@dataclass
class OffsetMap:
    """Piecewise map from offsets in a built text to offsets in its source.

    Segment i starts at `starts[i]` in the built text and at `targets[i]` in the source; a linear
    segment is a one-to-one copy, any other (a line break added between blocks) maps wholly to
    its target.
    """

    starts: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)
    length: int = 0

    def to_source(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return self.targets[0] if self.targets else 0
        if self.linear[i]:
            return self.targets[i] + (offset - self.starts[i])
        return self.targets[i]


class TextBuilder:
    """Accumulates text and its `OffsetMap`."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.map = OffsetMap()

    @property
    def length(self) -> int:
        return self.map.length

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def add(self, text: str, source: int, linear: bool = True) -> None:
        """Append `text`, copied from the source at offset `source` (or, if not linear, standing for it)."""
        if not text:
            return
        m = self.map
        if m.linear and m.linear[-1] and linear and m.targets[-1] + (m.length - m.starts[-1]) == source:
            pass  # continues the previous linear segment
        else:
            m.starts.append(m.length)
            m.targets.append(source)
            m.linear.append(linear)
        self._parts.append(text)
        m.length += len(text)

    def break_line(self, source: int, blank: bool = False) -> None:
        """End the current line (once; `blank` leaves an empty line, a paragraph break)."""
        if not self._parts:
            return
        tail = "".join(self._parts[-2:])[-2:]
        want = "\n\n" if blank else "\n"
        if tail.endswith(want):
            return
        if tail.endswith("\n"):
            want = "\n"
        self.add(want, source, linear=False)

    def text(self) -> str:
        return "".join(self._parts)


class MappedPositions:
    """A `PositionMap` for built texts: offset map into the source, then the loader's locator."""

    def __init__(self, offsets: OffsetMap, locate_source: Callable[[int], Position]) -> None:
        self._offsets = offsets
        self._locate_source = locate_source

    def locate(self, offset: int) -> Position:
        return self._locate_source(self._offsets.to_source(offset))


class SourceLines:
    """Locates offsets of a source string by line and column (HTML and Markdown files)."""

    def __init__(self, source: str) -> None:
        self._index = LineIndex(source)

    def __call__(self, offset: int) -> Position:
        line, column = self._index.position(offset)
        return Position(line, column)


# Characters after which a line ends a sentence or a heading: a line ending in one of them is
# never joined to the next one.
SENTENCE_CLOSERS = set(".。!！?？:：;；")
# A numbered list item: "1.", "2.3)", "(a)", "（一）", "一、".
LIST_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)、]|[(（]\s*\w{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}[、.])")
BULLET_START = ("-", "•", "·", "*", "–", "—", "●", "○", "■", "□", "▪", "◆", "(", "（", "第")


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
