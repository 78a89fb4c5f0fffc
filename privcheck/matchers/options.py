"""The options of every matcher kind, as pydantic models: one model per kind.

`privcheck.matchers.REGISTRY` names each kind's model. A matcher's YAML body is validated by its
model before the matcher is built, and the same models give the matcher part of the JSON Schema of
checklists (`privcheck schema`) and the option lists of `privcheck matchers`.

This module is imported only while a checklist is compiled (or its schema written): checks that
use compiled checklists from the cache load neither it nor pydantic.

Validation errors become SpecErrors whose path locates the offending value (the checklist loader
turns it into file:line:column), with "did you mean" for a misspelled option name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from privcheck.detectors.contacts import ChannelKind
from privcheck.detectors.durations import parse_duration
from privcheck.matchers import did_you_mean
from privcheck.matchers.base import CompileContext, SpecError
from privcheck.matchers.near import PASSAGE_SENTENCES, parse_within
from privcheck.matchers.phrases import normalize_phrase

if TYPE_CHECKING:
    from privcheck.matchers import MatcherKind

MATCHER_REF = "#/$defs/Matcher"
# Where a matcher holds a matcher, pydantic writes this mark; `resolve_matcher_refs` turns it into
# a reference to the `Matcher` definition once that is in place.
MATCHER_MARK: dict[str, Any] = {"x-privcheck-matcher": True}
CHANNEL_KINDS = [kind.value for kind in ChannelKind]


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("privcheck", message)


# --- value types shared by several kinds -------------------------------------------------------

def _phrase(value: Any) -> Any:
    if not isinstance(value, str) or not normalize_phrase(value).strip(". …*"):
        raise _problem("expected a phrase (a non-empty string)")
    return value


VOCABULARY_NAME = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_REFERENCE = re.compile(rf"\$({VOCABULARY_NAME})")


def _phrase_list(value: Any) -> Any:
    """A single phrase is a list of one."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _problem("expected a non-empty list of phrases")
    return value


def _entry(value: Any, info: ValidationInfo) -> list[str]:
    """One entry of a phrase list, as phrases: a phrase, a vocabulary (`$personal-data`), or a list
    of those (a YAML alias such as `[*personal-data, more]`), which is spliced in."""
    if isinstance(value, list):
        return [phrase for part in value for phrase in _entry(part, info)]
    if isinstance(value, str):
        reference = _REFERENCE.fullmatch(value.strip())
        if reference is not None:
            return list(_vocabulary(reference.group(1), info))
        if value.strip().startswith("$"):
            raise _problem(f"expected a vocabulary name after '$' (letters, digits, '-', '_', '.'), got {value!r}")
    return [_phrase(value)]


def _vocabulary(name: str, info: ValidationInfo) -> tuple[str, ...]:
    vocabularies: Mapping[str, tuple[str, ...]] = (info.context or {}).get("vocabularies", {})
    if name in vocabularies:
        return vocabularies[name]
    known = [f"${known}" for known in vocabularies]
    hint = did_you_mean(f"${name}", known)
    raise _problem(f"unknown vocabulary '${name}'{hint}" + (
        "" if hint else f" (known: {', '.join(known)})" if known else "; define it under 'vocabularies:'"))


def _spliced(value: list[list[str]]) -> list[str]:
    return [phrase for part in value for phrase in part]


_PHRASE_SCHEMA = {"type": "string", "minLength": 1, "not": {"pattern": "^\\s*\\$"}}
VOCABULARY_SCHEMA: dict[str, Any] = {
    "type": "string", "pattern": f"^\\s*\\${VOCABULARY_NAME}\\s*$",
    "description": "A vocabulary, by name: its phrases (see `vocabularies`).",
}
_ENTRY_SCHEMA: dict[str, Any] = {"anyOf": [_PHRASE_SCHEMA, VOCABULARY_SCHEMA]}
PHRASE_LIST_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _PHRASE_SCHEMA,
        VOCABULARY_SCHEMA,
        {"type": "array", "minItems": 1,
         "items": {"anyOf": [_PHRASE_SCHEMA, VOCABULARY_SCHEMA, {"type": "array", "items": _ENTRY_SCHEMA}]}},
    ],
    "description": "Phrases (see `privcheck matchers phrases`): a list, or one phrase; `$name` stands for "
                   "the phrases of a vocabulary.",
}
Phrase = Annotated[str, BeforeValidator(_phrase)]
PhraseEntry = Annotated[list[str], BeforeValidator(_entry)]
if TYPE_CHECKING:
    PhraseList = list[str]  # what validation gives: the phrases, entries spliced
else:
    PhraseList = Annotated[list[PhraseEntry], BeforeValidator(_phrase_list), AfterValidator(_spliced),
                           WithJsonSchema(PHRASE_LIST_SCHEMA)]

# A matcher inside a matcher (`all`, `any`, `not`, `near`): compiled, and so validated, by the
# registry with its own path.
MatcherRef = Annotated[Any, WithJsonSchema(MATCHER_MARK)]


def _matcher_list(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise _problem("expected a non-empty list of matchers")
    return value


MatcherList = Annotated[
    list[MatcherRef], BeforeValidator(_matcher_list),
    WithJsonSchema({"type": "array", "minItems": 1, "items": MATCHER_MARK}),
]

Operand = Annotated[
    Any, BeforeValidator(lambda value: value if isinstance(value, dict) else _phrase_list(value)),
    WithJsonSchema({"anyOf": [PHRASE_LIST_SCHEMA, MATCHER_MARK],
                    "description": "Phrases, or any matcher."}),
]

WITHIN_PROBLEM = "expected sentence, paragraph, passage, a number of characters or 'N words'"


def _within(value: Any) -> Any:
    try:
        parse_within(value, CompileContext(()))
    except SpecError:
        raise _problem(WITHIN_PROBLEM) from None
    return value


Within = Annotated[
    str | int, BeforeValidator(_within),
    WithJsonSchema({
        "anyOf": [
            {"enum": ["sentence", "paragraph", "passage"]},
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": r"^\s*\d+\s*words?\s*$"},
        ],
        "description": "How close: sentence, paragraph, passage (the same paragraph or at most "
                       f"{PASSAGE_SENTENCES} sentences apart), N characters or 'N words'.",
    }),
]


def _duration(value: Any) -> Any:
    try:
        parse_duration(str(value))
    except ValueError as exc:
        raise _problem(f"expected a duration such as '15 working days' or '1 month': {exc}") from None
    return value


DurationText = Annotated[
    str, BeforeValidator(_duration),
    WithJsonSchema({"type": "string", "examples": ["15 working days", "1 month", "十五个工作日"]}),
]


def _boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise _problem("expected true or false")
    return value


Boolean = Annotated[bool, BeforeValidator(_boolean)]


def _years(value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 30:
        raise _problem("expected a whole number of years")
    return value


Years = Annotated[
    int, BeforeValidator(_years),
    WithJsonSchema({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 30}),
]


def _seconds(value: Any) -> Any:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 60:
        raise _problem("expected a number of seconds between 0 and 60")
    return float(value)


Seconds = Annotated[
    float, BeforeValidator(_seconds),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 60}),
]


def _pattern(value: Any) -> Any:
    if not isinstance(value, str) or not value:
        raise _problem("expected a regular expression (a non-empty string)")
    return value


Pattern = Annotated[str, BeforeValidator(_pattern), WithJsonSchema({"type": "string", "minLength": 1})]


def _channel_kind(value: Any) -> Any:
    if value not in CHANNEL_KINDS:
        raise _problem(f"unknown channel kind {value!r}; expected one of: {', '.join(CHANNEL_KINDS)}")
    return value


def _channel_kinds(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise _problem(f"expected a list of kinds from: {', '.join(CHANNEL_KINDS)}")
    return value


ChannelKindName = Annotated[str, BeforeValidator(_channel_kind), WithJsonSchema({"enum": CHANNEL_KINDS})]
ChannelKinds = Annotated[
    list[ChannelKindName], BeforeValidator(_channel_kinds),
    WithJsonSchema({"type": "array", "minItems": 1, "items": {"enum": CHANNEL_KINDS}}),
]


# --- the models -----------------------------------------------------------------------------------

class Options(BaseModel):
    """The options of a matcher kind written as a mapping."""

    # Built on first use: only compiling a checklist or writing its schema needs a validator.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class PhraseListSpec(RootModel[PhraseList]):
    """A list of phrases (or one phrase), such as an operand of `near`."""

    model_config = ConfigDict(defer_build=True)


UNLESS_DESCRIPTION = "A hit in a sentence holding one of these phrases does not count."


class PhrasesSpec(Options):
    """`phrases`: a list of phrases (or one phrase), or a mapping with the phrases and `unless`."""

    terms: PhraseList = Field(description="The phrases; any one of them holds.")
    unless: PhraseList | None = Field(None, description=UNLESS_DESCRIPTION)
    shorthand: ClassVar[str] = "terms"
    shorthand_schema: ClassVar[dict[str, Any]] = PHRASE_LIST_SCHEMA


class RegexSpec(Options):
    """`regex`: a pattern, or a mapping with the pattern and its settings."""

    pattern: Pattern = Field(description="The regular expression (the `regex` module's syntax), in lower case.")
    timeout: Seconds | None = Field(
        None, description="Seconds the pattern may run per document (0 to 60); default: --regex-timeout (2 s).")
    as_written: Boolean = Field(
        False, description="Search the characters as the policy writes them, not its Simplified reading.")
    _shorthand: bool = PrivateAttr(False)
    shorthand: ClassVar[str] = "pattern"


class AllSpec(RootModel[MatcherList]):
    """`all`: a list of matchers that must all hold."""

    model_config = ConfigDict(defer_build=True)


class AnySpec(RootModel[MatcherList]):
    """`any`: a list of matchers of which one must hold."""

    model_config = ConfigDict(defer_build=True)


class NotSpec(RootModel[MatcherRef]):
    """`not`: one matcher that must not hold."""

    model_config = ConfigDict(defer_build=True)


class NearSpec(Options):
    """`near`: two things close together."""

    terms: Operand = Field(description="Phrases, or any matcher.")
    with_: Operand = Field(alias="with", description="Phrases, or any matcher, close to `terms`.")
    within: Within = Field("sentence", description="How close: sentence, paragraph, passage, N (characters) or 'N words'.")
    ordered: Boolean = Field(False, description="Only a `with` hit after the `terms` hit counts (this before that).")
    apart: Boolean = Field(False, description="A `terms` hit and a `with` hit that overlap do not count as two.")
    unless: PhraseList | None = Field(None, description=UNLESS_DESCRIPTION)


class Caution(Options):
    """A note for a passing period stated in another unit than the limit and longer than `over`."""

    over: DurationText = Field(description="A duration such as '4 weeks'.")
    note: Annotated[str, BeforeValidator(lambda value: value if isinstance(value, str) and value.strip()
                                         else _raise("expected a note (a non-empty text)"))] = Field(
        description="The note added to the finding.")


def _raise(message: str) -> Any:
    raise _problem(message)


class DurationSpec(Options):
    """`duration`: a time limit stated in the context of given words, checked against a maximum."""

    near: PhraseList = Field(description="The words a deadline must be about (respond, 回复, ...).")
    within: Within = Field("sentence", description="How close to a `near` phrase: sentence, paragraph, passage, N or 'N words'.")
    max: DurationText | None = Field(None, description="The longest period allowed, e.g. '15 working days'; default: the item's `threshold`.")
    ignore: PhraseList | None = Field(None, description="Periods in a clause with one of these phrases do not count.")
    caution: Caution | None = Field(None, description="A note for periods in another unit than the limit and longer than `over`.")


class ContactSpec(Options):
    """`contact`: a concrete, usable contact channel (use {} for any kind)."""

    kinds: ChannelKinds = Field(default_factory=lambda: list(CHANNEL_KINDS), description="The kinds of channel that count.")
    near: PhraseList | None = Field(None, description="Only channels close to one of these phrases count.")
    within: Within = Field(80, description="With `near`, how close: sentence, paragraph, passage, N or 'N words'.")
    links: Literal["contact", "any"] = Field(
        "contact", description="Which web addresses count: `contact`, those offered for reaching the author or naming a "
        "contact, support or request page; `any`, every one (a link to an SDK's privacy policy).")


class AgeSpec(Options):
    """`age`: an age limit for children within a range (use {} for any)."""

    min: Years | None = Field(None, description="The lowest age that counts; default: the item's `threshold` when a whole number.")
    max: Years | None = Field(None, description="The highest age that counts.")


class RightSpec(Options):
    """`right`: a right the policy gives the reader."""

    actions: PhraseList = Field(description="The phrases naming what the reader may do.")
    objects: PhraseList | None = Field(None, description="What the right applies to; one must be in the same sentence.")
    unless: PhraseList | None = Field(None, description=UNLESS_DESCRIPTION)


class DateSpec(Options):
    """`date`: a calendar date next to words that say what it is."""

    near: PhraseList = Field(description="The words the date must be about, e.g. [effective date, last updated, 生效日期].")
    within: Within = Field(40, description="How close to them: sentence, paragraph, passage, N or 'N words'.")


class ControllerSpec(Options):
    """`controller`: the organisation or person the policy speaks for (use {} for any name)."""

    legal_form: Boolean = Field(False, description="Only a company with its legal form (Ltd, GmbH, 有限公司) or a public body.")


# --- validation -----------------------------------------------------------------------------------

def validate(kind: MatcherKind, body: Any, ctx: CompileContext) -> Any:
    """The validated options of a matcher of `kind` whose body (at `ctx.path`) is `body`.

    Raises SpecError at the path of the first problem.
    """
    model: type[BaseModel] = kind.options()
    shorthand = getattr(model, "shorthand", None)
    if body is None and kind.empty_body:
        body = {}
    short = shorthand is not None and not isinstance(body, dict)
    if short:
        body = {shorthand: body}
    try:
        options = model.model_validate(body, context={"vocabularies": ctx.vocabularies})
    except ValidationError as exc:
        error = _first(exc)
        location = tuple(error["loc"])
        if short:
            location = location[1:]
        raise _spec_error(model, error, location, ctx) from None
    if isinstance(options, RegexSpec):
        options._shorthand = short
    return options


def phrase_list(value: Any, ctx: CompileContext) -> list[str]:
    """A list of phrases at `ctx.path` (such as an operand of `near`), validated as `phrases` is."""
    try:
        return list(PhraseListSpec.model_validate(value, context={"vocabularies": ctx.vocabularies}).root)
    except ValidationError as exc:
        error = _first(exc)
        raise _spec_error(PhraseListSpec, error, tuple(error["loc"]), ctx) from None


def _first(exc: ValidationError) -> Any:
    """The problem to report: a misspelled key first, as it usually explains a missing one."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def _spec_error(model: type[BaseModel], error: Any, location: tuple[Any, ...], ctx: CompileContext) -> SpecError:
    kind = error["type"]
    fields = _fields(model, location[:-1]) if location else {}
    if kind == "extra_forbidden":
        name = str(location[-1])
        allowed = list(fields)
        hint = did_you_mean(name, allowed)
        return SpecError(ctx.path + location, f"unknown key {name!r}{hint}" + ("" if hint else f"; expected {', '.join(allowed)}"),
                         key=True)
    if kind == "missing":
        name = str(location[-1])
        description = fields[name].description if name in fields else None
        return SpecError(ctx.path + location[:-1], f"missing {name!r}" + (f": {description[:1].lower()}{description[1:].rstrip('.')}" if description else ""))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return SpecError(ctx.path + location, "expected " + describe_mapping(_fields(model, location)))
    message = str(error["msg"]).removeprefix("Value error, ")
    return SpecError(ctx.path + location, message)


def _fields(model: type[BaseModel], location: tuple[Any, ...]) -> dict[str, Any]:
    """The fields (by YAML name) of the model at `location` under `model`."""
    current: Any = model
    for step in location:
        if not (isinstance(current, type) and issubclass(current, Options)):
            return {}
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == step), None)
        if field is None:
            return {}
        annotation = field.annotation
        current = next((a for a in getattr(annotation, "__args__", (annotation,))
                        if isinstance(a, type) and issubclass(a, Options)), None)
    if not (isinstance(current, type) and issubclass(current, Options)):
        return {}
    return {field.alias or name: field for name, field in current.model_fields.items()}


def describe_mapping(fields: dict[str, Any]) -> str:
    """'a mapping with 'terms', 'with' and optional 'within''."""
    required = [f"'{name}'" for name, field in fields.items() if field.is_required()]
    optional = [f"'{name}'" for name, field in fields.items() if not field.is_required()]
    if not required:
        return "a mapping" + (f" with optional {', '.join(optional)} (use {{}} for the defaults)" if optional else "")
    if optional:
        return f"a mapping with {', '.join(required)} and optional {', '.join(optional)}"
    return f"a mapping with {', '.join(required[:-1])} and {required[-1]}" if len(required) > 1 else f"a mapping with {required[0]}"


def option_lines(kind: MatcherKind) -> list[str]:
    """The options of a kind, one line each, for `privcheck matchers`."""
    model = kind.options()
    return _option_lines(model, "") if issubclass(model, Options) else []


def _option_lines(model: type[Options], prefix: str) -> list[str]:
    lines = []
    for name, field in model.model_fields.items():
        shown = prefix + (field.alias or name)
        if field.is_required():
            state = "required"
        elif field.default_factory is not None:
            state = f"default: {', '.join(map(str, field.default_factory()))}"  # type: ignore[call-arg]
        elif field.default is None:
            state = "optional"
        else:
            state = f"default: {str(field.default).lower() if isinstance(field.default, bool) else field.default}"
        lines.append(f"  {shown} ({state}): {field.description or ''}".rstrip())
        nested = next((a for a in getattr(field.annotation, "__args__", ())
                       if isinstance(a, type) and issubclass(a, Options)), None)
        if nested is not None:
            lines.extend(_option_lines(nested, shown + "."))
    return lines


def schemas(kinds: list[MatcherKind]) -> dict[str, Any]:
    """`$defs` for the JSON Schema: `Matcher` (one key, the kind) and the options of every kind."""
    from pydantic.json_schema import models_json_schema

    models = [kind.options() for kind in kinds]
    refs, top = models_json_schema([(m, "validation") for m in models], by_alias=True,
                                   ref_template="#/$defs/{model}")
    defs: dict[str, Any] = dict(top.get("$defs", {}))
    properties: dict[str, Any] = {}
    for kind, model in zip(kinds, models):
        body: dict[str, Any] = dict(refs[(model, "validation")])
        shorthand = getattr(model, "shorthand", None)
        if shorthand is not None:
            field = model.model_fields[shorthand]
            short_schema = getattr(model, "shorthand_schema", None) or {"type": "string", "minLength": 1}
            body = {"anyOf": [{**short_schema, "description": field.description}, body]}
        if kind.empty_body:
            body = {"anyOf": [body, {"type": "null"}]}
        body["description"] = (model.__doc__ or "").strip()
        properties[kind.name] = body
    defs["Matcher"] = {
        "description": "A matcher: a mapping with one key, the kind. See `privcheck matchers`.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "minProperties": 1,
        "maxProperties": 1,
    }
    return defs


def resolve_matcher_refs(node: Any) -> Any:
    """`node` (a JSON Schema) with every matcher mark made a reference to `Matcher`."""
    if isinstance(node, list):
        return [resolve_matcher_refs(value) for value in node]
    if not isinstance(node, dict):
        return node
    if node.get("x-privcheck-matcher"):
        rest = {key: value for key, value in node.items() if key not in ("x-privcheck-matcher", "type", "additionalProperties")}
        return {"$ref": MATCHER_REF, **rest}
    return {key: resolve_matcher_refs(value) for key, value in node.items()}

