"""The package's layers, read from its import graph: data flows one way — ui → services → models/db —,
printing reads services, cli is a shell over services, nothing imports upward and no modules import each other."""
from __future__ import annotations


from tests.import_graph import cycles, graph

# layer → the layers its modules may import (besides their own)
ALLOWED = {
    "base": set(),                                   # pointsapp.clock, .errors, .text, .paths, .fonts, .logs
    "data": {"base"},                                # pointsapp.db, pointsapp.models
    "services": {"data", "base"},
    "demo": {"services", "data", "base"},
    "printing": {"services", "base"},
    "ui": {"services", "printing", "base"},
    "cli": {"services", "printing", "demo", "data", "base"},
    "entry": {"cli"},                                # pointsapp.__main__
}
# the command line starts the window (no command given) and tests it in the bundle (selftest): named here
CLI_MAY_START_THE_GUI = {("pointsapp.cli", "pointsapp.ui.app"), ("pointsapp.cli.selftest", "pointsapp.ui.app"),
                         ("pointsapp.cli.selftest", "pointsapp.ui.pages")}
QT_FREE = {"base", "data", "services", "demo", "printing"}


def layer(module: str) -> str:
    parts = module.split(".")
    if module == "pointsapp.__main__":
        return "entry"
    if len(parts) >= 2 and parts[1] in ("db", "models"):
        return "data"
    if len(parts) >= 2 and parts[1] in ("services", "demo", "printing", "ui", "cli"):
        return parts[1]
    return "base"


def violations(edges: dict[str, set[str]], *, only: tuple[str, str] | None = None) -> list[str]:
    found = []
    for module, imported in sorted(edges.items()):
        for target in sorted(imported):
            if not target.startswith("pointsapp.") or (module, target) in CLI_MAY_START_THE_GUI:
                continue
            source_layer, target_layer = layer(module), layer(target)
            if source_layer == target_layer or target_layer in ALLOWED[source_layer]:
                continue
            if only is None or (source_layer, target_layer) == only:
                found.append(f"{module} → {target}")
    return found


def test_no_module_imports_upward_or_around_the_services():
    edges = graph()
    assert violations(edges) == []


def test_screens_reach_the_data_only_through_services():
    assert violations(graph(), only=("ui", "data")) == []


def test_screens_run_no_sql_of_their_own():
    """No database driver or query builder below the services' door: a screen asks a service."""
    drivers = ("peewee", "playhouse", "sqlite3", "psycopg2")
    found = [f"{m} → {t}" for m, imported in sorted(graph().items()) for t in sorted(imported)
             if layer(m) == "ui" and t.split(".")[0] in drivers]
    assert found == []


def test_the_screens_rule_would_catch_a_page_reading_a_model():
    edges = {"pointsapp.ui.page": {"pointsapp.models", "pointsapp.ui.village_picker"},
             "pointsapp.ui.dialog": {"pointsapp.db.connection"}}
    assert violations(edges, only=("ui", "data")) == ["pointsapp.ui.dialog → pointsapp.db.connection",
                                                      "pointsapp.ui.page → pointsapp.models"]


def test_prints_reach_the_data_only_through_services():
    assert violations(graph(), only=("printing", "data")) == []


def test_no_qt_below_the_screens():
    edges = graph()
    qt = [f"{m} → {t}" for m, imported in sorted(edges.items()) for t in sorted(imported)
          if layer(m) in QT_FREE and t.split(".")[0] in ("PySide6", "shiboken6")]
    assert qt == []


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_rules_would_catch_a_screen_reading_a_model_and_a_cycle():
    edges = {"pointsapp.ui.page": {"pointsapp.models", "pointsapp.services.register.households"},
             "pointsapp.services.a": {"pointsapp.services.b", "pointsapp.ui.page"},
             "pointsapp.services.b": {"pointsapp.services.a"}}
    assert violations(edges) == ["pointsapp.services.a → pointsapp.ui.page", "pointsapp.ui.page → pointsapp.models"]
    assert cycles(edges) == [["pointsapp.services.a", "pointsapp.services.b"]]
