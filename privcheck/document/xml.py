"""XML policies: the text of the elements, each block element on its own line, never the tags.

Parsed with lxml's XML parser with entities left unresolved and no network access (an XML file is
untrusted input). An element that stands among text of its own parent (`<p>We <b>never</b> sell
it</p>`) is read inline; every other element starts a line, so `<paragraph>`, `<item>` or
`<section>` each give their own line whatever the vocabulary. Comments and processing
instructions are not read. An XHTML page (root element `html`) is read as HTML. A file that is not
well-formed XML is refused with the line and column of the first error.

Evidence points at the line and column of the text in the .xml file: lxml records each element's
line, and the text is found again in the source from there.
"""

from __future__ import annotations

import re

from lxml import etree

from privcheck.document.decoding import decode_bytes
from privcheck.document.mapping import MappedPositions, SourceLines, TextBuilder
from privcheck.document.model import Document
from privcheck.errors import DocumentError

_WHITESPACE = re.compile(r"\s+")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _has_own_text(element: etree._Element) -> bool:
    """Whether the element's direct text (its text or its children's tails) is more than space."""
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def load_xml(data: bytes, path: str, options) -> Document:
    notes: list[str] = []
    text, encoding = decode_bytes(data, path, options.encoding, notes)
    source = _DECLARATION.sub(lambda m: " " * len(m.group()), text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True, load_dtd=False)
    try:
        root = etree.fromstring(source.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        detail = (exc.msg or "malformed XML").split(",")[0].strip()
        raise DocumentError(path, f"is not well-formed XML (line {line}, column {column}: {detail})") from None
    if root is None:
        raise DocumentError(path, "has no readable text")
    if _local(root.tag) == "html":
        from privcheck.document.html import load_html

        return load_html(data, path, options)
    lines_start = [0] + [m.end() for m in re.finditer("\n", source)]
    builder = TextBuilder()
    cursor = 0

    def place(piece: str, line: int | None) -> int:
        """Where `piece` is in the source, searching forward from the cursor (or its element's line)."""
        nonlocal cursor
        if line:
            cursor = max(cursor, lines_start[min(line, len(lines_start)) - 1])
        found = source.find(piece, cursor)
        if found < 0:
            return lines_start[min(line or 1, len(lines_start)) - 1]
        cursor = found + len(piece)
        return found

    def emit(raw: str | None, line: int | None) -> None:
        if not raw or not raw.strip():
            if raw and builder.last_char() not in ("", " ", "\n"):
                builder.add(" ", cursor, linear=False)
            return
        for index, word_run in enumerate(_WHITESPACE.split(raw.strip())):
            if index or (raw[:1].isspace() and builder.last_char() not in ("", " ", "\n")):
                builder.add(" ", cursor, linear=False)
            builder.add(word_run, place(word_run, line))
        if raw[-1:].isspace():
            builder.add(" ", cursor, linear=False)

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if not isinstance(element.tag, str):  # an entity left unresolved: its tail is still text
            emit(element.tail, None)
            continue
        parent = element.getparent()
        inline = parent is not None and _has_own_text(parent)
        if closing:
            if not inline:
                builder.break_line(cursor)
            if element is not root:
                emit(element.tail, None)
            continue
        if not inline:
            builder.break_line(cursor)
        emit(element.text, element.sourceline)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    built = builder.text()
    if not built.strip():
        raise DocumentError(path, "has no readable text")
    lines = SourceLines(source)
    return Document(path=path, text=built, format="xml", positions=MappedPositions(builder.map, lines),
                    encoding=encoding, source=source, notes=notes)
