"""Running each item's own examples: the `privcheck test` command and the test suite use this."""

from __future__ import annotations

from dataclasses import dataclass

from privcheck.checklist.model import Checklist
from privcheck.document.model import Document
from privcheck.engine import evaluate_item
from privcheck.matchers import TextView
from privcheck.results import Status


@dataclass(frozen=True)
class ExampleResult:
    item_id: str
    expected: str  # "pass" or "fail"
    sentence: str
    status: Status
    message: str

    @property
    def ok(self) -> bool:
        return (self.status is Status.PASS) == (self.expected == "pass")


def run_examples(checklist: Checklist) -> list[ExampleResult]:
    """Evaluate every example sentence of every item on its own, as a one-line document."""
    results = []
    for item in checklist.items:
        for expected, sentences in (("pass", item.spec.examples.pass_), ("fail", item.spec.examples.fail)):
            for sentence in sentences:
                view = TextView(Document.from_text(sentence, path=f"<example of {item.id}>"))
                outcome = evaluate_item(view, item)
                results.append(ExampleResult(item.id, expected, sentence, outcome.status, outcome.message))
    return results
