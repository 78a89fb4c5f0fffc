"""The result model: what a check produces and every renderer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Evidence:
    """A passage quoted for a result: where it is in the policy and its text."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    page: int | None = None
    paragraph: int | None = None
    element: str | None = None  # which element of the item this supports
    start: int | None = None  # offsets of the excerpt in DocumentResult.text (the text the matchers saw)
    end: int | None = None
    heading: str | None = None  # the nearest heading before the evidence, when the format marks headings

    def place(self) -> str:
        """Where the evidence is, as a reader finds it: `page 3, line 12`, `paragraph 7`, `line 40`,
        and on a long line (a minified page) its column and heading:
        `line 3, col 18,204 (under 'Your rights')`."""
        if self.page is not None:
            return f"page {self.page}, line {self.line}"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        if self.column > LONG_LINE_COLUMN:
            under = f" (under {self.heading!r})" if self.heading else ""
            return f"line {self.line}, col {self.column:,}{under}"
        return f"line {self.line}"


LONG_LINE_COLUMN = 160  # evidence further along its line than this is placed by column as well


@dataclass
class ItemResult:
    """The outcome of one checklist item on one document."""

    id: str
    title: str
    severity: str
    status: Status
    found: bool
    reference: str
    message: str
    weight: float
    triggered: bool | None = None  # None for items without a trigger
    evidence: list[Evidence] = field(default_factory=list)
    elements_found: list[str] = field(default_factory=list)
    elements_missing: list[str] = field(default_factory=list)
    remediation: dict[str, str] = field(default_factory=dict)
    suppression_reason: str | None = None

    def fix(self, language: str) -> str:
        """The model clause in the policy's language, else in English, else in Chinese ('' if none)."""
        return (self.remediation.get(language) or self.remediation.get("en") or self.remediation.get("zh") or "").strip()

    @property
    def gates(self) -> bool:
        """Whether this item's failure fails the run under the default gate."""
        return self.status is Status.FAIL and (self.severity == "required" or (self.severity == "conditional" and bool(self.triggered)))


@dataclass
class ChecklistResult:
    """The results of one checklist on one document, with its score and grade."""

    id: str
    title: str
    version: str
    score: float
    grade: str
    items: list[ItemResult]
    score_grade: str | None = None  # the grade the score alone earns; differs from `grade` when capped

    @property
    def grade_capped(self) -> bool:
        """Whether a failed required (or triggered conditional) item held the grade down."""
        return self.score_grade is not None and self.score_grade != self.grade

    def counts(self) -> dict[str, int]:
        out = {status.value: 0 for status in Status}
        for item in self.items:
            out[item.status.value] += 1
        return out


@dataclass
class DocumentResult:
    """The results of every checklist on one document."""

    path: str
    language: str
    format: str
    checklists: list[ChecklistResult]
    text: str | None = None  # the policy text the matchers saw (Document.text), for renderers that show it
    notes: list[str] = field(default_factory=list)  # Document.notes: how the file was read


@dataclass(frozen=True)
class UnusedSuppression:
    """A suppression that matched no failing or partial item (see privcheck.suppressions)."""

    id: str
    reason: str
    source: str  # where it was written: "file:line:column"


@dataclass
class Report:
    """What one run found: the results of every document and the suppressions nothing used."""

    tool_version: str
    documents: list[DocumentResult]
    unused_suppressions: list[UnusedSuppression] = field(default_factory=list)

    def failing_items(self) -> list[tuple[DocumentResult, ChecklistResult, ItemResult]]:
        return [
            (d, c, i) for d in self.documents for c in d.checklists for i in c.items if i.gates
        ]
