"""`privcheck fix-draft`: draft clauses for what a policy misses, as Markdown ready to paste."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from privcheck.cli.common import guarded, write_atomically
from privcheck.cli.startup import loading
from privcheck.drafts import drafts_for_document
from privcheck.render.drafts_markdown import render_drafts_markdown


@guarded
def fix_draft(
    policies: Annotated[list[str], typer.Argument(help="Policy files.", metavar="POLICY...")],
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID or YAML file; repeatable. Default: the configuration's, else every bundled checklist.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the Markdown to this file (whole, or not at all).")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected).")] = None,
    config_file: Annotated[Optional[str], typer.Option("--config", help="Read settings from this file instead of the discovered .privcheck.yaml or pyproject.toml.", metavar="FILE")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
    no_suppressions: Annotated[bool, typer.Option("--no-suppressions", help="Ignore every suppression: draft clauses for suppressed items too.")] = False,
) -> None:
    """Draft a clause for every failed or partial item, in the policy's language, as Markdown.

    Placeholders such as [company name] or [email] are filled with what the policy already
    states (its company name, its contact email, phone and address); the rest stay in brackets.
    The configuration's checklists and suppressions apply, as for `check`: a suppressed item
    gets no draft. Exit code 0 when the drafts were written, 2 when the check could not run.

    Examples:

      privcheck fix-draft policy.txt

      privcheck fix-draft policy.txt -c pipl -o drafts.md
    """
    with loading():
        from privcheck.run import Pipeline, Settings

        pipeline = Pipeline(Settings(checklists=tuple(checklist or ()), config_file=config_file, isolated=isolated,
                                     suppressions=not no_suppressions, config_baseline=False, encoding=encoding))
    documents = []
    for path in policies:
        result = pipeline.check_path(path)
        documents.append((result, drafts_for_document(result)))
    rendered = render_drafts_markdown(documents)
    if output:
        write_atomically(output, rendered)
    else:
        sys.stdout.write(rendered)
