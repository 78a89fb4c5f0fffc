"""privcheck benchmarks: `make bench` (or `python bench/run.py`) prints one table.

Times are CPU time of the process measured (in-process: the least over several runs; commands: the
median), with wall time beside them for commands, so that figures hold on a busy machine; the
batch scan is timed by the wall clock, as its point is using every core.

Measures cold start, one end-to-end check of the 60 KB Taobao sample, in-process time per document
from 1 KB to 1 MB, batch throughput of `scan`, the slowest checklist items, and the same with a
synthetic checklist pair of about 80 items each, and the headroom of every bundled item under the
regular-expression time limit on a 5 MB ordinary English policy (no item may need more than a
quarter of the default 2 s limit). The documents are made here by repeating and mixing the
policies in samples/ (never any other corpus).

    python bench/run.py [--quick] [--headroom-only] [--batch]

`--batch` measures only the real batch (the dev corpus against the keyword scan, and its phases).
"""

from __future__ import annotations

import argparse
import compileall
import copy
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TAOBAO = SAMPLES / "taobao-2024.txt"
sys.path.insert(0, str(ROOT))

from privcheck.checklist import load_checklist  # noqa: E402
from privcheck.document import load_bytes  # noqa: E402
from privcheck.engine import check_document, evaluate_item, phrase_index  # noqa: E402
from privcheck.matchers import TextView  # noqa: E402
from privcheck.scan import BatchScan, ScanOptions, find_policies  # noqa: E402

KB = 1024
SIZES = [1 * KB, 10 * KB, 50 * KB, 100 * KB, 250 * KB, 500 * KB, 1024 * KB]
rows: list[tuple[str, str, str, str]] = []


def row(what: str, value: str, target: str = "", verdict: str = "") -> None:
    rows.append((what, value, target, verdict))
    print(f"  {what}: {value}", file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def mixed_policy(size: int) -> bytes:
    """About `size` bytes of policy text: the samples repeated in a rotating order, cut at a line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    out: list[str] = []
    total = 0
    turn = 0
    while total < size:
        text = texts[turn % len(texts)]
        lines = text.splitlines(keepends=True)
        offset = (turn * 37) % max(1, len(lines))  # start each repetition somewhere else
        for line in lines[offset:] + lines[:offset]:
            out.append(line)
            total += len(line.encode("utf-8"))
            if total >= size:
                break
        turn += 1
    return "".join(out).encode("utf-8")


def best_of(runs: int, function) -> float:
    """The least CPU time of this process over `runs` calls (steady even on a busy machine)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def command_median(arguments: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of running a command."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env={**os.environ, **(env or {})})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def privcheck_command() -> str:
    candidate = Path(sys.executable).parent / "privcheck"
    return str(candidate) if candidate.exists() else "privcheck"


def synthetic_checklists(folder: Path, copies: int) -> list[str]:
    """The bundled checklists with every item repeated `copies` times under new IDs.

    Each copy gets one extra, unique phrase in every phrase list, so no two copies share a matcher
    and the engine does the work of that many distinct items.
    """
    paths = []
    for bundled in ("pipl", "gdpr"):
        source = yaml.safe_load((ROOT / "checklists" / f"{bundled}.yaml").read_text(encoding="utf-8"))
        items = []
        for n in range(copies):
            for item in source["items"]:
                clone = copy.deepcopy(item)
                if n:
                    clone["id"] = f"{item['id']}-COPY{n}"
                    for key in ("match", "trigger", "topic", "pass_if", "elements"):
                        if key in clone:
                            clone[key] = _vary(clone[key], f"bench variant {n}")
                items.append(clone)
        source["items"] = items
        source["id"] = f"{bundled}-x{copies}"
        path = folder / f"{bundled}-x{copies}.yaml"
        path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def _vary(node, extra: str):
    if isinstance(node, dict):
        return {k: (v if k == "kinds" else _vary(v, extra)) for k, v in node.items()}
    if isinstance(node, list):
        if node and all(isinstance(x, str) for x in node):
            return [*node, extra]
        return [_vary(x, extra) for x in node]
    return node


def in_process(checklists, sizes, label: str) -> dict[int, float]:
    times = {}
    for size in sizes:
        data = mixed_policy(size)
        runs = 5 if size <= 100 * KB else 3
        times[size] = best_of(runs, lambda data=data: check_document(load_bytes(data, "bench.txt"), checklists))
        row(f"{label}: {size // KB} KB document", f"{times[size] * 1000:.1f} ms CPU ({len(data) / times[size] / 1e6:.2f} MB/s)")
    return times


DEV = ROOT.parent / "shared" / "corpus" / "dev"
BATCH = ROOT / "bench" / "batch.py"


def dev_folders() -> list[tuple[str, str, list[str]]]:
    """(folder name, checklist, policy files) for each folder of ../shared/corpus/dev."""
    import json

    out = []
    for folder in sorted(p for p in DEV.iterdir() if p.is_dir()):
        labels = folder / "labels.jsonl"
        if labels.exists():
            with labels.open(encoding="utf-8") as handle:
                checklist = json.loads(handle.readline())["checklist"]
            out.append((folder.name, checklist, sorted(str(p) for p in (folder / "docs").glob("*.txt"))))
    return out


def json_command(arguments: list[str], env: dict[str, str] | None = None) -> tuple[dict, float]:
    """The JSON a bench/batch.py command prints, and the CPU time of its process."""
    import json

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(arguments, capture_output=True, text=True, check=True, env={**os.environ, **(env or {})})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return json.loads(done.stdout), after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def dev_batch(command: str, runs: int) -> None:
    """privcheck against a plain keyword scan on the dev corpus, in the same run (see the docstring)."""
    if not DEV.is_dir():
        row("dev-corpus batch", f"skipped: {DEV} is absent (it needs ../shared beside the project)")
        return
    folders = dev_folders()
    files = sum(len(paths) for _, _, paths in folders)
    size = sum(os.path.getsize(p) for _, _, paths in folders for p in paths)
    with tempfile.TemporaryDirectory() as cache:
        env = {"PRIVCHECK_CACHE_DIR": cache}
        for _, checklist, paths in folders:  # warm the cache: the checklists come compiled
            subprocess.run([command, "check", "-c", checklist, "-f", "json", "--exit-zero", paths[0]],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
        ratios, checks, scans = [], [], []
        for _ in range(runs):
            check_cpu = scan_cpu = 0.0
            for _, checklist, paths in folders:
                # The command a user runs (one process per folder), then the keyword scan.
                _, cpu = command_median([command, "check", "-c", checklist, "-f", "json", "--exit-zero", *paths], 1, env)
                check_cpu += cpu
                _, cpu = json_command([sys.executable, str(BATCH), "keywords", *paths])
                scan_cpu += cpu
            checks.append(check_cpu)
            scans.append(scan_cpu)
            ratios.append(check_cpu / scan_cpu)
        phases: dict[str, float] = {}
        json_bytes = 0
        for _, checklist, paths in folders:
            result, _ = json_command([sys.executable, str(BATCH), "phases", checklist, *paths], env)
            json_bytes += result["json_bytes"]
            for name, value in result["phases"].items():
                phases[name] = phases.get(name, 0.0) + value
    label = f"dev corpus: {files} policies, {size / 1e6:.1f} MB, {len(folders)} folders, one process each"
    row(f"{label}: privcheck check -f json (CPU, {runs} runs)", f"{min(checks):.2f}-{max(checks):.2f} s CPU")
    row(f"{label}: keyword scan, 200 regexes (CPU, same runs)", f"{min(scans):.2f}-{max(scans):.2f} s CPU")
    best = min(ratios)
    row("dev corpus: privcheck / keyword scan CPU", f"{best:.1f}x-{max(ratios):.1f}x", "<= 5x", verdict(best <= 5))
    total = sum(phases.values())
    row("dev corpus: privcheck CPU per phase (in-process)",
        ", ".join(f"{name} {value:.2f} s" for name, value in phases.items()))
    share = phases["rendering"] / total
    row("dev corpus: JSON rendering share of the check", f"{share:.1%}", "< 10%", verdict(share < 0.10))
    row("dev corpus: JSON report size / input size", f"{json_bytes / 1e6:.2f} MB / {size / 1e6:.2f} MB",
        "smaller", verdict(json_bytes < size))


def english_policy(size: int) -> bytes:
    """About `size` bytes of ordinary English policy text: the English samples repeated."""
    from privcheck.document.model import detect_language

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    english = [t for t in texts if detect_language(t) == "en"]
    out: list[str] = []
    total = 0
    while total < size:
        for text in english:
            out.append(text)
            total += len(text.encode("utf-8"))
    return "".join(out).encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


def regex_headroom(limit: float = 2.0) -> None:
    """Each bundled item on its own on a 5 MB English policy, its regular expressions limited to a
    quarter of the default limit: an item whose expressions time out needs more than that."""
    from privcheck.errors import MatcherTimeout

    budget = limit / 4
    checklists = [load_checklist("pipl", regex_timeout=budget, use_cache=False),
                  load_checklist("gdpr", regex_timeout=budget, use_cache=False)]
    document = load_bytes(english_policy(5 * 1024 * KB), "bench-5mb.txt")
    document.normalized  # noqa: B018 - normalise once, outside the timing
    index = phrase_index(checklists)
    costs = []
    timed_out = []
    for checklist in checklists:
        for item in checklist.items:
            view = TextView(document)
            index.attach(view)
            start = time.perf_counter()
            try:
                evaluate_item(view, item)
            except MatcherTimeout:
                timed_out.append(item.id)
            costs.append((time.perf_counter() - start, item.id))
    row(f"bundled items whose regexes need over {budget:g} s (a quarter of the limit) on 5 MB English",
        ", ".join(timed_out) or "none", "none", verdict(not timed_out))
    for cost, item_id in sorted(costs, reverse=True)[:5]:
        row(f"item {item_id} alone, all its matchers, 5 MB English (wall)", f"{cost:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller batch")
    parser.add_argument("--headroom-only", action="store_true", help="only the 5 MB regex headroom of every item")
    parser.add_argument("--batch", action="store_true",
                        help="only the dev-corpus batch against the keyword scan (and its phases)")
    args = parser.parse_args()
    if args.headroom_only:
        regex_headroom()
        for what, value, target, mark in rows:
            print(f"{what}  {value}  {target}  {mark}")
        return
    runs = 3 if args.quick else 9
    cores = os.cpu_count() or 1
    print(f"privcheck bench on {cores} core(s), Python {sys.version.split()[0]}", file=sys.stderr)

    # Commands run as an installed privcheck does: pip writes the bytecode of every module when it
    # installs a package, but an editable checkout under PYTHONDONTWRITEBYTECODE=1 would compile
    # every module from source on each run (about 0.05 s of an end-to-end check).
    compileall.compile_dir(str(ROOT / "privcheck"), quiet=1)
    command = privcheck_command()
    dev_batch(command, 1 if args.quick else 3)
    if args.batch:
        print_table()
        return
    wall, cpu = command_median([command, "--version"], runs)
    row("cold start: privcheck --version (median)", f"{cpu:.3f} s CPU, {wall:.3f} s wall", "< 0.15 s", verdict(cpu < 0.15))
    for arguments in (["--help"], ["check", "--help"]):
        wall, cpu = command_median([command, *arguments], runs)
        row(f"start-up: privcheck {' '.join(arguments)} (median)", f"{cpu:.3f} s CPU, {wall:.3f} s wall", "< 0.3 s",
            verdict(cpu < 0.3))
    end_to_end = [command, "check", str(TAOBAO), "-c", "pipl", "-c", "gdpr"]
    with tempfile.TemporaryDirectory() as cache:
        # A cache of its own, warmed by one run: the checklists come compiled, as on every run
        # after the first with unchanged checklists.
        warm = {"PRIVCHECK_CACHE_DIR": cache}
        command_median(end_to_end, 1, warm)
        wall, cpu = command_median(end_to_end, max(3, runs // 2), warm)
    row("privcheck check taobao-2024.txt -c pipl -c gdpr (60 KB, median)", f"{cpu:.3f} s CPU, {wall:.3f} s wall",
        "< 0.5 s", verdict(cpu < 0.5))
    wall, cpu = command_median(end_to_end, max(3, runs // 2), {"PRIVCHECK_NO_CACHE": "1"})
    row("the same, checklists compiled from YAML (first run, or PRIVCHECK_NO_CACHE=1)", f"{cpu:.3f} s CPU, {wall:.3f} s wall",
        "< 0.7 s", verdict(cpu < 0.7))

    checklists = [load_checklist("pipl"), load_checklist("gdpr")]
    items = sum(len(c.items) for c in checklists)
    times = in_process(checklists, SIZES, f"in-process, {items} items")
    rate = 1024 * KB / times[1024 * KB] / 1e6
    row(f"in-process throughput, {items} items (1 MB document)", f"{rate:.2f} MB/s per core", ">= 2 MB/s", verdict(rate >= 2))
    ratio = times[1024 * KB] / times[50 * KB]
    row("1 MB time / 50 KB time", f"{ratio:.1f}x (size ratio 20.5x)", "<= 25x", verdict(ratio <= 25))

    with tempfile.TemporaryDirectory() as folder:
        big = synthetic_checklists(Path(folder), 10)
        large = [load_checklist(p, use_cache=False) for p in big]  # temporary: not worth caching
        large_items = sum(len(c.items) for c in large)
        large_times = in_process(large, [50 * KB, 1024 * KB], f"in-process, {large_items} items")
        large_rate = 1024 * KB / large_times[1024 * KB] / 1e6
        # The 2 MB/s target is for the two bundled checklists; this row shows how cost grows with items.
        row(f"in-process throughput, {large_items} items (1 MB document)", f"{large_rate:.2f} MB/s per core")
        large_ratio = large_times[1024 * KB] / large_times[50 * KB]
        row(f"1 MB / 50 KB, {large_items} items", f"{large_ratio:.1f}x", "<= 25x", verdict(large_ratio <= 25))

        batch_folder = Path(folder) / "batch"
        batch_folder.mkdir()
        count = 40 if args.quick else 200
        total_bytes = 0
        for n in range(count):
            data = mixed_policy(10 * KB + (n * 7919) % (90 * KB))
            (batch_folder / f"policy-{n:04d}.txt").write_bytes(data)
            total_bytes += len(data)
        paths = find_policies([str(batch_folder)])
        options = ScanOptions(checklists=("pipl", "gdpr"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with BatchScan(options, jobs=cores) as batch:
            start = time.perf_counter()
            done = sum(1 for _ in batch.run(paths))
            elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped at shutdown
        worker_cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        row(f"scan: {done} documents, {total_bytes / 1e6:.1f} MB, {cores} workers (wall clock)",
            f"{done / elapsed:.1f} docs/s, {total_bytes / elapsed / 1e6:.2f} MB/s")
        row("scan: worker CPU time (incl. start-up and checklist compilation)",
            f"{worker_cpu:.2f} s, {total_bytes / worker_cpu / 1e6:.2f} MB/s per CPU second")

    # The slowest items: each on its own, on a 1 MB document already normalised and indexed.
    document = load_bytes(mixed_policy(1024 * KB), "bench.txt")
    document.normalized  # noqa: B018 - normalise once, outside the timing
    index = phrase_index(checklists)
    costs = []
    for checklist in checklists:
        for item in checklist.items:
            def one(item: Any = item) -> None:
                view = TextView(document)
                index.attach(view)
                evaluate_item(view, item)
            costs.append((best_of(3, one), item.id))
    for cost, item_id in sorted(costs, reverse=True)[:10]:
        row(f"item {item_id} alone (1 MB document, incl. the one-pass phrase search)", f"{cost * 1000:.1f} ms CPU")
    regex_headroom()

    print_table()


def print_table() -> None:
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'result'.ljust(value_width)}  {'target':<10}  verdict")
    print(f"{'-' * width}  {'-' * value_width}  {'-' * 10}  -------")
    for what, value, target, mark in rows:
        print(f"{what.ljust(width)}  {value.ljust(value_width)}  {target:<10}  {mark}")


if __name__ == "__main__":
    main()
