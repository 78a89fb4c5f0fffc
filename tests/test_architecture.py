"""The library knows nothing of the command line: core modules import neither typer nor rich."""

from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "privcheck"
PRESENTATION = {"typer", "rich", "click"}


def imported_modules(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_does_not_import_the_cli_the_renderers_or_terminal_libraries():
    """The command line and the output formats sit on top of the library: no library module
    imports them, not even late (inside a function). `privcheck.records` gives the plain-data form
    of results and `privcheck.formats` the format names."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("cli", "render") or relative.name == "__main__.py":
            continue
        for module in imported_modules(path):
            root = module.split(".")[0]
            if root in PRESENTATION or module.startswith(("privcheck.cli", "privcheck.render")):
                offenders.append(f"{relative}: imports {module}")
    assert not offenders, "\n".join(offenders)


def test_library_code_never_prints_or_exits():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli" or relative.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "exit"):
                offenders.append(f"{relative}:{node.lineno}: {node.func.id}()")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "exit" \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "sys":
                offenders.append(f"{relative}:{node.lineno}: sys.exit()")
    assert not offenders, "\n".join(offenders)


def test_the_format_names_are_those_of_the_renderers():
    from privcheck.formats import REPORT_FORMATS
    from privcheck.render import RENDERERS

    assert list(REPORT_FORMATS) == list(RENDERERS)


# The commands that check documents go through privcheck.run; none runs the engine, applies
# suppressions or evaluates gates itself.
PIPELINE_COMMANDS = ("check.py", "scan.py", "ci.py", "fix_draft.py")
PIPELINE_INTERNALS = {"privcheck.engine", "privcheck.suppressions", "privcheck.gates", "privcheck.checklist",
                      "privcheck.document", "privcheck.document.inputs"}


def test_the_commands_share_one_pipeline():
    offenders = []
    for name in PIPELINE_COMMANDS:
        path = PACKAGE / "cli" / name
        for module in imported_modules(path):
            if module in PIPELINE_INTERNALS:
                offenders.append(f"cli/{name}: imports {module} (use privcheck.run)")
    assert not offenders, "\n".join(offenders)
    # The pipeline itself is library code: it knows nothing of the command line or the renderers.
    assert not {m for m in imported_modules(PACKAGE / "run.py") if m.startswith(("privcheck.cli", "privcheck.render"))}


# The layers of the library, lowest first. A module may import privcheck modules of its own layer
# or of a lower one, never of a higher one, not even late (inside a function).
LAYERS = (
    ("privcheck.errors", "privcheck.files", "privcheck.paths", "privcheck.usercache", "privcheck.textsearch"),
    ("privcheck.detectors",),
    ("privcheck.document", "privcheck.matchers"),
)


def layer_of(module: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return rank
    return None


def test_textsearch_and_detectors_depend_only_downward():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        own = layer_of(".".join(("privcheck", *relative.with_suffix("").parts)).removesuffix(".__init__"))
        if own is None:
            continue
        for module in imported_modules(path):
            if not module.startswith("privcheck"):
                continue
            other = layer_of(module)
            if other is None or other > own:
                offenders.append(f"{relative}: imports {module}")
    assert not offenders, "\n".join(offenders)
