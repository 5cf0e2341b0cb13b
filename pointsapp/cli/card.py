"""``pointsapp card …``: verify a scanned card payload, reissue a lost card (补卡)."""
from __future__ import annotations

from dataclasses import asdict

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE, VILLAGE_IF_ONE, command, json_option, village_option
from pointsapp.services.register import cards
from pointsapp.services.register.print_scope import find_household
from pointsapp.services.register.villages import find_village


def register(sub) -> None:
    group = command_group(sub, "card")
    p = command(group, "verify", "校验积分卡二维码内容；无效时退出码非 0 并说明原因", run_verify)
    p.add_argument("payload", metavar="PAYLOAD", help="扫码得到的内容，如 PA1:V01:01001:1:XXXXXXXXXX")
    json_option(p)

    p = command(group, "reissue", "补卡：作废旧卡，发新卡（卡号加一）", run_reissue)
    p.add_argument("--household", required=True, metavar="NO", help="户号")
    village_option(p, VILLAGE_IF_ONE)
    p.add_argument("--reason", required=True, help="补卡原因，如：卡片遗失")
    p.add_argument("--out", help="把新卡印成这个 PDF 文件（新卡的二维码只在补卡时出现这一次）")

    p = command(group, "revoke-village", "作废一个村的全部积分卡（卡片外泄时），之后重新打印新卡", run_revoke_village)
    village_option(p, VILLAGE, required=True)
    p.add_argument("--reason", required=True, help="原因")


def run_verify(ctx) -> int:
    info = cards.describe(actor=ctx.actor, payload=ctx.args.payload)
    if ctx.args.json:
        data = asdict(info)
        data["head"] = data.pop("head_name")
        print_json(data)
    elif info.valid:
        print(f"有效：{info.village}{info.group} 户号 {info.household_no}，户主 {info.head_name}，"
              f"可用积分 {info.available}，累计积分 {info.earned}，星级 {info.stars}（第 {info.serial} 号卡）")
    else:
        print(f"无效：{info.reason}")
    return 0 if info.valid else 1


def run_reissue(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    household = find_household(village.id, a.household)
    card = cards.reissue(actor=ctx.actor, household_id=household.id, reason=a.reason)
    print(f"已为 {household.household_no} {household.head_name} 补发第 {card.serial} 号卡，旧卡已作废。")
    if a.out:
        from pointsapp.cli.prints import write_pdf
        from pointsapp.printing.cards import cards_pdf

        faces = cards.card_faces(actor=ctx.actor, issued=[card])
        write_pdf(a.out, lambda path: cards_pdf(path, faces, single=True, show_stars=True))
        print(f"新卡已印到 {a.out}")
    else:
        print(f"新卡二维码内容（只显示这一次，请立即打印）：{card.payload}")
    return 0


def run_revoke_village(ctx) -> int:
    village = find_village(ctx.args.village)
    count = cards.revoke_village(actor=ctx.actor, village_id=village.id, reason=ctx.args.reason)
    print(f"{village.name}的 {count} 张积分卡已作废。请重新打印新卡：pointsapp print cards --village {village.code}")
    return 0
