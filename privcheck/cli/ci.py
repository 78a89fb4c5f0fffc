"""Commands for gating policy edits in CI: `diff` (what an edit changed) and `init` (a starter config)."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, Optional

import typer

from privcheck.cli.common import EXIT_GATE, EXIT_OK, guarded, write_atomically
from privcheck.cli.settings import emit
from privcheck.config import STARTER
from privcheck.diff import compare, read_at_revision
from privcheck.errors import PrivcheckError
from privcheck.render.diff import DIFF_RENDERERS
from privcheck.run import Pipeline, Settings

DiffFormat = Enum("DiffFormat", {name: name for name in DIFF_RENDERERS}, type=str)  # type: ignore[misc]


@guarded
def diff(
    files: Annotated[list[str], typer.Argument(help="OLD NEW, or with --from the one POLICY (its path in the repository).", metavar="OLD NEW | POLICY")],
    from_ref: Annotated[Optional[str], typer.Option("--from", help="Compare POLICY as committed at this git revision (e.g. HEAD, origin/main)...", metavar="REF")] = None,
    to_ref: Annotated[Optional[str], typer.Option("--to", help="...with POLICY as committed at this revision (default: the working file).", metavar="REF")] = None,
    git_ref: Annotated[Optional[str], typer.Option("--git-ref", help="The same as --from.", metavar="REF")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every item in the text and Markdown output, unchanged ones too.")] = False,
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID or YAML file; repeatable. Default: the configuration's, else every bundled checklist.")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat("text"),
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the comparison to this file instead of standard output.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when something regressed.")] = False,
    config_file: Annotated[Optional[str], typer.Option("--config", help="Read settings from this file.", metavar="FILE")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
    no_suppressions: Annotated[bool, typer.Option("--no-suppressions", help="Ignore every suppression.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="Treat the policies as this format (text, markdown, ...).")] = None,
) -> None:
    """Compare two versions of a policy: which items regressed or improved, and the score change.

    Lists the items whose status changed and notes on items whose evidence changed while their
    status stayed (--all lists every item). Exit codes: 0 nothing regressed; 1 an item got worse
    (e.g. passed before and no longer does) or a checklist's grade went down; 2 the comparison
    could not run.

    Examples:

      privcheck diff old-policy.md policy.md

      privcheck diff --from HEAD policy.md

      privcheck diff --from v1.0 --to v2.0 docs/privacy.md

      privcheck diff --from origin/main docs/privacy.md -f markdown >> "$GITHUB_STEP_SUMMARY"
    """
    if git_ref is not None and from_ref is not None and git_ref != from_ref:
        raise PrivcheckError("--git-ref is another name for --from: give one of them")
    from_ref = from_ref if from_ref is not None else git_ref
    if to_ref is not None and from_ref is None:
        raise PrivcheckError("--to needs --from: privcheck diff --from OLD-REF --to NEW-REF POLICY")
    if from_ref is not None and len(files) != 1:
        raise PrivcheckError("with --from give exactly one POLICY, e.g. privcheck diff --from HEAD policy.md")
    if from_ref is None and len(files) != 2:
        raise PrivcheckError("give OLD and NEW policy files, or --from REF (and --to REF) and one POLICY")
    # Gates other than "nothing regressed" do not apply to a comparison; nor does a baseline.
    pipeline = Pipeline(Settings(checklists=tuple(checklist or ()), config_file=config_file, isolated=isolated,
                                 suppressions=not no_suppressions, config_baseline=False, encoding=encoding,
                                 input_format=input_format))
    if from_ref is not None:
        path = files[0]
        if to_ref is None:
            new_document, new_data = pipeline.load(path)
            new_label = path
        else:
            new_data = read_at_revision(path, to_ref)
            new_document = pipeline.load_bytes(new_data, path)
            new_label = f"{path}@{to_ref}"
        old_data = read_at_revision(path, from_ref)
        old_document = pipeline.load_bytes(old_data, path)
        sources = [(old_document, old_data), (new_document, new_data)]
        old_label = f"{path}@{from_ref}"
    else:
        sources = [pipeline.load(name) for name in files]
        old_label, new_label = files[0], files[1]
    results = [pipeline.check(document, data) for document, data in sources]
    outcome = compare(results[0], results[1], old_label, new_label)
    emit(DIFF_RENDERERS[format.value](outcome, show_all), output)
    raise typer.Exit(EXIT_GATE if outcome.regressed and not exit_zero else EXIT_OK)


@guarded
def init(
    path: Annotated[str, typer.Argument(help="Where to write the configuration.")] = ".privcheck.yaml",
) -> None:
    """Write a commented starter configuration (.privcheck.yaml); never overwrites a file.

    Example:

      privcheck init
    """
    if os.path.exists(path):
        raise PrivcheckError(f"{path}: already exists; not overwriting it (edit it, or remove it first)")
    write_atomically(path, STARTER)
    typer.echo(f"Wrote {path}. Edit `policies:` and `checklists:`, then run: privcheck check")
