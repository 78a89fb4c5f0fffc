"""Compiled checklists: specs with their matchers built, ready for the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from privcheck.checklist.specs import GradingSpec, ItemSpec, Severity
from privcheck.errors import SourceMark
from privcheck.matchers import Matcher


@dataclass(frozen=True)
class CompiledElement:
    id: str
    title: str
    matcher: Matcher
    essential: bool


@dataclass
class CompiledItem:
    spec: ItemSpec
    weight: float
    trigger: Matcher | None
    pass_if: Matcher | None
    topic: Matcher | None
    elements: list[CompiledElement]
    source: SourceMark | None = None
    # Words of a section heading that fits the item: evidence under one is quoted first.
    headings: regex.Pattern[str] | None = None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def severity(self) -> Severity:
        return self.spec.severity

    @property
    def is_conditional(self) -> bool:
        return self.spec.trigger is not None


@dataclass
class Checklist:
    id: str
    title: str
    version: str
    description: str | None
    grading: GradingSpec
    items: list[CompiledItem]
    path: str
    bundled: bool = False
    extends: list[str] = field(default_factory=list)
    # The vocabularies the items use (name -> phrases, inherited ones included), for `explain`.
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def item(self, item_id: str) -> CompiledItem | None:
        return next((i for i in self.items if i.id == item_id), None)
