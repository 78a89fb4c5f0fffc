"""Checking many policies: finding them, checking them in parallel, recording one row per document.

The library side of `privcheck scan` (no command-line or terminal code here):

    from privcheck.scan import ScanOptions, BatchScan, find_policies

    options = ScanOptions(checklists=["pipl", "gdpr"])
    with BatchScan(options, jobs=4) as batch:
        for record in batch.run(find_policies(["policies/"])):
            print(record["path"], record["status"])

A record is the document object of the JSON report (`path`, `language`, `format`, `checklists`)
plus `status` (`"ok"`; `"not_a_policy"` for a file too short to be a policy or an error page, which
is not graded; or `"error"` when the file could not be checked) and `error` (the message, or null).
Suppressions (inline in the policies, and `ScanOptions.suppressions`) and `ScanOptions.gates` apply
as they do for `privcheck check` (privcheck.run). Checklists are compiled once per worker process.
On a Dask cluster, `dask_bag` gives the same records as a `dask.bag.Bag` (needs the optional
`privcheck[dask]` dependencies).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from privcheck.errors import PrivcheckError
from privcheck.gates import Gates
from privcheck.paths import printable
from privcheck.suppressions import Suppression

STATUS_OK = "ok"
STATUS_ERROR = "error"
# A document whose check takes longer than this (seconds, wall clock) is reported by name.
SLOW_SECONDS = 2.0
STATUS_NOT_A_POLICY = "not_a_policy"
DEFAULT_TIME_LIMIT = 300.0
DEFAULT_MEMORY_LIMIT = 4 * 1024**3


@dataclass(frozen=True)
class ScanOptions:
    """What every document of a scan is checked with (picklable, so workers get a copy)."""

    checklists: tuple[str, ...] = ()
    regex_timeout: float = 2.0
    encoding: str | None = None
    input_format: str | None = None
    max_size: int = 20 * 1024 * 1024
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds per document in a worker process
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT  # bytes of address space per worker process
    # As for `privcheck check` (see privcheck.run): inline suppressions in the policies and these
    # (the configuration's) apply unless `suppress` is False; `gates` decide which documents fail.
    suppress: bool = True
    suppressions: tuple[Suppression, ...] = ()
    gates: Gates = field(default_factory=Gates)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checklists", tuple(self.checklists))
        object.__setattr__(self, "suppressions", tuple(self.suppressions))

    def load_checklists(self) -> list[Any]:
        """The compiled checklists (cached per process by the loader)."""
        from privcheck.checklist import bundled_ids, load_checklist

        references = self.checklists or tuple(bundled_ids())
        return [load_checklist(reference, regex_timeout=self.regex_timeout) for reference in references]


def find_policies(paths: Iterable[str], skipped: list[tuple[str, str]] | None = None) -> list[str]:
    """Expand files, folders and glob patterns into the policy files to check.

    Folders are searched as `privcheck check` searches them (recursively, for every supported
    format; see privcheck.document.inputs). Files named explicitly are kept whatever their
    extension. The result has no duplicates and keeps the order given (folders and globs sorted).
    A path that matches nothing is an error. Files of a folder that are not checked go into
    `skipped` as (path, reason).
    """
    from privcheck.document.inputs import find_policies as policies_in_folder

    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        if os.path.isdir(given):
            for path in policies_in_folder(given, skipped=skipped):
                add(path)
        elif os.path.lexists(given):  # a file, or a link loop or device that then gives an error row
            add(given)
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                raise PrivcheckError(f"{given}: no file matches this pattern")
            for match in files:
                add(match)
        else:
            raise PrivcheckError(f"{given}: no such file or folder")
    return found


def check_path(path: str, options: ScanOptions) -> dict[str, Any]:
    """Check one policy file and return its record; a file that cannot be checked gives an error record."""
    from privcheck.document import LoadOptions, load_document
    from privcheck.document.screening import not_a_policy
    from privcheck.engine import check_document
    from privcheck.gates import evaluate
    from privcheck.records import document_dict
    from privcheck.results import Report
    from privcheck.run import SuppressionSet, read_source

    try:
        document = load_document(path, LoadOptions(options.encoding, options.input_format, options.max_size))
        reason = not_a_policy(document.text)
        if reason is not None:
            return {"path": path, "status": STATUS_NOT_A_POLICY, "error": f"{printable(path)}: {reason}",
                    "language": document.language, "format": document.format, "checklists": []}
        checklists = options.load_checklists()
        result = check_document(document, checklists)
        if options.suppress:
            suppressions = SuppressionSet(from_config=[replace(s) for s in options.suppressions])
            suppressions.apply(document, result, checklists, read_source(path))
        gate_failures = len(evaluate(Report(tool_version="", documents=[result]), options.gates).failures)
    except PrivcheckError as exc:
        return error_record(path, str(exc))
    except MemoryError:
        return error_record(path, memory_problem(path, options))
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a scan of thousands
        return error_record(path, f"{printable(path)}: internal error: {type(exc).__name__}: {exc}")
    record = document_dict(result)
    return ScanRecord({"path": record.pop("path"), "status": STATUS_OK, "error": None, **record},
                      gate_failures=gate_failures)


class ScanRecord(dict[str, Any]):
    """A record, with how many of the gates' conditions the document failed (not written out:
    the summary counts the documents that fail a gate)."""

    def __init__(self, fields: dict[str, Any], gate_failures: int = 0) -> None:
        super().__init__(fields)
        self.gate_failures = gate_failures


def memory_problem(path: str, options: ScanOptions) -> str:
    limit = f" of {options.memory_limit / 1024**2:,.0f} MB" if options.memory_limit else ""
    return (f"{printable(path)}: needed more memory than the scan's limit{limit} per worker "
            "(raise it with --memory-limit)")


def error_record(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "status": STATUS_ERROR, "error": message, "language": None, "format": None,
            "checklists": []}


def check_paths(paths: Iterable[str], options: ScanOptions) -> list[dict[str, Any]]:
    """Check several paths in this process (one partition of a Dask bag, or a serial scan)."""
    return [check_path(path, options) for path in paths]


# --- parallel scan on this machine ------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the closed pipe still ends idle workers
        pass


def _worker_main(connection: Any, parent: int, options: ScanOptions, check: Callable[..., dict[str, Any]]) -> None:
    """A worker: checks the paths it is sent, one at a time, until told to stop or orphaned."""
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if options.memory_limit:
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_AS, (options.memory_limit, options.memory_limit))
        except (ValueError, OSError):  # pragma: no cover - a hard limit already lower
            pass
    options.load_checklists()
    while True:
        try:
            path = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            os._exit(0)
        if path is None:
            return
        try:
            record = check(path, options)
        except MemoryError:
            record = error_record(path, memory_problem(path, options))
        except Exception as exc:  # noqa: BLE001 - a worker must answer for every path it was given
            record = error_record(path, f"{printable(path)}: internal error: {type(exc).__name__}: {exc}")
        connection.send(record)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class _Worker:
    """One worker process and the document it is checking."""

    def __init__(self, context: Any, options: ScanOptions, check: Callable[..., dict[str, Any]]) -> None:
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(theirs, os.getpid(), options, check), daemon=True)
        self.process.start()
        theirs.close()
        self.connection = ours
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path = path
        self.started = time.monotonic()
        self.connection.send(path)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class BatchScan:
    """Checks policies in `jobs` worker processes (or in this process when `jobs` is 1).

    Use it as a context manager: entering starts the workers (so they start before any progress
    display thread), leaving stops them, killing any still busy (after Ctrl-C, say).

    Each worker checks one document at a time. A worker that dies (killed, out of memory) or takes
    longer than `options.time_limit` on one document is replaced by a new one, and that document
    gets an error record; the scan goes on. Each worker's address space is capped at
    `options.memory_limit` bytes (a document that needs more gets an error record). Workers die
    with the process that started them, however it ends. `check` is the function a worker runs
    on each path (`check_path`).
    """

    def __init__(self, options: ScanOptions, jobs: int | None = None,
                 check: Callable[..., dict[str, Any]] | None = None, slow_seconds: float = SLOW_SECONDS) -> None:
        self.options = options
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.check = check or check_path
        # Documents whose check took longer than `slow_seconds`, as (path, seconds), added before
        # their record is yielded.
        self.slow_seconds = slow_seconds
        self.slow: list[tuple[str, float]] = []
        self._workers: list[_Worker] = []
        self._context: Any = None

    def __enter__(self) -> "BatchScan":
        self.options.load_checklists()  # a broken checklist fails here, once, before any work
        if self.jobs > 1:
            import multiprocessing

            # fork: workers start from this process with the checklists already compiled; the
            # worker function lives in this module, so nothing re-runs the command line.
            self._context = multiprocessing.get_context("fork")
            self._workers = [self._start() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close(cancel=exc_info[0] is not None)

    def _start(self) -> _Worker:
        return _Worker(self._context, self.options, self.check)

    def close(self, cancel: bool = False) -> None:
        workers, self._workers = self._workers, []
        for worker in workers:
            if cancel or worker.path is not None:
                worker.kill()
                continue
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in workers:
            worker.process.join(10)
            if worker.process.is_alive():
                worker.kill()

    def run(self, paths: Iterable[str]) -> Iterator[dict[str, Any]]:
        """Records in the order the documents finish (not the order given)."""
        if not self._workers:  # one job, or used without `with`: in this process
            for path in paths:
                start = time.monotonic()
                checked = self.check(path, self.options)
                self._note_time(path, time.monotonic() - start)
                yield checked
            return
        from multiprocessing.connection import wait as wait_for

        queue = iter(paths)
        exhausted = False
        limit = self.options.time_limit
        while True:
            for index, worker in enumerate(self._workers):
                if worker.path is None and not exhausted:
                    following = next(queue, None)
                    if following is None:
                        exhausted = True
                        break
                    try:
                        worker.give(following)
                    except OSError:  # died while idle: replace it and try again with the next one
                        worker.kill()
                        self._workers[index] = worker = self._start()
                        worker.give(following)
            busy = [w for w in self._workers if w.path is not None]
            if not busy:
                return
            timeout = None
            if limit:
                timeout = max(0.0, min(w.started + limit for w in busy) - time.monotonic()) + 0.01
            ready = set(wait_for([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout))
            now = time.monotonic()
            for worker in busy:
                record: dict[str, Any] | None = None
                if worker.connection in ready or worker.connection.poll():
                    try:
                        record = worker.connection.recv()
                    except (EOFError, OSError):
                        record = self._replace(worker, self._death(worker))
                    else:
                        self._note_time(worker.path or "", now - worker.started)
                        worker.path = None
                elif worker.process.sentinel in ready:
                    record = self._replace(worker, self._death(worker))
                elif limit and now - worker.started > limit:
                    record = self._replace(worker, (
                        f"took longer than the scan's limit of {limit:g} s per document and was stopped "
                        "(raise it with --time-limit)"))
                if record is not None:
                    yield record

    def _note_time(self, path: str, seconds: float) -> None:
        if seconds > self.slow_seconds:
            self.slow.append((path, seconds))

    def _death(self, worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        how = f"was killed by {_signal_name(-code)}" if code is not None and code < 0 else f"exited with code {code}"
        return (f"the worker process checking it {how} (out of memory, or stopped from outside); "
                "the scan went on without it")

    def _replace(self, worker: _Worker, problem: str) -> dict[str, Any]:
        path = worker.path or ""
        worker.kill()
        self._workers[self._workers.index(worker)] = self._start()
        return error_record(path, f"{printable(path)}: {problem}")


# --- Dask --------------------------------------------------------------------------------------

def dask_bag(paths: Iterable[str], options: ScanOptions, npartitions: int | None = None) -> Any:
    """A `dask.bag.Bag` of scan records, one per path; compute it on any Dask scheduler.

        from distributed import Client
        from privcheck.scan import ScanOptions, dask_bag, find_policies

        client = Client("tcp://scheduler:8786")
        records = dask_bag(find_policies(["policies/"]), ScanOptions(checklists=["pipl"])).compute()

    The workers read the files themselves, so they must see the same paths (a shared folder).
    Each partition is checked by one task; checklists are compiled once per worker process.
    """
    try:
        import dask.bag as db
    except ImportError:
        raise PrivcheckError("scanning on Dask needs the optional dependencies: pip install 'privcheck[dask]'") from None
    paths = list(paths)
    if not paths:
        return db.from_sequence([], npartitions=1)
    if npartitions is None:
        npartitions = max(1, min(len(paths), (len(paths) + 19) // 20))
    return db.from_sequence(paths, npartitions=npartitions).map_partitions(check_paths, options)


def scan_on_cluster(address: str, paths: list[str], options: ScanOptions,
                    npartitions: int | None = None) -> Iterator[dict[str, Any]]:
    """Run `dask_bag` on the Dask scheduler at `address`, yielding records as partitions finish."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise PrivcheckError("--scheduler needs the optional dependencies: pip install 'privcheck[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise PrivcheckError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        bag = dask_bag(paths, options, npartitions)
        futures = client.compute(bag.to_delayed())
        for future in as_completed(futures):
            yield from future.result()
    finally:
        client.close()


# --- output ------------------------------------------------------------------------------------

def item_columns(checklists: list[Any]) -> list[str]:
    """The CSV columns after the document's own: score and grade per checklist, then item statuses."""
    columns: list[str] = []
    for checklist in checklists:
        columns += [f"{checklist.id}:score", f"{checklist.id}:grade"]
        columns += [f"{checklist.id}:{item.id}" for item in checklist.items]
    return columns


CSV_LEADING_COLUMNS = ["path", "status", "error", "language"]


def csv_row(record: dict[str, Any], columns: list[str]) -> list[str]:
    values: dict[str, Any] = {}
    for checklist in record.get("checklists", []):
        values[f"{checklist['id']}:score"] = checklist["score"]
        values[f"{checklist['id']}:grade"] = checklist["grade"]
        for item in checklist["items"]:
            values[f"{checklist['id']}:{item['id']}"] = item["status"]
    leading = [record["path"], record["status"], record.get("error") or "", record.get("language") or ""]
    return leading + ["" if values.get(c) is None else str(values[c]) for c in columns]


class RecordWriter:
    """Writes records one line at a time, flushed, so an interrupted scan keeps what it wrote."""

    def __init__(self, stream: TextIO, format: str, columns: list[str] | None = None,
                 write_header: bool = True) -> None:
        if format not in ("jsonl", "csv"):
            raise PrivcheckError(f"unknown scan output format {format!r} (expected jsonl or csv)")
        self.stream = stream
        self.format = format
        self.columns = columns or []
        if format == "csv" and write_header:
            self._write_csv(CSV_LEADING_COLUMNS + self.columns)

    def _write_csv(self, row: list[str]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row)
        self.stream.write(buffer.getvalue())

    def write(self, record: dict[str, Any]) -> None:
        if self.format == "csv":
            self._write_csv(csv_row(record, self.columns))
        else:
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()


def resume_key(path: str) -> str:
    """How --resume recognises a document: its resolved path (`small/a.txt` and `./small/a.txt`
    are one document)."""
    return os.path.realpath(path)


def _cut_partial_last_line(path: str) -> None:
    """Remove a last line cut short (the scan was killed while writing it), reading only the end."""
    with open(path, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        position = size
        while position > 0:
            step = min(1 << 16, position)
            handle.seek(position - step)
            chunk = handle.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                complete = position - step + newline + 1
                if complete < size:
                    handle.truncate(complete)
                return
            position -= step
        if size:
            handle.truncate(0)


def read_done(path: str, format: str, columns: list[str] | None = None) -> tuple[set[str], bool]:
    """For --resume: the documents already recorded in an output file (as `resume_key`s), and
    whether it has a CSV header.

    The file is read as a stream, one record at a time, keeping only the paths. For CSV,
    `columns` (the item columns of this scan) must be those of the file's header, so that rows of
    different checklists never end up under one header.

    A last line cut short (the scan was killed while writing it) is removed from the file, so the
    document is checked again and the file stays one whole record per line.
    """
    if not os.path.exists(path):
        return set(), False
    done: set[str] = set()
    try:
        _cut_partial_last_line(path)
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            if format == "csv":
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    return done, False
                if header[:1] != ["path"]:
                    raise PrivcheckError(f"{path}: is not a privcheck scan CSV (no 'path' header); cannot resume")
                if columns is not None and header != CSV_LEADING_COLUMNS + columns:
                    raise PrivcheckError(
                        f"{path}: was written with other checklists or items than this scan's; "
                        "resume with the same --checklist options, or write to a new file"
                    )
                for row in reader:
                    if row:
                        done.add(resume_key(row[0]))
                return done, True
            decoder = json.JSONDecoder()
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                done.add(resume_key(_record_path(decoder, line, path, number)))
    except OSError as exc:
        raise PrivcheckError(f"{path}: cannot read the output to resume: {exc.strerror or exc}") from None
    return done, False


_PATH_PREFIX = '{"path": '


def _record_path(decoder: json.JSONDecoder, line: str, output: str, number: int) -> str:
    """The `path` of one JSON line, read without decoding the rest when it comes first (it does)."""
    try:
        if line.startswith(_PATH_PREFIX):
            value, _ = decoder.raw_decode(line, len(_PATH_PREFIX))
            if isinstance(value, str):
                return value
        value = json.loads(line)["path"]
        if isinstance(value, str):
            return value
    except (ValueError, KeyError, TypeError):
        pass
    raise PrivcheckError(f"{output}:{number}: is not a privcheck scan record; cannot resume")


# --- summary -----------------------------------------------------------------------------------

@dataclass
class ScanSummary:
    """Counts over the records of a scan: documents, errors, grades, the most missing items."""

    documents: int = 0
    errors: int = 0
    not_policies: int = 0
    gate_failures: int = 0
    grades: dict[str, Counter[str]] = field(default_factory=dict)
    missing: Counter[tuple[str, str]] = field(default_factory=Counter)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, record: dict[str, Any]) -> None:
        self.documents += 1
        if record["status"] == STATUS_NOT_A_POLICY:
            self.not_policies += 1
            return
        if record["status"] != STATUS_OK:
            self.errors += 1
            return
        for checklist in record["checklists"]:
            self.grades.setdefault(checklist["id"], Counter())[checklist["grade"]] += 1
            for item in checklist["items"]:
                if item["status"] == "fail":
                    key = (checklist["id"], item["id"])
                    self.missing[key] += 1
                    self.titles[key] = item["title"]
        # The worker that checked the document applied the scan's gates (a ScanRecord says how many
        # of their conditions it failed).
        self.gate_failures += bool(getattr(record, "gate_failures", 0))

    @property
    def checked(self) -> int:
        return self.documents - self.errors - self.not_policies

    def most_missing(self, count: int = 10) -> list[tuple[str, str, int]]:
        """(item ID, title, documents where it fails), most common first."""
        ranked = sorted(self.missing.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(item, self.titles[(checklist, item)], n) for (checklist, item), n in ranked[:count]]
