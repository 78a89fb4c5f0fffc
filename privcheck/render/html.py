"""`--format html`: one self-contained report page (inline CSS and script, no network requests).

Built from the Jinja2 templates in privcheck/render/templates/ with autoescaping on, so policy
text, evidence, messages and checklist text can never become markup. The page shows, per document:
each checklist's score and grade as a gauge, counts by status, the items as a filterable list (with
evidence, suggested fix and a draft clause for failed and partial items), and the policy text with
every evidence passage highlighted. A Content-Security-Policy allows only the page's own script
(by hash) and inline styles: nothing is fetched, and a script that slipped into the page would not run.
"""

from __future__ import annotations

import base64
import hashlib
import math
from dataclasses import dataclass, field
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from privcheck.checklist.specs import Severity
from privcheck.drafts import Draft, drafts_for_document, policy_facts
from privcheck.excerpts import sentence_around
from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report, Status

STATUS_LABELS = {
    "pass": ("✓", "Pass"),
    "partial": ("◐", "Partial"),
    "fail": ("✗", "Fail"),
    "not_applicable": ("–", "Not applicable"),
    "suppressed": ("⊘", "Suppressed"),
}
GAUGE_RADIUS = 40


@dataclass
class Segment:
    """A run of policy text; `items` are the item keys whose evidence covers it (empty: plain text)."""

    text: str
    spans: list[str] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)  # span anchors that begin here
    items: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class ItemView:
    key: str
    checklist_id: str
    item: ItemResult
    icon: str
    label: str
    evidence: list[tuple[str | None, Evidence, tuple[str, str, str]]]  # (span anchor, evidence, sentence)
    draft: Draft | None
    search: str


@dataclass
class ChecklistView:
    result: ChecklistResult
    items: list[ItemView]
    gauge_dash: str
    counts: list[tuple[str, str, str, int]]


@dataclass
class DocumentView:
    anchor: str
    result: DocumentResult
    checklists: list[ChecklistView]
    segments: list[Segment]
    has_text: bool
    highlight_count: int


def _segments(text: str, spans: dict[tuple[int, int], str], supporters: dict[str, list[tuple[str, str]]]) -> list[Segment]:
    """Cut the text at every evidence boundary; each piece knows which spans and items cover it."""
    cuts = sorted({0, len(text), *(s for s, _ in spans), *(e for _, e in spans)})
    out: list[Segment] = []
    for begin, finish in zip(cuts, cuts[1:]):
        covering = [(start, end) for (start, end) in spans if start <= begin and end >= finish]
        segment = Segment(text[begin:finish])
        for key in sorted(covering):
            anchor = spans[key]
            segment.spans.append(anchor)
            if key[0] == begin:
                segment.starts.append(anchor)
            for item_key, label in supporters[anchor]:
                if item_key not in segment.items:
                    segment.items.append(item_key)
                    segment.labels.append(label)
        if out and not out[-1].spans and not segment.spans:
            out[-1].text += segment.text
        else:
            out.append(segment)
    return out


def document_view(index: int, document: DocumentResult) -> DocumentView:
    anchor = f"d{index}"
    text = document.text or ""
    drafts = {d.item_id: d for d in drafts_for_document(document, policy_facts(text))}
    spans: dict[tuple[int, int], str] = {}
    supporters: dict[str, list[tuple[str, str]]] = {}
    checklists: list[ChecklistView] = []
    for checklist in document.checklists:
        items: list[ItemView] = []
        for item in checklist.items:
            key = f"{checklist.id}:{item.id}"
            evidence = []
            for found in item.evidence:
                span_anchor = None
                if document.text is not None and found.start is not None and found.end is not None and found.end > found.start:
                    span_anchor = spans.setdefault((found.start, found.end), f"{anchor}-s{len(spans)}")
                    supporters.setdefault(span_anchor, [])
                    label = f"{item.id} ({checklist.id}): {item.title}"
                    if (key, label) not in supporters[span_anchor]:
                        supporters[span_anchor].append((key, label))
                # The sentence the evidence stands in, the evidence marked: "security" alone says little.
                if document.text is not None and found.start is not None and found.end is not None:
                    sentence = sentence_around(document.text, found.start, found.end)
                else:
                    sentence = ("", found.text, "")
                evidence.append((span_anchor, found, sentence))
            icon, label = STATUS_LABELS[item.status.value]
            draft = drafts.get(item.id) if item.status in (Status.FAIL, Status.PARTIAL) else None
            search = " ".join([item.id, item.title, item.reference, item.message, *(e.text for e in item.evidence)]).casefold()
            items.append(ItemView(key, checklist.id, item, icon, label, evidence, draft, search))
        circumference = 2 * math.pi * GAUGE_RADIUS
        filled = circumference * max(0.0, min(100.0, checklist.score)) / 100
        counts = [(status, *STATUS_LABELS[status], n) for status, n in checklist.counts().items() if n]
        checklists.append(ChecklistView(checklist, items, f"{filled:.2f} {circumference:.2f}", counts))
    segments = _segments(text, spans, supporters) if text else []
    return DocumentView(anchor, document, checklists, segments, document.text is not None, len(spans))


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("privcheck.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment


def _asset(name: str) -> str:
    return (resources.files("privcheck.render") / "templates" / name).read_text(encoding="utf-8")


class HtmlRenderer(Renderer):
    name = "html"

    def render(self, report: Report) -> str:
        script = _asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        template = _environment().get_template("report.html.j2")
        return template.render(
            report=report,
            documents=[document_view(i, d) for i, d in enumerate(report.documents)],
            statuses=STATUS_LABELS,
            severities=[s.value for s in Severity],
            style=Markup(_asset("report.css")),
            script=Markup(script),
            script_hash=f"sha256-{digest}",
        )
