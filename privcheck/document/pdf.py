"""PDF policies: the text layer, page by page, with evidence as `page 3, line 12`.

Text comes from pypdf (pure Python, no system libraries). Each page's text is split into lines;
a line is the line on that page that evidence reports. Lines that wrap a sentence are joined (with
a space, or directly between two Chinese characters) so that a sentence broken across lines or
pages is still one sentence to the matchers; a line ending in sentence punctuation, a short line
(a heading) and a line starting a list item or a numbered clause stay separate. Bare page numbers
("3", "- 3 -", "Page 3 of 9", "第3页") are dropped.

Refused with a clear message: a PDF protected by a password (one that opens with an empty user
password, the usual "no printing" protection, is read), a PDF with no text layer (scanned
images: run OCR first), and a damaged or truncated file.

A PDF is first opened strictly, which is immediate for a sound file. Only when that fails is it
opened again with pypdf's repairs (rebuilding the cross-reference table, searching every object
for the document catalog), which can cost seconds per megabyte of a damaged file; the repair may
take at most `REPAIR_SECONDS` (when the check runs in a program's main thread, as the command
line does), after which the file is refused as too damaged.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import logging
import re
import signal
import statistics
import threading

from privcheck.document.mapping import BULLET_START, LIST_START, SENTENCE_CLOSERS, MappedPositions, TextBuilder, is_cjk
from privcheck.document.model import Document, Position
from privcheck.document.textmap import LineIndex
from privcheck.errors import DocumentError

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$",
    re.IGNORECASE,
)


REPAIR_SECONDS = 5.0


class _RepairTooSlow(BaseException):  # not an Exception: pypdf catches those while repairing
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise _RepairTooSlow in this thread after `seconds` (only in the main thread; else no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise _RepairTooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _open(data: bytes, path: str):
    """A PdfReader with its pages listed: strict first, then with repairs under REPAIR_SECONDS."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if not reader.is_encrypted:  # pages of an encrypted file are listed once it is decrypted
            len(reader.pages)
        return reader
    except Exception:  # noqa: BLE001 - any strict failure: try the repairs
        pass
    try:
        with _time_limit(REPAIR_SECONDS):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if not reader.is_encrypted:
                len(reader.pages)
    except _RepairTooSlow:
        raise DocumentError(path, f"is a damaged PDF that could not be repaired within {REPAIR_SECONDS:g} s "
                                  "(its structure is broken; export it again from the program that made it)") from None
    return reader


class PdfPositions:
    """Locates offsets of the concatenated page texts as page, line on the page and column."""

    def __init__(self, pages: list[str]) -> None:
        self._starts: list[int] = []
        self._indexes: list[LineIndex] = []
        offset = 0
        for page in pages:
            self._starts.append(offset)
            self._indexes.append(LineIndex(page))
            offset += len(page) + 1  # pages are separated by one character in the source

    def __call__(self, offset: int) -> Position:
        page = max(0, bisect.bisect_right(self._starts, offset) - 1)
        line, column = self._indexes[page].position(offset - self._starts[page])
        return Position(line, column, page=page + 1)


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs warnings about damaged files on stderr; the loader reports problems itself."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pages(data: bytes, path: str) -> list[str]:
    """The text of every page; DocumentError for encrypted, damaged or truncated files."""
    with _quiet_pypdf():
        return _read_pages(data, path)


def _read_pages(data: bytes, path: str) -> list[str]:
    try:
        from pypdf.errors import DependencyError, FileNotDecryptedError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise DocumentError(path, "is a PDF, and reading PDFs needs the pypdf package") from None
    try:
        reader = _open(data, path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise DocumentError(path, "is an encrypted PDF and reading it needs the 'cryptography' package") from None
            if not opened:
                raise DocumentError(path, "is a PDF protected by a password; remove the password (or export the text) and check that instead")
        pages = []
        for page in reader.pages:
            pages.append((page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(path, "is a PDF protected by a password; remove the password (or export the text) and check that instead") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises PdfReadError and many other kinds on broken files
        detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise DocumentError(path, f"is a damaged or truncated PDF ({detail})") from None
    if not pages:
        raise DocumentError(path, "is a damaged or truncated PDF (no pages could be read)")
    return pages


def load_pdf(data: bytes, path: str, options) -> Document:
    pages = read_pages(data, path)
    if not any(page.strip() for page in pages):
        raise DocumentError(
            path,
            f"is a PDF with no text layer ({len(pages)} page(s) of images, probably scanned); "
            "run OCR on it first (for example with ocrmypdf) or check its text instead",
        )
    # Every line of every page with its offset in the source (the pages joined by one character).
    lines: list[tuple[str, int, int]] = []  # (text, source offset, typical line length of its page)
    offset = 0
    for page in pages:
        page_lines = page.split("\n")
        lengths = [len(line.strip()) for line in page_lines if line.strip()]
        typical = int(statistics.median(lengths)) if lengths else 0
        position = offset
        for line in page_lines:
            if line.strip() and not _PAGE_NUMBER.match(line):
                lines.append((line, position, typical))
            position += len(line) + 1
        offset += len(page) + 1
    builder = TextBuilder()
    previous = ""
    for line, source, typical in lines:
        body = line.rstrip()
        if previous:
            if _continues(previous, body, typical):
                if not (is_cjk(previous[-1]) and is_cjk(body.lstrip()[:1])):
                    builder.add(" ", source, linear=False)
            else:
                builder.add("\n", source, linear=False)
        builder.add(body, source)
        previous = body
    positions = MappedPositions(builder.map, PdfPositions(pages))
    return Document(path=path, text=builder.text(), format="pdf", positions=positions)


def _continues(previous: str, line: str, typical: int) -> bool:
    """Whether `line` carries on the sentence of `previous` (a wrapped line)."""
    if previous[-1] in SENTENCE_CLOSERS:
        return False
    if len(previous.strip()) < 0.6 * typical:
        return False  # a short line: a heading or the end of a paragraph
    start = line.lstrip()
    return not (start.startswith(BULLET_START) or LIST_START.match(start))
