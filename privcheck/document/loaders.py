"""Reading policy files. One loader per input format, registered in `LOADERS`.

A loader takes the file's bytes and returns a `Document` whose `positions` map back into the file.
Add a format by writing a loader function and registering it with its extensions here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from privcheck.document.decoding import decode_bytes
from privcheck.document.model import Document, LinePositions
from privcheck.errors import DocumentError

DEFAULT_MAX_SIZE = 20 * 1024 * 1024  # bytes; --max-size changes it
EMPTY = "is empty (no text, or only white space)"


@dataclass(frozen=True)
class LoadOptions:
    """How to read a policy file: its encoding, its format and the largest size accepted."""

    encoding: str | None = None
    input_format: str | None = None
    max_size: int = DEFAULT_MAX_SIZE


Loader = Callable[[bytes, str, LoadOptions], Document]


def load_text(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.plaintext import unwrap, wrapped_breaks

    notes: list[str] = []
    text, encoding = decode_bytes(data, path, options.encoding, notes)
    breaks = wrapped_breaks(text)
    if not breaks:  # one paragraph per line: the file is the text
        return Document(path=path, text=text, format="text", positions=LinePositions(text), encoding=encoding,
                        notes=notes)
    joined, positions = unwrap(text, breaks)
    return Document(path=path, text=joined, format="text", positions=positions, encoding=encoding, source=text,
                    notes=notes)


def load_markdown(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.markdown import load_markdown as load

    return load(data, path, options)


def load_html(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.html import load_html as load

    return load(data, path, options)


def load_pdf(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.pdf import load_pdf as load

    return load(data, path, options)


def load_docx(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.docx import load_docx as load

    return load(data, path, options)


def load_xml(data: bytes, path: str, options: LoadOptions) -> Document:
    from privcheck.document.xml import load_xml as load

    return load(data, path, options)


def strip_markdown(text: str) -> str:
    """Blank out Markdown markup while keeping every character's offset (see document/markdown.py)."""
    from privcheck.document.markdown import strip_markdown as strip

    return strip(text)


LOADERS: dict[str, Loader] = {
    "text": load_text,
    "markdown": load_markdown,
    "html": load_html,
    "pdf": load_pdf,
    "docx": load_docx,
    "xml": load_xml,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xml": "xml",
}


def detect_format(path: str, data: bytes) -> str:
    """Pick a format from the content where it is unambiguous, else from the extension.

    Raises DocumentError for content that is recognisably not a policy (an image, an archive).
    """
    from privcheck.document.sniff import sniff_format

    extension = os.path.splitext(path)[1].lower()
    return sniff_format(data, path, EXTENSIONS.get(extension)) or EXTENSIONS.get(extension, "text")


def check_regular_file(path: str) -> None:
    """Refuse what is not a regular file by what it is, before opening it: reading a named pipe
    would wait forever, a device never ends, a symbolic link loop is not "no such file"."""
    import errno
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DocumentError(path, "is a symbolic link loop (a link that leads back to itself)") from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.islink(path):
                raise DocumentError(path, f"is a broken symbolic link (to {os.readlink(path)!r}, which does not exist)") from None
            raise DocumentError(path, "no such file") from None
        raise DocumentError(path, f"cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise DocumentError(path, "is a directory, not a policy file")
    if stat.S_ISFIFO(mode):
        raise DocumentError(path, "is a named pipe (FIFO), not a policy file; to check what it carries, "
                                  "redirect it to standard input: privcheck check - < PIPE")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise DocumentError(path, "is a device, not a policy file")
    if stat.S_ISSOCK(mode):
        raise DocumentError(path, "is a socket, not a policy file")
    if not stat.S_ISREG(mode):
        raise DocumentError(path, "is not a regular file")


def load_document(path: str, options: LoadOptions | None = None) -> Document:
    """Read and decode a policy file. Never modifies it; raises DocumentError on any problem."""
    options = options or LoadOptions()
    check_regular_file(path)
    try:
        size = os.path.getsize(path)
        if size > options.max_size:
            raise DocumentError(
                path, f"is {size:,} bytes, over the {options.max_size:,}-byte limit (raise it with --max-size)"
            )
        with open(path, "rb") as handle:
            data = handle.read(options.max_size + 1)
    except OSError as exc:
        raise DocumentError(path, f"cannot be read: {exc.strerror or exc}") from None
    return load_bytes(data, path, options)


def load_bytes(data: bytes, path: str, options: LoadOptions | None = None) -> Document:
    """Build a document from bytes already in memory (stdin, tests)."""
    options = options or LoadOptions()
    if len(data) > options.max_size:
        raise DocumentError(path, f"is over the {options.max_size:,}-byte limit (raise it with --max-size)")
    if not data.strip():
        raise DocumentError(path, EMPTY)
    fmt = options.input_format or detect_format(path, data)
    loader = LOADERS.get(fmt)
    if loader is None:
        raise DocumentError(path, f"unknown input format {fmt!r} (known: {', '.join(sorted(LOADERS))})")
    document = loader(data, path, options)
    if not document.text.strip():
        raise DocumentError(path, EMPTY if fmt in ("text", "markdown") else "has no readable text")
    return document
