"""English for the office's screens of issue 23 (the operation log in words …); read by tools/ts_fill.py.

Given by context, so that a short word here ("户", "公示") never changes its English on another screen."""

_AUDIT_WORDS = {
    # objects
    '积分记录': 'Entries', '记录': 'Entry', '异议': 'Objection', '兑换': 'Redemption', '评星建议': 'Star proposal', '授星': 'Star award',
    '数据库备份': 'Database backup', '数据库': 'Database', '积分账本': 'Points ledger', '积分超市': 'Points shop',
    '积分卡': 'Points cards', '文件': 'File', '账本指纹': 'Ledger fingerprint', '积分清零': 'Points expiry',
    '盘点': 'Stocktake', '积分类别 {0}': 'Category {0}', '商品 {0}': 'Product {0}', '星级 {0}': 'Star {0}',
    '月度检查 {0}': 'Inspection {0}', '评星 {0}': 'Star evaluation {0}', '用户 {0}': 'User {0}',
    '{0} · 积分记录 {1}': '{0} · entry {1}', '{0}（已删除）': '{0} (deleted)', '户 {0}（已删除）': 'Household {0} (deleted)',
    '{0} · 成员 {1}': '{0} · member {1}', '{0} 条积分记录': '{0} entries', '{0} · {1} 条积分记录': '{0} · {1} entries',
    # values
    '{0} → {1}': '{0} → {1}', '；': '; ', '（空）': '(empty)', '（无）': '(none)', '是': 'yes', '否': 'no', '无': 'none',
    '#{0}': '#{0}', '{0} 条': '{0}', '，': ', ', '{0}：{1}': '{0}: {1}', '…等 {0} 项': '… ({0} in all)',
    '在册': 'Active', '已归档': 'Archived', '待处理': 'Open', '异议成立': 'Upheld', '异议不成立': 'Rejected',
    '已兑换': 'Redeemed', '已作废': 'Voided',
    # fields
    '户': 'Household', '状态': 'Status', '理由': 'Reason', '角色': 'Role', '启用': 'Enabled', '用户名': 'User name',
    '姓名': 'Name', '户号': 'Household no.', '户主': 'Head', '成员人数': 'Members', '村': 'Village', '小组': 'Group',
    '网格': 'Grid', '名称': 'Name', '代码': 'Code', '网格员': 'Grid keeper', '异议联系方式': 'Objection contact',
    '卡序号': 'Card serial', '户数': 'Households', '换下的卡': 'Cards replaced', '卡数': 'Cards', '行数': 'Rows',
    '含个人信息': 'Holds personal data', '人数': 'People', '分值': 'Points', '细则': 'Rule', '发生日期': 'Date',
    '附证明材料': 'Evidence attached', '期间': 'Period', '公示开始': 'Notice from', '公示结束': 'Notice until',
    '生效条数': 'Entries effective', '提出人': 'Raised by', '内容': 'Content', '冲正记录': 'Reversal',
    '数量': 'Quantity', '来源': 'Source', '捐赠人': 'Donor', '库存': 'Stock', '调整数量': 'Adjustment',
    '盘点商品数': 'Products counted', '盘点差异': 'Differences', '评星建议数': 'Proposals', '达标数': 'Qualified',
    '调整理由': 'Reason for adjustment', '星级': 'Star', '评星': 'Star evaluation', '颜色': 'Colour',
    '评定标准': 'Criterion', '授星数': 'Stars awarded', '当前评星': 'Current evaluation', '摘星时间': 'Withdrawn at',
    '清零规则': 'Expiry rule', '截止日期': 'Cut-off date', '已锁定': 'Locked', '连续输错次数': 'Failed attempts',
    '锁定到': 'Locked until', '首次设置': 'First setting', '随机种子': 'Random seed', '年数': 'Years',
    '村数': 'Villages', '目标数据库': 'Target database', '问题数': 'Problems', '记录数': 'Entries', '商品': 'Products',
    '地址': 'Address', '电话': 'Phone', '备注': 'Note', '登记日期': 'Registered on', '与户主关系': 'Relation to head',
    '身份证号码': 'ID number', '性别': 'Sex', '频次': 'Frequency', '年度上限': 'Yearly cap', '一票否决': 'Veto',
    '检查项': 'Inspection item', '说明': 'Description', '类别': 'Category', '价格': 'Price', '单位': 'Unit',
    '条码': 'Barcode', '低库存提醒': 'Low-stock warning', '保质期（天）': 'Shelf life (days)', '公示': 'Notice',
    '替换原有星级': 'Replaces the stars', '新增成员': 'Members added', '更新成员': 'Members updated',
    '移除成员': 'Members removed', '商品数': 'Products', '兑换笔数': 'Redemptions', '库存变动数': 'Stock moves',
    '标签': 'Tags', '新增户': 'Households added', '更新户': 'Households updated', '无变化户': 'Households unchanged',
    '新增人': 'People added', '更新人': 'People updated', '无变化人': 'People unchanged', '删除人': 'People removed',
    '新建小组': 'Groups created', '新建村': 'Village created', '提醒': 'Warnings', '最低积分': 'Minimum points',
    '无一票否决': 'No veto',
}
_AUDIT_NAMES = {'户 {0}（{1}）': 'Household {0} ({1})', '户 {0}': 'Household {0}', '{0} 公示 {1}': '{0} notice {1}'}

TRANSLATIONS: dict[str, str] = {}
BY_CONTEXT = {
    **{("services.audit_words", zh): en for zh, en in _AUDIT_WORDS.items()},
    **{("services.audit_names", zh): en for zh, en in _AUDIT_NAMES.items()},
    ("domain", "变更内容"): "Change",
    # 审核公示: search and filters
    ("ReviewPage", "只看待处理的异议"): "Open objections only",
    ("ReviewPage", "户号、户主或细则"): "Household no., head or rule",
    ("ReviewPage", "查找："): "Find:",
    ("ReviewPage", "小组："): "Group:",
    ("ReviewPage", "细则："): "Rule:",
    ("ReviewPage", "全部小组"): "All groups",
    ("ReviewPage", "全部细则"): "All rules",
    ("ReviewPage", "待审核 ({0}/{1})"): "To review ({0}/{1})",
    ("ReviewPage", "公示中 ({0})"): "On notice ({0})",
    ("ReviewPage", "公示中 ({0}/{1})"): "On notice ({0}/{1})",
    ("ReviewPage", "异议 ({0} 待处理)"): "Objections ({0} open)",
    # the blank inspection sheet (grid, service, PDF)
    ("BatchGrid", "打印空白检查表…"): "Print blank sheet…",
    ("BatchGrid", "打印这个小组本月的空白检查表，带到各户逐项打勾，回来再按表录入"):
        "Print this group's blank sheet for the month: tick it at each household, then type it in here",
    ("BatchGrid", "{0}_{1}_空白检查表.pdf"): "{0}_{1}_blank_inspection_sheet.pdf",
    ("BatchGrid", "打印空白检查表"): "Print blank inspection sheet",
    ("BatchGrid", "PDF 文件 (*.pdf)"): "PDF files (*.pdf)",
    ("BatchGrid", "空白检查表（{0} 户）已保存到 {1}"): "Blank sheet ({0} households) saved to {1}",
    ("BatchGrid", "正在生成检查表…"): "Making the sheet…",
    ("services.inspection_sheet", "检查表按月打印，请选一个月份。"): "Inspection sheets are printed by month; choose a month.",
    ("services.inspection_sheet", "找不到这个村民小组。"): "Group not found.",
    ("services.inspection_sheet", "{0}还没有月度检查项目（积分细则里勾选“月度检查”）。"):
        "{0} has no monthly inspection items yet (tick \"monthly inspection\" on the rules).",
    ("printing.inspection_sheet", "{0}{1}月度卫生检查表"): "{0} {1}: monthly hygiene inspection sheet",
    ("printing.inspection_sheet", "序号"): "No.",
    ("printing.inspection_sheet", "户号"): "Household",
    ("printing.inspection_sheet", "户主"): "Head",
    ("printing.inspection_sheet", "备注"): "Note",
    ("printing.inspection_sheet", "检查月份：{0}　　共 {1} 户　　合格的项目在方框内打“√”，不合格的打“×”，未检查的留空；"
     "回到办公室后在“积分录入→月度检查”中逐户录入。"):
        "Month: {0}    {1} households    Tick (√) each item that passes, cross (×) one that fails, leave unchecked "
        "ones blank; back at the office, type the sheet in under Entries → Monthly inspection.",
    ("printing.inspection_sheet", "检查人（签字）：＿＿＿＿＿＿＿＿　　检查日期：＿＿＿＿年＿＿月＿＿日"
     "　　录入人：＿＿＿＿＿＿＿＿　　录入日期：＿＿＿＿年＿＿月＿＿日"):
        "Inspector (signature): ________    Date: ____-__-__    Typed in by: ________    Date: ____-__-__",
    # a township-sized roster import written in chunks
    ("services.roster_import", "导入中断：已写入前 {0} 户（共 {1} 户），其余没有写入。原因：{2}。请排除后再导入同一个文件，"
     "已写入的户不会重复添加，只补写其余的户。"):
        "The import stopped: the first {0} households (of {1}) were written, the rest were not. Cause: {2}. Put it "
        "right and import the same file again: the households written are not added twice, only the rest are.",
    # single entry: Enter in the rule box
    ("SingleEntryForm", "没有找到细则“{0}”，请输入细则代码或名称中的字。"):
        "No rule \"{0}\": type a rule's code or a word of its name.",
    # period drop-downs on the print page
    ("PeriodChooser", "按月"): "Month",
    ("PeriodChooser", "按季度"): "Quarter",
    ("PeriodChooser", "按半年"): "Half-year",
    ("PeriodChooser", "按年"): "Year",
    ("PeriodChooser", "全部记录"): "All records",
    ("PeriodChooser", "{0}（未结束）"): "{0} (not over)",
    # states, not verbs; counts that read in English
    ("stars", "启用"): "Active",
    ("stars", "停用"): "Inactive",
    ("domain", "驳回"): "Rejected",
    ("CashierWidget", "合计：{0} 分（{1} 件）"): "Total: {0} pts, items: {1}",
    # the roster's ID-number column, mangled by Excel
    ("services.roster_columns", "身份证号码被 Excel 转成了数字（{0}），后几位已丢失，请把该列设为文本后重新填写"):
        "Excel turned the ID number into a number ({0}) and its last digits are lost: format the column as text "
        "and type them again",
    ("services.roster_columns", "身份证号码是隐去了中间位的（{0}），请用含完整身份证号码的花名册"):
        "The ID number has its middle digits hidden ({0}): use a roster with full ID numbers",
    ("services.roster_columns", "身份证号码被 Excel 转成了科学计数法（{0}），后几位已丢失，请把该列设为文本后重新填写"):
        "Excel turned the ID number into scientific notation ({0}) and its last digits are lost: format the "
        "column as text and type them again",
    # the command line's table heads (--lang en)
    ("cli.columns", "户号"): "Household no.",
    ("cli.columns", "户主"): "Head",
    ("cli.columns", "村"): "Village",
    ("cli.columns", "小组"): "Group",
    ("cli.columns", "人数"): "People",
    ("cli.columns", "电话"): "Phone",
    ("cli.columns", "累计积分"): "Earned",
    ("cli.columns", "可用积分"): "Available",
    ("cli.columns", "星级"): "Stars",
    ("cli.columns", "组"): "Group",
    ("cli.columns", "户数"): "Households",
    ("cli.columns", "获星户"): "With stars",
    ("cli.columns", "星数"): "Stars",
    ("cli.columns", "分布"): "Spread",
    ("cli.columns", "期间"): "Period",
    ("cli.columns", "授星日期"): "Awarded on",
    ("cli.columns", "授星人"): "Awarded by",
    ("cli.columns", "摘星时间"): "Withdrawn on",
    ("cli.columns", "摘星原因"): "Reason withdrawn",
    ("cli.columns", "序号"): "No.",
    ("cli.columns", "代码"): "Code",
    ("cli.columns", "名称"): "Name",
    ("cli.columns", "颜色"): "Colour",
    ("cli.columns", "条件"): "Criterion",
    ("cli.columns", "名次"): "Rank",
    ("cli.columns", "合计"): "Total",
    ("cli.columns", "加分"): "Awards",
    ("cli.columns", "扣分"): "Deductions",
    ("cli.columns", "类别"): "Category",
    ("cli.columns", "细则"): "Rule",
    ("cli.columns", "分值"): "Points",
    ("cli.columns", "频次"): "Frequency",
    ("cli.columns", "年度上限"): "Yearly cap",
    ("cli.columns", "一票否决"): "Veto",
    ("cli.columns", "检查项目"): "Inspection item",
    ("cli.columns", "状态"): "Status",
    ("cli.columns", "用户名"): "User name",
    ("cli.columns", "姓名"): "Name",
    ("cli.columns", "角色"): "Role",
    ("cli.columns", "参与户数"): "Taking part",
    ("cli.columns", "参与率"): "Participation",
    ("cli.columns", "户均积分"): "Average points",
    ("cli.columns", "时间"): "Time",
    ("cli.columns", "用户"): "User",
    ("cli.columns", "操作"): "Action",
    ("cli.columns", "对象"): "Object",
    ("cli.columns", "变更内容"): "Change",
    ("PrintPage", "未能生成。右侧仍是上一次生成的预览，不能打印或保存；请改正后重新生成。"):
        "Not made. The preview still shows the last document; it cannot be printed or saved: put it right and "
        "make it again.",
    # the dashboard: why a participation bar is small
    ("DashboardPage", "、"): ", ",
    ("DashboardPage", "{0} {1} 条"): "{0}: {1}",
    ("DashboardPage", "等"): " and more",
    ("DashboardPage", "本月还有积分在审核或公示中（{0}），生效后才计入参与率。"):
        "Entries of this month are still in review or on notice ({0}); they count towards participation once "
        "they take effect.",
}
