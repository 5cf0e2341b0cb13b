"""``pointsapp stars …``: star schemes, the yearly evaluation, adjustments, notice, awards, withdrawal."""
from __future__ import annotations

import json
from pathlib import Path

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import command, decision_options, json_option, out_option, village_id_or_all, village_option
from pointsapp.cli._output import print_rows
from pointsapp.models import Household, Star, StarEvaluation, Village
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import scheme as star_scheme
from pointsapp.services.stars import evaluation as stars
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village


def register(sub) -> None:
    group = command_group(sub, "stars")
    p = command(group, "evaluate", "按账本评定某年度（或半年）的星级，列出每户建议的星级和依据", run_evaluate)
    p.add_argument("--year", required=True, help="年度 2026 或半年 2026-H1")
    p.add_argument("--village", help="村名或村代码（默认：所有村）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出每一户的建议星级和数据")
    p.add_argument("--apply", action="store_true", help="评定后直接授星（仅限无需公示的村）")

    p = command(group, "adjust", "委员会调整某户某颗星（须填写原因）", run_adjust)
    p.add_argument("--evaluation", type=int, required=True, help="评星记录编号")
    p.add_argument("--household", required=True, help="户号")
    p.add_argument("--star", required=True, help="星级代码")
    decision_options(p, ("--include", "授予这颗星"), ("--exclude", "不授予这颗星"), reason=("--reason", "调整原因"),
                     reason_required=True)

    for name, helptext, handler in (("publish", "公示评星结果", "publish"), ("apply", "公示期满后授星", "apply")):
        p = group.add_parser(name, help=helptext)
        p.add_argument("--evaluation", type=int, help="评星记录编号（默认：该村最近一次评星）")
        village_option(p)
        p.add_argument("--year", help="年度或半年，与 --village 一起找评星记录")
        if name == "publish":
            p.add_argument("--days", type=int, help="公示天数（默认按村设置）")
        p.set_defaults(handler=run_publish if handler == "publish" else run_apply)

    p = command(group, "withdraw", "摘星（须填写原因）", run_withdraw)
    p.add_argument("--household", required=True, help="户号")
    village_option(p)
    p.add_argument("--star", required=True, help="星级代码")
    p.add_argument("--reason", required=True, help="摘星原因")

    p = command(group, "summary", "各村、各组的星级户统计", run_summary, village=True)
    p.add_argument("--year", help="年度或半年（默认：各户目前持有的星）")
    json_option(p, None)

    p = command(group, "history", "某户历年获星和摘星记录", run_history)
    p.add_argument("--household", required=True, help="户号")
    village_option(p)
    json_option(p, None)

    p = command(group, "scheme", "查看或载入本村的星级方案", run_scheme, village=True)
    p.add_argument("--load", metavar="FILE", help="从 JSON 文件载入星级方案（未列出的星级停用）")
    json_option(p, None)

    p = command(command_group(sub, "print"), "plaques", "星级牌 PDF：每个获星户一页", run_print_plaques)
    p.add_argument("--year", required=True, help="年度 2026 或半年 2026-H1")
    out_option(p)
    p.add_argument("--village", help="村名或村代码（默认：所有村）")
    p.add_argument("--household", help="只打印这一户（户号，需与 --village 一起用于多村数据库）")
    p.add_argument("--size", choices=["A4", "A5"], default="A4", help="纸张（横向）")


def _villages(text: str | None) -> list[Village]:
    return [find_village(text)] if text else list(Village.select().order_by(Village.code))


def _household(village: Village, no: str) -> Household:
    household = Household.get_or_none(Household.village == village.id, Household.household_no == no)
    if household is None:
        raise UserError(f"{village.name}没有户号为“{no}”的户。")
    return household


def _star(village: Village, code: str) -> Star:
    star = Star.get_or_none(Star.village == village.id, Star.code == code)
    if star is None:
        codes = "、".join(s.code for s in star_scheme.stars_of(village.id))
        raise UserError(f"{village.name}没有代码为“{code}”的星级。可用：{codes}。")
    return star


def _evaluation(ctx) -> StarEvaluation:
    a = ctx.args
    if a.evaluation:
        return stars.get_evaluation(a.evaluation)
    village = find_village(a.village)
    found = stars.latest_evaluation(village.id, a.year)
    if found is None:
        raise UserError(f"{village.name}还没有评星记录，请先运行 pointsapp stars evaluate。")
    return found


def household_json(village: Village, item: stars.HouseholdProposals, names: dict[str, str]) -> dict:
    return {"village": village.name, "household_no": item.household_no, "head_name": item.head_name,
            "group": item.group, "stars": [i.name for i in item.included],
            "star_codes": [i.code for i in item.included], "count": len(item.included),
            "figures": {i.code: {**i.figures, "star": i.name, "qualified": i.qualified, "included": i.included,
                                 "why": stars.explain(i.figures, names),
                                 **({"adjust_reason": i.adjust_reason} if i.adjust_reason else {})}
                        for i in item.items}}


def run_evaluate(ctx) -> int:
    a = ctx.args
    chosen = _villages(a.village)
    if a.apply:
        blocked = [v.name for v in chosen if star_awards.notice_required(v)]
        if blocked:
            raise UserError(f"{'、'.join(blocked)}的评星结果须先公示，不能直接授星；请去掉 --apply，公示期满后再授星。")
    out = {"period": stars.evaluation_period(a.year).code, "evaluations": [], "households": []}
    for village in chosen:
        evaluation = stars.evaluate(actor=ctx.actor, village_id=village.id, period=a.year)
        applied = star_awards.apply(actor=ctx.actor, evaluation_id=evaluation.id) if a.apply else None
        listed = stars.proposals(actor=ctx.actor, evaluation_id=evaluation.id)
        names = star_scheme.category_names(actor=ctx.actor, village_id=village.id)
        out["evaluations"].append({"id": evaluation.id, "village": village.name, "households": len(listed),
                                   "status": "applied" if a.apply else "draft", "awards": applied})
        out["households"] += [household_json(village, item, names) for item in listed]
        if not a.json:
            counts: dict[int, int] = {}
            for item in listed:
                counts[len(item.included)] = counts.get(len(item.included), 0) + 1
            spread = "，".join(f"{n}星 {c} 户" for n, c in sorted(counts.items(), reverse=True))
            print(f"{village.name}{stars.evaluation_period(a.year).label}：评星记录 #{evaluation.id}，"
                  f"共 {len(listed)} 户。{spread}。" + (f"已授星 {applied} 颗。" if a.apply else ""))
    if a.json:
        print_json(out)
    return 0


def run_adjust(ctx) -> int:
    a = ctx.args
    evaluation = stars.get_evaluation(a.evaluation)
    village = evaluation.village
    household, star = _household(village, a.household), _star(village, a.star)
    stars.adjust(actor=ctx.actor, evaluation_id=evaluation.id, household_id=household.id, star_id=star.id,
                 include=a.include, reason=a.reason)
    print(f"已调整：{household.household_no} {household.head_name} {star.name} → {'授予' if a.include else '不授予'}。")
    return 0


def run_publish(ctx) -> int:
    evaluation = _evaluation(ctx)
    notice = star_awards.publish(actor=ctx.actor, evaluation_id=evaluation.id, days=ctx.args.days)
    print(f"{notice.title}：公示期 {notice.starts_on} 至 {notice.ends_on}。")
    return 0


def run_apply(ctx) -> int:
    evaluation = _evaluation(ctx)
    count = star_awards.apply(actor=ctx.actor, evaluation_id=evaluation.id)
    print(f"评星记录 #{evaluation.id} 已授星：共 {count} 颗。")
    return 0


def run_withdraw(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    household, star = _household(village, a.household), _star(village, a.star)
    award = star_awards.withdraw(actor=ctx.actor, household_id=household.id, star_id=star.id, reason=a.reason)
    print(f"已摘星：{household.household_no} {household.head_name} {award.period} {star.name}。")
    return 0


def run_summary(ctx) -> int:
    a = ctx.args
    village_id = village_id_or_all(a.village)
    rows = star_awards.summary(actor=ctx.actor, village_id=village_id, period=a.year)
    data = [{"village": r.village, "group": r.group or "合计", "households": r.households, "starred": r.starred,
             "stars": r.stars, "by_count": {str(k): v for k, v in sorted(r.by_count.items())},
             "by_star": r.by_star} for r in rows]
    if a.json:
        print_json(data)
        return 0
    for d in data:
        d["spread"] = " ".join(f"{k}星:{v}" for k, v in sorted(d["by_count"].items(), key=lambda kv: -int(kv[0])))
    print_rows(["村", "组", "户数", "获星户", "星数", "分布"],
               ["village", "group", "households", "starred", "stars", "spread"], data)
    return 0


def run_history(ctx) -> int:
    a = ctx.args
    household = _household(find_village(a.village), a.household)
    records = star_awards.history(actor=ctx.actor, household_id=household.id)
    data = [{"period": r.period, "star": r.star, "awarded_on": str(r.awarded_on), "awarded_by": r.awarded_by,
             "withdrawn": str(r.withdrawn_at or ""), "withdrawn_reason": r.withdrawn_reason} for r in records]
    if a.json:
        print_json(data)
        return 0
    print_rows(["期间", "星级", "授星日期", "授星人", "摘星时间", "摘星原因"],
               ["period", "star", "awarded_on", "awarded_by", "withdrawn", "withdrawn_reason"], data)
    return 0


def run_scheme(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    if a.load:
        try:
            scheme = json.loads(Path(a.load).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"无法读取星级方案文件 {a.load}：{exc}") from exc
        star_scheme.load_scheme(actor=ctx.actor, village_id=village.id, scheme=scheme)
    specs = star_scheme.list_stars(actor=ctx.actor, village_id=village.id, include_inactive=False)
    if a.json:
        print_json(star_scheme.scheme_as_json(village.id))
        return 0
    names = star_scheme.category_names(actor=ctx.actor, village_id=village.id)
    print_rows(["序号", "代码", "名称", "颜色", "条件"], ["order", "code", "name", "color", "criterion"],
               [{"order": s.sort_order, "code": s.code, "name": s.name, "color": s.color,
                 "criterion": s.criterion.describe(names)} for s in specs])
    return 0


def run_print_plaques(ctx) -> int:
    from pointsapp.printing.plaque import render_plaques

    a = ctx.args
    village = find_village(a.village) if a.village or a.household else None
    household_ids = [_household(village, a.household).id] if a.household else None
    pages = render_plaques(actor=ctx.actor, path=a.out, period=a.year, village_id=village.id if village else None,
                           household_ids=household_ids, size=a.size)
    print(f"已生成星级牌 {pages} 张：{a.out}")
    return 0
