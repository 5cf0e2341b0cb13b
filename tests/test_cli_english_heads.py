"""``pointsapp --lang en`` prints its tables under English heads (households list, stars summary, users list …);
without it the heads stay Chinese. Names the village typed are data and stay as they are."""
from __future__ import annotations

import re

from tests.cli_helpers import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


def _head(out: str, first: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(first))


def test_table_heads_follow_the_language(english, tmp_path):
    db = tmp_path / "cli.db"
    assert run_cli("demo", "--households", "8", "--villages", "1", db=db).returncode == 0
    listed = run_cli("--lang", "en", "households", "list", db=db)
    assert listed.returncode == 0, listed.stderr
    head = _head(listed.stdout, "Household no.")
    assert "Head" in head and "Available" in head and not CJK.search(head)
    summary = run_cli("--lang", "en", "stars", "summary", db=db)
    assert summary.returncode == 0, summary.stderr
    head = _head(summary.stdout, "Village")
    assert "Households" in head and not CJK.search(head)
    chinese = run_cli("households", "list", db=db)
    assert _head(chinese.stdout, "户号").split()[:3] == ["户号", "户主", "村"]
    csv = run_cli("--lang", "en", "households", "list", "--format", "csv", db=db)
    assert csv.stdout.splitlines()[0].startswith("Household no.,Head,")
