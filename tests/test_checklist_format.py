"""Checklist validation: errors point at file, line and column and say what was expected."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
import yaml

from privcheck.checklist import json_schema, load_checklist
from privcheck.errors import ChecklistError

GOOD = """\
id: mine
title: My checklist
version: 1
items:
  - id: MY-CONTACT
    title: Contact
    severity: required
    reference: Art 1
    match: {contact: {}}
    examples:
      pass: ["Email privacy@shopco.cn"]
      fail: ["Contact us."]
"""


def load(write, text: str, name: str = "c.yaml"):
    return load_checklist(write(name, textwrap.dedent(text)))


def error_of(write, text: str, name: str = "c.yaml") -> ChecklistError:
    with pytest.raises(ChecklistError) as info:
        load(write, text, name)
    return info.value


def test_good_checklist_loads(write):
    checklist = load(write, GOOD)
    assert checklist.id == "mine" and checklist.version == "1"
    assert [i.id for i in checklist.items] == ["MY-CONTACT"]


def test_unknown_key_did_you_mean_with_position(write):
    error = error_of(write, GOOD.replace("    reference: Art 1", "    reference: Art 1\n    remedation: {en: x}"))
    assert "c.yaml:9:5" in str(error)
    assert "unknown key 'remedation'" in str(error) and "did you mean 'remediation'" in str(error)


def test_wrong_type_and_enum(write):
    error = error_of(write, GOOD.replace("severity: required", "severity: mandatory"))
    assert ":7:15" in str(error) and "expected one of" in str(error) and "'mandatory'" in str(error)


def test_missing_key(write):
    error = error_of(write, GOOD.replace("    reference: Art 1\n", ""))
    assert "missing required key 'reference'" in str(error) and ":5:5" in str(error)


def test_yaml_syntax_error(write):
    error = error_of(write, "id: x\nitems: [\n")
    assert "YAML syntax error" in str(error) and "c.yaml:3:1" in str(error)


def test_duplicate_item_ids(write):
    doubled = GOOD + textwrap.indent(GOOD.split("items:\n")[1], "")
    error = error_of(write, doubled)
    assert "duplicate item ID 'MY-CONTACT'" in str(error) and "first defined at line 5" in str(error)


def test_duplicate_yaml_keys(write):
    error = error_of(write, GOOD.replace("    title: Contact\n", "    title: Contact\n    title: Again\n"))
    assert "duplicate key 'title'" in str(error)


def test_unknown_matcher(write):
    error = error_of(write, GOOD.replace("match: {contact: {}}", "match: {contacts: {}}"))
    assert "unknown matcher 'contacts'" in str(error) and "did you mean 'contact'" in str(error)
    assert "c.yaml:9:" in str(error)


def test_invalid_regex_names_item_and_position(write):
    error = error_of(write, GOOD.replace("match: {contact: {}}", "match: {regex: '(unclosed'}"))
    assert "MY-CONTACT" in str(error) and "invalid regular expression" in str(error) and "c.yaml:9:" in str(error)


def test_catastrophic_regex(write):
    error = error_of(write, GOOD.replace("match: {contact: {}}", "match: {regex: '(a+)+$'}"))
    assert "catastrophic" in str(error)


def test_conditional_needs_trigger(write):
    error = error_of(write, GOOD.replace("severity: required", "severity: conditional"))
    assert "needs a 'trigger'" in str(error)


def test_python_tags_are_refused(write):
    error = error_of(write, "!!python/object/apply:os.system ['echo hacked']\n")
    assert "YAML" in str(error)


def test_extends_with_overrides(write, tmp_path):
    write("base.yaml", GOOD)
    child = load(write, """\
        id: child
        title: Child
        extends: base.yaml
        overrides:
          MY-CONTACT: {severity: recommended, weight: 5}
        items:
          - id: MY-EXTRA
            title: Extra
            severity: recommended
            reference: Art 2
            match: {phrases: [cookies]}
        """, "child.yaml")
    assert [i.id for i in child.items] == ["MY-CONTACT", "MY-EXTRA"]
    assert child.items[0].severity.value == "recommended" and child.items[0].weight == 5
    assert child.extends == ["mine"]


def test_extends_bundled_and_disable(write):
    child = load(write, """\
        id: strict-pipl
        title: Strict
        extends: pipl
        overrides:
          PIPL-CROSS-BORDER: {disable: true}
          PIPL-RESPONSE-TIME: {threshold: 10 working days}
        """)
    ids = [i.id for i in child.items]
    assert "PIPL-CROSS-BORDER" not in ids and "PIPL-CONTACT" in ids


def test_override_of_unknown_item(write):
    error = error_of(write, "id: c\ntitle: C\nextends: pipl\noverrides:\n  PIPL-CONTCT: {disable: true}\n")
    assert "override of unknown item 'PIPL-CONTCT'" in str(error) and "did you mean 'PIPL-CONTACT'" in str(error)


def test_extends_cycle_and_missing_parent(write):
    write("a.yaml", "id: a\ntitle: A\nextends: b.yaml\n")
    write("b.yaml", "id: b\ntitle: B\nextends: a.yaml\n")
    with pytest.raises(ChecklistError, match="cycle"):
        load_checklist(write("a.yaml", "id: a\ntitle: A\nextends: b.yaml\n"))
    error = error_of(write, "id: c\ntitle: C\nextends: nowhere.yaml\n")
    assert "no such checklist file" in str(error)


def test_bundled_checklists_match_the_published_schema():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    import pathlib

    for path in (pathlib.Path(__file__).resolve().parents[1] / "checklists").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_committed_schema_file_is_current():
    import pathlib

    committed = pathlib.Path(__file__).resolve().parents[1] / "schema" / "checklist.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == json_schema(), "run: privcheck schema > schema/checklist.schema.json"
