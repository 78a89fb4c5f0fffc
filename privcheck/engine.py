"""Running checklists over documents: from matcher outcomes to item statuses.

How an item's status is decided (the same for every item; the item's YAML says what to look for):
1. A `pass_if` statement that matches ("we do not transfer personal information abroad") passes
   the item, whether or not the trigger's words appear.
2. An item with a `trigger` that does not match is `not_applicable`.
3. Each element is met, weak (found but over a threshold) or missing. All met: `pass`.
4. An essential element missing: `fail` (a near-miss such as "contact customer service" with no
   channel, or "respond in a timely manner" with no figure).
5. Otherwise, if anything was found (an element, met or weak, or the `topic`): `partial`.
6. Otherwise `fail`.
`found` is true for pass and partial, and for a triggered conditional item even when it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from privcheck import collector
from privcheck.checklist.model import Checklist, CompiledItem, HeadingWords
from privcheck.document.model import Document
from privcheck.grading import grade_for, score_grade, score_items
from privcheck.matchers import Hit, Outcome, TextView
from privcheck.matchers.base import stripped
from privcheck.matchers.phrase_index import PhraseIndex, phrase_matchers
from privcheck.matchers.right import grants_rights
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Status

MAX_EVIDENCE = 5
MAX_LEAD_INS = 1  # lead-ins of lists quoted with their items, beyond MAX_EVIDENCE
MAX_EXCERPT = 240
RANKED_HITS = 200  # hits per run that compete to be quoted


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class _Found:
    """What an item's matchers found in a document, before it becomes evidence."""

    # Hits in evidence order, as (hits, element) runs: only the first few become evidence.
    hits: list[tuple[list[Hit], str | None]]
    details: list[str]


def check_document(document: Document, checklists: list[Checklist]) -> DocumentResult:
    with collector.paused():
        # The check's working objects are freed (on return) before the collector resumes.
        return _check_document(document, checklists)


def _check_document(document: Document, checklists: list[Checklist]) -> DocumentResult:
    view = TextView(document)
    phrase_index(checklists).attach(view)
    return DocumentResult(
        path=document.path,
        language=document.language,
        format=document.format,
        checklists=[run_checklist(view, checklist) for checklist in checklists],
        text=document.text,
        notes=list(document.notes),
    )


_PHRASE_INDEXES: dict[tuple[int, ...], tuple[list[Checklist], PhraseIndex]] = {}


def phrase_index(checklists: list[Checklist]) -> PhraseIndex:
    """One index of every `phrases` matcher in these checklists, built once per process."""
    key = tuple(id(c) for c in checklists)
    cached = _PHRASE_INDEXES.get(key)
    if cached is None:
        matchers = [m for c in checklists for i in c.items
                    for m in (i.trigger, i.pass_if, i.topic, *(e.matcher for e in i.elements))]
        if len(_PHRASE_INDEXES) >= 16:
            _PHRASE_INDEXES.clear()
        # The checklists are kept with their index so their ids cannot be reused by others.
        cached = _PHRASE_INDEXES[key] = (list(checklists), PhraseIndex(phrase_matchers(matchers)))
    return cached[1]


def run_checklist(view: TextView, checklist: Checklist) -> ChecklistResult:
    items = [evaluate_item(view, item) for item in checklist.items]
    score = score_items(items)
    return ChecklistResult(
        id=checklist.id, title=checklist.title, version=checklist.version,
        score=score, grade=grade_for(score, items, checklist.grading), items=items,
        score_grade=score_grade(score, checklist.grading),
    )


def evaluate_item(view: TextView, item: CompiledItem) -> ItemResult:
    spec = item.spec
    found = _Found([], [])
    triggered: bool | None = None
    if item.pass_if is not None:
        # A statement that settles the item ("we do not transfer personal information abroad")
        # addresses it whether or not the trigger's words appear.
        settled = view.outcome(item.pass_if)
        if settled.matched:
            found.hits.append((settled.hits, "pass_if"))
            _add_detail(found, settled)
            triggered = True if item.trigger is not None else None
            return _result(view, item, Status.PASS, True, triggered, found, ["pass_if"], [])

    if item.trigger is not None:
        trigger = view.outcome(item.trigger)
        triggered = trigger.matched
        if not triggered:
            return _result(view, item, Status.NOT_APPLICABLE, False, triggered, found, [], [])
        trigger_hits = [(trigger.hits[:1], "trigger")]
    else:
        trigger_hits = []

    met: list[str] = []
    weak: list[str] = []
    missing_essential = False
    for element in item.elements:
        outcome = view.outcome(element.matcher)
        if outcome.matched:
            met.append(element.title)
        elif outcome.weak:
            weak.append(element.title)
        elif element.essential:
            missing_essential = True
        if outcome.matched or outcome.weak:
            found.hits.append((outcome.hits, element.id))
            _add_detail(found, outcome)
    missing = [e.title for e in item.elements if e.title not in met]

    if len(met) == len(item.elements):
        status = Status.PASS
    elif missing_essential:
        status = Status.FAIL
    elif met or weak:
        status = Status.PARTIAL
    else:
        topic = view.outcome(item.topic) if item.topic is not None else Outcome.none()
        if topic.matched:
            found.hits.append((topic.hits, "topic"))
            status = Status.PARTIAL
        else:
            status = Status.FAIL
    # Evidence of what was disclosed comes first; what triggered the item last.
    found.hits.extend(trigger_hits)
    is_found = status in (Status.PASS, Status.PARTIAL) or bool(triggered and spec.severity.value == "conditional")
    return _result(view, item, status, is_found, triggered, found, met, missing)


def _add_detail(found: _Found, outcome: Outcome) -> None:
    if outcome.detail and outcome.detail not in found.details:
        found.details.append(outcome.detail)


def _result(view: TextView, item: CompiledItem, status: Status, is_found: bool, triggered: bool | None,
            found: _Found, met: list[str], missing: list[str]) -> ItemResult:
    spec = item.spec
    evidence = _evidence(view, found.hits if status is not Status.NOT_APPLICABLE else [], item.headings)
    return ItemResult(
        id=spec.id,
        title=spec.title,
        severity=spec.severity.value,
        status=status,
        found=is_found,
        reference=spec.reference,
        message=_message(item, status, found.details or _quoted(evidence), met, missing, triggered),
        weight=item.weight,
        triggered=triggered,
        evidence=evidence,
        elements_found=[m for m in met if m != "pass_if"],
        elements_missing=missing,
        remediation=dict(item.remediation),
    )


def _quoted(evidence: list[Evidence]) -> list[str]:
    """The first evidence, quoted: the detail of a message when no matcher gave one."""
    return [f"“{evidence[0].text}”"] if evidence else []


def _message(item: CompiledItem, status: Status, details: list[str], met: list[str], missing: list[str],
             triggered: bool | None) -> str:
    spec = item.spec
    detail = "; ".join(details)
    template = {
        Status.PASS: spec.messages.pass_,
        Status.PARTIAL: spec.messages.partial,
        Status.FAIL: spec.messages.fail,
        Status.NOT_APPLICABLE: spec.messages.not_applicable,
    }.get(status)
    values = _SafeDict(detail=detail, found=", ".join(met), missing=", ".join(missing), title=spec.title)
    if template:
        return template.format_map(values).strip()
    several = len(item.elements) > 1
    if status is Status.PASS:
        if several and met and met != ["pass_if"]:
            return f"Disclosed: {', '.join(met)}" + (f" ({detail})" if detail else "") + "."
        return "Disclosed" + (f": {detail}" if detail else "") + "."
    if status is Status.PARTIAL:
        text = "Partly disclosed"
        if several and missing:
            text += f"; missing: {', '.join(missing)}"
        return text + (f" ({detail})" if detail else "") + "."
    if status is Status.NOT_APPLICABLE:
        return "Not applicable: nothing in the policy triggers this requirement."
    text = "Applies, but not disclosed" if triggered else "Not disclosed"
    if several and missing:
        text += f"; missing: {', '.join(missing)}"
    if met:  # an essential element is missing, so what was found does not make it partial
        text += f"; found only: {', '.join(met)}"
    return text + (f" ({detail})" if detail else "") + "."


def _ranked(view: TextView, runs: list[tuple[list[Hit], str | None]],
            headings: HeadingWords | None = None) -> Iterator[tuple[Hit, str | None]]:
    """The hits of an item, best first: the passage that states the item, not its first word.

    A hit its matcher ranks better comes first. Then one in a section whose heading fits the item
    (its `headings`: "Your rights", "How long we keep your data"). Then a paragraph where more of what the item looks
    for occurs (more distinct matched words, from any of its elements) states the item better than a
    passing mention ("加密" in a glossary, "access"
    in a list of app permissions). Each run (an element, the topic, the trigger) gives its best hit
    in turn, so every element found is shown, and hits in a paragraph already quoted come last.
    The trigger's run stays last.

    The hits are given one at a time, as `_evidence` takes them: it stops after a few quotes.
    """
    text = view.text
    # Only the first hits of a run are ranked: an item quotes five passages, and a word found
    # thousands of times in a huge document must not make ranking the slow part.
    runs = [(hits[:RANKED_HITS], element) for hits, element in runs]
    offsets = [hit.start for hits, _ in runs for hit in hits]
    paragraph_of = dict(zip(offsets, view.paragraphs(offsets)[0]))  # a paragraph is known by its start
    # Hits in one paragraph share its heading and its words, so they are in the order of their rank
    # and offset: headings are looked up and words counted only for a run spread over paragraphs.
    spread = [{paragraph_of[hit.start] for hit in hits} for hits, element in runs if element != "trigger"]
    words: dict[int, set[str]] = {}
    fits: dict[int, int] = {}
    if any(len(paragraphs) > 1 for paragraphs in spread):
        for hits, _ in runs:
            for hit in hits:
                words.setdefault(paragraph_of[hit.start], set()).add(text[hit.start:hit.end][:40])
        if headings is not None:
            for paragraph in set().union(*(paragraphs for paragraphs in spread if len(paragraphs) > 1)):
                fits[paragraph] = 0 if headings.search(view.heading(paragraph)) else 1

    def rank(hit: Hit) -> tuple[int, int, int, int]:
        paragraph = paragraph_of[hit.start]
        return (hit.rank, fits.get(paragraph, 1), -len(words[paragraph]), hit.start)

    ordered = [(sorted(hits, key=rank if len(paragraphs) > 1 else _RANK_AND_START), element)
               for (hits, element), paragraphs in zip((run for run in runs if run[1] != "trigger"), spread)]
    later: list[tuple[Hit, str | None]] = []
    quoted: set[int] = set()
    for depth in range(max((len(h) for h, _ in ordered), default=0)):
        for hits, element in ordered:
            if depth < len(hits):
                paragraph = paragraph_of[hits[depth].start]
                if paragraph in quoted:
                    later.append((hits[depth], element))
                else:
                    quoted.add(paragraph)
                    yield hits[depth], element
    yield from later
    yield from ((hit, element) for hits, element in runs if element == "trigger" for hit in hits)


_RANK_AND_START = attrgetter("rank", "start")


def _short_heading(heading: str | None) -> str | None:
    if not heading:
        return None
    heading = " ".join(heading.split())
    return heading if len(heading) <= 60 else heading[:59] + "…"


def _evidence(view: TextView, runs: list[tuple[list[Hit], str | None]],
              headings: HeadingWords | None = None) -> list[Evidence]:
    out: list[Evidence] = []
    if not any(hits for hits, _ in runs):
        return out  # not applicable, or nothing found: most items of a document
    seen: set[tuple[int, int]] = set()
    lead_ins = 0
    for hit, element in _ranked(view, runs, headings):
        if not _quote(view, hit.start, hit.end, element, seen, out):
            continue
        if len(out) - lead_ins >= MAX_EVIDENCE:
            break
        # An item of a list is quoted with the lead-in of its list when the lead-in gives the reader
        # the rights listed or fits the item ("You also have a right to:" above "Restrict the
        # processing of your personal data;"), not "We will retain your information as follows:" nor
        # "您可以通过以下方式注销您的帐户：" above encryption.
        lead_in = view.list_item_lead_in(hit.start) if element != "trigger" and lead_ins < MAX_LEAD_INS else None
        if lead_in is not None and (grants_rights(view, *lead_in)
                                    or (headings is not None and headings.search(view.text, *lead_in))):
            line = stripped(view.text, *lead_in)
            if _quote(view, line.start, line.end, element, seen, out):
                lead_ins += 1
    return out


def _quote(view: TextView, hit_start: int, hit_end: int, element: str | None,
           seen: set[tuple[int, int]], out: list[Evidence]) -> bool:
    """Add the evidence for text[hit_start:hit_end] of the view to `out`, unless it is empty or quoted
    already; return whether it was added.

    A passage is quoted once: "Refers to X Co., Ltd." is not repeated under "Service provider:
    Refers to X Co., Ltd.", nor the other way round. The quote ranked first stays. Whether a passage
    is quoted already is told from its offsets, before it is located and its excerpt made.
    """
    document = view.document
    start, end = document.normalized.span_to_source(hit_start, hit_end)
    if (start, end) in seen or end <= start:
        return False
    seen.add((start, end))
    for quoted in out:
        quoted_start, quoted_end = _span(quoted)
        if (quoted_start <= start and end <= quoted_end) or (start <= quoted_start and quoted_end <= end):
            return False
    begin = document.positions.locate(start)
    finish = document.positions.locate(end)
    excerpt = " ".join(document.text[start:end].split())
    if len(excerpt) > MAX_EXCERPT:
        excerpt = excerpt[: MAX_EXCERPT - 1] + "…"
    out.append(Evidence(
        line=begin.line, column=begin.column, end_line=finish.line, end_column=finish.column,
        text=excerpt, page=begin.page, paragraph=begin.paragraph,
        element=element if element not in (None, "match") else None,
        start=start, end=end, heading=_short_heading(document.heading_at(start)),
    ))
    return True


def _span(evidence: Evidence) -> tuple[int, int]:
    """The offsets of a quote made by `_quote` (which always sets them)."""
    return evidence.start or 0, evidence.end or 0
