"""Plain-text policies, including text hard-wrapped at a fixed width.

Most policy text files hold one paragraph per line, and a line break ends a sentence. Text saved
from an e-mail, a terminal or some editors is instead wrapped at a fixed width (72 or 80
columns, or 35-40 Chinese characters), so one sentence runs over several lines. Such a file is
recognised by its shape: many lines come close to one width, the wrap width (lines longer than
it are URLs, or paragraphs left whole in a file wrapped only in part). In such a file a line
break inside a paragraph becomes a space (after a line of Chinese it is removed), as in
Markdown, unless the line ends a sentence or the next line starts a list item. Positions still
point at the lines of the file.
"""

from __future__ import annotations

import itertools
import math
import re

from privcheck.document.mapping import BULLET_START, LIST_START, SENTENCE_CLOSERS, MappedPositions, SourceLines, TextBuilder, is_cjk
from privcheck.textsearch.pattern_cache import compile_pattern

_WIDE = compile_pattern("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]")

# A wrapped file's lines are at most this wide (in columns, a Chinese character being two); a
# file whose lines run longer holds whole paragraphs per line.
_MAX_WRAP_WIDTH = 160
_MIN_WRAP_WIDTH = 40
_MIN_LINES = 6
# A line that opens with a short label and a colon ("Email: ...", "邮箱：...") starts a new entry.
_LABEL_START = re.compile(r"^[^\W\d_][\w '&/-]{0,24}[:：]")


def _width(line: str) -> int:
    return len(line) + len(_WIDE.findall(line))


def _wrap_width(widths: list[int]) -> tuple[int, int]:
    """The width w between the limits with the most lines of 0.75 w to w columns, and how many."""
    counts = [0] * (_MAX_WRAP_WIDTH + 2)
    for width in widths:
        counts[min(width, _MAX_WRAP_WIDTH + 1)] += 1
    up_to = list(itertools.accumulate(counts))  # up_to[w]: lines of at most w columns
    return max(
        ((w, up_to[w] - up_to[math.ceil(0.75 * w) - 1]) for w in range(_MIN_WRAP_WIDTH, _MAX_WRAP_WIDTH + 1)),
        key=lambda pair: pair[1],
    )


def wrapped_breaks(text: str) -> list[int]:
    """Offsets of the line breaks that wrap a paragraph, or [] when the text is not hard-wrapped."""
    lines = text.split("\n")
    # Quick no: a character is at least one column wide, so more than 5% of the lines longer than
    # any wrap width means whole paragraphs per line (most policies).
    if sum(len(line) > _MAX_WRAP_WIDTH + 1 for line in lines) > 0.05 * len(lines):
        return []
    bodies = [line.rstrip("\r \t") for line in lines]
    widths = [_width(body) for body in bodies if body.strip()]
    if len(widths) < _MIN_LINES:
        return []
    # In a wrapped file a good share of the lines are full: within a word or two of the wrap
    # width. The width is the one most lines come close to; lines longer than it are URLs, or
    # paragraphs a file wrapped only in part leaves whole.
    wrap, full = _wrap_width(widths)
    if full < 0.4 * len(widths):
        return []
    breaks: list[int] = []
    offset = 0
    for number, body in enumerate(bodies[:-1]):
        end = offset + len(lines[number])
        following = bodies[number + 1].lstrip()
        if (body.strip() and following and body[-1] not in SENTENCE_CLOSERS
                and _width(body) >= 0.6 * wrap
                and not following.startswith(BULLET_START) and not LIST_START.match(following)
                and not _LABEL_START.match(following)):
            breaks.append(end)
        offset = end + 1
    return breaks


def unwrap(text: str, breaks: list[int]):
    """The text with the given line breaks joined, and the `PositionMap` back to the file's lines."""
    builder = TextBuilder()
    position = 0
    for offset in breaks:
        cut = offset - 1 if offset and text[offset - 1] == "\r" else offset
        body = text[position:cut].rstrip(" \t")
        builder.add(body, position)
        following = text[offset + 1:]
        indent = len(following) - len(following.lstrip(" \t"))
        # Chinese is wrapped by character count, so a break can fall inside a Latin word or an
        # e-mail address: after a mostly Chinese line, nothing is put in the break's place.
        chinese_line = 2 * len(_WIDE.findall(body)) >= len(body.strip())
        if not (chinese_line or (is_cjk(body[-1:]) and is_cjk(following[indent:indent + 1]))):
            builder.add(" ", cut, linear=False)
        position = offset + 1 + indent
    builder.add(text[position:], position)
    return builder.text(), MappedPositions(builder.map, SourceLines(text))
