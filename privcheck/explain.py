"""What a checklist item looks for, in plain words, for `privcheck explain`.

Turns an item's matcher specs (the YAML mappings) into short readable lines. Knows only the
general matcher kinds, nothing about particular items; an unknown kind is shown as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from privcheck.checklist.model import CompiledItem

MAX_TERMS = 8


@dataclass(frozen=True)
class Line:
    depth: int
    text: str


def _terms(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + "; ".join(line.text for line in describe_matcher(value)) + ")"
    if isinstance(value, str):
        value = [value]
    terms = [str(v) for v in value or []]
    shown = ", ".join(f"“{t}”" for t in terms[:MAX_TERMS])
    return shown + (f" and {len(terms) - MAX_TERMS} more" if len(terms) > MAX_TERMS else "")


_REFERENCE = re.compile(r"\s*\$(\S+?)\s*")


def expand_vocabularies(spec: Any, vocabularies: Mapping[str, tuple[str, ...]]) -> Any:
    """`spec` with every `$name` of a known vocabulary replaced by its phrases."""
    if isinstance(spec, dict):
        return {key: expand_vocabularies(value, vocabularies) for key, value in spec.items()}
    if isinstance(spec, list):
        out: list[Any] = []
        for value in spec:
            expanded = expand_vocabularies(value, vocabularies)
            out.extend(expanded if isinstance(expanded, list) and not isinstance(value, list) else [expanded])
        return out
    found = _REFERENCE.fullmatch(spec) if isinstance(spec, str) else None
    if found is not None and found.group(1) in vocabularies:
        return list(vocabularies[found.group(1)])
    return spec


def _within(value: Any, default: str = "sentence") -> str:
    value = default if value is None else value
    if isinstance(value, str) and re.fullmatch(r"\s*0\s*words?\s*", value):
        return "directly"
    if isinstance(value, int):
        return f"within {value} characters"
    if isinstance(value, str) and value in ("sentence", "paragraph"):
        return f"in the same {value}"
    if value == "passage":
        return "in the same paragraph or within two sentences"
    return f"within {value}"


def describe_matcher(spec: Any, depth: int = 0, threshold: str | None = None) -> list[Line]:
    """One line per matcher (nested ones indented), e.g. 'a time limit near “respond” ...'."""
    if not isinstance(spec, dict) or len(spec) != 1:
        return [Line(depth, json.dumps(spec, ensure_ascii=False))]
    kind, value = next(iter(spec.items()))
    if kind == "phrases":
        if isinstance(value, dict):
            return [Line(depth, f"any of the phrases {_terms(value.get('terms'))}{_unless(value)}")]
        return [Line(depth, f"any of the phrases {_terms(value)}")]
    if kind == "regex":
        pattern = value.get("pattern") if isinstance(value, dict) else value
        return [Line(depth, f"text matching the regular expression /{pattern}/")]
    if kind in ("all", "any"):
        children = value if isinstance(value, list) else [value]
        if len(children) == 1:
            return describe_matcher(children[0], depth, threshold)
        lines = [Line(depth, "all of:" if kind == "all" else "any of:")]
        for child in children:
            lines.extend(describe_matcher(child, depth + 1, threshold))
        return lines
    if kind == "not":
        return [Line(depth, "none of:"), *describe_matcher(value, depth + 1, threshold)]
    if kind == "near":
        terms, within, other = _terms(value.get("terms")), _within(value.get("within")), _terms(value.get("with"))
        apart = ", not the same words" if value.get("apart") else ""
        if value.get("ordered"):
            return [Line(depth, f"{terms} followed {within} by {other}{apart}{_unless(value)}")]
        return [Line(depth, f"{terms} {within} as {other}{apart}{_unless(value)}")]
    if kind == "duration":
        text = "a stated time limit (a number of days, weeks or months, in digits or words)"
        if value.get("near"):
            text += f" {_within(value.get('within'))} as {_terms(value.get('near'))}"
        limit = value.get("max") or threshold
        if limit:
            text += f", at most {limit}"
        if value.get("ignore"):
            text += f"; not counting figures next to {_terms(value.get('ignore'))}"
        return [Line(depth, text)]
    if kind == "contact":
        value = value or {}
        kinds = value.get("kinds") or ["email", "phone", "url", "address", "app_path"]
        names = {"app_path": "in-app path", "url": "web address", "address": "postal address"}
        text = "a real contact channel: " + " or ".join(names.get(k, k) for k in kinds) + " (placeholders do not count)"
        if value.get("near"):
            text += f", {_within(value.get('within'))} as {_terms(value.get('near'))}"
        return [Line(depth, text)]
    if kind == "age":
        low, high = (value or {}).get("min"), (value or {}).get("max")
        if low is None:
            low = threshold if threshold and str(threshold).isdigit() else "the threshold"
        if high is None or str(high) == str(low):
            return [Line(depth, f"an age limit for children of {low} (“under {low}”, “不满{low}周岁”)")]
        return [Line(depth, f"an age limit for children between {low} and {high} (“under {low}” up to “under {high}”)")]
    if kind == "date":
        value = value or {}
        return [Line(depth, f"a calendar date (“December 17, 2025”, “2025年12月17日”) {_within(value.get('within'), '40')} as {_terms(value.get('near'))}")]
    if kind == "controller":
        if (value or {}).get("legal_form"):
            return [Line(depth, "the company (with its legal form) or public body the policy speaks for, by name")]
        return [Line(depth, "the organisation or person the policy speaks for, by name (“This app is provided by X”, “X（以下简称“我们”）”)")]
    if kind == "right":
        value = value or {}
        text = f"a right given to the reader (“you may”, “您有权”) to {_terms(value.get('actions'))}"
        if value.get("objects"):
            text += f", about {_terms(value.get('objects'))}"
        return [Line(depth, text + _unless(value))]
    return [Line(depth, f"{kind}: {json.dumps(value, ensure_ascii=False)}")]


def _unless(value: Any) -> str:
    return f"; not in a sentence with {_terms(value.get('unless'))}" if isinstance(value, dict) and value.get("unless") else ""


describe = describe_matcher


@dataclass(frozen=True)
class CheckPart:
    label: str
    lines: list[Line]


def describe_item(item: CompiledItem, vocabularies: Mapping[str, tuple[str, ...]] | None = None) -> list[CheckPart]:
    """The parts of an item's check, in the order the engine uses them (`$name`s shown as the
    phrases of the vocabulary)."""
    spec = item.spec
    parts: list[CheckPart] = []

    def describe_matcher(spec: Any, threshold: str | None = None) -> list[Line]:
        return describe(expand_vocabularies(spec, vocabularies or {}), threshold=threshold)

    if spec.pass_if is not None:
        parts.append(CheckPart("Passes outright on", describe_matcher(spec.pass_if, threshold=spec.threshold)))
    if spec.trigger is not None:
        parts.append(CheckPart("Applies only when the policy mentions", describe_matcher(spec.trigger, threshold=spec.threshold)))
    if spec.match is not None:
        parts.append(CheckPart("Looks for", describe_matcher(spec.match, threshold=spec.threshold)))
    for element in spec.elements or []:
        label = f"Looks for {element.title}" + (" (essential: the item fails without it)" if element.essential else "")
        parts.append(CheckPart(label, describe_matcher(element.match, threshold=spec.threshold)))
    if spec.topic is not None:
        parts.append(CheckPart("Partial credit when only the topic is mentioned", describe_matcher(spec.topic, threshold=spec.threshold)))
    return parts
