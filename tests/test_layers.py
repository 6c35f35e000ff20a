"""The package's layers, imports one way only: runner -> publish -> analysis -> data -> core.

Every import in every module counts, including one inside a function (a lazy import hides a cycle; it
does not remove it). A module may import its own layer or a lower one, and the module graph has no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "helpers"
RANK = {"core": 0, "data": 1, "analysis": 2, "publish": 3, "runner": 4}
TOP_LEVEL = {"helpers", "helpers.__main__"}  # the package's version and the `python -m helpers` entry


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    """The helpers modules ``module`` imports (a name imported from a package counts as its submodule
    when there is one)."""
    path = MODULES[module]
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "helpers"}
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node, path.name == "__init__.py")
            if target.split(".")[0] != "helpers":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    return out - {module}


GRAPH = {m: imports_of(m) for m in MODULES}


def test_every_module_sits_in_a_layer():
    stray = [m for m in MODULES if layer_of(m) is None and m not in TOP_LEVEL]
    assert not stray, f"modules outside core/data/analysis/publish/runner: {stray}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m)))
def test_imports_run_one_way(module):
    mine = RANK[layer_of(module)]
    upward = sorted(t for t in GRAPH[module] if layer_of(t) and RANK[layer_of(t)] > mine)
    assert not upward, f"{module} ({layer_of(module)}) imports a higher layer: {upward}"


def test_analysis_never_imports_the_runner_or_publish_even_lazily():
    for m, targets in GRAPH.items():
        if layer_of(m) == "analysis":
            assert not {layer_of(t) for t in targets} & {"runner", "publish"}, (m, targets)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for t in sorted(graph.get(n, ())):
            if state.get(t) == 1:
                return stack[stack.index(t) :] + [t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_no_import_cycle():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_guards_can_fail():
    """The two checks above catch what they exist for: an upward import and a cycle."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    fake = ast.parse("from helpers.runner import cli\n").body[0]
    assert resolve("helpers.analysis.x.y", fake, False) == "helpers.runner"
    assert RANK[layer_of("helpers.runner.cli")] > RANK[layer_of("helpers.analysis.export_controls.params")]
