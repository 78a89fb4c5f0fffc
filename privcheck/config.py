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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from privcheck.errors import ConfigError
from privcheck.formats import REPORT_FORMATS
from privcheck.suppressions import Suppression

if TYPE_CHECKING:
    from privcheck.config_schema import ConfigSpec

YAML_NAMES = (".privcheck.yaml", ".privcheck.yml")


def output_formats() -> list[str]:
    return [*REPORT_FORMATS, "auto"]


def parse_report_target(text: str) -> tuple[str, str]:
    """`FORMAT:FILE` (as given to --report) -> (format, file); ValueError if unreadable."""
    name, colon, target = text.partition(":")
    if not colon or not target or name not in output_formats():
        raise ValueError(
            f"expected FORMAT:FILE with FORMAT one of {', '.join(output_formats())} (e.g. sarif:privcheck.sarif), got {text!r}")
    return name, target


@dataclass
class Config:
    """The settings read from a configuration file."""

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
    import tomllib

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
    # The validation models are imported only when there is a configuration to validate.
    from privcheck.config_schema import from_toml, from_yaml

    if file.name == "pyproject.toml":
        spec, marks = from_toml(text, display)
    else:
        spec, marks = from_yaml(text, display)
    return Config(spec, file.resolve(), marks)


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
