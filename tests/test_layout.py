"""The package's layout keeps its promises: no import cycle, nothing imports upward, no private imports.

Imports are read from the source (``ast``), lazy ones inside functions included, so a cycle hidden
behind a function-level import counts too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pipeline"
PACKAGE = "warta"

# Lower layers never import higher ones. A module's layer is that of its longest listed prefix.
LAYERS = {
    "warta.paths": 0, "warta.records": 0, "warta.lang": 0,
    "warta.rules": 1, "warta.tokenization": 1, "warta.langdetect": 1,
    "warta.components": 2,
    "warta.nlp": 3,
    "warta.backends": 4,
    "warta.batch": 5,
    "warta.evaluation": 6, "warta.visualize": 6,
    "warta.training": 7, "warta.benchmarks": 7,
    "warta.cli": 8, "warta": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([PACKAGE, *parts])


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def imports_of(path: Path, modules: dict[str, Path]) -> list[tuple[str, list[str]]]:
    """(imported warta module, names taken from it) for every import statement of the file."""
    found = []
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.split(".")[0] == PACKAGE]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != PACKAGE:
                continue
            names = [alias.name for alias in node.names]
            submodules = [f"{base}.{name}" for name in names if f"{base}.{name}" in modules]
            found += [(sub, []) for sub in submodules]
            found.append((base, [n for n in names if f"{base}.{n}" not in modules]))
    return [(target, names) for target, names in found if target in modules]


def layer_of(module: str) -> int:
    best = max((prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")), key=len)
    return LAYERS[best]


def edges() -> dict[str, set[str]]:
    modules = all_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _ in imports_of(path, modules):
            if target != name and not name.startswith(target + "."):   # a package's own parent is no edge
                graph[name].add(target)
    return graph


def test_every_module_has_a_layer():
    unplaced = [name for name in all_modules() if not any(name == p or name.startswith(p + ".") for p in LAYERS)]
    assert not unplaced


def test_no_import_cycles():
    graph = edges()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [node, nxt]) if nxt in trail
                              else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles


def test_nothing_imports_upward():
    upward = [f"{source} (layer {layer_of(source)}) imports {target} (layer {layer_of(target)})"
              for source, targets in edges().items() for target in targets
              if source != PACKAGE and layer_of(target) > layer_of(source)]
    assert not upward


def test_no_module_imports_another_modules_private_names():
    modules = all_modules()
    private = [f"{name} imports {target}.{taken}" for name, path in modules.items()
               for target, names in imports_of(path, modules) if target != name
               for taken in names if taken.startswith("_") and not taken.startswith("__")]
    assert not private


@pytest.mark.parametrize("engine", ["figures", "dates", "names"])
def test_rule_engines_do_not_import_spacy(engine):
    path = PACKAGE_DIR / "rules" / f"{engine}.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the pure rule engine of {engine} lives in warta/rules/")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "spacy" not in imported and "thinc" not in imported
