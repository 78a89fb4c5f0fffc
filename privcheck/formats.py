"""The names of the report formats (`--format`, `reports:`), known without importing any renderer.

`privcheck.render.RENDERERS` maps each of these names to its renderer; tests keep the two equal.
"""

from __future__ import annotations

REPORT_FORMATS: tuple[str, ...] = ("text", "json", "html", "sarif", "junit", "github", "markdown")
