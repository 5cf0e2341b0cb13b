"""Shared command groups (``export``, ``print``, ``import`` …) that several modules add to."""
from __future__ import annotations

GROUP_HELP = {
    "households": "户籍：列出、查找",
    "import": "导入数据（花名册等）",
    "export": "导出为 Excel（.xlsx）",
    "print": "生成 PDF（积分卡、公示榜、证书、明细单等）",
    "card": "积分卡：校验、补卡",
    "certificate": "积分证明（积分贷）：出具、验证、村公钥、整村授信名单",
    "stars": "星级文明户评定",
    "products": "积分超市商品",
    "rules": "积分细则",
    "entries": "积分录入与审核",
    "users": "用户与角色",
    "audit": "操作日志",
    "event": "活动签到：新建活动、刷卡签到、结束记分、签到表",
    "claim": "村民申报：登记、组长核实、评议结果",
    "meeting": "评议会：记录、审议批次、会议记录",
    "pg-roles": "PostgreSQL 数据库账号：所有者账号与日常账号",
}


def command_group(sub, name: str):
    """The sub-parsers of ``pointsapp <name> …``, created on first use."""
    groups = sub.__dict__.setdefault("_pointsapp_groups", {})  # kept on the parser it belongs to
    if name not in groups:
        parser = sub.add_parser(name, help=GROUP_HELP.get(name, name))
        groups[name] = parser.add_subparsers(dest=f"{name}_command", metavar="子命令", required=True)
    return groups[name]
