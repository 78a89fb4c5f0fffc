"""Loading policy documents and the normalised view matchers search."""

from privcheck.document.loaders import LOADERS, LoadOptions, load_bytes, load_document
from privcheck.document.model import Document, Position

__all__ = ["Document", "LOADERS", "LoadOptions", "Position", "load_bytes", "load_document"]
