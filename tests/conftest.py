"""Shared fixtures: a real SQLite file per test, the acting users, offscreen Qt."""
from __future__ import annotations

import functools
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# One day for the whole run, whatever the calendar says (pointsapp.clock): the suite is the same on every day
# of the year. ``POINTSAPP_TODAY=2028-02-29 make test`` runs it on another day. The anchor makes the CLI
# processes the tests start share this process's clock.
PINNED_DAY = "2026-11-25"
os.environ.setdefault("POINTSAPP_TODAY", PINNED_DAY)
os.environ.setdefault("POINTSAPP_CLOCK_ANCHOR", repr(__import__("time").time()))

import pytest  # noqa: E402

pytest_plugins = ("tests.cpu_time",)  # POINTSAPP_TEST_CPU_LOG=FILE: what each test costs in CPU

from pointsapp.db import close_database, open_database  # noqa: E402
from pointsapp.models import User  # noqa: E402
from pointsapp.services.ops import users
from pointsapp.services.auth import Role  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Logs, backups and the default database go to a temporary folder, never the user's."""
    monkeypatch.setenv("POINTSAPP_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("POINTSAPP_DB", raising=False)


FULL_COLLECTION_EVERY = 10
_qt_tests_ended = [0]


@pytest.fixture(autouse=True)
def _widgets_go_with_their_test(request):
    """A Qt test's widgets are destroyed at its end, on the UI thread, while nothing paints: pytest-qt
    closes them and calls deleteLater, which outside an event loop would wait for the next test's first
    ``qtbot.wait``; and the collector runs as the application runs it (:mod:`pointsapp.ui.garbage`).
    A modal box left unanswered fails the test instead of stalling the run (:mod:`tests.modal_watchdog`)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtWidgets import QApplication

    from pointsapp.ui.garbage import collect_on_ui_thread

    from tests.modal_watchdog import ModalWatchdog

    collect_on_ui_thread(QApplication.instance() or request.getfixturevalue("qapp"))
    watchdog = ModalWatchdog().start()
    yield
    watchdog.stop()
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _qt_tests_ended[0] += 1
    # what the test made and dropped is young: a collection of the two young generations finds it (~1 ms); what
    # the collector's timer moved to the old generation during the test (a QtBot and its bound methods, at most a
    # closed page) waits for the full collection every FULL_COLLECTION_EVERY tests (30-40 ms over ~200,000 live
    # objects, most of a small Qt test's cost)
    gc.collect(2 if _qt_tests_ended[0] % FULL_COLLECTION_EVERY == 0 else 1)
    if watchdog.closed:
        pytest.fail("a modal dialog waited for an answer the test never gave, and was closed after "
                    f"{watchdog.patience:.0f} s: {watchdog.closed}", pytrace=False)


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # pytest-xdist's name for this process: gw0, gw1, …
_SHARED_PG = pytest.StashKey()


def pytest_configure(config):
    """With workers (``-n``), one throwaway PostgreSQL server for the whole run, started here in the
    controller: the workers inherit its URL (``POINTSAPP_TEST_PG_URL``) and each makes databases of its own."""
    if os.environ.get("PYTEST_XDIST_WORKER") or os.environ.get("POINTSAPP_TEST_PG_URL"):
        return
    if not getattr(config.option, "numprocesses", None) or config.option.markexpr == "not postgres":
        return
    from tests.pg_server import PgServer

    server = PgServer().start()
    config.stash[_SHARED_PG] = server
    if server.url:
        os.environ["POINTSAPP_TEST_PG_URL"] = server.url


# The longest tests (a minute for the bundle's build, 15 s waiting out a held database's busy timeout, the bench
# cases), run first: the workers then finish together instead of one of them running a long test alone at the end.
LONG_FIRST = ("tests/test_bundle.py", "tests/test_windows_realities.py::test_a_restore_while_another_program",
              "tests/test_bench.py", "tests/test_ledger_properties.py", "tests/test_import_chunks.py",
              "tests/test_import_beside_cashier.py", "tests/test_postgres.py", "tests/test_ui_tasks.py")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: the rest keep their order
    import gc

    import PySide6.QtWidgets  # noqa: F401 - loaded now, so that it is frozen with the rest

    gc.collect()  # what the collection loaded (every test module, the program, Qt) set aside: the full
    gc.freeze()   # collection after each Qt test then looks only at what the tests made (60 ms → a few)


def pytest_unconfigure(config):
    server = config.stash.get(_SHARED_PG, None)
    if server is not None:
        log, cpu = os.environ.get("POINTSAPP_TEST_CPU_LOG"), server.cpu_seconds()
        if log and cpu is not None:  # its backends' CPU, a line of its own (tests/cpu_time.py)
            with open(log, "a", encoding="utf-8") as out:
                out.write(json.dumps({"test": "(the PostgreSQL server)", "wall": 0, "cpu": 0, "children": cpu}) + "\n")
        os.environ.pop("POINTSAPP_TEST_PG_URL", None)
        server.stop()


@pytest.fixture(scope="session")
def pg_server():
    from tests.pg_server import PgServer

    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A migrated template database: each PostgreSQL test gets a fresh copy of it quickly (one per worker:
    PostgreSQL copies a template only while nobody else is connected to it)."""
    if not pg_server.url:
        return None
    name = f"pointsapp_template_{WORKER}"
    url = pg_server.create_database(name)
    open_database(url)
    close_database()
    return name


_counter = iter(range(1, 10**9))


def finish_background_tasks() -> None:
    """Before a test's database goes: let the UI's database worker finish what the test started, close
    the worker's own connection, and forget the results nobody is waiting for any more. Otherwise a task
    still running meets a closed (or dropped) database and reports it to a widget of a later test."""
    import sys

    tasks = sys.modules.get("pointsapp.ui.tasks")
    if tasks is None:
        return
    tasks.forget_all()  # the database worker and the thread beside it (automatic backups)
    if tasks._pool is not None:
        tasks.run_on_worker_and_wait(close_database)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request):
    """Tests that take ``db`` (or ``db_target``) run on a SQLite file and on a real PostgreSQL server."""
    return request.param


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "points.db"


@pytest.fixture
def db_target(backend, db_path, request):
    """Where this test's database lives: a SQLite path, or the URL of a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield str(db_path)
        finish_background_tasks()
        return
    server = request.getfixturevalue("pg_server")
    if not server.url:
        pytest.skip(server.reason)
    # a test of the demo starts from the demo's built template, not from the empty one copied and then replaced
    demo = _demo_wanted(request)
    template = built_database(request, True, *demo) if demo else request.getfixturevalue("pg_template")
    name = f"pointsapp_test_{os.getpid()}_{next(_counter)}"
    url = server.create_database(name, template=template)
    yield url
    finish_background_tasks()
    close_database()
    server.drop_database(name)


@pytest.fixture
def db(db_target, request):
    """An empty, migrated database (SQLite file or PostgreSQL), bound to the models — or the demo's, when the
    test also asks for ``demo_db``."""
    if not db_target.startswith("postgresql"):  # PostgreSQL: db_target made it from the right template already
        import shutil

        # built once per worker, copied for each test: the same data, made by the same code; a test that changes it
        # changes only its own copy
        shutil.copyfile(built_database(request, False, *(_demo_wanted(request) or ("empty", lambda: None))),
                        db_target)
    database = open_database(db_target)
    yield database
    finish_background_tasks()
    close_database()


# Test users' passwords are hashed with a tiny scrypt cost (the cost is stored in the hash, so signing in
# checks them the same way): the real cost is ~50 ms a hash, and hundreds of tests make users.
def _cheap_hash(password: str) -> str:
    from pointsapp.services.ops.passwords import hash_password

    return hash_password(password, n=16)


TEST_KEY_COST = (16, 8, 1)  # the signing keys' scrypt cost in tests: as cheap as ``_cheap_hash``


@functools.lru_cache(maxsize=64)
def _password_fits(password: str, password_hash: str) -> bool:
    """The demo's users have real-cost hashes (~40 ms to check), and tests copy the same demo database
    again and again: each (password, hash) is checked once per process."""
    from pointsapp.services.ops.passwords import verify_password

    return verify_password(password, password_hash)


def _open_or_make_key(user):
    """The user's signing key unlocked in this process: opened with the test password that fits, or made."""
    from pointsapp.services.signing import keys

    from tests.cli_helpers import ADMIN_PASSWORD, OPERATOR_PASSWORD

    guesses = (ADMIN_PASSWORD, OPERATOR_PASSWORD) if user.role == "admin" else (OPERATOR_PASSWORD, ADMIN_PASSWORD)
    password = next((p for p in guesses if user.password_hash and _password_fits(p, user.password_hash)), guesses[0])
    key = keys.active_key(user.id)
    if key is not None:
        private = keys.KEYRING.get(key.public_key) or keys.decrypt(key.encrypted_private, password, key.public_key)
        if private is not None:
            keys.KEYRING[key.public_key] = private
            return keys.Signer(key.id, user.id, key.public_key, private)
    return keys.create_key(user, password, cost=TEST_KEY_COST)


def provision_key(user_id: int):
    """Tests make users behind the services' back (``users.ensure_admin()``, ``User.create``): such a user gets a
    signing key on first write, registered by the administrator's (made first, as the installation's root)."""
    from pointsapp.services.signing import keys

    user = User.get_by_id(user_id)
    root = keys.root_key()
    if root is None and user.role != "admin":
        _open_or_make_key(User.get_by_id(users.ensure_admin().user_id))
    elif root is not None and root.public_key not in keys.KEYRING and root.user_id != user.id:
        _open_or_make_key(User.get_by_id(root.user_id))
    return _open_or_make_key(user)


@pytest.fixture(autouse=True, scope="session")
def _cheap_demo_passwords():
    """The demo's ten users get their passwords (and so their signing keys) at the tests' cost too: at the
    program's, each demo the tests build spent 0.8 s in scrypt. ``tests/test_users.py`` checks the real cost."""
    from pointsapp.demo import step_passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(step_passwords, "hash_password", _cheap_hash)
        yield


@pytest.fixture(autouse=True)
def _signing_keys_on_demand():
    from pointsapp.services.signing import keys

    keys.provision_missing = provision_key
    yield
    keys.provision_missing = None


def admin_with_password():
    """The administrator (made if missing), with the demo's password (``tests.cli_helpers.ADMIN_PASSWORD``)
    set when it has none: the command line signs in with it."""
    from tests.cli_helpers import ADMIN_PASSWORD

    actor = users.ensure_admin()
    User.update(password_hash=_cheap_hash(ADMIN_PASSWORD), must_change_password=False).where(
        User.id == actor.user_id, User.password_hash == "").execute()
    provision_key(actor.user_id)  # its signing key, under the same password
    return actor


@pytest.fixture
def admin(db):
    return admin_with_password()


def make_actor(role: Role, username: str | None = None, display_name: str | None = None):
    """A user of ``role`` (created with the password ``tests.cli_helpers.OPERATOR_PASSWORD``)."""
    from tests.cli_helpers import OPERATOR_PASSWORD

    username = username or role.value
    user = User.get_or_none(User.username == username) or User.create(
        username=username, display_name=display_name or username, role=role.value,
        password_hash=_cheap_hash(OPERATOR_PASSWORD))
    provision_key(user.id)  # its signing key under the same password, registered by the administrator's
    return users.actor_for(user)


@pytest.fixture
def actor_of(db):
    """``actor_of(Role.CASHIER)`` gives an actor of that role (creating the user)."""
    return make_actor


_built: dict[tuple[str, str], str] = {}  # (backend, name) → a finished SQLite file or PostgreSQL template


def built_database(request, postgres: bool, name: str, build) -> str:
    """What ``build()`` makes, built once per worker and backend: a finished SQLite file, or a PostgreSQL
    template database (its name)."""
    key = ("postgres" if postgres else "sqlite", name)
    if key not in _built:
        if postgres:
            server = request.getfixturevalue("pg_server")
            template = f"pointsapp_built_{name}_{WORKER}"
            source = server.create_database(template, template=request.getfixturevalue("pg_template"))
        else:
            source = str(request.getfixturevalue("tmp_path_factory").mktemp("built") / f"{name}.db")
        open_database(source)
        try:
            build()
            if not postgres:
                from pointsapp.models import database

                database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds it all
        finally:
            close_database()
        _built[key] = template if postgres else source
    return _built[key]


def _demo_wanted(request) -> tuple | None:
    """The demo a test asks for with ``demo_db`` (a module may name its own: ``BUILT_DEMO = (name, build)``)."""
    if "demo_db" not in request.fixturenames:
        return None
    return getattr(request.module, "BUILT_DEMO", ("demo60", _demo_60))


def _demo_60():
    from pointsapp import demo

    demo.generate(households=60, villages=1, seed=7)


@pytest.fixture
def demo_db(db):
    """A small demo database (one village, 60 households), deterministic, on each backend: made once per
    worker and copied for each test (by ``db``, before it opens the database, whichever fixture asks first)."""
    return db


def clear_star_awards() -> None:
    """Start from a village with no star awards and no evaluations (the demo evaluates and awards the current
    year, which would stay the village's current evaluation)."""
    from pointsapp.models import StarAward, StarEvaluation, StarProposal

    StarAward.delete().execute()
    StarProposal.delete().execute()
    StarEvaluation.delete().execute()


LEDGER_TRIGGERS = ("ledger_entry_no_delete", "ledger_entry_content_fixed", "ledger_entry_final_status")


def bypass_append_only_triggers() -> None:
    """What someone editing the file behind the app's back would do first: drop the guarding triggers."""
    from pointsapp.db.connection import is_sqlite
    from pointsapp.models import database

    for name in LEDGER_TRIGGERS:
        database.obj.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if is_sqlite() else " ON ledger_entry"))


@pytest.fixture
def english():
    """The application with the English translation installed: screens, PDFs and service messages follow it.
    Chinese (the source language) is installed again afterwards, as later tests expect."""
    import subprocess
    import sys
    from pathlib import Path

    from pointsapp.ui.app import application
    from pointsapp.ui.i18n import install_language, qm_path

    app = application()
    qm = Path(qm_path("en"))  # ``make test`` builds the .qm; a bare pytest run compiles it when missing or stale
    ts = qm.with_suffix(".ts")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        lrelease = Path(sys.executable).parent / "pyside6-lrelease"
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    assert install_language(app, "en"), "the English translation could not be loaded"
    yield app
    install_language(app, "zh_CN")
