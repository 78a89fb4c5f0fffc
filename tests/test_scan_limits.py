"""A scan survives its workers: killed, stuck or out of memory, a worker costs one error row."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from privcheck.scan import BatchScan, ScanOptions, check_path

from conftest import SAMPLES, STARTER_PIPL as PIPL

pytestmark = pytest.mark.slow  # the whole module takes seconds

POLICY = (SAMPLES / "taobao-2024.txt").read_text(encoding="utf-8")


def hostile_check(path, options):
    """check_path, except for the documents named to kill, hang or exhaust their worker."""
    name = os.path.basename(path)
    if name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("hang"):
        time.sleep(600)
    if name.startswith("hog"):
        hoard = bytearray(2 * 1024**3)  # more than the worker's address-space limit
        return {"path": path, "status": "ok", "size": len(hoard)}
    return check_path(path, options)


@pytest.fixture
def corpus(tmp_path):
    names = [f"p{n}.txt" for n in range(8)] + ["kill.txt", "hang.txt", "hog.txt"]
    for name in names:
        (tmp_path / name).write_text(POLICY, encoding="utf-8")
    return tmp_path, names


def test_a_dead_stuck_or_starved_worker_is_one_error_row_and_the_scan_goes_on(corpus):
    folder, names = corpus
    options = ScanOptions(checklists=(PIPL,), time_limit=3, memory_limit=1024**3)
    with BatchScan(options, jobs=2, check=hostile_check) as batch:
        records = {os.path.basename(r["path"]): r for r in batch.run([str(folder / n) for n in names])}
    assert set(records) == set(names)
    assert all(records[f"p{n}.txt"]["status"] == "ok" for n in range(8))
    assert records["kill.txt"]["status"] == "error"
    assert "the worker process checking it was killed by SIGKILL" in records["kill.txt"]["error"]
    assert "took longer than the scan's limit of 3 s per document" in records["hang.txt"]["error"]
    assert "needed more memory than the scan's limit of 1,024 MB per worker" in records["hog.txt"]["error"]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return False


def _start_scan(folder, out, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "privcheck", "scan", str(folder), "-c", PIPL, "-o", str(out), "--jobs", "2",
         "--no-progress", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_records(process, out, count):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_text(encoding="utf-8").count("\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the scan did not get going")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_one_worker_of_a_running_scan_loses_only_its_document(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"p{n:02d}.txt").write_text(f"Policy {n}\n" + POLICY, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    process = _start_scan(folder, out)
    try:
        _wait_for_records(process, out, 2)
        workers = _children(process.pid)
        assert workers, "no worker processes"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    paths = [r["path"] for r in records]
    assert len(paths) == len(set(paths)) == 60, stderr
    errors = [r for r in records if r["status"] == "error"]
    assert len(errors) <= 1 and all("was killed by SIGKILL" in r["error"] for r in errors)
    assert "BrokenProcessPool" not in stderr and "Traceback" not in stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_main_process(tmp_path, how):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(200):
        (folder / f"p{n:03d}.txt").write_text(f"Policy {n}\n" + POLICY, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    process = _start_scan(folder, out)
    try:
        _wait_for_records(process, out, 1)
        workers = _children(process.pid)
        assert workers
        process.send_signal(how)
        process.communicate(timeout=60)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "orphaned workers still running"
    finally:
        if process.poll() is None:
            process.kill()


def test_resume_keys_on_the_resolved_path(run, tmp_path, monkeypatch):
    folder = tmp_path / "small"
    folder.mkdir()
    for n in range(4):
        (folder / f"p{n}.txt").write_text(f"Policy {n}\n" + POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("scan", "small", "-c", PIPL, "-o", "out.jsonl", "-j", "1", "--no-progress")
    assert code in (0, 1), err
    code, out, err = run("scan", "./small", "-c", PIPL, "-o", "out.jsonl", "-j", "1", "--no-progress", "--resume")
    assert "4 already in out.jsonl skipped" in out
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_resume_reads_the_output_as_a_stream_under_a_memory_ceiling(tmp_path):
    from limits import run_limited

    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "p.txt").write_text(POLICY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    filler = json.dumps({"path": "elsewhere/x.txt", "status": "ok", "error": None, "checklists": [],
                         "padding": "x" * 20_000})
    with open(out, "w", encoding="utf-8") as handle:
        for n in range(15_000):  # about 300 MB of records
            handle.write(filler.replace("x.txt", f"x{n}.txt") + "\n")
        handle.write(json.dumps({"path": str(folder / "p.txt"), "status": "ok", "error": None,
                                 "checklists": []}) + "\n")
    result = run_limited("scan", str(folder), "-c", PIPL, "-o", str(out), "--resume", "-j", "1",
                         "--no-progress", memory_mb=512, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "1 already in" in result.stdout + result.stderr
