"""The rooms of docs' ARCHITECTURE.md hold: no import cycle, no upward import, no hidden wiring.

The import graph is read from the source with :mod:`ast`: module-level imports and the
imports inside functions (the lazy ones) alike, relative imports resolved, ``from P import
x`` counted as an import of the submodule ``P.x`` when there is one and of ``P``'s
``__init__`` otherwise.  Importing ``P.x`` runs ``P/__init__.py`` first, but that implied
edge is not drawn: a package's ``__init__`` re-exporting its own submodules is no cycle,
while a submodule importing its own package's ``__init__`` back is one (and is reported).
Imports under ``if TYPE_CHECKING:`` never run, so they make no cycle; they still have to
respect the rooms, since the annotations they serve are part of the room's design.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ptce_kit"

# --- the rooms --------------------------------------------------------------------------
#
# Module (or package) -> room.  The longest matching prefix decides.  Beyond the table of
# ARCHITECTURE.md, the top-level modules stand here:
#   * ``columns`` (the members' table: fields and French/English headers, shared by the
#     spreadsheet and the registry, so that loading io does not load the model),
#   * ``grammar`` (articles, elision, agreement, plurals: stdlib and Babel) is ground floor;
#   * ``cells`` (the one spreadsheet cell writer, formula guard included) and ``parallel``
#     (forked processes) depend on no room: ground floor, next to errors/files/i18n/reference;
#   * ``privacy`` makes the copies meant for sharing (Pole -> Pole) and keeps the pseudonym
#     secret: above ``model`` only, so that io, render and the faces may all use it;
#     its operations on files (``anonymize_file``, ``purge``) live in ``io.privacy``;
#   * ``synth`` draws synthetic poles: above ``model`` only;
#   * ``summary`` (the short account of a pole) counts ESS enterprises as the criteria do;
#   * ``exports`` is the table of ``ptce export --to`` formats, over io and network;
#   * ``pipeline`` (``ptce build``) runs the documents and the maps: it may use every room
#     but the faces, as ``scaffold`` (``ptce new``) may use io and model;
#   * ``__main__`` and ``launch`` (the ``ptce`` program's entry point, which forks the
#     build's map drawer before the command line is imported) are part of the CLI face; ``ptce_kit/__init__.py`` is the façade that
#     exports the public API lazily: it may name any room, and no module may import it.
ROOM_OF = {
    "ptce_kit.errors": "ground", "ptce_kit.files": "ground", "ptce_kit.i18n": "ground",
    "ptce_kit.reference": "ground", "ptce_kit.cells": "ground", "ptce_kit.parallel": "ground",
    "ptce_kit.columns": "ground", "ptce_kit.grammar": "ground",
    "ptce_kit.model": "model",
    "ptce_kit.privacy": "privacy",
    "ptce_kit.synth": "synth",
    "ptce_kit.io": "io",
    "ptce_kit.network": "network",
    "ptce_kit.criteria": "criteria",
    "ptce_kit.summary": "summary",
    "ptce_kit.comparison": "compare",
    "ptce_kit.render": "render",
    "ptce_kit.exports": "exports",
    "ptce_kit.observatory": "observatory",
    "ptce_kit.pipeline": "pipeline",
    "ptce_kit.scaffold": "scaffold",
    "ptce_kit.cli": "cli", "ptce_kit.__main__": "cli", "ptce_kit.launch": "cli",
    "ptce_kit.serve": "serve",
    "ptce_kit": "facade",
}

# Room -> the rooms it may import (besides itself).  Every room may enter the ground floor.
MAY_IMPORT = {
    "ground": set(),
    "model": set(),
    "privacy": {"model"},
    "synth": {"model"},
    "io": {"model", "privacy"},
    "network": {"model"},
    "criteria": {"model", "network"},
    "summary": {"model", "criteria"},
    "compare": {"model", "network", "criteria"},
    "render": {"model", "network", "criteria", "privacy", "summary"},
    "exports": {"model", "io", "network"},
    "observatory": {"model", "network", "criteria", "compare", "render", "privacy", "summary"},
    "pipeline": {"model", "io", "network", "criteria", "render", "privacy", "summary"},
    "scaffold": {"model", "io"},
    "cli": {"*"},
    "serve": {"*"},
    "facade": {"*"},
}
# Nothing imports the faces, nor the façade (which would import everything back); the one
# exception is the command that starts the web face, ``ptce serve`` (ptce_kit/cli/serve.py).
NOBODY_IMPORTS = {"cli", "serve", "facade"}
STARTS_THE_WEB_FACE = "ptce_kit.cli.serve"


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    type_checking: bool


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports_of(name: str) -> list[Import]:
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_checking)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ptce_kit":
                    found.append(Import(name, alias.name, node.lineno, type_checking))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] == "ptce_kit":
                for alias in node.names:
                    submodule = f"{module}.{alias.name}"
                    found.append(Import(name, submodule if submodule in MODULES else module, node.lineno,
                                        type_checking))
        for child in ast.iter_child_nodes(node):
            visit(child, type_checking)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), False)
    return found


IMPORTS = [imp for name in MODULES for imp in _imports_of(name)]


def room_of(module: str) -> str:
    while module not in ROOM_OF:
        module = module.rpartition(".")[0]
    return ROOM_OF[module]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_the_graph_is_read_from_the_source():
    # The reader itself: a relative, a lazy and a TYPE_CHECKING import are all seen.
    targets = {(imp.source, imp.target, imp.type_checking) for imp in IMPORTS}
    assert ("ptce_kit.files", "ptce_kit.errors", False) in targets  # from .errors import ...
    assert ("ptce_kit.cli.build", "ptce_kit.pipeline", False) in targets  # inside the command
    assert ("ptce_kit", "ptce_kit.pipeline", True) in targets  # the façade's names for mypy
    assert all(imp.target in MODULES for imp in IMPORTS), [i for i in IMPORTS if i.target not in MODULES]


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _strongly_connected(graph) == [["a", "b", "c"]]


def test_no_import_cycle():
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for imp in IMPORTS:
        if not imp.type_checking and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    cycles = _strongly_connected(graph)
    assert not cycles, "import cycles (each line one strongly connected set of modules):\n" + "\n".join(
        " <-> ".join(c) for c in cycles)


def test_every_module_has_a_room():
    assert {room_of(name) for name in MODULES} <= set(MAY_IMPORT)


def test_no_import_the_rooms_forbid():
    wrong = []
    for imp in IMPORTS:
        source, target = room_of(imp.source), room_of(imp.target)
        allowed = MAY_IMPORT[source]
        if source == target and target != "facade":
            continue
        if target in NOBODY_IMPORTS and not (source == "cli" and target == "cli") \
                and not (imp.source == STARTS_THE_WEB_FACE and target == "serve"):
            wrong.append(imp)
        elif target != "ground" and "*" not in allowed and target not in allowed:
            wrong.append(imp)
    assert not wrong, "imports the rooms of ARCHITECTURE.md forbid:\n" + "\n".join(
        f"{MODULES[i.source].relative_to(PACKAGE.parent)}:{i.line}: {i.source} ({room_of(i.source)}) "
        f"imports {i.target} ({room_of(i.target)})" for i in wrong)


WIRING = re.compile(r"^\.?[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


def test_no_module_is_named_in_a_string():
    # "module:function" strings and importlib.import_module hide imports from this graph
    # (and from mypy); the façade's lazy table is the one place allowed to name modules.
    found = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and WIRING.match(node.value) \
                    and node.value.startswith(("ptce_kit.", ".")):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value!r}")
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) \
                    == "import_module" and name != "ptce_kit":
                argument = node.args[0] if node.args else None
                text = ast.unparse(argument) if argument is not None else ""
                if not text.startswith(("'stdnum.", "f'stdnum.")):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: import_module({text})")
    assert not found, "\n".join(found)


def test_no_module_is_callable_nor_named_as_a_public_function():
    # ``ptce_kit.build`` and ``ptce_kit.compare`` are functions: no submodule may bear the
    # name of a name the package exports, or importing it would rebind that name.
    import ptce_kit

    top_level = {name.split(".")[1] for name in MODULES if name.count(".") >= 1}
    assert not top_level & set(ptce_kit._LAZY), top_level & set(ptce_kit._LAZY)
    assert not (PACKAGE / "_callable.py").exists()


def test_the_facade_declares_for_type_checkers_what_it_exports_lazily():
    import ptce_kit

    declared = {}
    tree = ast.parse(MODULES["ptce_kit"].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                module = "ptce_kit" + ("." + statement.module if statement.module else "")
                for alias in statement.names:
                    declared[alias.asname or alias.name] = module
    assert {k: v for k, v in declared.items() if k in ptce_kit._LAZY} == ptce_kit._LAZY
    assert set(ptce_kit._LAZY) <= set(declared)


@pytest.mark.parametrize("name", ["build", "compare", "check", "load_pole", "Pole"])
def test_public_names_are_what_they_say_whatever_was_imported_first(name):
    import subprocess
    import sys

    # Import every module first, then ask the package: the name is still the function.
    code = ("import importlib, ptce_kit\n"
            f"for m in {sorted(n for n in MODULES if not n.startswith(('ptce_kit.cli', 'ptce_kit.__main__')))!r}:\n"
            "    importlib.import_module(m)\n"
            f"obj = ptce_kit.{name}\n"
            f"print(type(obj).__name__, obj.__module__, obj is getattr(importlib.import_module(ptce_kit._LAZY[{name!r}]), {name!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    kind, module, same = done.stdout.split()
    assert kind in {"function", "ModelMetaclass"} and same == "True", (kind, module)
