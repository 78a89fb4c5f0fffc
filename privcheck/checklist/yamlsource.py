"""Safe YAML loading that remembers where every key and value was written.

Checklists are untrusted input: only `yaml.SafeLoader` constructs are allowed. The mappings and
lists it returns are ordinary `dict` and `list` subclasses that also carry 1-based line/column marks,
so a validation error deep in an item can say exactly where it is. Duplicate keys are errors
(plain YAML would silently keep the last one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from privcheck.errors import ChecklistError, SourceMark


class PosDict(dict):
    """A mapping with the marks of its own start, its keys and its values."""

    mark: SourceMark
    key_marks: dict[Any, SourceMark]
    value_marks: dict[Any, SourceMark]


class PosList(list):
    mark: SourceMark
    item_marks: list[SourceMark]


def _mark(path: str, node: yaml.Node) -> SourceMark:
    return SourceMark(path, node.start_mark.line + 1, node.start_mark.column + 1)


# libyaml's parser when PyYAML was built with it (much faster on large checklists); the
# constructors below, which decide what a node may become, are the safe ones either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader_class(path: str) -> type[yaml.SafeLoader]:
    class PositionLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep)
            self.flatten_mapping(node)
            result = PosDict()
            result.mark = _mark(path, node)
            result.key_marks = {}
            result.value_marks = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise ChecklistError("a mapping key must be a plain value", _mark(path, key_node)) from None
                if key in result:
                    first = result.key_marks[key]
                    raise ChecklistError(
                        f"duplicate key {key!r} (first given at line {first.line})", _mark(path, key_node)
                    )
                result[key] = self.construct_object(value_node, deep=True)
                result.key_marks[key] = _mark(path, key_node)
                result.value_marks[key] = _mark(path, value_node)
            return result

        def construct_sequence(self, node, deep=False):  # type: ignore[override]
            result = PosList(self.construct_object(child, deep=True) for child in node.value)
            result.mark = _mark(path, node)
            result.item_marks = [_mark(path, child) for child in node.value]
            return result

    PositionLoader.add_constructor("tag:yaml.org,2002:map", PositionLoader.construct_mapping)
    PositionLoader.add_constructor("tag:yaml.org,2002:seq", PositionLoader.construct_sequence)
    return PositionLoader


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text safely; syntax errors become ChecklistError with line and column."""
    try:
        return yaml.load(text, Loader=_loader_class(path))  # noqa: S506 - a SafeLoader subclass
    except ChecklistError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceMark(path, mark.line + 1, mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context != exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        raise ChecklistError(f"YAML syntax error: {problem}", where, path) from None
    except yaml.YAMLError as exc:
        raise ChecklistError(f"YAML error: {exc}", None, path) from None


def mark_at(root: Any, location: Sequence[Any], fallback: SourceMark | None = None) -> SourceMark | None:
    """The mark of the deepest node along `location` (keys and list indexes) under `root`."""
    best = getattr(root, "mark", fallback)
    node = root
    for step in location:
        if isinstance(node, PosDict) and step in node:
            best = node.value_marks.get(step, best)
            node = node[step]
        elif isinstance(node, PosDict):
            # An unknown or missing key: point at the key itself if it exists, else the mapping.
            best = node.key_marks.get(step, node.mark)
            break
        elif isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_marks[step]
            node = node[step]
        else:
            break
    return best


def key_mark(root: Any, location: Sequence[Any]) -> SourceMark | None:
    """The mark of the key named by the last step of `location` (for unknown-key errors)."""
    parent = root
    for step in location[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return mark_at(root, location)
    if isinstance(parent, PosDict) and location and location[-1] in parent.key_marks:
        return parent.key_marks[location[-1]]
    return mark_at(root, location)
