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
    # --- entry sheet (积分录入表): template, import, its dialog
    '下载录入表…': 'Download entry sheet…',
    '从表格导入…': 'Import from sheet…',
    '导入积分录入表': 'Import entry sheet',
    '填好的录入表（.xlsx）或明细（.csv）': 'A filled-in entry sheet (.xlsx) or list (.csv)',
    '小组和月份：': 'Group and month:',
    '选择录入表': 'Choose entry sheet',
    '录入表 (*.xlsx *.csv);;所有文件 (*)': 'Entry sheets (*.xlsx *.csv);;All files (*)',
    '请先选择录入表文件。': 'Choose the entry sheet file first.',
    '正在检查录入表…': 'Checking the entry sheet…',
    '发现 {0} 处问题，改正录入表后再“检查”。没有写入任何数据。':
        '{0} problem(s) found. Correct the sheet and "Check" again. Nothing was written.',
    '导入 {0} 户 {1} 条积分记录，合计 {2} 分？\n导入后不能修改，只能冲正。':
        'Import {1} entries for {0} households, {2} points in all?\nOnce imported they cannot be edited, only reversed.',
    '表': 'Sheet',
    '积分录入表-{0}-{1}.xlsx': 'entry-sheet-{0}-{1}.xlsx',
    '保存积分录入表': 'Save entry sheet',
    'Excel 工作簿 (*.xlsx)': 'Excel workbook (*.xlsx)',
    '正在生成录入表…': 'Making the entry sheet…',
    '已生成积分录入表（{0} 户）：{1}': 'Entry sheet made ({0} households): {1}',
    '{0} 第 {1} 行：{2}': '{0} row {1}: {2}',
    '发现 {0} 处问题，没有导入任何记录。': '{0} problem(s) found; no entry was imported.',
    '{0}{1}：将导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分。':
        '{0}, {1}: {3} entries for {2} households would be imported, {4:+d} points in all.',
    '{0}{1}：已导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分（{5}）。':
        '{0}, {1}: {3} entries for {2} households imported, {4:+d} points in all ({5}).',
    '有打分但没有户号。': 'Marks but no household number.',
    '“{0}”一列填的“{1}”看不懂：请打 √ 或填次数，不得分的留空。':
        'Cannot read "{1}" in column "{0}": put a √ or the number of times, and leave it empty for none.',
    '户号和细则代码都没有填。': 'Neither household number nor rule code is filled in.',
    '户号和细则代码都必须填写。': 'Both the household number and the rule code are required.',
    '日期“{0}”看不懂，请写成 2026-10-05。': 'Cannot read the date "{0}"; write it as 2026-10-05.',
    '这个文件是 {0} {1} 的录入表，不是本次选择的 {2} {3} 的。请选对小组和月份，或重新下载模板。':
        'This file is the entry sheet of {0} {1}, not of {2} {3} chosen here. Choose the right group and month, '
        'or download the template again.',
    '文件里有 {0:,} 条记录，超过一次导入的上限 {1:,} 条，请按小组分开。':
        'The file holds {0:,} entries, more than the {1:,} one import takes; split it by group.',
    '文件里没有要导入的积分记录（没有打 √ 的格子，明细表也是空的）。':
        'The file holds no entries to import (no ticked cell, and the list is empty).',
    '{0}没有户号“{1}”。': '{0} has no household number "{1}".',
    '户号 {0} 的户主是“{1}”，表上写的是“{2}”：请核对这一行是否错位。':
        'The head of household {0} is "{1}", the sheet says "{2}": check whether the row has shifted.',
    '日期 {0} 不在 {1} 这个月里。': 'The date {0} is not in {1}.',
    '{0} 没有名叫“{1}”的家庭成员。': '{0} has no member called "{1}".',
    '{0}没有代码为“{1}”的细则。': '{0} has no rule with code "{1}".',
    '{0}{1}导入': '{0} {1} import',
    '表格导入': 'Imported from a sheet',
    '{0}{1} {2} 积分录入表': '{0} {1} entry sheet, {2}',
    '在户的行、细则的列里打 √（或填次数）；不得分的留空。日期记为本月检查日。另有“明细”表可逐条填写日期和说明。':
        "Put a √ (or the number of times) in a household's row under a rule; leave it empty for none. The entries "
        "are dated the month's inspection day. The sheet 明细 takes one entry a line with its date and note.",
    '一行一条：户号、细则代码必填；日期须在本月内（空着记为本月检查日）；成员可填这条积分说的是哪位家庭成员。':
        "One entry a line: household number and rule code required; the date within the month (empty: the "
        "month's inspection day); the member the entry is about may be named.",
    # --- member attribution (成员积分)
    '成员积分': 'Member points',
    '年度：': 'Year:',
    '记在某位成员名下的积分也计入本户总分。': "Points recorded for a member also count in the household's total.",
    '{0} {1}年的积分记录（{2} 条）：': "{0}'s entries in {1} ({2}):",
    '（整户）': '(whole household)',
    '成员：': 'Member:',
    '{0}（已迁出）': '{0} (left)',
    '本年积分': 'Points this year',
    '{0} 没有这位家庭成员。': '{0} has no such member.',
    '找不到这位家庭成员。': 'Member not found.',
    '这一户没有名叫“{0}”的家庭成员。': 'This household has no member called "{0}".',
    # --- 黑榜摘星 on the stars page
    '黑榜摘星(&B)…': 'Withdraw for &black board…',
    '本年上黑榜满设定次数（常规设置）的户，摘去所持的星，并记录原因。':
        'Households on the black board this year as often as the setting says (General settings) lose the stars '
        'they hold, with the reason recorded.',
    '按“一年内上黑榜满 {0} 次即摘星”的村规，为本年达到次数的户摘星？\n每颗星的摘除都会记录原因。':
        'Apply the village rule "{0} black-board entries in a year withdraw the stars" to this year\'s households?'
        '\nEach star withdrawn is recorded with the reason.',
    '没有上黑榜满设定次数且持有星级的户，未摘星。':
        'No household holding stars has been on the black board often enough; no star was withdrawn.',
    '已为 {0} 户摘星：': 'Stars withdrawn from {0} household(s):',
}
