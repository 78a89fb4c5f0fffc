"""`privcheck fix-draft`: draft clauses for what a policy misses, as Markdown ready to paste."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from privcheck.checklist import bundled_ids, load_checklist
from privcheck.cli.common import guarded, write_atomically
from privcheck.document import LoadOptions, load_document
from privcheck.drafts import drafts_for_document
from privcheck.engine import check_document
from privcheck.render.drafts_markdown import render_drafts_markdown


@guarded
def fix_draft(
    policies: Annotated[list[str], typer.Argument(help="Policy files.", metavar="POLICY...")],
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Bundled checklist ID or YAML file; repeatable. Default: every bundled checklist.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the Markdown to this file (whole, or not at all).")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Encoding of text policies (default: detected).")] = None,
) -> None:
    """Draft a clause for every failed or partial item, in the policy's language, as Markdown.

    Placeholders such as [company name] or [email] are filled with what the policy already
    states (its company name, its contact email, phone and address); the rest stay in brackets.
    Exit code 0 when the drafts were written, 2 when the check could not run.

    Examples:

      privcheck fix-draft policy.txt

      privcheck fix-draft policy.txt -c pipl -o drafts.md
    """
    checklists = [load_checklist(reference) for reference in checklist or bundled_ids()]
    options = LoadOptions(encoding=encoding)
    documents = []
    for path in policies:
        result = check_document(load_document(path, options), checklists)
        documents.append((result, drafts_for_document(result)))
    rendered = render_drafts_markdown(documents)
    if output:
        write_atomically(output, rendered)
    else:
        sys.stdout.write(rendered)
