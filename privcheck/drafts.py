"""Draft fixes: a clause to paste for each failed or partial item, in the policy's language.

A draft is the item's remediation text (from the checklist YAML) in the policy's language (`zh`
for Chinese policies, `en` otherwise, the other language when the item has only one). Its
bracketed placeholders ("[Company legal name]", "[privacy@company.eu]", "[公司地址]") are filled
with what the policy already states where that is known: the legal entity the policy speaks for
(privcheck.detectors.entities), the first email, phone number and postal address the contact detector
finds (privcheck.detectors.contacts), and the email given for the data protection officer. Every other
placeholder stays in brackets for the user to fill.

`fill_placeholders` is the one place where placeholders are filled: the text report's "Fix:",
the HTML report's draft clauses and `privcheck fix-draft` all go through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privcheck.detectors.contacts import ChannelKind, find_contact_channels
from privcheck.document.textmap import normalize_text
from privcheck.detectors.entities import main_entity
from privcheck.results import DocumentResult, ItemResult, Status

DRAFTED = (Status.FAIL, Status.PARTIAL)

_PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,60})\]")
# What a placeholder asks for, from the words inside its brackets.
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("dpo", re.compile(r"\bdpo\b|data protection officer|数据保护官|个人信息保护负责人", re.I)),
    ("company", re.compile(r"company(?: legal)? name|legal name|name of the company|公司(?:法定)?名称|公司全称|企业名称", re.I)),
    ("email", re.compile(r"@|e-?mail|邮箱", re.I)),
    ("phone", re.compile(r"phone|电话|^[+\dx\s()-]*x{2}[\dx\s()-]*$", re.I)),
    ("address", re.compile(r"address|地址", re.I)),
]


@dataclass(frozen=True)
class PolicyFacts:
    """What a policy already states that a draft can reuse."""

    company: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    dpo: str | None = None  # the email given for the data protection officer

    def value(self, kind: str) -> str | None:
        return getattr(self, kind, None)


@dataclass
class Draft:
    """A clause drafted for a failed or partial item, in one language."""

    item_id: str
    title: str
    status: Status
    reference: str
    language: str
    text: str
    filled: dict[str, str] = field(default_factory=dict)  # placeholder -> value taken from the policy
    placeholders: list[str] = field(default_factory=list)  # placeholders left for the user, as written


_DPO_MENTION = re.compile(r"\bdpo\b|data protection officer|数据保护官|个人信息保护负责人", re.I)
_DPO_REACH = 200  # how far after a mention of the DPO (in characters) its email may be


def policy_facts(text: str) -> PolicyFacts:
    """Find the company name, the first email, phone and address, and the DPO's email in a policy."""
    normalized = normalize_text(text)
    channels = find_contact_channels(normalized.text, [ChannelKind.EMAIL, ChannelKind.PHONE, ChannelKind.ADDRESS])
    first: dict[ChannelKind, str] = {}
    dpo: str | None = None
    mentions = [m.end() for m in _DPO_MENTION.finditer(normalized.text)]
    for channel in channels:
        start, end = normalized.span_to_source(channel.start, channel.end)
        value = " ".join(text[start:end].split())
        if channel.kind not in first:
            first[channel.kind] = value
        if dpo is None and channel.kind is ChannelKind.EMAIL and any(
                0 <= channel.start - mention <= _DPO_REACH for mention in mentions):
            dpo = value
    return PolicyFacts(
        company=main_entity(text),
        email=first.get(ChannelKind.EMAIL),
        phone=first.get(ChannelKind.PHONE),
        address=first.get(ChannelKind.ADDRESS),
        dpo=dpo,
    )


@dataclass(frozen=True)
class FilledText:
    """A model clause with its placeholders filled from the policy where it could be."""

    text: str
    filled: dict[str, str]  # placeholder as written -> value taken from the policy
    left: list[str]  # placeholders left for the user, as written, in order


def fill_placeholders(text: str, facts: PolicyFacts) -> FilledText:
    """Replace the bracketed placeholders of a model clause with what the policy states.

    A placeholder whose kind is unknown, or whose fact the policy does not state, stays as written.
    """
    filled: dict[str, str] = {}
    left: list[str] = []

    def fill(match: re.Match[str]) -> str:
        kind = placeholder_kind(match.group(1))
        value = facts.value(kind) if kind else None
        if value:
            filled[match.group(0)] = value
            return value
        if match.group(0) not in left:
            left.append(match.group(0))
        return match.group(0)

    return FilledText(_PLACEHOLDER.sub(fill, text), filled, left)


def placeholder_kind(inside: str) -> str | None:
    for kind, pattern in _KINDS:
        if pattern.search(inside.strip()):
            return kind
    return None


def draft_for(item: ItemResult, language: str, facts: PolicyFacts) -> Draft | None:
    """The draft clause for one item, or None when it passed or has no remediation text."""
    if item.status not in DRAFTED or not item.remediation:
        return None
    wanted = "zh" if language == "zh" else "en"
    chosen = wanted if item.remediation.get(wanted) else next(iter(item.remediation))
    source = " ".join(item.remediation[chosen].split()) if chosen != "zh" else "".join(
        line.strip() for line in item.remediation[chosen].splitlines())
    result = fill_placeholders(source, facts)
    return Draft(item.id, item.title, item.status, item.reference, chosen, result.text, result.filled, result.left)


def drafts_for_document(document: DocumentResult, facts: PolicyFacts | None = None) -> list[Draft]:
    """Drafts for every failed or partial item of every checklist, in report order.

    An item that appears in several checklists (same ID) gets one draft.
    """
    if facts is None:
        facts = policy_facts(document.text or "")
    out: list[Draft] = []
    seen: set[str] = set()
    for checklist in document.checklists:
        for item in checklist.items:
            draft = draft_for(item, document.language, facts)
            if draft is not None and draft.item_id not in seen:
                seen.add(draft.item_id)
                out.append(draft)
    return out


class LazyFacts:
    """A document's facts, found only when a clause has a placeholder to fill (it costs a search)."""

    def __init__(self, document: DocumentResult) -> None:
        self._document = document
        self._facts: PolicyFacts | None = None

    def get(self) -> PolicyFacts:
        if self._facts is None:
            self._facts = policy_facts(self._document.text) if self._document.text else PolicyFacts()
        return self._facts


def fix_text(item: ItemResult, language: str, facts: PolicyFacts | LazyFacts) -> str:
    """The clause a report shows as the fix of a failed or partial item: its draft, placeholders
    filled ('' when the item passed or has no remediation text)."""
    if isinstance(facts, LazyFacts):
        facts = facts.get() if "[" in item.fix(language) else PolicyFacts()
    draft = draft_for(item, language, facts)
    return draft.text if draft is not None else ""
