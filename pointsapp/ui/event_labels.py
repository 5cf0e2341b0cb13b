"""The fixed labels the event, claim and meeting services hand to the screens and prints (context "domain",
as ``ui/domain_labels.py``; kept in a file of their own so that work on two subjects at once edits two files)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

_LABELS = (
    # services.scoring.events.STATUS_LABELS / HOW_LABELS
    QT_TRANSLATE_NOOP("domain", "签到中"),
    QT_TRANSLATE_NOOP("domain", "已结束"),
    QT_TRANSLATE_NOOP("domain", "刷卡"),
    QT_TRANSLATE_NOOP("domain", "输入户号"),
    QT_TRANSLATE_NOOP("domain", "名册勾选"),
    # services.scoring.claims.STATUS_LABELS
    QT_TRANSLATE_NOOP("domain", "待组长核实"),
    QT_TRANSLATE_NOOP("domain", "待评议"),
    QT_TRANSLATE_NOOP("domain", "通过"),
    QT_TRANSLATE_NOOP("domain", "不通过"),
    # services.audit: the actions and kinds of issue 25
    QT_TRANSLATE_NOOP("domain", "新建活动"),
    QT_TRANSLATE_NOOP("domain", "活动签到"),
    QT_TRANSLATE_NOOP("domain", "取消活动签到"),
    QT_TRANSLATE_NOOP("domain", "结束活动并记分"),
    QT_TRANSLATE_NOOP("domain", "登记申报"),
    QT_TRANSLATE_NOOP("domain", "组长核实申报"),
    QT_TRANSLATE_NOOP("domain", "申报评议通过"),
    QT_TRANSLATE_NOOP("domain", "申报评议不通过"),
    QT_TRANSLATE_NOOP("domain", "记录评议会"),
    QT_TRANSLATE_NOOP("domain", "评议会审议批次"),
    QT_TRANSLATE_NOOP("domain", "修改申报核实设置"),
    QT_TRANSLATE_NOOP("domain", "村民申报"),
    QT_TRANSLATE_NOOP("domain", "评议会"),
)
