"""The configuration format: pydantic models for `.privcheck.yaml` and `[tool.privcheck]`.

Imported by `privcheck.config.load_config` only when a configuration file is read, so a run
without one does not load pydantic.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from privcheck.checklist.yamlsource import PosDict, key_mark, load_yaml, mark_at
from privcheck.config import output_formats, parse_report_target
from privcheck.errors import ChecklistError, ConfigError
from privcheck.gates import FailOn, FailUnder, GateError
from privcheck.matchers import did_you_mean


def _report_target(value: str) -> str:
    parse_report_target(value)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Ignore(_Strict):
    """One suppression: an item ID, the reason, and optionally the policy files it applies to."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", description="The item ID, e.g. PIPL-CROSS-BORDER.")
    reason: str = Field(description="Why the gap is accepted; required.")
    paths: list[str] = Field(default_factory=list, description="Glob patterns of policy files (relative to the config); default: all.")

    @field_validator("reason")
    @classmethod
    def _reason_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a suppression needs a reason")
        return value.strip()


class ConfigSpec(_Strict):
    policies: list[str] = Field(default_factory=list, description="Policy files checked when none is given.")
    checklists: list[str] = Field(default_factory=list, description="Checklist IDs or files.")
    format: str | None = Field(None, description="Output format, as --format.")
    output: str | None = Field(None, description="File for the report, as --output.")
    reports: list[Annotated[str, AfterValidator(_report_target)]] = Field(default_factory=list, description="Extra reports, FORMAT:FILE, as --report.")
    fail_on: str | None = Field(None, alias="fail-on", description="As --fail-on.")
    fail_under: str | None = Field(None, alias="fail-under", description="As --fail-under.")
    baseline: str | None = Field(None, description="As --baseline.")
    ignore: list[Ignore] = Field(default_factory=list, description="Suppressions, each with a reason.")

    @field_validator("format")
    @classmethod
    def _format(cls, value: str | None) -> str | None:
        if value is not None and value not in output_formats():
            raise ValueError(f"unknown format {value!r}{did_you_mean(value, output_formats())} (known: {', '.join(output_formats())})")
        return value

    @field_validator("fail_on")
    @classmethod
    def _fail_on(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                FailOn.parse(value)
            except GateError as exc:
                raise ValueError(str(exc).removeprefix("--fail-on: ")) from None
        return value

    @field_validator("fail_under", mode="before")
    @classmethod
    def _fail_under(cls, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError("expected a score from 0 to 100 or a grade A-F")
        try:
            FailUnder.parse(value)
        except GateError as exc:
            raise ValueError(str(exc).removeprefix("--fail-under: ")) from None
        return str(value)


def from_yaml(text: str, display: str) -> tuple[ConfigSpec, list[str]]:
    """The validated settings of a `.privcheck.yaml` and the file:line:column of each `ignore` entry."""
    try:
        root = load_yaml(text, display)
    except ChecklistError as exc:
        raise ConfigError(str(exc)) from None
    if root is None:
        root = PosDict()
        root.mark, root.key_marks, root.value_marks = None, {}, {}  # type: ignore[assignment]
    if not isinstance(root, PosDict):
        raise ConfigError(f"{getattr(root, 'mark', display)}: expected a mapping of settings (policies, checklists, ignore, ...)")
    try:
        spec = ConfigSpec.model_validate(root)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:10]:
            location = tuple(error["loc"])
            mark = key_mark(root, location) if error["type"] == "extra_forbidden" else mark_at(root, location)
            problems.append(f"{mark or display}: {_describe(error, location)}")
        raise ConfigError("\n".join(problems)) from None
    ignore = root.get("ignore") or []
    marks = [str(ignore.item_marks[i]) if hasattr(ignore, "item_marks") else display for i in range(len(spec.ignore))]
    return spec, marks


def from_toml(text: str, display: str) -> tuple[ConfigSpec, list[str]]:
    """The validated `[tool.privcheck]` settings of a pyproject.toml and where each `ignore` entry is."""
    try:
        table = tomllib.loads(text).get("tool", {}).get("privcheck")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: TOML syntax error: {exc}") from None
    if table is None:
        raise ConfigError(f"{display}: has no [tool.privcheck] table")
    try:
        spec = ConfigSpec.model_validate(table)
    except ValidationError as exc:
        problems = [f"{display}: [tool.privcheck] {_describe(e, tuple(e['loc']))}" for e in exc.errors()[:10]]
        raise ConfigError("\n".join(problems)) from None
    marks = [f"{display}: [tool.privcheck] ignore[{i}]" for i in range(len(spec.ignore))]
    return spec, marks


def _dotted(location: tuple[Any, ...]) -> str:
    out = ""
    for step in location:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _describe(error: Mapping[str, Any], location: tuple[Any, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = location[:-1]
        model: type[BaseModel] = Ignore if parent and parent[0] == "ignore" else ConfigSpec
        allowed = [f.alias or name for name, f in model.model_fields.items()]
        hint = did_you_mean(str(location[-1]), allowed)
        where = _dotted(parent)
        return f"{where + ': ' if where else ''}unknown key {location[-1]!r}{hint or ' (expected one of: ' + ', '.join(allowed) + ')'}"
    if kind == "missing":
        where = _dotted(location[:-1])
        extra = "; every suppression needs one" if location[-1] == "reason" else ""
        return f"{where + ': ' if where else ''}missing required key {location[-1]!r}{extra}"
    got = error.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    message = error["msg"].removeprefix("Value error, ")
    if kind == "value_error":
        return f"{_dotted(location)}: {message}"
    if kind == "list_type":
        message = "expected a list"
    elif kind == "string_type":
        message = "expected text"
    elif kind == "string_pattern_mismatch":
        message = "expected an item ID of letters, digits, '-', '_' and '.'"
    return f"{_dotted(location)}: {message}, got {shown}"
