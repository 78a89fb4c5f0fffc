"""`privcheck check`: run checklists over policy files and report."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from privcheck.baseline import baseline_json
from privcheck.cli.common import (
    EXIT_ERROR, EXIT_OK, display_path, error, guarded, parse_size, terminal_width, use_color, write_atomically,
)
from privcheck.cli.settings import emit, gate_exit, resolve_format, warn_unused
from privcheck.cli.startup import loading
from privcheck.config import Config, parse_report_target
from privcheck.document.loaders import DEFAULT_MAX_SIZE, LOADERS
from privcheck.errors import PrivcheckError
from privcheck.render import RENDERERS, get_renderer
from privcheck.suggest import did_you_mean

OutputFormat = Enum("OutputFormat", {name: name for name in [*RENDERERS, "auto"]}, type=str)  # type: ignore[misc]


@guarded
def check(
    policies: Annotated[Optional[list[str]], typer.Argument(help="Policy files or directories to check ('-' reads standard input). Default: the configuration's `policies`.", metavar="POLICY")] = None,
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID (pipl, gdpr) or a YAML file; repeatable. Default: the configuration's, else every bundled checklist.")] = None,
    format: Annotated[Optional[OutputFormat], typer.Option("--format", "-f", help="Output format (default text; auto: github inside GitHub Actions, else text).", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file (whole, or not at all) instead of standard output.")] = None,
    report_targets: Annotated[Optional[list[str]], typer.Option("--report", help="Also write a report as FORMAT:FILE (e.g. sarif:privcheck.sarif); repeatable.", metavar="FORMAT:FILE")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Which results fail the run: STATUS[:SEVERITY], STATUS fail or partial, SEVERITY required or recommended; or none. Default fail:required.", metavar="STATUS[:SEVERITY]")] = None,
    fail_under: Annotated[Optional[str], typer.Option("--fail-under", help="Fail when a checklist's score is under this (e.g. 80) or its grade is worse (e.g. B).", metavar="SCORE|GRADE")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when a gate fails (advisory runs).")] = False,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Fail only on results that are not in this baseline file.", metavar="FILE")] = None,
    write_baseline: Annotated[Optional[str], typer.Option("--write-baseline", help="Record today's results in FILE (then --baseline FILE fails only on what is new); exits 0.", metavar="FILE")] = None,
    config_file: Annotated[Optional[str], typer.Option("--config", help="Read settings from this file instead of the discovered .privcheck.yaml or pyproject.toml.", metavar="FILE")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
    no_suppressions: Annotated[bool, typer.Option("--no-suppressions", help="Ignore every suppression, in the configuration and in the policies (audits).")] = False,
    show: Annotated[Optional[str], typer.Option("--show", help="`passes`: list every item in the text report, passed and not-applicable ones too (default: failed, partial and suppressed items, and one line of passes per checklist).", metavar="passes")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="As --show passes: list every item in the text report.")] = False,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent the JSON report for people to read (default: compact, on one line).")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected; e.g. gb18030, utf-16, big5).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", metavar="FORMAT", help=f"Read the policies as this format instead of detecting it ({', '.join(LOADERS)}).")] = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", metavar="GLOB", help="In directories, check files matching this glob (repeatable; default: the supported extensions).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", metavar="GLOB", help="In directories, skip files matching this glob (repeatable).")] = None,
    max_size: Annotated[str, typer.Option("--max-size", help="Refuse policy files larger than this.")] = f"{DEFAULT_MAX_SIZE // 1024**2}MB",
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the text report (default: when writing to a terminal).")] = None,
    width: Annotated[Optional[int], typer.Option("--width", help="Width of the text report in columns.", min=40)] = None,
    regex_timeout: Annotated[float, typer.Option("--regex-timeout", help="Seconds a checklist's regular expression may run on one document (a ceiling: a checklist's own timeout cannot exceed it).", min=0.01)] = 2.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write compiled checklists in the user's cache (as PRIVCHECK_NO_CACHE=1).")] = False,
) -> None:
    """Check privacy policies against checklists and print a graded report.

    Exit codes: 0 every gate passed; 1 a gate failed (by default: a required item, or a triggered
    conditional one, failed); 2 the check could not run (unreadable policy, invalid checklist or
    configuration, bad usage).

    Examples:

      privcheck check samples/taobao-2024.txt

      privcheck check policy.md -c pipl --format json -o report.json

      privcheck check policy.md --fail-under B --fail-on partial --report sarif:privcheck.sarif

      privcheck check policy.md --baseline .privcheck-baseline.json

      privcheck check docs/legal --include '*.md' --exclude 'drafts/*'
    """
    # The checking machinery (matchers, contact and duration detectors) is imported only when a
    # check runs, so `privcheck check --help` starts fast.
    with loading():
        from privcheck.run import Pipeline, Settings, find_config

    if show is not None:
        if show.strip().lower() != "passes":
            raise PrivcheckError(f"--show: expected 'passes', got {show!r}{did_you_mean(show, ['passes'])}")
        verbose = True
    config = find_config(config_file, isolated)
    spec = config.spec if config else None
    if not policies and config and spec and spec.policies:
        policies = [config.resolve(p) for p in spec.policies]
    if not policies:
        raise PrivcheckError("no policy to check: give POLICY files, or list them under `policies:` in .privcheck.yaml")
    settings = Settings(
        checklists=tuple(checklist or ()), config_file=config_file, isolated=isolated, suppressions=not no_suppressions,
        fail_on=fail_on, fail_under=fail_under, baseline=baseline, config_baseline=not write_baseline,
        encoding=encoding, input_format=input_format, max_size=parse_size(max_size),
        include=tuple(include or ()), exclude=tuple(exclude or ()), regex_timeout=regex_timeout,
        use_cache=False if no_cache else None,
    )
    with loading():
        pipeline = Pipeline(settings, config)
    primary = resolve_format(format.value if format else (spec.format if spec and spec.format else "text"))
    output = output or (config.resolve(spec.output) if config and spec and spec.output else None)
    targets = _report_targets(report_targets, config)
    run = pipeline.check_paths(policies, on_skip=_say_skipped)
    for message in run.unreadable:
        error(message)
    report = run.report
    if not report.documents:
        raise typer.Exit(EXIT_ERROR)  # every input was unreadable, each already reported on stderr
    # With --write-baseline the run records results: the report goes only where a file was asked for.
    main = [] if write_baseline and output in (None, "-") else [(primary, output)]
    for name, target in [*main, *targets]:
        to_terminal = target in (None, "-")
        renderer = get_renderer(
            name, color=use_color(color) if to_terminal else False,
            width=width or (terminal_width() if to_terminal else None), verbose=verbose, pretty=pretty,
        )
        emit(renderer.render(report), target)
    warn_unused(report.unused_suppressions, pipeline.item_ids())
    if write_baseline:
        write_atomically(write_baseline, baseline_json(report))
        results = sum(len(c.items) for d in report.documents for c in d.checklists)
        typer.echo(f"privcheck: baseline with {results} result(s) written to {write_baseline}", err=True)
    if run.unreadable:
        raise typer.Exit(EXIT_ERROR)
    if write_baseline:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(gate_exit(run.outcome, exit_zero))


def _say_skipped(path: str, reason: str) -> None:
    typer.echo(f"privcheck: skipped {display_path(path)}: {reason}", err=True)


def _report_targets(given: list[str] | None, config: Config | None) -> list[tuple[str, str]]:
    """--report FORMAT:FILE options; without any, the configuration's `reports`."""
    out = []
    for entry in given or []:
        try:
            name, target = parse_report_target(entry)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--report") from None
        out.append((resolve_format(name), target))
    if not given and config:
        for entry in config.spec.reports:
            name, target = parse_report_target(entry)
            out.append((resolve_format(name), config.resolve(target)))
    return out
