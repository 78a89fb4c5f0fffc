"""Checklists: the YAML format, loading and validation, and compiled checklists."""

from typing import Any

from privcheck.checklist.loader import bundled_ids, load_checklist
from privcheck.checklist.model import Checklist, CompiledItem
from privcheck.checklist.specs import Severity


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist format (see `privcheck.checklist.schema`)."""
    from privcheck.checklist.schema import json_schema as build

    return build()


__all__ = ["Checklist", "CompiledItem", "Severity", "bundled_ids", "json_schema", "load_checklist"]
