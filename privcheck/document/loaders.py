"""Reading policy files. One loader per input format, registered in `LOADERS`.

A loader takes the file's bytes and returns a `Document` whose `positions` map back into the file.
Add a format by writing a loader function and registering it with its extensions here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import regex

from privcheck.document.decoding import decode_bytes
from privcheck.document.model import Document, LinePositions
from privcheck.errors import DocumentError

DEFAULT_MAX_SIZE = 20 * 1024 * 1024  # bytes; --max-size changes it


@dataclass(frozen=True)
class LoadOptions:
    encoding: str | None = None
    input_format: str | None = None
    max_size: int = DEFAULT_MAX_SIZE


Loader = Callable[[bytes, str, LoadOptions], Document]


def load_text(data: bytes, path: str, options: LoadOptions) -> Document:
    text, encoding = decode_bytes(data, path, options.encoding)
    return Document(path=path, text=text, format="text", positions=LinePositions(text), encoding=encoding)


# Markdown syntax that carries no words. Replaced by spaces of the same length, so offsets in the
# text stay offsets in the file and evidence points at the right column.
_MARKDOWN_NOISE = regex.compile(
    r"^[ \t]{0,3}#{1,6}(?=\s)|^[ \t]*>+|^[ \t]*[-*+](?=\s)|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"
    r"|`+|^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$|\|",
    regex.MULTILINE,
)
_MARKDOWN_LINK = regex.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")


def strip_markdown(text: str) -> str:
    """Blank out Markdown markup while keeping every character's offset."""
    text = _MARKDOWN_NOISE.sub(lambda m: " " * len(m.group()), text)

    def link(m: regex.Match) -> str:
        # Keep the label and the target (a URL is a contact channel); blank the brackets.
        label, target = m.group(1), m.group(2)
        prefix = 2 if m.group().startswith("!") else 1
        return " " * prefix + label + "  " + target + " "

    return _MARKDOWN_LINK.sub(link, text)


def load_markdown(data: bytes, path: str, options: LoadOptions) -> Document:
    source, encoding = decode_bytes(data, path, options.encoding)
    return Document(
        path=path, text=strip_markdown(source), format="markdown",
        positions=LinePositions(source), encoding=encoding,
    )


LOADERS: dict[str, Loader] = {
    "text": load_text,
    "markdown": load_markdown,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


def detect_format(path: str, data: bytes) -> str:
    """Pick a format from the content where it is unambiguous, else from the extension."""
    extension = os.path.splitext(path)[1].lower()
    return EXTENSIONS.get(extension, "text")


def load_document(path: str, options: LoadOptions | None = None) -> Document:
    """Read and decode a policy file. Never modifies it; raises DocumentError on any problem."""
    options = options or LoadOptions()
    if not os.path.exists(path):
        raise DocumentError(path, "no such file")
    if os.path.isdir(path):
        raise DocumentError(path, "is a directory, not a policy file")
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
        raise DocumentError(path, "is empty")
    fmt = options.input_format or detect_format(path, data)
    loader = LOADERS.get(fmt)
    if loader is None:
        raise DocumentError(path, f"unknown input format {fmt!r} (known: {', '.join(sorted(LOADERS))})")
    document = loader(data, path, options)
    if not document.text.strip():
        raise DocumentError(path, "has no readable text")
    return document
