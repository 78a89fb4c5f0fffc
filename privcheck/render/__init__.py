"""Output formats: one renderer per module, registered in `RENDERERS` by `--format` name."""

from __future__ import annotations

from privcheck.render.base import Renderer
from privcheck.render.html import HtmlRenderer
from privcheck.render.github import GithubRenderer
from privcheck.render.json_format import JsonRenderer
from privcheck.render.junit import JunitRenderer
from privcheck.render.markdown import MarkdownRenderer
from privcheck.render.sarif import SarifRenderer
from privcheck.render.text import TextRenderer

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "html": HtmlRenderer,
    "sarif": SarifRenderer,
    "junit": JunitRenderer,
    "github": GithubRenderer,
    "markdown": MarkdownRenderer,
}


def get_renderer(name: str, **options) -> Renderer:
    return RENDERERS[name](**options)


__all__ = ["RENDERERS", "Renderer", "get_renderer"]
