"""Word policies (.docx): paragraphs and tables in reading order, evidence as `paragraph 7`.

Read with python-docx. Paragraphs are numbered 1, 2, 3 ... in reading order, counting only
paragraphs that hold text, and counting the paragraphs inside table cells where they appear, so
"paragraph 7" is the seventh non-empty paragraph from the top (headings included). Each body
paragraph is one line of the checked text; a table row is one line with its cells side by side.
Headers, footers, comments and footnotes are not read. A damaged, truncated or non-Word zip file
is refused with a clear message.

A .docx is a zip archive, so a small file can hold a huge document (a decompression bomb). Before
python-docx sees it, every part is decompressed as a stream and counted: all parts together may
hold at most `--max-size` bytes once decompressed (whatever sizes the archive declares), and the
document at most one paragraph per `BYTES_PER_PARAGRAPH` bytes of `--max-size` (52,428 with the
default 20 MB), counted by a streaming XML parse. Raising `--max-size` raises both.
"""

from __future__ import annotations

import bisect
import io
import zipfile

from privcheck.document.mapping import MappedPositions, TextBuilder
from privcheck.document.model import Document, Position
from privcheck.errors import DocumentError

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BYTES_PER_PARAGRAPH = 400
_CHUNK = 1 << 16


class _TooLarge(Exception):
    pass


class _CountingReader:
    """A file-like view of a zip part that stops once `budget` decompressed bytes are exceeded."""

    def __init__(self, stream, budget: list[int]) -> None:
        self._stream = stream
        self._budget = budget

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(_CHUNK if size is None or size < 0 else min(size, _CHUNK))
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise _TooLarge
        return data


def check_archive(archive: zipfile.ZipFile, path: str, max_size: int) -> None:
    """Refuse a .docx whose parts decompress beyond `max_size` or hold too many paragraphs.

    Reads every part as a stream (so the zip's CRCs are checked, as `testzip` would) without ever
    holding more than a chunk, then counts the paragraphs of word/document.xml with a streaming
    XML parse that keeps no elements.
    """
    from lxml import etree

    too_large = DocumentError(
        path, f"expands to more than {max_size:,} bytes when decompressed, over the limit for a Word "
        "document (a decompression bomb?); raise it with --max-size")
    budget = [max_size]
    for info in archive.infolist():
        if info.file_size > budget[0]:  # the declared size alone is too much
            raise too_large
        try:
            with archive.open(info) as stream:
                reader = _CountingReader(stream, budget)
                while reader.read(_CHUNK):
                    pass
        except _TooLarge:
            raise too_large from None
        except zipfile.BadZipFile:
            raise DocumentError(path, f"is a damaged Word document (part {info.filename} is corrupt)") from None
    most = max(1, max_size // BYTES_PER_PARAGRAPH)
    count = 0
    with archive.open("word/document.xml") as stream:
        events = etree.iterparse(_CountingReader(stream, [max_size]), events=("end",),
                                 tag=f"{{{WORD_NAMESPACE}}}p", resolve_entities=False, no_network=True,
                                 huge_tree=False)
        try:
            for _, element in events:
                count += 1
                if count > most:
                    raise DocumentError(
                        path, f"holds more than {most:,} paragraphs, over the limit for a Word document; "
                        "raise it with --max-size")
                element.clear(keep_tail=False)
        except etree.XMLSyntaxError as exc:
            detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else "malformed XML"
            raise DocumentError(path, f"is a damaged Word document ({detail})") from None


class ParagraphPositions:
    """Locates offsets of the paragraphs joined by newlines as paragraph number and column."""

    def __init__(self, paragraphs: list[str]) -> None:
        self._starts: list[int] = []
        offset = 0
        for paragraph in paragraphs:
            self._starts.append(offset)
            offset += len(paragraph) + 1

    def __call__(self, offset: int) -> Position:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        number = index + 1
        return Position(number, offset - self._starts[index] + 1, paragraph=number)


def _blocks(document):
    """Body paragraphs and tables in the order they appear."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def _rows(table):
    """Each row as a list of cells, each cell as its paragraph texts (nested tables flattened)."""
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                continue
            seen.add(id(cell._tc))
            texts = [p.text for p in cell.paragraphs]
            for inner in cell.tables:
                for inner_row in _rows(inner):
                    texts.extend(t for inner_cell in inner_row for t in inner_cell)
            cells.append(texts)
        yield cells


def load_docx(data: bytes, path: str, options) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(path, "is a Word file, and reading it needs the python-docx package") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DocumentError(path, "is a zip archive but not a Word .docx document (no word/document.xml)")
            check_archive(archive, path, options.max_size)
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        lines: list[list[tuple[str, int]]] = []  # each line: (text, paragraph index) pieces
        for block in _blocks(document):
            if hasattr(block, "rows"):
                for row in _rows(block):
                    line = []
                    for cell in row:
                        for text in cell:
                            if text.strip():
                                line.append((text, len(paragraphs)))
                                paragraphs.append(text)
                    if line:
                        lines.append(line)
            elif block.text.strip():
                lines.append([(block.text, len(paragraphs))])
                paragraphs.append(block.text)
    except DocumentError:
        raise
    except zipfile.BadZipFile:
        raise DocumentError(path, "is a damaged or truncated Word document (not a readable zip archive)") from None
    except PackageNotFoundError:
        raise DocumentError(path, "is not a Word .docx document") from None
    except Exception as exc:  # noqa: BLE001 - broken XML inside the package raises many kinds
        detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise DocumentError(path, f"is a damaged Word document ({detail})") from None
    starts = []
    offset = 0
    for text in paragraphs:
        starts.append(offset)
        offset += len(text) + 1
    builder = TextBuilder()
    for line in lines:
        for i, (text, index) in enumerate(line):
            if i:
                builder.add("  ", starts[index], linear=False)
            builder.add(text.replace("\n", " ").replace("\t", " "), starts[index])
        builder.add("\n", starts[line[-1][1]] + len(line[-1][0]), linear=False)
    positions = MappedPositions(builder.map, ParagraphPositions(paragraphs))
    return Document(path=path, text=builder.text(), format="docx", positions=positions)
