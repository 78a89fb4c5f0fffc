"""The pre-commit hook and the composite GitHub Action, run as far as possible locally."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ci_helpers import GOOD, HOUSE, NO_EMAIL

ROOT = Path(__file__).resolve().parents[1]
PRIVCHECK = Path(sys.executable).with_name("privcheck")
needs_cli = pytest.mark.skipif(not PRIVCHECK.exists(), reason="the privcheck script is not installed beside this Python")


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "privcheck")
    assert hook["language"] == "python" and hook["entry"].split()[:2] == ["privcheck", "check"]
    pattern = re.compile(hook["files"])
    for path in ("privacy-policy.md", "docs/privacy.md", "legal/隐私政策.txt", "docs/privacy_notice.markdown"):
        assert pattern.search(path), path
    for path in ("README.md", "docs/terms.md", "privacy/setup.py"):
        assert not pattern.search(path), path


@pytest.mark.slow
@needs_cli
def test_pre_commit_hook_entry_runs_on_the_files_pre_commit_passes(tmp_path):
    """pre-commit runs `entry args... FILES`: do the same with the installed script."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    (tmp_path / "privacy.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "privacy-cn.md").write_text(NO_EMAIL, encoding="utf-8")
    entry = [str(PRIVCHECK), *shlex.split(hook["entry"])[1:]]
    good = subprocess.run([*entry, "--checklist", HOUSE, "privacy.md"], cwd=tmp_path, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    bad = subprocess.run([*entry, "--checklist", HOUSE, "privacy.md", "privacy-cn.md"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 1 and "HOUSE-CONTACT" in bad.stdout and "\x1b[" not in bad.stdout


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_definition():
    definition = action()
    assert definition["runs"]["using"] == "composite"
    assert {"policy", "checklists", "fail-on", "fail-under", "baseline", "sarif-file"} <= set(definition["inputs"])
    uses = [step.get("uses", "") for step in definition["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    for step in definition["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{ inputs." not in step["run"]  # inputs reach scripts through env, never spliced in


@needs_cli
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("policy,fail_under,expected", [(GOOD, "", "0"), (NO_EMAIL, "", "1"), (GOOD, "B", "0")])
def test_action_run_step(tmp_path, policy, fail_under, expected):
    """Run the action's main step with bash as the runner would, with privcheck on PATH."""
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "privacy.md").write_text(policy, encoding="utf-8")
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    env = {
        **os.environ, "PATH": f"{PRIVCHECK.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(tmp_path),
        "GITHUB_ACTIONS": "true",
        "INPUT_POLICY": "docs/privacy.md", "INPUT_CHECKLISTS": HOUSE, "INPUT_FAIL_ON": "", "INPUT_FAIL_UNDER": fail_under,
        "INPUT_BASELINE": "", "INPUT_CONFIG": "", "INPUT_ARGS": "--isolated", "INPUT_SARIF_FILE": "privcheck.sarif",
        "INPUT_SUMMARY": "true",
    }
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # a failed gate fails the job later, after the upload
    assert outputs.read_text(encoding="utf-8").strip() == f"exit-code={expected}"
    assert (tmp_path / "privcheck.sarif").exists()
    assert summary.read_text(encoding="utf-8").startswith("# privcheck report")
    if expected == "1":
        assert "::error file=docs/privacy.md" in done.stdout


@pytest.mark.slow
@needs_cli
def test_action_run_step_stops_on_errors(tmp_path):
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    env = {**os.environ, "PATH": f"{PRIVCHECK.parent}{os.pathsep}{os.environ.get('PATH', '')}", "RUNNER_TEMP": str(tmp_path),
           "GITHUB_OUTPUT": str(tmp_path / "o"), "INPUT_POLICY": "missing.md", "INPUT_CHECKLISTS": "", "INPUT_FAIL_ON": "",
           "INPUT_FAIL_UNDER": "", "INPUT_BASELINE": "", "INPUT_CONFIG": "", "INPUT_ARGS": "--isolated",
           "INPUT_SARIF_FILE": "p.sarif", "INPUT_SUMMARY": "false"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 2 and "missing.md: no such file" in done.stderr


def test_ci_library_modules_know_nothing_of_the_command_line():
    """Gates, baselines, suppressions, config and diff are library code: no typer, no rich, no exits."""
    code = (
        "import sys\n"
        "import privcheck.gates, privcheck.baseline, privcheck.suppressions, privcheck.config, privcheck.diff\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click') or m.startswith('privcheck.cli'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
