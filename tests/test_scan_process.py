"""`privcheck scan` as a real process: lazy imports, and Ctrl-C (SIGINT) in a parallel scan."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import SAMPLES

from conftest import STARTER_PIPL as PIPL

PYTHON = sys.executable


def test_the_scan_library_needs_no_terminal_libraries():
    code = (
        "import sys; import privcheck.scan, privcheck.engine\n"
        "assert not {'typer', 'rich'} & set(sys.modules), sorted({'typer', 'rich'} & set(sys.modules))\n"
    )
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_version_loads_nothing_else():
    code = (
        "import sys; sys.argv = ['privcheck', '--version']\n"
        "from privcheck.cli import main; main()\n"
        "assert 'typer' not in sys.modules and 'privcheck.checklist' not in sys.modules\n"
    )
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("privcheck ")


def test_one_command_loads_only_its_own_module():
    code = (
        "import sys; sys.argv = ['privcheck', 'schema']\n"
        "from privcheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'privcheck.cli.scan' not in sys.modules and 'privcheck.cli.check' not in sys.modules\n"
    )
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_sigint_stops_a_parallel_scan_and_keeps_whole_lines(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    text = (SAMPLES / "taobao-2024.txt").read_text(encoding="utf-8")
    for n in range(400):
        (folder / f"p{n:03d}.txt").write_text(f"Policy {n}\n" + text, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    process = subprocess.Popen(
        [PYTHON, "-m", "privcheck", "scan", str(folder), "-c", PIPL, "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 300  # a loaded machine may take long to start the workers
        while time.monotonic() < deadline and process.poll() is None:
            if out.exists() and out.read_text(encoding="utf-8").count("\n") >= 3:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the scan finished before it could be interrupted"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert "interrupted after" in stderr and "--resume" in stderr and "Traceback" not in stderr
    content = out.read_text(encoding="utf-8")
    assert content.endswith("\n")
    records = [json.loads(line) for line in content.splitlines()]
    assert 3 <= len(records) < 400 and all(r["status"] == "ok" for r in records)
    resumed = subprocess.run(
        [PYTHON, "-m", "privcheck", "scan", str(folder), "-c", PIPL, "-o", str(out), "--jobs", "2", "--resume"],
        capture_output=True, text=True, timeout=600,
    )
    assert resumed.returncode in (0, 1), resumed.stderr
    paths = [json.loads(line)["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(paths) == len(set(paths)) == 400
    assert os.path.exists(out)


def test_ctrl_c_swallowed_by_a_finalizer_still_stops_the_scan():
    """Python drops a KeyboardInterrupt raised while a finalizer runs; the scan remembers the
    signal and stops at the next record instead of running to the end with exit code 0."""
    from rich.console import Console

    from privcheck.cli.scan import _consume

    written = []

    class Writer:
        def write(self, record):
            written.append(record)

    class Summary:
        def add(self, record):
            pass

    def records():
        for n in range(10):
            if n == 3:
                try:  # as a finalizer would: the KeyboardInterrupt goes nowhere
                    os.kill(os.getpid(), signal.SIGINT)
                    time.sleep(1)  # the handler runs at the next bytecode, within this try
                except KeyboardInterrupt:
                    pass
            yield {"n": n}

    previous = signal.getsignal(signal.SIGINT)
    interrupted = _consume(records(), Writer(), Summary(), 10, False, Console(stderr=True))
    assert interrupted is True
    assert [r["n"] for r in written] == [0, 1, 2]  # nothing after Ctrl-C
    assert signal.getsignal(signal.SIGINT) is previous  # the command's handler is put back
