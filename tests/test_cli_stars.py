"""``pointsapp stars …`` and ``pointsapp print plaques`` run as a user would, in a child process."""
from __future__ import annotations

import json
import subprocess

from pointsapp.models import Household, StarProposal
from tests.cli_helpers import run_cli
from tests.conftest import clear_star_awards


def test_stars_evaluate_json_lists_every_household_with_its_figures(demo_db, db_target):
    households = {h.household_no for h in Household.select()}
    result = run_cli("stars", "evaluate", "--year", "2026-H1", "--json", db=db_target)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    listed = data["households"]
    assert {h["household_no"] for h in listed} == households and len(listed) == len(households)
    sample = max(listed, key=lambda h: h["count"])
    assert sample["count"] == len(sample["stars"]) > 0
    clean = sample["figures"]["clean"]
    assert clean["min_points"] == 100 and "hygiene" in clean["points"] and "需 ≥ 100" in clean["why"]
    evaluation_id = data["evaluations"][0]["id"]
    assert StarProposal.select().where(StarProposal.evaluation == evaluation_id).count() == len(households) * 10


def test_adjust_publish_apply_withdraw_and_summary_from_the_command_line(demo_db, db_target, tmp_path):
    clear_star_awards()  # so that the half-year applied here is what households hold (the demo's year would win)
    data = json.loads(run_cli("stars", "evaluate", "--year", "2026-H1", "--json", db=db_target).stdout)
    evaluation = str(data["evaluations"][0]["id"])
    target = next(h for h in data["households"] if not h["figures"]["clean"]["included"])
    refused = run_cli("stars", "adjust", "--evaluation", evaluation, "--household", target["household_no"],
                      "--star", "clean", "--include", "--reason", " ", db=db_target)
    assert refused.returncode == 1 and "原因" in refused.stderr
    ok = run_cli("stars", "adjust", "--evaluation", evaluation, "--household", target["household_no"],
                 "--star", "clean", "--include", "--reason", "村民代表会议评议", db=db_target)
    assert ok.returncode == 0, ok.stderr
    assert run_cli("stars", "publish", "--evaluation", evaluation, "--days", "7", db=db_target).returncode == 0
    applied = run_cli("stars", "apply", "--evaluation", evaluation, db=db_target)
    assert applied.returncode == 0, applied.stderr
    history = json.loads(run_cli("stars", "history", "--household", target["household_no"], "--json",
                                 db=db_target).stdout)
    assert "卫生整洁星" in [r["star"] for r in history if r["period"].endswith("H1")]
    withdrawn = run_cli("stars", "withdraw", "--household", target["household_no"], "--star", "clean",
                        "--reason", "群众举报属实", db=db_target)
    assert withdrawn.returncode == 0, withdrawn.stderr
    history = json.loads(run_cli("stars", "history", "--household", target["household_no"], "--json",
                                 db=db_target).stdout)
    assert any(r["withdrawn_reason"] == "群众举报属实" for r in history)
    summary = json.loads(run_cli("stars", "summary", "--json", db=db_target).stdout)
    assert summary[-1]["group"] == "合计" and summary[-1]["households"] == len(data["households"])
    pdf = tmp_path / "plaques.pdf"
    printed = run_cli("print", "plaques", "--year", "2026-H1", "--out", str(pdf), db=db_target)
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "星级文明户" in text


def test_scheme_can_be_shown_and_replaced_by_a_five_star_file(demo_db, db_target, tmp_path):
    shown = run_cli("stars", "scheme", db=db_target)
    assert shown.returncode == 0 and "卫生整洁星" in shown.stdout
    five = {"stars": [{"code": f"s{i}", "name": f"第{i}颗星", "criterion": {"categories": ["hygiene"],
                                                                      "min_points": 10 * i}} for i in range(1, 6)]}
    path = tmp_path / "five.json"
    path.write_text(json.dumps(five, ensure_ascii=False), encoding="utf-8")
    loaded = run_cli("stars", "scheme", "--load", str(path), "--json", db=db_target)
    assert loaded.returncode == 0, loaded.stderr
    assert [s["name"] for s in json.loads(loaded.stdout)["stars"]] == [f"第{i}颗星" for i in range(1, 6)]
    data = json.loads(run_cli("stars", "evaluate", "--year", "2026-H1", "--json", db=db_target).stdout)
    assert all(set(h["figures"]) == {f"s{i}" for i in range(1, 6)} for h in data["households"])


def test_evaluate_apply_is_refused_where_notice_is_required_and_a_done_year_is_final(demo_db, db_target):
    from pointsapp.models import Village

    done = run_cli("stars", "evaluate", "--year", "2026", db=db_target)  # the demo already awarded it
    assert done.returncode == 1 and "已经授予" in done.stderr
    Village.update(workflow=Village.WORKFLOW_REVIEWED).execute()
    refused = run_cli("stars", "evaluate", "--year", "2026-H2", "--apply", db=db_target)
    assert refused.returncode == 1 and "公示" in refused.stderr
