"""``pointsapp print …``: the PDFs (cards, ranking notice, notice list, certificates, statement, donations).

(The module is not called ``print.py``: as an attribute of the ``pointsapp.cli`` package that
name would shadow the built-in ``print`` inside ``pointsapp/cli/__init__.py``.)

Every public paper (ranking notice, notice list, certificates, statement) publishes the ledger's fingerprint
(``scoring.fingerprint.publish``, recorded and audited) and prints it. Printing cards issues them (``cards.issue_cards``): a card's token exists in clear only while it is printed,
so a household's earlier card stops working. Each PDF is written to a temporary file beside the target
and moved into place at the end, so a failed run never leaves half a file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE_IF_ONE, command, out_option, village_id_or_all, village_option
from pointsapp.db import settings
from pointsapp.services import periods
from pointsapp.services.register import cards
from pointsapp.services.scoring import fingerprint, rankings
from pointsapp.errors import UserError
from pointsapp.services.register.print_scope import find_household
from pointsapp.services.register.villages import find_village, group_by_name

T = TypeVar("T")

PAPER_CHOICES = ("a4", "a4-landscape", "a3", "a3-landscape")  # printing.page.PAPERS' names (reportlab loads only when printing)


def register(sub) -> None:
    group = command_group(sub, "print")

    p = command(group, "cards", "积分卡（A4 每页 8 张，卡间留空带裁切线，或 --single 每页一张供制卡机）", run_cards,
                out=True)
    p.add_argument("--village", help="村名或村代码（不指定：全部村）")
    p.add_argument("--group", help="只打印这个村民小组（如 1组）")
    p.add_argument("--household", nargs="+", metavar="NO", help="只打印这些户号")
    p.add_argument("--single", action="store_true", help="每页一张卡（85.6×54 毫米，制卡机用）")
    p.add_argument("--no-stars", action="store_true", help="卡上不印星级")

    p = command(group, "ranking", "积分公示榜", run_ranking)
    p.add_argument("--period", required=True, help="期间：2026、2026-Q3、2026-H1 或 2026-10")
    p.add_argument("--village", help="村名或村代码（不指定：全镇）")
    p.add_argument("--group", help="只列这个村民小组")
    p.add_argument("--tag", help="只列这一类户（户的标签，如 党员户、干部户）")
    p.add_argument("--category", help="只按这个类别的积分排名（类别代码或名称）")
    p.add_argument("--mask-names", action=argparse.BooleanOptionalAction, default=None,
                   help="姓名中间的字以 * 代替（默认取设置 mask_names）")
    p.add_argument("--paper", choices=PAPER_CHOICES, default="a4",
                   help="纸张：a4、a4-landscape（横向）、a3、a3-landscape（公示栏：正文 24 磅，两米外可读）")
    p.add_argument("--date", type=_date, help="发布日期 YYYY-MM-DD（公示期从这天起算；默认今天）")
    out_option(p)

    p = command(group, "notice", "积分公示名单（正在公示的积分记录）", run_notice, village=True)
    p.add_argument("--mask-names", action="store_true", help="姓名中间的字以 * 代替")
    out_option(p)

    p = command(group, "inspection-sheet", "空白月度检查表（一个小组的各户 × 检查项目，带到各户打勾后再录入）",
                run_inspection_sheet, village=VILLAGE_IF_ONE)
    p.add_argument("--group", required=True, help="村民小组名称，如 1组")
    p.add_argument("--month", help="月份，如 2026-10（默认本月）")
    out_option(p)

    p = command(group, "certificates", "星级文明户证书（尚未授星的村：积分排名靠前的户）", run_certificates)
    p.add_argument("--year", required=True, type=int, help="年度，如 2026")
    p.add_argument("--village", help="村名或村代码（不指定：全部村）")
    p.add_argument("--top", type=int, default=10, help="尚未授星时，按积分排名发证的名次上限（默认 10）")
    p.add_argument("--date", type=_date, help="落款日期 YYYY-MM-DD（默认：授星日期，未授星时为今天）")
    out_option(p)

    p = command(group, "statement", "一户的积分明细单", run_statement)
    p.add_argument("--household", required=True, metavar="NO", help="户号")
    village_option(p, VILLAGE_IF_ONE)
    p.add_argument("--period", help="期间：2026、2026-Q3 或 2026-10（不指定：全部记录）")
    out_option(p)

    p = command(group, "donations", "爱心捐赠公示（一个期间的捐赠物品、捐赠人合计）", run_donations)
    p.add_argument("--period", required=True, help="期间：2026、2026-Q3、2026-H1 或 2026-10")
    p.add_argument("--village", help="村名或村代码（不指定：全镇）")
    p.add_argument("--donor", help="只列捐赠人名称含这些字的捐赠")
    p.add_argument("--out", "-o", required=True, help="输出的 PDF 文件")

    p = command(group, "donation-receipts", "捐赠收据（每笔爱心捐赠入库一张，A5）", run_donation_receipts)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--period", help="期间内的全部捐赠：2026、2026-Q3、2026-H1 或 2026-10")
    which.add_argument("--id", type=int, nargs="+", metavar="MOVE", help="库存记录号（捐赠入库）")
    p.add_argument("--village", help="村名或村代码（与 --period 一起用）")
    p.add_argument("--donor", help="只打印捐赠人名称含这些字的捐赠（与 --period 一起用）")
    p.add_argument("--out", "-o", required=True, help="输出的 PDF 文件")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写成 2026-12-20 这样") from None


def write_pdf(target: str, make: Callable[[str], object]):
    """Run ``make(temporary path)`` and move the finished file to ``target``."""
    path = Path(target).expanduser().resolve()
    if not path.parent.is_dir():
        raise UserError(f"文件夹“{path.parent}”不存在。")
    fd, temp = tempfile.mkstemp(suffix=".pdf", dir=path.parent, prefix=".pointsapp-")
    os.close(fd)
    try:
        result = make(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return result


def _document(*parts: str | None) -> str:
    """What a published fingerprint was printed on: "积分公示榜 2026 红旗村"."""
    return " ".join(p for p in parts if p)


def _say(printed: fingerprint.Fingerprint) -> None:
    print(f"账本指纹：{printed.code}（共 {printed.size} 条），已记入已发布指纹表")


def print_public_paper(ctx, document: tuple[str | None, ...], make: Callable[[str, fingerprint.Fingerprint], T],
                       done: Callable[[T], str]) -> int:
    """A public paper: publish the ledger's fingerprint for ``document``, write the PDF that prints it
    (``make(path, fingerprint)``) to ``--out``, then say what was made (``done(what make returned)``) and the
    fingerprint."""
    printed = fingerprint.publish(actor=ctx.actor, document=_document(*document))
    made = write_pdf(ctx.args.out, lambda path: make(path, printed))
    print(done(made))
    _say(printed)
    return 0


def _group_id(village_text: str | None, group_name: str | None) -> int | None:
    if not group_name:
        return None
    return group_by_name(find_village(village_text), group_name).id


def run_cards(ctx) -> int:
    from pointsapp.printing.cards import cards_pdf

    a = ctx.args
    village_id = find_village(a.village).id if (a.village or a.household or a.group) else None
    ids = cards.households_for_cards(actor=ctx.actor, village_id=village_id,
                                     group_id=_group_id(a.village, a.group), household_nos=a.household)
    if not ids:
        raise UserError("没有符合条件的在册户，未生成积分卡。")
    issued = cards.issue_cards(actor=ctx.actor, household_ids=ids)  # printing a card issues it
    faces = cards.card_faces(actor=ctx.actor, issued=[issued[h] for h in ids if h in issued])
    pages = write_pdf(a.out, lambda path: cards_pdf(path, faces, single=a.single, show_stars=not a.no_stars))
    print(f"已生成积分卡 {len(faces)} 张，共 {pages} 页：{a.out}")
    return 0


def run_ranking(ctx) -> int:
    from pointsapp.printing.ranking import ranking_pdf

    a = ctx.args
    mask = settings.get("mask_names") if a.mask_names is None else a.mask_names
    period = periods.parse(a.period)
    group_id = _group_id(a.village, a.group)
    village_id = village_id_or_all(a.village)
    category = (rankings.category_code(a.category, village_id=village_id, group_id=group_id)
                if a.category else None)
    return print_public_paper(
        ctx, ("积分公示榜", period.code, a.village, a.group, a.tag, category),
        lambda path, printed: ranking_pdf(path, actor=ctx.actor, period=period, village_id=village_id,
                                          group_id=group_id, mask_names=mask, paper=a.paper, published_on=a.date,
                                          fingerprint=printed, tag=a.tag, category=category),
        lambda rows: f"已生成{period.label}积分公示榜（{rows} 户{'，姓名已隐藏' if mask else ''}）：{a.out}")


def run_notice(ctx) -> int:
    from pointsapp.printing.notice_list import notice_pdf

    a = ctx.args
    village = find_village(a.village)
    return print_public_paper(
        ctx, ("积分公示名单", village.name),
        lambda path, printed: notice_pdf(path, actor=ctx.actor, village_id=village.id, mask_names=a.mask_names,
                                         fingerprint=printed),
        lambda count: f"已生成{village.name}积分公示名单（{count} 条公示中的记录）：{a.out}")


def run_inspection_sheet(ctx) -> int:
    from pointsapp import clock
    from pointsapp.printing.inspection_sheet import inspection_sheet_pdf

    a = ctx.args
    group_id = _group_id(a.village, a.group)
    month = periods.parse(a.month).code if a.month else periods.month(clock.today()).code
    count = write_pdf(a.out, lambda path: inspection_sheet_pdf(path, actor=ctx.actor, group_id=group_id,
                                                               period_code=month))
    print(f"已生成{a.group} {month} 空白检查表（{count} 户）：{a.out}")
    return 0


def run_certificates(ctx) -> int:
    from pointsapp.printing.certificates import certificates_pdf

    a = ctx.args
    village_id = village_id_or_all(a.village)
    return print_public_paper(
        ctx, ("证书", str(a.year), a.village),
        lambda path, printed: certificates_pdf(path, actor=ctx.actor, year=a.year, village_id=village_id, top=a.top,
                                               issued_on=a.date, fingerprint=printed),
        lambda count: f"已生成{a.year}年度证书 {count} 张：{a.out}")


def run_statement(ctx) -> int:
    from pointsapp.printing.statement import statement_pdf

    a = ctx.args
    village = find_village(a.village)
    household = find_household(village.id, a.household)
    period = periods.parse(a.period) if a.period else None
    return print_public_paper(
        ctx, ("积分明细单", village.name, household.household_no, period.code if period else "全部记录"),
        lambda path, printed: statement_pdf(path, actor=ctx.actor, household_id=household.id, period=period,
                                            fingerprint=printed),
        lambda count: f"已生成 {household.household_no} {household.head_name} 的积分明细单（{count} 条记录）：{a.out}")


def run_donations(ctx) -> int:
    from pointsapp.printing.donations import donation_list_pdf

    a = ctx.args
    period = periods.parse(a.period)
    village_id = village_id_or_all(a.village)
    count = write_pdf(a.out, lambda path: donation_list_pdf(path, actor=ctx.actor, period=period,
                                                            village_id=village_id, donor=a.donor))
    print(f"已生成{period.label}爱心捐赠公示（{count} 笔捐赠）：{a.out}")
    return 0


def run_donation_receipts(ctx) -> int:
    from pointsapp.printing.donations import donation_receipts_pdf
    from pointsapp.services.shop.donations import donations

    a = ctx.args
    ids = a.id
    if a.period:
        period = periods.parse(a.period)
        ids = [r.id for r in donations(actor=ctx.actor, period=period, village_id=village_id_or_all(a.village),
                                       donor=a.donor).rows]
        if not ids:
            raise UserError(f"{period.label}没有爱心捐赠记录，未生成捐赠收据。")
    count = write_pdf(a.out, lambda path: donation_receipts_pdf(path, actor=ctx.actor, move_ids=ids))
    print(f"已生成捐赠收据 {count} 张：{a.out}")
    return 0
