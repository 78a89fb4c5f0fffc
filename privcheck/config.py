"""Project configuration: `.privcheck.yaml` or `[tool.privcheck]` in `pyproject.toml`.

Discovery, as ruff does it: from the working directory upwards, the first folder with a
`.privcheck.yaml` (or `.privcheck.yml`), or a `pyproject.toml` that has a `[tool.privcheck]`
table, gives the configuration. `--config FILE` names one; `--isolated` ignores them all.
Paths in a configuration (policies, checklist files, baseline, report files, suppression `paths`)
are relative to the folder that holds it. Options on the command line win over the file.

Problems are reported with file:line:column for YAML (as for checklists) and with the key for
TOML, and stop the run with exit code 2.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from privcheck.checklist.yamlsource import PosDict, key_mark, load_yaml, mark_at
from privcheck.errors import ChecklistError, ConfigError
from privcheck.gates import FailOn, FailUnder, GateError
from privcheck.matchers import did_you_mean
from privcheck.suppressions import Suppression

YAML_NAMES = (".privcheck.yaml", ".privcheck.yml")


def output_formats() -> list[str]:
    from privcheck.render import RENDERERS

    return [*RENDERERS, "auto"]


def parse_report_target(text: str) -> tuple[str, str]:
    """`FORMAT:FILE` (as given to --report) -> (format, file); ValueError if unreadable."""
    name, colon, target = text.partition(":")
    if not colon or not target or name not in output_formats():
        raise ValueError(
            f"expected FORMAT:FILE with FORMAT one of {', '.join(output_formats())} (e.g. sarif:privcheck.sarif), got {text!r}")
    return name, target


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


@dataclass
class Config:
    spec: ConfigSpec
    path: Path
    marks: list[str]  # file:line:column of each `ignore` entry, for unused-suppression warnings

    @property
    def folder(self) -> Path:
        return self.path.parent

    def resolve(self, relative: str) -> str:
        """A path written in the config, as a path usable from the working directory."""
        path = Path(relative)
        if path.is_absolute():
            return str(path)
        return os.path.relpath(self.folder / path)

    def checklists(self) -> list[str]:
        """Checklist references: bundled IDs as they are, files relative to the config."""
        out = []
        for reference in self.spec.checklists:
            looks_like_path = reference.endswith((".yaml", ".yml")) or "/" in reference or os.sep in reference
            out.append(self.resolve(reference) if looks_like_path else reference)
        return out

    def suppressions(self) -> list[Suppression]:
        return [
            Suppression(i.id, i.reason, mark, tuple(i.paths), str(self.folder))
            for i, mark in zip(self.spec.ignore, self.marks)
        ]


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "privcheck" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def discover(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file that applies in `start` (default: the working directory), if any."""
    folder = Path(start or os.getcwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a configuration file; every problem is a ConfigError naming the place."""
    file = Path(path)
    display = str(file)
    if file.is_absolute() and not os.path.relpath(file).startswith(".."):
        display = os.path.relpath(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{display}: no such configuration file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display}: the configuration is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read the configuration: {exc.strerror or exc}") from None
    if file.name == "pyproject.toml":
        return _from_toml(text, file, display)
    return _from_yaml(text, file, display)


def _from_yaml(text: str, file: Path, display: str) -> Config:
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
    return Config(spec, file.resolve(), marks)


def _from_toml(text: str, file: Path, display: str) -> Config:
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
    return Config(spec, file.resolve(), marks)


def _dotted(location: tuple[Any, ...]) -> str:
    out = ""
    for step in location:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _describe(error: dict[str, Any], location: tuple[Any, ...]) -> str:
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


STARTER = """\
# privcheck configuration. Paths are relative to this file.
# Options given on the command line win over these settings; `privcheck check --isolated`
# ignores this file.

# Policies checked when `privcheck check` is run without file arguments.
policies:
  - privacy-policy.md

# Bundled checklist IDs (pipl, gdpr) or YAML files. Default: every bundled checklist.
checklists:
  - pipl
  - gdpr

# Output on standard output: text, json, markdown, github, sarif, junit or auto
# (auto: github annotations inside GitHub Actions, text elsewhere).
format: auto

# Extra reports written in the same run, FORMAT:FILE.
# reports:
#   - sarif:privcheck.sarif
#   - junit:privcheck-junit.xml

# Gates: what fails the run (exit code 1).
# fail-on: STATUS[:SEVERITY]. STATUS fail or partial (partial or worse); SEVERITY required
# (required and triggered conditional items) or recommended (every item); or none.
fail-on: fail:required
# fail-under: a score from 0 to 100 or a grade; every checklist must reach it.
# fail-under: B

# Fail only on results that are new since a recorded run (privcheck check --write-baseline FILE).
# baseline: .privcheck-baseline.json

# Suppressions: each needs a reason. Suppressed items stay in the report as `suppressed`.
# ignore:
#   - id: PIPL-CROSS-BORDER
#     reason: We have no recipients outside China.
#     paths: [docs/privacy-cn.md]
"""
