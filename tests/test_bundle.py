"""The built bundle (dist/pointsapp, from `make bundle`) runs on a PC without the development environment.

Each command runs the bundle's own executables with a clean temporary HOME (so a clean per-user data
folder), a PATH without .venv, no PYTHONPATH/VIRTUAL_ENV, and a working directory outside the source
tree. Runs with POINTSAPP_TEST_BUNDLE=1 (`make test-bundle` builds the bundle first) or =build (`make test`:
the test builds it with `make bundle` — a no-op when it is up to date — on one worker while the others test).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pointsapp import __version__
from pointsapp.services.register.pinyin import initials

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Path(os.environ.get("POINTSAPP_BUNDLE_DIR") or ROOT / "dist" / "pointsapp")
EXE_SUFFIX = ".exe" if sys.platform.startswith("win") else ""

pytestmark = pytest.mark.slow

if os.environ.get("POINTSAPP_TEST_BUNDLE") not in ("1", "build"):
    pytest.skip("bundle smoke test not requested: run `make test` or `make test-bundle` (or set "
                "POINTSAPP_TEST_BUNDLE=1 after `make bundle`)", allow_module_level=True)


@pytest.fixture(scope="module", autouse=True)
def built_bundle(tmp_path_factory):
    """``make test`` asks for the bundle to be built here, beside the other tests, not before them. Several
    workers may get tests of this module: the first to take the lock builds, the others find it up to date."""
    if os.environ.get("POINTSAPP_TEST_BUNDLE") == "build":
        import fcntl

        # the run's temporary folder: shared by its workers (pytest-N/popen-gwX), new for each run
        with open(tmp_path_factory.getbasetemp().parent / "bundle.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = subprocess.run(["make", "-s", "bundle"], cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"make bundle failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return BUNDLE


class CleanPC:
    """A user account that has never seen pointsapp, and the bundle's two executables."""

    def __init__(self, base: Path):
        self.home = base / "home"
        self.work = base / "work"
        for folder in (self.home, self.work):
            folder.mkdir(parents=True)
        self.env = self._clean_env()

    def _clean_env(self) -> dict[str, str]:
        venv = ROOT / ".venv"
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep)
                if p and ".venv" not in p and not Path(p).resolve().is_relative_to(venv.resolve())
                and not Path(p).resolve().is_relative_to(Path(sys.prefix).resolve())]
        env = {"HOME": str(self.home), "PATH": os.pathsep.join(path), "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen",
               "POINTSAPP_USER": "admin", "POINTSAPP_PASSWORD": "admin123"}  # a script signs in (the demo's admin)
        if sys.platform.startswith("win"):
            env.update(SYSTEMROOT=os.environ.get("SYSTEMROOT", r"C:\Windows"), USERPROFILE=str(self.home),
                       LOCALAPPDATA=str(self.home / "AppData" / "Local"),
                       APPDATA=str(self.home / "AppData" / "Roaming"))
        return env

    @property
    def data_dir(self) -> Path:
        """Where platformdirs.user_data_dir("pointsapp", appauthor=False) points for this HOME."""
        if sys.platform.startswith("win"):
            return Path(self.env["LOCALAPPDATA"]) / "pointsapp"
        if sys.platform == "darwin":
            return self.home / "Library" / "Application Support" / "pointsapp"
        return self.home / ".local" / "share" / "pointsapp"

    def exe(self, name: str) -> Path:
        return BUNDLE / f"{name}{EXE_SUFFIX}"

    def cli(self, *args: str, timeout: int = 300, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe("pointsapp-cli")), *args], cwd=self.work, env=self.env, input=input,
                              capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)


def _explain(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


@pytest.fixture(scope="module")
def pc(tmp_path_factory) -> CleanPC:
    if not CleanPC(tmp_path_factory.mktemp("probe")).exe("pointsapp-cli").is_file():
        pytest.fail(f"no bundle at {BUNDLE}: build it first with `make bundle`")
    machine = CleanPC(tmp_path_factory.mktemp("clean_pc"))
    result = machine.cli("demo", "--households", "30")
    assert result.returncode == 0, _explain(result)
    return machine


def test_version_is_the_one_of_this_source(pc):
    result = pc.cli("--version")
    assert result.returncode == 0, _explain(result)
    assert result.stdout.strip() == f"pointsapp {__version__}"


def test_demo_data_lands_in_the_per_user_data_folder_and_passes_check(pc):
    assert (pc.data_dir / "pointsapp.db").is_file(), list(pc.home.rglob("*"))
    result = pc.cli("check")
    assert result.returncode == 0, _explain(result)
    assert "检查通过" in result.stdout
    listing = pc.cli("households", "list", "--format", "csv")
    assert listing.returncode == 0, _explain(listing)
    rows = listing.stdout.strip().splitlines()
    assert len(rows) == 1 + 30
    # pinyin initials search needs pypinyin's dictionaries inside the bundle
    number, head = rows[-1].split(",")[:2]
    found = pc.cli("households", "list", "--format", "csv", "--search", initials(head))
    assert found.returncode == 0, _explain(found)
    assert number in [row.split(",")[0] for row in found.stdout.strip().splitlines()[1:]]


def test_selftest_finds_resources_font_qt_and_main_window_inside_the_bundle(pc):
    result = pc.cli("selftest")
    assert result.returncode == 0, _explain(result)
    lines = {line.split("：", 1)[0]: line for line in result.stdout.splitlines() if "：" in line}
    internal = str(BUNDLE.resolve())
    assert internal in lines["[通过] 程序"], "the program ran from somewhere else than the bundle"
    assert internal in lines["[通过] 资源文件"]
    if list(BUNDLE.rglob("resources/fonts/*.tt[cf]")):
        assert internal in lines["[通过] 中文字体"], "the bundled CJK font was not the one used"
    for label in ("数据文件夹", "日志文件", "数据库"):
        assert str(pc.data_dir) in lines[f"[通过] {label}"]
    assert "[通过] Qt 图片格式" in lines and "[通过] 主窗口" in lines
    # every CLI command module of the source tree was bundled (they are discovered at run time)
    source_commands = sorted(p.stem for p in (ROOT / "pointsapp" / "cli").glob("*.py") if not p.stem.startswith("_"))
    assert lines["[通过] 命令模块"].split("：", 1)[1].split() == source_commands
    # a page the window cannot find must be one that has no source file yet, not one left out of the bundle
    pages = lines["[通过] 界面页面"]
    if "尚未提供：" in pages:
        for module in pages.split("尚未提供：", 1)[1].split():
            assert not (ROOT / (module.replace(".", "/") + ".py")).exists(), f"{module} exists but was not bundled"


def test_the_user_manual_travels_with_the_bundle():
    """F1 reads the chapters from docs/manual in the bundle (pointsapp.paths.manual_dir); the printable PDF is
    beside them."""
    from pointsapp import manual

    found = {p.name for p in BUNDLE.rglob("docs/manual/*")}
    assert {c.file for c in manual.CHAPTERS} <= found
    assert {"manual.pdf", "manual-en.pdf", "images", "en"} <= found
    assert list(BUNDLE.rglob("docs/manual/images/shop.png"))


def test_cards_print_to_a_pdf_with_the_cjk_font_embedded(pc):
    usage = pc.cli("print", "--help")  # the print command is part of every build: a broken one fails here
    assert usage.returncode == 0 and "cards" in usage.stdout, _explain(usage)
    out = pc.work / "cards.pdf"
    result = pc.cli("print", "cards", "--out", str(out))
    assert result.returncode == 0, _explain(result)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data, "no embedded TrueType font: Chinese would not print on a PC without it"
    # reportlab imports its C accelerator through exec(), which PyInstaller cannot follow: named in the spec
    assert list(BUNDLE.rglob("_rl_accel*")), "reportlab's accelerator was left out: every PDF prints slower"


def test_an_internal_error_shows_one_line_and_leaves_a_traceback_in_the_log(pc):
    result = pc.cli("selftest", "--no-gui", "--simulate-error")
    assert result.returncode == 2, _explain(result)
    message = result.stderr.strip().splitlines()
    assert len(message) == 1 and "日志" in message[0], result.stderr
    log = (pc.data_dir / "logs" / "pointsapp.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: selftest --simulate-error" in log


def test_the_window_starts_on_a_fresh_pc_and_stays_up(tmp_path):
    fresh = CleanPC(tmp_path)
    window = subprocess.Popen([str(fresh.exe("pointsapp"))], cwd=fresh.work, env=fresh.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        # No way to ask an offscreen window whether it is drawn; a crash or a missing plugin ends the
        # process within moments, so a process still running after a few seconds has started.
        with pytest.raises(subprocess.TimeoutExpired):
            window.wait(timeout=8)
    finally:
        window.terminate()
        output = window.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert (fresh.data_dir / "pointsapp.db").is_file(), f"the window did not open its database:\n{output}"
    assert "Could not load the Qt platform plugin" not in output


@pytest.mark.skipif(sys.platform.startswith("win"), reason="the Linux menu entry; Windows uses the Inno Setup installer")
def test_linux_install_script_puts_a_menu_entry_that_starts_the_installed_program(tmp_path):
    user = CleanPC(tmp_path)
    result = subprocess.run(["sh", str(BUNDLE / "install.sh"), "--user"], cwd=user.work, env=user.env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, _explain(result)
    share = user.home / ".local" / "share"
    entry = (share / "applications" / "pointsapp.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=村民积分管理系统" in entry and "Categories=Office;" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    program = Path(exec_line.removeprefix("Exec=").strip('"'))
    assert program == user.home / ".local" / "opt" / "pointsapp" / "pointsapp"
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "pointsapp.png").read_bytes().startswith(b"\x89PNG")
    installed_cli = program.with_name("pointsapp-cli")
    version = subprocess.run([str(installed_cli), "--version"], cwd=user.work, env=user.env,
                             capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == f"pointsapp {__version__}", _explain(version)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" / "pointsapp.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_upgrade_an_older_database_is_migrated_by_the_bundle_on_open(pc):
    from peewee import SqliteDatabase

    from pointsapp.db.migrate import latest_version, migrate

    path = pc.work / "from_older_version.db"
    old = SqliteDatabase(str(path))
    migrate(old, target=1)  # the schema an older program version left behind
    old.close()
    first = pc.cli("--db", str(path), "users", "first-password", "--password-stdin", input="admin123\n")
    assert first.returncode == 0, _explain(first)
    result = pc.cli("--db", str(path), "check")
    assert result.returncode == 0, _explain(result)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == latest_version()


def test_prints_break_lines_with_reportlabs_breakers_taught_by_kinsoku(pc):
    """printing/kinsoku.py recompiles two reportlab functions from their source: the bundle carries it."""
    assert list(BUNDLE.rglob("reportlab/lib/textsplit.py")) and list(BUNDLE.rglob("reportlab/platypus/paragraph.py"))
    out = pc.work / "notice.pdf"
    result = pc.cli("print", "ranking", "--period", "2026", "--out", str(out))
    assert result.returncode == 0 and out.read_bytes().startswith(b"%PDF"), _explain(result)
    log = pc.data_dir / "logs" / "pointsapp.log"
    assert "kinsoku: no source" not in (log.read_text(encoding="utf-8") if log.exists() else "")
