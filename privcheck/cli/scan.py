"""`privcheck scan`: check many policies in parallel, one record per document, and a summary."""

from __future__ import annotations

import os
import signal
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from privcheck.cli.common import EXIT_ERROR, EXIT_GATE, EXIT_OK, display_path, error, guarded, parse_size
from privcheck.errors import PrivcheckError


class ScanFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@guarded
def scan(
    paths: Annotated[list[str], typer.Argument(help="Policy files, folders (searched for every supported format) and glob patterns.", metavar="PATH...")],
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID (pipl, gdpr) or a YAML file; repeatable. Default: every bundled checklist.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the records to this file, one line per document as it finishes (default: standard output).")] = None,
    format: Annotated[Optional[ScanFormat], typer.Option("--format", "-f", help="jsonl: one JSON document object per line; csv: one row per document with scores, grades and item statuses. Default: from the --output extension, else jsonl.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores).", min=1)] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents already recorded in --output and append the rest.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Run on a Dask cluster, e.g. tcp://host:8786 (needs privcheck[dask]; workers must see the same paths).")] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Show a progress bar (default: when standard error is a terminal).")] = None,
    top: Annotated[int, typer.Option("--top", help="How many of the most commonly failed items the summary lists.", min=0)] = 10,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when required items fail (errors still exit 2).")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected).")] = None,
    max_size: Annotated[str, typer.Option("--max-size", help="Refuse policy files larger than this.")] = "20MB",
    regex_timeout: Annotated[float, typer.Option("--regex-timeout", help="Seconds a checklist's regular expression may run on one document (a ceiling: a checklist's own timeout cannot exceed it).", min=0.01)] = 2.0,
    slow: Annotated[float, typer.Option("--slow", help="Report on stderr, by name and time, each document whose check takes longer than this many seconds.", min=0.0, metavar="SECONDS")] = 2.0,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds a worker may spend on one document before it is stopped and the document recorded as an error (0: no limit).", min=0)] = 300.0,
    memory_limit: Annotated[str, typer.Option("--memory-limit", help="Memory (address space) of each worker process, e.g. 4GB; a document that needs more is recorded as an error (0: no limit).")] = "4GB",
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Which results make a document fail, as for check: STATUS[:SEVERITY] or none. Default: the configuration's, else fail:required.", metavar="STATUS[:SEVERITY]")] = None,
    fail_under: Annotated[Optional[str], typer.Option("--fail-under", help="A document fails when a checklist's score is under this (e.g. 80) or its grade is worse (e.g. B).", metavar="SCORE|GRADE")] = None,
    config_file: Annotated[Optional[str], typer.Option("--config", help="Read settings from this file instead of the discovered .privcheck.yaml or pyproject.toml.", metavar="FILE")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
    no_suppressions: Annotated[bool, typer.Option("--no-suppressions", help="Ignore every suppression, in the configuration and in the policies (audits).")] = False,
) -> None:
    """Check many policies in parallel and record one line per document.

    Each document is checked in a worker process; records are written (and flushed) as documents
    finish, so an interrupted scan keeps what it wrote and --resume carries on from there. A file
    that cannot be read is recorded as an error row and the scan goes on. A summary (grades, the
    most commonly failed requirements) follows at the end.

    The configuration file (checklists, suppressions, gates, baseline) and the suppressions
    written in the policies apply as they do for `check`.

    Exit codes: 0 every document passed every gate; 1 some document failed a gate (by default: a
    required item failed); 2 some document could not be checked, or the scan could not run.

    Examples:

      privcheck scan policies/ -o results.jsonl

      privcheck scan 'corpus/**/*.txt' -c pipl -f csv -o summary.csv --jobs 4

      privcheck scan policies/ -o results.jsonl --resume

      privcheck scan policies/ -o results.jsonl --scheduler tcp://10.0.0.5:8786
    """
    from privcheck.run import Pipeline, Settings
    from privcheck.scan import BatchScan, RecordWriter, ScanOptions, ScanSummary, find_policies, item_columns, read_done, resume_key

    fmt = (format.value if format else ("csv" if output and output.lower().endswith(".csv") else "jsonl"))
    if resume and not output:
        raise PrivcheckError("--resume needs --output: the file whose documents are skipped")
    pipeline = Pipeline(Settings(
        checklists=tuple(checklist or ()), config_file=config_file, isolated=isolated, suppressions=not no_suppressions,
        fail_on=fail_on, fail_under=fail_under, encoding=encoding, max_size=parse_size(max_size),
        regex_timeout=regex_timeout,
    ))
    options = ScanOptions(checklists=tuple(pipeline.references), regex_timeout=regex_timeout, encoding=encoding,
                          max_size=parse_size(max_size), time_limit=time_limit or None,
                          memory_limit=parse_size(memory_limit, "--memory-limit") or None,
                          suppress=not no_suppressions, suppressions=tuple(pipeline.suppressions.from_config),
                          gates=pipeline.gates)
    checklists = pipeline.checklists
    left_out: list[tuple[str, str]] = []
    policies = find_policies(paths, left_out)
    for skipped_path, reason in left_out:
        typer.echo(f"privcheck: skipped {display_path(skipped_path)}: {reason}", err=True)
    done: set[str] = set()
    has_header = False
    if resume:
        done, has_header = read_done(output, fmt, item_columns(checklists))  # type: ignore[arg-type]
    todo = [p for p in policies if resume_key(p) not in done] if done else policies
    skipped = len(policies) - len(todo)

    stream: Any
    if output:
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            raise PrivcheckError(f"{output}: cannot write the output: folder {folder} does not exist")
        try:
            stream = open(output, "a" if resume else "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise PrivcheckError(f"{output}: cannot write the output: {exc.strerror or exc}") from None
    else:
        stream = sys.stdout
    report_stream = sys.stdout if output else sys.stderr

    from rich.console import Console

    status_console = Console(stderr=True)
    show_progress = status_console.is_terminal if progress is None else progress
    summary = ScanSummary()
    interrupted = False
    try:
        writer = RecordWriter(stream, fmt, item_columns(checklists), write_header=not has_header)
        if scheduler:
            from privcheck.scan import scan_on_cluster

            records = scan_on_cluster(scheduler, todo, options)
            interrupted = _consume(records, writer, summary, len(todo), show_progress, status_console)
        else:
            with BatchScan(options, jobs, slow_seconds=slow) as batch:
                try:
                    interrupted = _consume(batch.run(todo), writer, summary, len(todo), show_progress, status_console,
                                           batch.slow)
                finally:
                    batch.close(cancel=True)
    finally:
        if stream is not sys.stdout:
            stream.close()

    _print_summary(summary, skipped, top, report_stream, interrupted, output)
    if interrupted:
        error(f"interrupted after {summary.documents} of {len(todo)} documents; "
              + ("what was written is kept, run again with --resume to go on" if output else "records so far were written"))
        raise typer.Exit(130)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    if summary.gate_failures and not exit_zero:
        raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)


def _consume(records: Any, writer: Any, summary: Any, total: int, show_progress: bool, console: Any,
             slow: list[tuple[str, float]] | None = None) -> bool:
    """Write records as they come, with a progress bar; returns True when stopped by Ctrl-C.

    Each document in `slow` (filled by the scan as documents finish) is reported on stderr once,
    by name with its time, as soon as it is known.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [
        TextColumn("scanning"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
    ]
    interrupted = _InterruptFlag()
    with Progress(*columns, console=console, transient=True, disable=not show_progress) as bar, interrupted:
        task = bar.add_task("scan", total=total, rate="")
        reported = 0
        try:
            for record in records:
                if interrupted:  # Ctrl-C came while Python ran a finalizer, which swallows the exception
                    return True
                while slow and reported < len(slow):
                    path, seconds = slow[reported]
                    reported += 1
                    bar.console.print(f"privcheck: slow document: {path} took {seconds:.1f} s to check",
                                      markup=False, highlight=False, soft_wrap=True)
                writer.write(record)
                summary.add(record)
                speed = bar.tasks[0].speed
                bar.update(task, advance=1, rate=f"{speed:.1f} docs/s" if speed else "")
        except KeyboardInterrupt:
            return True
    return False


class _InterruptFlag:
    """While active, Ctrl-C (SIGINT) raises KeyboardInterrupt as usual and is also remembered.

    Python drops a KeyboardInterrupt raised while it runs a finalizer (`__del__`, a weakref
    callback: "Exception ignored in ..."), so a scan that relied on the exception alone could
    miss Ctrl-C and run to the end; the flag is checked as each record arrives.
    """

    def __init__(self) -> None:
        self.seen = False
        self._active = False
        self._previous: Any = None

    def __bool__(self) -> bool:
        return self.seen

    def _handle(self, number: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def __enter__(self) -> "_InterruptFlag":
        import threading

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._active = True
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.SIG_DFL)
            self._active = False


def _print_summary(summary: Any, skipped: int, top: int, stream: Any, interrupted: bool, output: str | None) -> None:
    from rich.table import Table

    from privcheck.cli.common import stdout_console

    console = stdout_console(file=stream, highlight=False, soft_wrap=False)
    line = f"Scanned {summary.documents} document(s): {summary.checked} checked, {summary.errors} error(s)"
    if summary.not_policies:
        line += f", {summary.not_policies} not a policy"
    if skipped:
        line += f"; {skipped} already in {output} skipped"
    console.print(line + ".")
    if summary.grades:
        grades = Table(title="Grades", title_justify="left")
        grades.add_column("checklist")
        letters = sorted({g for counter in summary.grades.values() for g in counter})
        for letter in letters:
            grades.add_column(letter, justify="right")
        for checklist, counter in summary.grades.items():
            grades.add_row(checklist, *(str(counter.get(letter, 0)) for letter in letters))
        console.print(grades)
    missing = summary.most_missing(top)
    if missing:
        table = Table(title="Most commonly failed requirements", title_justify="left")
        table.add_column("item")
        table.add_column("title")
        table.add_column("documents", justify="right")
        for item, title, count in missing:
            share = 100 * count / summary.checked if summary.checked else 0
            table.add_row(item, title, f"{count} ({share:.0f}%)")
        console.print(table)
