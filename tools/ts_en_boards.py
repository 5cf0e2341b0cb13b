"""English for the class rankings, the 红黑榜 (red and black boards), 黑榜摘星, entry import and member points
(branch boards, issue 25). Read by tools/ts_fill.py with the other tools/ts_en_*.py files."""

TRANSLATIONS = {
    # --- ranking page and print options: class (tag) and category
    '全部户': 'All households',
    '按总分': 'By total',
    '户类：': 'Class:',
    '户类': 'Class',
    '一年内上黑榜几次即摘星（0：不因黑榜摘星）':
        'Black-board entries in a year that withdraw the stars (0: the black board withdraws none)',
    # --- 红黑榜 print
    '通常是一个月，如 2026-10': 'Usually a month, e.g. 2026-10',
    '红榜每类户数': 'Red board: households per heading',
    '红黑榜': 'Red and black boards',
    '{0}红黑榜：红榜 {1} 户次，黑榜 {2} 条': '{0} red and black boards: {1} on the red board, {2} on the black board',
    '红黑榜-{0}.pdf': 'red-black-board-{0}.pdf',
    '正在整理红黑榜…': 'Preparing the red and black boards…',
    '本类积分': 'Points in heading',
    '本期没有加分的户。': 'No household earned points in this period.',
    '扣分事项': 'Deducted for',
    '本年 第几次': 'Times this year',
    '{0}月{1}日': '{0}/{1}',
    '本期没有扣分记录。': 'No deductions in this period.',
    '{0}{1}红黑榜': '{0} red and black boards, {1}',
    '各类别本期积分最高的 {0} 户（同分并列）。': 'The {0} households with the most points under each heading (ties share a place).',
    '本期有扣分记录的户及扣分事项（已冲正的不列）。':
        'Households with deductions in this period and what they were for (reversed deductions are not listed).',
    '说明：按已生效的加分、扣分记录统计；“本年第几次”为该户本年上黑榜的次数。':
        'Note: counted from effective awards and deductions; "Times this year" is how often the household has '
        'been on the black board this year.',
    '本榜只列{0}。': 'Only {0} households are listed.',
    # --- 黑榜摘星 and the ranking service
    '没有设置“一年内上黑榜几次即摘星”，请先在常规设置里填写次数。':
        'The number of black-board entries that withdraws stars is not set; fill it in under General settings first.',
    '没有“{0}”这个积分类别。现有类别：{1}': 'There is no category "{0}". Categories: {1}',
    '没有“{0}”这个标签。现有标签：{1}': 'There is no tag "{0}". Tags: {1}',
    '没有“{0}”这个积分类别。': 'There is no category "{0}".',
    '（无）': '(none)',
}
