"""The document model: what a loader produces and what matchers and renderers consume."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from privcheck.document.textmap import LineIndex, NormalizedText, normalize_text


@dataclass(frozen=True)
class Position:
    """Where something is in the file as the user sees it (1-based)."""

    line: int
    column: int
    page: int | None = None
    paragraph: int | None = None


class PositionMap(Protocol):
    """Maps an offset in `Document.text` to a position in the source file."""

    def locate(self, offset: int) -> Position: ...


class LinePositions:
    """Positions for a document whose text is the file's own text, line for line."""

    def __init__(self, text: str) -> None:
        self._index = LineIndex(text)

    def locate(self, offset: int) -> Position:
        line, column = self._index.position(offset)
        return Position(line, column)


@dataclass
class Document:
    """A policy ready for matching.

    `text` is the readable text a loader extracted (for plain text, the file itself);
    `positions` maps offsets in it back to the source file.
    """

    path: str
    text: str
    format: str
    positions: PositionMap
    encoding: str | None = None
    language: str = field(default="")
    # The decoded file as written (markup included) for text-based formats whose `text` is
    # extracted from it (Markdown, HTML): inline comments such as suppressions live there.
    source: str | None = field(default=None, repr=False)
    # What the reader decided that a person should know (a main element set aside, bytes that
    # could not be decoded): shown in the report's notes.
    notes: list[str] = field(default_factory=list)
    # Headings of the text as (offset in `text`, heading), in order, for formats that mark them
    # (HTML): evidence says which heading it is under.
    headings: list[tuple[int, str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.language:
            self.language = detect_language(self.text)

    @cached_property
    def normalized(self) -> NormalizedText:
        """The text matchers search (see `textmap`); Traditional Chinese is read as Simplified
        (`hant`), character for character, so offsets are the text's own."""
        if self.simplified_from_traditional:
            from privcheck.document.hant import simplified

            return normalize_text(simplified(self.text))
        return self.normalized_as_written

    @cached_property
    def normalized_as_written(self) -> NormalizedText:
        """The normalised text without reading Traditional Chinese as Simplified (same offsets)."""
        return normalize_text(self.text)

    @cached_property
    def simplified_from_traditional(self) -> bool:
        """Whether the text is mostly Traditional Chinese, matched through a Simplified reading."""
        if self.language != "zh":
            return False
        from privcheck.document.hant import is_traditional

        return is_traditional(self.text)

    def heading_at(self, offset: int) -> str | None:
        """The nearest heading at or before `offset` in the text, if the format marks headings."""
        if not self.headings:
            return None
        import bisect

        index = bisect.bisect_right(self.headings, (offset, "\uffff")) - 1
        return self.headings[index][1] if index >= 0 else None

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", format: str = "text") -> "Document":
        return cls(path=path, text=text, format=format, positions=LinePositions(text))


# The letters are counted in the sample's UTF-8 bytes, where bytes.translate and bytes.count run in
# C without making a string per word: an ASCII letter is one byte of its own, and the characters of
# U+4E00-U+9FFF are exactly those whose first byte is E5-E9, or E4 followed by B8-BF.
_ASCII_LETTERS = string.ascii_letters.encode()
_CJK_FIRST_BYTES = bytes(range(0xE5, 0xEA))
_CJK_AFTER_E4 = tuple(bytes((0xE4, second)) for second in range(0xB8, 0xC0))


def detect_language(text: str) -> str:
    """'zh' when Chinese characters (U+4E00-U+9FFF) make up a fair share of the letters, otherwise 'en'."""
    sample = text[:200_000].encode("utf-8", "surrogatepass")
    cjk = len(sample) - len(sample.translate(None, _CJK_FIRST_BYTES)) + sum(map(sample.count, _CJK_AFTER_E4))
    latin = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    # A Chinese character carries about as much as a four-letter English word.
    return "zh" if cjk * 4 > latin else "en"
