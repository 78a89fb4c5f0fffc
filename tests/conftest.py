from __future__ import annotations

import pathlib

import pytest
from typer.testing import CliRunner

from privcheck.cli import app
from privcheck.textsearch import pattern_cache

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DATA = pathlib.Path(__file__).resolve().parent / "data"
# The four-item starter checklists, frozen: tests whose exact grades must not move as the bundled
# checklists grow use these.
STARTER_PIPL = str(DATA / "starter-pipl.yaml")
STARTER_GDPR = str(DATA / "starter-gdpr.yaml")


@pytest.fixture(autouse=True, scope="session")
def _private_checklist_cache(tmp_path_factory):
    """The compiled-checklist cache of the test run (and its subprocesses) lives in a temporary folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PRIVCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("privcheck-cache")))
    mp.delenv("PRIVCHECK_NO_CACHE", raising=False)
    # The patterns compiled while the tests were collected are written there too.
    pattern_cache.keep_in(pattern_cache.user_storage())
    yield
    mp.undo()


@pytest.fixture
def run():
    """Invoke the CLI like a user: returns (exit code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path and return its path as a string."""

    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return make
