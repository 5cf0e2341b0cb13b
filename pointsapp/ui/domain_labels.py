"""Display names for the fixed labels the services hand to the UI (roles, permissions, entry kinds …).

Services stay free of Qt, so their labels are Chinese; this module lists each one for ``pyside6-lupdate``
under the context "domain" and translates it when shown. Keep it in step with the service tables named
in the comments (a label missing here simply stays Chinese). Services use the same list through
``pointsapp.text.domain_label`` for PDFs and exports; their messages go through ``pointsapp.text.translate``.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_LABELS = (
    # auth.ROLE_LABELS
    QT_TRANSLATE_NOOP("domain", "管理员"),
    QT_TRANSLATE_NOOP("domain", "录入员"),
    QT_TRANSLATE_NOOP("domain", "审核员"),
    QT_TRANSLATE_NOOP("domain", "收银员"),
    QT_TRANSLATE_NOOP("domain", "查看者"),
    # auth.PERMISSION_LABELS
    QT_TRANSLATE_NOOP("domain", "查看户籍"),
    QT_TRANSLATE_NOOP("domain", "修改户籍"),
    QT_TRANSLATE_NOOP("domain", "查看身份证号和电话"),
    QT_TRANSLATE_NOOP("domain", "修改积分细则"),
    QT_TRANSLATE_NOOP("domain", "录入积分"),
    QT_TRANSLATE_NOOP("domain", "审核积分"),
    QT_TRANSLATE_NOOP("domain", "冲正积分"),
    QT_TRANSLATE_NOOP("domain", "登记异议"),
    QT_TRANSLATE_NOOP("domain", "处理异议"),
    QT_TRANSLATE_NOOP("domain", "积分清零"),
    QT_TRANSLATE_NOOP("domain", "积分兑换"),
    QT_TRANSLATE_NOOP("domain", "作废当日兑换"),
    QT_TRANSLATE_NOOP("domain", "作废任意兑换"),
    QT_TRANSLATE_NOOP("domain", "库存管理"),
    QT_TRANSLATE_NOOP("domain", "商品管理"),
    QT_TRANSLATE_NOOP("domain", "发卡补卡"),
    QT_TRANSLATE_NOOP("domain", "星级评定"),
    QT_TRANSLATE_NOOP("domain", "授星摘星"),
    QT_TRANSLATE_NOOP("domain", "打印"),
    QT_TRANSLATE_NOOP("domain", "查看报表"),
    QT_TRANSLATE_NOOP("domain", "查看操作日志"),
    QT_TRANSLATE_NOOP("domain", "用户管理"),
    QT_TRANSLATE_NOOP("domain", "备份与恢复"),
    QT_TRANSLATE_NOOP("domain", "修改设置"),
    # rules.FREQUENCY_LABELS
    QT_TRANSLATE_NOOP("domain", "每次"),
    QT_TRANSLATE_NOOP("domain", "每月一次"),
    QT_TRANSLATE_NOOP("domain", "每年一次"),
    # stars.STATUS_LABELS
    QT_TRANSLATE_NOOP("domain", "待公示"),
    QT_TRANSLATE_NOOP("domain", "公示中"),
    QT_TRANSLATE_NOOP("domain", "已授星"),
    QT_TRANSLATE_NOOP("domain", "已重评作废"),
    # expiry.POLICY_LABELS
    QT_TRANSLATE_NOOP("domain", "不清零"),
    QT_TRANSLATE_NOOP("domain", "年底清零"),
    # audit.KIND_LABELS
    QT_TRANSLATE_NOOP("domain", "用户与登录"),
    QT_TRANSLATE_NOOP("domain", "户籍"),
    QT_TRANSLATE_NOOP("domain", "家庭成员"),
    QT_TRANSLATE_NOOP("domain", "村与小组"),
    QT_TRANSLATE_NOOP("domain", "村与小组"),
    QT_TRANSLATE_NOOP("domain", "积分细则"),
    QT_TRANSLATE_NOOP("domain", "积分细则"),
    QT_TRANSLATE_NOOP("domain", "积分录入与审核"),
    QT_TRANSLATE_NOOP("domain", "积分录入与审核"),
    QT_TRANSLATE_NOOP("domain", "公示"),
    QT_TRANSLATE_NOOP("domain", "异议"),
    QT_TRANSLATE_NOOP("domain", "积分卡"),
    QT_TRANSLATE_NOOP("domain", "商品"),
    QT_TRANSLATE_NOOP("domain", "库存"),
    QT_TRANSLATE_NOOP("domain", "盘点"),
    QT_TRANSLATE_NOOP("domain", "账本指纹"),
    QT_TRANSLATE_NOOP("domain", "设置"),
    QT_TRANSLATE_NOOP("domain", "演示数据"),
    QT_TRANSLATE_NOOP("domain", "导入"),
    # audit.ACTION_LABELS
    QT_TRANSLATE_NOOP("domain", "新建用户"),
    QT_TRANSLATE_NOOP("domain", "登录"),
    QT_TRANSLATE_NOOP("domain", "输错密码锁定"),
    QT_TRANSLATE_NOOP("domain", "首次设置密码"),
    QT_TRANSLATE_NOOP("domain", "修改密码"),
    QT_TRANSLATE_NOOP("domain", "重置密码"),
    QT_TRANSLATE_NOOP("domain", "停用用户"),
    QT_TRANSLATE_NOOP("domain", "启用用户"),
    QT_TRANSLATE_NOOP("domain", "更改角色"),
    QT_TRANSLATE_NOOP("domain", "新建户"),
    QT_TRANSLATE_NOOP("domain", "建村"),
    QT_TRANSLATE_NOOP("domain", "发卡"),
    QT_TRANSLATE_NOOP("domain", "补卡"),
    QT_TRANSLATE_NOOP("domain", "备份"),
    QT_TRANSLATE_NOOP("domain", "从备份恢复"),
    QT_TRANSLATE_NOOP("domain", "生成演示数据"),
    QT_TRANSLATE_NOOP("domain", "发布账本指纹"),
    # audit.AUDIT_HEADERS
    QT_TRANSLATE_NOOP("domain", "时间"),
    QT_TRANSLATE_NOOP("domain", "用户"),
    QT_TRANSLATE_NOOP("domain", "类别"),
    QT_TRANSLATE_NOOP("domain", "操作"),
    QT_TRANSLATE_NOOP("domain", "对象"),
    QT_TRANSLATE_NOOP("domain", "原值"),
    QT_TRANSLATE_NOOP("domain", "新值"),
    # stock.SOURCE_LABELS
    QT_TRANSLATE_NOOP("domain", "村集体经费采购"),
    QT_TRANSLATE_NOOP("domain", "爱心捐赠"),
    # stock.KIND_LABELS
    QT_TRANSLATE_NOOP("domain", "入库"),
    QT_TRANSLATE_NOOP("domain", "出库"),
    QT_TRANSLATE_NOOP("domain", "调整"),
    QT_TRANSLATE_NOOP("domain", "兑换"),
    QT_TRANSLATE_NOOP("domain", "作废退回"),
    # models.ledger.EntryKind.LABELS
    QT_TRANSLATE_NOOP("domain", "加分"),
    QT_TRANSLATE_NOOP("domain", "扣分"),
    QT_TRANSLATE_NOOP("domain", "冲正"),
    QT_TRANSLATE_NOOP("domain", "清零"),
    # models.ledger.EntryStatus.LABELS
    QT_TRANSLATE_NOOP("domain", "待审核"),
    QT_TRANSLATE_NOOP("domain", "已审核"),
    QT_TRANSLATE_NOOP("domain", "已生效"),
    QT_TRANSLATE_NOOP("domain", "未通过"),
    # users.UserRow.status_label
    QT_TRANSLATE_NOOP("domain", "已停用"),
    QT_TRANSLATE_NOOP("domain", "已锁定"),
    QT_TRANSLATE_NOOP("domain", "未设密码"),
    QT_TRANSLATE_NOOP("domain", "需改密码"),
    QT_TRANSLATE_NOOP("domain", "正常"),
    # shop_reports.CASHIER_COLUMNS
    QT_TRANSLATE_NOOP("domain", "兑换笔数"),
    QT_TRANSLATE_NOOP("domain", "兑换积分"),
    QT_TRANSLATE_NOOP("domain", "作废笔数"),
    QT_TRANSLATE_NOOP("domain", "退回积分"),
    QT_TRANSLATE_NOOP("domain", "净积分"),
    # shop_reports.HOUSEHOLD_COLUMNS
    QT_TRANSLATE_NOOP("domain", "户号"),
    QT_TRANSLATE_NOOP("domain", "户主"),
    QT_TRANSLATE_NOOP("domain", "小组"),
    QT_TRANSLATE_NOOP("domain", "商品件数"),
    # shop_reports.INVENTORY_COLUMNS
    QT_TRANSLATE_NOOP("domain", "条码"),
    QT_TRANSLATE_NOOP("domain", "单位"),
    QT_TRANSLATE_NOOP("domain", "积分价"),
    QT_TRANSLATE_NOOP("domain", "预警数量"),
    QT_TRANSLATE_NOOP("domain", "状态"),
    QT_TRANSLATE_NOOP("domain", "采购入库"),
    QT_TRANSLATE_NOOP("domain", "捐赠入库"),
    QT_TRANSLATE_NOOP("domain", "净兑出"),
    QT_TRANSLATE_NOOP("domain", "调整与盘点"),
    # shop_reports.PRODUCT_COLUMNS
    QT_TRANSLATE_NOOP("domain", "兑出数量"),
    # shop_reports.REDEMPTION_COLUMNS
    QT_TRANSLATE_NOOP("domain", "单号"),
    QT_TRANSLATE_NOOP("domain", "积分"),
    # reports.MonthlyReport.COLUMNS
    QT_TRANSLATE_NOOP("domain", "村"),
    QT_TRANSLATE_NOOP("domain", "户数"),
    QT_TRANSLATE_NOOP("domain", "参与户数"),
    QT_TRANSLATE_NOOP("domain", "参与率"),
    QT_TRANSLATE_NOOP("domain", "星级户"),
    # reports.InspectionReport.COLUMNS
    QT_TRANSLATE_NOOP("domain", "检查批次"),
    QT_TRANSLATE_NOOP("domain", "记录条数"),
    # printing.page.PAPER_LABELS
    QT_TRANSLATE_NOOP("domain", "A4 纵向"),
    QT_TRANSLATE_NOOP("domain", "A4 横向"),
    QT_TRANSLATE_NOOP("domain", "A3 公示栏"),
    QT_TRANSLATE_NOOP("domain", "A3 横向公示栏"),
    # db.settings.OPTIONS descriptions
    QT_TRANSLATE_NOOP("domain", "积分卡防伪密钥（每个安装独立生成，不显示）"),
    QT_TRANSLATE_NOOP("domain", "命令行默认操作员"),
    QT_TRANSLATE_NOOP("domain", "备份文件夹（空：数据目录下的 backups）"),
    QT_TRANSLATE_NOOP("domain", "保留每日备份份数"),
    QT_TRANSLATE_NOOP("domain", "保留每周备份份数"),
    QT_TRANSLATE_NOOP("domain", "保留每月备份份数"),
    QT_TRANSLATE_NOOP("domain", "公示榜默认隐藏姓名（只留姓）"),
    QT_TRANSLATE_NOOP("domain", "公示上印的监督电话（空：不印）"),
    QT_TRANSLATE_NOOP("domain", "公示栏红榜、黑榜各列几户（0：不分红黑榜）"),
    QT_TRANSLATE_NOOP("domain", "公示时显示为“爱心人士”的捐赠人（逗号分隔，按捐赠人意愿）"),
    QT_TRANSLATE_NOOP("domain", "界面语言"),
    QT_TRANSLATE_NOOP("domain", "中文字体文件（空：自动查找）"),
    QT_TRANSLATE_NOOP("domain", "连续输错密码几次后锁定"),
    QT_TRANSLATE_NOOP("domain", "锁定分钟数"),
    # ui.review_page.OBJECTION_STATUS, household status
    QT_TRANSLATE_NOOP("domain", "待处理"),
    QT_TRANSLATE_NOOP("domain", "成立（已冲正）"),
    QT_TRANSLATE_NOOP("domain", "驳回"),
    QT_TRANSLATE_NOOP("domain", "已归档"),
    # services.roster_columns.FIELDS
    QT_TRANSLATE_NOOP("domain", "组别"),
    QT_TRANSLATE_NOOP("domain", "网格"),
    QT_TRANSLATE_NOOP("domain", "户主姓名"),
    QT_TRANSLATE_NOOP("domain", "与户主关系"),
    QT_TRANSLATE_NOOP("domain", "姓名"),
    QT_TRANSLATE_NOOP("domain", "性别"),
    QT_TRANSLATE_NOOP("domain", "身份证号码"),
    QT_TRANSLATE_NOOP("domain", "联系电话"),
    QT_TRANSLATE_NOOP("domain", "家庭住址"),
    QT_TRANSLATE_NOOP("domain", "标签"),
    QT_TRANSLATE_NOOP("domain", "备注"),
    # services.households.COMMON_TAGS
    QT_TRANSLATE_NOOP("domain", "党员户"),
    QT_TRANSLATE_NOOP("domain", "脱贫户"),
    QT_TRANSLATE_NOOP("domain", "低保户"),
    QT_TRANSLATE_NOOP("domain", "五保户"),
    QT_TRANSLATE_NOOP("domain", "军属"),
    QT_TRANSLATE_NOOP("domain", "乡贤"),
    # services.ledger_export.HEADERS (the headers not listed above)
    QT_TRANSLATE_NOOP("domain", "记录号"),
    QT_TRANSLATE_NOOP("domain", "户内序号"),
    QT_TRANSLATE_NOOP("domain", "日期"),
    QT_TRANSLATE_NOOP("domain", "类型"),
    QT_TRANSLATE_NOOP("domain", "细则代码"),
    QT_TRANSLATE_NOOP("domain", "细则"),
    QT_TRANSLATE_NOOP("domain", "计入累计积分"),
    QT_TRANSLATE_NOOP("domain", "说明"),
    QT_TRANSLATE_NOOP("domain", "冲正的记录号"),
    QT_TRANSLATE_NOOP("domain", "批次"),
    QT_TRANSLATE_NOOP("domain", "录入人"),
    QT_TRANSLATE_NOOP("domain", "录入时间"),
    QT_TRANSLATE_NOOP("domain", "审核人"),
    QT_TRANSLATE_NOOP("domain", "审核时间"),
    QT_TRANSLATE_NOOP("domain", "生效时间"),
    QT_TRANSLATE_NOOP("domain", "前一条校验值"),
    QT_TRANSLATE_NOOP("domain", "校验值"),
    # services.shop_reports: redemption status and stock state values
    QT_TRANSLATE_NOOP("domain", "已兑换"),
    QT_TRANSLATE_NOOP("domain", "已作废"),
    QT_TRANSLATE_NOOP("domain", "已下架"),
    QT_TRANSLATE_NOOP("domain", "缺货"),
    QT_TRANSLATE_NOOP("domain", "库存不足"),
    # services.dashboard / rankings: the whole township as a scope
    QT_TRANSLATE_NOOP("domain", "全镇"),
)


def label(text: str) -> str:
    """``text`` (a Chinese label from a service) in the interface language."""
    return QCoreApplication.translate("domain", text)


_PERIOD_FORMATS = {  # by the shape of the period code (pointsapp.services.periods)
    "year": QT_TRANSLATE_NOOP("periods", "{0}年度"),
    "Q": QT_TRANSLATE_NOOP("periods", "{0}年第{1}季度"),
    "H": QT_TRANSLATE_NOOP("periods", "{0}年第{1}半年"),
    "month": QT_TRANSLATE_NOOP("periods", "{0}年{1}月"),
}


def period_label(period) -> str:
    """A ``periods.Period`` named in the interface language; in Chinese, the service's own label."""
    year, _, rest = period.code.partition("-")
    kind = "year" if not rest else rest[0] if rest[0] in "QH" else "month"
    source = _PERIOD_FORMATS[kind]
    text = QCoreApplication.translate("periods", source)
    if text == source:  # no translation loaded: Chinese, whose wording the service already has
        return period.label
    return text.format(year, int(rest.lstrip("QH")) if rest else "")
