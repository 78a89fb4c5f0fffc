"""Comparing two versions of a policy: which items regressed, improved or stayed.

An item regressed when its status got worse: pass (or not applicable, or suppressed) to partial
or fail, or partial to fail. It improved when the reverse happened. A checklist regressed when its
grade got lower. `DiffResult.regressed` is what `privcheck diff` turns into exit code 1.

An item whose status stayed but whose evidence changed (one of two contact channels removed, a
different sentence quoted) is not a regression: it carries a note, with the passages that are no
longer quoted and the new ones, compared as text (line numbers move with every edit).

`read_at_revision` reads a file as committed at a git revision (`git show REV:./file`), for
`privcheck diff --from REF [--to REF] POLICY`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field

from privcheck.errors import GitError
from privcheck.grading import GRADE_ORDER
from privcheck.results import DocumentResult, ItemResult, Status

# How good a status is for the gate: a lower rank in the new version is a regression.
RANK = {Status.FAIL: 0, Status.PARTIAL: 1, Status.PASS: 2, Status.NOT_APPLICABLE: 2, Status.SUPPRESSED: 2}


@dataclass
class ItemChange:
    checklist: str
    id: str
    title: str
    severity: str
    old: Status | None  # None: the item is not in the old run's checklist
    new: Status | None
    message: str
    evidence_removed: list[str] = field(default_factory=list)  # passages quoted before and no longer
    evidence_added: list[str] = field(default_factory=list)  # passages quoted now and not before

    @property
    def evidence_changed(self) -> bool:
        return bool(self.evidence_removed or self.evidence_added)

    @property
    def note(self) -> str | None:
        """For an item whose status stayed: what changed in its evidence, else None."""
        if self.change != "unchanged" or not self.evidence_changed:
            return None
        parts = []
        if self.evidence_removed:
            parts.append("no longer in the policy: " + ", ".join(dict.fromkeys(
                f"“{_excerpt(t, self.evidence_added)}”" for t in self.evidence_removed)))
        if self.evidence_added:
            parts.append("new evidence: " + ", ".join(dict.fromkeys(
                f"“{_excerpt(t, self.evidence_removed)}”" for t in self.evidence_added)))
        return f"status {self.new.value if self.new else '-'} unchanged; " + "; ".join(parts)

    @property
    def shown(self) -> bool:
        """Listed by default: a change of status, an added or removed item, or a note."""
        return self.change != "unchanged" or self.evidence_changed

    @property
    def change(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if RANK[self.new] < RANK[self.old]:
            return "regressed"
        if RANK[self.new] > RANK[self.old]:
            return "improved"
        return "unchanged"


@dataclass
class ChecklistChange:
    id: str
    title: str
    old_score: float
    new_score: float
    old_grade: str
    new_grade: str
    items: list[ItemChange] = field(default_factory=list)

    @property
    def grade_lowered(self) -> bool:
        return GRADE_ORDER.index(self.new_grade) > GRADE_ORDER.index(self.old_grade)

    @property
    def score_change(self) -> float:
        return round(self.new_score - self.old_score, 1)


@dataclass
class DiffResult:
    old_label: str
    new_label: str
    checklists: list[ChecklistChange]

    def changes(self, kind: str) -> list[ItemChange]:
        return [i for c in self.checklists for i in c.items if i.change == kind]

    def notes(self) -> list[ItemChange]:
        return [i for c in self.checklists for i in c.items if i.note]

    @property
    def regressed(self) -> bool:
        return bool(self.changes("regressed")) or any(c.grade_lowered for c in self.checklists)


def compare(old: DocumentResult, new: DocumentResult, old_label: str, new_label: str) -> DiffResult:
    """Compare two results of the same checklists (matched by checklist and item ID)."""
    old_lists = {c.id: c for c in old.checklists}
    out: list[ChecklistChange] = []
    for checklist in new.checklists:
        before = old_lists.get(checklist.id)
        if before is None:
            continue
        change = ChecklistChange(checklist.id, checklist.title, before.score, checklist.score, before.grade, checklist.grade)
        old_items: dict[str, ItemResult] = {i.id: i for i in before.items}
        for item in checklist.items:
            previous = old_items.pop(item.id, None)
            removed, added = _evidence_change(previous, item, old.text, new.text) if previous else ([], [])
            change.items.append(ItemChange(checklist.id, item.id, item.title, item.severity,
                                           previous.status if previous else None, item.status, item.message,
                                           removed, added))
        for item in old_items.values():
            change.items.append(ItemChange(checklist.id, item.id, item.title, item.severity, item.status, None, item.message))
        out.append(change)
    return DiffResult(old_label, new_label, out)


def _passages(item: ItemResult) -> list[str]:
    out: list[str] = []
    for evidence in item.evidence:
        text = " ".join(evidence.text.split())
        if text and text not in out:
            out.append(text)
    return out


def _evidence_change(old: ItemResult, new: ItemResult, old_text: str | None = None,
                     new_text: str | None = None) -> tuple[list[str], list[str]]:
    """Passages quoted only in the old result, and only in the new one (compared without case).

    With the two texts given, a passage counts as removed only when the new text no longer holds
    it (and added only when the old text did not): a passage quoted over a different stretch of
    the same words is no change.
    """
    before, after = _passages(old), _passages(new)
    folded_before = {t.casefold() for t in before}
    folded_after = {t.casefold() for t in after}
    old_folded = " ".join(old_text.split()).casefold() if old_text is not None else None
    new_folded = " ".join(new_text.split()).casefold() if new_text is not None else None
    removed = [t for t in before if t.casefold() not in folded_after
               and (new_folded is None or t.casefold() not in new_folded)]
    added = [t for t in after if t.casefold() not in folded_before
             and (old_folded is None or t.casefold() not in old_folded)]
    return removed, added


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _excerpt(text: str, others: list[str], limit: int = 80) -> str:
    """`text` shortened to `limit` around where it departs from the most similar of `others`.

    The same sentence quoted before and after an edit shows the edited words, not its opening.
    """
    if len(text) <= limit:
        return text
    common = max((len(os.path.commonprefix([text, other])) for other in others), default=0)
    start = max(0, min(common - 20, len(text) - limit + 1))
    if start <= 0:
        return _short(text, limit)
    return "…" + _short(text[start:], limit - 1)


def _git(folder: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", folder, *args], capture_output=True, check=False)


def read_at_revision(path: str, revision: str) -> bytes:
    """The bytes of `path` as committed at `revision`; GitError with a clear message otherwise."""
    if shutil.which("git") is None:
        raise GitError("comparing git revisions needs git, which is not installed (or not on PATH)")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise GitError(f"{path}: folder {folder} does not exist")
    if _git(folder, "rev-parse", "--show-toplevel").returncode != 0:
        raise GitError(f"{path}: not inside a git repository, so revision {revision} cannot be read")
    if revision.startswith("-") or _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise GitError(f"unknown git revision {revision!r} (try HEAD, a branch such as origin/main, or a commit hash)")
    name = os.path.basename(path)
    shown = _git(folder, "show", f"{revision}:./{name}")
    if shown.returncode != 0:
        raise GitError(f"{path}: does not exist at {revision} (is it committed there, and is the path right?)")
    return shown.stdout
