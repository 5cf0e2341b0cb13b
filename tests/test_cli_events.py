"""``pointsapp event``, ``claim`` and ``meeting``, run as a user would: a scanner's lines on standard input,
claims checked and decided, the sign-in sheet and the minutes as real PDFs."""
from __future__ import annotations

import json
import subprocess
import sys

from pointsapp.db import close_database, open_database
from pointsapp.models import EntryStatus, LedgerEntry, Village
from pointsapp.services.auth import Role
from tests.cli_helpers import cli_env, run_cli
from tests.conftest import admin_with_password, make_actor
from tests.pdf_helpers import pdf_text
from tests.shop_helpers import tampered


def _setup(db_path) -> dict[str, str]:
    """A reviewed village of four households with cards, a scorer and a reviewer: the cards' payloads."""
    from pointsapp.services.register import cards
    from tests.scoring_helpers import household, make_village

    open_database(db_path)
    admin = admin_with_password()
    village = make_village(admin, households=4, workflow=Village.WORKFLOW_REVIEWED)
    make_actor(Role.SCORER, "luru", "录入员")
    make_actor(Role.REVIEWER, "shenhe", "审核员")
    ids = {n: household(village, n).id for n in (1, 2, 3, 4)}
    issued = cards.issue_cards(actor=admin, household_ids=list(ids.values()))
    payloads = {f"T100{n}": issued[i].payload for n, i in ids.items()}
    close_database()
    return payloads


def test_an_event_checked_in_from_a_scanner_on_standard_input_then_closed_and_printed(db_path, tmp_path):
    payloads = _setup(db_path)
    made = run_cli("event", "create", "--title", "11月环境整治日", "--date", "2026-11-20", "--rule", "PA03",
                   "--place", "村文化广场", db=db_path, user="luru")
    assert made.returncode == 0 and "活动 #1" in made.stdout, made.stderr
    scanner = "\n".join([payloads["T1001"], payloads["T1002"], payloads["T1001"], tampered(payloads["T1003"])])
    scanned = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db_path), "event", "checkin", "1",
                              "--stdin"], input=scanner + "\n", capture_output=True, text=True,
                             env=cli_env(user="luru"), timeout=120)
    assert scanned.returncode == 1, scanned.stderr  # one card refused
    assert scanned.stdout.count("签到成功") == 2 and "已签到（不重复记分）" in scanned.stdout
    assert "伪造" in scanned.stderr
    typed = run_cli("event", "checkin", "1", "--household", "T1004", db=db_path, user="luru")
    assert typed.returncode == 0 and "已签到 3 户" in typed.stdout, typed.stderr
    listed = json.loads(run_cli("event", "list", "--json", db=db_path).stdout)
    assert [(e["title"], e["present"], e["status"]) for e in listed] == [("11月环境整治日", 3, "open")]
    closed = run_cli("event", "close", "1", db=db_path, user="luru")
    assert closed.returncode == 0 and "3 户记分" in closed.stdout and "待审核" in closed.stdout, closed.stderr
    shown = json.loads(run_cli("event", "show", "1", "--json", db=db_path).stdout)
    assert [a["household"] for a in shown["attendance"]] == ["T1001", "T1002", "T1004"]
    assert all(a["entry"] for a in shown["attendance"])
    out = tmp_path / "签到表.pdf"
    sheet = run_cli("event", "sheet", "1", "--out", str(out), db=db_path)
    assert sheet.returncode == 0, sheet.stderr
    text = pdf_text(out)
    assert "活动签到表" in text and "11月环境整治日" in text and "户主4" in text and "户主3" not in text
    assert "活动负责人" in text
    refused = run_cli("event", "checkin", "1", "--household", "T1003", db=db_path, user="luru")
    assert refused.returncode == 1 and "已经结束" in refused.stderr


def test_claims_and_a_meeting_from_the_command_line_with_its_minutes(db_path, tmp_path):
    _setup(db_path)
    photo = tmp_path / "证据.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo")
    add = run_cli("claim", "add", "--household", "T1002", "--rule", "CV02", "--deed", "调解邻里纠纷",
                  "--date", "2026-11-12", "--claimant", "户主2", "--photo", str(photo), db=db_path, user="luru")
    assert add.returncode == 0 and "待组长核实" in add.stdout and "证据 1 张" in add.stdout, add.stderr
    run_cli("claim", "add", "--household", "T1003", "--rule", "PA04", "--deed", "捐书", "--date", "2026-11-12",
            db=db_path, user="luru")
    for claim in ("1", "2"):
        checked = run_cli("claim", "check", claim, "--group-head", "钱组长", "--confirm", db=db_path, user="luru")
        assert checked.returncode == 0 and "待评议" in checked.stdout, checked.stderr
    meeting = run_cli("meeting", "create", "--date", "2026-11-24", "--place", "村委会议室", "--chair", "李书记",
                      "--recorder", "王主任", "--attendee", "李书记:村党支部书记", "王主任:村委会主任", "赵大妈:村民代表",
                      db=db_path, user="luru")
    assert meeting.returncode == 0 and "3 人参会" in meeting.stdout, meeting.stderr
    ok = run_cli("claim", "decide", "1", "--meeting", "1", "--approve", db=db_path, user="luru")
    assert ok.returncode == 0 and "通过" in ok.stdout, ok.stderr
    no_reason = run_cli("claim", "decide", "2", "--meeting", "1", "--reject", db=db_path, user="luru")
    assert no_reason.returncode == 1 and "理由" in no_reason.stderr
    run_cli("claim", "decide", "2", "--meeting", "1", "--reject", "--reason", "无捐赠凭证", db=db_path, user="luru")
    listed = {c["id"]: c for c in json.loads(run_cli("claim", "list", "--json", db=db_path).stdout)}
    assert listed[1]["status"] == "approved" and listed[2]["status"] == "rejected" and listed[1]["photos"]
    open_database(db_path)
    [entry] = LedgerEntry.select()
    assert entry.status == EntryStatus.ENTERED and entry.points == 5
    close_database()
    out = tmp_path / "评议会记录.pdf"
    printed = run_cli("meeting", "minutes", "1", "--out", str(out), db=db_path)
    assert printed.returncode == 0, printed.stderr
    text = pdf_text(out)
    for words in ("积分评议会记录", "村委会议室", "赵大妈", "村民代表", "调解邻里纠纷", "无捐赠凭证", "主持人（签字）",
                  "记录人（签字）"):
        assert words in text, words
    policy = run_cli("claim", "policy", "--no-group-check", db=db_path, user="luru")
    assert policy.returncode == 1 and "权限" in policy.stderr
    policy = run_cli("claim", "policy", "--no-group-check", db=db_path)
    assert policy.returncode == 0 and "直接提交评议会" in policy.stdout, policy.stderr
