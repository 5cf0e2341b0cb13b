"""The package's import graph, read from the source (every ``import``, also inside functions): for the
layering test, and for anyone who wants to see who depends on whom (``python -m tests.import_graph``)."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pointsapp"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` (and third-party top-level names) that ``path`` imports."""
    stat = path.stat()
    found: set[str] = set()
    for module, names in _imports_written(str(path), stat.st_mtime_ns, stat.st_size):
        found.add(module)
        found.update(f"{module}.{name}" for name in names if f"{module}.{name}" in known)
    return found


@functools.lru_cache(maxsize=None)
def _imports_written(path: str, _mtime_ns: int, _size: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each absolute import statement of the file: (module, names imported from it). Parsed once per version of
    the file in a process (the layering tests read the whole package six times)."""
    written = []
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            written += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            written.append((node.module, tuple(alias.name for alias in node.names)))
    return tuple(written)


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(path, known) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), among the package's own modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


if __name__ == "__main__":
    g = graph()
    for name in sorted(g):
        own = sorted(m for m in g[name] if m in g and m != name)
        print(name, "->", ", ".join(own))
    print("cycles:", cycles(g))
