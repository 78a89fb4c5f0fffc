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


def test_core_does_not_import_the_cli_or_terminal_libraries():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("cli", "render") or relative.name == "__main__.py":
            continue
        for module in imported_modules(path):
            root = module.split(".")[0]
            if root in PRESENTATION or module.startswith("privcheck.cli"):
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
