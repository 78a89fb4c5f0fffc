"""Reading a checklist file: parsing, validation, inheritance (`extends`) and compilation.

Every problem becomes a ChecklistError that names the file, line and column and says what was
expected. This is the slow path, taken when a checklist is not already compiled in this process
or in the cache (see `privcheck.checklist.loader`); it alone needs YAML and pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from privcheck.checklist.cache import digest
from privcheck.checklist.loader import resolve_reference
from privcheck.checklist.model import Checklist, CompiledElement, CompiledItem, HeadingWords
from privcheck.checklist.schema import ChecklistSpec, Element, Grading, Item, Override
from privcheck.checklist.specs import GradingSpec, ItemSpec, plain
from privcheck.checklist.yamlsource import PosDict, key_mark, load_yaml, mark_at
from privcheck.errors import ChecklistError, SourceMark
from privcheck.matchers import CompileContext, SpecError, compile_matcher, did_you_mean
from privcheck.matchers.phrases import check_phrase_list as phrase_list


@dataclass
class _Source:
    """One parsed checklist file."""

    spec: ChecklistSpec
    root: Any
    path: str


@dataclass
class _PendingItem:
    """A validated item not yet compiled, with where it was written (its file's tree, path and place)."""

    spec: Item
    root: Any
    path: str
    location: tuple[Any, ...]


def _read(path: Path, sources: dict[str, str] | None = None) -> _Source:
    """Parse and validate one file; record its SHA-256 in `sources` (for the compiled cache)."""
    display = str(path)
    try:
        data = path.read_bytes()
        # As read_text would: universal newlines, an optional UTF-8 BOM.
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise ChecklistError("is not UTF-8 text", path=display) from None
    except OSError as exc:
        raise ChecklistError(f"cannot be read: {exc.strerror or exc}", path=display) from None
    if sources is not None:
        sources[str(path.resolve())] = digest(data)
    root = load_yaml(text, display)
    if root is None:
        raise ChecklistError("is empty; a checklist needs at least id, title and items", path=display)
    if not isinstance(root, PosDict):
        raise ChecklistError("expected a mapping with id, title and items at the top level",
                             getattr(root, "mark", SourceMark(display, 1, 1)))
    try:
        spec = ChecklistSpec.model_validate(root)
    except ValidationError as exc:
        raise _validation_error(exc, root, display) from None
    _check_items(spec, root, display)
    return _Source(spec, root, display)


def _validation_error(exc: ValidationError, root: Any, path: str) -> ChecklistError:
    """Turn pydantic's errors into one message with a file:line:col for each problem."""
    lines: list[str] = []
    first: SourceMark | None = None
    for error in exc.errors()[:10]:
        location = tuple(error["loc"])
        kind = error["type"]
        where_text = _dotted(location)
        if kind == "extra_forbidden":
            parent = _node(root, location[:-1])
            allowed = _allowed_keys(location[:-1])
            hint = did_you_mean(str(location[-1]), allowed)
            mark = key_mark(root, location)
            message = f"unknown key {location[-1]!r}{hint}" + (f" (expected one of: {', '.join(allowed)})" if allowed and not hint else "")
            where_text = _dotted(location[:-1]) if parent is not None else where_text
        elif kind == "missing":
            mark = mark_at(root, location[:-1])
            message = f"missing required key {location[-1]!r}"
            where_text = _dotted(location[:-1])
        elif location and location[-1] == "[key]":  # a mapping key of the wrong form
            mark = key_mark(root, location[:-1])
            message = _expected(error)
            where_text = _dotted(location[:-1])
        else:
            mark = mark_at(root, location)
            message = _expected(error)
        first = first or mark
        lines.append(f"{mark or path}: {where_text + ': ' if where_text else ''}{message}")
    if len(exc.errors()) > 10:
        lines.append(f"... and {len(exc.errors()) - 10} more problems")
    problem = ChecklistError("\n".join(lines), None, path)
    problem.mark = first
    problem.args = ("\n".join(lines),)
    return problem


def _expected(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    got = error.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if kind == "enum":
        return f"expected one of {error['ctx']['expected']}, got {shown}"
    if kind in ("string_type", "string_pattern_mismatch"):
        base = "expected text" if kind == "string_type" else "expected an ID of letters, digits, '-', '_' and '.'"
        return f"{base}, got {shown}"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping")
        return f"expected {wanted}, got {shown}"
    if kind == "finite_number":
        return f"expected a finite number, got {shown}"
    if kind.startswith(("float", "int")) or kind in ("greater_than_equal", "less_than_equal"):
        context = error.get("ctx") or {}
        bounds = " from {ge:g} to {le:g}".format(**context) if "ge" in context and "le" in context else (
            f" >= {context['ge']:g}" if "ge" in context else (f" <= {context['le']:g}" if "le" in context else ""))
        if kind == "less_than_equal" and "le" in context:
            bounds = f" <= {context['le']:g}"
        return f"expected a number{bounds}, got {shown}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false, got {shown}"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _dotted(location: tuple[Any, ...]) -> str:
    out = ""
    for step in location:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _node(root: Any, location: tuple[Any, ...]) -> Any:
    node = root
    for step in location:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _allowed_keys(location: tuple[Any, ...]) -> list[str]:
    """The keys allowed at a location, for 'did you mean' hints."""
    names = [s for s in location if isinstance(s, str)]
    model: Any = ChecklistSpec
    if names:
        last = names[-1]
        model = {"items": Item, "elements": Element, "grading": Grading, "remediation": None,
                 "examples": None, "messages": None}.get(last, None)
        if last in ("remediation",):
            return ["en", "zh"]
        if last == "examples":
            return ["pass", "fail"]
        if last == "messages":
            return ["pass", "partial", "fail", "not_applicable"]
        if len(names) >= 2 and names[-2] == "overrides":
            model = Override
        if model is None:
            return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _check_items(spec: ChecklistSpec, root: Any, path: str) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(spec.items):
        where = ("items", index)
        if item.id in seen:
            first = mark_at(root, ("items", seen[item.id], "id"))
            raise ChecklistError(
                f"duplicate item ID {item.id!r} (first defined at line {first.line if first else '?'})",
                mark_at(root, where + ("id",)),
            )
        seen[item.id] = index
        if item.match is None and item.elements is None:
            raise ChecklistError(f"item {item.id}: give 'match' (one matcher) or 'elements' (several)", mark_at(root, where))
        if item.match is not None and item.elements is not None:
            raise ChecklistError(f"item {item.id}: give either 'match' or 'elements', not both", mark_at(root, where + ("match",)))
        if item.severity.value == "conditional" and item.trigger is None:
            raise ChecklistError(
                f"item {item.id}: a conditional item needs a 'trigger' (what makes it apply)",
                mark_at(root, where + ("severity",)),
            )
        element_ids: set[str] = set()
        for e_index, element in enumerate(item.elements or []):
            if element.id in element_ids:
                raise ChecklistError(f"item {item.id}: duplicate element ID {element.id!r}",
                                     mark_at(root, where + ("elements", e_index, "id")))
            element_ids.add(element.id)


def _collect(path: Path, stack: tuple[str, ...], sources: dict[str, str] | None = None,
             chain: list[_Source] | None = None) -> tuple[_Source, list[_PendingItem], list[str]]:
    """Parse a file and everything it extends; return it with its merged, overridden items.

    The SHA-256 of every file read goes into `sources`; every file read, the one extended first,
    into `chain`.
    """
    key = str(path.resolve())
    if key in stack:
        cycle = " -> ".join(Path(p).name for p in (*stack, key))
        raise ChecklistError(f"'extends' forms a cycle: {cycle}", path=str(path))
    source = _read(path, sources)
    items: list[_PendingItem] = []
    parents: list[str] = []
    if source.spec.extends:
        try:
            parent_path, _ = resolve_reference(source.spec.extends, path.parent)
        except ChecklistError as exc:
            raise ChecklistError(f"'extends: {source.spec.extends}': {exc.problem}",
                                 mark_at(source.root, ("extends",))) from None
        parent, items, parents = _collect(parent_path, (*stack, key), sources, chain)
        parents = [parent.spec.id, *parents]
        if source.spec.grading is None:
            source.spec.grading = parent.spec.grading
    by_id = {p.spec.id: i for i, p in enumerate(items)}
    for override_id, override in source.spec.overrides.items():
        if override_id not in by_id:
            raise ChecklistError(
                f"override of unknown item {override_id!r}{did_you_mean(override_id, list(by_id))}",
                key_mark(source.root, ("overrides", override_id)),
            )
        pending = items[by_id[override_id]]
        updates = {k: v for k, v in override.model_dump(exclude_unset=True, exclude={"disable"}).items()}
        pending.spec = pending.spec.model_copy(update=updates)
        if "trigger" in updates:
            pending.root, pending.path = source.root, source.path
            pending.location = ("overrides", override_id)
    disabled = {i for i, o in source.spec.overrides.items() if o.disable}
    items = [p for p in items if p.spec.id not in disabled]
    for index, item in enumerate(source.spec.items):
        pending = _PendingItem(item, source.root, source.path, ("items", index))
        if item.id in by_id and item.id not in disabled:
            items[[p.spec.id for p in items].index(item.id)] = pending
        else:
            items.append(pending)
    if chain is not None:
        chain.append(source)
    return source, items, parents


class _Vocabularies(Mapping[str, tuple[str, ...]]):
    """The vocabularies the definition of `name` (in `chain[level]`) may use: resolved on first use,
    so that unknown names and cycles are found where they are written."""

    def __init__(self, chain: list[_Source], done: dict[tuple[str, int], tuple[str, ...]],
                 stack: tuple[tuple[str, int], ...] = (), name: str | None = None, level: int = 0) -> None:
        self.chain, self.done, self.stack, self.name, self.level = chain, done, stack, name, level

    def _where(self, name: str) -> int | None:
        """The checklist of the chain whose definition of `name` is meant: the most derived one,
        or, in the definition of `name` itself, the one it inherits."""
        top = self.level - 1 if name == self.name else len(self.chain) - 1
        return next((k for k in range(top, -1, -1) if name in self.chain[k].spec.vocabularies), None)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name == self.name and self._where(name) is None:
            raise ChecklistError(
                f"vocabulary {name!r}: '${name}' in its own definition names the inherited vocabulary, "
                f"and no checklist it extends defines {name!r}",
                key_mark(self.chain[self.level].root, ("vocabularies", name)))
        return self._where(name) is not None

    def __getitem__(self, name: str) -> tuple[str, ...]:
        level = self._where(name) if name in self else None
        if level is None:
            raise KeyError(name)
        key = (name, level)
        if key in self.done:
            return self.done[key]
        source = self.chain[level]
        if key in self.stack:
            cycle = " -> ".join(f"${n}" for n, _ in (*self.stack[self.stack.index(key):], key))
            raise ChecklistError(f"vocabularies refer to each other in a cycle: {cycle}",
                                 key_mark(source.root, ("vocabularies", name)))
        scope = _Vocabularies(self.chain, self.done, (*self.stack, key), name, level)
        try:
            phrases = tuple(phrase_list(source.spec.vocabularies[name],
                                        CompileContext(("vocabularies", name), vocabularies=scope)))
        except SpecError as exc:
            raise ChecklistError(f"vocabulary {name!r}: {exc.message}", mark_at(source.root, exc.path)) from None
        self.done[key] = phrases
        return phrases

    def __iter__(self) -> Iterator[str]:
        names = {n for source in self.chain for n in source.spec.vocabularies}
        return iter(sorted(n for n in names if n != self.name or self._where(n) is not None))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def resolve_vocabularies(chain: list[_Source]) -> dict[str, tuple[str, ...]]:
    """Every vocabulary the last checklist of `chain` sees, name -> phrases.

    A checklist inherits the vocabularies of those it extends (`chain`, the one extended first);
    one of the same name replaces the inherited one everywhere, in inherited items and
    vocabularies too, and `$name` inside the definition of `name` is the inherited one. Unknown
    names and cycles are errors at their position.
    """
    scope = _Vocabularies(chain, {})
    return {name: scope[name] for name in scope}


def cap_regex_timeouts(spec: Any, ceiling: float) -> Any:
    """The matcher tree `spec` with every regex `timeout:` above `ceiling` lowered to it.

    `--regex-timeout` is a ceiling: a checklist may ask for less time, never more. Values that
    are not a valid timeout are left as written, for the regex matcher to report.
    """
    if isinstance(spec, list):
        capped_items = [cap_regex_timeouts(value, ceiling) for value in spec]
        return spec if all(a is b for a, b in zip(capped_items, spec)) else capped_items
    if not isinstance(spec, dict):
        return spec
    capped = {key: cap_regex_timeouts(value, ceiling) for key, value in spec.items()}
    regex = capped.get("regex")
    if isinstance(regex, dict):
        timeout = regex.get("timeout")
        if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and ceiling < timeout <= 60:
            capped["regex"] = {**regex, "timeout": ceiling}
    return spec if all(capped[key] is spec[key] for key in spec) else capped


def _compile_item(pending: _PendingItem, weights: dict[Any, float], timeout: float,
                  vocabularies: dict[str, tuple[str, ...]]) -> CompiledItem:
    item = pending.spec
    base = CompileContext(pending.location, item.threshold, timeout, item.id, vocabularies)

    def build(spec: Any, *steps: Any) -> Any:
        if spec is None:
            return None
        try:
            return compile_matcher(cap_regex_timeouts(spec, timeout), base.at(*steps))
        except SpecError as exc:
            where = key_mark if exc.key else mark_at
            raise ChecklistError(f"item {item.id}: {exc.message}", where(pending.root, exc.path)) from None

    if item.elements is not None:
        elements = [
            CompiledElement(e.id, e.title, build(e.match, "elements", i, "match"), e.essential)
            for i, e in enumerate(item.elements)
        ]
    else:
        elements = [CompiledElement("match", item.title, build(item.match, "match"), True)]
    return CompiledItem(
        spec=plain(item, ItemSpec),
        weight=item.weight if item.weight is not None else weights.get(item.severity, 1.0),
        trigger=build(item.trigger, "trigger"),
        pass_if=build(item.pass_if, "pass_if"),
        topic=build(item.topic, "topic"),
        elements=elements,
        source=mark_at(pending.root, pending.location),
        headings=_headings(item.headings),
    )


def _headings(phrases: list[str] | None) -> HeadingWords | None:
    """An item's heading words, matched without regard to case, as whole words."""
    words = [p.strip() for p in phrases or () if p.strip()]
    return HeadingWords(words) if words else None


def compile_checklist(path: str, bundled: bool, regex_timeout: float, reference: str,
                      sources: dict[str, str]) -> Checklist:
    """Read, validate and compile the checklist file at `path` (and what it extends).

    `reference` is how it was asked for (a bundled checklist is shown by it, e.g. `pipl`); the
    SHA-256 of every file read goes into `sources`.
    """
    chain: list[_Source] = []
    source, pending, parents = _collect(Path(path), (), sources, chain)
    vocabularies = resolve_vocabularies(chain)
    display = reference if bundled else path
    grading = source.spec.grading or Grading()
    items = [_compile_item(p, grading.weights, regex_timeout, vocabularies) for p in pending]
    return Checklist(
        id=source.spec.id, title=source.spec.title, version=source.spec.version,
        description=source.spec.description, grading=plain(grading, GradingSpec), items=items,
        path=display, bundled=bundled, extends=parents, vocabularies=vocabularies,
    )
