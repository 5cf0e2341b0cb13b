"""``pointsapp redeem``, ``products …``, ``stock …``, ``shop …``: the points supermarket from the command line.

Used to enter paper records when the supermarket PC was down, and by scripts.
"""
from __future__ import annotations

import argparse
import datetime as dt

from pointsapp import clock
from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import command, json_option
from pointsapp.cli._output import add_format_option, print_rows
from pointsapp.models import Household, StockMove
from pointsapp.services.shop import money
from pointsapp.services.shop import products
from pointsapp.services.shop import redemption
from pointsapp.services.shop import reports as shop_reports
from pointsapp.services.shop import stock
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village

PRODUCT_LIST = [("sku", "条码"), ("name", "商品"), ("price", "积分"), ("stock", "库存"), ("unit", "单位"),
                ("category", "类别"), ("active", "在售")]


def _user_option(p) -> None:
    # also accepted after the sub-command; SUPPRESS keeps a global --user when this one is absent
    p.add_argument("--user", default=argparse.SUPPRESS, help="您的用户名（收银员）；密码在提示时输入")


def _item(text: str) -> tuple[str, int]:
    sku, sep, qty = text.rpartition("=")
    if not sep:
        sku, qty = text, "1"
    try:
        n = int(qty)
    except ValueError:
        raise argparse.ArgumentTypeError(f"商品写成 条码=数量，如 6901234500011=2（收到“{text}”）") from None
    return sku.strip(), n


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期写成 2026-11-23（收到“{text}”）") from None


def register(sub) -> None:
    r = command(sub, "redeem", "积分兑换（补录纸质记录或脚本使用）", run_redeem)
    who = r.add_mutually_exclusive_group(required=True)
    who.add_argument("--card", help="积分卡二维码内容")
    who.add_argument("--household", help="户号（没有卡时手动指定）")
    r.add_argument("--village", help="村名或村代码（与 --household 一起用）")
    r.add_argument("--item", action="append", type=_item, required=True, metavar="条码=数量",
                   help="兑换的商品，可重复")
    r.add_argument("--points", type=int, help="只用这么多积分，其余收现金（现金补差，本村允许时）")
    r.add_argument("--token", help="确认码：同一个确认码只兑换一次（重复执行不会重复扣分）")
    r.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    _user_option(r)

    group = command_group(sub, "products")
    lp = command(group, "list", "列出商品（条码、名称、积分、库存）", run_list)
    lp.add_argument("--search", help="名称、条码或拼音首字母")
    lp.add_argument("--all", action="store_true", help="包括已下架的商品")
    json_option(lp)
    lp.add_argument("--low", action="store_true", help="只列出库存不足的商品")
    ap = command(group, "add", "新增商品", run_add)
    ap.add_argument("--sku", required=True, help="条码或自编号")
    ap.add_argument("--name", required=True)
    ap.add_argument("--price", required=True, type=int, help="兑换所需积分")
    ap.add_argument("--category", default="")
    ap.add_argument("--unit", default="件")
    ap.add_argument("--low-stock", type=int, default=5, help="库存预警数量")
    _user_option(ap)
    pp = command(group, "price", "修改商品的兑换积分（以前的兑换保持原价）", run_price)
    pp.add_argument("sku")
    pp.add_argument("price", type=int)
    _user_option(pp)

    st = sub.add_parser("stock", help="库存：入库、出库、调整").add_subparsers(
        dest="stock_command", metavar="子命令", required=True)
    ip = command(st, "in", "入库（村集体采购或爱心捐赠）", run_stock_in)
    ip.add_argument("sku")
    ip.add_argument("quantity", type=int)
    ip.add_argument("--donor", help="捐赠人或单位：给出即为捐赠入库")
    ip.add_argument("--note", default="")
    _user_option(ip)
    op = command(st, "out", "出库（过期、破损等，需原因）", run_stock_out)
    op.add_argument("sku")
    op.add_argument("quantity", type=int)
    op.add_argument("--reason", required=True)
    _user_option(op)
    jp = command(st, "adjust", "库存调整（正数增加，负数减少，需原因）", run_adjust)
    jp.add_argument("sku")
    jp.add_argument("delta", type=int)
    jp.add_argument("--reason", required=True)
    _user_option(jp)

    sh = sub.add_parser("shop", help="积分超市：日结、库存表、作废").add_subparsers(
        dest="shop_command", metavar="子命令", required=True)
    cp = command(sh, "close", "日结：当天兑换笔数、积分、各商品数量、各收银员", run_close)
    cp.add_argument("--date", type=_day, default=clock.today(), help="日期，默认今天")
    cp.add_argument("--out", help="导出为 .xlsx 文件")
    json_option(cp, None)
    _user_option(cp)
    inv = command(sh, "inventory", "库存表", run_inventory)
    inv.add_argument("--out", help="导出为 .xlsx 文件")
    add_format_option(inv)
    vp = command(sh, "void", "作废一笔兑换（退回积分和商品）", run_void)
    vp.add_argument("redemption_id", type=int)
    vp.add_argument("--reason", required=True)
    _user_option(vp)
    rp = command(sh, "receipt", "补打一笔兑换的小票（PDF，标明“补打”）", run_receipt)
    rp.add_argument("redemption_id", type=int)
    rp.add_argument("--out", required=True, help="PDF 文件")
    rp.add_argument("--paper", type=int, choices=(58, 80), default=58, help="小票纸宽（毫米）")
    _user_option(rp)


def run_receipt(ctx) -> int:
    from pointsapp.printing.receipt import receipt_pdf

    a = ctx.args
    data = receipt_pdf(actor=ctx.actor, redemption_id=a.redemption_id, paper_mm=a.paper, reprint=True)
    with open(a.out, "wb") as out:
        out.write(data)
    print(f"已补打兑换单 #{a.redemption_id} 的小票：{a.out}")
    return 0


def run_redeem(ctx) -> int:
    a = ctx.args
    household_id = None
    if a.household:
        village = find_village(a.village)
        household = Household.get_or_none(Household.village == village, Household.household_no == a.household)
        if household is None:
            raise UserError(f"{village.name}没有户号为“{a.household}”的户。")
        household_id = household.id
    result = redemption.redeem(actor=ctx.actor, card_payload=a.card, household_id=household_id,
                               items=a.item, token=a.token, points=a.points)
    if a.json:
        print_json({"redemption_id": result.redemption_id, "token": result.token, "replayed": result.replayed,
                    "household_id": result.household_id, "total_points": result.total_points,
                    "available_after": result.available_after, "status": result.status,
                    "cash_fen": result.cash_fen, "cash_points": result.cash_points,
                    "lines": [line.__dict__ for line in result.lines]})
        return 0
    items = "、".join(f"{line.name}×{line.quantity}" for line in result.lines)
    prefix = "这笔兑换已经记录过（确认码相同），没有重复扣分" if result.replayed else "兑换成功"
    cash = f"，现金 {money.yuan(result.cash_fen)} 元" if result.cash_fen else ""
    print(f"{prefix}：单号 {result.redemption_id}，{items}，共 {result.total_points} 分{cash}；"
          f"剩余可用积分 {result.available_after} 分。")
    return 0


def run_list(ctx) -> int:
    a = ctx.args
    rows = products.low_stock(actor=ctx.actor, include_inactive=a.all) if a.low else products.search(
        a.search or "", actor=ctx.actor, include_inactive=a.all)
    data = [{"sku": p.sku, "name": p.name, "price": p.price, "stock": p.stock, "unit": p.unit,
             "category": p.category, "active": p.active} for p in rows]
    if a.json:
        print_json(data)
    else:
        print_rows([h for _, h in PRODUCT_LIST], [k for k, _ in PRODUCT_LIST],
                   [d | {"active": "是" if d["active"] else "否"} for d in data])
    return 0


def run_add(ctx) -> int:
    a = ctx.args
    p = products.create_product(actor=ctx.actor, data=products.ProductData(
        sku=a.sku, name=a.name, price=a.price, category=a.category, unit=a.unit, low_stock=a.low_stock))
    print(f"已新增商品：{p.name}（{p.sku}），{p.price} 分/{p.unit}。库存为 0，请用 pointsapp stock in 入库。")
    return 0


def run_price(ctx) -> int:
    p = products.find_by_sku(ctx.args.sku, actor=ctx.actor)
    data = products.ProductData(sku=p.sku, name=p.name, price=ctx.args.price, category=p.category, unit=p.unit,
                                low_stock=p.low_stock, shelf_life_days=p.shelf_life_days)
    old = p.price
    p = products.edit_product(actor=ctx.actor, product_id=p.id, data=data)
    print(f"{p.name}：{old} 分 → {p.price} 分（以前的兑换保持原价）。")
    return 0


def _move_stock(ctx, move, what) -> int:
    """Find the product by ``--sku``, run ``move(product_id)`` and say what happened (``what(product)``) and what
    is in stock now: stock-in, stock-out and adjustment alike."""
    p = products.find_by_sku(ctx.args.sku, actor=ctx.actor)
    move(p.id)
    p = products.get_product(actor=ctx.actor, product_id=p.id)
    print(f"{p.name} {what(p)}，现有库存 {p.stock}{p.unit}。")
    return 0


def run_stock_in(ctx) -> int:
    a = ctx.args
    source = StockMove.SOURCE_DONATION if a.donor else StockMove.SOURCE_BUDGET
    return _move_stock(ctx, lambda product_id: stock.stock_in(actor=ctx.actor, product_id=product_id,
                                                              quantity=a.quantity, source=source,
                                                              donor=a.donor or "", note=a.note),
                       lambda p: f"入库 {a.quantity}{p.unit}（{stock.SOURCE_LABELS[source]}"
                                 f"{'：' + a.donor if a.donor else ''}）")


def run_stock_out(ctx) -> int:
    a = ctx.args
    return _move_stock(ctx, lambda product_id: stock.stock_out(actor=ctx.actor, product_id=product_id,
                                                               quantity=a.quantity, reason=a.reason),
                       lambda p: f"出库 {a.quantity}{p.unit}")


def run_adjust(ctx) -> int:
    a = ctx.args
    return _move_stock(ctx, lambda product_id: stock.adjust(actor=ctx.actor, product_id=product_id, delta=a.delta,
                                                            reason=a.reason),
                       lambda p: f"库存调整 {a.delta:+d}")


def run_close(ctx) -> int:
    a = ctx.args
    report = shop_reports.daily_close(actor=ctx.actor, day=a.date)
    if a.out:
        from pointsapp.services.exports import shop as shop_export  # openpyxl: only when exporting

        path = shop_export.daily_close_xlsx(actor=ctx.actor, day=a.date, path=a.out)
        print(f"日结已导出：{path}")
    if a.json:
        print_json({"date": a.date.isoformat(), "redeemed_count": report.redeemed_count,
                    "redeemed_points": report.redeemed_points, "void_count": report.void_count,
                    "void_points": report.void_points, "net_points": report.net_points,
                    "ledger_net": report.ledger_net, "balanced": report.balanced,
                    "cash_fen": report.cash_fen, "void_cash_fen": report.void_cash_fen,
                    "uncounted": report.uncounted, "unbalanced": report.unbalanced,
                    "products": report.products, "cashiers": report.cashiers})
        return 0 if report.balanced else 1
    print(f"积分超市日结 {a.date.isoformat()}：兑换 {report.redeemed_count} 笔，{report.redeemed_points} 分；"
          f"作废 {report.void_count} 笔，退回 {report.void_points} 分；净兑换 {report.net_points} 分。")
    print("与积分账本核对：" + ("一致" if report.balanced else f"不一致（账本记录 {report.ledger_net} 分）"))
    if report.cash_fen or report.void_cash_fen:
        print(f"现金：收 {money.yuan(report.cash_fen)} 元，作废退还 {money.yuan(report.void_cash_fen)} 元，"
              f"钱箱应有 {money.yuan(report.net_cash_fen)} 元。"
              + (f"未点钞：{'、'.join(report.uncounted)}。" if report.uncounted else "")
              + (f"点钞与应收不符：{'、'.join(report.unbalanced)}。" if report.unbalanced else ""))
    if report.products:
        print()
        print_rows([h for _, h in shop_reports.PRODUCT_COLUMNS], [k for k, _ in shop_reports.PRODUCT_COLUMNS],
                   report.products)
    if report.cashiers:
        print()
        print_rows([h for _, h in shop_reports.CASHIER_COLUMNS], [k for k, _ in shop_reports.CASHIER_COLUMNS],
                   report.cashiers)
    return 0 if report.balanced else 1


def run_inventory(ctx) -> int:
    a = ctx.args
    if a.out:
        from pointsapp.services.exports import shop as shop_export

        print(f"库存表已导出：{shop_export.inventory_xlsx(actor=ctx.actor, path=a.out)}")
        return 0
    cols = shop_reports.INVENTORY_COLUMNS
    print_rows([h for _, h in cols], [k for k, _ in cols], shop_reports.inventory(actor=ctx.actor), a.format)
    return 0


def run_void(ctx) -> int:
    a = ctx.args
    result = redemption.void(actor=ctx.actor, redemption_id=a.redemption_id, reason=a.reason)
    print(f"兑换单 {result.redemption_id} 已作废：退回 {result.total_points} 分，商品已退回库存；"
          f"剩余可用积分 {result.available_after} 分。")
    return 0
