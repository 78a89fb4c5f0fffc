"""Checklists: the YAML format, loading and validation, and compiled checklists.

The names below are imported on first use: a module that needs only the light parts (the specs
of `privcheck.checklist.specs`, say) does not load the matchers with them, so commands start fast.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from privcheck.checklist.loader import bundled_ids, load_checklist
    from privcheck.checklist.model import Checklist, CompiledItem
    from privcheck.checklist.specs import Severity

_LAZY = {
    "bundled_ids": "privcheck.checklist.loader",
    "load_checklist": "privcheck.checklist.loader",
    "Checklist": "privcheck.checklist.model",
    "CompiledItem": "privcheck.checklist.model",
    "Severity": "privcheck.checklist.specs",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist format (see `privcheck.checklist.schema`)."""
    from privcheck.checklist.schema import json_schema as build

    return build()


__all__ = ["Checklist", "CompiledItem", "Severity", "bundled_ids", "json_schema", "load_checklist"]
