"""The renderer interface: a renderer turns a Report into text (or bytes for binary formats)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from privcheck.results import Report


class Renderer(ABC):
    name: str = ""

    def __init__(self, *, color: bool = False, width: int | None = None, verbose: bool = False,
                 pretty: bool = False) -> None:
        self.color = color
        self.width = width
        self.verbose = verbose
        self.pretty = pretty  # indented JSON (the JSON formats); compact otherwise

    @abstractmethod
    def render(self, report: Report) -> str: ...
