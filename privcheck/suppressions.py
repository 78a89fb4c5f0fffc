"""Suppressions: accept a known gap on purpose, always with a reason, never silently.

Two sources:
- the configuration: `ignore: [{id: PIPL-CROSS-BORDER, reason: ..., paths: [docs/*.md]}]`;
- inline in Markdown or HTML policies:
  `<!-- privcheck-disable PIPL-CROSS-BORDER: we have no overseas recipients -->`
  (several IDs separated by commas; the reason follows the colon, ASCII or full-width `：`).

A suppression applies to an item whose status is `fail` or `partial`: the item keeps its place in
the report with status `suppressed` and the reason, is left out of the score and does not gate.
A suppression that matched nothing (the item passes, does not apply or does not exist) is
reported as unused, as ruff reports an unused `noqa`. A suppression without a reason is an error.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from typing import TYPE_CHECKING

from privcheck.errors import SuppressionError
from privcheck.grading import grade_for, score_grade, score_items
from privcheck.results import DocumentResult, Status, UnusedSuppression

if TYPE_CHECKING:  # annotations only: configuration files are read without the matchers
    from privcheck.checklist.model import Checklist
    from privcheck.document.model import Document

INLINE = regex.compile(r"<!--\s*privcheck-disable\b(?P<body>.*?)-->", regex.DOTALL | regex.IGNORECASE)
ITEM_ID = regex.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SUPPRESSIBLE = (Status.FAIL, Status.PARTIAL)


@dataclass
class Suppression:
    """A reason given for accepting an item's result, in the configuration or a policy."""

    id: str
    reason: str
    source: str  # file:line:column where it was written
    paths: tuple[str, ...] = ()  # glob patterns, relative to `base`; empty: every policy
    base: str | None = None
    used: bool = field(default=False, compare=False)

    def applies_to(self, path: str) -> bool:
        if not self.paths:
            return True
        if path.startswith("<"):
            return False
        relative = Path(os.path.relpath(os.path.abspath(path), self.base or os.getcwd())).as_posix()
        return any(fnmatch.fnmatch(relative, pattern.removeprefix("./")) for pattern in self.paths)


def inline_suppressions(document: Document, source: str | None = None) -> list[Suppression]:
    """The `<!-- privcheck-disable ID[, ID]: reason -->` comments of a policy.

    `source` is the file's own decoded text when the caller has it: a loader may drop comments
    from the text it extracts (HTML), and positions in the source are the file's own.
    """
    if source is None:
        source = document.source
    text = source if source is not None else document.text
    out: list[Suppression] = []
    for match in INLINE.finditer(text):
        if source is not None:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        else:
            position = document.positions.locate(match.start())
            line, column = position.line, position.column
        source_mark = f"{document.path}:{line}:{column}"
        body = " ".join(match.group("body").split())
        ids_text, colon, reason = body.replace("：", ":", 1).partition(":")  # a full-width colon too
        ids = [part.strip() for part in ids_text.split(",") if part.strip()]
        if not ids or not all(ITEM_ID.match(i) for i in ids):
            raise SuppressionError(
                f"{source_mark}: cannot read this suppression; write <!-- privcheck-disable ITEM-ID: reason -->")
        if not colon or not reason.strip():
            raise SuppressionError(
                f"{source_mark}: the suppression of {', '.join(ids)} has no reason; every suppression needs one, "
                f"e.g. <!-- privcheck-disable {ids[0]}: we have no overseas recipients -->")
        out.extend(Suppression(i, reason.strip(), source_mark) for i in ids)
    return out


def apply_suppressions(result: DocumentResult, suppressions: list[Suppression], checklists: list[Checklist]) -> None:
    """Mark suppressed items in one document's result and re-grade its checklists in place."""
    grading = {c.id: c.grading for c in checklists}
    for checklist in result.checklists:
        changed = False
        for item in checklist.items:
            for suppression in suppressions:
                if suppression.id.upper() != item.id.upper() or not suppression.applies_to(result.path):
                    continue
                if item.status in SUPPRESSIBLE:
                    item.status = Status.SUPPRESSED
                    item.suppression_reason = suppression.reason
                    changed = True
                if item.status is Status.SUPPRESSED:
                    suppression.used = True
                    break
        if changed and checklist.id in grading:
            checklist.score = score_items(checklist.items)
            checklist.grade = grade_for(checklist.score, checklist.items, grading[checklist.id])
            checklist.score_grade = score_grade(checklist.score, grading[checklist.id])


def unused(suppressions: list[Suppression]) -> list[UnusedSuppression]:
    return [UnusedSuppression(s.id, s.reason, s.source) for s in suppressions if not s.used]
