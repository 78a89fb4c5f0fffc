"""Output formats: one renderer per module, registered in `RENDERERS` by `--format` name.

Each entry names "module:Class"; the module is imported only when its format is used, so a check
that prints text never loads the HTML templates or the XML writer.
"""

from __future__ import annotations

from importlib import import_module

from privcheck.render.base import Renderer

RENDERERS: dict[str, str] = {
    "text": "privcheck.render.text:TextRenderer",
    "json": "privcheck.render.json_format:JsonRenderer",
    "html": "privcheck.render.html:HtmlRenderer",
    "sarif": "privcheck.render.sarif:SarifRenderer",
    "junit": "privcheck.render.junit:JunitRenderer",
    "github": "privcheck.render.github:GithubRenderer",
    "markdown": "privcheck.render.markdown:MarkdownRenderer",
}


def renderer_class(name: str) -> type[Renderer]:
    module, _, attribute = RENDERERS[name].partition(":")
    return getattr(import_module(module), attribute)


def get_renderer(name: str, **options) -> Renderer:
    return renderer_class(name)(**options)


__all__ = ["RENDERERS", "Renderer", "get_renderer", "renderer_class"]
