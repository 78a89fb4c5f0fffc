"""`privcheck check`: run checklists over policy files and report."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from privcheck import __version__
from privcheck.checklist import bundled_ids, load_checklist
from privcheck.cli.common import EXIT_ERROR, EXIT_GATE, EXIT_OK, error, guarded, terminal_width, use_color, write_atomically
from privcheck.document import LoadOptions, load_bytes, load_document
from privcheck.document.inputs import expand_inputs
from privcheck.document.loaders import DEFAULT_MAX_SIZE, LOADERS
from privcheck.engine import check_document
from privcheck.errors import DocumentError, PrivcheckError
from privcheck.render import RENDERERS, get_renderer
from privcheck.results import Report

OutputFormat = Enum("OutputFormat", {name: name for name in RENDERERS}, type=str)  # type: ignore[misc]


def parse_size(text: str) -> int:
    units = {"k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3, "b": 1, "": 1}
    value = text.strip().lower()
    number = value.rstrip("kmgb")
    unit = value[len(number):]
    try:
        return int(float(number) * units[unit])
    except (ValueError, KeyError):
        raise PrivcheckError(f"--max-size: expected a size such as 20MB or 500k, got {text!r}") from None


@guarded
def check(
    policies: Annotated[list[str], typer.Argument(help="Policy files or directories to check ('-' reads standard input).", metavar="POLICY...")],
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID (pipl, gdpr) or a YAML file; repeatable. Default: every bundled checklist.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat("text"),  # type: ignore[valid-type]
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file (whole, or not at all) instead of standard output.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when required items fail (advisory runs).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list not-applicable items in the text report.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected; e.g. gb18030, utf-16, big5).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", metavar="FORMAT", help=f"Read the policies as this format instead of detecting it ({', '.join(LOADERS)}).")] = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", metavar="GLOB", help="In directories, check files matching this glob (repeatable; default: the supported extensions).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", metavar="GLOB", help="In directories, skip files matching this glob (repeatable).")] = None,
    max_size: Annotated[str, typer.Option("--max-size", help="Refuse policy files larger than this.")] = f"{DEFAULT_MAX_SIZE // 1024**2}MB",
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the text report (default: when writing to a terminal).")] = None,
    width: Annotated[Optional[int], typer.Option("--width", help="Width of the text report in columns.", min=40)] = None,
    regex_timeout: Annotated[float, typer.Option("--regex-timeout", help="Seconds a checklist's regular expression may run on one document.", min=0.01)] = 2.0,
) -> None:
    """Check privacy policies against checklists and print a graded report.

    Exit codes: 0 every gate passed; 1 a required item (or a triggered conditional one) failed;
    2 the check could not run (unreadable policy, invalid checklist, bad usage).

    Examples:

      privcheck check samples/taobao-2024.txt

      privcheck check policy.md -c pipl --format json -o report.json

      privcheck check policy.txt -c my-checklist.yaml --exit-zero

      privcheck check docs/legal --include '*.md' --exclude 'drafts/*'
    """
    references = checklist or bundled_ids()
    checklists = [load_checklist(reference, regex_timeout=regex_timeout) for reference in references]
    if input_format is not None and input_format not in LOADERS:
        raise PrivcheckError(f"--input-format: unknown format {input_format!r} (known: {', '.join(LOADERS)})")
    options = LoadOptions(encoding=encoding, input_format=input_format, max_size=parse_size(max_size))
    inputs = list(expand_inputs(policies, tuple(include or ()), tuple(exclude or ())))
    documents = []
    unreadable = 0
    for entry in inputs:
        path = entry.path
        try:
            if entry.error is not None:
                raise entry.error
            if path == "-":
                document = load_bytes(sys.stdin.buffer.read(options.max_size + 1), "<stdin>", options)
            else:
                document = load_document(path, options)
        except DocumentError as exc:
            if len(inputs) == 1:
                raise
            error(str(exc))
            unreadable += 1
            continue
        documents.append(check_document(document, checklists))
    if not documents:
        raise typer.Exit(EXIT_ERROR)  # every input was unreadable, each already reported on stderr
    report = Report(tool_version=__version__, documents=documents)
    renderer = get_renderer(
        format.value, color=use_color(color) if output is None else False,
        width=width or (terminal_width() if output is None else None), verbose=verbose,
    )
    rendered = renderer.render(report)
    if output:
        write_atomically(output, rendered)
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    if unreadable:
        raise typer.Exit(EXIT_ERROR)
    if report.failing_items() and not exit_zero:
        raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)
