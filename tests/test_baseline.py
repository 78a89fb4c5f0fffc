"""Baselines: --write-baseline records today's results; --baseline fails only on what is new."""

from __future__ import annotations

import json

from privcheck.baseline import fingerprint

from ci_helpers import GOOD, HOUSE, NO_EMAIL


def test_fingerprint_ignores_line_numbers_and_spelling_of_the_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    a = fingerprint("docs/policy.md", "pipl", "PIPL-CONTACT", "fail")
    assert a == fingerprint("./docs/../docs/policy.md", "pipl", "pipl-contact", "fail")
    assert a == fingerprint(str(tmp_path / "docs" / "policy.md"), "pipl", "PIPL-CONTACT", "fail")
    assert a != fingerprint("docs/policy.md", "pipl", "PIPL-CONTACT", "partial")
    assert a != fingerprint("docs/other.md", "pipl", "PIPL-CONTACT", "fail")
    assert a != fingerprint("docs/policy.md", "gdpr", "PIPL-CONTACT", "fail")


def test_baseline_accepts_known_findings_and_fails_on_new_ones(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    policy = tmp_path / "policy.md"
    policy.write_text(NO_EMAIL, encoding="utf-8")
    code, _, err = run("check", "policy.md", "-c", HOUSE, "--write-baseline", "baseline.json")
    assert code == 0 and "baseline with 4 result(s) written to baseline.json" in err
    content = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    entry = next(e for e in content["results"] if e["item"] == "HOUSE-CONTACT")
    assert entry["status"] == "fail" and entry["path"] == "policy.md" and len(entry["fingerprint"]) == 32

    # The known failure no longer fails the run, even after lines are added above it.
    policy.write_text("# Notice\n\nUpdated in May.\n\n" + NO_EMAIL, encoding="utf-8")
    code, _, err = run("check", "policy.md", "-c", HOUSE, "--baseline", "baseline.json")
    assert code == 0 and "1 known finding(s) in the baseline" in err

    # A new failure does.
    policy.write_text(NO_EMAIL + "Some records are kept overseas.\n", encoding="utf-8")
    code, _, err = run("check", "policy.md", "-c", HOUSE, "--baseline", "baseline.json")
    assert code == 1 and "HOUSE-ABROAD" in err and "HOUSE-CONTACT" not in err

    # Without the baseline both fail.
    code, _, err = run("check", "policy.md", "-c", HOUSE)
    assert code == 1 and "HOUSE-ABROAD" in err and "HOUSE-CONTACT" in err


def test_fixed_policy_passes_against_an_old_baseline(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "policy.md").write_text(NO_EMAIL, encoding="utf-8")
    run("check", "policy.md", "-c", HOUSE, "--write-baseline", "b.json")
    (tmp_path / "policy.md").write_text(GOOD, encoding="utf-8")
    code, _, err = run("check", "policy.md", "-c", HOUSE, "--baseline", "b.json")
    assert code == 0 and err == ""


def test_missing_or_broken_baseline_is_exit_2(run, write, tmp_path):
    policy = write("policy.md", GOOD)
    code, _, err = run("check", policy, "-c", HOUSE, "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "no such baseline file" in err
    code, _, err = run("check", policy, "-c", HOUSE, "--baseline", write("b.json", "{not json"))
    assert code == 2 and "not a privcheck baseline" in err and "Traceback" not in err
    code, _, err = run("check", policy, "-c", HOUSE, "--baseline", write("c.json", '{"results": []}'))
    assert code == 2 and "not a privcheck baseline" in err
