"""``pointsapp selftest``: checks that this installation has everything it needs at run time.

Meant for support on a village PC ("run pointsapp-cli selftest and read me the lines") and for the
bundle smoke test: data folder, log file, database and migrations, resources, the CJK font,
and — when Qt can be imported — the Qt plugins, QtPdf and the main window, offscreen.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import pkgutil
import sys

from pointsapp import __version__
from pointsapp.errors import UserError

log = logging.getLogger(__name__)

# Qt modules the app relies on beyond Widgets; a bundle that lacks one fails here, not in front of a user.
# (QtCharts no more: the dashboard draws its charts itself, ui/dashboard_charts.py.)
QT_MODULES = ("PySide6.QtSvg", "PySide6.QtPrintSupport", "PySide6.QtPdf", "PySide6.QtPdfWidgets")
IMAGE_FORMATS = ("svg", "png", "jpg", "ico", "pdf")


def register(sub) -> None:
    p = sub.add_parser("selftest", help="自检：数据文件夹、日志、数据库、资源、中文字体、Qt 组件和主窗口")
    p.add_argument("--no-gui", action="store_true", help="不检查 Qt 和主窗口")
    p.add_argument("--simulate-error", action="store_true",
                   help="最后故意产生一个内部错误，用来确认错误详情会写入日志文件")
    p.set_defaults(handler=run, needs_user=False)  # checks the installation: reads no data


def run(ctx) -> int:
    results: list[tuple[bool, str, str]] = []

    def check(label: str, fn) -> None:
        try:
            detail = fn()
            results.append((True, label, str(detail)))
        except Exception as exc:  # noqa: BLE001 - every failure is one line of the report
            log.exception("selftest: %s failed", label)
            results.append((False, label, f"{type(exc).__name__}: {getattr(exc, 'message', exc)}"))

    check("程序", _program)
    check("数据文件夹", _data_folder)
    check("日志文件", _log_file)
    check("数据库", lambda: _database(ctx.args.db))
    check("资源文件", _resources)
    check("命令模块", _cli_modules)
    check("密码存储", _credential_store)
    check("中文字体", _font)
    check("PDF 字体", _pdf_font)
    if not ctx.args.no_gui:
        _choose_offscreen_when_headless()
        check("Qt 组件", _qt_modules)
        check("Qt 图片格式", _image_formats)
        check("界面页面", _pages)
        check("主窗口", lambda: _main_window(ctx))
    for ok, label, detail in results:
        line = f"[{'通过' if ok else '失败'}] {label}：{detail}"
        print(line)
        log.info("selftest %s", line)
    failed = sum(1 for ok, _, _ in results if not ok)
    print(f"自检完成：{len(results) - failed} 项通过，{failed} 项失败。")
    if ctx.args.simulate_error:
        raise RuntimeError("selftest --simulate-error：模拟的内部错误")
    return 1 if failed else 0


def _program() -> str:
    frozen = getattr(sys, "_MEIPASS", None)
    where = f"安装包 {frozen}" if frozen else f"Python {sys.executable}"
    return f"pointsapp {__version__}，{where}"


def _data_folder() -> str:
    from pointsapp.paths import data_dir

    folder = data_dir()
    probe = folder / ".selftest"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return str(folder)


def _log_file() -> str:
    from pointsapp.logs import log_path

    return str(log_path())


def _database(target) -> str:
    from pointsapp.db import describe, resolve_target
    from pointsapp.db.migrate import current_version, latest_version
    from pointsapp.models.base import database

    version, latest = current_version(database.obj), latest_version()
    if version != latest:
        raise UserError(f"数据库版本 {version}，程序需要 {latest}")
    return f"{describe(resolve_target(target))}，结构版本 {version}"


def _resources() -> str:
    from pointsapp.paths import migrations_dir, resource_path, resources_dir

    for parts in (("icons", "app.svg"), ("rules", "default.json"), ("stars", "ten_stars.json")):
        if not resource_path(*parts).is_file():
            raise UserError(f"缺少 {resource_path(*parts)}")
    return f"{resources_dir()}；迁移 {migrations_dir()}"


def _cli_modules() -> str:
    import pointsapp.cli

    names = sorted(m.name for m in pkgutil.iter_modules(pointsapp.cli.__path__) if not m.name.startswith("_"))
    return " ".join(names)


def _credential_store() -> str:
    """Informative: where a PostgreSQL password would be kept on this PC (both answers are valid)."""
    import keyring

    from pointsapp.db.station import credential_store_available

    if credential_store_available():
        return f"系统凭据存储（{type(keyring.get_keyring()).__name__}）"
    return "本机没有系统凭据存储：服务器密码将保存在数据文件夹的 station.json（仅本用户可读）"


def _font() -> str:
    from pointsapp.fonts import find_cjk_font

    found = find_cjk_font()
    if found is None:
        raise UserError("找不到中文 TrueType 字体")
    return str(found[0])


def _pdf_font() -> str:
    from pointsapp.printing.fonts import cjk_font

    return cjk_font()


def _choose_offscreen_when_headless() -> None:
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _qt_modules() -> str:
    import PySide6

    for name in QT_MODULES:
        importlib.import_module(name)
    return f"PySide6 {PySide6.__version__}：" + " ".join(n.split(".")[1] for n in QT_MODULES)


def _image_formats() -> str:
    from pointsapp.ui.app import application
    from PySide6.QtGui import QImageReader

    application()
    supported = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in IMAGE_FORMATS if f not in supported]
    if missing:
        raise UserError("缺少图片格式插件：" + " ".join(missing))
    return " ".join(IMAGE_FORMATS)


def _pages() -> str:
    """Pages are imported when first shown; a page whose module is absent says so here."""
    from pointsapp.ui.pages import PAGES

    present = [p.module for p in PAGES if importlib.util.find_spec(p.module) is not None]
    absent = [p.module for p in PAGES if p.module not in present]
    for module in present:
        importlib.import_module(module)
    return f"{len(present)} 个可用" + (f"；尚未提供：{' '.join(absent)}" if absent else "")


def _main_window(ctx) -> str:
    from pointsapp.db import resolve_target
    from pointsapp.ui.app import application, create_main_window

    from pointsapp.services.auth import Actor, Role

    app = application()
    # the window as a viewer sees it: built and painted from the database, nobody signed in, nothing written
    window = create_main_window(Actor(user_id=0, username="selftest", role=Role.VIEWER, display_name="自检"),
                                resolve_target(ctx.args.db))
    pixmap = window.grab()  # lays out and paints without showing anything on screen
    window.close()
    app.processEvents()
    return f"{app.platformName()}，{pixmap.width()}×{pixmap.height()}，字体 {app.font().family()}"
