"""Typed matcher options: one model per kind, validation with paths and hints, and the JSON Schema
that editors use to complete and check matcher bodies."""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
import yaml

from privcheck.checklist import json_schema
from privcheck.checklist.yamlsource import key_mark, load_yaml
from privcheck.matchers import REGISTRY, CompileContext, SpecError, compile_matcher
from privcheck.matchers import options as options_module

ROOT = pathlib.Path(__file__).resolve().parents[1]

# A checklist as an author might write it in an editor, with `within` misspelled on line 9.
MISSPELLED = """\
id: demo
title: Demo
items:
  - id: DEMO-CONSENT
    title: Withdrawing consent
    severity: required
    reference: Art 7(3)
    match:
      near: {terms: [withdraw*], with: [consent], witin: sentence}
"""


def test_every_kind_has_its_own_options_model():
    assert list(REGISTRY) == ["phrases", "regex", "all", "any", "not", "near", "duration", "contact", "age",
                              "right", "controller", "date"]
    models = [kind.options() for kind in REGISTRY.values()]
    assert len(set(models)) == len(models)
    for kind, model in zip(REGISTRY.values(), models):
        assert model.__module__ == options_module.__name__
        assert (model.__doc__ or "").startswith(f"`{kind.name}`")
        assert kind.doc and f"`{kind.name}`" in kind.doc


def test_the_schema_lists_every_kind_and_its_options():
    schema = json_schema()
    matcher = schema["$defs"]["Matcher"]
    assert list(matcher["properties"]) == list(REGISTRY)
    assert matcher["additionalProperties"] is False and matcher["maxProperties"] == 1
    near = schema["$defs"]["NearSpec"]
    assert set(near["properties"]) == {"terms", "with", "within", "ordered", "apart", "unless"} and near["additionalProperties"] is False
    assert near["required"] == ["terms", "with"]
    assert schema["$defs"]["Element"]["properties"]["match"]["$ref"] == "#/$defs/Matcher"


def _schema_errors(document: object) -> list[jsonschema.ValidationError]:
    return list(jsonschema.Draft202012Validator(json_schema()).iter_errors(document))


def _messages(errors: list[jsonschema.ValidationError]) -> list[str]:
    """The messages of the errors and of the errors under them (in the branches of `anyOf`)."""
    return [m for e in errors for m in (e.message, *_messages(list(e.context or [])))]


def test_an_editor_finds_a_misspelled_matcher_option_with_its_location(write):
    """What an editor with the published schema does: validate, then place each error by its path."""
    path = write("demo.yaml", MISSPELLED)
    root = load_yaml(MISSPELLED, path)
    errors = _schema_errors(yaml.safe_load(MISSPELLED))
    assert len(errors) == 1  # `match` may be null too: the problem is in the matcher branch
    error = jsonschema.exceptions.best_match(errors)
    assert list(error.absolute_path) == ["items", 0, "match", "near"]
    assert "'witin' was unexpected" in error.message
    mark = key_mark(root, [*error.absolute_path, "witin"])
    line = MISSPELLED.splitlines()[8]
    assert (mark.line, mark.column) == (9, line.index("witin") + 1)


def test_validate_reports_a_misspelled_matcher_option_with_file_line_column(run, write):
    path = write("demo.yaml", MISSPELLED)
    code, out, err = run("validate", path)
    assert code == 2 and out == ""
    assert f"{path}:9:{MISSPELLED.splitlines()[8].index('witin') + 1}:" in err  # at the misspelled key
    assert "unknown key 'witin'; did you mean 'within'?" in err


@pytest.mark.parametrize("body, problem", [
    ({"contact": {"kinds": ["mail"]}}, "'mail' is not one of"),
    ({"age": {"min": 40}}, "40 is greater than or equal to the maximum of 30"),
    ({"controller": {"legal_form": "yes"}}, "'yes' is not of type 'boolean'"),
    ({"regex": {"pattern": "x", "timeout": 90}}, "90 is greater than the maximum of 60"),
    ({"duration": {"within": "sentence"}}, "'near' is a required property"),
    ({"all": []}, "should be non-empty"),
    ({"not": {"phrase": ["x"]}}, "'phrase' was unexpected"),
    ({"near": {"terms": {"contact": {"kind": ["email"]}}, "with": ["x"]}}, "'kind' was unexpected"),
])
def test_the_schema_rejects_what_privcheck_rejects(body, problem):
    item = {"id": "X", "title": "X", "severity": "required", "reference": "Art 1", "match": body}
    messages = _messages(_schema_errors({"id": "c", "title": "C", "items": [item]}))
    assert any(problem in m for m in messages), messages
    with pytest.raises(SpecError):
        compile_matcher(body, CompileContext(("match",)))


@pytest.mark.parametrize("body", [
    {"phrases": "one phrase"},
    {"phrases": [["spliced", "alias"], "more"]},
    {"regex": "a+b"},
    {"regex": {"pattern": "a+b", "timeout": 1, "as_written": True}},
    {"contact": None},
    {"contact": {"kinds": ["email"], "near": ["help"], "within": "10 words"}},
    {"age": {"min": 14, "max": 14}},
    {"controller": {}},
    {"near": {"terms": {"contact": {}}, "with": "consent", "within": 80}},
    {"duration": {"near": ["respond"], "max": "15 working days", "caution": {"over": "4 weeks", "note": "n"}}},
    {"right": {"actions": ["access"], "objects": ["data"], "unless": ["device"]}},
    {"any": [{"not": {"phrases": ["x"]}}, {"all": [{"phrases": ["y"]}]}]},
])
def test_the_schema_accepts_what_privcheck_accepts(body):
    item = {"id": "X", "title": "X", "severity": "required", "reference": "Art 1", "match": body}
    assert _schema_errors({"id": "c", "title": "C", "items": [item]}) == []
    compile_matcher(body, CompileContext(("match",)))


@pytest.mark.parametrize("body, path, message", [
    ({"near": {"terms": ["a"], "with": ["b"], "witin": 3}}, ("near", "witin"), "did you mean 'within'?"),
    ({"regex": {"patern": "x"}}, ("regex", "patern"), "did you mean 'pattern'?"),
    ({"duration": {"near": ["r"], "ignor": ["x"]}}, ("duration", "ignor"), "did you mean 'ignore'?"),
    ({"duration": {"near": ["r"], "caution": {"ovr": "4 weeks", "note": "n"}}}, ("duration", "caution", "ovr"),
     "did you mean 'over'?"),
    ({"contact": {"kind": ["email"]}}, ("contact", "kind"), "did you mean 'kinds'?"),
    ({"age": {"mni": 3}}, ("age", "mni"), "did you mean 'min'?"),
    ({"right": {"action": ["x"]}}, ("right", "action"), "did you mean 'actions'?"),
    ({"controller": {"legal": True}}, ("controller", "legal"), "did you mean 'legal_form'?"),
    ({"near": {"terms": ["a"], "with": ["b"], "zzz": 1}}, ("near", "zzz"), "expected terms, with, within"),
    ({"near": {"terms": ["a", ""], "with": ["b"]}}, ("near", "terms", 1), "expected a phrase"),
    ({"all": [{"phrases": ["a"]}, {"regex": {"pattern": "a", "timeout": 0}}]}, ("all", 1, "regex", "timeout"),
     "between 0 and 60"),
    ({"duration": {"within": "sentence"}}, ("duration",), "missing 'near': the words a deadline must be about"),
    ({"near": "x"}, ("near",), "expected a mapping with 'terms', 'with' and optional 'within'"),
])
def test_option_errors_have_a_path_and_a_hint(body, path, message):
    with pytest.raises(SpecError) as caught:
        compile_matcher(body, CompileContext(("match",)))
    assert caught.value.path == ("match", *path)
    assert message in caught.value.message


def test_matchers_command_lists_the_options_of_a_kind(run):
    code, out, _ = run("matchers", "duration")
    assert code == 0
    assert "Options of duration:" in out
    for option in ("near (required)", "within (default: sentence)", "max (optional)", "ignore (optional)",
                   "caution (optional)"):
        assert option in out
    code, _, err = run("matchers", "durations")
    assert code == 2 and "did you mean 'duration'?" in err


def test_shipped_schema_describes_matcher_bodies():
    shipped = json.loads((ROOT / "schema" / "checklist.schema.json").read_text(encoding="utf-8"))
    assert "ContactSpec" in shipped["$defs"] and '"additionalProperties": true' not in json.dumps(shipped)


def test_readme_lists_every_matcher_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("#### Matcher options"):]
    table = table[:table.index("```")]
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| `")}
    for kind in REGISTRY.values():
        row = next(line for names, line in rows.items() if f"`{kind.name}`" in names)
        for option in options_module.option_lines(kind):
            name = option.split()[0].split(".")[-1]
            assert f"`{name}`" in row, (kind.name, name)
