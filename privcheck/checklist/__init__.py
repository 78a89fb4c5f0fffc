"""Checklists: the YAML format, loading and validation, and compiled checklists."""

from privcheck.checklist.loader import bundled_ids, load_checklist
from privcheck.checklist.model import Checklist, CompiledItem
from privcheck.checklist.schema import Severity, json_schema

__all__ = ["Checklist", "CompiledItem", "Severity", "bundled_ids", "json_schema", "load_checklist"]
