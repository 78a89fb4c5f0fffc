"""A validated checklist item as plain, frozen data: what compiled checklists hold.

`privcheck.checklist.schema` defines the format with pydantic models, which validate a YAML file
and give the JSON Schema. Once a checklist has passed validation its values are copied into these
dataclasses, so that using a compiled checklist (for instance one read from the cache) needs
neither pydantic nor YAML. The fields are those of the schema models, with the same names and
defaults; `tests/test_checklist_cache.py` keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


class Severity(str, Enum):
    REQUIRED = "required"
    CONDITIONAL = "conditional"
    RECOMMENDED = "recommended"


Matcher = dict[str, Any]  # a matcher as written in the YAML (compiled ones are in CompiledItem)


@dataclass(frozen=True)
class Bilingual:
    """A text in English and in Chinese (either may be missing)."""

    en: str | None = None
    zh: str | None = None

    def model_dump(self) -> dict[str, str | None]:
        """The texts by language, as the schema model's `model_dump()` gives them."""
        return {"en": self.en, "zh": self.zh}


@dataclass(frozen=True)
class Examples:
    """An item's example sentences: those that must pass and those that must not."""

    pass_: list[str] = field(default_factory=list)
    fail: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Messages:
    """An item's message for each status (None: the default one)."""

    pass_: str | None = None
    partial: str | None = None
    fail: str | None = None
    not_applicable: str | None = None


@dataclass(frozen=True)
class ElementSpec:
    """One element of an item, as written: its matcher not yet compiled."""

    id: str
    title: str
    match: Matcher
    essential: bool = False


@dataclass(frozen=True)
class ItemSpec:
    """One item of a checklist, as written (validated, with `extends` applied)."""

    id: str
    title: str
    severity: Severity
    reference: str
    weight: float | None = None
    description: str | None = None
    note: str | None = None
    threshold: str | None = None
    trigger: Matcher | None = None
    pass_if: Matcher | None = None
    topic: Matcher | None = None
    match: Matcher | None = None
    elements: list[ElementSpec] | None = None
    headings: list[str] | None = None
    messages: Messages = field(default_factory=Messages)
    remediation: Bilingual = field(default_factory=Bilingual)
    examples: Examples = field(default_factory=Examples)


@dataclass(frozen=True)
class GradingSpec:
    """How a checklist's results become a score and a grade."""

    weights: dict[Severity, float] = field(
        default_factory=lambda: {Severity.REQUIRED: 3.0, Severity.CONDITIONAL: 3.0, Severity.RECOMMENDED: 1.0})
    grades: dict[str, float] = field(default_factory=lambda: {"A": 90.0, "B": 80.0, "C": 70.0, "D": 60.0})
    cap_on_required_fail: str = "C"


def plain(model: Any, kind: type) -> Any:
    """The dataclass `kind` with the field values of a validated schema model (nested ones too).

    Matchers as written (mappings and lists that remember their YAML positions) become plain
    dicts and lists.
    """
    values = {}
    for name in (f.name for f in fields(kind)):
        value = getattr(model, name)
        nested = _NESTED.get((kind, name))
        if nested is not None and value is not None:
            value = [plain(v, nested) for v in value] if isinstance(value, list) else plain(value, nested)
        else:
            value = _data(value)
        values[name] = value
    return kind(**values)


def _data(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_data(item) for item in value]
    return value


_NESTED: dict[tuple[type, str], type] = {
    (ItemSpec, "elements"): ElementSpec,
    (ItemSpec, "messages"): Messages,
    (ItemSpec, "remediation"): Bilingual,
    (ItemSpec, "examples"): Examples,
}
