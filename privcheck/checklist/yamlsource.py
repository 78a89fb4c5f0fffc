"""Safe YAML loading that remembers where every key and value was written.

Checklists are untrusted input: only `yaml.SafeLoader` constructs are allowed. The mappings and
lists it returns are ordinary `dict` and `list` subclasses that also carry 1-based line/column marks,
so a validation error deep in an item can say exactly where it is. Duplicate keys are errors
(plain YAML would silently keep the last one).

Aliases (`*name`) make a small file stand for a huge tree (an "alias bomb": each level refers to
the one before twice). Every constructed mapping and list records how many nodes it stands for
with its aliases expanded; a file whose tree would exceed `NODE_BUDGET` nodes is refused at the
mapping or list where the budget runs out. Numbers must be finite: `.inf`, `.nan`, a float that
overflows (`1e400`) and an integer of more than `MAX_INTEGER_DIGITS` digits are errors with
their position.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import yaml

from privcheck.errors import ChecklistError, SourceMark


NODE_BUDGET = 200_000  # nodes of the expanded tree; the bundled checklists have a few thousand
MAX_INTEGER_DIGITS = 30


class PosDict(dict):
    """A mapping with the marks of its own start, its keys and its values.

    Each mark is made when first read (an error to report, an item's source): a checklist has
    thousands of keys and values, and a check points at almost none of them. The parser's own
    marks are kept until then: `start`, and `key_starts` and `value_starts` by key.
    """

    path: str
    start: Any
    key_starts: dict[Any, Any]
    value_starts: dict[Any, Any]
    expanded: int = 1

    @functools.cached_property
    def mark(self) -> SourceMark:
        return _source_mark(self.path, self.start)

    @functools.cached_property
    def key_marks(self) -> dict[Any, SourceMark]:
        return {key: _source_mark(self.path, start) for key, start in self.key_starts.items()}

    @functools.cached_property
    def value_marks(self) -> dict[Any, SourceMark]:
        return {key: _source_mark(self.path, start) for key, start in self.value_starts.items()}


class PosList(list):
    """A list with the marks of its own start and of its items, made when first read (see `PosDict`)."""

    path: str
    start: Any
    item_starts: list[Any]
    expanded: int = 1

    @functools.cached_property
    def mark(self) -> SourceMark:
        return _source_mark(self.path, self.start)

    @functools.cached_property
    def item_marks(self) -> list[SourceMark]:
        return [_source_mark(self.path, start) for start in self.item_starts]


def _expanded(value: Any) -> int:
    """How many nodes `value` stands for with its aliases expanded (scalars count one)."""
    return getattr(value, "expanded", 1) if isinstance(value, (PosDict, PosList)) else 1


def _over_budget(path: str, node: yaml.Node, size: int) -> ChecklistError:
    return ChecklistError(
        f"this value expands to more than {NODE_BUDGET:,} YAML nodes through its aliases (*name); "
        f"a checklist may not use aliases to multiply its size (an alias bomb)", _mark(path, node),
    )


def _mark(path: str, node: yaml.Node) -> SourceMark:
    return _source_mark(path, node.start_mark)


def _source_mark(path: str, start: yaml.Mark) -> SourceMark:
    """The 1-based position of a parser's (0-based) mark."""
    return SourceMark(path, start.line + 1, start.column + 1)


# libyaml's parser when PyYAML was built with it (much faster on large checklists); the
# constructors below, which decide what a node may become, are the safe ones either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRING_TAG = "tag:yaml.org,2002:str"


def _loader_class(path: str) -> type[yaml.SafeLoader]:
    class PositionLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
        def construct_child(self, node):
            """`construct_object(node, deep=True)`, with text (most nodes of a checklist) taken
            as it is: for a plain string the safe constructor returns the node's value."""
            if node.tag == _STRING_TAG and type(node) is yaml.ScalarNode:
                return node.value
            return self.construct_object(node, deep=True)

        def construct_mapping(self, node, deep=False):
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep)
            self.flatten_mapping(node)
            result = PosDict()
            result.path = path
            result.start = node.start_mark
            result.key_starts = {}
            result.value_starts = {}
            size = 1
            for key_node, value_node in node.value:
                key = self.construct_child(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise ChecklistError("a mapping key must be a plain value", _mark(path, key_node)) from None
                if key in result:
                    first = result.key_starts[key].line + 1
                    raise ChecklistError(f"duplicate key {key!r} (first given at line {first})", _mark(path, key_node))
                value = self.construct_child(value_node)
                size += 1 + _expanded(value)
                if size > NODE_BUDGET:
                    raise _over_budget(path, value_node, size)
                result[key] = value
                result.key_starts[key] = key_node.start_mark
                result.value_starts[key] = value_node.start_mark
            result.expanded = size
            return result

        def construct_sequence(self, node, deep=False):
            result = PosList()
            size = 1
            for child in node.value:
                value = self.construct_child(child)
                size += _expanded(value)
                if size > NODE_BUDGET:
                    raise _over_budget(path, child, size)
                result.append(value)
            result.path = path
            result.start = node.start_mark
            result.item_starts = [child.start_mark for child in node.value]
            result.expanded = size
            return result

        def construct_yaml_int(self, node):
            digits = sum(c.isdigit() for c in str(node.value))
            if digits > MAX_INTEGER_DIGITS:
                raise ChecklistError(f"a number of {digits:,} digits is too large (at most {MAX_INTEGER_DIGITS})",
                                     _mark(path, node))
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                raise ChecklistError(f"{node.value!r} is not a valid integer", _mark(path, node)) from None

        def construct_yaml_float(self, node):
            try:
                value = super().construct_yaml_float(node)
            except (ValueError, OverflowError):
                raise ChecklistError(f"{node.value!r} is not a valid number", _mark(path, node)) from None
            if not math.isfinite(value):
                raise ChecklistError(f"{node.value!r} is not a finite number; numbers in a checklist must be finite",
                                     _mark(path, node))
            return value

    PositionLoader.add_constructor("tag:yaml.org,2002:map", PositionLoader.construct_mapping)
    PositionLoader.add_constructor("tag:yaml.org,2002:seq", PositionLoader.construct_sequence)
    PositionLoader.add_constructor("tag:yaml.org,2002:int", PositionLoader.construct_yaml_int)
    PositionLoader.add_constructor("tag:yaml.org,2002:float", PositionLoader.construct_yaml_float)
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
