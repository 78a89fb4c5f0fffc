"""The bundled checklists say what they look for in phrases, vocabularies and typed matchers; a
regular expression stays short enough to review."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("regex_sizes", ROOT / "bench" / "regex_sizes.py")
assert _spec is not None and _spec.loader is not None
regex_sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regex_sizes)

def test_no_bundled_regex_is_over_300_characters():
    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        figures = regex_sizes.figures(path)
        assert not figures[f"over_{regex_sizes.LIMIT}"], (path.name, figures[f"over_{regex_sizes.LIMIT}"])


def test_the_figures_count_every_regex_matcher(tmp_path):
    checklist = tmp_path / "c.yaml"
    checklist.write_text(
        "id: c\ntitle: C\nitems:\n"
        "  - {id: A, title: A, severity: required, reference: x, match: {regex: 'a(?=b)'}}\n"
        "  - id: B\n    title: B\n    severity: required\n    reference: x\n"
        "    pass_if: {any: [{regex: {pattern: 'x{0,3}'}}, {phrases: [regex]}]}\n"
        "    elements: [{id: e, title: E, match: {near: {terms: {regex: '(?<!a)b(?!c)'}, with: [d]}}}]\n",
        encoding="utf-8")
    figures = regex_sizes.figures(checklist)
    assert figures["regexes"] == 3 and figures["max"] == 12 and figures["with_look_arounds"] == 2
    assert figures["look_arounds"] == 3 and figures["over_300"] == []
