"""The words of the operation log's values: what each logged field is called, and the words for values stored as
codes (a status, a role, a frequency). Built per call: the chosen language may change while the program runs."""
from __future__ import annotations

from pointsapp.models import EntryStatus, Rule, Village
from pointsapp.text import domain_label, translate


def field_labels() -> dict[str, str]:
    """The keys of the logged values, in words (built per call: the chosen language may change)."""
    return {
        "household": translate("services.audit_words", "户"),
        "status": translate("services.audit_words", "状态"),
        "reason": translate("services.audit_words", "理由"),
        "entries": translate("services.audit_words", "积分记录"),
        "role": translate("services.audit_words", "角色"),
        "active": translate("services.audit_words", "启用"),
        "username": translate("services.audit_words", "用户名"),
        "display_name": translate("services.audit_words", "姓名"),
        "household_no": translate("services.audit_words", "户号"),
        "head": translate("services.audit_words", "户主"),
        "members": translate("services.audit_words", "成员人数"),
        "village": translate("services.audit_words", "村"),
        "group": translate("services.audit_words", "小组"),
        "grid": translate("services.audit_words", "网格"),
        "name": translate("services.audit_words", "名称"),
        "code": translate("services.audit_words", "代码"),
        "keeper": translate("services.audit_words", "网格员"),
        "objection_contact": translate("services.audit_words", "异议联系方式"),
        "serial": translate("services.audit_words", "卡序号"),
        "households": translate("services.audit_words", "户数"),
        "replaced": translate("services.audit_words", "换下的卡"),
        "cards": translate("services.audit_words", "卡数"),
        "file": translate("services.audit_words", "文件"),
        "rows": translate("services.audit_words", "行数"),
        "private": translate("services.audit_words", "含个人信息"),
        "people": translate("services.audit_words", "人数"),
        "points": translate("services.audit_words", "分值"),
        "rule": translate("services.audit_words", "细则"),
        "occurred_on": translate("services.audit_words", "发生日期"),
        "evidence": translate("services.audit_words", "附证明材料"),
        "period": translate("services.audit_words", "期间"),
        "starts_on": translate("services.audit_words", "公示开始"),
        "ends_on": translate("services.audit_words", "公示结束"),
        "effective": translate("services.audit_words", "生效条数"),
        "raised_by": translate("services.audit_words", "提出人"),
        "content": translate("services.audit_words", "内容"),
        "entry": translate("services.audit_words", "记录"),
        "reversal": translate("services.audit_words", "冲正记录"),
        "expiry_returned": translate("services.audit_words", "清零返还积分"),
        "quantity": translate("services.audit_words", "数量"),
        "source": translate("services.audit_words", "来源"),
        "donor": translate("services.audit_words", "捐赠人"),
        "stock": translate("services.audit_words", "库存"),
        "delta": translate("services.audit_words", "调整数量"),
        "counted": translate("services.audit_words", "盘点商品数"),
        "differences": translate("services.audit_words", "盘点差异"),
        "proposals": translate("services.audit_words", "评星建议数"),
        "qualified": translate("services.audit_words", "达标数"),
        "included": translate("services.audit_words", "授星"),
        "adjust_reason": translate("services.audit_words", "调整理由"),
        "star": translate("services.audit_words", "星级"),
        "evaluation": translate("services.audit_words", "评星"),
        "color": translate("services.audit_words", "颜色"),
        "criterion": translate("services.audit_words", "评定标准"),
        "awards": translate("services.audit_words", "授星数"),
        "current": translate("services.audit_words", "当前评星"),
        "withdrawn_at": translate("services.audit_words", "摘星时间"),
        "expiry_policy": translate("services.audit_words", "清零规则"),
        "cutoff": translate("services.audit_words", "截止日期"),
        "locked": translate("services.audit_words", "已锁定"),
        "failed_attempts": translate("services.audit_words", "连续输错次数"),
        "locked_until": translate("services.audit_words", "锁定到"),
        "first_run": translate("services.audit_words", "首次设置"),
        "seed": translate("services.audit_words", "随机种子"),
        "years": translate("services.audit_words", "年数"),
        "certificate": translate("services.audit_words", "证明编号"),
        "digest": translate("services.audit_words", "校验值"),
        "consent": translate("services.audit_words", "户主同意"),
        "black_board": translate("services.audit_words", "黑榜记录"),
        "villages": translate("services.audit_words", "村数"),
        "target": translate("services.audit_words", "目标数据库"),
        "problems": translate("services.audit_words", "问题数"),
        "size": translate("services.audit_words", "记录数"),
        "document": translate("services.audit_words", "文件"),
        "items": translate("services.audit_words", "商品"),
        "card_serial": translate("services.audit_words", "卡序号"),
        "address": translate("services.audit_words", "地址"),
        "phone": translate("services.audit_words", "电话"),
        "note": translate("services.audit_words", "备注"),
        "joined_on": translate("services.audit_words", "登记日期"),
        "relation": translate("services.audit_words", "与户主关系"),
        "is_head": translate("services.audit_words", "户主"),
        "id_number": translate("services.audit_words", "身份证号码"),
        "sex": translate("services.audit_words", "性别"),
        "title": translate("services.audit_words", "名称"),
        "frequency": translate("services.audit_words", "频次"),
        "cap": translate("services.audit_words", "年度上限"),
        "is_veto": translate("services.audit_words", "一票否决"),
        "inspection_item": translate("services.audit_words", "检查项"),
        "description": translate("services.audit_words", "说明"),
        "category_id": translate("services.audit_words", "类别"),
        "category": translate("services.audit_words", "类别"),
        "price": translate("services.audit_words", "价格"),
        "unit": translate("services.audit_words", "单位"),
        "sku": translate("services.audit_words", "条码"),
        "low_stock": translate("services.audit_words", "低库存提醒"),
        "shelf_life_days": translate("services.audit_words", "保质期（天）"),
        "notice": translate("services.audit_words", "公示"),
        "stars": translate("services.audit_words", "星级"),
        "replace": translate("services.audit_words", "替换原有星级"),
        "created": translate("services.audit_words", "新增成员"),
        "updated": translate("services.audit_words", "更新成员"),
        "removed": translate("services.audit_words", "移除成员"),
        "products": translate("services.audit_words", "商品数"),
        "redemptions": translate("services.audit_words", "兑换笔数"),
        "stock_moves": translate("services.audit_words", "库存变动数"),
        "tags": translate("services.audit_words", "标签"),
        "households_created": translate("services.audit_words", "新增户"),
        "households_updated": translate("services.audit_words", "更新户"),
        "households_unchanged": translate("services.audit_words", "无变化户"),
        "people_created": translate("services.audit_words", "新增人"),
        "people_updated": translate("services.audit_words", "更新人"),
        "people_unchanged": translate("services.audit_words", "无变化人"),
        "people_removed": translate("services.audit_words", "删除人"),
        "groups_created": translate("services.audit_words", "新建小组"),
        "village_created": translate("services.audit_words", "新建村"),
        "warnings": translate("services.audit_words", "提醒"),
        "min_points": translate("services.audit_words", "最低积分"),
        "categories": translate("services.audit_words", "类别"),
        "no_veto": translate("services.audit_words", "无一票否决"),
    }


def _status_labels(kind: str) -> dict[str, str]:
    if kind == "household":
        return {"active": translate("services.audit_words", "在册"),
                "archived": translate("services.audit_words", "已归档")}
    if kind == "objection":
        return {"open": translate("services.audit_words", "待处理"),
                "upheld": translate("services.audit_words", "异议成立"),
                "rejected": translate("services.audit_words", "异议不成立")}
    if kind == "redemption":
        return {"done": translate("services.audit_words", "已兑换"),
                "voided": translate("services.audit_words", "已作废")}
    if kind.startswith("star"):  # as stars.evaluation.STATUS_LABELS (which imports the log: not imported here)
        return {k: domain_label(v) for k, v in (("draft", "待公示"), ("notice", "公示中"), ("applied", "已授星"),
                                                ("replaced", "已重评作废"))}
    return {k: domain_label(v) for k, v in EntryStatus.LABELS.items()}


def coded_values(key: str, kind: str) -> dict[str, str] | None:
    """Values stored as codes (a status, a role …) and their words, for ``key`` in a row of ``kind``."""
    if key == "status":
        return _status_labels(kind)
    if key == "role":
        from pointsapp.services.auth import ROLE_LABELS

        return {r.value: domain_label(label) for r, label in ROLE_LABELS.items()}
    # as scoring.expiry.POLICY_LABELS and scoring.rules.FREQUENCY_LABELS (both import the log)
    if key == "expiry_policy":
        return {Village.EXPIRY_NONE: domain_label("不清零"), Village.EXPIRY_YEAR_END: domain_label("年底清零")}
    if key == "frequency":
        return {Rule.FREQ_EVENT: domain_label("每次"), Rule.FREQ_MONTH: domain_label("每月一次"),
                Rule.FREQ_YEAR: domain_label("每年一次")}
    return None
