"""English for the texts outside the widgets: PDFs (pointsapp.printing), service messages and export headers.

Applied to the .ts by tools/ts_fill.py together with tools/ts_en.py (the screens). Placeholders follow the
Chinese source ({0} …); a few sources pass more values than the Chinese uses so the English can pick them:
dates give {day} {mon} {year}, periods and star titles give the number as digits.
"""

TRANSLATIONS = {
    # services.choices, services.households: a village chosen on a screen was deleted meanwhile
    '找不到这个村，可能已被删除。': 'Village not found; it may have been deleted.',
    # --- dates, periods, lists (pointsapp.text, services.periods)
    '{year}年{month}月{day}日': '{day} {mon} {year}',
    '、': ', ',
    '，': ', ',
    '{0}年第{2}季度': 'Q{1} {0}',
    '{0}年{2}半年': 'H{1} {0}',
    '{0}至{1}': '{0} to {1}',
    '{0} 至 {1}': '{0} to {1}',
    '{0}月': '{1}',
    # --- printing: page furniture
    'CJK': 'words',  # line breaking in PDFs: English breaks at spaces (printing.page.word_wrap)
    '第 {0} 页 共 {1} 页': 'Page {0} of {1}',
    '打印日期：{0}': 'Printed: {0}',
    '纸张“{0}”不支持，可选：{1}。': 'Paper "{0}" is not supported; choose one of: {1}.',
    '找不到中文 TrueType 字体（如微软雅黑、宋体、文泉驿微米黑），无法生成 PDF。请安装中文字体，或在设置中指定字体文件。':
        'No Chinese TrueType font was found (such as Microsoft YaHei, SimSun or WenQuanYi Micro Hei), so no PDF '
        'can be made. Install a Chinese font, or choose a font file in the settings.',
    '{0}村民委员会': "{0} Villagers' Committee",
    '{0}村民委员会<br/>{1}': "{0} Villagers' Committee<br/>{1}",
    '{0}村民委员会\u3000{1}': "{0} Villagers' Committee\u3000{1}",
    '村委会办公室': 'the village committee office',
    # --- printing: seal, supervision phone, rare characters, board notices (issue 24)
    '（盖章）': '(seal)',
    '监督电话：{0}': 'Supervision hotline: {0}',
    '以下名称中有字无法打印（显示为空白），请手写补全：{0}':
        'Some names hold characters no font can print (left blank); please write them in by hand: {0}',
    '{0}（缺字 {1}）': '{0} (missing {1})',
    '{0}的积分录入后直接生效，不经审核公示，没有公示名单可打印。':
        '{0} takes entries into effect at once, without review or public notice: there is no notice list to print.',
    '为保护隐私，户主姓名只留姓氏。': "For privacy, only the head's surname is shown.",
    '红榜': 'Honour roll',
    '黑榜': 'Warning list',
    '各类别积分见 A4 公示榜。': 'Points per category: see the A4 ranking notice.',
    '【补打】{0:%Y-%m-%d %H:%M}': '[REPRINT] {0:%Y-%m-%d %H:%M}',
    '姓名“{0}”中的“{1}”没有字体能打印，打印件上会空缺，请核对或在打印件上手写补全':
        'No font can print "{1}" in the name "{0}": prints will show a gap there; check the name, or write it in '
        'by hand on the prints',
    '爱心人士': 'A kind donor',
    # --- printing: cards
    '村民积分卡': 'Villager Points Card',
    '村民积分卡（单张）': 'Villager Points Cards (one per page)',
    '卡号 {0}-{1}-{2}': 'Card {0}-{1}-{2}',
    '凭卡到积分超市兑换 · 遗失请到村委会补办': 'Redeem at the points shop · If lost, ask the committee',
    '{0} 村民积分卡\u3000沿裁切线裁开\u3000第 {1} 页 共 {2} 页':
        '{0} villager points cards\u3000Cut along the crop marks\u3000Page {1} of {2}',
    '正在生成积分卡：第 {0} / {1} 页': 'Making cards: page {0} / {1}',
    # --- printing: certificates
    '正在确定获证户…': 'Finding the households to certify…',
    '没有可以发证书的户：这一年还没有授星，也没有累计积分为正的户。':
        'No household can get a certificate: no stars were awarded this year and no household has positive '
        'points.',
    '{0}年度证书': 'Certificates {0}',
    '正在生成证书：{0} / {1}': 'Making certificates: {0} / {1}',
    '（盖章处）': '(seal here)',
    '荣\u3000誉\u3000证\u3000书': 'CERTIFICATE OF HONOUR',
    '在{0}年度星级文明户评定中，经村民评议、村委会审核并公示，获得{1}，共 {2} 颗星，被评为':
        'In the {0} star household evaluation, after review by the villagers and the committee and public '
        'notice, this household earned {1}, {2} stars in all, and is named',
    '在{0}年度村民积分评比中，累计获得 {1} 分，位列全村第 {2} 名，表现突出，被评为':
        'In the {0} villager points ranking, this household earned {1} points, placed {2} in the village and '
        'stood out, and is named',
    '<u>{0}</u> 户（{1}，户号 {2}）：': 'The household of <u>{0}</u> ({1}, household no. {2}):',
    '“{0}年度{1}”': '“{1} {0}”',
    '特发此证，以资鼓励。': 'This certificate is awarded in recognition.',
    '证书编号：{0}': 'Certificate no.: {0}',
    '{0}星级文明户': '{1}-Star Model Household',
    '积分先进户': 'Points Model Household',
    # --- printing: notice list
    '事项': 'Item',
    '加/扣分': '± Points',
    '发生日期': 'Date',
    '正在读取公示中的积分…': 'Reading the entries on notice…',
    '{0}积分公示名单': '{0} points on public notice',
    '共 {0} 条积分记录正在公示\u3000\u3000打印日期：{1}': '{0} entries on public notice\u3000\u3000Printed: {1}',
    "以下积分记录已经审核，现予公示。公示期满无异议的，积分正式生效；公示期内如有异议，请在公示截止日前向<font color='#c8102e'>{0}</font>提出（写明户主、事项和理由），村委会核实后答复，异议成立的予以冲正。":
        "The following entries have been reviewed and are now on public notice. Entries without objection "
        "take effect when the notice ends. To object, contact <font color='#c8102e'>{0}</font> before the "
        "deadline (name the head of household, the item and your reason); the committee checks and answers, "
        "and upheld objections are reversed.",
    '目前没有正在公示的积分记录。': 'No entries are on public notice now.',
    "<font color='#c8102e'>■</font> {0}\u3000<font size=9 color='#6b6b6b'>公示期：{1}\u3000异议截止：{2}\u3000共 {3} 条</font>":
        "<font color='#c8102e'>■</font> {0}\u3000<font size=9 color='#6b6b6b'>Notice: {1}\u3000Objections "
        "until: {2}\u3000{3} entries</font>",
    '异议截止日期：{0}。': 'Objections until {0}. ',
    '异议受理：{0}。': 'Objections to: {0}.',
    '待公示积分': 'Entries awaiting notice',
    '积分公示': 'Points notice',
    # --- printing: plaques
    '{0}{1}\u3000户主：{2}\u3000户号：{3}': '{0} {1}\u3000Head: {2}\u3000Household no.: {3}',
    '{0}评定': 'Awarded for {0}',
    '纸张只能是 {0}。': 'The paper must be {0}.',
    '{0}没有获星的户，无法打印星级牌。': 'No household holds stars for {0}; there are no plaques to print.',
    '{0}星级牌': 'Star plaques {0}',
    # --- printing: ranking notice
    '各村村民委员会': "The villagers' committees",
    '本村村委会': 'your village committee',
    '正在排版 {0} 户…': 'Laying out {0} households…',
    '{0}{1}村民积分公示榜': '{0} Villager Points Ranking, {1}',
    '本期没有在册的户。': 'No registered households in this period.',
    '统计期间：{0}至{1}\u3000\u3000发布日期：{2}': 'Period: {0} to {1}\u3000\u3000Published: {2}',
    '说明：积分按已生效的加分、扣分记录统计；合计相同者，扣分少的在前，再按加分多少排列，仍相同的名次并列。':
        'Note: points count effective awards and deductions. On equal totals, fewer deductions rank first, '
        'then more awards; households still equal share the rank.',
    '为保护隐私，户主姓名中间的字以“*”代替。': ' For privacy, the middle of each name is shown as "*".',
    "<font color='#c8102e'>公示期：</font>{0}至{1}（共 {2} 天）。公示期内如对积分有异议，请向<font color='#c8102e'>{3}</font>反映，村委会将在核实后答复。":
        "<font color='#c8102e'>Public notice: </font>{0} to {1} ({2} days). If you object to any points during "
        "the notice, tell <font color='#c8102e'>{3}</font>; the committee will check and answer.",
    # --- printing: receipt
    '积分超市兑换小票': 'Points Shop Receipt',
    '小票纸宽只能是 58 毫米或 80 毫米。': 'The receipt paper must be 58 mm or 80 mm wide.',
    '单号：{0}': 'No.: {0}',
    '时间：{0:%Y-%m-%d %H:%M:%S}': 'Time: {0:%Y-%m-%d %H:%M:%S}',
    '户号：{0}  户主：{1}': 'Household: {0}  Head: {1}',
    '小组：{0}': 'Group: {0}',
    '收银员：{0}': 'Cashier: {0}',
    '合计：{0} 分': 'Total: {0} points',
    '【已作废】': '[VOIDED]',
    '作废原因：{0}': 'Reason for voiding: {0}',
    '剩余可用积分：{0} 分': 'Points left: {0}',
    '文明新风 积分兑换 谢谢惠顾': 'Thank you for taking part',
    # --- printing: reports
    '各村加分与扣分（{0}）': 'Awards and deductions by village ({0})',
    '近12个月各类别积分趋势（全镇）': 'Points by category, last 12 months (whole township)',
    '各类别每月积分': 'Points by category and month',
    '无法保存文件“{0}”：{1}': 'Could not save the file "{0}": {1}',
    # --- printing: statement
    '录入': 'Entered by',
    '审核': 'Approved by',
    '正在读取积分明细…': 'Reading the entries…',
    '村民积分明细单': 'Villager Points Statement',
    '{0}（{1}至{2}）': '{0} ({1} to {2})',
    '{0}（{1}）': '{0} ({1})',
    '{0}（{1} {2}）': '{0} ({1} {2})',
    '全部记录': 'All entries',
    '上期结转': 'Brought forward',
    '本期间没有积分记录。': 'No entries in this period.',
    '期末累计积分': 'Points earned at end',
    '期末可用积分': 'Points available at end',
    '本期记录': 'Entries',
    '{0} 条': '{0}',
    '说明：“累计积分”只计已生效的加分、扣分及其冲正，兑换不减少累计积分；“可用积分”为可在积分超市兑换的积分。灰色行为尚未生效（待审核、公示中）或未通过的记录，不计入余额。':
        'Note: "Points earned" counts only effective awards, deductions and their reversals; redemptions do '
        'not reduce it. "Points available" can be spent at the points shop. Grey rows are not yet effective '
        '(awaiting review, on notice) or were rejected, and do not count in the balances.',
    "账链校验值：<font name='{0}' size=7>{1}</font>": "Ledger chain check value: <font name='{0}' size=7>{1}</font>",
    '（尚无记录）': '(no entries yet)',
    '本明细单由系统生成。账链校验值是该户最新一条积分记录的哈希值，可与系统中的记录核对，确认明细未被改动。':
        "This statement was made by the system. The check value is the hash of the household's latest entry; "
        "compare it with the system to confirm the statement was not altered.",
    # --- services: reports and exports
    '全镇积分工作月报（{0}）': 'Township monthly points report ({0})',
    '统计期间：{0} 至 {1}': 'Period: {0} to {1}',
    '全年': 'Year',
    '{0}各类别积分趋势（{1}年）': '{0}: points by category ({1})',
    '每月生效的累计积分（加分减扣分），按类别': 'Effective points each month (awards minus deductions), by category',
    '已检查': 'Inspected',
    '未检查': 'Not inspected',
    '{0}月度检查完成情况（{1}）': '{0}: monthly inspections ({1})',
    '共 {0} 个小组，已检查 {1} 个，未检查 {2} 个': '{0} groups: {1} inspected, {2} not inspected',
    '制表时间：{0:%Y-%m-%d %H:%M}': 'Made: {0:%Y-%m-%d %H:%M}',
    '积分账本': 'Ledger',
    '是': 'Yes',
    '否': 'No',
    '记录号': 'Entry no.',
    '户内序号': 'Seq. in household',
    '细则代码': 'Rule code',
    '计入累计积分': 'Counts as earned',
    '冲正的记录号': 'Reverses entry',
    '批次': 'Batch',
    '审核时间': 'Approved at',
    '录入时间': 'Entered at',
    '生效时间': 'Effective at',
    '前一条校验值': 'Previous hash',
    '校验值': 'Hash',
    '操作日志': 'Audit log',
    '兑换笔数': 'Redemptions',
    '作废笔数': 'Voided',
    '作废退回积分': 'Points returned by voids',
    '净兑换积分': 'Net points redeemed',
    '积分账本记录': 'Ledger entries',
    '核对结果': 'Check',
    '一致': 'Balanced',
    '不一致，请检查': 'Not balanced, please check',
    '日结汇总': 'Daily close',
    '积分超市日结 {0}': 'Points shop daily close {0}',
    '收银员': 'Cashier',
    '收银员汇总 {0}': 'Cashiers {0}',
    '兑换明细': 'Redemptions',
    '兑换明细 {0}': 'Redemptions {0}',
    '兑换明细 {0} 至 {1}': 'Redemptions {0} to {1}',
    '开始': 'the start',
    '库存': 'Stock',
    '积分超市库存表（出入库统计：{0}）': 'Points shop stock (movements: {0})',
    '按户汇总': 'By household',
    '各户兑换汇总 {0} 至 {1}': 'Redemptions by household {0} to {1}',
    # --- services: cards and redemption
    '这张卡的格式版本本程序不认识，请到村委会换卡。':
        'This program does not know this card format; please get a new card from the village committee.',
    '这不是本村的积分卡（无法识别的二维码）。': 'This is not a points card of this village (unknown QR code).',
    '积分卡内容被改动过，已拒绝。': 'The card content was altered; refused.',
    '积分卡校验失败：卡片是伪造的或内容被改动过，已拒绝。':
        'The card failed its check: it is forged or its content was altered; refused.',
    '积分卡对应的户不存在。': "The card's household does not exist.",
    '这张积分卡没有登记发放记录，已拒绝。': 'This card was never registered as issued; refused.',
    '这张积分卡已挂失作废（第 {0} 号卡），请使用补发的新卡。':
        'This card was reported lost and cancelled (card no. {0}); please use the replacement card.',
    '这张积分卡已挂失作废，请使用补发的新卡。': 'This card was reported lost and cancelled; please use the replacement card.',
    '这一户已归档，不能再使用积分卡。': 'This household is archived and can no longer use its card.',
    '无法识别的积分卡。': 'Unrecognised points card.',
    '补卡必须填写原因（如：卡片遗失）。': 'A replacement card needs a reason (e.g. card lost).',
    '只能给在册的户补卡。': 'Only registered households can get a replacement card.',
    '按户号打印时请指定村。': 'Choose the village when printing by household number.',
    '找不到这些户号（或已归档）：{0}。': 'These household numbers were not found (or are archived): {0}.',
    '有 {0} 户还没有发卡，请先发卡再打印。': '{0} households have no card yet; issue their cards before printing.',
    '户 #{0} 不存在。': 'Household #{0} does not exist.',
    '{0}户已归档，不能再兑换积分。': 'The household {0} is archived and can no longer redeem points.',
    '商品“{0}”的数量必须是正整数。': 'The quantity of "{0}" must be a positive whole number.',
    '购物篮是空的：请先扫描或选择商品。': 'The basket is empty: scan or choose products first.',
    '这笔兑换的确认码已被另一户使用，请重新开始一笔兑换。':
        'This redemption code was already used by another household; please start a new redemption.',
    '兑换需要扫积分卡，或手动选择一户（二者取一）。':
        'A redemption needs a scanned card or a household chosen by hand (one of the two).',
    '兑换确认码过长。': 'The redemption code is too long.',
    '条码“{0}”不是本超市的商品，请核对或手动选择商品。':
        'Barcode "{0}" is not a product of this shop; check it or choose the product by hand.',
    '“{0}”库存不足：{1}，要兑换 {2}{3}。': 'Not enough "{0}" in stock: {1}, {2} {3} wanted.',
    '只剩 {0}{1}': 'only {0} {1} left',
    '已经没有了': 'none left',
    '积分不够：需要 {0} 分，可用只有 {1} 分，还差 {2} 分。':
        'Not enough points: {0} needed, only {1} available, {2} short.',
    '作废兑换必须填写原因。': 'Voiding a redemption needs a reason.',
    '兑换单 #{0} 不存在。': 'Redemption #{0} does not exist.',
    '兑换单 #{0} 已经作废过了。': 'Redemption #{0} was already voided.',
    '只能作废当天的兑换；以前的兑换需要管理员作废。':
        "Only today's redemptions can be voided here; earlier ones must be voided by an administrator.",
    '兑换单 #{0} 是其他收银员办理的，只能由本人或管理员作废。':
        'Redemption #{0} was taken by another cashier; only they or an administrator can void it.',
    # --- services: products and stock (status and state words are shown through ui/domain_labels.py)
    '已兑换': 'Redeemed',
    '已作废': 'Voided',
    '已下架': 'Off the shelf',
    '缺货': 'Out of stock',
    '库存不足': 'Low stock',
    '商品 #{0} 不存在。': 'Product #{0} does not exist.',
    '商品名称不能为空。': 'The product name cannot be empty.',
    '商品条码/编号不能为空。': 'The product barcode/code cannot be empty.',
    '商品条码/编号不能有空格，最长 40 个字符。': 'The product barcode/code cannot contain spaces and has at most 40 characters.',
    '兑换所需积分必须是正整数。': 'The points price must be a positive whole number.',
    '库存预警数量必须是不小于 0 的整数。': 'The low-stock level must be a whole number of at least 0.',
    '保质期天数必须是正整数。': 'The shelf life in days must be a positive whole number.',
    '条码/编号“{0}”已被其他商品使用。': 'Barcode/code "{0}" is already used by another product.',
    '数量必须是正整数。': 'The quantity must be a positive whole number.',
    '“{0}”库存只有 {1}{2}，不能减少 {3}{2}。': 'Only {1} {2} of "{0}" in stock; cannot take out {3} {2}.',
    '入库来源只能是“村集体经费采购”或“爱心捐赠”。': 'Stock can only come from "village purchase" or "donation".',
    '捐赠入库必须填写捐赠人或单位名称。': 'A donation needs the name of the donor.',
    '出库必须填写原因（如：过期、破损）。': 'Taking stock out needs a reason (e.g. expired, damaged).',
    '调整数量必须是不为 0 的整数（正数增加，负数减少）。':
        'The adjustment must be a non-zero whole number (positive adds, negative removes).',
    '库存调整必须填写原因。': 'A stock adjustment needs a reason.',
    '盘点至少要录入一种商品的实盘数量。': 'A stocktake needs the counted quantity of at least one product.',
    '实盘数量必须是不小于 0 的整数。': 'The counted quantity must be a whole number of at least 0.',
    # --- services: sign-in, users, permissions, settings
    '请先登录后再操作。': 'Please sign in first.',
    '当前用户 {0}（{1}）没有“{2}”的权限。': 'The current user {0} ({1}) may not "{2}".',
    '操作员“{0}”不存在。请用 --operator 指定一个已有的用户。': 'Operator "{0}" does not exist. Use --operator to name an existing user.',
    '操作员“{0}”已停用。': 'Operator "{0}" is disabled.',
    '用户“{0}”还没有设置密码，请先设置密码。': 'User "{0}" has no password yet; please set one first.',
    '密码连续输错 {0} 次，账户已锁定 {1} 分钟。如需立即使用，请管理员重置密码。':
        'Wrong password {0} times in a row: the account is locked for {1} minutes. To use it now, ask an '
        'administrator to reset the password.',
    '密码连续输错次数过多，账户“{0}”已锁定，请 {1} 分钟后再试，或请管理员重置密码。':
        'Too many wrong passwords: account "{0}" is locked. Try again in {1} minutes, or ask an administrator to '
        'reset the password.',
    '用户名或密码不正确（再输错 {0} 次将锁定账户）。': 'Wrong user name or password ({0} more wrong tries lock the account).',
    '用户名或密码不正确。': 'Wrong user name or password.',
    '用户“{0}”已停用，请联系管理员。': 'User "{0}" is disabled; please contact an administrator.',
    '只有尚未设置密码的用户才能这样设置密码。': 'Only a user without a password can set one this way.',
    '原密码不正确。': 'The old password is wrong.',
    '新密码不能与原密码相同。': 'The new password must differ from the old one.',
    '用户“{0}”不存在。': 'User "{0}" does not exist.',
    '没有“{0}”这个角色。可选：{1}': 'There is no role "{0}". Choose from: {1}',
    '用户名不能为空、不能含空格，且不超过 40 个字符。': 'The user name cannot be empty or contain spaces, and has at most 40 characters.',
    '用户名“{0}”已被使用。': 'The user name "{0}" is already taken.',
    '不能停用自己正在使用的账户。': 'You cannot disable the account you are signed in with.',
    '这是最后一个启用的管理员，不能停用。': 'This is the last active administrator and cannot be disabled.',
    '这是最后一个启用的管理员，不能改成其他角色。': 'This is the last active administrator and cannot get another role.',
    '密码至少需要 {0} 位。': 'The password needs at least {0} characters.',
    '密码首尾不能有空格。': 'The password cannot start or end with a space.',
    '没有“{0}”这个设置。': 'There is no setting "{0}".',
    '“{0}”必须是整数。': '"{0}" must be a whole number.',
    '“{0}”不能是负数。': '"{0}" cannot be negative.',
    # --- services: database, backup, transfer
    '没有打开数据库。': 'No database is open.',
    '文件不存在：{0}': 'File not found: {0}',
    '{0} 不是数据库文件（也不是本程序的备份）。': '{0} is not a database file (nor a backup of this program).',
    '{0} 已损坏（完整性检查发现 {1} 处问题）。': '{0} is damaged (the integrity check found {1} problems).',
    '{0} 不是村民积分管理系统的数据库。': '{0} is not a Villager Points database.',
    '{0} 已损坏，无法读取。': '{0} is damaged and cannot be read.',
    '{0} 的数据库版本（{1}）比本程序（{2}）新，请先升级程序。':
        'The database version of {0} ({1}) is newer than this program ({2}); please update the program first.',
    '无法写入 {0}：{1}。请检查磁盘空间和文件夹权限。': 'Could not write {0}: {1}. Check the disk space and folder permissions.',
    '无法写入备份 {0}：{1}。请检查磁盘空间和文件夹权限。':
        'Could not write the backup {0}: {1}. Check the disk space and folder permissions.',
    '数据库 {0} 已损坏，无法备份（{1}）。': 'The database {0} is damaged and cannot be backed up ({1}).',
    '这是 PostgreSQL 数据库，请用 pg_dump/pg_restore 备份与恢复。':
        'This is a PostgreSQL database; back it up and restore it with pg_dump/pg_restore.',
    '没有找到 {0}。{1}': '{0} was not found. {1}',
    '{0}失败：{1}': '{0} failed: {1}',
    'pg_dump 备份': 'Backup with pg_dump',
    '检查备份 {0}': 'Checking backup {0}',
    'pg_restore 恢复': 'Restore with pg_restore',
    '数据库文件有问题：{0}': 'The database file has a problem: {0}',
    '数据库没有被修改。': 'The database was not changed.',
    '最近一份完好的备份是 {0}：{1}': 'The latest sound backup is {0}: {1}',
    '恢复方法：pointsapp --db "{0}" restore "{1}"（原文件会另存为 *.replaced-时间.db，不会丢失）':
        'To restore: pointsapp --db "{0}" restore "{1}" (the current file is kept as *.replaced-time.db, '
        'nothing is lost)',
    '备份文件夹里没有找到完好的备份。请找回其他电脑或 U 盘上的备份文件，再用 pointsapp restore 备份文件 恢复。':
        'No sound backup was found in the backup folder. Find a backup file on another computer or USB drive, '
        'then restore it with pointsapp restore <backup file>.',
    '目标数据库不是空的（已有户籍、积分或用户数据），为防止覆盖，已停止迁移。':
        'The target database is not empty (it has households, points or users); the transfer stopped so nothing '
        'is overwritten.',
    '目标数据库与当前数据库相同。': 'The target database is the current database.',
    '无法连接目标数据库 {0}：{1}': 'Could not connect to the target database {0}: {1}',
    '导出文件名必须以 .xlsx 结尾。': 'The export file name must end in .xlsx.',
    '导出文件名须以 .xlsx 结尾。': 'The export file name must end in .xlsx.',
    '无法写入文件 {0}：{1}': 'Could not write the file {0}: {1}',
    '无法保存文件 {0}：{1}': 'Could not save the file {0}: {1}',
    # --- services: villages, households, members
    '找不到这个村。': 'Village not found.',
    '找不到村“{0}”。': 'Village "{0}" not found.',
    '找不到这个村民小组。': 'Group not found.',
    '找不到这一户。': 'Household not found.',
    '找不到编号为 {0} 的户。': 'Household {0} not found.',
    '找不到编号为 {0} 的成员。': 'Member {0} not found.',
    '找不到要移入的村民小组。': 'The group to move to was not found.',
    '村名和村代码都不能为空。': 'The village name and code cannot be empty.',
    '村代码“{0}”已被使用。': 'The village code "{0}" is already used.',
    '村名不能为空。': 'The village name cannot be empty.',
    '{0}名称不能为空。': 'The {0} name cannot be empty.',
    '本村已有名为“{0}”的{1}。': 'This village already has a {1} named "{0}".',
    '{0}没有“{1}”这个村民小组。': '{0} has no group "{1}".',
    '{0}没有“{1}”这个网格。': '{0} has no grid "{1}".',
    '“{0}”还有 {1} 户（含已归档的），请先把它们移到别的小组。':
        '"{0}" still has {1} households (archived ones included); move them to another group first.',
    '“{0}”已有检查记录，不能删除。': '"{0}" has inspection records and cannot be deleted.',
    '数据库里还没有村。请先建村或导入花名册（pointsapp demo 可生成演示数据）。':
        'The database has no village yet. Create one or import a roster (pointsapp demo makes demo data).',
    '数据库里有多个村，请用 --village 指定村名或村代码。':
        'The database has several villages; name one with --village (name or code).',
    '身份证号码 {0} 已登记在{1}户号 {2}（{3}）名下。': 'ID number {0} is already registered in {1}, household {2} ({3}).',
    '本村已有户号为“{0}”的户。': 'This village already has a household numbered "{0}".',
    '网格和小组不属于同一个村。': 'The grid and the group belong to different villages.',
    '这一户已有积分记录，积分按村记账，不能移到别的村。请在新村建户，原户归档。':
        'This household has points, which are kept per village, so it cannot move to another village. Create '
        'it in the new village and archive this one.',
    '户号 {0} 已经归档。': 'Household {0} is already archived.',
    '户号 {0} 没有归档。': 'Household {0} is not archived.',
    '户号 {0} 已有积分、兑换、星级或积分卡记录，只能归档，不能删除。':
        'Household {0} has points, redemptions, stars or cards; it can only be archived, not deleted.',
    '户号 {0} 没有户主': 'Household {0} has no head',
    '每户必须有且只有一位户主': 'Each household must have exactly one head',
    '这一户没有户主': 'This household has no head',
    '这一户没有成员': 'This household has no members',
    '户号不能为空': 'The household number cannot be empty',
    '请选择村民小组': 'Choose a group',
    '成员': 'Member',
    '成员姓名不能为空': "A member's name cannot be empty",
    '{0}：性别只能是“男”或“女”': '{0}: sex must be 男 (male) or 女 (female)',
    '身份证号码 {0} 在这一户里出现了两次': 'ID number {0} appears twice in this household',
    '户联系电话：{0}': 'Household phone: {0}',
    '户主不能直接取消。请把另一位成员设为户主。': 'The head cannot simply be removed; make another member the head.',
    '身份证号码 {0} 已是本户成员 {1} 的号码。': 'ID number {0} already belongs to {1} in this household.',
    '身份证号码应为18位，实际为{0}位': 'An ID number has 18 characters, this one has {0}',
    '身份证号码只能是数字，最后一位可以是X': 'An ID number has only digits; the last may be X',
    '身份证号码中的出生日期无效': 'The birth date in the ID number is invalid',
    '身份证号码校验位不正确': 'The check digit of the ID number is wrong',
    '{0}没有户号为“{1}”的户。': '{0} has no household numbered "{1}".',
    '本村没有户号为“{0}”的户。': 'This village has no household numbered "{0}".',
    # --- services: roster import
    '找不到要导入的村。': 'The village to import into was not found.',
    '花名册标题写的是“{0}”，数据库里只有“{1}”。请指定导入到哪个村（--village），新村名会新建一个村。':
        'The roster title says "{0}" but the database only has "{1}". Name the village to import into '
        '(--village); a new name creates a new village.',
    '数据库里有多个村，请指定导入到哪个村（--village 村名或村代码；新村名会新建一个村）。':
        'The database has several villages; name the one to import into (--village name or code; a new name '
        'creates a new village).',
    '数据库里还没有村，花名册标题里也看不出村名。请用 --village 指定村名。':
        'The database has no village and the roster title names none. Name it with --village.',
    '找不到文件：{0}': 'File not found: {0}',
    '不支持旧版 .xls 文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。':
        'Old .xls files are not supported. "Save as" .xlsx in Excel or WPS, then import.',
    '不支持的文件类型“{0}”，请用 .xlsx 或 .csv。': 'Unsupported file type "{0}"; use .xlsx or .csv.',
    '无法读取 Excel 文件 {0}：{1}': 'Could not read the Excel file {0}: {1}',
    '无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码。': 'Unknown CSV encoding; save it as UTF-8 or GBK.',
    # --- services: rules, entries, review, expiry
    '细则名称不能为空。': 'The rule name cannot be empty.',
    '分值必须是不为 0 的整数（加分为正，扣分为负）。':
        'Points must be a non-zero whole number (positive for awards, negative for deductions).',
    '频次“{0}”无效，只能是 event（每次）、month（每月）或 year（每年）。':
        'Frequency "{0}" is invalid; use event, month or year.',
    '年度上限必须是不为 0 的整数，或留空表示不设上限。': 'The yearly cap must be a non-zero whole number, or empty for none.',
    '年度上限 {0} 小于单次分值 {1}，这条细则将无法使用。':
        'The yearly cap {0} is below the points per entry {1}; the rule could never be used.',
    '类别代码和名称都不能为空。': 'The category code and name cannot be empty.',
    '类别代码“{0}”已存在。': 'The category code "{0}" already exists.',
    '类别代码“{0}”只能用字母、数字和下划线，最多 20 个。': 'Category code "{0}" may use only letters, digits and underscores, 20 at most.',
    '找不到细则“{0}”。可用 pointsapp rules list 查看细则代码。': 'Rule "{0}" not found. pointsapp rules list shows the rule codes.',
    '细则代码不能为空。': 'The rule code cannot be empty.',
    '所选类别不属于这个村。': 'The chosen category belongs to another village.',
    '细则代码“{0}”已存在。': 'The rule code "{0}" already exists.',
    '不能修改细则的这些项：{0}': 'These fields of a rule cannot be changed: {0}',
    '找不到这条细则。': 'Rule not found.',
    '{0} 在 {1}年{2}月 已经有细则{3}的记录（每月只能一次）。':
        '{0} already has an entry for rule {3} in {2}/{1} (once a month only).',
    '{0} 在 {1}年 已经有细则{2}的记录（每年只能一次）。': '{0} already has an entry for rule {2} in {1} (once a year only).',
    '{0} 在 {1}年 从细则{2}已得 {3} 分，再记 {4:+d} 分将超过年度上限 {5} 分。':
        '{0} already got {3} points from rule {2} in {1}; {4:+d} more would pass the yearly cap of {5}.',
    '{0} 已归档，不能再录入积分。': '{0} is archived; no more points can be entered.',
    '{0} 于 {1} 才入户，不能记 {2} 的积分。': '{0} joined only on {1}; points for {2} cannot be entered.',
    '细则“{0}”不属于 {1} 所在的村。': 'Rule "{0}" does not belong to the village of {1}.',
    '细则“{0} {1}”已停用，不能再录入。': 'Rule "{0} {1}" is disabled and can no longer be used.',
    '日期 {0} 还没到，不能预先录入积分。': 'The date {0} has not come yet; points cannot be entered in advance.',
    '证据照片太大（超过 8 MB），请缩小后再上传。': 'The evidence photo is too large (over 8 MB); make it smaller first.',
    '检查批次的期间必须是一个月，例如 2026-10。': 'An inspection batch covers one month, e.g. 2026-10.',
    '{0}还没到，不能录入检查结果。': '{0} has not come yet; inspection results cannot be entered.',
    '检查日期 {0} 不在 {1} 这个月里。': 'The inspection date {0} is not in the month {1}.',
    '这张检查表上没有勾选任何项目，没有可保存的内容。': 'Nothing is ticked on this inspection sheet; there is nothing to save.',
    '{0} 不在{1}。': '{0} is not in {1}.',
    '细则“{0} {1}”不是月度检查项目，请用单条录入。':
        'Rule "{0} {1}" is not a monthly inspection item; enter it as a single entry.',
    '{0}必须填写原因。': '{0} needs a reason.',
    '没有选择任何积分记录。': 'No entries are selected.',
    '找不到积分记录 #{0}。': 'Entry #{0} not found.',
    '积分记录 #{0} 的状态是“{1}”，不在待审核状态。': 'Entry #{0} is "{1}", not awaiting review.',
    '积分记录 #{0} 是您本人录入的，须由另一位审核员审核。': 'You entered entry #{0} yourself; another reviewer must review it.',
    '公示天数至少为 1 天。': 'The notice must last at least 1 day.',
    '积分记录 #{0} 不是{1}已审核待公示的记录。': 'Entry #{0} is not a reviewed entry of {1} awaiting notice.',
    '{0}没有已审核待公示的积分记录。': '{0} has no reviewed entries awaiting notice.',
    '找不到公示 #{0}。': 'Notice #{0} not found.',
    '公示 #{0} 到 {1} 才结束，公示期满后才能生效。': 'Notice #{0} ends only on {1}; entries take effect after it ends.',
    '异议须写明提出人和异议内容。': 'An objection needs the name of who raised it and what it says.',
    '积分记录 #{0} 不在公示期内（状态：{1}），不能登记异议；已生效的记录如有错误请冲正。':
        'Entry #{0} is not on notice (status: {1}), so no objection can be recorded; reverse effective entries '
        'that are wrong.',
    '异议日期 {0} 不在公示期（{1} 至 {2}）内。': 'The objection date {0} is outside the notice ({1} to {2}).',
    '找不到异议 #{0}。': 'Objection #{0} not found.',
    '异议 #{0} 已经处理过了。': 'Objection #{0} was already handled.',
    '积分必须是整数。': 'Points must be a whole number.',
    '冲正记录本身不能再冲正。': 'A reversal cannot itself be reversed.',
    '只有已生效的记录才能冲正；未生效的记录请在审核时驳回。':
        'Only effective entries can be reversed; reject entries that are not yet effective during review.',
    '记录 #{0} 已经冲正过了。': 'Entry #{0} was already reversed.',
    # --- services: a clerk taking back an entry just made (entries.undo_entry)
    '录入人撤销：录入有误': 'Undone by the person who entered it: entered by mistake',
    '积分记录 #{0} 不存在。': 'Entry #{0} does not exist.',
    '积分记录 #{0} 不是您录入的，不能撤销；请由审核人冲正。':
        'Entry #{0} was not entered by you and cannot be undone here; a reviewer can reverse it.',
    '只有加分、扣分记录可以撤销。': 'Only awards and deductions can be undone.',
    '积分记录 #{0} 录入已超过 {1} 分钟，不能再撤销；请由审核人冲正。':
        'Entry #{0} was entered more than {1} minutes ago and can no longer be undone; a reviewer can reverse it.',
    '一票否决的记录不能自行撤销，请由审核人冲正。':
        'A veto entry cannot be undone by whoever entered it; a reviewer can reverse it.',
    '积分记录 #{0} 已经审核，不能自行撤销；请由审核人冲正。':
        'Entry #{0} has been reviewed and cannot be undone here; a reviewer can reverse it.',
    '冲正必须填写原因。': 'A reversal needs a reason.',
    '清零规则“{0}”无效，只能是 none（不清零）或 year_end（年底清零）。':
        'Expiry policy "{0}" is invalid; use none (never) or year_end (at the end of the year).',
    '{0}的积分设置为“不清零”，不能执行清零。请先在设置中改为“年底清零”。':
        'Points in {0} are set never to expire; change the setting to "expire at year end" first.',
    '清零截止日 {0} 还没到。': 'The expiry date {0} has not come yet.',
    '{0}已经执行过截止到 {1} 或更晚的清零，不能重复执行。': '{0} already had points expire up to {1} or later; it cannot run again.',
    '年份“{0}”不对。': 'The year "{0}" is not valid.',
    '{0}年还没有开始。': '{0} has not begun yet.',
    '检查完成情况按月统计，请写成 2026-10 这样的月份。': 'Inspections are counted by month; write a month like 2026-10.',
    '期间“{0}”无法识别。请写成 2026（全年）、2026-Q3（季度）、2026-H1（半年）或 2026-10（月）。':
        'Period "{0}" is not recognised. Write 2026 (year), 2026-Q3 (quarter), 2026-H1 (half year) or 2026-10 '
        '(month).',
    '期间“{0}”中的月份不对。': 'The month in period "{0}" is not valid.',
    # --- services: stars
    '评星按年度（如 2026）或半年（如 2026-H1）进行。': 'Stars are evaluated by year (e.g. 2026) or half year (e.g. 2026-H1).',
    '{0}还没有启用的星级，请先在星级设置中添加。': '{0} has no active stars; add them in the star settings first.',
    '{0}{1}的星级已经授予，不能重新评定。': 'The stars of {0} for {1} were already awarded and cannot be evaluated again.',
    '{0}：正在按账本计算{1}积分…': '{0}: counting the points of {1} from the ledger…',
    '{0}：正在保存 {1} 条评星建议…': '{0}: saving {1} star proposals…',
    '找不到评星记录 #{0}。': 'Star evaluation #{0} not found.',
    '调整评星结果必须填写原因。': 'Changing a star result needs a reason.',
    '评星记录 #{0}{1}，不能再调整。': 'Star evaluation #{0} is {1} and can no longer be changed.',
    '这一户不在本次评星中，或本次评星没有这颗星。': 'This household is not in this evaluation, or the evaluation has no such star.',
    '这颗星已经是“{0}”，无需调整。': 'This star is already "{0}"; nothing to change.',
    '{0} {1} 分': '{0} {1} pts',
    '无积分': 'no points',
    '，合计 {0} 分': ', total {0} pts',
    '（需 ≥ {0}': ' (needs ≥ {0}',
    '，差 {0} 分）': ', {0} short)',
    '，达到）': ', met)',
    '；{0}有扣分 {1} 分': '; {0} deductions {1} pts',
    '；一票否决：{0}（{1}，记录 #{2}）': '; veto: {0} ({1}, entry #{2})',
    '；{0} 迁入，按迁入后实得积分评定': '; moved in on {0}, rated on the points since',
    '评星记录 #{0} 不是待公示状态，不能公示。': 'Star evaluation #{0} is not awaiting notice and cannot be put on notice.',
    '公示期到 {0} 结束，公示期满后才能授星。': 'The notice ends on {0}; stars can be awarded after it ends.',
    '本村评星结果须先公示，公示期满后才能授星。': "The village's star results must first go on notice; stars are awarded after it ends.",
    '评星记录 #{0} 已授星或已作废，不能再授星。': 'Star evaluation #{0} was already awarded or cancelled.',
    '{0}{1} 已有授星记录，不能重复授星。': '{0} already has stars awarded for {1}; they cannot be awarded twice.',
    '摘星必须填写原因。': 'Withdrawing a star needs a reason.',
    '这一户目前没有这颗星，无需摘星。': 'This household does not hold this star; nothing to withdraw.',
    '记录 #{0} 不是一票否决扣分，不能据此摘星。': 'Entry #{0} is not a veto deduction; no star can be withdrawn for it.',
    '记录 #{0} 尚未生效，生效后才能据此摘星。': 'Entry #{0} is not effective yet; withdraw the star after it takes effect.',
    '记录 #{0} 已被冲正，不能据此摘星。': 'Entry #{0} was reversed; no star can be withdrawn for it.',
    '评星条件中有无法识别的项：{0}。': 'The star criteria contain unknown items: {0}.',
    '评星条件的类别必须是类别代码列表，例如 ["hygiene"]。': 'The criteria categories must be a list of category codes, e.g. ["hygiene"].',
    '评星条件的最低积分必须是整数。': 'The minimum points of the criteria must be a whole number.',
    '星级“{0}”的评星条件不是有效的 JSON。': 'The criteria of star "{0}" are not valid JSON.',
    '星级名称不能为空，且不超过 30 个字。': 'The star name cannot be empty and has at most 30 characters.',
    '颜色“{0}”无效，请写成 #RRGGBB，例如 #d4262c。': 'Colour "{0}" is invalid; write #RRGGBB, e.g. #d4262c.',
    '本村已有名为“{0}”的星级。': 'This village already has a star named "{0}".',
    '本村没有这些积分类别：{0}。可用的类别代码：{1}。': 'This village has no such categories: {0}. Category codes: {1}.',
    '无': 'none',
    '星级代码只能用字母、数字、下划线或短横线，最多 20 个字符。':
        'A star code uses only letters, digits, underscores or hyphens, at most 20 characters.',
    '本村已有代码为“{0}”的星级。': 'This village already has a star with code "{0}".',
    '找不到这个星级。': 'Star not found.',
    '本村没有这些星级：{0}。': 'This village has no such stars: {0}.',
    '星级方案里没有星级（需要 {"stars": [...]}）。': 'The star scheme has no stars (needs {"stars": [...]}).',
    '星级方案里有重复的星级代码。': 'The star scheme repeats a star code.',
    '星级方案里有重复的星级名称。': 'The star scheme repeats a star name.',
    '星级代码“{0}”无效。': 'Star code "{0}" is invalid.',
    # --- services: roster import
    '{0} 户（{1}）': 'household {0} ({1})',
    '户主未填': 'no head given',
    '（将新建此村）': ' (new village will be created)',
    '（已新建此村）': ' (new village created)',
    '{0}{9}：花名册共 {1} 户 {2} 人；将新增 {3} 户、更新 {4} 户、{5} 户无变化；成员将新增 {6} 人、更新 {7} 人、删除 {8} 人。':
        '{0}{9}: the roster has {1} households, {2} people. Households: {3} to add, {4} to update, {5} unchanged; '
        'members: {6} to add, {7} to update, {8} to remove.',
    '{0}{9}：花名册共 {1} 户 {2} 人；已新增 {3} 户、更新 {4} 户、{5} 户无变化；成员已新增 {6} 人、更新 {7} 人、删除 {8} 人。':
        '{0}{9}: the roster has {1} households, {2} people. Households: {3} added, {4} updated, {5} unchanged; '
        'members: {6} added, {7} updated, {8} removed.',
    '身份证号码 {0} 已是{1}户号 {2} 的户主，不能登记到户号 {3}':
        'ID number {0} is already the head of household {2} in {1} and cannot be registered in household {3}',
    '找不到表头行（应有“户号”“姓名”“身份证号码”等列名）':
        'No header row found (it should have columns such as “户号”, “姓名”, “身份证号码”)',
    '表头缺少必需的列：{0}': 'The header lacks required columns: {0}',
    '缺少户号': 'Household number missing',
    '户号 {0} 的组别前后不一致（{1}／{2}）': 'Household {0} has different groups ({1} / {2})',
    '户号 {0} 的户主姓名前后不一致（{1}／{2}）': 'Household {0} has different heads ({1} / {2})',
    '缺少姓名': 'Name missing',
    '{0}的{1}（{2}）': '{0}: {1} ({2})',
    '身份证号码 {0} 与第 {1} 行重复': 'ID number {0} repeats row {1}',
    '电话号码是隐去了中间位的，请填完整号码': 'The phone number has masked digits; please give the full number',
    '手机号码应为11位，实际为{0}位': 'A mobile number has 11 digits, this one has {0}',
    '电话号码“{0}”格式不对': 'The phone number "{0}" is not valid',
    # --- services.donations and printing.donations (爱心捐赠公示, 捐赠收据)
    '村 #{0} 不存在。': 'Village #{0} does not exist.',
    '请选择要打印收据的捐赠入库记录。': 'Choose the donated stock-ins to print receipts for.',
    '库存记录 #{0} 不是爱心捐赠入库，不能开捐赠收据。':
        'Stock record #{0} is not a donation stock-in; no donation receipt can be made for it.',
    '捐赠人（单位）': 'Donor',
    '捐赠物品': 'Goods donated',
    '折合积分': 'Points value',
    '正在读取爱心捐赠记录…': 'Reading the donations…',
    '{0}{1}爱心捐赠公示': '{0} Donations {1}',
    '共 {0} 笔捐赠，折合 {1} 积分\u3000\u3000打印日期：{2}': '{0} donations worth {1} points\u3000\u3000Printed: {2}',
    '本期没有爱心捐赠记录。': 'No donations were recorded in this period.',
    '{0}以下单位和个人向积分超市爱心捐赠物品，现予公示。捐赠物品全部用于村民积分兑换。折合积分按商品现行兑换价计算（按现价折合积分）。':
        '{0}: the businesses and people below donated goods to the points shop; this list makes them public. '
        'All donated goods go to villagers redeeming their points. Points values are at the current price of '
        'each product.',
    "<font color='#c8102e'>■</font> 按捐赠人合计": "<font color='#c8102e'>■</font> Totals by donor",
    '笔数': 'Donations',
    '合计（{0} 位捐赠人）': 'Total ({0} donors)',
    '衷心感谢以上爱心单位和人士对本村积分制管理和乡风文明建设的关心与支持！':
        'Our heartfelt thanks to every donor above for supporting the points system and a civil village life!',
    '如对公示内容有疑问，请向村委会办公室反映。': 'Questions about this list: please ask the village committee office.',
    '{0}<br/>{1}': '{0}<br/>{1}',
    '爱心捐赠收据': 'Donation Receipt',
    '{0}积分超市': '{0} Points Shop',
    '收据编号：{0}': 'Receipt no.: {0}',
    '兹收到 <u>{0}</u> 向{1}积分超市爱心捐赠以下物品：':
        'Received from <u>{0}</u>, as a donation to the {1} points shop, the following goods:',
    '折合积分按商品现行兑换价计算（按现价折合积分，{0} 积分/{1}）。':
        'The points value is at the current price of the product ({0} points per {1}).',
    '捐赠物品将全部用于村民积分兑换。衷心感谢您对乡风文明建设的关心与支持！':
        'All donated goods go to villagers redeeming their points. Thank you for supporting a civil village '
        'life!',
    '捐赠日期：{0}': 'Donated on: {0}',
    '经手人：{0}': 'Received by: {0}',
    '（盖章）': '(seal)',
    # --- issue 22: the outside world's faults (db.connection), the door for text, limits, roster bounds
    '数据库操作失败，本次操作没有保存。请稍后重试；如果一再出现，请联系技术支持（详细信息已写入日志）。':
        'The database operation failed and nothing was saved. Please try again later; if it keeps happening, '
        'contact support (details are in the log).',
    '磁盘已满或无法写入（可用空间不足，或磁盘出错），本次操作没有保存，数据库保持原样。请清理磁盘、至少留出几百 MB 空间后重试；如果仍然出现，请检查硬盘。':
        'The disk is full or cannot be written (too little free space, or a disk error); nothing was saved and the '
        'database is unchanged. Free some space (a few hundred MB at least) and try again; if it happens again, '
        'have the disk checked.',
    '数据库所在的文件夹是只读的，本次操作没有保存。请检查文件权限。':
        "The database's folder is read-only; nothing was saved. Please check the file permissions.",
    '数据库正被另一台电脑或程序占用，本次操作没有保存。请稍等片刻后重试。':
        'The database is busy with another computer or program; nothing was saved. Please wait a moment and try '
        'again.',
    '搜索内容太长或太复杂，请缩短后再搜索。': 'The search is too long or too complex; please shorten it.',
    '另一台电脑刚刚保存了相同的内容（编号或名称重复），本次操作没有保存。请刷新后查看，需要时再重试。':
        'Another computer has just saved the same thing (a number or name already taken); nothing was saved. '
        'Refresh to see it, and try again if needed.',
    '要保存的内容与已有数据冲突（可能刚被另一台电脑修改或删除），本次操作没有保存。请刷新后重试。':
        'What you are saving conflicts with existing data (perhaps just changed or deleted on another computer); '
        'nothing was saved. Refresh and try again.',
    '填写的数值太大或文字太长，数据库无法保存，本次操作没有保存。请检查后重新输入。':
        'A number is too large or a text too long for the database; nothing was saved. Please check and enter it '
        'again.',
    '与数据库服务器的连接已断开，本次操作没有保存。请检查网络后重试。':
        'The connection to the database server was lost; nothing was saved. Please check the network and try again.',
    '{0}必须在 {1} 到 {2} 之间（收到 {3}）。': '{0} must be between {1} and {2} (got {3}).',
    '{0}必须是整数（收到“{1}”）。': '{0} must be a whole number (got "{1}").',
    '搜索内容太长（{0} 个字，最多 {1} 个），请缩短后再搜索。':
        'The search is too long ({0} characters, at most {1}); please shorten it.',
    '与户主关系': 'Relation to head',
    '家庭住址': 'Address',
    '一户最多 {0} 人，这一户有 {1} 人': 'A household has at most {0} people; this one has {1}',
    '另一台电脑正在导入花名册，本次导入没有写入任何内容。请等它完成后再导入（已导入的户不会重复添加）。':
        'Another station is importing a roster; this import wrote nothing. Import again when it has finished '
        '(households already imported are not added twice).',
    '“{0}”不是有效的 Excel 文件（.xlsx）：可能已损坏，或只是把扩展名改成了 .xlsx。请在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）后再导入。':
        '"{0}" is not a valid Excel file (.xlsx): it may be damaged, or only renamed to .xlsx. Open it in Excel or '
        'WPS, "Save as" an Excel workbook (.xlsx) and import that.',
    '“{0}”不能导入：{1}。正常的花名册（最多 {2} 人）远小于此；文件可能已损坏。请在 Excel 或 WPS 中打开后“另存为”，或分成几个文件再导入。':
        '"{0}" cannot be imported: {1}. A real roster (at most {2} people) is far smaller; the file may be damaged. '
        'Open it in Excel or WPS and "Save as", or split it into several files.',
    '“{0}”有 {1} 行，超过花名册的上限 {2} 人。请按村或按组分成几个文件再导入。':
        '"{0}" has {1} rows, more than the roster limit of {2} people. Split it by village or group and import '
        'the files one by one.',
    '文件“{0}”有 {1}，超过花名册的上限 {2}（约 {3} 人）。请按村或按组分成几个文件再导入。':
        'The file "{0}" is {1}, more than the roster limit of {2} (about {3} people). Split it by village or group '
        'and import the files one by one.',
    '文件内部的部件太多（{0} 个）': 'it holds too many parts ({0})',
    '解压后共 {0}，上限 {1}': 'it unpacks to {0}, the limit is {1}',
    '文字表解压后有 {0}，上限 {1}': 'its table of texts unpacks to {0}, the limit is {1}',
    '工作表解压后有 {0}，上限 {1}': 'a sheet unpacks to {0}, the limit is {1}',
    '“{0}”列{1}': 'column "{0}": {1}',
    'CSV 文件第 {0} 行无法读取（格式不对，或含有不能识别的字符）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。':
        'Line {0} of the CSV file cannot be read (wrong format, or characters that cannot be recognised). Open it '
        'in Excel or WPS, save it as .xlsx and import that.',
    '超过 {0:,}': 'more than {0:,}',
    '户号 {0} 有 {1} 人，一户最多 {2} 人': 'household {0} has {1} people; a household has at most {2}',
    '以“{0}”开头，像是表格公式而不是名称，请改正': 'starts with "{0}", like a spreadsheet formula rather than a name; '
                                         'please correct it',
    '太长了（{0} 个字，最多 {1} 个）': 'is too long ({0} characters, at most {1})',
    '含有控制字符（U+{0:04X}），请删除后重新输入': 'contains a control character (U+{0:04X}); please remove it',
    '含有看不见的格式字符（U+{0:04X}，如零宽空格或文字方向控制符），请删除后重新输入':
        'contains an invisible formatting character (U+{0:04X}, such as a zero-width space or a text direction '
        'mark); please remove it',
    '含有表情符号或图形符号“{0}”，姓名和名称里不能有，请改正':
        'contains the emoji or symbol "{0}", which names may not hold; please correct it',
    '村名': 'Village name',
    '村代码': 'Village code',
    '每条记录的积分': 'Points of one entry',
    '细则名称': 'Rule title',
    '分值': 'Points',
    '类别名称': 'Category name',
    '年度上限': 'Yearly cap',
    '商品条码/编号': 'Barcode/SKU',
    '商品名称': 'Product name',
    '商品类别': 'Product category',
    '兑换所需积分': 'Price in points',
    '库存预警数量': 'Low-stock level',
    '保质期天数': 'Shelf life in days',
    '商品“{0}”的数量': 'Quantity of "{0}"',
    '一次出入库的数量': 'Quantity of one stock move',
    '姓名一格是公式（{0}），不是姓名：请改成文字后再导入': 'the name cell holds a formula ({0}), not a name: type the name '
                                              'as text and import again',
    '数据库文件 {0} 正被另一个程序打开（例如杀毒软件、另一个本程序窗口或另一台电脑），无法替换，现在的数据库没有改变。请关闭其他程序后再恢复。':
        'The database file {0} is open in another program (an antivirus, another window of this program or another '
        'computer), so it cannot be replaced; the current database is unchanged. Close the other program and '
        'restore again.',
    '捐赠人': 'Donor',
    '调整数量': 'Adjustment',
    '实盘数量': 'Counted quantity',
    '“{0}”的库存最多 {1}，现有 {2}，不能再增加 {3}。': 'Stock of "{0}" may be at most {1}; it is {2}, so {3} more '
                                             'cannot be added.',
    # services.cards: a reason recorded with a reissue, and revoking a village's cards (missing on main before)
    '重新打印新卡': 'New card printed',
    '作废全村积分卡必须填写原因。': "Revoking all of a village's cards needs a reason.",
    # --- the ledger's fingerprint (services.scoring.fingerprint, printing; issue 21)
    '账本指纹：{0}（共 {1} 条）': 'Ledger fingerprint: {0} ({1} rows)',
    '　本户的记录都在这个指纹所覆盖的账本中；用“pointsapp check --fingerprint 指纹”可核对打印之后账本只有追加、没有改动。':
        ' This household\'s rows are part of the ledger this fingerprint covers; "pointsapp check --fingerprint '
        'CODE" proves the ledger was only appended to after this was printed.',
    '账本指纹“{0}”的格式不对：应为 12 个字母或数字，如 ABCD-EFGH-JK23。':
        'The ledger fingerprint "{0}" is not well formed: it has 12 letters or digits, such as ABCD-EFGH-JK23.',
    '账本在该指纹之后只有追加（指纹时共 {0} 条，现在共 {1} 条）。':
        'The ledger was only appended to after this fingerprint ({0} rows then, {1} rows now).',
    '注意：这个指纹不在本系统的已发布指纹表中（表中的记录可能被删除），但今天账本的前 {0} 条记录与它相符。':
        'Note: this fingerprint is not in the table of published fingerprints (its record may have been deleted), '
        'but the first {0} rows of today\'s ledger match it.',
    '账本指纹 {0} 不在已发布指纹表中，今天账本的任何前段（共 {1} 条）也都与它不符：或者指纹抄错了，或者这份账本不是打印它时的账本，或者之前的记录被改动、删除或插入过。':
        'The ledger fingerprint {0} is not in the table of published fingerprints, and no leading part of today\'s '
        'ledger ({1} rows) matches it: either the code was copied wrongly, or this is not the ledger it was '
        'printed from, or earlier rows were changed, deleted or inserted.',
    '该指纹 {0} 发布于 {1}，由 {2} 打印：{3}。': 'The fingerprint {0} was published on {1} by {2}: {3}.',
    '账本指纹 {0}（{1} 由 {2} 打印：{3}）与今天的账本不符。':
        'The ledger fingerprint {0} (printed on {1} by {2}: {3}) does not match today\'s ledger.',
    '已发布指纹表中这一条的子树记录不完整，无法指出是哪些记录。':
        'The record of this fingerprint in the published table is incomplete: the rows that changed cannot be named.',
    '今天的记录编号 #{0} 至 #{1}': "today's row ids #{0} to #{1}",
    '今天的账本已没有这么多条': "today's ledger no longer has that many rows",
    '第一个不符的范围：指纹时的第 {0} 至 {1} 条记录（{2}）：其中有记录被改动、删除或插入过。':
        'First range that differs: rows {0} to {1} at the time of the fingerprint ({2}): a row among them was '
        'changed, deleted or inserted.',
    '各段子树相符，但已发布指纹表中的这一条本身不一致（指纹、根与子树不对应）。':
        'Every subtree matches, but the published record itself is inconsistent (its code, root and subtrees '
        'disagree).',
    '今天的账本只有 {0} 条，少于指纹时的 {1} 条：有记录被删除。':
        'Today\'s ledger has only {0} rows, fewer than the {1} at the time of the fingerprint: rows were deleted.',
}


# The same Chinese in a narrow place: the English of these sources differs by context.
BY_CONTEXT = {
    ("printing.cards", "户号"): "No.",
    ("printing.statement", "户号"): "No.",
    ("printing.receipt", "{0}{1}"): "{0} {1}",  # quantity and unit
    ("services.reports", "报表"): "Report",  # a sheet name (the screens' 报表 is "Reports")
    ("services.shop_export", "兑换积分"): "Points redeemed",
    ("services.households", "村民小组"): "Group",  # field labels in messages (the screens' 村民小组 is "Groups")
    ("services.villages", "村民小组"): "Group",
    ("services.households", "网格"): "Grid",
    ("services.villages", "网格"): "Grid",
    ("services.households", "姓名"): "name",
    ("services.households", "户号"): "Household number",
    ("services.households", "备注"): "Note",
}
