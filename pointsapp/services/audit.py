"""操作日志: every change writes one append-only row (who, when, what, old and new values)."""
from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import in_style
from pointsapp.models import AuditLog, database, now
from pointsapp.services.register import privacy
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import domain_label, translate


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value)
    return str(value)


def to_json(value: Any) -> str:
    if value is None or value == "":
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)


ENTITY_ID_LENGTH = 40  # AuditLog.entity_id's column width


def _entity_id(value: Any) -> str:
    """PostgreSQL refuses a longer value (SQLite would keep it): never let a long label fail the change it logs."""
    text = str(value)
    return text if len(text) <= ENTITY_ID_LENGTH else text[:ENTITY_ID_LENGTH - 1] + "…"


# the audit log's one hand-written statement (built once per parameter style by db.sql.in_style): peewee's
# building of the insert cost more than running it, and every change at the till writes one of these
_RECORD_SQL = ('INSERT INTO "audit_log" ("at", "user_id", "username", "action", "entity", "entity_id",'
               ' "old_value", "new_value") VALUES (?, ?, ?, ?, ?, ?, ?, ?){returning}')


def record(actor: Actor | None, action: str, entity: str = "", entity_id: Any = "",
           old: Any = None, new: Any = None) -> None:
    """Write one audit row. Call inside the same transaction as the change it describes."""
    db = database.obj
    sqlite = is_sqlite(db)
    sql = in_style(_RECORD_SQL, returning="" if sqlite else ' RETURNING "id"')
    values = (now(), actor.user_id if actor else None, actor.username if actor else "system", action, entity,
              _entity_id(entity_id), to_json(old), to_json(new))
    cursor = db.execute_sql(sql, values)
    if db.in_transaction():  # sealed by the transaction's signature when it commits (services/signing/seal)
        from pointsapp.services.signing import seal

        audit_id = cursor.lastrowid if sqlite else cursor.fetchone()[0]
        seal.written(audit_id, seal.audit_line((audit_id, *values)))


def record_many(actor: Actor | None, action: str, entity: str, rows: list[tuple[Any, Any, Any]]) -> None:
    """Bulk variant for batch work: ``rows`` are ``(entity_id, old, new)``."""
    at = now()
    payload = [
        {
            "at": at, "user_id": actor.user_id if actor else None,
            "username": actor.username if actor else "system", "action": action, "entity": entity,
            "entity_id": _entity_id(entity_id), "old_value": to_json(old), "new_value": to_json(new),
        }
        for entity_id, old, new in rows
    ]
    from pointsapp.db.bulk import insert_rows

    insert_rows(AuditLog, payload)  # built once, run by the driver: an import's thousands of rows in milliseconds


# ---- reading the log: the viewer and the .xlsx export ------------------------------------------------------

class AuditColumn(enum.IntEnum):
    """The columns of the log, declared once for the viewer, the CLI and the export."""

    AT = 0
    USER = 1
    KIND = 2
    ACTION = 3
    ENTITY = 4
    CHANGE = 5

    @property
    def header(self) -> str:
        return AUDIT_HEADERS[self]


AUDIT_HEADERS = {
    AuditColumn.AT: "时间", AuditColumn.USER: "用户", AuditColumn.KIND: "类别", AuditColumn.ACTION: "操作",
    AuditColumn.ENTITY: "对象", AuditColumn.CHANGE: "变更内容",
}

# The noun before the dot of an action ("household.create") is its kind.
KIND_LABELS = {
    "user": "用户与登录", "household": "户籍", "member": "家庭成员", "village": "村与小组", "group": "村与小组",
    "rule": "积分细则", "category": "积分细则", "entry": "积分录入与审核", "batch": "积分录入与审核",
    "notice": "公示", "objection": "异议", "expiry": "积分清零", "card": "积分卡", "product": "商品",
    "stock": "库存", "redemption": "积分兑换", "shop": "积分兑换", "stocktake": "盘点", "star": "星级评定",
    "stars": "星级评定", "fingerprint": "账本指纹", "setting": "设置", "backup": "备份与恢复", "demo": "演示数据", "import": "导入",
    "grid": "村与小组", "roster": "户籍", "ledger": "积分录入与审核", "database": "备份与恢复", "star_award": "星级评定",
    "star_evaluation": "星级评定", "star_proposal": "星级评定",
}

ACTION_LABELS = {  # every action the services record (tests/test_audit.py checks none is missing)
    "backup.create": "备份", "backup.restore": "从备份恢复", "batch.create": "录入月度检查", "batch.import": "导入积分录入表", "card.issue": "发卡",
    "card.reissue": "补卡", "card.revoke_village": "作废全村积分卡", "category.create": "新建积分类别", "database.transfer": "迁移数据库",
    "demo.generate": "生成演示数据", "demo.shop": "生成演示超市数据", "entry.approve": "审核通过", "entry.create": "录入积分",
    "entry.reverse": "冲正", "entry.undo": "撤销录入", "expiry.run": "积分清零", "fingerprint.publish": "发布账本指纹",
    "grid.create": "新建网格", "grid.delete": "删除网格", "grid.update": "修改网格", "group.create": "新建村民小组",
    "group.delete": "删除村民小组", "group.rename": "小组改名", "household.archive": "户归档", "household.create": "新建户",
    "household.delete": "删除户", "household.import": "导入户籍", "household.move": "户迁移", "household.tags": "修改户标签",
    "household.unarchive": "户恢复在册", "household.update": "修改户籍", "ledger.export": "导出积分账本", "member.add": "添加家庭成员",
    "member.edit": "修改家庭成员", "member.remove": "移除家庭成员", "notice.close": "公示结束", "notice.create": "开始公示",
    "objection.record": "登记异议", "objection.uphold": "异议成立", "product.activate": "商品上架/下架", "product.create": "新建商品",
    "product.edit": "修改商品", "redemption.create": "积分兑换", "redemption.void": "作废兑换", "roster.export": "导出花名册",
    "roster.import": "导入花名册", "rule.create": "新建积分细则", "rule.retire": "停用积分细则", "rule.update": "修改积分细则",
    "setting.change": "修改设置", "star.create": "新建星级", "star.load_scheme": "载入星级方案", "star.reorder": "调整星级顺序",
    "star.update": "修改星级", "star_award.withdraw": "摘星", "star_evaluation.apply": "授星", "star_evaluation.create": "评星",
    "star_evaluation.publish": "评星结果公示", "star_evaluation.replace": "重新评星", "star_proposal.adjust": "调整评星建议",
    "stock.adjust": "库存调整", "stock.in": "入库", "stock.out": "出库", "stock.stocktake": "盘点",
    "user.change_password": "修改密码", "user.create": "新建用户", "user.disable": "停用用户", "user.enable": "启用用户",
    "user.lock": "输错密码锁定", "user.reset_password": "重置密码", "user.set_password": "首次设置密码", "user.set_role": "更改角色",
    "user.sign_in": "登录", "user.sign_in_failed": "登录失败", "village.create": "建村", "village.expiry_policy": "修改清零规则",
    "village.update": "修改村信息",
    "shop.policy": "修改积分超市规则",
    "shop.drawer_count": "日结点钞",
    "stock.write_off": "过期报废",
}
ACTION_LABELS.update({  # issue 25: events, claims, review meetings
    "event.create": "新建活动", "event.check_in": "活动签到", "event.cancel_check_in": "取消活动签到",
    "event.close": "结束活动并记分", "claim.create": "登记申报", "claim.group_check": "组长核实申报",
    "claim.approve": "申报评议通过", "claim.reject": "申报评议不通过", "meeting.create": "记录评议会",
    "meeting.decide_batch": "评议会审议批次", "village.claim_policy": "修改申报核实设置",
})
KIND_LABELS.update({"event": "活动签到", "claim": "村民申报", "meeting": "评议会"})
ACTION_LABELS.update({  # PostgreSQL's accounts and restoring a backup that check rejects (issue 21)
    "database.grant_station": "授权日常数据库账号", "backup.restore_unchecked": "恢复未通过检查的备份",
})

ACTION_LABELS.update({  # issue 26: the points certificate for a bank
    "certificate.issue": "出具积分证明", "certificate.revoke": "作废积分证明",
    "certificate.village_list": "导出整村授信名单",
})
KIND_LABELS.update({"certificate": "积分证明"})


def kind_of(action: str) -> str:
    return action.split(".", 1)[0]


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    old_value: str
    new_value: str
    entity_label: str = ""  # the object and the change in words (services.audit_words)
    change: str = ""

    def cell(self, column: AuditColumn) -> str:
        if column is AuditColumn.AT:
            return self.at.isoformat(" ", "seconds") if isinstance(self.at, dt.datetime) else str(self.at)
        if column is AuditColumn.USER:
            return self.username
        if column is AuditColumn.KIND:  # in the chosen language (labels listed in ui/domain_labels.py)
            return domain_label(kind_label(kind_of(self.action)))
        if column is AuditColumn.ACTION:
            return domain_label(action_label(self.action))
        if column is AuditColumn.ENTITY:
            return self.entity_label
        return self.change

    def as_dict(self) -> dict:
        return {"id": self.id, "at": self.cell(AuditColumn.AT), "user": self.username, "action": self.action,
                "entity": self.entity, "entity_id": self.entity_id, "old": self.old_value, "new": self.new_value}


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive
    kind: str | None = None       # "household", or a full action "household.create"


def _select(flt: AuditFilter):
    query = AuditLog.select().order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if flt.username:
        query = query.where(AuditLog.username == flt.username)
    if flt.since:
        query = query.where(AuditLog.at >= dt.datetime.combine(flt.since, dt.time()))
    if flt.until:
        query = query.where(AuditLog.at < dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time()))
    if flt.kind:
        if "." in flt.kind:
            query = query.where(AuditLog.action == flt.kind)
        else:
            query = query.where((AuditLog.action == flt.kind) | AuditLog.action.startswith(flt.kind + "."))
    return query


def query(*, actor: Actor, filter: AuditFilter = AuditFilter(), limit: int | None = None) -> list[AuditRow]:  # noqa: A002
    """The log, newest first; ID and phone numbers masked for roles that may not see them."""
    require(actor, Permission.AUDIT_VIEW)
    rows = _select(filter).select(AuditLog.id, AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.entity,
                                  AuditLog.entity_id, AuditLog.old_value, AuditLog.new_value)
    if limit:
        rows = rows.limit(limit)
    found = [(*r[:6], privacy.for_actor(actor, r[6]), privacy.for_actor(actor, r[7])) for r in rows.tuples().iterator()]
    return in_words(found)


def in_words(rows: list[tuple]) -> list[AuditRow]:
    """``AuditRow``s of raw ``(id, at, username, action, entity, entity_id, old, new)``, their object and change
    in words (the names of a page of rows looked up together)."""
    from pointsapp.services.audit_words import Describer, parse

    words = Describer()
    parsed = [(parse(r[6]), parse(r[7])) for r in rows]
    for r, (old, new) in zip(rows, parsed):
        words.want(r[4], r[5], old, new)
    words.load()
    return [AuditRow(*r, entity_label=words.entity(r[4], r[5], old, new), change=words.change(r[4], old, new))
            for r, (old, new) in zip(rows, parsed)]


def kinds(*, actor: Actor) -> list[tuple[str, str]]:
    """``(kind, label)`` of every kind present in the log, for the viewer's filter."""
    require(actor, Permission.AUDIT_VIEW)
    present = sorted({kind_of(a) for (a,) in AuditLog.select(AuditLog.action).distinct().tuples()})
    return [(k, kind_label(k)) for k in present]


def usernames(*, actor: Actor) -> list[str]:
    require(actor, Permission.AUDIT_VIEW)
    return sorted(u for (u,) in AuditLog.select(AuditLog.username).distinct().tuples())


def export_xlsx(*, actor: Actor, path: str | Path, filter: AuditFilter = AuditFilter()) -> Path:  # noqa: A002
    """Write the log to an .xlsx file; returns the path written (marked when it holds private data)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from pointsapp.services.exports import cells

    rows = query(actor=actor, filter=filter)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(translate("services.audit", "导出文件名必须以 .xlsx 结尾。"))
    private = privacy.may_see(actor) and any(
        privacy.contains_private(r.old_value) or privacy.contains_private(r.new_value) for r in rows)
    if private:
        path = privacy.marked_path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = translate("services.audit", "操作日志")
    if private:
        ws.append([privacy.PRIVATE_NOTICE])
        ws.cell(row=1, column=1).font = Font(bold=True, color="C8102E")
    ws.append([domain_label(c.header) for c in AuditColumn])  # labels listed in ui/domain_labels.py
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for r in rows:
        cells.append(ws, [r.cell(c) for c in AuditColumn])
    for column, width in zip("ABCDEF", (20, 12, 14, 16, 30, 80)):
        ws.column_dimensions[column].width = width
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise UserError(translate("services.audit", "无法写入文件 {0}：{1}").format(
            path, exc.strerror or exc)) from exc
    return path
