"""``pointsapp demo``: realistic, deterministic data for the current year (or the last N years), in bulk.

Later features add their own steps to ``STEPS`` (reviews, redemptions, stars …) so
that the demo shows every feature. The same generator feeds the benchmark suite.
"""
from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass
from typing import Callable

from pointsapp import clock
from pointsapp.db.bulk import insert_rows
from pointsapp.models import (
    Category, EntryStatus, Group, Household, HouseholdTag, Member, Rule, Tag, Township, User, Village, database, now,
)
from pointsapp.services import audit
from pointsapp.services.register import idnumber
from pointsapp.services.register import pinyin
from pointsapp.services.ops import users as operators
from pointsapp.services.auth import Actor, Role
from pointsapp.errors import UserError
from pointsapp.services.register.households import search_key
from pointsapp.services.scoring.ledger import EntryDraft, append
from pointsapp.services.register.villages import default_rule_set, default_star_scheme, load_rule_set, load_star_scheme

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志成德福贵生山海"
FEMALE = "芳娜敏静丽艳娟霞秀英华慧巧美娅红梅兰凤洁琳素云莲真环雪荣爱妹香月莺媛玲"
VILLAGE_NAMES = ["桃园村", "柳溪村", "石桥村", "杏花村", "青龙村", "白云村", "长岭村", "双河村", "枣林村", "金沙村",
                 "红星村", "新华村", "东风村", "西山村", "南湖村", "北坡村", "龙泉村", "凤鸣村", "高家庄村", "李家湾村",
                 # a township of up to 50 villages (the benchmark's full size)
                 "张家坪村", "马家沟村", "王家营村", "赵家庄村", "刘家河村", "陈家岭村", "杨柳村", "槐树村", "梨园村",
                 "松林村", "竹园村", "荷塘村", "栗子坪村", "黄土坡村", "清水村", "三岔村", "五里铺村", "七星村",
                 "九龙村", "十里村", "前进村", "团结村", "和平村", "胜利村", "光明村", "幸福村", "永丰村", "丰收村",
                 "太平村", "安乐村"]
TAGS = ["党员户", "脱贫户", "低保户", "五保户", "军属", "乡贤"]
REGIONS = ["610124", "610125", "610126", "610102"]
DEMO_USERS = [("luru", "录入员小李", Role.SCORER), ("shenhe", "审核员老王", Role.REVIEWER),
              ("shouyin", "收银员小张", Role.CASHIER), ("chakan", "驻村干部", Role.VIEWER)]


@dataclass
class DemoContext:
    """What each demo step gets: the random source, the year, who acts, what was made."""

    rng: random.Random
    year: int
    today: dt.date
    admin: Actor
    villages: list[Village]
    progress: Callable[[str], None]
    products: int | None = None  # how many products the shop sells (None: the demo catalogue)
    activity: float = 1.0  # how busy this year was compared to the current one (the scheme grew over the years)


def _name(rng: random.Random, surname: str, male: bool) -> str:
    chars = MALE if male else FEMALE
    return surname + "".join(rng.choice(chars) for _ in range(rng.choice((1, 2, 2))))


def _members(rng: random.Random, used_ids: set[str], year: int) -> list[dict]:
    surname = rng.choice(SURNAMES)
    region = rng.choice(REGIONS)

    def person(name, relation, male, age, head=False):
        born = dt.date(year - age, rng.randint(1, 12), rng.randint(1, 28))
        seq = rng.randint(0, 999)
        while True:
            seq = (seq // 2) * 2 + (1 if male else 0)  # odd: male, even: female
            number = idnumber.make(region, born, seq)
            if number not in used_ids:
                used_ids.add(number)
                break
            seq = (seq + 2) % 1000
        phone = f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}" if age >= 18 and rng.random() < 0.7 else ""
        return {"name": name, "relation": relation, "is_head": head, "id_number": number,
                "sex": "男" if male else "女", "birth_date": born, "phone": phone}

    head_male = rng.random() < 0.85
    head_age = rng.randint(30, 78)
    people = [person(_name(rng, surname, head_male), "户主", head_male, head_age, head=True)]
    if rng.random() < 0.85:
        people.append(person(_name(rng, rng.choice(SURNAMES), not head_male), "配偶", not head_male,
                             max(22, head_age + rng.randint(-5, 3))))
    child_labels = {True: ["长子", "次子", "三子"], False: ["长女", "次女", "三女"]}
    counts = {True: 0, False: 0}
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        male = rng.random() < 0.5
        if counts[male] >= 3 or head_age < 24:
            continue
        label = child_labels[male][counts[male]]
        counts[male] += 1
        people.append(person(_name(rng, surname, male), label, male, rng.randint(1, max(1, head_age - 20))))
    if head_age < 55 and rng.random() < 0.35:
        male = rng.random() < 0.4
        people.append(person(_name(rng, surname if male else rng.choice(SURNAMES), male),
                             "父亲" if male else "母亲", male, head_age + rng.randint(22, 30)))
    return people


def _make_users() -> None:
    for username, display, role in DEMO_USERS:
        if not User.select().where(User.username == username).exists():
            User.create(username=username, display_name=display, role=role.value)


def _households(ctx: DemoContext, village: Village, count: int, used_ids: set[str]) -> None:
    rng = ctx.rng
    groups_n = max(1, round(count / 80))
    groups = [Group.create(village=village, name=f"{i}组", sort_order=i) for i in range(1, groups_n + 1)]
    tags = {name: Tag.get_or_create(name=name)[0] for name in TAGS}
    stamp = now()
    households, members_by_no, tag_rows = [], {}, []
    for n in range(count):
        group = groups[n % groups_n]
        no = f"{group.sort_order:02d}{n // groups_n + 1:03d}"
        people = _members(rng, used_ids, ctx.year)
        members_by_no[no] = people
        joined = dt.date(ctx.year, rng.randint(2, 6), 1) if rng.random() < 0.03 else None
        households.append({
            "village": village.id, "group": group.id, "household_no": no, "head_name": people[0]["name"],
            "search_key": search_key(no, [_Named(p["name"], p["phone"]) for p in people], people[0]["phone"]),
            "address": f"{village.name}{group.name}{n // groups_n + 1}号", "phone": people[0]["phone"],
            "status": "active", "joined_on": joined, "created_at": stamp, "updated_at": stamp, "note": ""})
    insert_rows(Household, households)
    ids = dict(Household.select(Household.household_no, Household.id).where(Household.village == village).tuples())
    member_rows = []
    for no, people in members_by_no.items():
        for p in people:
            member_rows.append({**p, "household": ids[no], "active": True, "created_at": stamp,
                                "pinyin": f"{pinyin.initials(p['name'])} {pinyin.full(p['name'])}"})
        if rng.random() < 0.25:
            tag_rows.append({"household": ids[no], "tag": tags[rng.choice(TAGS)].id})
    insert_rows(Member, member_rows)
    for start in range(0, len(tag_rows), 500):
        HouseholdTag.insert_many(tag_rows[start:start + 500]).on_conflict_ignore().execute()


@dataclass
class _Named:
    name: str
    phone: str


def _entries(ctx: DemoContext, village: Village) -> None:
    """A year of entries: monthly hygiene inspections plus events, within each rule's cap and frequency.

    In a reviewed village they are typed by the scorer and wait for review; the
    ``demo_scoring`` step then takes them through review, notice and objections.
    """
    rng = ctx.rng
    rules = {r.code: r for r in Rule.select().where(Rule.village == village).order_by(Rule.id)}
    inspection = [r for r in rules.values() if r.inspection_item]
    events = [r for r in rules.values() if not r.inspection_item and r.frequency == Rule.FREQ_EVENT]
    positive = [r for r in events if r.points > 0 and r.code not in ("LW02",)]
    negative = [r for r in events if r.points < 0 and not r.is_veto]
    veto = [r for r in events if r.is_veto]
    households = list(Household.select(Household.id, Household.joined_on).where(Household.village == village)
                      .order_by(Household.id).tuples())
    diligence = {hid: rng.betavariate(5, 2) for hid, _ in households}  # how well a household does, steady
    last_month = ctx.today.month if ctx.today.year == ctx.year else 12
    reviewed = village.workflow == Village.WORKFLOW_REVIEWED
    status = EntryStatus.ENTERED if reviewed else EntryStatus.EFFECTIVE
    entered_by = User.get(User.username == "luru").id if reviewed else ctx.admin.user_id
    used: dict[tuple[int, int], int] = {}  # points so far this year per (household, rule): caps hold
    drafts: list[EntryDraft] = []

    def add(hid, rule, day, note=""):
        if rule.cap is not None and abs(used.get((hid, rule.id), 0) + rule.points) > abs(rule.cap):
            return
        used[(hid, rule.id)] = used.get((hid, rule.id), 0) + rule.points
        created = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
        drafts.append(EntryDraft(household_id=hid, village_id=village.id, kind="award" if rule.points > 0 else "deduction",
                                 points=rule.points, occurred_on=day, note=note, rule_id=rule.id,
                                 category_id=rule.category_id, created_at=min(created, now()), status=status))

    def flush():
        drafts.sort(key=lambda d: d.created_at)
        append(drafts, created_by=entered_by, return_ids=False)
        drafts.clear()

    for month in range(1, last_month + 1):
        this_month = ctx.year == ctx.today.year and month == last_month
        inspect_day = dt.date(ctx.year, month, min(25, ctx.today.day) if this_month else 25)
        for hid, joined in households:
            if joined and joined > inspect_day:
                continue
            d = diligence[hid]
            busy = d * ctx.activity  # earlier years: fewer households took part
            for rule in inspection:
                if rng.random() < busy:
                    add(hid, rule, inspect_day, "月度卫生检查")
            for _ in range(2):
                if rng.random() < 0.45 * busy:
                    day = dt.date(ctx.year, month, rng.randint(1, inspect_day.day))
                    add(hid, rng.choice(positive), day)
            if rng.random() < 0.06 * (1.2 - d) * ctx.activity:
                add(hid, rng.choice(negative), dt.date(ctx.year, month, rng.randint(1, inspect_day.day)))
            if rng.random() < 0.0008:
                add(hid, rng.choice(veto), dt.date(ctx.year, month, rng.randint(1, inspect_day.day)), "经村委会调查核实")
        if month == last_month:
            for hid, joined in households:
                if rng.random() < 0.6 * diligence[hid] * ctx.activity and not joined:
                    add(hid, rules["VT01"], inspect_day, "年度评议")
        if len(drafts) > 20000:
            flush()
        ctx.progress(f"{village.name}：{month} 月积分已生成")
    flush()


DemoStep = Callable[[DemoContext], None]
# Steps of later features, run after households and entries exist, in this order: "module:function".
# Review, notice and objections come first; stars are evaluated on the finished ledger; the shop spends
# last, only points households already had. Modules load late (they import this one).
STEPS: list[str] = [
    "pointsapp.demo.step_passwords:set_demo_passwords",
    "pointsapp.demo.step_workflow:workflow_year",
    "pointsapp.demo.step_stars:run",
    "pointsapp.demo.step_shop:shop_step",
]


def _step(path: str) -> DemoStep:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


# Share of the current year's activity, by years before it: the scheme started small and grew.
ACTIVITY = (1.0, 0.5, 0.35, 0.25, 0.2)


def activity(years_ago: int) -> float:
    return ACTIVITY[min(years_ago, len(ACTIVITY) - 1)]


def generate(*, households: int = 200, villages: int = 1, seed: int = 1, today: dt.date | None = None,
             years: int = 1, products: int | None = None,
             progress: Callable[[str], None] = lambda _msg: None) -> dict:
    """Fill an empty database with demo data: ``years`` years of entries ending with this year. Returns counts.

    Each year runs every step (entries, review, stars, shop) in time order, so a year's shop
    only spends what households had then. ``products`` defaults to the demo catalogue's size.
    """
    if households < 1 or villages < 1 or years < 1:
        raise UserError("户数、村数和年数都必须至少为 1。")
    if villages > len(VILLAGE_NAMES):
        raise UserError(f"演示数据最多 {len(VILLAGE_NAMES)} 个村。")
    if Household.select().exists():
        raise UserError("数据库里已经有户籍数据；演示数据只能生成到空数据库里。请用 --db 指定一个新文件。")
    today = today or clock.today()
    rng = random.Random(seed)
    with database.obj.atomic():  # all or nothing
        admin = operators.ensure_admin()
        _make_users()
        from pointsapp.demo.step_passwords import give_keys

        give_keys()
        township = Township.create(name="青山镇", code="QS")
        made: list[Village] = []
        per_village = [households // villages + (1 if i < households % villages else 0) for i in range(villages)]
        used_ids: set[str] = set()
        ctx = DemoContext(rng=rng, year=today.year, today=today, admin=admin, villages=made, progress=progress,
                          products=products)
        for i, count in enumerate(per_village):
            village = Village.create(name=VILLAGE_NAMES[i], code=f"V{i + 1:02d}", township=township,
                                     workflow=Village.WORKFLOW_REVIEWED if i == 1 else Village.WORKFLOW_SIMPLE,
                                     objection_contact="村委会办公室或村务公开栏意见箱")
            load_rule_set(village, default_rule_set())
            load_star_scheme(village, default_star_scheme())
            _households(ctx, village, count, used_ids)
            made.append(village)
            progress(f"{village.name}：{count} 户已生成")
        for year in range(today.year - years + 1, today.year + 1):
            ctx.year, ctx.activity = year, activity(today.year - year)
            for village in made:
                _entries(ctx, village)
            for path in STEPS:
                _step(path)(ctx)
        audit.record(admin, "demo.generate", "database", "", None,
                     {"households": households, "villages": villages, "seed": seed, "years": years})
    from pointsapp.models import LedgerEntry

    return {"villages": villages, "households": Household.select().count(),
            "members": Member.select().count(), "entries": LedgerEntry.select().count(),
            "categories": Category.select().count()}
