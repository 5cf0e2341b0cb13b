"""Service messages follow the chosen language, and every ``translate()`` in the code has its English.

Services raise ``UserError(translate("services.x", "中文…"))``; with English installed the user reads English
(the cashier's refusal of a forged card, a period that cannot be read, a missing permission).
"""
from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pointsapp.services import periods
from pointsapp.services.auth import Permission, Role, require
from pointsapp.errors import UserError
from pointsapp.ui.cashier import CashierWidget
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.shop_helpers import make_shop, tampered
from tests.test_ui_cashier import scan

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "pointsapp_en.ts"


@pytest.fixture
def cashier(qtbot, admin, actor_of):
    shop = make_shop(admin, stock_each=5, points=100)
    widget = CashierWidget(UiContext(actor=actor_of(Role.CASHIER), hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, shop


def test_a_forged_card_is_refused_in_english_when_english_is_chosen(english, qtbot, cashier):
    widget, shop = cashier
    scan(qtbot, widget, tampered(shop["rich_card"]))
    assert widget.shopper is None
    assert "forged" in widget.last_refusal and not CJK.search(widget.last_refusal), widget.last_refusal
    assert not CJK.search(widget.message.text()), widget.message.text()


def test_a_forged_card_is_refused_in_chinese_when_chinese_is_chosen(qtbot, cashier):
    widget, shop = cashier
    scan(qtbot, widget, tampered(shop["rich_card"]))
    assert "伪造" in widget.last_refusal


def test_service_errors_are_english_when_english_is_chosen(english, actor_of):
    with pytest.raises(UserError) as period:
        periods.parse("next spring")
    with pytest.raises(UserError) as denied:
        require(actor_of(Role.CASHIER), Permission.RULE_EDIT)
    for message in (str(period.value), str(denied.value)):
        assert not CJK.search(message), message
    assert "next spring" in str(period.value) and "not recognised" in str(period.value)
    assert "may not" in str(denied.value)
    assert periods.parse("2026-Q3").label == "Q3 2026" and periods.parse("2026-10").label == "10/2026"


def test_service_errors_are_chinese_without_a_translation():
    with pytest.raises(UserError, match="无法识别"):
        periods.parse("next spring")
    assert periods.parse("2026-Q3").label == "2026年第三季度"


# --- every translate() call has a finished English translation ---------------------------------------

def translate_calls(source: str) -> list[tuple[str, str]]:
    """(context, text) of every ``translate("context", "literal")`` in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "translate" and len(node.args) == 2:
            context, text = node.args
            if isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                found.append((context.value, text.value))
    return found


def finished_translations(ts_text: str) -> dict[tuple[str, str], str]:
    """(context, source) → English, for the finished messages of a Qt Linguist .ts file."""
    done = {}
    for context in ET.fromstring(ts_text).iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and (translation.text or "").strip():
                done[(name, message.findtext("source"))] = translation.text
    return done


def problems(calls: list[tuple[str, str]], done: dict[tuple[str, str], str]) -> list[str]:
    found = []
    for context, text in calls:
        english = done.get((context, text))
        if english is None:
            found.append(f"no English for {context}: {text!r}")
            continue
        try:
            list(string.Formatter().parse(english))
        except ValueError as exc:
            found.append(f"English of {context}: {text!r} is not a format string ({exc})")
    return found


def test_every_translate_call_has_a_finished_english_translation():
    done = finished_translations(TS.read_text(encoding="utf-8"))
    calls = [call for path in sorted((ROOT / "pointsapp").rglob("*.py"))
             for call in translate_calls(path.read_text(encoding="utf-8"))]
    assert len(calls) > 400  # printing and the services are wrapped
    missing = problems(calls, done)
    assert not missing, "\n".join(missing)


def test_every_message_lupdate_found_sits_in_a_named_context_and_is_finished():
    """lupdate reads an aliased call (``tr = QCoreApplication.translate; tr("Dialog", "驳回")``) as a text with a
    disambiguation in no context: the window would show it in Chinese whatever the language chosen."""
    root = ET.fromstring(TS.read_text(encoding="utf-8"))
    unnamed = [m.findtext("source") for c in root.iter("context") if not (c.findtext("name") or "").strip()
               for m in c.iter("message")]
    unfinished = [(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")
                  if m.find("translation") is None or m.find("translation").get("type") == "unfinished"]
    assert unnamed == [] and unfinished == []


def test_the_check_notices_a_call_without_english():
    """The check above can fail: a new message not yet in the .ts is reported."""
    done = finished_translations(TS.read_text(encoding="utf-8"))
    calls = translate_calls('raise UserError(translate("services.example", "还没有翻译的消息。"))\n'
                            'x = translate("printing.page", "第 {0} 页 共 {1} 页")')
    assert problems(calls, done) == ["no English for services.example: '还没有翻译的消息。'"]


# --- the command line: ``--lang en`` -------------------------------------------------------------------

def test_the_command_line_prints_english_pdfs_and_errors_with_lang_en(english, tmp_path):
    """``english`` makes sure the compiled translation exists; the child process loads it by itself."""
    from tests.cli_helpers import run_cli
    from tests.pdf_helpers import pdf_text

    db = tmp_path / "cli.db"
    assert run_cli("demo", "--households", "12", "--villages", "1", db=db).returncode == 0
    refused = run_cli("--lang", "en", "print", "ranking", "--period", "spring", "--out", str(tmp_path / "x.pdf"),
                      db=db)
    assert refused.returncode == 1 and "not recognised" in refused.stderr
    out = tmp_path / "ranking.pdf"
    done = run_cli("--lang", "en", "print", "ranking", "--period", "2026", "--out", str(out), db=db)
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(out).split())
    assert "Villager Points Ranking" in text and "Page 1 of" in text and "公示榜" not in text
    chinese = run_cli("print", "ranking", "--period", "spring", "--out", str(tmp_path / "y.pdf"), db=db)
    assert chinese.returncode == 1 and "无法识别" in chinese.stderr
