"""Start-up of the command line: the garbage collector is paused while it starts and is on again
when the command runs."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from privcheck.cli import common, startup

from conftest import ROOT


def test_the_collector_is_paused_for_start_up_and_on_again_when_a_command_starts(monkeypatch):
    monkeypatch.setattr(startup, "_started", False)
    seen = []

    @common.guarded
    def command() -> None:
        seen.append(gc.isenabled())

    assert gc.isenabled()
    try:
        startup.pause_gc()
        assert not gc.isenabled()
        command()
        assert seen == [True] and gc.isenabled()
        command()  # a second command changes nothing
        assert seen == [True, True] and gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_command_loads_with_the_collector_paused_only_under_main(monkeypatch):
    seen = []
    with startup.loading():  # embedding code: nothing changes
        seen.append(gc.isenabled())
    monkeypatch.setattr(startup, "_started", True)
    try:
        with startup.loading():
            seen.append(gc.isenabled())
        assert seen == [True, False] and gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_collector_turned_off_by_someone_else_stays_off():
    gc.disable()
    try:
        startup.resume_gc()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_privcheck_commands_run_with_the_collector_on():
    program = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('collector on:', gc.isenabled(), file=sys.stderr))\n"
        "sys.argv = ['privcheck', 'matchers']\n"
        "from privcheck.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "phrases" in done.stdout
    assert "collector on: True" in done.stderr


def test_the_top_level_help_lists_each_command_with_its_own_summary():
    from typer.testing import CliRunner

    from privcheck.cli import COMMANDS, SUMMARIES, _resolve, build_app

    for name, target in COMMANDS:
        assert SUMMARIES[name] == (_resolve(target).__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    listing = CliRunner().invoke(build_app(listing=True), ["--help"], prog_name="privcheck")
    full = CliRunner().invoke(build_app(), ["--help"], prog_name="privcheck")
    assert listing.exit_code == full.exit_code == 0 and listing.output == full.output


def _modules_after(arguments: list[str]) -> set[str]:
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['privcheck', *{arguments!r}]\n"
        "from privcheck.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Usage: privcheck" in done.stdout
    return set(done.stderr.split())


def test_help_does_not_import_the_checking_machinery():
    for arguments in (["--help"], ["check", "--help"]):
        loaded = _modules_after(arguments)
        assert not {"privcheck.matchers", "privcheck.detectors.contacts", "privcheck.engine", "privcheck.checklist.model"} & loaded, arguments
    assert "privcheck.cli.check" not in _modules_after(["--help"])
