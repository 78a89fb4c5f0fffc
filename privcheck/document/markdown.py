"""Markdown policies: the words without the markup, with evidence at lines of the .md file.

Markup that carries no words is blanked with spaces of the same length, so every character keeps
its line and column: heading marks (`#`, and `===`/`---` underlines), emphasis, code marks and
fences, block quotes, list bullets, table pipes and separator rows, thematic breaks, HTML tags and
comments, backslash escapes, and link syntax (the link text and its URL are kept: a URL can be a
contact channel). A single line break inside a paragraph is a soft break in Markdown, so it becomes
a space (between two Chinese characters it is removed), and a sentence wrapped over several lines
of the file is one sentence to the matchers. Headings, list items and table rows stay on lines of
their own.
"""

from __future__ import annotations

import regex

from privcheck.document.decoding import decode_bytes
from privcheck.document.mapping import MappedPositions, SourceLines, TextBuilder, is_cjk
from privcheck.document.model import Document

_MARKDOWN_NOISE = regex.compile(
    r"^[ \t]{0,3}#{1,6}(?=\s)|[ \t]+#+[ \t]*$|^[ \t]*>+|^[ \t]*[-*+](?=\s)|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"
    r"|~~|`+|^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$|\|",
    regex.MULTILINE,
)
_LINK = regex.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_REFERENCE_LINK = regex.compile(r"!?\[([^\]\n]+)\]\[([^\]\n]*)\]")
_REFERENCE_DEFINITION = regex.compile(r"^([ ]{0,3}\[[^\]\n]+\]:)[ \t]*(\S+)", regex.MULTILINE)
_WHOLE_LINE = regex.compile(
    r"^[ ]{0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*|(?:`{3,}|~{3,}).*)$",  # breaks, setext underlines, fences
    regex.MULTILINE,
)
_HTML = regex.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>", regex.DOTALL)
_ESCAPE = regex.compile(r"\\(?=[!-/:-@\[-`{-~])")
_FENCE = regex.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})")
_QUOTED_TEXT = regex.compile(r"^[ ]{0,3}>[ ]?(\S.*)$")
_BLOCK_START = regex.compile(r"^[ ]{0,3}(?:#{1,6}\s|>|[-*+]\s|\d{1,9}[.)]\s|\||(?:[-*_=][ \t]*){3,}$|`{3,}|~{3,}|<)")


def _blank(match: regex.Match) -> str:
    return regex.sub(r"[^\n]", " ", match.group())


def strip_markdown(text: str) -> str:
    """Blank out Markdown markup while keeping every character's offset."""
    text = _HTML.sub(_blank, text)
    text = _WHOLE_LINE.sub(_blank, text)
    text = _ESCAPE.sub(" ", text)
    text = _REFERENCE_DEFINITION.sub(lambda m: " " * len(m.group(1)) + m.group()[len(m.group(1)):], text)
    text = _MARKDOWN_NOISE.sub(lambda m: " " * len(m.group()), text)

    def link(m: regex.Match) -> str:
        # Keep the label and the target (a URL is a contact channel); blank the brackets.
        label, target = m.group(1), m.group(2)
        prefix = 2 if m.group().startswith("!") else 1
        return " " * prefix + label + "  " + target + " "

    text = _LINK.sub(link, text)
    return _REFERENCE_LINK.sub(lambda m: " " * (2 if m.group().startswith("!") else 1) + m.group(1) + " " * (len(m.group(2)) + 3), text)


def soft_breaks(source: str) -> list[int]:
    """Offsets of the line breaks inside paragraphs (not after headings, list items, tables, code)."""
    breaks: list[int] = []
    in_fence = False
    offset = 0
    lines = source.split("\n")
    for number, line in enumerate(lines[:-1]):
        end = offset + len(line)
        following = lines[number + 1]
        if _FENCE.match(line):
            in_fence = not in_fence
        elif (not in_fence and line.strip() and following.strip()
              and not _BLOCK_START.match(line)
              and not line.rstrip("\r").endswith(("  ", "\\"))
              and not _BLOCK_START.match(following)
              and not regex.match(r"^[ ]{0,3}(?:=+|-+)[ \t]*$", following)):
            breaks.append(end)
        elif (not in_fence and _QUOTED_TEXT.match(line) and _QUOTED_TEXT.match(following)
              and not _BLOCK_START.match(_QUOTED_TEXT.match(following).group(1))):
            breaks.append(end)  # a block quote paragraph wrapped over several lines
        elif (not in_fence and line.strip() and following.strip() and regex.match(r"^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])\s", line)
              and following.startswith("  ") and not _BLOCK_START.match(following.lstrip())):
            breaks.append(end)  # a list item continued on an indented line
        offset = end + 1
    return breaks


def load_markdown(data: bytes, path: str, options) -> Document:
    notes: list[str] = []
    source, encoding = decode_bytes(data, path, options.encoding, notes)
    stripped = strip_markdown(source)
    builder = TextBuilder()
    position = 0
    for offset in soft_breaks(source):
        builder.add(stripped[position:offset], position)
        before = stripped[max(0, offset - 80):offset].rstrip()[-1:]
        after = stripped[offset + 1:offset + 80].lstrip()[:1]
        if not (is_cjk(before) and is_cjk(after)):
            builder.add(" ", offset, linear=False)
        position = offset + 1
    builder.add(stripped[position:], position)
    positions = MappedPositions(builder.map, SourceLines(source))
    return Document(path=path, text=builder.text(), format="markdown", positions=positions, encoding=encoding,
                    source=source, notes=notes)
