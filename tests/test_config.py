"""Configuration: discovery, --config, --isolated, validation with positions, and `privcheck init`."""

from __future__ import annotations

import json

import pytest

from privcheck.config import STARTER, discover, load_config
from privcheck.errors import ConfigError

from ci_helpers import HOUSE, NO_EMAIL, SLOW, statuses


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a policy, as the working directory."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "privacy.md").write_text(SLOW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_discovered_yaml_gives_policies_checklists_gates_and_format(run, project):
    (project / ".privcheck.yaml").write_text(
        f"policies: [docs/privacy.md]\nchecklists: ['{HOUSE}']\nformat: json\nfail-on: partial\n", encoding="utf-8")
    code, out, err = run("check")
    assert code == 1 and "HOUSE-REPLY (required) is partial" in err
    assert statuses(out) == {"HOUSE-CONTACT": "pass", "HOUSE-REPLY": "partial", "HOUSE-COOKIES": "pass", "HOUSE-ABROAD": "not_applicable"}
    # Options on the command line win.
    code, out, _ = run("check", "--fail-on", "fail", "-f", "text", "--no-color")
    assert code == 0 and "House rules" in out


def test_discovered_in_a_parent_folder_with_paths_relative_to_it(run, project, monkeypatch):
    (project / ".privcheck.yaml").write_text(f"policies: [docs/privacy.md]\nchecklists: ['{HOUSE}']\nfail-under: 80\n", encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    assert discover() == project / ".privcheck.yaml"
    code, _, err = run("check")
    assert code == 1 and "under the score 80 floor" in err


def test_pyproject_tool_table(run, project):
    (project / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n\n[tool.privcheck]\npolicies = ['docs/privacy.md']\nchecklists = ['{HOUSE}']\nfail-under = 'B'\n",
        encoding="utf-8")
    assert discover() == project / "pyproject.toml"
    code, _, err = run("check")
    assert code == 1 and "grade B floor" in err


def test_pyproject_without_the_table_is_not_a_config(project):
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert discover(project) is None or discover(project) != project / "pyproject.toml"


def test_config_option_and_isolated(run, project):
    (project / "strict.yaml").write_text(f"checklists: ['{HOUSE}']\nfail-on: partial\n", encoding="utf-8")
    (project / ".privcheck.yaml").write_text("fail-on: wrong\n", encoding="utf-8")
    code, _, _ = run("check", "docs/privacy.md", "--config", "strict.yaml")
    assert code == 1
    code, _, err = run("check", "docs/privacy.md", "-c", HOUSE)  # the discovered file is invalid
    assert code == 2 and ".privcheck.yaml:1:10" in err
    code, _, _ = run("check", "docs/privacy.md", "-c", HOUSE, "--isolated")
    assert code == 0
    code, _, err = run("check", "docs/privacy.md", "--isolated", "--config", "strict.yaml")
    assert code == 2 and "cannot be used together" in err


@pytest.mark.parametrize("content,where,message", [
    ("polices: [a.md]\n", ":1:1", "unknown key 'polices'; did you mean 'policies'?"),
    ("format: sarif2\n", ":1:9", "unknown format 'sarif2'"),
    ("fail-under: 120\n", ":1:13", "score from 0 to 100"),
    ("checklists: pipl\n", ":1:13", "expected a list"),
    ("ignore:\n  - id: X\n    reason: ok\n    path: [a.md]\n", ":4:5", "did you mean 'paths'?"),
    ("reports: [sarif]\n", ":1:11", "FORMAT:FILE"),
    ("policies: [a.md\n", ":2:1", "YAML syntax error"),
])
def test_config_errors_have_file_line_column(tmp_path, content, where, message):
    path = tmp_path / ".privcheck.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert where in str(raised.value) and message in str(raised.value)


def test_missing_config_file_is_exit_2(run, project):
    code, _, err = run("check", "docs/privacy.md", "--config", "nope.yaml")
    assert code == 2 and "nope.yaml: no such configuration file" in err


def test_no_policy_anywhere_is_exit_2(run, project):
    code, _, err = run("check", "--isolated")
    assert code == 2 and "no policy to check" in err


def test_reports_from_config(run, project):
    (project / ".privcheck.yaml").write_text(
        f"policies: [docs/privacy.md]\nchecklists: ['{HOUSE}']\nreports: ['json:out/report.json']\n", encoding="utf-8")
    (project / "out").mkdir()
    code, _, _ = run("check", "--no-color")
    assert code == 0 and json.loads((project / "out" / "report.json").read_text(encoding="utf-8"))["documents"]


def test_init_writes_a_valid_commented_config_and_never_overwrites(run, project):
    code, out, _ = run("init")
    assert code == 0 and "Wrote .privcheck.yaml" in out
    written = (project / ".privcheck.yaml").read_text(encoding="utf-8")
    assert written == STARTER and written.count("#") > 10
    config = load_config(project / ".privcheck.yaml")
    assert config.spec.checklists == ["pipl", "gdpr"] and config.spec.fail_on == "fail:required"
    code, _, err = run("init")
    assert code == 2 and "already exists" in err
    assert (project / ".privcheck.yaml").read_text(encoding="utf-8") == written


def test_starter_config_runs(run, project):
    run("init")
    (project / "privacy-policy.md").write_text(NO_EMAIL, encoding="utf-8")
    code, out, err = run("check", "-f", "json")
    assert code in (0, 1) and "Traceback" not in err
    assert [c["id"] for c in json.loads(out)["documents"][0]["checklists"]] == ["pipl", "gdpr"]
