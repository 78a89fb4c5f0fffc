"""Gates: whether a report fails the run (exit 1), kept apart from how it is displayed.

Two kinds of gate, both optional:

`fail_on` (`--fail-on STATUS[:SEVERITY]`): which item results fail the run. STATUS is the least
bad status that fails, `fail` (only fail) or `partial` (partial or fail); SEVERITY the least
important severity that counts, `required` (required items and triggered conditional items) or
`recommended` (every item). The default is `fail:required`; `none` turns item gating off.

`fail_under` (`--fail-under 80` or `--fail-under B`): every checklist of every document must
reach this score, or at least this grade.

With a baseline, an item result whose fingerprint is in the baseline does not gate: only what is
new since the baseline fails the run. Score and grade floors are absolute. Suppressed and
not-applicable items never gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from privcheck.baseline import Baseline, fingerprint
from privcheck.errors import PrivcheckError
from privcheck.grading import GRADE_ORDER
from privcheck.results import ChecklistResult, DocumentResult, ItemResult, Report, Status
from privcheck.suggest import did_you_mean

FAILING_STATUSES = {"fail": frozenset({Status.FAIL}), "partial": frozenset({Status.PARTIAL, Status.FAIL})}
SEVERITY_LEVELS = {
    "required": frozenset({"required", "conditional"}),
    "recommended": frozenset({"required", "conditional", "recommended"}),
}


class GateError(PrivcheckError):
    """A gate written in a way privcheck cannot read."""


@dataclass(frozen=True)
class FailOn:
    """Which results fail a run: their statuses and severities."""

    statuses: frozenset[Status]
    severities: frozenset[str]
    text: str = "fail:required"

    @classmethod
    def parse(cls, text: str) -> "FailOn":
        value = text.strip().lower()
        if value == "none":
            return cls(frozenset(), frozenset(), "none")
        status, colon, severity = value.partition(":")
        severity = severity if colon else "required"
        if status not in FAILING_STATUSES or severity not in SEVERITY_LEVELS:
            known = [f"{s}:{v}" for s in FAILING_STATUSES for v in SEVERITY_LEVELS] + [*FAILING_STATUSES, "none"]
            raise GateError(
                f"--fail-on: expected STATUS[:SEVERITY] with STATUS 'fail' or 'partial' and SEVERITY "
                f"'required' or 'recommended' (e.g. 'partial', 'fail:recommended'), or 'none'; got {text!r}"
                + did_you_mean(value, known)
            )
        return cls(FAILING_STATUSES[status], SEVERITY_LEVELS[severity], f"{status}:{severity}")

    def fails(self, item: ItemResult) -> bool:
        if item.status not in self.statuses or item.severity not in self.severities:
            return False
        # A conditional item gates only when its trigger fired (it is not_applicable otherwise).
        return item.severity != "conditional" or item.triggered is not False


DEFAULT_FAIL_ON = FailOn.parse("fail:required")


@dataclass(frozen=True)
class FailUnder:
    """The lowest score or grade a checklist may have without failing the run."""

    score: float | None = None
    grade: str | None = None

    @classmethod
    def parse(cls, text: str | float | int) -> "FailUnder":
        value = str(text).strip()
        if value.upper() in GRADE_ORDER:
            return cls(grade=value.upper())
        try:
            score = float(value)
        except ValueError:
            score = -1.0
        if not 0 <= score <= 100:
            raise GateError(f"--fail-under: expected a score from 0 to 100 (e.g. 80) or a grade A-F (e.g. B), got {value!r}")
        return cls(score=score)

    def describe(self) -> str:
        return f"grade {self.grade}" if self.grade else f"score {self.score:g}"

    def fails(self, checklist: ChecklistResult) -> bool:
        if self.grade is not None:
            return GRADE_ORDER.index(checklist.grade) > GRADE_ORDER.index(self.grade)
        return self.score is not None and checklist.score < self.score


@dataclass(frozen=True)
class Gates:
    """Everything that decides whether a run fails."""

    fail_on: FailOn = DEFAULT_FAIL_ON
    fail_under: FailUnder | None = None
    baseline: Baseline | None = None


@dataclass(frozen=True)
class GateFailure:
    """One reason a run fails: an item's result, or a checklist's score."""

    document: DocumentResult
    checklist: ChecklistResult
    item: ItemResult | None
    reason: str


@dataclass
class GateOutcome:
    """Whether a run passed its gates, and why not."""

    failures: list[GateFailure] = field(default_factory=list)
    in_baseline: int = 0  # item results that would have failed but are in the baseline

    @property
    def passed(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        if self.passed:
            note = f" ({self.in_baseline} known finding(s) in the baseline)" if self.in_baseline else ""
            return "every gate passed" + note
        items = sum(1 for f in self.failures if f.item is not None)
        floors = len(self.failures) - items
        parts = []
        if items:
            parts.append(f"{items} item result(s) fail the gate")
        if floors:
            parts.append(f"{floors} checklist(s) below the floor")
        return "gate failed: " + ", ".join(parts)


def evaluate(report: Report, gates: Gates = Gates()) -> GateOutcome:
    """Apply the gates to a report; the CLI turns a failed outcome into exit code 1."""
    outcome = GateOutcome()
    for document in report.documents:
        for checklist in document.checklists:
            for item in checklist.items:
                if not gates.fail_on.fails(item):
                    continue
                if gates.baseline is not None and fingerprint(document.path, checklist.id, item.id, item.status.value) in gates.baseline:
                    outcome.in_baseline += 1
                    continue
                outcome.failures.append(GateFailure(
                    document, checklist, item, f"{item.id} ({item.severity}) is {item.status.value}"))
            if gates.fail_under is not None and gates.fail_under.fails(checklist):
                outcome.failures.append(GateFailure(
                    document, checklist, None,
                    f"{checklist.id}: score {checklist.score:g}, grade {checklist.grade}, under the {gates.fail_under.describe()} floor"))
    return outcome
