"""The GitHub Action (action.yml) and the README's workflow, run as the runner would run them.

There is no GitHub runner here, so the composite action's shell steps are run with bash, with the
inputs, `github` context values and GITHUB_* files a runner provides: the privcheck step, the SARIF
upload decision (forks, a missing report) and the failing step. The `uses:` steps (checkout,
setup-python, the SARIF upload) are GitHub's own and are checked for pinning only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLES
from privcheck import __version__

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
PINNED = re.compile(r"^[\w./-]+@[0-9a-f]{40}$")


def readme_workflow() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("# .github/workflows/privacy-policy.yml\n", 1)[1].split("```", 1)[0]
    return yaml.safe_load(block)


def evaluate(expression: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return context.get(match.group(1), "")
    return EXPRESSION.sub(value, expression)


def step(name: str) -> dict:
    return next(s for s in STEPS if s.get("name") == name)


def run_step(name: str, context: dict[str, str], workdir: Path, github: dict[str, Path]) -> subprocess.CompletedProcess[str]:
    """Run one `run:` step of the action with bash, its env evaluated from the context."""
    definition = step(name)
    env = {key: evaluate(str(value), context) for key, value in definition.get("env", {}).items()}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", HOME=os.environ.get("HOME", "/tmp"),
               GITHUB_OUTPUT=str(github["output"]), GITHUB_STEP_SUMMARY=str(github["summary"]),
               RUNNER_TEMP=str(github["temp"]), GITHUB_ACTIONS="true",
               PRIVCHECK_CACHE_DIR=os.environ.get("PRIVCHECK_CACHE_DIR", ""))
    script = evaluate(definition["run"], context)
    return subprocess.run(["bash", "-e", "-c", script], cwd=workdir, env=env, capture_output=True, text=True)


def outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.fixture
def github(tmp_path):
    (tmp_path / "runner").mkdir()
    files = {"output": tmp_path / "runner" / "output", "summary": tmp_path / "runner" / "summary.md", "temp": tmp_path / "runner"}
    for key in ("output", "summary"):
        files[key].write_text("", encoding="utf-8")
    return files


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "repo"
    (folder / "docs").mkdir(parents=True)
    shutil.copy(SAMPLES / "taobao-2024.txt", folder / "docs" / "privacy.md")
    return folder


def inputs_context(with_: dict[str, str], **github: str) -> dict[str, str]:
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    context.update({f"inputs.{name}": str(value) for name, value in with_.items()})
    context.update({f"github.{name}": value for name, value in github.items()})
    return context


def test_every_action_is_pinned_to_a_commit_with_its_version():
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    uses = [s["uses"] for s in STEPS if "uses" in s]
    assert uses and all(PINNED.match(u) for u in uses), uses
    for line in text.splitlines():
        if line.strip().startswith(("uses:", "- uses:")):
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    for entry in readme_workflow()["jobs"]["privcheck"]["steps"]:
        if "uses" in entry and not entry["uses"].startswith("<owner>/privcheck@"):
            assert PINNED.match(entry["uses"]), entry["uses"]


def test_the_action_installs_its_own_version_with_exact_dependencies():
    install = step("Install privcheck")["run"]
    assert '--constraint "${GITHUB_ACTION_PATH}/action-constraints.txt" "${GITHUB_ACTION_PATH}"' in install
    pins = {}
    for line in (ROOT / "action-constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert re.fullmatch(r"\d+(\.\d+)*", version), line
            pins[name.lower()] = version
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in declared:
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in action-constraints.txt"
    # The README's workflow uses the action at privcheck's own version, and the pre-commit example too.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"<owner>/privcheck@v{__version__}" in readme and f"rev: v{__version__}" in readme


def test_sarif_upload_is_off_by_default_and_fork_pull_requests_skip_it(workspace, github):
    assert ACTION["inputs"]["upload-sarif"]["default"] == "false"
    assert step("Decide on the SARIF upload")["if"] == "${{ always() && inputs.upload-sarif == 'true' }}"
    assert step("Upload SARIF to code scanning")["continue-on-error"] is True
    (workspace / "privcheck.sarif").write_text("{}", encoding="utf-8")
    context = inputs_context({"upload-sarif": "true"}, repository="acme/site")
    cases = [("someone/site", "false", "from a fork"), ("acme/site", "true", None), ("", "true", None)]
    for head, upload, notice in cases:
        github["output"].write_text("", encoding="utf-8")
        context["github.event.pull_request.head.repo.full_name"] = head
        result = run_step("Decide on the SARIF upload", context, workspace, github)
        assert result.returncode == 0, result.stderr
        assert outputs(github["output"])["upload"] == upload
        assert (notice in result.stdout and result.stdout.startswith("::notice ")) if notice else result.stdout == ""
    (workspace / "privcheck.sarif").unlink()
    github["output"].write_text("", encoding="utf-8")
    result = run_step("Decide on the SARIF upload", context, workspace, github)
    assert outputs(github["output"])["upload"] == "false" and "no SARIF report" in result.stdout


@pytest.mark.slow
def test_the_readme_workflow_runs(workspace, github):
    """The README's workflow: the action's steps with its `with:`, then the diff step."""
    workflow = readme_workflow()
    assert workflow["permissions"] == {"contents": "read"}  # no security-events: the upload is off
    steps = workflow["jobs"]["privcheck"]["steps"]
    action = next(s for s in steps if s.get("uses", "").startswith("<owner>/privcheck@"))
    assert set(action["with"]) <= set(ACTION["inputs"])
    context = inputs_context(action["with"], repository="acme/site", action_repository="", action_ref="",
                             server_url="https://github.com", base_ref="main")
    context["github.event.pull_request.head.repo.full_name"] = "acme/site"
    result = run_step("Run privcheck", context, workspace, github)
    assert result.returncode == 0, result.stderr  # a failed gate fails the job in a later step
    # What the same check says as JSON: the items that fail the gate (the Taobao sample has some).
    direct = subprocess.run([sys.executable, "-m", "privcheck", "check", "docs/privacy.md", "-c", "pipl", "-c", "gdpr",
                             "-f", "json", "--fail-under", "B"], cwd=workspace, capture_output=True, text=True)
    items = [i for c in json.loads(direct.stdout)["documents"][0]["checklists"] for i in c["items"]]
    failing = [i["id"] for i in items if i["status"] == "fail" and i["severity"] in ("required", "conditional")]
    assert failing and direct.returncode == 1
    assert outputs(github["output"])["exit-code"] == "1"
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error file=docs/privacy.md")]
    assert {line.split("title=privcheck ", 1)[1].split(" ", 1)[0] for line in annotations} >= set(failing)
    summary = github["summary"].read_text(encoding="utf-8")
    assert summary.startswith("# privcheck report") and all(f"`{item_id}`" in summary for item_id in failing)
    log = json.loads((workspace / "privcheck.sarif").read_text(encoding="utf-8"))
    uri = log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
    assert uri.startswith("https://") and "/blob//" not in uri  # a local action keeps privcheck's own links
    # With the action's repository and ref known, SARIF links point at that version's docs.
    context.update({"github.action_repository": "acme/privcheck", "github.action_ref": "v9.9.9"})
    run_step("Run privcheck", context, workspace, github)
    log = json.loads((workspace / "privcheck.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith(
        "https://github.com/acme/privcheck/blob/v9.9.9/docs/items.md#")
    # The failing step runs because exit-code is 1, and fails the job.
    assert step("Fail when a gate failed")["if"] == "${{ steps.check.outputs.exit-code == '1' }}"
    failing = subprocess.run(["bash", "-e", "-c", step("Fail when a gate failed")["run"]], capture_output=True, text=True)
    assert failing.returncode == 1
    # The workflow's own `run` step: a diff against the target branch, appended to the summary.
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    run_steps = [s["run"] for s in steps if "run" in s]
    assert len(run_steps) == 1 and "privcheck diff --from" in run_steps[0]
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@acme-demo.com", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=workspace, check=True)
    subprocess.run([*git, "add", "docs/privacy.md"], cwd=workspace, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "policy"], cwd=workspace, check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=workspace, check=True)
    before = github["summary"].read_text(encoding="utf-8")
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "HOME": os.environ.get("HOME", "/tmp"),
           "GITHUB_STEP_SUMMARY": str(github["summary"]), "PRIVCHECK_CACHE_DIR": os.environ.get("PRIVCHECK_CACHE_DIR", "")}
    result = subprocess.run(["bash", "-e", "-c", evaluate(run_steps[0], context)], cwd=workspace, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    added = github["summary"].read_text(encoding="utf-8")[len(before):]
    assert added.startswith("# privcheck diff: `docs/privacy.md@origin/main` → `docs/privacy.md`")
    assert "No regression" in added
