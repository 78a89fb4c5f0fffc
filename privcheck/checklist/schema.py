"""The checklist format: pydantic models for every key a checklist may hold.

These models are the single source of truth for validation, for the JSON Schema that editors
use (`privcheck schema`), and for the format reference in the README. Matchers are kept as raw
mappings here and compiled by the matcher registry, which validates each with the options model of
its kind (`privcheck.matchers.options`); those models give the `Matcher` part of the JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from privcheck.checklist.specs import Severity

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
GRADES = ("A", "B", "C", "D")
MAX_WEIGHT = 1000.0  # an item's weight; scores are sums of weights, so they stay finite


def _empty_list() -> list[Any]:
    """A new empty list, as `default_factory=list` gives. pydantic reads the signature of a default
    factory (does it take the data validated so far?), and that of a builtin such as `list` is
    parsed by the tokenizer, whose first use compiles a large pattern: 8 ms of a first run."""
    return []


def _empty_dict() -> dict[Any, Any]:
    """A new empty dict (see `_empty_list`)."""
    return {}


class Strict(BaseModel):
    # Validators are built when first needed: commands that only use compiled checklists
    # (see privcheck.checklist.specs) never pay for them.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True, allow_inf_nan=False)


# Validated when compiled (privcheck.matchers); in the JSON Schema, the `Matcher` definition.
Matcher = Annotated[dict[str, Any], WithJsonSchema({"type": "object", "x-privcheck-matcher": True})]
MATCHER_DESCRIPTION = (
    "A matcher: a mapping with one key, the kind (phrases, regex, all, any, not, near, duration, "
    "contact, age, right, controller, date). See `privcheck matchers`."
)


# Validated when compiled, as a phrase list (privcheck.matchers.options), with its `$name`s resolved.
# In the JSON Schema, the phrase-list schema of the matchers (set by `json_schema`).
Vocabulary = Annotated[Any, WithJsonSchema({"x-privcheck-phrases": True})]


class Bilingual(Strict):
    en: str | None = None
    zh: str | None = None


class Examples(Strict):
    pass_: list[str] = Field(default_factory=_empty_list, alias="pass", description="Sentences that must pass.")
    fail: list[str] = Field(default_factory=_empty_list, description="Sentences that must not pass.")


class Messages(Strict):
    """Messages shown for each status; `{detail}`, `{found}` and `{missing}` are filled in."""

    pass_: str | None = Field(None, alias="pass")
    partial: str | None = None
    fail: str | None = None
    not_applicable: str | None = None


class Element(Strict):
    """One thing the item needs; several elements give partial credit."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(description="What the element is, as shown in 'missing: ...' messages.")
    match: Matcher = Field(description=MATCHER_DESCRIPTION)
    essential: bool = Field(False, description="Without it the item fails, whatever else is present.")


class Item(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable ID, e.g. PIPL-CONTACT.")
    title: str
    severity: Severity
    weight: float | None = Field(None, ge=0, le=MAX_WEIGHT, description="Defaults to the grading weight of the severity (0 to 1000).")
    reference: str = Field(description="Law and article, e.g. 'PIPL Art 17(1)(1)'.")
    description: str | None = Field(None, description="What the law requires, for `privcheck explain`.")
    note: str | None = Field(None, description="Caveats, e.g. where the legal basis is unconfirmed.")
    threshold: str | None = Field(None, description="The limit (e.g. '15 working days', '14'); used by duration and age matchers without their own.")
    trigger: Matcher | None = Field(None, description="When given, the item applies only if this matches; otherwise it is not_applicable.")
    pass_if: Matcher | None = Field(None, description="A statement that settles the item on its own, e.g. 'we do not transfer data abroad'.")
    topic: Matcher | None = Field(None, description="The policy discusses the topic (gives partial credit when elements are missing).")
    match: Matcher | None = Field(None, description="Shorthand for a single essential element.")
    elements: list[Element] | None = None
    headings: list[str] | None = Field(
        None, description="Words of a section heading that fits the item ('your rights', '您的权利'): evidence under "
        "such a heading is quoted first.")
    messages: Messages = Field(default_factory=Messages)
    remediation: Bilingual = Field(default_factory=Bilingual, description="A model clause to adapt, in English and Chinese.")
    examples: Examples = Field(default_factory=Examples)

    @field_validator("elements")
    @classmethod
    def _elements_not_empty(cls, value: list[Element] | None) -> list[Element] | None:
        if value is not None and not value:
            raise ValueError("give at least one element, or use 'match'")
        return value


class Grading(Strict):
    weights: dict[Severity, float] = Field(
        default_factory=lambda: {Severity.REQUIRED: 3.0, Severity.CONDITIONAL: 3.0, Severity.RECOMMENDED: 1.0},
        description="Default weight of an item by severity.",
    )
    grades: dict[str, float] = Field(
        default_factory=lambda: {"A": 90.0, "B": 80.0, "C": 70.0, "D": 60.0},
        description="Lowest score for each grade; below D is F.",
    )
    cap_on_required_fail: str = Field("C", description="Best grade possible while a required item fails.")

    @field_validator("grades")
    @classmethod
    def _grade_names(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = set(value) - set(GRADES)
        if unknown:
            raise ValueError(f"grades are A, B, C and D (below D is F), not {', '.join(sorted(unknown))}")
        for name, floor in value.items():
            if not 0 <= floor <= 100:
                raise ValueError(f"grade {name}: a floor is a score from 0 to 100, got {floor:g}")
        given = [(name, value[name]) for name in GRADES if name in value]
        for (better, high), (worse, low) in zip(given, given[1:]):
            if high < low:
                raise ValueError(f"grade floors must not rise from A to D: {better} is {high:g} but {worse} is {low:g}")
        return value

    @field_validator("weights")
    @classmethod
    def _weights_in_range(cls, value: dict[Severity, float]) -> dict[Severity, float]:
        for severity, weight in value.items():
            if not 0 <= weight <= MAX_WEIGHT:
                raise ValueError(f"weight of {severity.value} items: expected a number from 0 to {MAX_WEIGHT:g}, got {weight:g}")
        return value

    @field_validator("cap_on_required_fail")
    @classmethod
    def _cap_grade(cls, value: str) -> str:
        if value not in (*GRADES, "F"):
            raise ValueError("expected a grade: A, B, C, D or F")
        return value


class Override(Strict):
    """Changes to an inherited item (with `extends`)."""

    severity: Severity | None = None
    weight: float | None = Field(None, ge=0, le=MAX_WEIGHT)
    threshold: str | None = None
    disable: bool = False
    trigger: Matcher | None = None


class ChecklistSpec(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    version: str = "1"
    description: str | None = None
    language: list[str] | None = Field(None, description="Languages the phrasings cover, e.g. [en, zh].")
    extends: str | None = Field(None, description="A bundled checklist ID or a path (relative to this file) to inherit items from.")
    vocabularies: dict[Annotated[str, Field(pattern=ID_PATTERN)], Vocabulary] = Field(
        default_factory=_empty_dict,
        description="Named phrase lists: `$name` in any phrase list stands for the phrases of `name`. "
                    "Inherited with `extends`; a vocabulary of the same name replaces the inherited one "
                    "everywhere (`$name` in its own definition is the inherited one).")
    grading: Grading | None = None
    overrides: dict[str, Override] = Field(default_factory=_empty_dict)
    items: list[Item] = Field(default_factory=_empty_list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist format (draft 2020-12), for editor autocompletion."""
    from privcheck.matchers import REGISTRY
    from privcheck.matchers.options import PHRASE_LIST_SCHEMA, resolve_matcher_refs, schemas

    schema = ChecklistSpec.model_json_schema(by_alias=True)
    schema["$defs"].update(schemas(list(REGISTRY.values())))
    vocabularies = schema["properties"]["vocabularies"]
    vocabularies["patternProperties"] = {ID_PATTERN: PHRASE_LIST_SCHEMA}
    vocabularies["additionalProperties"] = False
    schema = resolve_matcher_refs(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://privcheck.dev/schema/checklist-1.json"
    schema["title"] = "privcheck checklist"
    return schema
