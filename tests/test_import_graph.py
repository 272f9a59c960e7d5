"""The package's imports flow one way: no cycle, and no module imports from a layer above its own.

The layers, lowest first, are written down here and in CONTRIBUTING.md ("Where code lives"); a
module stands in the first layer that names it or a package holding it. Every import counts:
at the top of a module, inside a function (a lazy import is still a dependency), and under
``TYPE_CHECKING``. A new module must be given a layer here, which is the point: deciding where a
module stands is deciding what it may import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "provenance"

#: Lowest first. A module may import from its own layer and the layers below it, never above.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", (
        "provenance.model", "provenance.logsafe", "provenance.logs", "provenance.caches", "provenance.version",
        "provenance.htmltree", "provenance.globs", "provenance.walk", "provenance.config_files", "provenance.fetch",
        "provenance.stages",
    )),
    ("dates", ("provenance.dates",)),
    ("platforms", ("provenance.platforms", "provenance.posted")),
    ("article dates", ("provenance.published",)),
    ("extraction", ("provenance.extract", "provenance.cite")),
    ("rules", ("provenance.rules", "provenance.suppress")),
    ("configuration", ("provenance.options", "provenance.config", "provenance.baseline", "provenance.online")),
    ("linter", ("provenance.linter",)),
    ("inputs", ("provenance.sources", "provenance.load", "provenance.checking", "provenance")),
    ("formats", ("provenance.formats", "provenance.output", "provenance.citestyles")),
    ("runs", ("provenance.engines", "provenance.audit", "provenance.state")),
    ("commands", ("provenance.commands", "provenance.cli", "provenance.__main__")),
)  # fmt: skip


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str:
    """The module an imported name lives in: itself, else the nearest package or module holding it."""
    while name not in MODULES and "." in name:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(module imported, line) for every import of the package's own modules in ``path``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "provenance":
                    yield _resolve(alias.name), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if base.split(".")[0] != "provenance":
                continue
            for alias in node.names:
                # "from provenance import caches" imports a module; "from provenance.model import X" a name.
                full = f"{base}.{alias.name}"
                yield (full if full in MODULES else _resolve(base)), node.lineno


def _graph() -> dict[str, dict[str, int]]:
    """Who imports whom: importer -> {imported: first line}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        edges = graph.setdefault(module, {})
        for imported, line in _imports(module, path):
            if imported != module:
                edges.setdefault(imported, line)
    return graph


def _layer(module: str) -> int | None:
    """The index of the layer ``module`` stands in: the first that names it or a package holding it."""
    for index, (_, prefixes) in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes if prefix != "provenance"):
            return index
    for index, (_, prefixes) in enumerate(LAYERS):
        if module in prefixes:  # the package itself, "provenance": its __init__ only
            return index
    return None


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


GRAPH = _graph()


def test_the_graph_is_read() -> None:
    """The parser sees the package's imports: the linter's, a lazy one and a relative-free package import."""
    assert {"provenance.extract", "provenance.rules", "provenance.model"} <= set(GRAPH["provenance.linter"])
    assert "provenance.dates._babel" in GRAPH["provenance.dates._cldr"]  # imported inside functions
    assert "provenance.caches" in GRAPH["provenance.globs"]  # "from provenance import caches"


def test_every_module_has_a_layer() -> None:
    """Each module of the package stands in one of the layers written down here."""
    assert [module for module in MODULES if _layer(module) is None] == []


def test_no_import_cycle() -> None:
    """No modules import each other in a loop, directly or through others."""
    assert _cycles(GRAPH) == []


def test_no_import_from_a_higher_layer() -> None:
    """No module imports from a layer above its own."""
    upward = []
    for module, edges in GRAPH.items():
        own = _layer(module)
        for imported, line in edges.items():
            theirs = _layer(imported)
            if own is not None and theirs is not None and theirs > own:
                upward.append(f"{MODULES[module].relative_to(ROOT)}:{line}: {module} ({LAYERS[own][0]}) imports "
                              f"{imported} ({LAYERS[theirs][0]})")
    assert upward == []


def test_the_checks_catch_a_cycle_and_an_upward_import() -> None:
    """The cycle finder and the layer order report what they are for, on a made-up graph."""
    assert _cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [["a", "b", "c"]]
    assert _layer("provenance.model") == 0 < _layer("provenance.linter") < _layer("provenance")  # type: ignore[operator]
    assert _layer("provenance.commands.check") == len(LAYERS) - 1
    assert _layer("provenance.rules.base") == _layer("provenance.rules")


def test_contributing_lists_the_same_layers() -> None:
    """CONTRIBUTING.md names the layers in this order."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    positions = [text.find(f"**{name}**") for name, _ in LAYERS]
    assert -1 not in positions and positions == sorted(positions)


def test_tests_import_shared_code_from_helpers() -> None:
    """Tests take shared paths and functions from tests/helpers.py; conftest.py is pytest's alone."""
    importers = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if (isinstance(node, ast.ImportFrom) and node.module == "conftest")
        or (isinstance(node, ast.Import) and any(alias.name == "conftest" for alias in node.names))
    ]
    assert importers == []
