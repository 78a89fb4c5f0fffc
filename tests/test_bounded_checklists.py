"""Checklists cannot run away: alias bombs, huge or non-finite numbers, impossible grades, regex time."""

from __future__ import annotations

import json
import math

from limits import run_limited

ITEM = """\
  - id: A
    title: a
    severity: required
    reference: Art 1
"""


def alias_bomb(levels: int = 40) -> str:
    """A well-typed checklist whose `any` tree doubles at every alias level (2**levels leaves)."""
    tree = "&m0 {phrases: [hello]}"
    for level in range(1, levels):
        tree = f"&m{level} {{any: [{tree}, *m{level - 1}]}}"
    return "id: bomb\ntitle: Bomb\nitems:\n" + ITEM + f"    match: {tree}\n"


def test_alias_bomb_is_refused_with_its_position_under_a_memory_ceiling(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb())
    assert path.stat().st_size < 2000
    for command in ("validate", "check"):
        args = [command, str(path)] if command == "validate" else [command, "-c", str(path), "-"]
        result = run_limited(*args, memory_mb=512, timeout=60)
        assert result.returncode == 2, result.stderr
        assert "alias" in result.stderr and "Traceback" not in result.stderr
        # file:line:col of the list where the expanded tree passes the budget
        assert f"{path}:" in result.stderr
        assert f"{path}:8:" in result.stderr  # the line of the item's matcher


def test_a_few_aliases_are_still_fine(run, tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("id: ok\ntitle: Ok\nitems:\n" + ITEM + "    match: {any: [&m {phrases: [hello]}, *m, *m]}\n")
    code, _, err = run("validate", str(path))
    assert code == 0, err


def test_an_integer_of_5000_digits_is_an_error_with_its_position(run, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("id: big\ntitle: Big\nitems:\n" + ITEM + "    weight: 1" + "0" * 5000 + "\n    match: {phrases: [x]}\n")
    code, _, err = run("validate", str(path))
    assert code == 2
    assert f"{path}:8:13: a number of 5,001 digits is too large" in err
    assert "internal error" not in err


def test_non_finite_and_out_of_range_weights_are_refused(run, tmp_path):
    for weight, expected in (("1e400", "expected a finite number"), (".inf", "is not a finite number"),
                             (".nan", "is not a finite number"), ("1.0e+400", "is not a finite number"),
                             ("5000", "expected a number <= 1000"), ("-1", "expected a number >= 0")):
        path = tmp_path / "w.yaml"
        path.write_text("id: w\ntitle: W\nitems:\n" + ITEM + f"    weight: {weight}\n    match: {{phrases: [x]}}\n")
        code, _, err = run("validate", str(path))
        assert code == 2, weight
        assert f"{path}:8:13:" in err and expected in err, (weight, err)


def test_grade_floors_must_be_monotonic_and_within_0_to_100(run, tmp_path):
    for grades, expected in (("{A: 50, B: 80}", "must not rise from A to D: A is 50 but B is 80"),
                             ("{A: 150}", "a floor is a score from 0 to 100"),
                             ("{A: 90, B: 80, C: 85}", "B is 80 but C is 85")):
        path = tmp_path / "g.yaml"
        path.write_text(f"id: g\ntitle: G\ngrading:\n  grades: {grades}\nitems:\n" + ITEM + "    match: {phrases: [x]}\n")
        code, _, err = run("validate", str(path))
        assert code == 2
        assert f"{path}:4:11: grading.grades: " in err and expected in err, err


def test_json_report_holds_finite_scores_only(run, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("id: w\ntitle: W\nitems:\n" + ITEM + "    weight: 1000\n    match: {phrases: [hello]}\n")
    policy = tmp_path / "p.txt"
    policy.write_text("hello world, this is the policy.\n")
    code, out, err = run("check", str(policy), "-c", str(path), "-f", "json")
    assert code == 0, err

    def strict(value):
        raise ValueError(f"non-standard JSON constant {value}")

    report = json.loads(out, parse_constant=strict)
    assert math.isfinite(report["documents"][0]["checklists"][0]["score"])


def test_regex_timeout_is_a_ceiling_a_checklist_cannot_raise(tmp_path):
    from privcheck.checklist.compiler import cap_regex_timeouts

    spec = {"all": [{"regex": {"pattern": "a", "timeout": 60}}, {"not": {"regex": {"pattern": "b", "timeout": 0.5}}},
                    {"regex": "c"}]}
    capped = cap_regex_timeouts(spec, 1.0)
    assert capped["all"][0]["regex"]["timeout"] == 1.0
    assert capped["all"][1] is spec["all"][1]  # asking for less than the ceiling is kept
    assert spec["all"][0]["regex"]["timeout"] == 60  # the checklist itself is not changed

    # Through the loader: the compiled matcher runs under the command line's limit.
    from privcheck.checklist import load_checklist

    path = tmp_path / "slow.yaml"
    path.write_text("id: slow\ntitle: Slow\nitems:\n" + ITEM + "    match: {regex: {pattern: 'hello', timeout: 60}}\n")
    checklist = load_checklist(str(path), regex_timeout=1.0, use_cache=False)
    timeouts = []

    def walk(node, depth=0):
        if depth > 6:
            return
        if hasattr(node, "timeout") and isinstance(node.timeout, float):
            timeouts.append(node.timeout)
        for value in getattr(node, "__dict__", {}).values():
            for child in value if isinstance(value, list) else [value]:
                if hasattr(child, "__dict__"):
                    walk(child, depth + 1)

    walk(checklist.items[0].elements[0].matcher)
    assert timeouts == [1.0]
