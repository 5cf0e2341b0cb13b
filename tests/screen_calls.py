"""The service functions the screens call, read from the source: for the test that every read a screen makes
takes the actor and hands back plain data (``python -m tests.screen_calls`` lists them)."""
from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent.parent / "pointsapp" / "ui"


@dataclass(frozen=True)
class ScreenCall:
    screen: str  # the ui module's file name
    function: object

    @property
    def name(self) -> str:
        """``register.households.all_tags``: the function's module under pointsapp.services (or pointsapp)."""
        module = self.function.__module__.removeprefix("pointsapp.").removeprefix("services.")
        return f"{module}.{self.function.__name__}"


def _imported(tree: ast.AST) -> dict[str, str]:
    """Local name → what it names (``pointsapp.services.register.households`` or ``….households.all_tags``)."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pointsapp.services"):
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def _resolve(dotted: str):
    module, _, attribute = dotted.rpartition(".")
    try:
        return importlib.import_module(dotted)
    except ImportError:
        return getattr(importlib.import_module(module), attribute, None)


def calls(ui_dir: Path = UI_DIR) -> list[ScreenCall]:
    """Every function of the services that a screen calls or hands on (to ``run_op``, ``run_task``)."""
    found: dict[tuple[str, object], ScreenCall] = {}
    for path in sorted(ui_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = _imported(tree)
        for node in ast.walk(tree):
            target = None
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported:
                owner = _resolve(imported[node.value.id])
                target = getattr(owner, node.attr, None) if inspect.ismodule(owner) else None
            elif isinstance(node, ast.Name) and node.id in imported:
                target = _resolve(imported[node.id])
            if inspect.isfunction(target) and target.__module__.startswith("pointsapp."):
                found[(path.name, target)] = ScreenCall(path.name, target)
    return list(found.values())


if __name__ == "__main__":
    for call in sorted(calls(), key=lambda c: (c.name, c.screen)):
        print(f"{call.name:55} {call.screen}")
