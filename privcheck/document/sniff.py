"""Recognising a file's format from its first bytes, whatever its name says.

`%PDF-` is a PDF; a zip archive holding `word/document.xml` is a Word document; text starting
with `<!doctype html`, `<html`, `<head` or `<body` (after a BOM, blank space or an XML
declaration) is HTML. Recognisable binary files that are not policies (images, other archives,
legacy Word .doc files, executables) are refused here with a message saying what they are.
"""

from __future__ import annotations

import io
import re
import zipfile

from privcheck.errors import DocumentError

_NOT_POLICIES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx, PDF or text"),
)
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body)",
    re.IGNORECASE | re.DOTALL,
)


def sniff_format(data: bytes, path: str, by_extension: str | None) -> str | None:
    """The format the content shows, None when it shows none (then the extension decides)."""
    head = data[:1024]
    # A PDF starts with %PDF- (readers accept junk before it in the first kilobyte; so do we for
    # a file named .pdf, while a text policy that merely mentions "%PDF-" stays text).
    if data.lstrip()[:5] == b"%PDF-" or (by_extension == "pdf" and b"%PDF-" in head):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_format(data, path, by_extension)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise DocumentError(path, "is a WebP image (a binary file), not a policy")
    for signature, what in _NOT_POLICIES:
        if data.startswith(signature):
            raise DocumentError(path, f"is {what}" if "save it" in what else f"is {what} (a binary file), not a policy")
    if _HTML_START.match(_ascii_view(head)):
        return "html"
    return None


def _ascii_view(head: bytes) -> bytes:
    """The first bytes with UTF-16 NULs removed, so UTF-16 HTML is recognised as well."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].replace(b"\x00", b"")
    return head


def _zip_format(data: bytes, path: str, by_extension: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # A zip whose end is missing: a truncated Word file if it says it is one.
        if by_extension == "docx" or b"word/" in data[:65536] or b"[Content_Types].xml" in data[:256]:
            return "docx"
        raise DocumentError(path, "is a damaged zip archive, not a policy") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise DocumentError(path, "is an Excel or PowerPoint file, not a policy; save it as .docx, PDF or text")
    if "content.xml" in names and "mimetype" in names:
        raise DocumentError(path, "is an OpenDocument file; save it as .docx, PDF or text")
    raise DocumentError(path, "is a zip archive, not a policy; unpack it and check the files inside")
