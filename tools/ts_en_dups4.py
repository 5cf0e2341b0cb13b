"""English for branch dups4 (issue 20's duplicates). Read by tools/ts_fill.py with the other tools/ts_en_*.py.

The operation log's nouns (what a kind of object is called: "商品 食盐", "积分卡 5") have their own context since
named objects ("积分类别 {0}" …) joined the table of nouns; their English is what it was in services.audit_words,
where "商品" is also the field label "Products"."""

TRANSLATIONS: dict[str, str] = {}
BY_CONTEXT = {
    ("services.audit_nouns", "积分类别"): "Category",
    ("services.audit_nouns", "商品"): "Product",
    ("services.audit_nouns", "星级"): "Star",
    ("services.audit_nouns", "月度检查"): "Inspection",
    ("services.audit_nouns", "评星"): "Star evaluation",
    ("services.audit_nouns", "用户"): "User",
    ("services.audit_nouns", "积分记录"): "Entries",
    ("services.audit_nouns", "异议"): "Objection",
    ("services.audit_nouns", "兑换"): "Redemption",
    ("services.audit_nouns", "评星建议"): "Star proposal",
    ("services.audit_nouns", "授星"): "Star award",
    ("services.audit_nouns", "数据库备份"): "Database backup",
    ("services.audit_nouns", "数据库"): "Database",
    ("services.audit_nouns", "积分账本"): "Points ledger",
    ("services.audit_nouns", "积分超市"): "Points shop",
    ("services.audit_nouns", "积分卡"): "Points cards",
    ("services.audit_nouns", "文件"): "File",
    ("services.audit_nouns", "账本指纹"): "Ledger fingerprint",
    ("services.audit_nouns", "积分清零"): "Points expiry",
    ("services.audit_nouns", "盘点"): "Stocktake",
}
