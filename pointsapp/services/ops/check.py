"""``pointsapp check``: database integrity and the ledger's invariants.

Each check yields problems as one Chinese line each; no problems means all hold.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterator

from peewee import JOIN, Case, fn

from pointsapp.db.connection import is_sqlite, read_snapshot
from pointsapp.db.migrate import current_version, latest_version
from pointsapp.db.sql import sqlite_check, sqlite_foreign_key_problems
from pointsapp.models import EntryKind, EntryStatus, HouseholdBalance, LedgerEntry, Product, StockMove, database
from pointsapp.services.scoring.ledger import GENESIS, entry_hash

Check = Callable[[], Iterator[str]]


def integrity() -> Iterator[str]:
    db = database.obj
    if is_sqlite(db):
        rows = sqlite_check("integrity_check")
        if rows != ["ok"]:
            for row in rows[:20]:
                yield f"数据库文件损坏：{row}"
        for row in sqlite_foreign_key_problems()[:20]:
            yield f"外键不一致：表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]}"
    version, latest = current_version(db), latest_version()
    if version != latest:
        yield f"数据库结构版本为 {version}，本程序需要 {latest}"


def ledger_chain() -> Iterator[str]:
    """Every household's entries are numbered 1..n and each hash matches content and predecessor."""
    query = (LedgerEntry
             .select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.seq, LedgerEntry.kind, LedgerEntry.points,
                     LedgerEntry.earned, LedgerEntry.rule, LedgerEntry.category, LedgerEntry.occurred_on,
                     LedgerEntry.note, LedgerEntry.reverses, LedgerEntry.batch, LedgerEntry.created_by,
                     LedgerEntry.created_at, LedgerEntry.prev_hash, LedgerEntry.hash, LedgerEntry.member)
             .order_by(LedgerEntry.household, LedgerEntry.seq).tuples())
    heads: dict[int, tuple[int, str]] = {}
    current, expected_seq, prev = None, 0, GENESIS
    for (entry_id, household, seq, kind, points, earned, rule, category, occurred_on, note, reverses, batch,
         created_by, created_at, prev_hash, digest, member) in query.iterator():
        if household != current:
            current, expected_seq, prev = household, 1, GENESIS
        if seq != expected_seq:
            yield f"户 #{household} 的积分记录序号从 {expected_seq} 跳到 {seq}：有记录被删除或插入"
        if prev_hash != prev:
            yield f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）与前一条记录的链接不符：前面的记录被改动或删除"
        recomputed = entry_hash(
            household_id=household, seq=seq, kind=kind, points=points, earned=earned, rule_id=rule,
            category_id=category, occurred_on=occurred_on, note=note, reverses_id=reverses, batch_id=batch,
            created_by=created_by, created_at=created_at, prev_hash=prev_hash, member_id=member)
        if recomputed != digest:
            yield f"积分记录 #{entry_id}（户 #{household} 第 {seq} 条）的内容被改动过：校验值不符"
        expected_seq, prev = seq + 1, digest
        heads[household] = (seq, digest)
    for bal in HouseholdBalance.select().tuples().iterator():
        household, _earned, _available, last_seq, last_hash = bal
        seq, digest = heads.get(household, (0, ""))
        if (last_seq, last_hash) != (seq, digest):
            yield f"户 #{household} 的链头记录（第 {last_seq} 条）与账本（第 {seq} 条）不符：账本末尾有记录被删除或添加"


def balances_equal_ledger() -> Iterator[str]:
    sums = (LedgerEntry
            .select(LedgerEntry.household,
                    fn.SUM(LedgerEntry.points).alias("available"),
                    fn.SUM(Case(None, [(LedgerEntry.earned == True, LedgerEntry.points)], 0)).alias("earned"))  # noqa: E712
            .where(LedgerEntry.status == EntryStatus.EFFECTIVE)
            .group_by(LedgerEntry.household).tuples())
    truth = {h: (int(e or 0), int(a or 0)) for h, a, e in sums}
    for household, earned, available in HouseholdBalance.select(
            HouseholdBalance.household, HouseholdBalance.earned_total, HouseholdBalance.available).tuples():
        want = truth.pop(household, (0, 0))
        if (earned, available) != want:
            yield (f"户 #{household} 的余额缓存（累计 {earned}，可用 {available}）"
                   f"与账本（累计 {want[0]}，可用 {want[1]}）不符")
    for household, (earned, available) in truth.items():
        yield f"户 #{household} 有生效的积分记录却没有余额行（累计 {earned}，可用 {available}）"


def monthly_sums_equal_ledger() -> Iterator[str]:
    """The dashboard's monthly category sums (ledger_month, kept by triggers) are a cache of the ledger."""
    from pointsapp.services.scoring import ledger_months

    for (village, category, month), kept, truth in ledger_months.differences():
        yield f"村 #{village} 类别 #{category} {month} 的月度汇总 {kept} 与账本 {truth} 不符"


def yearly_sums_equal_ledger() -> Iterator[str]:
    """The ranking's yearly sums per household and category (household_year, kept by triggers) are a cache of the
    ledger: each row that differs is named, with its household, year and category."""
    from pointsapp.services.scoring import household_years

    for (village, year, household, category), kept, truth in household_years.differences():
        yield (f"户 #{household}（村 #{village}）{year} 年类别 #{category} 的年度汇总（合计 {kept[0]}，加分 {kept[1]}，"
               f"扣分 {kept[2]}）与账本（合计 {truth[0]}，加分 {truth[1]}，扣分 {truth[2]}）不符")


def held_stars_kept() -> Iterator[str]:
    """The stars each household holds, kept by triggers (household_stars), equal what its awards say."""
    from pointsapp.services.scoring import household_stars

    for household, kept, held in household_stars.differences():
        yield f"户 #{household} 记录的星数 {kept} 与它持有的星级 {held} 不符"


def dashboard_figures_kept() -> Iterator[str]:
    """The dashboard's figures kept by triggers (migration 0016) equal their sources: each household's month
    (household_month) the ledger, each village's held stars (village_stars) the awards, the lots on the shelf
    (lot_on_hand) each product's stock shared out afresh. Each row that differs is named."""
    from pointsapp.services.reports import kept_figures

    for (village, month, household), kept, truth in kept_figures.month_differences():
        yield (f"户 #{household}（村 #{village}）{month} 的月度汇总（合计 {kept[0]}，加分 {kept[1]}，扣分 {kept[2]}，"
               f"加分 {kept[3]} 条）与账本（合计 {truth[0]}，加分 {truth[1]}，扣分 {truth[2]}，加分 {truth[3]} 条）不符")
    for (village, star), kept, held in kept_figures.star_differences():
        yield f"村 #{village} 星级 #{star} 记录的持有户数 {kept} 与它的评定结果 {held} 不符"
    for move, kept, truth in kept_figures.lot_differences():
        kept_text = f"商品 #{kept[0]} 在库 {kept[1]}" if kept else "无"
        truth_text = f"商品 #{truth[0]} 在库 {truth[1]}" if truth else "无"
        yield f"入库批次 #{move} 记录的在库数（{kept_text}）与按库存分配的结果（{truth_text}）不符"


def no_overspending(found) -> Iterator[str]:
    """Available points never went below zero through a redemption. A household's entries are replayed twice: in
    the order they took effect as written (the signed writes that appended them or made them effective, numbered
    as they were made: :func:`verify.made_effective_by`), and in the order of the times they carry. A sale is an
    overdraft when both replays go below zero at it:
    - the times alone are not enough: two PCs' clocks often differ by minutes, and an award at the office followed
      by a sale at a till whose clock is behind is no overdraft (the signed order shows the award first);
    - the signed order alone is not enough: the demo writes years of history at once, its notices closed after the
      sales it made in the story's time.
    Rows from before signing replay by their time in both."""
    from pointsapp.services.signing import verify

    made_effective = verify.made_effective_by(found)
    query = (LedgerEntry
             .select(LedgerEntry.household, LedgerEntry.id, LedgerEntry.kind, LedgerEntry.points, LedgerEntry.seq,
                     LedgerEntry.signed_write)
             .where(LedgerEntry.status == EntryStatus.EFFECTIVE)
             .order_by(LedgerEntry.household, LedgerEntry.effective_at, LedgerEntry.seq).tuples())

    def as_written(placed: tuple[int, tuple]) -> tuple:
        by_time, (_household, entry_id, _kind, _points, seq, signed_write) = placed
        write = made_effective.get(entry_id, signed_write)
        return (0, by_time, seq) if write is None else (1, write, seq)

    def overdrawn(rows: list[tuple]) -> dict[int, int]:
        available, found_at = 0, {}
        for _household, entry_id, kind, points, *_rest in rows:
            available += points
            if kind == EntryKind.REDEMPTION and available < 0:
                found_at[entry_id] = available
        return found_at

    def replay(rows: list[tuple]) -> Iterator[str]:  # rows in the order of their times
        by_clock = overdrawn(rows)
        if by_clock:  # rarely: only then are the household's rows put in the order they were written
            written = [row for _place, row in sorted(enumerate(rows), key=as_written)]
            for entry_id, available in overdrawn(written).items():
                if entry_id in by_clock:
                    yield f"户 #{rows[0][0]} 的兑换记录 #{entry_id} 使可用积分变为 {available}（透支）"

    for _household, rows in itertools.groupby(query.iterator(), key=lambda row: row[0]):
        yield from replay(list(rows))


def reversals_match() -> Iterator[str]:
    original = LedgerEntry.alias()
    query = (LedgerEntry
             .select(LedgerEntry.id, LedgerEntry.points, LedgerEntry.household, original.points, original.household)
             .join(original, on=(LedgerEntry.reverses == original.id))
             .where(LedgerEntry.kind == EntryKind.REVERSAL).tuples())
    for entry_id, points, household, orig_points, orig_household in query:
        if points != -orig_points or household != orig_household:
            yield f"冲正记录 #{entry_id} 与被冲正的记录不对应（{points} 对 {orig_points}）"
    twice = (LedgerEntry.select(LedgerEntry.reverses, fn.COUNT(LedgerEntry.id))
             .where(LedgerEntry.reverses.is_null(False))
             .group_by(LedgerEntry.reverses).having(fn.COUNT(LedgerEntry.id) > 1).tuples())
    for reversed_id, count in twice:
        yield f"积分记录 #{reversed_id} 被冲正了 {count} 次"


def stock_equals_moves() -> Iterator[str]:
    moves = dict(StockMove.select(StockMove.product, fn.SUM(StockMove.quantity)).group_by(StockMove.product).tuples())
    for product_id, name, stock in Product.select(Product.id, Product.name, Product.stock).tuples():
        want = int(moves.get(product_id) or 0)
        if stock != want:
            yield f"商品“{name}”的库存 {stock} 与出入库记录之和 {want} 不符"
        if stock < 0:
            yield f"商品“{name}”的库存为负数（{stock}）"


def workflow_consistent() -> Iterator[str]:
    """Review, notice and objections left the traces they must: who reviewed, which notice, which reversal."""
    from pointsapp.models import Objection

    bad_review = (LedgerEntry.select(LedgerEntry.id)
                  .where(LedgerEntry.status.in_([EntryStatus.REVIEWED, EntryStatus.NOTICE, EntryStatus.REJECTED]),
                         LedgerEntry.reviewed_by.is_null() | (LedgerEntry.reviewed_by == LedgerEntry.created_by)))
    for (entry_id,) in bad_review.tuples():
        yield f"积分记录 #{entry_id} 没有由另一位用户审核，却已进入审核后的状态"
    for (entry_id,) in LedgerEntry.select(LedgerEntry.id).where(
            LedgerEntry.status == EntryStatus.NOTICE, LedgerEntry.notice.is_null()).tuples():
        yield f"积分记录 #{entry_id} 处于公示中，却不属于任何公示"
    for (entry_id,) in LedgerEntry.select(LedgerEntry.id).where(
            LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.effective_at.is_null()).tuples():
        yield f"积分记录 #{entry_id} 已生效却没有生效时间"
    reversal = LedgerEntry.alias()
    upheld = (Objection.select(Objection.id, Objection.entry, reversal.reverses)
              .join(reversal, JOIN.LEFT_OUTER, on=(Objection.reversal == reversal.id))
              .where(Objection.status == Objection.STATUS_UPHELD).tuples())
    for objection_id, entry_id, reversed_id in upheld:
        if reversed_id != entry_id:
            yield f"异议 #{objection_id} 已成立，但积分记录 #{entry_id} 没有相应的冲正记录"


def _signed(part: Callable) -> Check:
    """A signature check (services/signing/verify): the keys and signed writes are read once per ``check`` run."""
    def run() -> Iterator[str]:
        from pointsapp.services.signing import verify

        found = _gathered.get("found")
        if found is None or part is verify.keys_and_writes or _gathered.get("db") is not database.obj:
            found = _gathered["found"] = verify.gather()
            _gathered["db"] = database.obj
        yield from part(found)
    return run


_gathered: dict = {}


def _signature_checks() -> list[tuple[str, Check]]:
    from pointsapp.services.signing import verify

    return [("签名密钥与签名链", _signed(verify.keys_and_writes)), ("积分记录的签名", _signed(verify.ledger)),
            ("兑换与出入库的签名", _signed(verify.shop)), ("用户角色的签名", _signed(verify.users)),
            ("操作日志的封存", _signed(verify.audit)), ("无透支兑换", _signed(no_overspending))]


def signature_notes() -> list[str]:
    """What ``check`` says besides problems (the history from before signing, the installation's root key)."""
    from pointsapp.services.signing import verify

    found = _gathered.get("found") if _gathered.get("db") is database.obj else None
    return verify.notes(found or verify.gather())  # what run_checks just verified, if it ran


CHECKS: list[tuple[str, Check]] = [
    ("数据库完整性", integrity),
    ("积分账本防篡改链", ledger_chain),
    ("余额与账本一致", balances_equal_ledger),
    ("月度汇总与账本一致", monthly_sums_equal_ledger),
    ("年度汇总与账本一致", yearly_sums_equal_ledger),
    ("户持有星数", held_stars_kept),
    ("首页汇总与来源一致", dashboard_figures_kept),
    ("冲正记录", reversals_match),
    ("库存与出入库一致", stock_equals_moves),
    ("审核公示流程留痕", workflow_consistent),
    *_signature_checks(),
]


def chain_problems() -> list[str]:
    """:func:`ledger_chain`'s problems on their own (``check --fingerprint``), read in one snapshot like
    :func:`run_checks`: a sale committed between the ledger's read and the chain heads' is not a deleted row."""
    with read_snapshot():
        return list(ledger_chain())


def run_checks() -> list[str]:
    """Every check, over one snapshot of the database (the stations may go on selling meanwhile)."""
    problems: list[str] = []
    with read_snapshot():
        for _title, check in CHECKS:
            problems.extend(check())
    return problems
