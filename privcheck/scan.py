"""Checking many policies: finding them, checking them in parallel, recording one row per document.

The library side of `privcheck scan` (no command-line or terminal code here):

    from privcheck.scan import ScanOptions, BatchScan, find_policies

    options = ScanOptions(checklists=["pipl", "gdpr"])
    with BatchScan(options, jobs=4) as batch:
        for record in batch.run(find_policies(["policies/"])):
            print(record["path"], record["status"])

A record is the document object of the JSON report (`path`, `language`, `format`, `checklists`)
plus `status` (`"ok"`; `"not_a_policy"` for a file too short to be a policy or an error page, which
is not graded; or `"error"` when the file could not be checked) and `error` (the message, or null). Checklists are compiled once per worker process. On a Dask cluster, `dask_bag` gives the
same records as a `dask.bag.Bag` (needs the optional `privcheck[dask]` dependencies).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import signal
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, TextIO

from privcheck.errors import PrivcheckError
from privcheck.paths import printable

STATUS_OK = "ok"
STATUS_ERROR = "error"
STATUS_NOT_A_POLICY = "not_a_policy"


@dataclass(frozen=True)
class ScanOptions:
    """What every document of a scan is checked with (picklable, so workers get a copy)."""

    checklists: tuple[str, ...] = ()
    regex_timeout: float = 2.0
    encoding: str | None = None
    input_format: str | None = None
    max_size: int = 20 * 1024 * 1024

    def __post_init__(self) -> None:
        object.__setattr__(self, "checklists", tuple(self.checklists))

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
    from privcheck.engine import check_document
    from privcheck.render.json_format import document_dict

    from privcheck.document.screening import not_a_policy

    try:
        document = load_document(path, LoadOptions(options.encoding, options.input_format, options.max_size))
        reason = not_a_policy(document.text)
        if reason is not None:
            return {"path": path, "status": STATUS_NOT_A_POLICY, "error": f"{printable(path)}: {reason}",
                    "language": document.language, "format": document.format, "checklists": []}
        result = check_document(document, options.load_checklists())
    except PrivcheckError as exc:
        return error_record(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a scan of thousands
        return error_record(path, f"{printable(path)}: internal error: {type(exc).__name__}: {exc}")
    record = document_dict(result)
    return {"path": record.pop("path"), "status": STATUS_OK, "error": None, **record}


def error_record(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "status": STATUS_ERROR, "error": message, "language": None, "format": None,
            "checklists": []}


def check_paths(paths: Iterable[str], options: ScanOptions) -> list[dict[str, Any]]:
    """Check several paths in this process (one partition of a Dask bag, or a serial scan)."""
    return [check_path(path, options) for path in paths]


# --- parallel scan on this machine ------------------------------------------------------------

_WORKER_OPTIONS: ScanOptions | None = None


def _start_worker(options: ScanOptions) -> None:
    """Worker set-up: Ctrl-C is handled by the parent; checklists are compiled once, here."""
    global _WORKER_OPTIONS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_OPTIONS = options
    options.load_checklists()


def _check_in_worker(path: str) -> dict[str, Any]:
    assert _WORKER_OPTIONS is not None
    return check_path(path, _WORKER_OPTIONS)


def _ready() -> bool:
    return True


class BatchScan:
    """Checks policies in `jobs` worker processes (or in this process when `jobs` is 1).

    Use it as a context manager: entering starts the workers (so they start before any progress
    display thread), leaving stops them, cancelling what is still queued (after Ctrl-C, say).
    """

    def __init__(self, options: ScanOptions, jobs: int | None = None) -> None:
        self.options = options
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "BatchScan":
        self.options.load_checklists()  # a broken checklist fails here, once, before any work
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(self.jobs, initializer=_start_worker, initargs=(self.options,))
            self._pool.submit(_ready).result()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close(cancel=exc_info[0] is not None)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def run(self, paths: Iterable[str]) -> Iterator[dict[str, Any]]:
        """Records in the order the documents finish (not the order given)."""
        if self._pool is None:
            for path in paths:
                yield check_path(path, self.options)
            return
        pending: set[Future[dict[str, Any]]] = set()
        queue = iter(paths)
        window = self.jobs * 4
        for path in queue:
            pending.add(self._pool.submit(_check_in_worker, path))
            if len(pending) >= window:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for path in queue:
                    pending.add(self._pool.submit(_check_in_worker, path))
                    break
                yield future.result()


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


def read_done(path: str, format: str, columns: list[str] | None = None) -> tuple[set[str], bool]:
    """For --resume: the paths already recorded in an output file, and whether it has a CSV header.

    For CSV, `columns` (the item columns of this scan) must be those of the file's header, so that
    rows of different checklists never end up under one header.

    A last line cut short (the scan was killed while writing it) is removed from the file, so the
    document is checked again and the file stays one whole record per line.
    """
    if not os.path.exists(path):
        return set(), False
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise PrivcheckError(f"{path}: cannot read the output to resume: {exc.strerror or exc}") from None
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        with open(path, "r+b") as handle:
            handle.truncate(complete)
        data = data[:complete]
    text = data.decode("utf-8", errors="replace")
    done: set[str] = set()
    if format == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            return done, False
        if rows[0][:1] != ["path"]:
            raise PrivcheckError(f"{path}: is not a privcheck scan CSV (no 'path' header); cannot resume")
        if columns is not None and rows[0] != CSV_LEADING_COLUMNS + columns:
            raise PrivcheckError(
                f"{path}: was written with other checklists or items than this scan's; "
                "resume with the same --checklist options, or write to a new file"
            )
        done.update(row[0] for row in rows[1:] if row)
        return done, True
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            done.add(json.loads(line)["path"])
        except (ValueError, KeyError, TypeError):
            raise PrivcheckError(f"{path}:{number}: is not a privcheck scan record; cannot resume") from None
    return done, False


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
        gate = False
        for checklist in record["checklists"]:
            self.grades.setdefault(checklist["id"], Counter())[checklist["grade"]] += 1
            for item in checklist["items"]:
                if item["status"] == "fail":
                    key = (checklist["id"], item["id"])
                    self.missing[key] += 1
                    self.titles[key] = item["title"]
                    if item["severity"] == "required" or (item["severity"] == "conditional" and item.get("triggered")):
                        gate = True
        self.gate_failures += gate

    @property
    def checked(self) -> int:
        return self.documents - self.errors - self.not_policies

    def most_missing(self, count: int = 10) -> list[tuple[str, str, int]]:
        """(item ID, title, documents where it fails), most common first."""
        ranked = sorted(self.missing.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(item, self.titles[(checklist, item)], n) for (checklist, item), n in ranked[:count]]
