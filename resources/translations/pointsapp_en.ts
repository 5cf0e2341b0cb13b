<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditTab</name>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>从：</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>到：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} in total</translation>
    </message>
    <message>
        <source>操作日志_{0}.xlsx</source>
        <translation>audit_log_{0}.xlsx</translation>
    </message>
    <message>
        <source>导出操作日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>已自动备份（{0}）</source>
        <translation>Backed up automatically ({0})</translation>
    </message>
    <message>
        <source>自动备份没有完成：{0}</source>
        <translation>Automatic backup did not finish: {0}</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <source>正在自动备份…</source>
        <translation>Backing up automatically…</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>更改文件夹…</source>
        <translation>Change folder…</translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>用所选备份恢复…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <source>从其他备份文件恢复…</source>
        <translation>Restore from another backup file…</translation>
    </message>
    <message>
        <source>程序每次启动时和每天自动备份，保留最近 7 天、4 周、12 个月各一份。备份文件夹可以设在 U 盘或共享文件夹上。恢复前会先检查备份是否完好，原数据库另存一份。</source>
        <translation>The program backs up at every start and daily, keeping one copy for each of the last 7 days, 4 weeks and 12 months. The backup folder may be on a USB drive or a shared folder. Before restoring, the backup is checked and the current database is saved aside.</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose backup folder</translation>
    </message>
    <message>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>请先在列表里选一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose backup file</translation>
    </message>
    <message>
        <source>数据库备份 (*.db *.dump);;所有文件 (*)</source>
        <translation>Database backups (*.db *.dump);;All files (*)</translation>
    </message>
    <message>
        <source>用备份 {0} 替换当前数据库？此后的所有修改都会回到备份时的样子。当前数据库会另存一份，程序恢复后将关闭，请重新打开。</source>
        <translation>Replace the current database with backup {0}? All later changes will be undone. The current database is saved aside; the program closes after restoring, please reopen it.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>原数据库已另存为 {0}。</source>
        <translation>The old database was saved as {0}.</translation>
    </message>
    <message>
        <source>已从备份恢复。{0}程序将关闭，请重新打开。</source>
        <translation>Restored from backup. {0}The program will close; please reopen it.</translation>
    </message>
</context>
<context>
    <name>BatchDecisionDialog</name>
    <message>
        <source>#{0} {1}（{2} 条，{3:+d} 分）</source>
        <translation>#{0} {1} ({2} entries, {3:+d} points)</translation>
    </message>
    <message>
        <source>评议会审议批次</source>
        <translation>Batch decided at a meeting</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>评议会：</source>
        <translation>Meeting:</translation>
    </message>
    <message>
        <source>批次：</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <source>没有待审核的批次。</source>
        <translation>No batch is waiting for review.</translation>
    </message>
</context>
<context>
    <name>BatchGrid</name>
    <message>
        <source>保存检查表 (Ctrl+S)</source>
        <translation>Save sheet (Ctrl+S)</translation>
    </message>
    <message>
        <source>打印空白检查表…</source>
        <translation>Print blank sheet…</translation>
    </message>
    <message>
        <source>打印这个小组本月的空白检查表，带到各户逐项打勾，回来再按表录入</source>
        <translation>Print this group's blank sheet for the month: tick it at each household, then type it in here</translation>
    </message>
    <message>
        <source>村民小组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>按 1 或 Y 打勾、0 或 N 不打勾，空格切换，回车换下一户</source>
        <translation>1 or Y ticks, 0 or N clears, Space toggles, Enter goes to the next household</translation>
    </message>
    <message>
        <source>下载录入表…</source>
        <translation>Download entry sheet…</translation>
    </message>
    <message>
        <source>从表格导入…</source>
        <translation>Import from sheet…</translation>
    </message>
    <message>
        <source>{0}_{1}_空白检查表.pdf</source>
        <translation>{0}_{1}_blank_inspection_sheet.pdf</translation>
    </message>
    <message>
        <source>打印空白检查表</source>
        <translation>Print blank inspection sheet</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>空白检查表（{0} 户）已保存到 {1}</source>
        <translation>Blank sheet ({0} households) saved to {1}</translation>
    </message>
    <message>
        <source>正在生成检查表…</source>
        <translation>Making the sheet…</translation>
    </message>
    <message>
        <source>共 {0} 户；本次勾选 {1} 户 {2} 项，合计 {3} 分</source>
        <translation>{0} households; ticked {1} households, {2} items, {3} points in total</translation>
    </message>
    <message>
        <source>这张检查表上还没有勾选任何项目。</source>
        <translation>Nothing is ticked on this sheet yet.</translation>
    </message>
    <message>
        <source>保存{0}{1}的检查结果：{2} 户 {3} 项，合计 {4} 分？
保存后不能修改，只能冲正。</source>
        <translation>Save the inspection of {0}{1}: {2} households, {3} items, {4} points in total?
Saved results cannot be edited, only reversed.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>已保存检查批次 #{0}：{1} 条记录，合计 {2} 分。</source>
        <translation>Saved inspection batch #{0}: {1} entries, {2} points in total.</translation>
    </message>
</context>
<context>
    <name>BatchGridModel</name>
    <message>
        <source>小计</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>已记</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>本月已经记过这一项</source>
        <translation>Already recorded this month</translation>
    </message>
</context>
<context>
    <name>CardReissueDialog</name>
    <message>
        <source>卡片遗失</source>
        <translation>Card lost</translation>
    </message>
    <message>
        <source>卡片损坏</source>
        <translation>Card damaged</translation>
    </message>
    <message>
        <source>户主变更</source>
        <translation>Head of household changed</translation>
    </message>
    <message>
        <source>补卡</source>
        <translation>Reissue card</translation>
    </message>
    <message>
        <source>如 01001</source>
        <translation>e.g. 01001</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>补卡原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>补卡后旧卡立即作废，在积分超市刷旧卡会被拒绝。</source>
        <translation>After reissuing, the old card is void at once and is refused at the points shop.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写户号。</source>
        <translation>Enter the household number.</translation>
    </message>
    <message>
        <source>请填写补卡原因。</source>
        <translation>Enter the reason for reissuing.</translation>
    </message>
    <message>
        <source>为户号 {0} 补发新卡？旧卡将立即作废。</source>
        <translation>Reissue a card for household {0}? The old card becomes void at once.</translation>
    </message>
    <message>
        <source>正在补卡…</source>
        <translation>Reissuing card…</translation>
    </message>
    <message>
        <source>已为 {0}（户号 {1}）补发第 {2} 号卡，旧卡已作废。请打印新卡交给村民。</source>
        <translation>Issued card no. {2} to {0} (household {1}); the old card is void. Print the new card for the villager.</translation>
    </message>
    <message>
        <source>打印新卡</source>
        <translation>Print new card</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CashierPayment</name>
    <message>
        <source>现金补差</source>
        <translation>Cash top-up</translation>
    </message>
    <message>
        <source>商品合计 {0} 分，可用积分 {1} 分。
本次使用积分（其余按每分 {2} 元收现金）：</source>
        <translation>Basket total {0} points, available {1} points.
Points to use now (the rest in cash at {2} yuan a point):</translation>
    </message>
    <message>
        <source>积分 {0} 分 + 现金 {1} 元</source>
        <translation>{0} points + {1} yuan cash</translation>
    </message>
    <message>
        <source>（F9 现金补差 {0} 元）</source>
        <translation> (F9: top up {0} yuan in cash)</translation>
    </message>
    <message>
        <source>请先扫积分卡和商品，再按 F9 现金补差。</source>
        <translation>Scan the points card and the goods first, then press F9 to take cash.</translation>
    </message>
    <message>
        <source>本村积分超市不收现金：差价不能用现金补足。</source>
        <translation>This village's points supermarket takes no cash: the difference cannot be paid in cash.</translation>
    </message>
    <message>
        <source>这户没有可用积分：积分超市的兑换至少要用 1 分。</source>
        <translation>This household has no available points: a redemption must use at least 1 point.</translation>
    </message>
</context>
<context>
    <name>CashierWidget</name>
    <message>
        <source>扫积分卡或商品条码；空着按回车 = 确认兑换</source>
        <translation>Scan a card or barcode; Enter on an empty field confirms</translation>
    </message>
    <message>
        <source>查找户 (F2)</source>
        <translation>Find household (F2)</translation>
    </message>
    <message>
        <source>确认兑换 (F12)</source>
        <translation>Confirm redemption (F12)</translation>
    </message>
    <message>
        <source>清空 (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <source>打印小票</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>58 毫米</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>80 毫米</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>请扫描村民的积分卡。</source>
        <translation>Please scan the villager's points card.</translation>
    </message>
    <message>
        <source>合计：{0} 分（{1} 件）</source>
        <translation>Total: {0} pts, items: {1}</translation>
    </message>
    <message>
        <source>兑换后剩余 {0} 分</source>
        <translation>{0} pts left after redemption</translation>
    </message>
    <message>
        <source>还差 {0} 分</source>
        <translation>{0} pts short</translation>
    </message>
    <message>
        <source>正在兑换上一笔，请稍后重新扫描。</source>
        <translation>The previous redemption is still running; scan again shortly.</translation>
    </message>
    <message>
        <source>购物篮里还有 {0} 件商品没有兑换（{1}户）。
放弃它，开始为 {2}户 兑换吗？</source>
        <translation>The basket still holds {0} items not redeemed (household {1}).
Discard it and start for household {2}?</translation>
    </message>
    <message>
        <source>开始新的兑换</source>
        <translation>Start a new redemption</translation>
    </message>
    <message>
        <source>{0}户：请扫描商品条码，扫完后按回车确认。</source>
        <translation>Household {0}: scan product barcodes, then press Enter to confirm.</translation>
    </message>
    <message>
        <source>请先扫描村民积分卡（或按 F2 查找户），再扫商品。</source>
        <translation>Scan a points card first (or press F2 to find a household), then the goods.</translation>
    </message>
    <message>
        <source>“{0}”已下架，不能兑换。</source>
        <translation>"{0}" is withdrawn and cannot be redeemed.</translation>
    </message>
    <message>
        <source>“{0}”库存不足：只剩 {1}{2}。</source>
        <translation>Not enough "{0}" in stock: only {1}{2} left.</translation>
    </message>
    <message>
        <source>已加入：{0}（{1} 分）。继续扫描，或按回车确认。</source>
        <translation>Added: {0} ({1} pts). Keep scanning, or press Enter to confirm.</translation>
    </message>
    <message>
        <source>清空购物篮？</source>
        <translation>Clear the basket?</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>已清空。请扫描下一位村民的积分卡。</source>
        <translation>Cleared. Scan the next villager's points card.</translation>
    </message>
    <message>
        <source>一分钟没有操作，本次兑换已取消。请扫描村民的积分卡。</source>
        <translation>Nothing happened for a minute: this sale was cancelled. Scan a villager's points card.</translation>
    </message>
    <message>
        <source>{0}。收好现金后按回车确认。</source>
        <translation>{0}. Take the cash, then press Enter to confirm.</translation>
    </message>
    <message>
        <source>请先扫描村民积分卡（或按 F2 查找户），再确认兑换。</source>
        <translation>Scan a points card first (or press F2 to find a household), then confirm.</translation>
    </message>
    <message>
        <source>购物篮是空的：请扫描商品条码。</source>
        <translation>The basket is empty: scan a product barcode.</translation>
    </message>
    <message>
        <source>正在兑换…</source>
        <translation>Redeeming…</translation>
    </message>
    <message>
        <source>，收现金 {0} 元</source>
        <translation>, {0} yuan cash taken</translation>
    </message>
    <message>
        <source>{0}户兑换成功：{1} 分{3}，剩余 {2} 分。请扫描下一位村民的积分卡。</source>
        <translation>Redeemed for {0}: {1} points{3}, {2} points left. Scan the next villager's card.</translation>
    </message>
    <message>
        <source>兑换没有完成（程序内部错误），积分和库存都没有变化。</source>
        <translation>The redemption did not complete (internal error); points and stock are unchanged.</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>新增类别</source>
        <translation>New category</translation>
    </message>
    <message>
        <source>如：平安建设</source>
        <translation>e.g. Public safety</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>代码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>类别是排行榜上的一列，新增后不能删除。代码用于导出和命令行，只能用字母、数字和下划线。</source>
        <translation>A category is a column of the ranking and cannot be deleted once added. The code is used in exports and on the command line: letters, digits and underscores only.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>出具积分证明</source>
        <translation>Issue points certificate</translation>
    </message>
    <message>
        <source>户主同意出具</source>
        <translation>Head of household consents</translation>
    </message>
    <message>
        <source>出具星级</source>
        <translation>Show stars</translation>
    </message>
    <message>
        <source>出具黑榜记录</source>
        <translation>Show black-board entries</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> years</translation>
    </message>
    <message>
        <source>列出最近</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>证明上只写户主同意出具的内容，身份证号隐去中间位。二维码由您的签名密钥签名，银行用本村公钥即可验证。出具会记入操作日志。</source>
        <translation>The certificate shows only what the head of household consents to, with ID numbers masked. Its QR code is signed with your key; a bank verifies it with the village's public key. Issuing is logged.</translation>
    </message>
    <message>
        <source>出具并保存 PDF…</source>
        <translation>Issue and save PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>积分证明_{0}.pdf</source>
        <translation>points_certificate_{0}.pdf</translation>
    </message>
    <message>
        <source>保存积分证明</source>
        <translation>Save points certificate</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已出具积分证明 {0}，PDF 已保存。</source>
        <translation>Points certificate {0} issued and its PDF saved.</translation>
    </message>
</context>
<context>
    <name>CheckedImportDialog</name>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>文件(&amp;F)：</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>先“检查”：只读取文件并列出问题，不写入任何数据。</source>
        <translation>"Check" first: it only reads the file and lists problems, writing nothing.</translation>
    </message>
    <message>
        <source>检查(&amp;C)</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>检查通过。</source>
        <translation>Check passed.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导入未完成，发现 {0} 处问题，没有写入任何数据。</source>
        <translation>Import not done: {0} problems found, nothing was written.</translation>
    </message>
    <message>
        <source>导入完成。</source>
        <translation>Import complete.</translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message>
        <source>本村申报先由组长核实，再提交评议会</source>
        <translation>Claims in this village are checked by the group head before the meeting</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>做了什么，如：照顾邻居孤寡老人一个月</source>
        <translation>What was done, e.g. cared for an elderly neighbour for a month</translation>
    </message>
    <message>
        <source>来申报的村民（默认户主）</source>
        <translation>The villager claiming (default: the head)</translation>
    </message>
    <message>
        <source>登记申报</source>
        <translation>Record claim</translation>
    </message>
    <message>
        <source>全部申报</source>
        <translation>All claims</translation>
    </message>
    <message>
        <source>组长核实…</source>
        <translation>Group head's check…</translation>
    </message>
    <message>
        <source>评议结果…</source>
        <translation>Meeting's decision…</translation>
    </message>
    <message>
        <source>查看证据</source>
        <translation>Show evidence</translation>
    </message>
    <message>
        <source>户号：</source>
        <translation>Household no.:</translation>
    </message>
    <message>
        <source>家庭成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>申报细则：</source>
        <translation>Rule claimed:</translation>
    </message>
    <message>
        <source>事迹日期：</source>
        <translation>Date of the deed:</translation>
    </message>
    <message>
        <source>事迹：</source>
        <translation>Deed:</translation>
    </message>
    <message>
        <source>申报人：</source>
        <translation>Claimant:</translation>
    </message>
    <message>
        <source>证据：</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <source>（全户）</source>
        <translation>(whole household)</translation>
    </message>
    <message>
        <source>请选择申报的细则。</source>
        <translation>Choose the rule claimed.</translation>
    </message>
    <message>
        <source>已登记申报 #{0}：{1} {2}（{3}）</source>
        <translation>Claim #{0} recorded: {1} {2} ({3})</translation>
    </message>
    <message>
        <source>申报 #{0} 没有证据照片。</source>
        <translation>Claim #{0} has no evidence photos.</translation>
    </message>
    <message>
        <source>这些证据照片在本机找不到或已被改动：{0}</source>
        <translation>These evidence photos are missing on this PC or were changed: {0}</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>列对应</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>表头在第几行：</source>
        <translation>Header row:</translation>
    </message>
    <message>
        <source>{0}{1}：</source>
        <translation>{0}{1}:</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation>(required)</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>导入程序没能认全表头。请选出每一项在花名册的哪一列；没有的项选“（无）”。</source>
        <translation>The import could not recognise every header. Choose the roster column for each item; pick "(none)" if it is missing.</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>第 {0} 列：{1}</source>
        <translation>Column {0}: {1}</translation>
    </message>
    <message>
        <source>请选出这几项所在的列：{0}</source>
        <translation>Choose the columns for: {0}</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>数据库连接设置</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <source>本机数据库文件（一台电脑使用，无需设置）</source>
        <translation>Database file on this PC (one computer, no setup needed)</translation>
    </message>
    <message>
        <source>PostgreSQL 服务器（村委会和超市多台电脑共用）</source>
        <translation>PostgreSQL server (shared by the committee's and the shop's computers)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>本机文件</source>
        <translation>Local file</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>地址：</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>数据库名：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>提示：本机没有系统密码库，密码将保存在仅本用户可读的设置文件中。</source>
        <translation>Note: this PC has no system keyring; the password is stored in a settings file only this user can read.</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose database file</translation>
    </message>
    <message>
        <source>数据库文件 (*.db)</source>
        <translation>Database files (*.db)</translation>
    </message>
    <message>
        <source>连接成功：{0}</source>
        <translation>Connected: {0}</translation>
    </message>
</context>
<context>
    <name>DailyCloseTab</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出日结…</source>
        <translation>Export daily summary…</translation>
    </message>
    <message>
        <source>导出本月各户兑换…</source>
        <translation>Export this month by household…</translation>
    </message>
    <message>
        <source>作废选中的兑换…</source>
        <translation>Void selected redemption…</translation>
    </message>
    <message>
        <source>点钞…</source>
        <translation>Count cash…</translation>
    </message>
    <message>
        <source>与积分账本核对一致</source>
        <translation>Matches the points ledger</translation>
    </message>
    <message>
        <source>与积分账本不一致（账本 {0} 分），请联系管理员</source>
        <translation>Does not match the points ledger (ledger {0} pts); contact the administrator</translation>
    </message>
    <message>
        <source>兑换 {0} 笔，{1} 分；作废 {2} 笔，退回 {3} 分；净兑换 &lt;b&gt;{4}&lt;/b&gt; 分。{5}</source>
        <translation>{0} redemptions, {1} pts; {2} voided, {3} pts returned; net &lt;b&gt;{4}&lt;/b&gt; pts. {5}</translation>
    </message>
    <message>
        <source>现金：收 {0} 元，作废退还 {1} 元，钱箱应有 &lt;b&gt;{2}&lt;/b&gt; 元。</source>
        <translation>Cash: taken {0} yuan, given back by voids {1} yuan, the drawer should hold &lt;b&gt;{2}&lt;/b&gt; yuan.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c8102e&apos;&gt;未点钞：{0}。&lt;/span&gt;</source>
        <translation>&lt;span style='color:#c8102e'&gt;Cash not counted: {0}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c8102e&apos;&gt;点钞与应收不符：{0}（见收银员汇总的差额原因）。&lt;/span&gt;</source>
        <translation>&lt;span style='color:#c8102e'&gt;Cash count differs: {0} (see the reason in the cashier summary).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>请先在兑换明细中选择一笔兑换。</source>
        <translation>Select a redemption in the list first.</translation>
    </message>
    <message>
        <source>作废兑换</source>
        <translation>Void redemption</translation>
    </message>
    <message>
        <source>作废 {0}户 的兑换单 {1}（{2} 分）的原因：</source>
        <translation>Reason for voiding receipt {1} of household {0} ({2} pts):</translation>
    </message>
    <message>
        <source>作废后积分退回该户，现金 {0} 元退还村民，商品退回库存。确定作废？</source>
        <translation>Voiding returns the points to the household, {0} yuan cash to the villager and the goods to stock. Void it?</translation>
    </message>
    <message>
        <source>作废后积分退回该户，商品退回库存。确定作废？</source>
        <translation>Voiding returns the points to the household and the goods to stock. Void it?</translation>
    </message>
    <message>
        <source>导出日结</source>
        <translation>Export daily summary</translation>
    </message>
    <message>
        <source>积分超市日结-{0}.xlsx</source>
        <translation>shop_daily_{0}.xlsx</translation>
    </message>
    <message>
        <source>导出各户兑换</source>
        <translation>Export redemptions by household</translation>
    </message>
    <message>
        <source>各户兑换-{0}.xlsx</source>
        <translation>household_redemptions_{0}.xlsx</translation>
    </message>
    <message>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>报表…</source>
        <translation>Reports…</translation>
    </message>
    <message>
        <source>积分工作概况</source>
        <translation>Points overview</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>在册户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>本月加分</source>
        <translation>Points this month</translation>
    </message>
    <message>
        <source>本月参与率</source>
        <translation>Participation this month</translation>
    </message>
    <message>
        <source>星级文明户</source>
        <translation>Star households</translation>
    </message>
    <message>
        <source>本月超市兑换</source>
        <translation>Shop this month</translation>
    </message>
    <message>
        <source>库存预警</source>
        <translation>Stock warnings</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>户均积分</source>
        <translation>Avg. points</translation>
    </message>
    <message>
        <source>还有 {0} 种…</source>
        <translation>and {0} more…</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>{0}，{1} 个小组</source>
        <translation>{0}, {1} groups</translation>
    </message>
    <message>
        <source>扣分 {0}</source>
        <translation>deducted {0}</translation>
    </message>
    <message>
        <source>{0} 户有加分</source>
        <translation>{0} households awarded</translation>
    </message>
    <message>
        <source>{0}；另有 {1} 条未生效</source>
        <translation>{0}; {1} more entries not yet in effect</translation>
    </message>
    <message>
        <source>户持有星级</source>
        <translation>households with stars</translation>
    </message>
    <message>
        <source>共 {0} 积分</source>
        <translation>{0} points in total</translation>
    </message>
    <message>
        <source>种商品库存不足</source>
        <translation>products low on stock</translation>
    </message>
    <message>
        <source>近12个月各类别积分</source>
        <translation>Points by category, last 12 months</translation>
    </message>
    <message>
        <source>{0}（{1}月截至{2}日）</source>
        <translation>{0} (month {1}, up to day {2})</translation>
    </message>
    <message>
        <source>各星级持有户数</source>
        <translation>Households per star rating</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} {1} 条</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <source>本月还有积分在审核或公示中（{0}），生效后才计入参与率。</source>
        <translation>Entries of this month are still in review or on notice ({0}); they count towards participation once they take effect.</translation>
    </message>
    <message>
        <source>各小组参与率</source>
        <translation>Participation by group</translation>
    </message>
    <message>
        <source>各村参与率</source>
        <translation>Participation by village</translation>
    </message>
    <message>
        <source>参与率</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>户均积分前五的小组</source>
        <translation>Top five groups by average points</translation>
    </message>
    <message>
        <source>户均积分后五的小组</source>
        <translation>Bottom five groups by average points</translation>
    </message>
    <message>
        <source>查看库存</source>
        <translation>View stock</translation>
    </message>
    <message>
        <source>所有商品库存充足。</source>
        <translation>All products are well stocked.</translation>
    </message>
    <message>
        <source>保质期：已过期 {0} 批，临期 {1} 批</source>
        <translation>Shelf life: {0} lots expired, {1} lots near expiry</translation>
    </message>
    <message>
        <source>积分负债</source>
        <translation>Points owed</translation>
    </message>
    <message>
        <source>可用积分 {0} 分（折合 {1} 元），年底将清零 {2} 分；库存成本 {3} 元，其中捐赠 {4} 元</source>
        <translation>{0} points available (worth {1} yuan), {2} points to be cleared at year end; stock at cost {3} yuan, of which donated {4} yuan</translation>
    </message>
</context>
<context>
    <name>DecideClaimDialog</name>
    <message>
        <source>评议申报 #{0}</source>
        <translation>Decide claim #{0}</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>评议会：</source>
        <translation>Meeting:</translation>
    </message>
    <message>
        <source>请先在“评议会”页记录这次会议。</source>
        <translation>First record the meeting on the “Review meetings” tab.</translation>
    </message>
</context>
<context>
    <name>DrawerCountDialog</name>
    <message>
        <source>日结点钞</source>
        <translation>Cash count at the daily close</translation>
    </message>
    <message>
        <source>如 125.50</source>
        <translation>e.g. 125.50</translation>
    </message>
    <message>
        <source>与应收不符时必填，如：找零多找了五角</source>
        <translation>Required when it differs, e.g. gave 0.50 too much change</translation>
    </message>
    <message>
        <source>今天应收现金</source>
        <translation>Cash expected today</translation>
    </message>
    <message>
        <source>{0} 元</source>
        <translation>{0} yuan</translation>
    </message>
    <message>
        <source>钱箱实点（元）</source>
        <translation>Counted in the drawer (yuan)</translation>
    </message>
    <message>
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>差额原因</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <source>保存点钞</source>
        <translation>Save count</translation>
    </message>
    <message>
        <source>相符</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>请填入钱箱里实际点到的现金。</source>
        <translation>Enter the cash actually counted in the drawer.</translation>
    </message>
</context>
<context>
    <name>EntryImportDialog</name>
    <message>
        <source>导入积分录入表</source>
        <translation>Import entry sheet</translation>
    </message>
    <message>
        <source>填好的录入表（.xlsx）或明细（.csv）</source>
        <translation>A filled-in entry sheet (.xlsx) or list (.csv)</translation>
    </message>
    <message>
        <source>小组和月份：</source>
        <translation>Group and month:</translation>
    </message>
    <message>
        <source>选择录入表</source>
        <translation>Choose entry sheet</translation>
    </message>
    <message>
        <source>录入表 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Entry sheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>请先选择录入表文件。</source>
        <translation>Choose the entry sheet file first.</translation>
    </message>
    <message>
        <source>正在检查录入表…</source>
        <translation>Checking the entry sheet…</translation>
    </message>
    <message>
        <source>发现 {0} 处问题，改正录入表后再“检查”。没有写入任何数据。</source>
        <translation>{0} problem(s) found. Correct the sheet and "Check" again. Nothing was written.</translation>
    </message>
    <message>
        <source>导入 {0} 户 {1} 条积分记录，合计 {2} 分？
导入后不能修改，只能冲正。</source>
        <translation>Import {1} entries for {0} households, {2} points in all?
Once imported they cannot be edited, only reversed.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>单条录入</source>
        <translation>Single entry</translation>
    </message>
    <message>
        <source>月度检查</source>
        <translation>Monthly inspection</translation>
    </message>
    <message>
        <source>积分细则</source>
        <translation>Rules</translation>
    </message>
</context>
<context>
    <name>EventCheckIn</name>
    <message>
        <source>新建活动…</source>
        <translation>New event…</translation>
    </message>
    <message>
        <source>结束活动并记分</source>
        <translation>Close event and give points</translation>
    </message>
    <message>
        <source>保存签到表 PDF…</source>
        <translation>Save sign-in sheet as PDF…</translation>
    </message>
    <message>
        <source>扫积分卡，或输入户号后按回车</source>
        <translation>Scan a points card, or type a household number and press Enter</translation>
    </message>
    <message>
        <source>从名册勾选 (F2)</source>
        <translation>Tick from the register (F2)</translation>
    </message>
    <message>
        <source>取消所选签到</source>
        <translation>Cancel selected check-in</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>活动（选中一个开始签到）：</source>
        <translation>Events (choose one to check in):</translation>
    </message>
    <message>
        <source>请选择或新建一个活动。</source>
        <translation>Choose or create an event.</translation>
    </message>
    <message>
        <source>{0}（{1}，{2} 每户 +{3} 分）</source>
        <translation>{0} ({1}, {2}, +{3} points per household)</translation>
    </message>
    <message>
        <source>，名额 {0} 户</source>
        <translation>, limit {0} households</translation>
    </message>
    <message>
        <source>已签到 {0} 户{1}</source>
        <translation>{0} households checked in{1}</translation>
    </message>
    <message>
        <source>请扫描村民的积分卡。</source>
        <translation>Please scan the villager's points card.</translation>
    </message>
    <message>
        <source>活动已结束：{0} 户记分。</source>
        <translation>Event closed: {0} households given points.</translation>
    </message>
    <message>
        <source>{0}  {1}（{2}）</source>
        <translation>{0}  {1} ({2})</translation>
    </message>
    <message>
        <source>签到成功：{0}，已签到 {1} 户。</source>
        <translation>Checked in: {0}; {1} households so far.</translation>
    </message>
    <message>
        <source>已签到：{0} 刚才已经签过到，不重复记分。</source>
        <translation>Already checked in: {0} checked in before; no points twice.</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>取消 {0} {1} 的签到？</source>
        <translation>Cancel the check-in of {0} {1}?</translation>
    </message>
    <message>
        <source>取消签到</source>
        <translation>Cancel check-in</translation>
    </message>
    <message>
        <source>结束“{0}”？已签到的 {1} 户每户记 +{2} 分，结束后不能再签到。</source>
        <translation>Close “{0}”? The {1} households checked in get +{2} points each; no check-in afterwards.</translation>
    </message>
    <message>
        <source>结束活动</source>
        <translation>Close event</translation>
    </message>
    <message>
        <source>活动已结束：{0} 户记分，共 {1:+d} 分。</source>
        <translation>Event closed: {0} households given points, {1:+d} in all.</translation>
    </message>
    <message>
        <source>未记分：</source>
        <translation>No points:</translation>
    </message>
    <message>
        <source>保存签到表</source>
        <translation>Save sign-in sheet</translation>
    </message>
    <message>
        <source>{0}签到表.pdf</source>
        <translation>{0} sign-in sheet.pdf</translation>
    </message>
    <message>
        <source>签到表已保存：{0}</source>
        <translation>Sign-in sheet saved: {0}</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>活动签到</source>
        <translation>Event check-in</translation>
    </message>
    <message>
        <source>村民申报</source>
        <translation>Villagers' claims</translation>
    </message>
    <message>
        <source>评议会</source>
        <translation>Review meetings</translation>
    </message>
</context>
<context>
    <name>EvidenceField</name>
    <message>
        <source>选择证据照片…</source>
        <translation>Choose evidence photo…</translation>
    </message>
    <message>
        <source>（可不选）</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>选择证据照片</source>
        <translation>Choose evidence photo</translation>
    </message>
    <message>
        <source>图片或扫描件 (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photos or scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>ExpiryTab</name>
    <message>
        <source>保存清零规则</source>
        <translation>Save expiry rule</translation>
    </message>
    <message>
        <source>执行清零…</source>
        <translation>Clear points…</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>清零规则：</source>
        <translation>Expiry rule:</translation>
    </message>
    <message>
        <source>执行清零</source>
        <translation>Clear points</translation>
    </message>
    <message>
        <source>清零截止日：</source>
        <translation>Cutoff date:</translation>
    </message>
    <message>
        <source>清零只清除截止日前获得、至今还没有用掉的可用积分；累计积分、排行和星级不受影响。清零会写入积分台账，不能撤销。</source>
        <translation>Clearing removes only available points earned before the cutoff and not spent since; earned totals, rankings and stars are not affected. Clearing is written to the points ledger and cannot be undone.</translation>
    </message>
    <message>
        <source>清零记录：</source>
        <translation>Past clearings:</translation>
    </message>
    <message>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>{0}在 {1} 前获得的积分都已用完，没有需要清零的积分。</source>
        <translation>In {0}, the points earned before {1} have all been spent; there is nothing to clear.</translation>
    </message>
    <message>
        <source>将清零{0}截止 {1} 的可用积分：{2} 户，共 {3} 分。

清零写入积分台账，不能撤销。确定执行吗？</source>
        <translation>This clears the available points of {0} up to {1}: {2} households, {3} points in total.

Clearing is written to the points ledger and cannot be undone. Go ahead?</translation>
    </message>
    <message>
        <source>正在清零…</source>
        <translation>Clearing points…</translation>
    </message>
    <message>
        <source>清零完成：{0} 户，共 {1} 分。</source>
        <translation>Points cleared: {0} households, {1} points in total.</translation>
    </message>
</context>
<context>
    <name>FaultModel</name>
    <message>
        <source>第 {0} 行</source>
        <translation>Row {0}</translation>
    </message>
</context>
<context>
    <name>GatheringDialog</name>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <source>更改界面语言后，下次启动程序时生效。</source>
        <translation>A new interface language takes effect the next time the program starts.</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>GroupCheckDialog</name>
    <message>
        <source>组长核实申报 #{0}</source>
        <translation>Group head's check of claim #{0}</translation>
    </message>
    <message>
        <source>属实</source>
        <translation>True</translation>
    </message>
    <message>
        <source>不属实</source>
        <translation>Not true</translation>
    </message>
    <message>
        <source>组长：</source>
        <translation>Group head:</translation>
    </message>
    <message>
        <source>核实结果：</source>
        <translation>Result of the check:</translation>
    </message>
    <message>
        <source>意见：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>使用手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>找不到使用手册：{0}</source>
        <translation>The user manual cannot be found: {0}</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>新增户</source>
        <translation>New household</translation>
    </message>
    <message>
        <source>户号 {0}（户主 {1}）</source>
        <translation>Household {0} (head {1})</translation>
    </message>
    <message>
        <source>空着则用户主的电话</source>
        <translation>Leave empty to use the head's phone</translation>
    </message>
    <message>
        <source>其他标签，用顿号或逗号分隔</source>
        <translation>Other tags, separated by commas</translation>
    </message>
    <message>
        <source>户号(&amp;H)：</source>
        <translation>&amp;Household no.:</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>村民小组(&amp;G)：</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <source>家庭住址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>添加成员(&amp;M)</source>
        <translation>Add &amp;member</translation>
    </message>
    <message>
        <source>删除成员</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>设为户主</source>
        <translation>Make head</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>状态：{0}&#x3000;&#x3000;累计积分：{1}&#x3000;&#x3000;可用积分：{2}</source>
        <translation>Status: {0}    Points earned: {1}    Available: {2}</translation>
    </message>
    <message>
        <source>家庭成员（Insert 添加，Delete 删除；姓名、身份证号等可直接输入）：</source>
        <translation>Household members (Insert adds, Delete removes; type names, ID numbers etc. directly):</translation>
    </message>
    <message>
        <source>户信息</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>积分明细</source>
        <translation>Points history</translation>
    </message>
    <message>
        <source>成员积分</source>
        <translation>Member points</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>积分证明…</source>
        <translation>Points certificate…</translation>
    </message>
    <message>
        <source>保存后可查看这一户的积分明细。</source>
        <translation>Save first to see this household's points history.</translation>
    </message>
    <message>
        <source>本版本尚未包含积分明细视图。</source>
        <translation>This version has no points history view yet.</translation>
    </message>
    <message>
        <source>不能删除户主。请先把另一位成员设为户主。</source>
        <translation>The head cannot be removed. Make another member head first.</translation>
    </message>
    <message>
        <source>还没有村。请先在“村组网格”里建村，或导入花名册。</source>
        <translation>No village yet. Create one under "Villages and groups" or import a roster.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>HouseholdField</name>
    <message>
        <source>找不到户号“{0}”。</source>
        <translation>Household no. "{0}" not found.</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>HouseholdLedgerView</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>{0}年第{1}季度</source>
        <translation>Q{1} {0}</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>期初 累计 {0} / 可用 {1}；</source>
        <translation>Opening: earned {0} / available {1}; </translation>
    </message>
    <message>
        <source>{0}期末 累计 {1} / 可用 {2}。灰色记录尚未生效或未通过，不计入余额。账本链头 {3}</source>
        <translation>{0}closing: earned {1} / available {2}. Grey entries are not yet effective or were rejected and do not count. Ledger head {3}</translation>
    </message>
</context>
<context>
    <name>HouseholdListModel</name>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <source>查找户（没带积分卡时）</source>
        <translation>Find household (no card at hand)</translation>
    </message>
    <message>
        <source>姓名、拼音首字母（如 zsf）、户号或电话</source>
        <translation>Name, pinyin initials (e.g. zsf), household no. or phone</translation>
    </message>
    <message>
        <source>选择</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>找到 {0} 户（最多显示 {1} 户）</source>
        <translation>{0} households found (showing at most {1})</translation>
    </message>
    <message>
        <source>请输入要查找的户</source>
        <translation>Type what to look for</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>查找：姓名、户号、电话或拼音首字母（如 zsf 找 张三丰）</source>
        <translation>Search: name, household no., phone or pinyin initials (e.g. zsf for Zhang Sanfeng)</translation>
    </message>
    <message>
        <source>显示已归档</source>
        <translation>Show archived</translation>
    </message>
    <message>
        <source>新增户(&amp;N)</source>
        <translation>&amp;New household</translation>
    </message>
    <message>
        <source>查看/编辑(&amp;E)</source>
        <translation>View/&amp;edit</translation>
    </message>
    <message>
        <source>归档(&amp;A)</source>
        <translation>&amp;Archive</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导入花名册(&amp;I)</source>
        <translation>&amp;Import roster</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;X)</source>
        <translation>E&amp;xport to Excel</translation>
    </message>
    <message>
        <source>村组网格(&amp;G)</source>
        <translation>Villages and &amp;groups</translation>
    </message>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>正在读取户籍…</source>
        <translation>Reading households…</translation>
    </message>
    <message>
        <source>{0} / {1} 户</source>
        <translation>{0} / {1} households</translation>
    </message>
    <message>
        <source>恢复(&amp;A)</source>
        <translation>Rest&amp;ore</translation>
    </message>
    <message>
        <source>把户号 {0}（户主 {1}）归档？
归档后默认不再显示，积分记录保留，可以恢复。</source>
        <translation>Archive household {0} (head {1})?
Archived households are hidden by default; their points are kept and they can be restored.</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>户号 {0} 已有积分、兑换或星级记录，只能归档，不能删除。</source>
        <translation>Household {0} has points, redemptions or stars; it can only be archived, not deleted.</translation>
    </message>
    <message>
        <source>删除户号 {0}（户主 {1}）及其全部成员？此操作不能撤销。</source>
        <translation>Delete household {0} (head {1}) and all its members? This cannot be undone.</translation>
    </message>
    <message>
        <source>导出户籍</source>
        <translation>Export households</translation>
    </message>
    <message>
        <source>花名册.xlsx</source>
        <translation>roster.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 {0} 户 {1} 人到
{2}</source>
        <translation>Exported {0} households, {1} people to
{2}</translation>
    </message>
    <message>
        <source>

文件含完整身份证号码和电话，请妥善保管，不要张贴或外传。</source>
        <translation>

The file holds full ID numbers and phone numbers; keep it safe, do not post or share it.</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>花名册文件（.xlsx 或 .csv）</source>
        <translation>Roster file (.xlsx or .csv)</translation>
    </message>
    <message>
        <source>（按花名册标题）</source>
        <translation>(by the roster's title)</translation>
    </message>
    <message>
        <source>导入到村(&amp;V)：</source>
        <translation>Import into &amp;village:</translation>
    </message>
    <message>
        <source>列对应(&amp;M)…</source>
        <translation>Column &amp;mapping…</translation>
    </message>
    <message>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <source>花名册 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>请先选择花名册文件。</source>
        <translation>Choose a roster file first.</translation>
    </message>
    <message>
        <source>正在检查花名册…</source>
        <translation>Checking roster…</translation>
    </message>
    <message>
        <source>发现 {0} 处问题，改正花名册后再“检查”。没有写入任何数据。</source>
        <translation>{0} problems found; correct the roster and "Check" again. Nothing was written.</translation>
    </message>
    <message>
        <source>把花名册导入“{0}”？
新增 {1} 户、更新 {2} 户；成员新增 {3} 人、更新 {4} 人、删除 {5} 人。</source>
        <translation>Import the roster into "{0}"?
{1} new and {2} updated households; {3} new, {4} updated and {5} removed members.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>记录评议会</source>
        <translation>Review meeting recorded</translation>
    </message>
    <message>
        <source>（默认：某村某年某月积分评议会）</source>
        <translation>(default: village, month, points review meeting)</translation>
    </message>
    <message>
        <source>每行一人：姓名 职务，如
李明 村党支部书记
王芳 村民代表</source>
        <translation>One a line: name and role, e.g.
Li Ming Party secretary
Wang Fang Villagers' representative</translation>
    </message>
    <message>
        <source>会议名称：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>主持人：</source>
        <translation>Chair:</translation>
    </message>
    <message>
        <source>记录人：</source>
        <translation>Recorder:</translation>
    </message>
    <message>
        <source>参会人员：</source>
        <translation>Attendees:</translation>
    </message>
    <message>
        <source>会议情况：</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>记录评议会…</source>
        <translation>Record a review meeting…</translation>
    </message>
    <message>
        <source>审议批次…</source>
        <translation>Decide a batch…</translation>
    </message>
    <message>
        <source>保存会议记录 PDF…</source>
        <translation>Save minutes as PDF…</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>还没有记录评议会。</source>
        <translation>No review meeting recorded yet.</translation>
    </message>
    <message>
        <source>主持人：{0}&#x3000;记录人：{1}</source>
        <translation>Chair: {0}  Recorder: {1}</translation>
    </message>
    <message>
        <source>参会人员：{0}</source>
        <translation>Attendees: {0}</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>保存会议记录</source>
        <translation>Save minutes</translation>
    </message>
    <message>
        <source>{0}.pdf</source>
        <translation>{0}.pdf</translation>
    </message>
    <message>
        <source>会议记录已保存：{0}</source>
        <translation>Minutes saved: {0}</translation>
    </message>
</context>
<context>
    <name>MemberModel</name>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>姓名不能为空</source>
        <translation>Name must not be empty</translation>
    </message>
</context>
<context>
    <name>MemberPointsView</name>
    <message>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>记在某位成员名下的积分也计入本户总分。</source>
        <translation>Points recorded for a member also count in the household's total.</translation>
    </message>
    <message>
        <source>{0} {1}年的积分记录（{2} 条）：</source>
        <translation>{0}'s entries in {1} ({2}):</translation>
    </message>
</context>
<context>
    <name>NewEventDialog</name>
    <message>
        <source>新建活动</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>如：11月环境整治日</source>
        <translation>e.g. November clean-up day</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>活动名称：</source>
        <translation>Event name:</translation>
    </message>
    <message>
        <source>记分细则：</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>每户分值：</source>
        <translation>Points per household:</translation>
    </message>
    <message>
        <source>名额（户）：</source>
        <translation>Limit (households):</translation>
    </message>
    <message>
        <source>开始签到</source>
        <translation>Start check-in</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>登录用，如 xiaoli</source>
        <translation>For signing in, e.g. xiaoli</translation>
    </message>
    <message>
        <source>临时密码，至少 6 位</source>
        <translation>Temporary password, at least 6 characters</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>新用户首次登录时须把临时密码改成自己的密码。</source>
        <translation>New users must change the temporary password at their first sign-in.</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <source>原密码：</source>
        <translation>Old password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>至少 6 位</source>
        <translation>At least 6 characters</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>PasswordTab</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation>Password changed; use the new one next time you sign in.</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>按季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>按半年</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>{0}（未结束）</source>
        <translation>{0} (not over)</translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <source>生成预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>选择要打印的内容和选项，然后点“生成预览”。</source>
        <translation>Choose what to print and the options, then click "Preview".</translation>
    </message>
    <message>
        <source>打印内容</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation>Generating PDF…</translation>
    </message>
    <message>
        <source>未能生成。右侧仍是上一次生成的预览，不能打印或保存；请改正后重新生成。</source>
        <translation>Not made. The preview still shows the last document; it cannot be printed or saved: put it right and make it again.</translation>
    </message>
    <message>
        <source>未能生成。</source>
        <translation>Could not generate.</translation>
    </message>
    <message>
        <source>生成的 PDF 无法打开（{0}）。</source>
        <translation>The generated PDF cannot be opened ({0}).</translation>
    </message>
    <message>
        <source>已生成：{0}（PDF 共 {1} 页）。</source>
        <translation>Generated: {0} ({1} PDF pages).</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法保存文件：{0}</source>
        <translation>Cannot save the file: {0}</translation>
    </message>
    <message>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>文档纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>已送往打印机：{0} 页。</source>
        <translation>Sent to the printer: {0} pages.</translation>
    </message>
    <message>
        <source>无法开始打印：打印机不可用。</source>
        <translation>Cannot print: the printer is not available.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>修改商品</source>
        <translation>Edit product</translation>
    </message>
    <message>
        <source>新增商品</source>
        <translation>New product</translation>
    </message>
    <message>
        <source>扫描商品条码，或自编号</source>
        <translation>Scan the product barcode, or type your own code</translation>
    </message>
    <message>
        <source> 分</source>
        <translation> pts</translation>
    </message>
    <message>
        <source>条码/编号</source>
        <translation>Barcode/code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>兑换积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>库存预警数量</source>
        <translation>Low-stock level</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>保质期</source>
        <translation>Shelf life</translation>
    </message>
    <message>
        <source>每户限兑</source>
        <translation>Limit per household</translation>
    </message>
</context>
<context>
    <name>ProductGrid</name>
    <message>
        <source>找商品：名称或拼音首字母（F3）</source>
        <translation>Find product: name or pinyin initials (F3)</translation>
    </message>
    <message>
        <source>{0}
{1} 分 · 存 {2}</source>
        <translation>{0}
{1} pts · {2} left</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message>
        <source>按名称、条码或拼音首字母筛选</source>
        <translation>Filter by name, barcode or pinyin initials</translation>
    </message>
    <message>
        <source>只看库存不足</source>
        <translation>Low stock only</translation>
    </message>
    <message>
        <source>新增商品</source>
        <translation>New product</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>Stock in</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Stock out</translation>
    </message>
    <message>
        <source>调整</source>
        <translation>Adjust</translation>
    </message>
    <message>
        <source>盘点…</source>
        <translation>Stocktake…</translation>
    </message>
    <message>
        <source>下架/上架</source>
        <translation>Withdraw/restore</translation>
    </message>
    <message>
        <source>导出库存表…</source>
        <translation>Export stock list…</translation>
    </message>
    <message>
        <source>库存不足 {0} 种：{1}</source>
        <translation>{0} products low on stock: {1}</translation>
    </message>
    <message>
        <source>请先在列表中选择一种商品。</source>
        <translation>Select a product in the list first.</translation>
    </message>
    <message>
        <source>盘点已保存：{0} 种商品有差异。</source>
        <translation>Stocktake saved: {0} products differ.</translation>
    </message>
    <message>
        <source>下架“{0}”？下架后不能再兑换，历史记录保留。</source>
        <translation>Withdraw "{0}"? It can no longer be redeemed; its history is kept.</translation>
    </message>
    <message>
        <source>重新上架“{0}”？</source>
        <translation>Put "{0}" back on sale?</translation>
    </message>
    <message>
        <source>导出库存表</source>
        <translation>Export stock list</translation>
    </message>
    <message>
        <source>库存表.xlsx</source>
        <translation>stock.xlsx</translation>
    </message>
    <message>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>RankingPage</name>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>全部户</source>
        <translation>All households</translation>
    </message>
    <message>
        <source>按总分</source>
        <translation>By total</translation>
    </message>
    <message>
        <source>查看排名</source>
        <translation>Show ranking</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>户类：</source>
        <translation>Class:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>正在计算排名…</source>
        <translation>Computing ranking…</translation>
    </message>
    <message>
        <source>{0} {1} 积分排行榜（{2} 户）</source>
        <translation>{0} {1} points ranking ({2} households)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>数据库有问题</source>
        <translation>Database problem</translation>
    </message>
    <message>
        <source>数据库文件无法正常使用</source>
        <translation>The database file cannot be used</translation>
    </message>
    <message>
        <source>{0}

数据库文件：{1}
程序没有修改它。可以用下面的备份恢复（恢复前会检查备份是否完好，损坏的文件会另存一份）。</source>
        <translation>{0}

Database file: {1}
The program has not changed it. You can restore one of the backups below (each is checked first; the damaged file is saved aside).</translation>
    </message>
    <message>
        <source>备份文件夹里没有这个数据库的备份。请找到 U 盘或其他电脑上的备份文件，用“选择其他备份文件”恢复。</source>
        <translation>The backup folder holds no backup of this database. Find the backup on a USB drive or another PC and restore it with "Choose another backup file".</translation>
    </message>
    <message>
        <source>恢复所选备份</source>
        <translation>Restore selected backup</translation>
    </message>
    <message>
        <source>选择其他备份文件…</source>
        <translation>Choose another backup file…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>可用的备份（最新的在前）：</source>
        <translation>Available backups (newest first):</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose backup file</translation>
    </message>
    <message>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation>Database backups (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>没有恢复：所选备份没有通过检查。可以另选一份备份。</source>
        <translation>Nothing was restored: the chosen backup failed the check. You can choose another backup.</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>全镇月报</source>
        <translation>Township monthly report</translation>
    </message>
    <message>
        <source>类别积分趋势</source>
        <translation>Category trends</translation>
    </message>
    <message>
        <source>检查完成情况</source>
        <translation>Inspection completion</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>刷新(&amp;S)</source>
        <translation>Refre&amp;sh</translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>保存为 Excel…</source>
        <translation>Save as Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>月份(&amp;M)</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <source>范围(&amp;V)</source>
        <translation>Sco&amp;pe</translation>
    </message>
    <message>
        <source>正在生成报表…</source>
        <translation>Generating report…</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>保存报表</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>审核通过 (&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>驳回 (&amp;R)…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>将已审核记录张榜公示 (&amp;P)</source>
        <translation>&amp;Post reviewed entries for public notice</translation>
    </message>
    <message>
        <source>结束期满的公示 (&amp;C)</source>
        <translation>&amp;Close expired notices</translation>
    </message>
    <message>
        <source>登记异议 (&amp;O)…</source>
        <translation>Register &amp;objection…</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On notice</translation>
    </message>
    <message>
        <source>异议成立并冲正…</source>
        <translation>Uphold objection and reverse…</translation>
    </message>
    <message>
        <source>驳回异议…</source>
        <translation>Reject objection…</translation>
    </message>
    <message>
        <source>只看待处理的异议</source>
        <translation>Open objections only</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>户号、户主或细则</source>
        <translation>Household no., head or rule</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>小组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>细则：</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>公示 #{0}：{1} 至 {2}</source>
        <translation>Notice #{0}: {1} to {2}</translation>
    </message>
    <message>
        <source>{0}。已审核待公示 {1} 条。</source>
        <translation>{0}. {1} reviewed entries waiting for notice.</translation>
    </message>
    <message>
        <source>没有进行中的公示</source>
        <translation>No notice running</translation>
    </message>
    <message>
        <source>全部小组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>全部细则</source>
        <translation>All rules</translation>
    </message>
    <message>
        <source>待审核 ({0})</source>
        <translation>To review ({0})</translation>
    </message>
    <message>
        <source>待审核 ({0}/{1})</source>
        <translation>To review ({0}/{1})</translation>
    </message>
    <message>
        <source>公示中 ({0})</source>
        <translation>On notice ({0})</translation>
    </message>
    <message>
        <source>公示中 ({0}/{1})</source>
        <translation>On notice ({0}/{1})</translation>
    </message>
    <message>
        <source>异议 ({0} 待处理)</source>
        <translation>Objections ({0} open)</translation>
    </message>
    <message>
        <source>请先在表中选择要审核的记录（可按 Ctrl+A 全选）。</source>
        <translation>Select the entries to review first (Ctrl+A selects all).</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>驳回原因：</source>
        <translation>Reason for rejecting:</translation>
    </message>
    <message>
        <source>审核通过选中的 {0} 条记录？</source>
        <translation>Approve the {0} selected entries?</translation>
    </message>
    <message>
        <source>张榜公示</source>
        <translation>Post public notice</translation>
    </message>
    <message>
        <source>公示天数：</source>
        <translation>Days on notice:</translation>
    </message>
    <message>
        <source>已张榜公示。</source>
        <translation>Posted for public notice.</translation>
    </message>
    <message>
        <source>已结束 {0} 个公示，{1} 条记录生效。</source>
        <translation>Closed {0} notices; {1} entries took effect.</translation>
    </message>
    <message>
        <source>
公示 #{0} 还有 {1} 个异议未处理。</source>
        <translation>
Notice #{0} still has {1} open objections.</translation>
    </message>
    <message>
        <source>请选择一条公示中的记录。</source>
        <translation>Select an entry that is on notice.</translation>
    </message>
    <message>
        <source>登记异议</source>
        <translation>Register objection</translation>
    </message>
    <message>
        <source>提出人：</source>
        <translation>Raised by:</translation>
    </message>
    <message>
        <source>异议内容：</source>
        <translation>Objection:</translation>
    </message>
    <message>
        <source>请选择一个异议。</source>
        <translation>Select an objection.</translation>
    </message>
    <message>
        <source>异议成立：原记录将被冲正</source>
        <translation>Objection upheld: the entry will be reversed</translation>
    </message>
    <message>
        <source>驳回异议</source>
        <translation>Reject objection</translation>
    </message>
    <message>
        <source>处理理由：</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>修改细则</source>
        <translation>Edit rule</translation>
    </message>
    <message>
        <source>新增细则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>不设上限</source>
        <translation>No cap</translation>
    </message>
    <message>
        <source>一票否决（当年不能评星）</source>
        <translation>Veto (no stars that year)</translation>
    </message>
    <message>
        <source>月度检查项目（出现在检查表中）</source>
        <translation>Monthly inspection item (on the inspection sheet)</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>代码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>细则：</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>分值（扣分为负）：</source>
        <translation>Points (negative for deductions):</translation>
    </message>
    <message>
        <source>频次：</source>
        <translation>Frequency:</translation>
    </message>
    <message>
        <source>每户年度上限（分）：</source>
        <translation>Yearly cap per household (points):</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>显示已停用的细则</source>
        <translation>Show disabled rules</translation>
    </message>
    <message>
        <source>新增细则…</source>
        <translation>New rule…</translation>
    </message>
    <message>
        <source>新增类别…</source>
        <translation>New category…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>修改细则只影响以后的录入，已录入的记录保留原来的分值。</source>
        <translation>Editing a rule affects only later entries; recorded entries keep their points.</translation>
    </message>
    <message>
        <source>请先选择一条细则。</source>
        <translation>Select a rule first.</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>{0}细则“{1} {2}”？</source>
        <translation>{0} rule "{1} {2}"?</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>积分清零</source>
        <translation>Expire points</translation>
    </message>
    <message>
        <source>积分超市规则</source>
        <translation>Supermarket rules</translation>
    </message>
    <message>
        <source>常规设置</source>
        <translation>General</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
</context>
<context>
    <name>ShelfWarning</name>
    <message>
        <source>{0} {1}{2}（到期 {3}）</source>
        <translation>{0} {1} {2} (expires {3})</translation>
    </message>
    <message>
        <source>已过期 {0} 批：{1}</source>
        <translation>{0} lots expired: {1}</translation>
    </message>
    <message>
        <source>{0} 天内到期 {1} 批：{2}</source>
        <translation>{1} lots expire within {0} days: {2}</translation>
    </message>
    <message>
        <source>保质期预警——</source>
        <translation>Shelf life warning — </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>收银</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>商品与库存</source>
        <translation>Products and stock</translation>
    </message>
    <message>
        <source>日结报表</source>
        <translation>Daily report</translation>
    </message>
</context>
<context>
    <name>ShopPolicyTab</name>
    <message>
        <source>积分不足时可用现金补足差价（也可只用部分积分）</source>
        <translation>Cash may make up a shortfall of points (or pay part of a basket)</translation>
    </message>
    <message>
        <source>如 1 或 0.50</source>
        <translation>e.g. 1 or 0.50</translation>
    </message>
    <message>
        <source>如 1-5 或 1-5, 15, 2027-01-20；空着表示每天都可兑换</source>
        <translation>e.g. 1-5 or 1-5, 15, 2027-01-20; empty: every day</translation>
    </message>
    <message>
        <source>保存超市规则</source>
        <translation>Save supermarket rules</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>每分积分折合（元）：</source>
        <translation>One point is worth (yuan):</translation>
    </message>
    <message>
        <source>兑换日：</source>
        <translation>Redemption days:</translation>
    </message>
    <message>
        <source>兑换日写每月的日子（如 1-5 表示每月 1 日到 5 日）或具体日期，用逗号分开。不在兑换日时，收银台拒绝兑换并告诉村民下一个兑换日。</source>
        <translation>Write days of the month (1-5 means the 1st to the 5th of every month) or dates, separated by commas. On other days the till refuses redemptions and names the next redemption day.</translation>
    </message>
    <message>
        <source>积分超市规则已保存。</source>
        <translation>Supermarket rules saved.</translation>
    </message>
</context>
<context>
    <name>ShopperPanel</name>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>（未选户）</source>
        <translation>(no household)</translation>
    </message>
    <message>
        <source>扫积分卡或按 F2 查找户</source>
        <translation>Scan a points card or press F2 to find a household</translation>
    </message>
    <message>
        <source>{0} {1} · 户号 {2}{3}</source>
        <translation>{0} {1} · household {2}{3}</translation>
    </message>
    <message>
        <source> · 未刷卡（手动查找）</source>
        <translation> · no card (found by hand)</translation>
    </message>
    <message>
        <source>暂无星级</source>
        <translation>No stars yet</translation>
    </message>
    <message>
        <source>{0} 分</source>
        <translation>{0} pts</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录 — {0}</source>
        <translation>Sign in — {0}</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>首次使用</source>
        <translation>First use</translation>
    </message>
    <message>
        <source>欢迎使用！请为管理员账户“{0}”设置密码。请牢记这个密码，之后可在“设置 → 用户管理”里为其他工作人员建账户。</source>
        <translation>Welcome! Set a password for the administrator account "{0}". Remember it; later you can create accounts for other staff under "Settings → Users".</translation>
    </message>
    <message>
        <source>设置密码并进入</source>
        <translation>Set password and continue</translation>
    </message>
    <message>
        <source>请设置新密码</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>您的密码是临时密码（新账户或管理员重置过），请设置一个只有您知道的新密码。</source>
        <translation>Your password is temporary (new account or reset by the administrator); set a new password only you know.</translation>
    </message>
    <message>
        <source>保存并进入</source>
        <translation>Save and continue</translation>
    </message>
    <message>
        <source>请输入用户名。</source>
        <translation>Enter the user name.</translation>
    </message>
</context>
<context>
    <name>SingleEntryForm</name>
    <message>
        <source>输入户号，如 01023</source>
        <translation>e.g. 01023</translation>
    </message>
    <message>
        <source>（整户）</source>
        <translation>(whole household)</translation>
    </message>
    <message>
        <source>录入 (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
    <message>
        <source>撤销上一条(&amp;Z)</source>
        <translation>Undo last (&amp;Z)</translation>
    </message>
    <message>
        <source>录入后 {0} 分钟内可撤销；已生效的记录以冲正撤销，待审核的记录直接撤回。</source>
        <translation>An entry can be undone within {0} minutes: one in effect by a reversal, one awaiting review by withdrawing it.</translation>
    </message>
    <message>
        <source>村：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>户号：</source>
        <translation>Household no.:</translation>
    </message>
    <message>
        <source>成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>细则：</source>
        <translation>Rule:</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>证据：</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <source>最近录入：</source>
        <translation>Recently recorded:</translation>
    </message>
    <message>
        <source>没有找到细则“{0}”，请输入细则代码或名称中的字。</source>
        <translation>No rule "{0}": type a rule's code or a word of its name.</translation>
    </message>
    <message>
        <source>请选择一条细则。</source>
        <translation>Choose a rule.</translation>
    </message>
    <message>
        <source>#{0}：{1} {2} {3:+d} 分</source>
        <translation>#{0}: {1} {2} {3:+d} pts</translation>
    </message>
    <message>
        <source>已录入 {0}</source>
        <translation>Recorded {0}</translation>
    </message>
    <message>
        <source>撤销刚才录入的 {0}？</source>
        <translation>Undo the entry just made, {0}?</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>（冲正 #{0}）</source>
        <translation> (reversal #{0})</translation>
    </message>
    <message>
        <source>（已撤回）</source>
        <translation> (withdrawn)</translation>
    </message>
    <message>
        <source>已撤销 {0}{1}</source>
        <translation>Undone {0}{1}</translation>
    </message>
</context>
<context>
    <name>StarAdjustDialog</name>
    <message>
        <source>调整评星结果</source>
        <translation>Adjust star result</translation>
    </message>
    <message>
        <source>户：</source>
        <translation>Household:</translation>
    </message>
    <message>
        <source>授予</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>不授予</source>
        <translation>Do not award</translation>
    </message>
    <message>
        <source>{0}（目前：{1}）</source>
        <translation>{0} (now: {1})</translation>
    </message>
    <message>
        <source>星级(&amp;S)：</source>
        <translation>&amp;Star:</translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <source>授予(&amp;I)</source>
        <translation>Award (&amp;I)</translation>
    </message>
    <message>
        <source>不授予(&amp;E)</source>
        <translation>Do not award (&amp;E)</translation>
    </message>
    <message>
        <source>决定：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>必须填写，例如：经村民代表会议评议……</source>
        <translation>Required, e.g. after review by the villagers' representatives…</translation>
    </message>
    <message>
        <source>原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>确定调整</source>
        <translation>Adjust</translation>
    </message>
</context>
<context>
    <name>StarEditDialog</name>
    <message>
        <source>新增星级</source>
        <translation>New star</translation>
    </message>
    <message>
        <source>修改星级</source>
        <translation>Edit star</translation>
    </message>
    <message>
        <source>字母或数字，如 green</source>
        <translation>Letters or digits, e.g. green</translation>
    </message>
    <message>
        <source>代码(&amp;C)：</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>如 卫生整洁星</source>
        <translation>e.g. Tidy Home Star</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>选择颜色…</source>
        <translation>Choose colour…</translation>
    </message>
    <message>
        <source>颜色(&amp;O)：</source>
        <translation>C&amp;olour:</translation>
    </message>
    <message>
        <source>计分类别(&amp;G)：
（都不选＝全部类别）</source>
        <translation>Scoring &amp;categories:
(none ticked = all categories)</translation>
    </message>
    <message>
        <source> 分</source>
        <translation> pts</translation>
    </message>
    <message>
        <source>最低积分(&amp;M)：</source>
        <translation>&amp;Minimum points:</translation>
    </message>
    <message>
        <source>当年有一票否决记录的不得此星</source>
        <translation>No star with a veto entry that year</translation>
    </message>
    <message>
        <source>所选类别有扣分的不得此星</source>
        <translation>No star with deductions in the chosen categories</translation>
    </message>
    <message>
        <source>启用（停用的星级不再参加评定，已授的星保留）</source>
        <translation>Active (inactive stars are no longer evaluated; awarded stars stay)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>星级颜色</source>
        <translation>Star colour</translation>
    </message>
</context>
<context>
    <name>StarEvaluationTab</name>
    <message>
        <source>按账本评定(&amp;R)</source>
        <translation>Evaluate from ledge&amp;r</translation>
    </message>
    <message>
        <source>调整(&amp;A)…</source>
        <translation>&amp;Adjust…</translation>
    </message>
    <message>
        <source>公示(&amp;P)</source>
        <translation>&amp;Public notice</translation>
    </message>
    <message>
        <source>授星(&amp;G)</source>
        <translation>Award stars (&amp;G)</translation>
    </message>
    <message>
        <source>打印星级牌(&amp;T)…</source>
        <translation>Print s&amp;tar plaques…</translation>
    </message>
    <message>
        <source>按户号或户主查找</source>
        <translation>Find by household no. or head</translation>
    </message>
    <message>
        <source>村(&amp;V)：</source>
        <translation>&amp;Village:</translation>
    </message>
    <message>
        <source>期间(&amp;Y)：</source>
        <translation>Period (&amp;Y):</translation>
    </message>
    <message>
        <source>正在读取评星结果…</source>
        <translation>Reading star results…</translation>
    </message>
    <message>
        <source>本期间还没有评星。点“按账本评定”为每一户生成建议。</source>
        <translation>No evaluation for this period yet. Click "Evaluate from ledger" to propose stars for every household.</translation>
    </message>
    <message>
        <source>评星记录 #{0}，{1}，{2} 户，状态：{3}</source>
        <translation>Evaluation #{0}, {1}, {2} households, status: {3}</translation>
    </message>
    <message>
        <source>（公示期 {0} 至 {1}）</source>
        <translation> (on notice {0} to {1})</translation>
    </message>
    <message>
        <source>重新评定会作废本期间尚未授星的评定结果（包括委员会的调整和公示），确定继续？</source>
        <translation>Re-evaluating voids this period's results not yet awarded (including committee adjustments and notice). Continue?</translation>
    </message>
    <message>
        <source>正在评定…</source>
        <translation>Evaluating…</translation>
    </message>
    <message>
        <source>请先在表中选择一户。</source>
        <translation>Select a household in the table first.</translation>
    </message>
    <message>
        <source>将评星结果公示 {0} 天？公示期间仍可调整。</source>
        <translation>Post the star results for {0} days? They can still be adjusted during the notice.</translation>
    </message>
    <message>
        <source>授星后本期间的结果不能再调整或重评（摘星另有记录）。确定授予共 {0} 颗星？</source>
        <translation>After awarding, this period's results cannot be adjusted or re-evaluated (withdrawals are recorded separately). Award {0} stars in total?</translation>
    </message>
    <message>
        <source>授星</source>
        <translation>Award stars</translation>
    </message>
    <message>
        <source>已授星 {0} 颗。</source>
        <translation>Awarded {0} stars.</translation>
    </message>
    <message>
        <source>正在授星…</source>
        <translation>Awarding stars…</translation>
    </message>
    <message>
        <source>打印星级牌</source>
        <translation>Print star plaques</translation>
    </message>
    <message>
        <source>纸张（横向）：</source>
        <translation>Paper (landscape):</translation>
    </message>
    <message>
        <source>保存星级牌</source>
        <translation>Save star plaques</translation>
    </message>
    <message>
        <source>星级牌-{0}.pdf</source>
        <translation>star_plaques-{0}.pdf</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已生成星级牌 {0} 张：{1}</source>
        <translation>Generated {0} star plaques: {1}</translation>
    </message>
    <message>
        <source>正在生成星级牌…</source>
        <translation>Generating star plaques…</translation>
    </message>
</context>
<context>
    <name>StarSchemeTab</name>
    <message>
        <source>新增(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>上移(&amp;U)</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>下移(&amp;D)</source>
        <translation>Move &amp;down</translation>
    </message>
    <message>
        <source>从文件载入方案(&amp;L)…</source>
        <translation>&amp;Load scheme from file…</translation>
    </message>
    <message>
        <source>村(&amp;V)：</source>
        <translation>&amp;Village:</translation>
    </message>
    <message>
        <source>星级的名称、颜色、顺序和评星条件都可修改；停用的星级不再参加评定，已授予的星保留。</source>
        <translation>Names, colours, order and criteria of stars can all be changed; inactive stars are no longer evaluated, awarded stars stay.</translation>
    </message>
    <message>
        <source>请先在表中选择一颗星。</source>
        <translation>Select a star in the table first.</translation>
    </message>
    <message>
        <source>选择星级方案文件</source>
        <translation>Choose star scheme file</translation>
    </message>
    <message>
        <source>星级方案 (*.json)</source>
        <translation>Star schemes (*.json)</translation>
    </message>
    <message>
        <source>载入方案后，方案里没有的星级将停用（已授予的星保留）。确定载入？</source>
        <translation>After loading, stars missing from the scheme are deactivated (awarded stars stay). Load it?</translation>
    </message>
    <message>
        <source>无法读取星级方案文件：{0}</source>
        <translation>Cannot read the star scheme file: {0}</translation>
    </message>
</context>
<context>
    <name>StarSummaryTab</name>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>目前持有的星</source>
        <translation>Stars held now</translation>
    </message>
    <message>
        <source>村(&amp;V)：</source>
        <translation>&amp;Village:</translation>
    </message>
    <message>
        <source>期间(&amp;Y)：</source>
        <translation>Period (&amp;Y):</translation>
    </message>
    <message>
        <source>黑榜摘星(&amp;B)…</source>
        <translation>Withdraw for &amp;black board…</translation>
    </message>
    <message>
        <source>本年上黑榜满设定次数（常规设置）的户，摘去所持的星，并记录原因。</source>
        <translation>Households on the black board this year as often as the setting says (General settings) lose the stars they hold, with the reason recorded.</translation>
    </message>
    <message>
        <source>户的获星历史</source>
        <translation>Star history of the household</translation>
    </message>
    <message>
        <source>户号，回车查询</source>
        <translation>Household no., Enter to search</translation>
    </message>
    <message>
        <source>查询(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>摘星(&amp;W)…</source>
        <translation>&amp;Withdraw star…</translation>
    </message>
    <message>
        <source>户号：</source>
        <translation>Household no.:</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>摘星</source>
        <translation>Withdraw star</translation>
    </message>
    <message>
        <source>摘除“{0}”（{1}）的原因：</source>
        <translation>Reason for withdrawing "{0}" ({1}):</translation>
    </message>
    <message>
        <source>请先选择村。</source>
        <translation>Choose a village first.</translation>
    </message>
    <message>
        <source>按“一年内上黑榜满 {0} 次即摘星”的村规，为本年达到次数的户摘星？
每颗星的摘除都会记录原因。</source>
        <translation>Apply the village rule "{0} black-board entries in a year withdraw the stars" to this year's households?
Each star withdrawn is recorded with the reason.</translation>
    </message>
    <message>
        <source>没有上黑榜满设定次数且持有星级的户，未摘星。</source>
        <translation>No household holding stars has been on the black board often enough; no star was withdrawn.</translation>
    </message>
    <message>
        <source>已为 {0} 户摘星：</source>
        <translation>Stars withdrawn from {0} household(s):</translation>
    </message>
</context>
<context>
    <name>StarsPage</name>
    <message>
        <source>还没有村。请先建村或导入花名册。</source>
        <translation>No village yet. Create a village or import a roster first.</translation>
    </message>
    <message>
        <source>评定与授星</source>
        <translation>Evaluate and award</translation>
    </message>
    <message>
        <source>星级设置</source>
        <translation>Star settings</translation>
    </message>
    <message>
        <source>统计与历史</source>
        <translation>Statistics and history</translation>
    </message>
</context>
<context>
    <name>StockDialog</name>
    <message>
        <source>入库</source>
        <translation>Stock in</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Stock out</translation>
    </message>
    <message>
        <source>库存调整</source>
        <translation>Stock adjustment</translation>
    </message>
    <message>
        <source>{0}：{1}（现有 {2}{3}）</source>
        <translation>{0}: {1} ({2}{3} in stock)</translation>
    </message>
    <message>
        <source>村集体经费采购</source>
        <translation>Bought with village funds</translation>
    </message>
    <message>
        <source>爱心捐赠</source>
        <translation>Donation</translation>
    </message>
    <message>
        <source>捐赠人或单位名称</source>
        <translation>Donor's name or organisation</translation>
    </message>
    <message>
        <source>原因，如：过期、破损、记错数</source>
        <translation>Reason, e.g. expired, broken, miscounted</translation>
    </message>
    <message>
        <source>入库数量</source>
        <translation>Quantity in</translation>
    </message>
    <message>
        <source>出库数量</source>
        <translation>Quantity out</translation>
    </message>
    <message>
        <source>调整数量（可为负）</source>
        <translation>Adjustment (may be negative)</translation>
    </message>
    <message>
        <source>不填</source>
        <translation>None</translation>
    </message>
    <message>
        <source>按保质期推算</source>
        <translation>From the shelf life</translation>
    </message>
    <message>
        <source>每{0}进价，元（捐赠可不填）</source>
        <translation>Cost per {0}, yuan (may be left empty for donations)</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>生产日期</source>
        <translation>Production date</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Expiry date</translation>
    </message>
    <message>
        <source>进价（元）</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>进价</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>已记录“{0}”的爱心捐赠。现在打印捐赠收据吗？</source>
        <translation>The donation of "{0}" is recorded. Print the donation receipt now?</translation>
    </message>
    <message>
        <source>捐赠收据</source>
        <translation>Donation receipts</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
</context>
<context>
    <name>StocktakeDialog</name>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>备注，如：11 月月末盘点</source>
        <translation>Note, e.g. end of November stocktake</translation>
    </message>
    <message>
        <source>保存盘点</source>
        <translation>Save stocktake</translation>
    </message>
    <message>
        <source>报废过期批次…</source>
        <translation>Write off expired lots…</translation>
    </message>
    <message>
        <source>在“实盘数量”一栏填入清点的数量；不填的商品不参与本次盘点。差异记为盘点调整。</source>
        <translation>Enter the counted quantity in "Counted"; products left empty are not part of this stocktake. Differences are booked as stocktake adjustments.</translation>
    </message>
    <message>
        <source>还没有填入任何实盘数量。</source>
        <translation>No counted quantity entered yet.</translation>
    </message>
    <message>
        <source>{0} 种商品有差异，将按实盘数量调整库存。确定保存？</source>
        <translation>{0} products differ; stock will be set to the counted quantities. Save?</translation>
    </message>
    <message>
        <source>没有已过期的库存批次。</source>
        <translation>No expired lots in stock.</translation>
    </message>
    <message>
        <source>{0} {1}{2}（到期 {3}）</source>
        <translation>{0} {1} {2} (expires {3})</translation>
    </message>
    <message>
        <source>报废过期批次</source>
        <translation>Write off expired lots</translation>
    </message>
    <message>
        <source>以下 {0} 批已过期，将出库报废：
{1}

报废原因：</source>
        <translation>These {0} lots have expired and will be written off:
{1}

Reason:</translation>
    </message>
    <message>
        <source>过期销毁</source>
        <translation>Expired, destroyed</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <source>{0}（已迁出）</source>
        <translation>{0} (left)</translation>
    </message>
</context>
<context>
    <name>UncheckedBackupDialog</name>
    <message>
        <source>备份没有通过检查</source>
        <translation>The backup failed the check</translation>
    </message>
    <message>
        <source>这份备份里的账本可能被改动过</source>
        <translation>The ledger in this backup may have been altered</translation>
    </message>
    <message>
        <source>备份 {0} 没有通过检查（和 pointsapp check 的检查相同），数据库没有被替换。检查发现的问题：</source>
        <translation>Backup {0} failed the check (the same as pointsapp check); the database was not replaced. The check found:</translation>
    </message>
    <message>
        <source>一般应当换一份通过检查的备份。如果确实要用这一份恢复，请写明理由（至少 {0} 个字），理由和这些问题会记入操作日志。</source>
        <translation>Normally choose a backup that passes the check. If this one really must be restored, write the reason (at least {0} characters); the reason and these problems go into the operation log.</translation>
    </message>
    <message>
        <source>恢复理由，例如：县审计组要求核对被改动的账本</source>
        <translation>Reason, e.g.: the county audit team asked to examine the altered ledger</translation>
    </message>
    <message>
        <source>仍然恢复</source>
        <translation>Restore anyway</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>更改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为 {0} 设置临时密码（至少 6 位，下次登录须修改）：</source>
        <translation>Temporary password for {0} (at least 6 characters, to be changed at next sign-in):</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码并解除锁定。</source>
        <translation>Password of {0} reset and account unlocked.</translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>{0} 的新角色：</source>
        <translation>New role of {0}:</translation>
    </message>
    <message>
        <source>停用用户 {0}？停用后不能登录，历史记录保留。</source>
        <translation>Disable user {0}? They can no longer sign in; their history is kept.</translation>
    </message>
</context>
<context>
    <name>VillagesDialog</name>
    <message>
        <source>村、组和网格</source>
        <translation>Villages, groups and grids</translation>
    </message>
    <message>
        <source>新建村…</source>
        <translation>New village…</translation>
    </message>
    <message>
        <source>改村名…</source>
        <translation>Rename village…</translation>
    </message>
    <message>
        <source>村民小组</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>新增(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>改名(&amp;R)</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>新增网格</source>
        <translation>Add grid</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除网格</source>
        <translation>Delete grid</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{0}（{1} 户）</source>
        <translation>{0} ({1} households)</translation>
    </message>
    <message>
        <source>，网格员 {0}</source>
        <translation>, grid worker {0}</translation>
    </message>
    <message>
        <source>{0}（{1} 户{2}）</source>
        <translation>{0} ({1} households{2})</translation>
    </message>
    <message>
        <source>新建村</source>
        <translation>New village</translation>
    </message>
    <message>
        <source>村名：</source>
        <translation>Village name:</translation>
    </message>
    <message>
        <source>村代码（字母或数字，不能重复）：</source>
        <translation>Village code (letters or digits, unique):</translation>
    </message>
    <message>
        <source>改村名</source>
        <translation>Rename village</translation>
    </message>
    <message>
        <source>新村名：</source>
        <translation>New village name:</translation>
    </message>
    <message>
        <source>新增村民小组</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>小组名称（如“7组”）：</source>
        <translation>Group name (e.g. "Group 7"):</translation>
    </message>
    <message>
        <source>小组改名</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>删除村民小组“{0}”？</source>
        <translation>Delete group "{0}"?</translation>
    </message>
    <message>
        <source>网格名称：</source>
        <translation>Grid name:</translation>
    </message>
    <message>
        <source>网格员：</source>
        <translation>Grid worker:</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>删除网格“{0}”？其中的户不受影响，只是不再属于任何网格。</source>
        <translation>Delete grid "{0}"? Its households stay, they just no longer belong to a grid.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>连接设置…</source>
        <translation>Connection settings…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>正在检查数据库文件是否完好…</source>
        <translation>Checking that the database file is sound…</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>basket</name>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>单价（分）</source>
        <translation>Price (pts)</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>小计（分）</source>
        <translation>Subtotal (pts)</translation>
    </message>
</context>
<context>
    <name>buttons</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>claims</name>
    <message>
        <source>申报号</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>事迹</source>
        <translation>Deed</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>核实/评议</source>
        <translation>Check / decision</translation>
    </message>
</context>
<context>
    <name>cli.columns</name>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>累计积分</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Stars</translation>
    </message>
    <message>
        <source>组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>获星户</source>
        <translation>With stars</translation>
    </message>
    <message>
        <source>星数</source>
        <translation>Stars</translation>
    </message>
    <message>
        <source>分布</source>
        <translation>Spread</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>授星日期</source>
        <translation>Awarded on</translation>
    </message>
    <message>
        <source>授星人</source>
        <translation>Awarded by</translation>
    </message>
    <message>
        <source>摘星时间</source>
        <translation>Withdrawn on</translation>
    </message>
    <message>
        <source>摘星原因</source>
        <translation>Reason withdrawn</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>加分</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Deductions</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>年度上限</source>
        <translation>Yearly cap</translation>
    </message>
    <message>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Inspection item</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>参与户数</source>
        <translation>Taking part</translation>
    </message>
    <message>
        <source>参与率</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>户均积分</source>
        <translation>Average points</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>变更内容</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>记录号</source>
        <translation>Entry no.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>累计积分</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>户主身份证号</source>
        <translation>Head's ID number</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star names</translation>
    </message>
    <message>
        <source>表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>本年积分</source>
        <translation>Points this year</translation>
    </message>
    <message>
        <source>加分</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>记录条数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>异议号</source>
        <translation>Objection no.</translation>
    </message>
    <message>
        <source>积分记录号</source>
        <translation>Entry no.</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <source>异议内容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>处理理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>年度上限</source>
        <translation>Yearly cap</translation>
    </message>
    <message>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Inspection item</translation>
    </message>
    <message>
        <source>截止日</source>
        <translation>Cutoff</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>清零积分</source>
        <translation>Points cleared</translation>
    </message>
    <message>
        <source>执行人</source>
        <translation>Run by</translation>
    </message>
    <message>
        <source>执行时间</source>
        <translation>Run at</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <source>（暂无星级）</source>
        <translation>(no stars yet)</translation>
    </message>
</context>
<context>
    <name>dashboard_charts</name>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>db.connection</name>
    <message>
        <source>磁盘已满或无法写入（可用空间不足，或磁盘出错），本次操作没有保存，数据库保持原样。请清理磁盘、至少留出几百 MB 空间后重试；如果仍然出现，请检查硬盘。</source>
        <translation>The disk is full or cannot be written (too little free space, or a disk error); nothing was saved and the database is unchanged. Free some space (a few hundred MB at least) and try again; if it happens again, have the disk checked.</translation>
    </message>
    <message>
        <source>数据库所在的文件夹是只读的，本次操作没有保存。请检查文件权限。</source>
        <translation>The database's folder is read-only; nothing was saved. Please check the file permissions.</translation>
    </message>
    <message>
        <source>数据库正被另一台电脑或程序占用，本次操作没有保存。请稍等片刻后重试。</source>
        <translation>The database is busy with another computer or program; nothing was saved. Please wait a moment and try again.</translation>
    </message>
    <message>
        <source>搜索内容太长或太复杂，请缩短后再搜索。</source>
        <translation>The search is too long or too complex; please shorten it.</translation>
    </message>
    <message>
        <source>另一台电脑刚刚保存了相同的内容（编号或名称重复），本次操作没有保存。请刷新后查看，需要时再重试。</source>
        <translation>Another computer has just saved the same thing (a number or name already taken); nothing was saved. Refresh to see it, and try again if needed.</translation>
    </message>
    <message>
        <source>要保存的内容与已有数据冲突（可能刚被另一台电脑修改或删除），本次操作没有保存。请刷新后重试。</source>
        <translation>What you are saving conflicts with existing data (perhaps just changed or deleted on another computer); nothing was saved. Refresh and try again.</translation>
    </message>
    <message>
        <source>填写的数值太大或文字太长，数据库无法保存，本次操作没有保存。请检查后重新输入。</source>
        <translation>A number is too large or a text too long for the database; nothing was saved. Please check and enter it again.</translation>
    </message>
    <message>
        <source>与数据库服务器的连接已断开，本次操作没有保存。请检查网络后重试。</source>
        <translation>The connection to the database server was lost; nothing was saved. Please check the network and try again.</translation>
    </message>
    <message>
        <source>数据库操作失败，本次操作没有保存。请稍后重试；如果一再出现，请联系技术支持（详细信息已写入日志）。</source>
        <translation>The database operation failed and nothing was saved. Please try again later; if it keeps happening, contact support (details are in the log).</translation>
    </message>
</context>
<context>
    <name>db.roles</name>
    <message>
        <source>服务器上的数据库还是空的，需要先建表。本机连接用的账号“{0}”是日常使用的账号，没有建表的权限（这是为了防止有人改动或删除账本）。请管理员用数据库的所有者账号建表并授权：
pointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}
（详见 docs/postgresql.md）</source>
        <translation>The database on the server is still empty; its tables must be made first. The account this PC connects with, "{0}", is the daily account and may not create tables (so that nobody can alter or delete the ledger). The administrator creates them and grants the rights with the database owner's account:
pointsapp --db postgresql://OWNER:PASSWORD@SERVER/DATABASE pg-roles grant {0}
(see docs/postgresql.md)</translation>
    </message>
    <message>
        <source>数据库需要升级（结构版本 {1} → {2}），但本机连接用的账号“{0}”是日常使用的账号，没有修改表结构的权限（这是为了防止有人改动或删除账本）。请管理员用数据库的所有者账号升级一次：
pointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}
升级后各台电脑照常使用（详见 docs/postgresql.md）。</source>
        <translation>The database needs an upgrade (schema version {1} → {2}), but the account this PC connects with, "{0}", is the daily account and may not change the tables (so that nobody can alter or delete the ledger). The administrator upgrades it once with the database owner's account:
pointsapp --db postgresql://OWNER:PASSWORD@SERVER/DATABASE pg-roles grant {0}
After that every PC works as before (see docs/postgresql.md).</translation>
    </message>
    <message>
        <source>账号名或数据库名“{0}”不合适：只能用小写英文字母、数字和下划线，以字母开头。</source>
        <translation>The account or database name "{0}" is not suitable: use lower-case letters, digits and underscores only, starting with a letter.</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>录入员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>查看者</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>查看户籍</source>
        <translation>View households</translation>
    </message>
    <message>
        <source>修改户籍</source>
        <translation>Edit households</translation>
    </message>
    <message>
        <source>查看身份证号和电话</source>
        <translation>View ID numbers and phones</translation>
    </message>
    <message>
        <source>修改积分细则</source>
        <translation>Edit rules</translation>
    </message>
    <message>
        <source>录入积分</source>
        <translation>Record points</translation>
    </message>
    <message>
        <source>审核积分</source>
        <translation>Review points</translation>
    </message>
    <message>
        <source>冲正积分</source>
        <translation>Reverse points</translation>
    </message>
    <message>
        <source>登记异议</source>
        <translation>Register objection</translation>
    </message>
    <message>
        <source>处理异议</source>
        <translation>Handle objections</translation>
    </message>
    <message>
        <source>积分清零</source>
        <translation>Expire points</translation>
    </message>
    <message>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <source>作废当日兑换</source>
        <translation>Void today's redemptions</translation>
    </message>
    <message>
        <source>作废任意兑换</source>
        <translation>Void any redemption</translation>
    </message>
    <message>
        <source>库存管理</source>
        <translation>Manage stock</translation>
    </message>
    <message>
        <source>商品管理</source>
        <translation>Manage products</translation>
    </message>
    <message>
        <source>发卡补卡</source>
        <translation>Issue cards</translation>
    </message>
    <message>
        <source>星级评定</source>
        <translation>Evaluate stars</translation>
    </message>
    <message>
        <source>授星摘星</source>
        <translation>Award and withdraw stars</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>查看报表</source>
        <translation>View reports</translation>
    </message>
    <message>
        <source>查看操作日志</source>
        <translation>View audit log</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>Edit settings</translation>
    </message>
    <message>
        <source>每次</source>
        <translation>Each time</translation>
    </message>
    <message>
        <source>每月一次</source>
        <translation>Once a month</translation>
    </message>
    <message>
        <source>每年一次</source>
        <translation>Once a year</translation>
    </message>
    <message>
        <source>待公示</source>
        <translation>Awaiting notice</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On notice</translation>
    </message>
    <message>
        <source>已授星</source>
        <translation>Awarded</translation>
    </message>
    <message>
        <source>已重评作废</source>
        <translation>Voided by re-evaluation</translation>
    </message>
    <message>
        <source>不清零</source>
        <translation>Never expire</translation>
    </message>
    <message>
        <source>年底清零</source>
        <translation>Cleared at year end</translation>
    </message>
    <message>
        <source>用户与登录</source>
        <translation>Users and sign-in</translation>
    </message>
    <message>
        <source>户籍</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Household members</translation>
    </message>
    <message>
        <source>村与小组</source>
        <translation>Villages and groups</translation>
    </message>
    <message>
        <source>积分细则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>积分录入与审核</source>
        <translation>Points entry and review</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>积分卡</source>
        <translation>Points cards</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>账本指纹</source>
        <translation>Ledger fingerprint</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>恢复未通过检查的备份</source>
        <translation>Restore a backup that failed the check</translation>
    </message>
    <message>
        <source>授权日常数据库账号</source>
        <translation>Grant the daily database account</translation>
    </message>
    <message>
        <source>录入月度检查</source>
        <translation>Monthly inspection entered</translation>
    </message>
    <message>
        <source>作废全村积分卡</source>
        <translation>Village's cards revoked</translation>
    </message>
    <message>
        <source>新建积分类别</source>
        <translation>Category created</translation>
    </message>
    <message>
        <source>迁移数据库</source>
        <translation>Database moved</translation>
    </message>
    <message>
        <source>生成演示超市数据</source>
        <translation>Demo shop data generated</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Entries approved</translation>
    </message>
    <message>
        <source>撤销录入</source>
        <translation>Entry undone</translation>
    </message>
    <message>
        <source>新建网格</source>
        <translation>Grid created</translation>
    </message>
    <message>
        <source>删除网格</source>
        <translation>Delete grid</translation>
    </message>
    <message>
        <source>修改网格</source>
        <translation>Grid changed</translation>
    </message>
    <message>
        <source>新建村民小组</source>
        <translation>Group created</translation>
    </message>
    <message>
        <source>删除村民小组</source>
        <translation>Group deleted</translation>
    </message>
    <message>
        <source>小组改名</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <source>户归档</source>
        <translation>Household archived</translation>
    </message>
    <message>
        <source>删除户</source>
        <translation>Household deleted</translation>
    </message>
    <message>
        <source>导入户籍</source>
        <translation>Households imported</translation>
    </message>
    <message>
        <source>户迁移</source>
        <translation>Household moved</translation>
    </message>
    <message>
        <source>修改户标签</source>
        <translation>Household tags changed</translation>
    </message>
    <message>
        <source>户恢复在册</source>
        <translation>Household restored</translation>
    </message>
    <message>
        <source>导出积分账本</source>
        <translation>Ledger exported</translation>
    </message>
    <message>
        <source>添加家庭成员</source>
        <translation>Member added</translation>
    </message>
    <message>
        <source>修改家庭成员</source>
        <translation>Member changed</translation>
    </message>
    <message>
        <source>移除家庭成员</source>
        <translation>Member removed</translation>
    </message>
    <message>
        <source>公示结束</source>
        <translation>Notice closed</translation>
    </message>
    <message>
        <source>开始公示</source>
        <translation>Notice started</translation>
    </message>
    <message>
        <source>异议成立</source>
        <translation>Objection upheld</translation>
    </message>
    <message>
        <source>商品上架/下架</source>
        <translation>Product on/off sale</translation>
    </message>
    <message>
        <source>新建商品</source>
        <translation>Product created</translation>
    </message>
    <message>
        <source>修改商品</source>
        <translation>Edit product</translation>
    </message>
    <message>
        <source>作废兑换</source>
        <translation>Void redemption</translation>
    </message>
    <message>
        <source>导出花名册</source>
        <translation>Roster exported</translation>
    </message>
    <message>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>新建积分细则</source>
        <translation>Rule created</translation>
    </message>
    <message>
        <source>停用积分细则</source>
        <translation>Rule retired</translation>
    </message>
    <message>
        <source>新建星级</source>
        <translation>Star created</translation>
    </message>
    <message>
        <source>载入星级方案</source>
        <translation>Star scheme loaded</translation>
    </message>
    <message>
        <source>调整星级顺序</source>
        <translation>Stars reordered</translation>
    </message>
    <message>
        <source>修改星级</source>
        <translation>Edit star</translation>
    </message>
    <message>
        <source>摘星</source>
        <translation>Withdraw star</translation>
    </message>
    <message>
        <source>授星</source>
        <translation>Award stars</translation>
    </message>
    <message>
        <source>评星</source>
        <translation>Stars evaluated</translation>
    </message>
    <message>
        <source>评星结果公示</source>
        <translation>Star results on notice</translation>
    </message>
    <message>
        <source>重新评星</source>
        <translation>Evaluation replaced</translation>
    </message>
    <message>
        <source>调整评星建议</source>
        <translation>Star proposal adjusted</translation>
    </message>
    <message>
        <source>库存调整</source>
        <translation>Stock adjustment</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>输错密码锁定</source>
        <translation>Locked after wrong passwords</translation>
    </message>
    <message>
        <source>首次设置密码</source>
        <translation>First password set</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>停用用户</source>
        <translation>User disabled</translation>
    </message>
    <message>
        <source>启用用户</source>
        <translation>User enabled</translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>新建户</source>
        <translation>Household created</translation>
    </message>
    <message>
        <source>建村</source>
        <translation>Village created</translation>
    </message>
    <message>
        <source>发卡</source>
        <translation>Card issued</translation>
    </message>
    <message>
        <source>补卡</source>
        <translation>Reissue card</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>生成演示数据</source>
        <translation>Demo data created</translation>
    </message>
    <message>
        <source>发布账本指纹</source>
        <translation>Ledger fingerprint published</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>村集体经费采购</source>
        <translation>Bought with village funds</translation>
    </message>
    <message>
        <source>爱心捐赠</source>
        <translation>Donation</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>Stock in</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Stock out</translation>
    </message>
    <message>
        <source>调整</source>
        <translation>Adjust</translation>
    </message>
    <message>
        <source>兑换</source>
        <translation>Redemption</translation>
    </message>
    <message>
        <source>作废退回</source>
        <translation>Voided and returned</translation>
    </message>
    <message>
        <source>加分</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>清零</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>已生效</source>
        <translation>Effective</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>未设密码</source>
        <translation>No password set</translation>
    </message>
    <message>
        <source>需改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>兑换笔数</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>兑换积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>作废笔数</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>退回积分</source>
        <translation>Points returned</translation>
    </message>
    <message>
        <source>净积分</source>
        <translation>Net points</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>商品件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>条码</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>积分价</source>
        <translation>Price (pts)</translation>
    </message>
    <message>
        <source>预警数量</source>
        <translation>Low-stock level</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>采购入库</source>
        <translation>Bought in</translation>
    </message>
    <message>
        <source>捐赠入库</source>
        <translation>Donated</translation>
    </message>
    <message>
        <source>净兑出</source>
        <translation>Net out</translation>
    </message>
    <message>
        <source>调整与盘点</source>
        <translation>Adjustments and stocktakes</translation>
    </message>
    <message>
        <source>兑出数量</source>
        <translation>Quantity out</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>参与户数</source>
        <translation>Households taking part</translation>
    </message>
    <message>
        <source>参与率</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>星级户</source>
        <translation>Star households</translation>
    </message>
    <message>
        <source>检查批次</source>
        <translation>Inspection batches</translation>
    </message>
    <message>
        <source>记录条数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>A4 纵向</source>
        <translation>A4 portrait</translation>
    </message>
    <message>
        <source>A4 横向</source>
        <translation>A4 landscape</translation>
    </message>
    <message>
        <source>A3 公示栏</source>
        <translation>A3 notice board</translation>
    </message>
    <message>
        <source>A3 横向公示栏</source>
        <translation>A3 landscape notice board</translation>
    </message>
    <message>
        <source>公示榜默认隐藏姓名（只留姓）</source>
        <translation>Mask names on notices by default (surname only)</translation>
    </message>
    <message>
        <source>公示上印的监督电话（空：不印）</source>
        <translation>Supervision hotline printed on notices (empty: none)</translation>
    </message>
    <message>
        <source>公示栏红榜、黑榜各列几户（0：不分红黑榜）</source>
        <translation>Households on each of the honour roll and the warning list of a board notice (0: no such lists)</translation>
    </message>
    <message>
        <source>公示时显示为“爱心人士”的捐赠人（逗号分隔，按捐赠人意愿）</source>
        <translation>Donors shown as "A kind donor" on public lists, at their wish (comma-separated)</translation>
    </message>
    <message>
        <source>积分卡防伪密钥（每个安装独立生成，不显示）</source>
        <translation>Points card anti-forgery key (generated per installation, not shown)</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <source>修改清零规则</source>
        <translation>Expiry policy changed</translation>
    </message>
    <message>
        <source>修改村信息</source>
        <translation>Village changed</translation>
    </message>
    <message>
        <source>应收现金（元）</source>
        <translation>Cash expected (yuan)</translation>
    </message>
    <message>
        <source>点钞（元）</source>
        <translation>Counted (yuan)</translation>
    </message>
    <message>
        <source>差额（元）</source>
        <translation>Difference (yuan)</translation>
    </message>
    <message>
        <source>差额原因</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <source>现金（元）</source>
        <translation>Cash (yuan)</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>积分负债（元）</source>
        <translation>Points owed (yuan)</translation>
    </message>
    <message>
        <source>库存成本（元）</source>
        <translation>Stock at cost (yuan)</translation>
    </message>
    <message>
        <source>保质期预警天数（到期前多少天提醒）</source>
        <translation>Shelf life warning (days before expiry)</translation>
    </message>
    <message>
        <source>命令行默认操作员</source>
        <translation>Default operator of the command line</translation>
    </message>
    <message>
        <source>备份文件夹（空：数据目录下的 backups）</source>
        <translation>Backup folder (empty: backups in the data folder)</translation>
    </message>
    <message>
        <source>保留每日备份份数</source>
        <translation>Daily backups to keep</translation>
    </message>
    <message>
        <source>保留每周备份份数</source>
        <translation>Weekly backups to keep</translation>
    </message>
    <message>
        <source>保留每月备份份数</source>
        <translation>Monthly backups to keep</translation>
    </message>
    <message>
        <source>一年内上黑榜几次即摘星（0：不因黑榜摘星）</source>
        <translation>Black-board entries in a year that withdraw the stars (0: the black board withdraws none)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>中文字体文件（空：自动查找）</source>
        <translation>Chinese font file (empty: find automatically)</translation>
    </message>
    <message>
        <source>连续输错密码几次后锁定</source>
        <translation>Lock after this many wrong passwords in a row</translation>
    </message>
    <message>
        <source>锁定分钟数</source>
        <translation>Lockout minutes</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>成立（已冲正）</source>
        <translation>Upheld (reversed)</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>组别</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>家庭住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>党员户</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>脱贫户</source>
        <translation>Lifted from poverty</translation>
    </message>
    <message>
        <source>低保户</source>
        <translation>Basic allowance</translation>
    </message>
    <message>
        <source>五保户</source>
        <translation>Five guarantees</translation>
    </message>
    <message>
        <source>军属</source>
        <translation>Military family</translation>
    </message>
    <message>
        <source>乡贤</source>
        <translation>Village elder</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>记录号</source>
        <translation>Entry no.</translation>
    </message>
    <message>
        <source>户内序号</source>
        <translation>Seq. in household</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>细则代码</source>
        <translation>Rule code</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>计入累计积分</source>
        <translation>Counts as earned</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>冲正的记录号</source>
        <translation>Reverses entry</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>录入时间</source>
        <translation>Entered at</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>审核时间</source>
        <translation>Approved at</translation>
    </message>
    <message>
        <source>生效时间</source>
        <translation>Effective at</translation>
    </message>
    <message>
        <source>前一条校验值</source>
        <translation>Previous hash</translation>
    </message>
    <message>
        <source>校验值</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>已兑换</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>已下架</source>
        <translation>Off the shelf</translation>
    </message>
    <message>
        <source>缺货</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <source>库存不足</source>
        <translation>Low stock</translation>
    </message>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>变更内容</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>签到中</source>
        <translation>Checking in</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>刷卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>输入户号</source>
        <translation>Number typed</translation>
    </message>
    <message>
        <source>名册勾选</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>待组长核实</source>
        <translation>Awaiting group head</translation>
    </message>
    <message>
        <source>待评议</source>
        <translation>Awaiting meeting</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>新建活动</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>活动签到</source>
        <translation>Event check-in</translation>
    </message>
    <message>
        <source>取消活动签到</source>
        <translation>Event check-in cancelled</translation>
    </message>
    <message>
        <source>结束活动并记分</source>
        <translation>Close event and give points</translation>
    </message>
    <message>
        <source>登记申报</source>
        <translation>Record claim</translation>
    </message>
    <message>
        <source>组长核实申报</source>
        <translation>Claim checked by the group head</translation>
    </message>
    <message>
        <source>申报评议通过</source>
        <translation>Claim passed</translation>
    </message>
    <message>
        <source>申报评议不通过</source>
        <translation>Claim not passed</translation>
    </message>
    <message>
        <source>记录评议会</source>
        <translation>Review meeting recorded</translation>
    </message>
    <message>
        <source>评议会审议批次</source>
        <translation>Batch decided at a meeting</translation>
    </message>
    <message>
        <source>修改申报核实设置</source>
        <translation>Claim check setting changed</translation>
    </message>
    <message>
        <source>村民申报</source>
        <translation>Villagers' claims</translation>
    </message>
    <message>
        <source>评议会</source>
        <translation>Review meeting</translation>
    </message>
</context>
<context>
    <name>entry_import</name>
    <message>
        <source>积分录入表-{0}-{1}.xlsx</source>
        <translation>entry-sheet-{0}-{1}.xlsx</translation>
    </message>
    <message>
        <source>保存积分录入表</source>
        <translation>Save entry sheet</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在生成录入表…</source>
        <translation>Making the entry sheet…</translation>
    </message>
    <message>
        <source>已生成积分录入表（{0} 户）：{1}</source>
        <translation>Entry sheet made ({0} households): {1}</translation>
    </message>
</context>
<context>
    <name>events</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>每户</source>
        <translation>Per household</translation>
    </message>
    <message>
        <source>签到户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>签到方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>记分</source>
        <translation>Points</translation>
    </message>
</context>
<context>
    <name>meetings</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>参会人数</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>评议事项</source>
        <translation>Decisions</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>（已填写的内容仍保留，可以稍后重试。）</source>
        <translation>(What you entered is kept; you can try again later.)</translation>
    </message>
    <message>
        <source>程序内部错误：{0}。详细信息已写入日志文件 {1}，请联系技术支持。</source>
        <translation>Internal error: {0}. Details were written to the log file {1}; please contact support.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>户籍管理</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>积分录入</source>
        <translation>Record points</translation>
    </message>
    <message>
        <source>活动与评议</source>
        <translation>Events and claims</translation>
    </message>
    <message>
        <source>审核公示</source>
        <translation>Review and notice</translation>
    </message>
    <message>
        <source>积分超市</source>
        <translation>Points shop</translation>
    </message>
    <message>
        <source>排行榜</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <source>星级评定</source>
        <translation>Evaluate stars</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>pdf_files</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>periods</name>
    <message>
        <source>{0}年第{2}季度</source>
        <translation>Q{1} {0}</translation>
    </message>
    <message>
        <source>{0}年{2}半年</source>
        <translation>H{1} {0}</translation>
    </message>
    <message>
        <source>{0}年度</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>{0}年第{1}季度</source>
        <translation>Q{1} {0}</translation>
    </message>
    <message>
        <source>{0}年第{1}半年</source>
        <translation>H{1} {0}</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
</context>
<context>
    <name>picker</name>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
</context>
<context>
    <name>print_options</name>
    <message>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>不填：全部户；多个户号用空格或逗号分开</source>
        <translation>Empty = all; several numbers: spaces or commas</translation>
    </message>
    <message>
        <source>每页一张（制卡机，85.6×54 毫米）</source>
        <translation>One per page (card printer, 85.6×54 mm)</translation>
    </message>
    <message>
        <source>卡上印星级</source>
        <translation>Print stars on the card</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>补卡…</source>
        <translation>Reissue card…</translation>
    </message>
    <message>
        <source>卡片遗失或损坏：作废旧卡，补发新卡</source>
        <translation>Lost or damaged card: void the old card, issue a new one</translation>
    </message>
    <message>
        <source>正在准备积分卡…</source>
        <translation>Preparing points cards…</translation>
    </message>
    <message>
        <source>没有符合条件的在册户。</source>
        <translation>No registered households match.</translation>
    </message>
    <message>
        <source>积分卡 {0} 张，共 {1} 页</source>
        <translation>{0} points cards, {1} pages</translation>
    </message>
    <message>
        <source>积分卡</source>
        <translation>Points cards</translation>
    </message>
    <message>
        <source>积分卡.pdf</source>
        <translation>points_cards.pdf</translation>
    </message>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>隐藏姓名中间的字（张*丰）</source>
        <translation>Hide the middle characters of names (Zhang * Feng)</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>{0}积分公示榜，{1} 户</source>
        <translation>{0} points ranking, {1} households</translation>
    </message>
    <message>
        <source>积分公示榜</source>
        <translation>Points ranking notice</translation>
    </message>
    <message>
        <source>积分公示榜-{0}.pdf</source>
        <translation>points_ranking-{0}.pdf</translation>
    </message>
    <message>
        <source>请先选择村。</source>
        <translation>Choose a village first.</translation>
    </message>
    <message>
        <source>公示中的积分记录 {0} 条</source>
        <translation>{0} points entries on notice</translation>
    </message>
    <message>
        <source>积分公示名单</source>
        <translation>Points notice list</translation>
    </message>
    <message>
        <source>积分公示名单.pdf</source>
        <translation>points_notice.pdf</translation>
    </message>
    <message>
        <source>这一年还没有授星的村，按累计积分排名前几名发证</source>
        <translation>For villages without stars awarded this year, certificates go to the top households by points earned</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>未授星时取前</source>
        <translation>Top households when no stars</translation>
    </message>
    <message>
        <source>{0}年度证书 {1} 张</source>
        <translation>{1} certificates for {0}</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>证书-{0}.pdf</source>
        <translation>certificates-{0}.pdf</translation>
    </message>
    <message>
        <source>如 01001</source>
        <translation>e.g. 01001</translation>
    </message>
    <message>
        <source>请选择村并填写户号。</source>
        <translation>Choose a village and enter the household number.</translation>
    </message>
    <message>
        <source>{0} {1} 的积分明细，{2} 条</source>
        <translation>Points statement of {0} {1}: {2} entries</translation>
    </message>
    <message>
        <source>积分明细单</source>
        <translation>Points statement</translation>
    </message>
    <message>
        <source>正在计算账本指纹…</source>
        <translation>Computing the ledger fingerprint…</translation>
    </message>
    <message>
        <source>全部户</source>
        <translation>All households</translation>
    </message>
    <message>
        <source>按总分</source>
        <translation>By total</translation>
    </message>
    <message>
        <source>户类</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>通常是一个月，如 2026-10</source>
        <translation>Usually a month, e.g. 2026-10</translation>
    </message>
    <message>
        <source>红榜每类户数</source>
        <translation>Red board: households per heading</translation>
    </message>
    <message>
        <source>红黑榜</source>
        <translation>Red and black boards</translation>
    </message>
    <message>
        <source>{0}红黑榜：红榜 {1} 户次，黑榜 {2} 条</source>
        <translation>{0} red and black boards: {1} on the red board, {2} on the black board</translation>
    </message>
    <message>
        <source>红黑榜-{0}.pdf</source>
        <translation>red-black-board-{0}.pdf</translation>
    </message>
    <message>
        <source>积分明细单-{0}.pdf</source>
        <translation>points_statement-{0}.pdf</translation>
    </message>
    <message>
        <source>不填：全部捐赠人</source>
        <translation>Empty: every donor</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>{0}爱心捐赠公示，{1} 笔</source>
        <translation>Donations {0}: {1}</translation>
    </message>
    <message>
        <source>爱心捐赠公示</source>
        <translation>Public donation list</translation>
    </message>
    <message>
        <source>爱心捐赠公示-{0}.pdf</source>
        <translation>donations-{0}.pdf</translation>
    </message>
    <message>
        <source>{0}没有爱心捐赠记录，没有可打印的收据。</source>
        <translation>No donations were recorded in {0}; there are no receipts to print.</translation>
    </message>
    <message>
        <source>捐赠收据 {0} 张</source>
        <translation>{0} donation receipts</translation>
    </message>
    <message>
        <source>捐赠收据</source>
        <translation>Donation receipts</translation>
    </message>
    <message>
        <source>捐赠收据-{0}.pdf</source>
        <translation>donation-receipts-{0}.pdf</translation>
    </message>
    <message>
        <source>星级文明户证书</source>
        <translation>Star household certificates</translation>
    </message>
</context>
<context>
    <name>printing.cards</name>
    <message>
        <source>村民积分卡</source>
        <translation>Villager Points Card</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star names</translation>
    </message>
    <message>
        <source>卡号 {0}-{1}-{2}</source>
        <translation>Card {0}-{1}-{2}</translation>
    </message>
    <message>
        <source>凭卡到积分超市兑换 · 遗失请到村委会补办</source>
        <translation>Redeem at the points shop · If lost, ask the committee</translation>
    </message>
    <message>
        <source>村民积分卡（单张）</source>
        <translation>Villager Points Cards (one per page)</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>{0} 村民积分卡&#x3000;沿裁切线裁开&#x3000;第 {1} 页 共 {2} 页</source>
        <translation>{0} villager points cards　Cut along the crop marks　Page {1} of {2}</translation>
    </message>
    <message>
        <source>正在生成积分卡：第 {0} / {1} 页</source>
        <translation>Making cards: page {0} / {1}</translation>
    </message>
</context>
<context>
    <name>printing.certificates</name>
    <message>
        <source>正在确定获证户…</source>
        <translation>Finding the households to certify…</translation>
    </message>
    <message>
        <source>没有可以发证书的户：这一年还没有授星，也没有累计积分为正的户。</source>
        <translation>No household can get a certificate: no stars were awarded this year and no household has positive points.</translation>
    </message>
    <message>
        <source>{0}年度证书</source>
        <translation>Certificates {0}</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>正在生成证书：{0} / {1}</source>
        <translation>Making certificates: {0} / {1}</translation>
    </message>
    <message>
        <source>（盖章处）</source>
        <translation>(seal here)</translation>
    </message>
    <message>
        <source>荣&#x3000;誉&#x3000;证&#x3000;书</source>
        <translation>CERTIFICATE OF HONOUR</translation>
    </message>
    <message>
        <source>在{0}年度星级文明户评定中，经村民评议、村委会审核并公示，获得{1}，共 {2} 颗星，被评为</source>
        <translation>In the {0} star household evaluation, after review by the villagers and the committee and public notice, this household earned {1}, {2} stars in all, and is named</translation>
    </message>
    <message>
        <source>在{0}年度村民积分评比中，累计获得 {1} 分，位列全村第 {2} 名，表现突出，被评为</source>
        <translation>In the {0} villager points ranking, this household earned {1} points, placed {2} in the village and stood out, and is named</translation>
    </message>
    <message>
        <source>&lt;u&gt;{0}&lt;/u&gt; 户（{1}，户号 {2}）：</source>
        <translation>The household of &lt;u&gt;{0}&lt;/u&gt; ({1}, household no. {2}):</translation>
    </message>
    <message>
        <source>“{0}年度{1}”</source>
        <translation>“{1} {0}”</translation>
    </message>
    <message>
        <source>特发此证，以资鼓励。</source>
        <translation>This certificate is awarded in recognition.</translation>
    </message>
    <message>
        <source>证书编号：{0}</source>
        <translation>Certificate no.: {0}</translation>
    </message>
</context>
<context>
    <name>printing.credit_certificate</name>
    <message>
        <source>村民积分证明</source>
        <translation>Villager points certificate</translation>
    </message>
    <message>
        <source>{0}（{1} {2}）</source>
        <translation>{0} ({1} {2})</translation>
    </message>
    <message>
        <source>证明编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>出具日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>户主身份证号</source>
        <translation>Head's ID number</translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <source>{0} 人</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>获得积分</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>上黑榜次数</source>
        <translation>Black-board entries</translation>
    </message>
    <message>
        <source>{0} 年（截至{1}）</source>
        <translation>{0} (up to {1})</translation>
    </message>
    <message>
        <source>{0} 年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>户主未同意出具</source>
        <translation>not shown (no consent)</translation>
    </message>
    <message>
        <source>当前可用积分</source>
        <translation>Available points now</translation>
    </message>
    <message>
        <source>兹证明 {0}{1} {2} 户（户号 {3}）在本村村民积分制管理中的积分情况如下。本证明经户主同意出具，只载明户主同意出具的内容。</source>
        <translation>This certifies the points of the household of {2}, {0} {1} (household no. {3}), under the village's points system, as follows. Issued with the consent of the head of household, it shows only what the head consented to.</translation>
    </message>
    <message>
        <source>{0} 星（{1}）</source>
        <translation>{0} stars ({1})</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>现持有星级（星级文明户）：{0}</source>
        <translation>Stars held now (civil household): {0}</translation>
    </message>
    <message>
        <source>星级：户主未同意出具</source>
        <translation>Stars: not shown (no consent of the head of household)</translation>
    </message>
    <message>
        <source>黑榜记录（扣分且未冲正）：</source>
        <translation>Black-board entries (deductions not reversed):</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>黑榜记录：以上年度无黑榜记录。</source>
        <translation>Black board: no entries in these years.</translation>
    </message>
    <message>
        <source>黑榜记录：户主未同意出具</source>
        <translation>Black board: not shown (no consent of the head of household)</translation>
    </message>
    <message>
        <source>本村公钥短码：{0}</source>
        <translation>Village public key short code: {0}</translation>
    </message>
    <message>
        <source>扫码验证本证明</source>
        <translation>Scan to verify this certificate</translation>
    </message>
    <message>
        <source>二维码内含本证明的编号、户号、户主（隐去名字）、各年积分、可用积分、星级、黑榜次数和出具日期，由经办人的签名密钥签名，该密钥由本村根密钥登记。银行只需本村公钥即可验证：</source>
        <translation>The QR code holds the certificate no., household no., head (name masked), points per year, available points, stars, black-board entries and date of issue, signed with the issuing operator's key, which the village's root key registered. A bank verifies it with the village's public key alone:</translation>
    </message>
    <message>
        <source>经办人：{0}</source>
        <translation>Issued by: {0}</translation>
    </message>
    <message>
        <source>证明编号：{0}</source>
        <translation>Certificate no.: {0}</translation>
    </message>
    <message>
        <source>说明：“获得积分”为当年已生效的加分、扣分及其冲正之和；“可用积分”为出具日可在积分超市兑换的积分；身份证号只显示前 4 位和后 4 位。本证明以出具日的账本为准，二维码内容与纸面不符的，以二维码验证结果为准。</source>
        <translation>Notes: "points earned" is the sum of the year's effective awards, deductions and their reversals; "available points" can be spent at the points supermarket on the day of issue; ID numbers show only their first and last 4 characters. The ledger on the day of issue is what counts; where the paper and the verified QR code differ, the QR code is right.</translation>
    </message>
    <message>
        <source>&#x3000;本户的记录都在这个指纹所覆盖的账本中。</source>
        <translation>  This household's records are in the ledger this fingerprint covers.</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
</context>
<context>
    <name>printing.donations</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>捐赠人（单位）</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>捐赠物品</source>
        <translation>Goods donated</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>折合积分</source>
        <translation>Points value</translation>
    </message>
    <message>
        <source>正在读取爱心捐赠记录…</source>
        <translation>Reading the donations…</translation>
    </message>
    <message>
        <source>{0}{1}爱心捐赠公示</source>
        <translation>{0} Donations {1}</translation>
    </message>
    <message>
        <source>共 {0} 笔捐赠，折合 {1} 积分&#x3000;&#x3000;打印日期：{2}</source>
        <translation>{0} donations worth {1} points　　Printed: {2}</translation>
    </message>
    <message>
        <source>本期没有爱心捐赠记录。</source>
        <translation>No donations were recorded in this period.</translation>
    </message>
    <message>
        <source>{0}以下单位和个人向积分超市爱心捐赠物品，现予公示。捐赠物品全部用于村民积分兑换。折合积分按商品现行兑换价计算（按现价折合积分）。</source>
        <translation>{0}: the businesses and people below donated goods to the points shop; this list makes them public. All donated goods go to villagers redeeming their points. Points values are at the current price of each product.</translation>
    </message>
    <message>
        <source>&lt;font color=&apos;#c8102e&apos;&gt;■&lt;/font&gt; 按捐赠人合计</source>
        <translation>&lt;font color='#c8102e'&gt;■&lt;/font&gt; Totals by donor</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Donations</translation>
    </message>
    <message>
        <source>合计（{0} 位捐赠人）</source>
        <translation>Total ({0} donors)</translation>
    </message>
    <message>
        <source>衷心感谢以上爱心单位和人士对本村积分制管理和乡风文明建设的关心与支持！</source>
        <translation>Our heartfelt thanks to every donor above for supporting the points system and a civil village life!</translation>
    </message>
    <message>
        <source>如对公示内容有疑问，请向村委会办公室反映。</source>
        <translation>Questions about this list: please ask the village committee office.</translation>
    </message>
    <message>
        <source>爱心捐赠收据</source>
        <translation>Donation Receipt</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>{0}积分超市</source>
        <translation>{0} Points Shop</translation>
    </message>
    <message>
        <source>收据编号：{0}</source>
        <translation>Receipt no.: {0}</translation>
    </message>
    <message>
        <source>兹收到 &lt;u&gt;{0}&lt;/u&gt; 向{1}积分超市爱心捐赠以下物品：</source>
        <translation>Received from &lt;u&gt;{0}&lt;/u&gt;, as a donation to the {1} points shop, the following goods:</translation>
    </message>
    <message>
        <source>折合积分按商品现行兑换价计算（按现价折合积分，{0} 积分/{1}）。</source>
        <translation>The points value is at the current price of the product ({0} points per {1}).</translation>
    </message>
    <message>
        <source>捐赠物品将全部用于村民积分兑换。衷心感谢您对乡风文明建设的关心与支持！</source>
        <translation>All donated goods go to villagers redeeming their points. Thank you for supporting a civil village life!</translation>
    </message>
    <message>
        <source>捐赠日期：{0}</source>
        <translation>Donated on: {0}</translation>
    </message>
    <message>
        <source>经手人：{0}</source>
        <translation>Received by: {0}</translation>
    </message>
    <message>
        <source>（盖章）</source>
        <translation>(seal)</translation>
    </message>
</context>
<context>
    <name>printing.event_sheet</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>签到方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>签到时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>本人签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>不计分：{0}</source>
        <translation>No points: {0}</translation>
    </message>
    <message>
        <source>待结束时计分</source>
        <translation>Points when closed</translation>
    </message>
    <message>
        <source>{0}活动签到表</source>
        <translation>{0} event sign-in sheet</translation>
    </message>
    <message>
        <source>名额 {0} 户</source>
        <translation>Limit {0} households</translation>
    </message>
    <message>
        <source>不限名额</source>
        <translation>No limit of households</translation>
    </message>
    <message>
        <source>活动日期：{0}&#x3000;&#x3000;地点：{1}&#x3000;&#x3000;状态：{2}</source>
        <translation>Date: {0}    Place: {1}    State: {2}</translation>
    </message>
    <message>
        <source>积分细则：{0} {1}&#x3000;&#x3000;每户 {2} 分&#x3000;&#x3000;{3}&#x3000;&#x3000;已签到 {4} 户</source>
        <translation>Rule: {0} {1}    {2} points per household    {3}    {4} households checked in</translation>
    </message>
    <message>
        <source>登记人（签字）</source>
        <translation>Clerk (signature)</translation>
    </message>
    <message>
        <source>活动负责人（签字）</source>
        <translation>Person in charge (signature)</translation>
    </message>
</context>
<context>
    <name>printing.fonts</name>
    <message>
        <source>找不到中文 TrueType 字体（如微软雅黑、宋体、文泉驿微米黑），无法生成 PDF。请安装中文字体，或在设置中指定字体文件。</source>
        <translation>No Chinese TrueType font was found (such as Microsoft YaHei, SimSun or WenQuanYi Micro Hei), so no PDF can be made. Install a Chinese font, or choose a font file in the settings.</translation>
    </message>
    <message>
        <source>{0}（缺字 {1}）</source>
        <translation>{0} (missing {1})</translation>
    </message>
    <message>
        <source>以下名称中有字无法打印（显示为空白），请手写补全：{0}</source>
        <translation>Some names hold characters no font can print (left blank); please write them in by hand: {0}</translation>
    </message>
</context>
<context>
    <name>printing.inspection_sheet</name>
    <message>
        <source>{0}{1}月度卫生检查表</source>
        <translation>{0} {1}: monthly hygiene inspection sheet</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>检查月份：{0}&#x3000;&#x3000;共 {1} 户&#x3000;&#x3000;合格的项目在方框内打“√”，不合格的打“×”，未检查的留空；回到办公室后在“积分录入→月度检查”中逐户录入。</source>
        <translation>Month: {0}    {1} households    Tick (√) each item that passes, cross (×) one that fails, leave unchecked ones blank; back at the office, type the sheet in under Entries → Monthly inspection.</translation>
    </message>
    <message>
        <source>检查人（签字）：＿＿＿＿＿＿＿＿&#x3000;&#x3000;检查日期：＿＿＿＿年＿＿月＿＿日&#x3000;&#x3000;录入人：＿＿＿＿＿＿＿＿&#x3000;&#x3000;录入日期：＿＿＿＿年＿＿月＿＿日</source>
        <translation>Inspector (signature): ________    Date: ____-__-__    Typed in by: ________    Date: ____-__-__</translation>
    </message>
</context>
<context>
    <name>printing.manual</name>
    <message>
        <source>使用手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
</context>
<context>
    <name>printing.minutes</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>评议事项</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务/身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>签字</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>{0} 条 {1:+d}</source>
        <translation>{0} entries {1:+d}</translation>
    </message>
    <message>
        <source>{0}积分评议会记录</source>
        <translation>{0} review meeting minutes</translation>
    </message>
    <message>
        <source>会议时间：{0}</source>
        <translation>Date: {0}</translation>
    </message>
    <message>
        <source>会议地点：{0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>主持人：{0}&#x3000;&#x3000;记录人：{1}</source>
        <translation>Chair: {0}    Recorder: {1}</translation>
    </message>
    <message>
        <source>参会人员（{0} 人）：{1}</source>
        <translation>Attendees ({0}): {1}</translation>
    </message>
    <message>
        <source>会议情况：{0}</source>
        <translation>Summary: {0}</translation>
    </message>
    <message>
        <source>&lt;font color=&apos;#c8102e&apos;&gt;■&lt;/font&gt; 评议事项及结果</source>
        <translation>&lt;font color='#c8102e'&gt;■&lt;/font&gt; Matters decided</translation>
    </message>
    <message>
        <source>共评议 {0} 项：通过 {1} 项，不通过 {2} 项。</source>
        <translation>{0} matters decided: {1} passed, {2} not passed.</translation>
    </message>
    <message>
        <source>本次会议没有评议事项。</source>
        <translation>The meeting decided nothing.</translation>
    </message>
    <message>
        <source>&lt;font color=&apos;#c8102e&apos;&gt;■&lt;/font&gt; 参会人员签到</source>
        <translation>&lt;font color='#c8102e'&gt;■&lt;/font&gt; Attendance and signatures</translation>
    </message>
    <message>
        <source>主持人（签字）</source>
        <translation>Chair (signature)</translation>
    </message>
    <message>
        <source>记录人（签字）</source>
        <translation>Recorder (signature)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>printing.notice_list</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>加/扣分</source>
        <translation>± Points</translation>
    </message>
    <message>
        <source>发生日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>正在读取公示中的积分…</source>
        <translation>Reading the entries on notice…</translation>
    </message>
    <message>
        <source>{0}的积分录入后直接生效，不经审核公示，没有公示名单可打印。</source>
        <translation>{0} takes entries into effect at once, without review or public notice: there is no notice list to print.</translation>
    </message>
    <message>
        <source>{0}积分公示名单</source>
        <translation>{0} points on public notice</translation>
    </message>
    <message>
        <source>村委会办公室</source>
        <translation>the village committee office</translation>
    </message>
    <message>
        <source>共 {0} 条积分记录正在公示&#x3000;&#x3000;打印日期：{1}</source>
        <translation>{0} entries on public notice　　Printed: {1}</translation>
    </message>
    <message>
        <source>以下积分记录已经审核，现予公示。公示期满无异议的，积分正式生效；公示期内如有异议，请在公示截止日前向&lt;font color=&apos;#c8102e&apos;&gt;{0}&lt;/font&gt;提出（写明户主、事项和理由），村委会核实后答复，异议成立的予以冲正。</source>
        <translation>The following entries have been reviewed and are now on public notice. Entries without objection take effect when the notice ends. To object, contact &lt;font color='#c8102e'&gt;{0}&lt;/font&gt; before the deadline (name the head of household, the item and your reason); the committee checks and answers, and upheld objections are reversed.</translation>
    </message>
    <message>
        <source>目前没有正在公示的积分记录。</source>
        <translation>No entries are on public notice now.</translation>
    </message>
    <message>
        <source>{0}至{1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>&lt;font color=&apos;#c8102e&apos;&gt;■&lt;/font&gt; {0}&#x3000;&lt;font size=9 color=&apos;#6b6b6b&apos;&gt;公示期：{1}&#x3000;异议截止：{2}&#x3000;共 {3} 条&lt;/font&gt;</source>
        <translation>&lt;font color='#c8102e'&gt;■&lt;/font&gt; {0}　&lt;font size=9 color='#6b6b6b'&gt;Notice: {1}　Objections until: {2}　{3} entries&lt;/font&gt;</translation>
    </message>
    <message>
        <source>异议截止日期：{0}。</source>
        <translation>Objections until {0}. </translation>
    </message>
    <message>
        <source>异议受理：{0}。</source>
        <translation>Objections to: {0}.</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
</context>
<context>
    <name>printing.page</name>
    <message>
        <source>CJK</source>
        <translation>words</translation>
    </message>
    <message>
        <source>纸张“{0}”不支持，可选：{1}。</source>
        <translation>Paper "{0}" is not supported; choose one of: {1}.</translation>
    </message>
    <message>
        <source>第 {0} 页 共 {1} 页</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>打印日期：{0}</source>
        <translation>Printed: {0}</translation>
    </message>
    <message>
        <source>账本指纹：{0}（共 {1} 条）</source>
        <translation>Ledger fingerprint: {0} ({1} rows)</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>（盖章）</source>
        <translation>(seal)</translation>
    </message>
    <message>
        <source>监督电话：{0}</source>
        <translation>Supervision hotline: {0}</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
</context>
<context>
    <name>printing.plaque</name>
    <message>
        <source>{0}星级文明户</source>
        <translation>{1}-Star Model Household</translation>
    </message>
    <message>
        <source>{0}{1}&#x3000;户主：{2}&#x3000;户号：{3}</source>
        <translation>{0} {1}　Head: {2}　Household no.: {3}</translation>
    </message>
    <message>
        <source>{0}评定</source>
        <translation>Awarded for {0}</translation>
    </message>
    <message>
        <source>{0}村民委员会&#x3000;{1}</source>
        <translation>{0} Villagers' Committee　{1}</translation>
    </message>
    <message>
        <source>纸张只能是 {0}。</source>
        <translation>The paper must be {0}.</translation>
    </message>
    <message>
        <source>{0}没有获星的户，无法打印星级牌。</source>
        <translation>No household holds stars for {0}; there are no plaques to print.</translation>
    </message>
    <message>
        <source>{0}星级牌</source>
        <translation>Star plaques {0}</translation>
    </message>
</context>
<context>
    <name>printing.ranking</name>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>各村村民委员会</source>
        <translation>The villagers' committees</translation>
    </message>
    <message>
        <source>本村村委会</source>
        <translation>your village committee</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
    <message>
        <source>村委会办公室</source>
        <translation>the village committee office</translation>
    </message>
    <message>
        <source>正在计算排名…</source>
        <translation>Computing ranking…</translation>
    </message>
    <message>
        <source>正在排版 {0} 户…</source>
        <translation>Laying out {0} households…</translation>
    </message>
    <message>
        <source>{0}{1}村民积分公示榜</source>
        <translation>{0} Villager Points Ranking, {1}</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star names</translation>
    </message>
    <message>
        <source>本期没有在册的户。</source>
        <translation>No registered households in this period.</translation>
    </message>
    <message>
        <source>统计期间：{0}至{1}&#x3000;&#x3000;发布日期：{2}</source>
        <translation>Period: {0} to {1}　　Published: {2}</translation>
    </message>
    <message>
        <source>红榜</source>
        <translation>Honour roll</translation>
    </message>
    <message>
        <source>黑榜</source>
        <translation>Warning list</translation>
    </message>
    <message>
        <source>说明：积分按已生效的加分、扣分记录统计；合计相同者，扣分少的在前，再按加分多少排列，仍相同的名次并列。</source>
        <translation>Note: points count effective awards and deductions. On equal totals, fewer deductions rank first, then more awards; households still equal share the rank.</translation>
    </message>
    <message>
        <source>各类别积分见 A4 公示榜。</source>
        <translation>Points per category: see the A4 ranking notice.</translation>
    </message>
    <message>
        <source>为保护隐私，户主姓名只留姓氏。</source>
        <translation>For privacy, only the head's surname is shown.</translation>
    </message>
    <message>
        <source>&lt;font color=&apos;#c8102e&apos;&gt;公示期：&lt;/font&gt;{0}至{1}（共 {2} 天）。公示期内如对积分有异议，请向&lt;font color=&apos;#c8102e&apos;&gt;{3}&lt;/font&gt;反映，村委会将在核实后答复。</source>
        <translation>&lt;font color='#c8102e'&gt;Public notice: &lt;/font&gt;{0} to {1} ({2} days). If you object to any points during the notice, tell &lt;font color='#c8102e'&gt;{3}&lt;/font&gt;; the committee will check and answer.</translation>
    </message>
</context>
<context>
    <name>printing.receipt</name>
    <message>
        <source>积分超市兑换小票</source>
        <translation>Points Shop Receipt</translation>
    </message>
    <message>
        <source>小票纸宽只能是 58 毫米或 80 毫米。</source>
        <translation>The receipt paper must be 58 mm or 80 mm wide.</translation>
    </message>
    <message>
        <source>【补打】{0:%Y-%m-%d %H:%M}</source>
        <translation>[REPRINT] {0:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>单号：{0}</source>
        <translation>No.: {0}</translation>
    </message>
    <message>
        <source>时间：{0:%Y-%m-%d %H:%M:%S}</source>
        <translation>Time: {0:%Y-%m-%d %H:%M:%S}</translation>
    </message>
    <message>
        <source>户号：{0}  户主：{1}</source>
        <translation>Household: {0}  Head: {1}</translation>
    </message>
    <message>
        <source>小组：{0}</source>
        <translation>Group: {0}</translation>
    </message>
    <message>
        <source>收银员：{0}</source>
        <translation>Cashier: {0}</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>{0}{1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>合计：{0} 分</source>
        <translation>Total: {0} points</translation>
    </message>
    <message>
        <source>积分支付：{0} 分</source>
        <translation>Paid in points: {0}</translation>
    </message>
    <message>
        <source>现金支付：{0} 元（{1} 分）</source>
        <translation>Paid in cash: {0} yuan ({1} points)</translation>
    </message>
    <message>
        <source>【已作废】</source>
        <translation>[VOIDED]</translation>
    </message>
    <message>
        <source>作废原因：{0}</source>
        <translation>Reason for voiding: {0}</translation>
    </message>
    <message>
        <source>已退还积分 {0} 分、现金 {1} 元</source>
        <translation>Given back: {0} points and {1} yuan cash</translation>
    </message>
    <message>
        <source>剩余可用积分：{0} 分</source>
        <translation>Points left: {0}</translation>
    </message>
    <message>
        <source>文明新风 积分兑换 谢谢惠顾</source>
        <translation>Thank you for taking part</translation>
    </message>
</context>
<context>
    <name>printing.red_black</name>
    <message>
        <source>正在整理红黑榜…</source>
        <translation>Preparing the red and black boards…</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>本类积分</source>
        <translation>Points in heading</translation>
    </message>
    <message>
        <source>本期没有加分的户。</source>
        <translation>No household earned points in this period.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>扣分事项</source>
        <translation>Deducted for</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>本年 第几次</source>
        <translation>Times this year</translation>
    </message>
    <message>
        <source>{0}月{1}日</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <source>本期没有扣分记录。</source>
        <translation>No deductions in this period.</translation>
    </message>
    <message>
        <source>{0}{1}红黑榜</source>
        <translation>{0} red and black boards, {1}</translation>
    </message>
    <message>
        <source>各类别本期积分最高的 {0} 户（同分并列）。</source>
        <translation>The {0} households with the most points under each heading (ties share a place).</translation>
    </message>
    <message>
        <source>本期有扣分记录的户及扣分事项（已冲正的不列）。</source>
        <translation>Households with deductions in this period and what they were for (reversed deductions are not listed).</translation>
    </message>
    <message>
        <source>说明：按已生效的加分、扣分记录统计；“本年第几次”为该户本年上黑榜的次数。</source>
        <translation>Note: counted from effective awards and deductions; "Times this year" is how often the household has been on the black board this year.</translation>
    </message>
    <message>
        <source>本榜只列{0}。</source>
        <translation>Only {0} households are listed.</translation>
    </message>
</context>
<context>
    <name>printing.report_pdf</name>
    <message>
        <source>各村加分与扣分（{0}）</source>
        <translation>Awards and deductions by village ({0})</translation>
    </message>
    <message>
        <source>加分</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>{0}月</source>
        <translation>{1}</translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation>Villager Points System</translation>
    </message>
    <message>
        <source>近12个月各类别积分趋势（全镇）</source>
        <translation>Points by category, last 12 months (whole township)</translation>
    </message>
    <message>
        <source>各类别每月积分</source>
        <translation>Points by category and month</translation>
    </message>
    <message>
        <source>无法保存文件“{0}”：{1}</source>
        <translation>Could not save the file "{0}": {1}</translation>
    </message>
</context>
<context>
    <name>printing.statement</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>累计积分</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>正在读取积分明细…</source>
        <translation>Reading the entries…</translation>
    </message>
    <message>
        <source>村民积分明细单</source>
        <translation>Villager Points Statement</translation>
    </message>
    <message>
        <source>{0}（{1} {2}）</source>
        <translation>{0} ({1} {2})</translation>
    </message>
    <message>
        <source>{0}（{1}至{2}）</source>
        <translation>{0} ({1} to {2})</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All entries</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>上期结转</source>
        <translation>Brought forward</translation>
    </message>
    <message>
        <source>&#x3000;本户的记录都在这个指纹所覆盖的账本中；用“pointsapp check --fingerprint 指纹”可核对打印之后账本只有追加、没有改动。</source>
        <translation> This household's rows are part of the ledger this fingerprint covers; "pointsapp check --fingerprint CODE" proves the ledger was only appended to after this was printed.</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
    <message>
        <source>本期间没有积分记录。</source>
        <translation>No entries in this period.</translation>
    </message>
    <message>
        <source>期末累计积分</source>
        <translation>Points earned at end</translation>
    </message>
    <message>
        <source>期末可用积分</source>
        <translation>Points available at end</translation>
    </message>
    <message>
        <source>本期记录</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>{0} 条</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>说明：“累计积分”只计已生效的加分、扣分及其冲正，兑换不减少累计积分；“可用积分”为可在积分超市兑换的积分。灰色行为尚未生效（待审核、公示中）或未通过的记录，不计入余额。</source>
        <translation>Note: "Points earned" counts only effective awards, deductions and their reversals; redemptions do not reduce it. "Points available" can be spent at the points shop. Grey rows are not yet effective (awaiting review, on notice) or were rejected, and do not count in the balances.</translation>
    </message>
    <message>
        <source>账链校验值：&lt;font name=&apos;{0}&apos; size=7&gt;{1}&lt;/font&gt;</source>
        <translation>Ledger chain check value: &lt;font name='{0}' size=7&gt;{1}&lt;/font&gt;</translation>
    </message>
    <message>
        <source>（尚无记录）</source>
        <translation>(no entries yet)</translation>
    </message>
    <message>
        <source>本明细单由系统生成。账链校验值是该户最新一条积分记录的哈希值，可与系统中的记录核对，确认明细未被改动。</source>
        <translation>This statement was made by the system. The check value is the hash of the household's latest entry; compare it with the system to confirm the statement was not altered.</translation>
    </message>
</context>
<context>
    <name>services.audit</name>
    <message>
        <source>导出文件名必须以 .xlsx 结尾。</source>
        <translation>The export file name must end in .xlsx.</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Could not write the file {0}: {1}</translation>
    </message>
</context>
<context>
    <name>services.audit_names</name>
    <message>
        <source>户 {0}（{1}）</source>
        <translation>Household {0} ({1})</translation>
    </message>
    <message>
        <source>户 {0}</source>
        <translation>Household {0}</translation>
    </message>
    <message>
        <source>{0} 公示 {1}</source>
        <translation>{0} notice {1}</translation>
    </message>
</context>
<context>
    <name>services.audit_nouns</name>
    <message>
        <source>积分类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>月度检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>评星</source>
        <translation>Star evaluation</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>积分记录</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>兑换</source>
        <translation>Redemption</translation>
    </message>
    <message>
        <source>评星建议</source>
        <translation>Star proposal</translation>
    </message>
    <message>
        <source>授星</source>
        <translation>Star award</translation>
    </message>
    <message>
        <source>数据库备份</source>
        <translation>Database backup</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>积分账本</source>
        <translation>Points ledger</translation>
    </message>
    <message>
        <source>积分超市</source>
        <translation>Points shop</translation>
    </message>
    <message>
        <source>积分卡</source>
        <translation>Points cards</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>账本指纹</source>
        <translation>Ledger fingerprint</translation>
    </message>
    <message>
        <source>积分清零</source>
        <translation>Points expiry</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
</context>
<context>
    <name>services.audit_words</name>
    <message>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>积分记录</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>成员人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid keeper</translation>
    </message>
    <message>
        <source>异议联系方式</source>
        <translation>Objection contact</translation>
    </message>
    <message>
        <source>卡序号</source>
        <translation>Card serial</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>换下的卡</source>
        <translation>Cards replaced</translation>
    </message>
    <message>
        <source>卡数</source>
        <translation>Cards</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>含个人信息</source>
        <translation>Holds personal data</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>细则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>发生日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>附证明材料</source>
        <translation>Evidence attached</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>公示开始</source>
        <translation>Notice from</translation>
    </message>
    <message>
        <source>公示结束</source>
        <translation>Notice until</translation>
    </message>
    <message>
        <source>生效条数</source>
        <translation>Entries effective</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>冲正记录</source>
        <translation>Reversal</translation>
    </message>
    <message>
        <source>清零返还积分</source>
        <translation>Cleared points given back</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>调整数量</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>盘点商品数</source>
        <translation>Products counted</translation>
    </message>
    <message>
        <source>盘点差异</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>评星建议数</source>
        <translation>Proposals</translation>
    </message>
    <message>
        <source>达标数</source>
        <translation>Qualified</translation>
    </message>
    <message>
        <source>授星</source>
        <translation>Star award</translation>
    </message>
    <message>
        <source>调整理由</source>
        <translation>Reason for adjustment</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>评星</source>
        <translation>Star evaluation</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>评定标准</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>授星数</source>
        <translation>Stars awarded</translation>
    </message>
    <message>
        <source>当前评星</source>
        <translation>Current evaluation</translation>
    </message>
    <message>
        <source>摘星时间</source>
        <translation>Withdrawn at</translation>
    </message>
    <message>
        <source>清零规则</source>
        <translation>Expiry rule</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Cut-off date</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>连续输错次数</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <source>锁定到</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First setting</translation>
    </message>
    <message>
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <source>年数</source>
        <translation>Years</translation>
    </message>
    <message>
        <source>证明编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>校验值</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>户主同意</source>
        <translation>Head's consent</translation>
    </message>
    <message>
        <source>黑榜记录</source>
        <translation>Black board</translation>
    </message>
    <message>
        <source>村数</source>
        <translation>Villages</translation>
    </message>
    <message>
        <source>目标数据库</source>
        <translation>Target database</translation>
    </message>
    <message>
        <source>问题数</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>年度上限</source>
        <translation>Yearly cap</translation>
    </message>
    <message>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Inspection item</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>条码</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>低库存提醒</source>
        <translation>Low-stock warning</translation>
    </message>
    <message>
        <source>保质期（天）</source>
        <translation>Shelf life (days)</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>替换原有星级</source>
        <translation>Replaces the stars</translation>
    </message>
    <message>
        <source>新增成员</source>
        <translation>Members added</translation>
    </message>
    <message>
        <source>更新成员</source>
        <translation>Members updated</translation>
    </message>
    <message>
        <source>移除成员</source>
        <translation>Members removed</translation>
    </message>
    <message>
        <source>商品数</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>兑换笔数</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>库存变动数</source>
        <translation>Stock moves</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>新增户</source>
        <translation>Households added</translation>
    </message>
    <message>
        <source>更新户</source>
        <translation>Households updated</translation>
    </message>
    <message>
        <source>无变化户</source>
        <translation>Households unchanged</translation>
    </message>
    <message>
        <source>新增人</source>
        <translation>People added</translation>
    </message>
    <message>
        <source>更新人</source>
        <translation>People updated</translation>
    </message>
    <message>
        <source>无变化人</source>
        <translation>People unchanged</translation>
    </message>
    <message>
        <source>删除人</source>
        <translation>People removed</translation>
    </message>
    <message>
        <source>新建小组</source>
        <translation>Groups created</translation>
    </message>
    <message>
        <source>新建村</source>
        <translation>Village created</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>最低积分</source>
        <translation>Minimum points</translation>
    </message>
    <message>
        <source>无一票否决</source>
        <translation>No veto</translation>
    </message>
    <message>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>异议成立</source>
        <translation>Upheld</translation>
    </message>
    <message>
        <source>异议不成立</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已兑换</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>{0} → {1}</source>
        <translation>{0} → {1}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>{0} · 成员 {1}</source>
        <translation>{0} · member {1}</translation>
    </message>
    <message>
        <source>{0} · {1} 条积分记录</source>
        <translation>{0} · {1} entries</translation>
    </message>
    <message>
        <source>{0} 条积分记录</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>{0} · 积分记录 {1}</source>
        <translation>{0} · entry {1}</translation>
    </message>
    <message>
        <source>户 {0}（已删除）</source>
        <translation>Household {0} (deleted)</translation>
    </message>
    <message>
        <source>{0}（已删除）</source>
        <translation>{0} (deleted)</translation>
    </message>
    <message>
        <source>#{0}</source>
        <translation>#{0}</translation>
    </message>
    <message>
        <source>{0} 条</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>…等 {0} 项</source>
        <translation>… ({0} in all)</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>services.auth</name>
    <message>
        <source>请先登录后再操作。</source>
        <translation>Please sign in first.</translation>
    </message>
    <message>
        <source>当前用户 {0}（{1}）没有“{2}”的权限。</source>
        <translation>The current user {0} ({1}) may not "{2}".</translation>
    </message>
</context>
<context>
    <name>services.awards</name>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>services.backup</name>
    <message>
        <source>没有打开数据库。</source>
        <translation>No database is open.</translation>
    </message>
    <message>
        <source>文件不存在：{0}</source>
        <translation>File not found: {0}</translation>
    </message>
    <message>
        <source>{0} 不是数据库文件（也不是本程序的备份）。</source>
        <translation>{0} is not a database file (nor a backup of this program).</translation>
    </message>
    <message>
        <source>{0} 已损坏（完整性检查发现 {1} 处问题）。</source>
        <translation>{0} is damaged (the integrity check found {1} problems).</translation>
    </message>
    <message>
        <source>{0} 不是村民积分管理系统的数据库。</source>
        <translation>{0} is not a Villager Points database.</translation>
    </message>
    <message>
        <source>{0} 已损坏，无法读取。</source>
        <translation>{0} is damaged and cannot be read.</translation>
    </message>
    <message>
        <source>{0} 的数据库版本（{1}）比本程序（{2}）新，请先升级程序。</source>
        <translation>The database version of {0} ({1}) is newer than this program ({2}); please update the program first.</translation>
    </message>
    <message>
        <source>无法写入 {0}：{1}。请检查磁盘空间和文件夹权限。</source>
        <translation>Could not write {0}: {1}. Check the disk space and folder permissions.</translation>
    </message>
    <message>
        <source>无法写入备份 {0}：{1}。请检查磁盘空间和文件夹权限。</source>
        <translation>Could not write the backup {0}: {1}. Check the disk space and folder permissions.</translation>
    </message>
    <message>
        <source>数据库 {0} 已损坏，无法备份（{1}）。</source>
        <translation>The database {0} is damaged and cannot be backed up ({1}).</translation>
    </message>
    <message>
        <source>这是 PostgreSQL 数据库，请用 pg_dump/pg_restore 备份与恢复。</source>
        <translation>This is a PostgreSQL database; back it up and restore it with pg_dump/pg_restore.</translation>
    </message>
    <message>
        <source>数据库文件 {0} 正被另一个程序打开（例如杀毒软件、另一个本程序窗口或另一台电脑），无法替换，现在的数据库没有改变。请关闭其他程序后再恢复。</source>
        <translation>The database file {0} is open in another program (an antivirus, another window of this program or another computer), so it cannot be replaced; the current database is unchanged. Close the other program and restore again.</translation>
    </message>
</context>
<context>
    <name>services.black_board</name>
    <message>
        <source>没有设置“一年内上黑榜几次即摘星”，请先在常规设置里填写次数。</source>
        <translation>The number of black-board entries that withdraws stars is not set; fill it in under General settings first.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
</context>
<context>
    <name>services.cards</name>
    <message>
        <source>这张卡的格式版本本程序不认识，请到村委会换卡。</source>
        <translation>This program does not know this card format; please get a new card from the village committee.</translation>
    </message>
    <message>
        <source>这不是本村的积分卡（无法识别的二维码）。</source>
        <translation>This is not a points card of this village (unknown QR code).</translation>
    </message>
    <message>
        <source>积分卡内容被改动过，已拒绝。</source>
        <translation>The card content was altered; refused.</translation>
    </message>
    <message>
        <source>积分卡校验失败：卡片是伪造的或内容被改动过，已拒绝。</source>
        <translation>The card failed its check: it is forged or its content was altered; refused.</translation>
    </message>
    <message>
        <source>这张积分卡已挂失作废（第 {0} 号卡），请使用补发的新卡。</source>
        <translation>This card was reported lost and cancelled (card no. {0}); please use the replacement card.</translation>
    </message>
    <message>
        <source>这一户已归档，不能再使用积分卡。</source>
        <translation>This household is archived and can no longer use its card.</translation>
    </message>
    <message>
        <source>重新打印新卡</source>
        <translation>New card printed</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>补卡必须填写原因（如：卡片遗失）。</source>
        <translation>A replacement card needs a reason (e.g. card lost).</translation>
    </message>
    <message>
        <source>只能给在册的户补卡。</source>
        <translation>Only registered households can get a replacement card.</translation>
    </message>
    <message>
        <source>作废全村积分卡必须填写原因。</source>
        <translation>Revoking all of a village's cards needs a reason.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>按户号打印时请指定村。</source>
        <translation>Choose the village when printing by household number.</translation>
    </message>
    <message>
        <source>找不到这些户号（或已归档）：{0}。</source>
        <translation>These household numbers were not found (or are archived): {0}.</translation>
    </message>
</context>
<context>
    <name>services.certificates</name>
    <message>
        <source>{0}星级文明户</source>
        <translation>{1}-Star Model Household</translation>
    </message>
    <message>
        <source>积分先进户</source>
        <translation>Points Model Household</translation>
    </message>
    <message>
        <source>{0}村民委员会</source>
        <translation>{0} Villagers' Committee</translation>
    </message>
    <message>
        <source>年份“{0}”不对。</source>
        <translation>The year "{0}" is not valid.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
</context>
<context>
    <name>services.choices</name>
    <message>
        <source>找不到这个村，可能已被删除。</source>
        <translation>Village not found; it may have been deleted.</translation>
    </message>
</context>
<context>
    <name>services.claims</name>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>找不到申报 #{0}。</source>
        <translation>Claim #{0} not found.</translation>
    </message>
    <message>
        <source>证据照片无法保存到数据文件夹：{0}</source>
        <translation>The evidence photos could not be saved in the data folder: {0}</translation>
    </message>
    <message>
        <source>证据照片最多 {0} 张。</source>
        <translation>At most {0} evidence photos.</translation>
    </message>
    <message>
        <source>“{0}”不是照片或扫描件（可用 jpg、png、pdf 等）。</source>
        <translation>“{0}” is not a photo or scan (use jpg, png, pdf …).</translation>
    </message>
    <message>
        <source>无法读取证据照片 {0}：{1}</source>
        <translation>Cannot read the evidence photo {0}: {1}</translation>
    </message>
    <message>
        <source>事迹</source>
        <translation>Deed</translation>
    </message>
    <message>
        <source>请写明申报的事迹（做了什么）。</source>
        <translation>Write down the deed claimed (what was done).</translation>
    </message>
    <message>
        <source>申报人</source>
        <translation>Claimant</translation>
    </message>
    <message>
        <source>申报只能申请加分细则；“{0} {1}”是扣分细则。</source>
        <translation>A claim asks for an award only; “{0} {1}” is a deduction.</translation>
    </message>
    <message>
        <source>所选成员不是{0}的家庭成员。</source>
        <translation>The member chosen is not a member of {0}.</translation>
    </message>
    <message>
        <source>组长</source>
        <translation>Group head</translation>
    </message>
    <message>
        <source>请写明核实的组长姓名。</source>
        <translation>Name the group head who checked it.</translation>
    </message>
    <message>
        <source>核实意见</source>
        <translation>Check note</translation>
    </message>
    <message>
        <source>组长核实不属实时必须写明原因。</source>
        <translation>A claim the group head finds untrue needs a reason.</translation>
    </message>
    <message>
        <source>申报 #{0} 的状态是“{1}”，不在待组长核实状态。</source>
        <translation>Claim #{0} is “{1}”, not awaiting the group head's check.</translation>
    </message>
    <message>
        <source>组长核实不属实：{0}</source>
        <translation>Found untrue by the group head: {0}</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>不通过的申报必须写明理由。</source>
        <translation>A claim not passed needs a reason.</translation>
    </message>
    <message>
        <source>申报 #{0} 不是这次评议会所在村的申报。</source>
        <translation>Claim #{0} is not of this meeting's village.</translation>
    </message>
    <message>
        <source>申报 #{0} 的状态是“{1}”，不在待评议状态。</source>
        <translation>Claim #{0} is “{1}”, not awaiting the meeting.</translation>
    </message>
    <message>
        <source>评议会（{0}）早于申报的事迹日期（{1}），不能评议。</source>
        <translation>The meeting ({0}) is before the deed ({1}): it cannot decide it.</translation>
    </message>
    <message>
        <source>申报 #{0}（评议会 {1}）：{2}</source>
        <translation>Claim #{0} (meeting {1}): {2}</translation>
    </message>
</context>
<context>
    <name>services.credit</name>
    <message>
        <source>本系统还没有安装根密钥，不能出具可验证的积分证明。</source>
        <translation>This installation has no root key yet, so no verifiable points certificate can be issued.</translation>
    </message>
    <message>
        <source>您的签名密钥尚未由管理员登记，不能出具积分证明。请管理员登录一次后再试。</source>
        <translation>Your signing key has not been registered by an administrator yet, so you cannot issue a points certificate. Ask an administrator to sign in once, then try again.</translation>
    </message>
    <message>
        <source>户主同意出具后才能出具积分证明：请勾选“户主同意出具”。</source>
        <translation>A points certificate needs the head of household's consent: tick "Head of household consents".</translation>
    </message>
    <message>
        <source>年数应在 1 到 {0} 之间。</source>
        <translation>The number of years must be between 1 and {0}.</translation>
    </message>
    <message>
        <source>找不到这一户。</source>
        <translation>Household not found.</translation>
    </message>
    <message>
        <source>这一户已归档，不能出具积分证明。</source>
        <translation>This household is archived: no points certificate can be issued for it.</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>已被新证明取代</source>
        <translation>Superseded by a newer certificate</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>请填写作废原因。</source>
        <translation>Please give the reason for revoking.</translation>
    </message>
    <message>
        <source>没有编号为 {0} 的积分证明。</source>
        <translation>There is no points certificate numbered {0}.</translation>
    </message>
    <message>
        <source>不是积分证明的二维码内容，或内容不完整</source>
        <translation>Not the QR content of a points certificate, or incomplete</translation>
    </message>
    <message>
        <source>证明内容的签名无效：内容被改动过，或不是登记过的密钥所签</source>
        <translation>The signature on the certificate is invalid: its content was changed, or no registered key signed it</translation>
    </message>
    <message>
        <source>签发人的密钥不是由管理员登记的</source>
        <translation>The issuer's key was not registered by an administrator</translation>
    </message>
    <message>
        <source>签发人的密钥不能追溯到本村的公钥：不是本村出具的证明</source>
        <translation>The issuer's key does not lead back to this village's public key: this village did not issue it</translation>
    </message>
    <message>
        <source>本系统没有出具记录</source>
        <translation>Not issued by this system</translation>
    </message>
    <message>
        <source>证明编号：{0}</source>
        <translation>Certificate no.: {0}</translation>
    </message>
    <message>
        <source>村：{0}（{1}）</source>
        <translation>Village: {0} ({1})</translation>
    </message>
    <message>
        <source>户号：{0}&#x3000;户主：{1}</source>
        <translation>Household no.: {0}  Head: {1}</translation>
    </message>
    <message>
        <source>出具日期：{0}</source>
        <translation>Issued on: {0}</translation>
    </message>
    <message>
        <source>{0} 年获得积分：{1}</source>
        <translation>Points earned in {0}: {1}</translation>
    </message>
    <message>
        <source>当前可用积分：{0}</source>
        <translation>Available points now: {0}</translation>
    </message>
    <message>
        <source>星级：{0} 星</source>
        <translation>Stars: {0}</translation>
    </message>
    <message>
        <source>星级：户主未同意出具</source>
        <translation>Stars: not shown (no consent of the head of household)</translation>
    </message>
    <message>
        <source>黑榜记录：户主未同意出具</source>
        <translation>Black board: not shown (no consent of the head of household)</translation>
    </message>
    <message>
        <source>{0} 年上黑榜：{1} 次</source>
        <translation>On the black board in {0}: {1} times</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>整村授信名单</source>
        <translation>Village credit list</translation>
    </message>
    <message>
        <source>{0} 整村授信积分名单</source>
        <translation>{0} points list for whole-village credit</translation>
    </message>
    <message>
        <source>村代码</source>
        <translation>Village code</translation>
    </message>
    <message>
        <source>出具日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>身份证号只显示前 4 位和后 4 位；{0} 年的积分截至出具日。</source>
        <translation>ID numbers show only their first and last 4 characters; points of {0} are up to the day of issue.</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>户主身份证号</source>
        <translation>Head's ID number</translation>
    </message>
    <message>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <source>{0}年积分</source>
        <translation>Points {0}</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>星级数</source>
        <translation>Stars</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star names</translation>
    </message>
    <message>
        <source>{0}年上黑榜次数</source>
        <translation>Black board {0}</translation>
    </message>
    <message>
        <source>无法保存文件 {0}：{1}</source>
        <translation>Cannot save the file {0}: {1}</translation>
    </message>
</context>
<context>
    <name>services.dashboard</name>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
</context>
<context>
    <name>services.donations</name>
    <message>
        <source>全镇</source>
        <translation>Whole township</translation>
    </message>
    <message>
        <source>村 #{0} 不存在。</source>
        <translation>Village #{0} does not exist.</translation>
    </message>
    <message>
        <source>请选择要打印收据的捐赠入库记录。</source>
        <translation>Choose the donated stock-ins to print receipts for.</translation>
    </message>
    <message>
        <source>库存记录 #{0} 不是爱心捐赠入库，不能开捐赠收据。</source>
        <translation>Stock record #{0} is not a donation stock-in; no donation receipt can be made for it.</translation>
    </message>
    <message>
        <source>爱心人士</source>
        <translation>A kind donor</translation>
    </message>
</context>
<context>
    <name>services.drawer</name>
    <message>
        <source>只能录入当天的点钞；以前的日子需要管理员录入。</source>
        <translation>Only today's cash can be counted; earlier days need an administrator.</translation>
    </message>
    <message>
        <source>{0} 还没到，不能点钞。</source>
        <translation>{0} has not come yet: no cash count.</translation>
    </message>
    <message>
        <source>点钞金额</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <source>点钞金额必须在 0 到 {0} 元之间。</source>
        <translation>The counted cash must be between 0 and {0} yuan.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>点钞 {0} 元与应收现金 {1} 元不符（差 {2} 元）：请填写原因。</source>
        <translation>Counted {0} yuan differs from the expected {1} yuan (difference {2} yuan): please give a reason.</translation>
    </message>
</context>
<context>
    <name>services.entries</name>
    <message>
        <source>{0} 户（{1}）</source>
        <translation>household {0} ({1})</translation>
    </message>
    <message>
        <source>户主未填</source>
        <translation>no head given</translation>
    </message>
    <message>
        <source>找不到这一户。</source>
        <translation>Household not found.</translation>
    </message>
    <message>
        <source>{0} 已归档，不能再录入积分。</source>
        <translation>{0} is archived; no more points can be entered.</translation>
    </message>
    <message>
        <source>{0} 于 {1} 才入户，不能记 {2} 的积分。</source>
        <translation>{0} joined only on {1}; points for {2} cannot be entered.</translation>
    </message>
    <message>
        <source>找不到这条细则。</source>
        <translation>Rule not found.</translation>
    </message>
    <message>
        <source>细则“{0}”不属于 {1} 所在的村。</source>
        <translation>Rule "{0}" does not belong to the village of {1}.</translation>
    </message>
    <message>
        <source>细则“{0} {1}”已停用，不能再录入。</source>
        <translation>Rule "{0} {1}" is disabled and can no longer be used.</translation>
    </message>
    <message>
        <source>{0} 没有这位家庭成员。</source>
        <translation>{0} has no such member.</translation>
    </message>
    <message>
        <source>日期 {0} 还没到，不能预先录入积分。</source>
        <translation>The date {0} has not come yet; points cannot be entered in advance.</translation>
    </message>
    <message>
        <source>证据照片太大（超过 8 MB），请缩小后再上传。</source>
        <translation>The evidence photo is too large (over 8 MB); make it smaller first.</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>检查批次的期间必须是一个月，例如 2026-10。</source>
        <translation>An inspection batch covers one month, e.g. 2026-10.</translation>
    </message>
    <message>
        <source>{0}还没到，不能录入检查结果。</source>
        <translation>{0} has not come yet; inspection results cannot be entered.</translation>
    </message>
    <message>
        <source>找不到这个村民小组。</source>
        <translation>Group not found.</translation>
    </message>
    <message>
        <source>检查日期 {0} 不在 {1} 这个月里。</source>
        <translation>The inspection date {0} is not in the month {1}.</translation>
    </message>
    <message>
        <source>这张检查表上没有勾选任何项目，没有可保存的内容。</source>
        <translation>Nothing is ticked on this inspection sheet; there is nothing to save.</translation>
    </message>
    <message>
        <source>{0} 不在{1}。</source>
        <translation>{0} is not in {1}.</translation>
    </message>
    <message>
        <source>细则“{0} {1}”不是月度检查项目，请用单条录入。</source>
        <translation>Rule "{0} {1}" is not a monthly inspection item; enter it as a single entry.</translation>
    </message>
    <message>
        <source>录入人撤销：录入有误</source>
        <translation>Undone by the person who entered it: entered by mistake</translation>
    </message>
    <message>
        <source>积分记录 #{0} 不存在。</source>
        <translation>Entry #{0} does not exist.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 不是您录入的，不能撤销；请由审核人冲正。</source>
        <translation>Entry #{0} was not entered by you and cannot be undone here; a reviewer can reverse it.</translation>
    </message>
    <message>
        <source>只有加分、扣分记录可以撤销。</source>
        <translation>Only awards and deductions can be undone.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 录入已超过 {1} 分钟，不能再撤销；请由审核人冲正。</source>
        <translation>Entry #{0} was entered more than {1} minutes ago and can no longer be undone; a reviewer can reverse it.</translation>
    </message>
    <message>
        <source>一票否决的记录不能自行撤销，请由审核人冲正。</source>
        <translation>A veto entry cannot be undone by whoever entered it; a reviewer can reverse it.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 已经审核，不能自行撤销；请由审核人冲正。</source>
        <translation>Entry #{0} has been reviewed and cannot be undone here; a reviewer can reverse it.</translation>
    </message>
</context>
<context>
    <name>services.entry_import</name>
    <message>
        <source>{0} 第 {1} 行：{2}</source>
        <translation>{0} row {1}: {2}</translation>
    </message>
    <message>
        <source>发现 {0} 处问题，没有导入任何记录。</source>
        <translation>{0} problem(s) found; no entry was imported.</translation>
    </message>
    <message>
        <source>{0}{1}：将导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分。</source>
        <translation>{0}, {1}: {3} entries for {2} households would be imported, {4:+d} points in all.</translation>
    </message>
    <message>
        <source>{0}{1}：已导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分（{5}）。</source>
        <translation>{0}, {1}: {3} entries for {2} households imported, {4:+d} points in all ({5}).</translation>
    </message>
    <message>
        <source>有打分但没有户号。</source>
        <translation>Marks but no household number.</translation>
    </message>
    <message>
        <source>“{0}”一列填的“{1}”看不懂：请打 √ 或填次数，不得分的留空。</source>
        <translation>Cannot read "{1}" in column "{0}": put a √ or the number of times, and leave it empty for none.</translation>
    </message>
    <message>
        <source>户号和细则代码都没有填。</source>
        <translation>Neither household number nor rule code is filled in.</translation>
    </message>
    <message>
        <source>户号和细则代码都必须填写。</source>
        <translation>Both the household number and the rule code are required.</translation>
    </message>
    <message>
        <source>日期“{0}”看不懂，请写成 2026-10-05。</source>
        <translation>Cannot read the date "{0}"; write it as 2026-10-05.</translation>
    </message>
    <message>
        <source>这个文件是 {0} {1} 的录入表，不是本次选择的 {2} {3} 的。请选对小组和月份，或重新下载模板。</source>
        <translation>This file is the entry sheet of {0} {1}, not of {2} {3} chosen here. Choose the right group and month, or download the template again.</translation>
    </message>
    <message>
        <source>文件里有 {0:,} 条记录，超过一次导入的上限 {1:,} 条，请按小组分开。</source>
        <translation>The file holds {0:,} entries, more than the {1:,} one import takes; split it by group.</translation>
    </message>
    <message>
        <source>文件里没有要导入的积分记录（没有打 √ 的格子，明细表也是空的）。</source>
        <translation>The file holds no entries to import (no ticked cell, and the list is empty).</translation>
    </message>
    <message>
        <source>{0}没有户号“{1}”。</source>
        <translation>{0} has no household number "{1}".</translation>
    </message>
    <message>
        <source>户号 {0} 的户主是“{1}”，表上写的是“{2}”：请核对这一行是否错位。</source>
        <translation>The head of household {0} is "{1}", the sheet says "{2}": check whether the row has shifted.</translation>
    </message>
    <message>
        <source>日期 {0} 不在 {1} 这个月里。</source>
        <translation>The date {0} is not in {1}.</translation>
    </message>
    <message>
        <source>{0} 没有名叫“{1}”的家庭成员。</source>
        <translation>{0} has no member called "{1}".</translation>
    </message>
    <message>
        <source>{0}没有代码为“{1}”的细则。</source>
        <translation>{0} has no rule with code "{1}".</translation>
    </message>
    <message>
        <source>{0}{1}导入</source>
        <translation>{0} {1} import</translation>
    </message>
    <message>
        <source>表格导入</source>
        <translation>Imported from a sheet</translation>
    </message>
</context>
<context>
    <name>services.entry_sheet</name>
    <message>
        <source>找不到这个村民小组。</source>
        <translation>Group not found.</translation>
    </message>
    <message>
        <source>{0}{1} {2} 积分录入表</source>
        <translation>{0} {1} entry sheet, {2}</translation>
    </message>
    <message>
        <source>在户的行、细则的列里打 √（或填次数）；不得分的留空。日期记为本月检查日。另有“明细”表可逐条填写日期和说明。</source>
        <translation>Put a √ (or the number of times) in a household's row under a rule; leave it empty for none. The entries are dated the month's inspection day. The sheet 明细 takes one entry a line with its date and note.</translation>
    </message>
    <message>
        <source>一行一条：户号、细则代码必填；日期须在本月内（空着记为本月检查日）；成员可填这条积分说的是哪位家庭成员。</source>
        <translation>One entry a line: household number and rule code required; the date within the month (empty: the month's inspection day); the member the entry is about may be named.</translation>
    </message>
</context>
<context>
    <name>services.evaluation</name>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>services.events</name>
    <message>
        <source>找不到活动 #{0}。</source>
        <translation>Event #{0} not found.</translation>
    </message>
    <message>
        <source>活动“{0}”已经结束，不能再签到或修改。</source>
        <translation>The event “{0}” is closed: no more check-ins or changes.</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>活动地点</source>
        <translation>Event place</translation>
    </message>
    <message>
        <source>请填写活动名称。</source>
        <translation>Name the event.</translation>
    </message>
    <message>
        <source>活动日期 {0} 还没到：活动当天再开始签到。</source>
        <translation>The event date {0} has not come yet: start check-in on the day.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>所选细则不属于{0}。</source>
        <translation>The rule chosen does not belong to {0}.</translation>
    </message>
    <message>
        <source>活动签到只能记加分细则；“{0} {1}”是扣分细则。</source>
        <translation>Event check-in gives awards only; “{0} {1}” is a deduction.</translation>
    </message>
    <message>
        <source>每户分值必须是正整数。</source>
        <translation>Points per household must be a positive whole number.</translation>
    </message>
    <message>
        <source>每户分值</source>
        <translation>Points per household</translation>
    </message>
    <message>
        <source>名额必须是正整数，或不填表示不限。</source>
        <translation>The limit must be a positive whole number, or empty for no limit.</translation>
    </message>
    <message>
        <source>名额</source>
        <translation>Limit of households</translation>
    </message>
    <message>
        <source>本村没有户号为“{0}”的户。</source>
        <translation>This village has no household numbered "{0}".</translation>
    </message>
    <message>
        <source>请刷卡、输入户号或从名册中勾选一户。</source>
        <translation>Scan a card, type a household number or tick one in the register.</translation>
    </message>
    <message>
        <source>{0} 不是本村的户，不能在这个活动签到。</source>
        <translation>{0} is not a household of this village and cannot check in at this event.</translation>
    </message>
    <message>
        <source>名额已满：本次活动限 {0} 户，已签到 {1} 户。</source>
        <translation>The event is full: {0} households at most, {1} checked in.</translation>
    </message>
    <message>
        <source>这一户没有在这个活动签到。</source>
        <translation>This household has not checked in at this event.</translation>
    </message>
    <message>
        <source>活动“{0}”还没有人签到，没有积分可记。</source>
        <translation>Nobody has checked in at “{0}” yet: there are no points to give.</translation>
    </message>
</context>
<context>
    <name>services.expiry</name>
    <message>
        <source>清零规则“{0}”无效，只能是 none（不清零）或 year_end（年底清零）。</source>
        <translation>Expiry policy "{0}" is invalid; use none (never) or year_end (at the end of the year).</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>{0}的积分设置为“不清零”，不能执行清零。请先在设置中改为“年底清零”。</source>
        <translation>Points in {0} are set never to expire; change the setting to "expire at year end" first.</translation>
    </message>
    <message>
        <source>清零截止日 {0} 还没到。</source>
        <translation>The expiry date {0} has not come yet.</translation>
    </message>
    <message>
        <source>{0}已经执行过截止到 {1} 或更晚的清零，不能重复执行。</source>
        <translation>{0} already had points expire up to {1} or later; it cannot run again.</translation>
    </message>
</context>
<context>
    <name>services.fingerprint</name>
    <message>
        <source>账本指纹“{0}”的格式不对：应为 12 个字母或数字，如 ABCD-EFGH-JK23。</source>
        <translation>The ledger fingerprint "{0}" is not well formed: it has 12 letters or digits, such as ABCD-EFGH-JK23.</translation>
    </message>
    <message>
        <source>账本在该指纹之后只有追加（指纹时共 {0} 条，现在共 {1} 条）。</source>
        <translation>The ledger was only appended to after this fingerprint ({0} rows then, {1} rows now).</translation>
    </message>
    <message>
        <source>注意：这个指纹不在本系统的已发布指纹表中（表中的记录可能被删除），但今天账本的前 {0} 条记录与它相符。</source>
        <translation>Note: this fingerprint is not in the table of published fingerprints (its record may have been deleted), but the first {0} rows of today's ledger match it.</translation>
    </message>
    <message>
        <source>账本指纹 {0} 不在已发布指纹表中，今天账本的任何前段（共 {1} 条）也都与它不符：或者指纹抄错了，或者这份账本不是打印它时的账本，或者之前的记录被改动、删除或插入过。</source>
        <translation>The ledger fingerprint {0} is not in the table of published fingerprints, and no leading part of today's ledger ({1} rows) matches it: either the code was copied wrongly, or this is not the ledger it was printed from, or earlier rows were changed, deleted or inserted.</translation>
    </message>
    <message>
        <source>该指纹 {0} 发布于 {1}，由 {2} 打印：{3}。</source>
        <translation>The fingerprint {0} was published on {1} by {2}: {3}.</translation>
    </message>
    <message>
        <source>账本指纹 {0}（{1} 由 {2} 打印：{3}）与今天的账本不符。</source>
        <translation>The ledger fingerprint {0} (printed on {1} by {2}: {3}) does not match today's ledger.</translation>
    </message>
    <message>
        <source>已发布指纹表中这一条的子树记录不完整，无法指出是哪些记录。</source>
        <translation>The record of this fingerprint in the published table is incomplete: the rows that changed cannot be named.</translation>
    </message>
    <message>
        <source>今天的记录编号 #{0} 至 #{1}</source>
        <translation>today's row ids #{0} to #{1}</translation>
    </message>
    <message>
        <source>今天的账本已没有这么多条</source>
        <translation>today's ledger no longer has that many rows</translation>
    </message>
    <message>
        <source>第一个不符的范围：指纹时的第 {0} 至 {1} 条记录（{2}）：其中有记录被改动、删除或插入过。</source>
        <translation>First range that differs: rows {0} to {1} at the time of the fingerprint ({2}): a row among them was changed, deleted or inserted.</translation>
    </message>
    <message>
        <source>各段子树相符，但已发布指纹表中的这一条本身不一致（指纹、根与子树不对应）。</source>
        <translation>Every subtree matches, but the published record itself is inconsistent (its code, root and subtrees disagree).</translation>
    </message>
    <message>
        <source>今天的账本只有 {0} 条，少于指纹时的 {1} 条：有记录被删除。</source>
        <translation>Today's ledger has only {0} rows, fewer than the {1} at the time of the fingerprint: rows were deleted.</translation>
    </message>
</context>
<context>
    <name>services.household_limits</name>
    <message>
        <source>每月</source>
        <translation>per month</translation>
    </message>
    <message>
        <source>每季度</source>
        <translation>per quarter</translation>
    </message>
    <message>
        <source>每年</source>
        <translation>per year</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>this month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>this quarter</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>this year</translation>
    </message>
    <message>
        <source>每户限兑数量</source>
        <translation>Limit per household</translation>
    </message>
    <message>
        <source>限兑周期只能是每月、每季度或每年。</source>
        <translation>The limit period must be a month, a quarter or a year.</translation>
    </message>
    <message>
        <source>{0}限兑 {1}{2}</source>
        <translation>limit {1} {2} {0}</translation>
    </message>
    <message>
        <source>“{0}”{1}：这户{2}已兑换 {3}{4}，还能兑换 {5}{4}，这次要兑换 {6}{4}。</source>
        <translation>“{0}” ({1}): this household has redeemed {3} {4} {2}, may redeem {5} {4} more, and asks for {6} {4}.</translation>
    </message>
</context>
<context>
    <name>services.household_list</name>
    <message>
        <source>搜索内容太长（{0} 个字，最多 {1} 个），请缩短后再搜索。</source>
        <translation>The search is too long ({0} characters, at most {1}); please shorten it.</translation>
    </message>
</context>
<context>
    <name>services.households</name>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>成员姓名不能为空</source>
        <translation>A member's name cannot be empty</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>name</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>{0}：性别只能是“男”或“女”</source>
        <translation>{0}: sex must be 男 (male) or 女 (female)</translation>
    </message>
    <message>
        <source>户号不能为空</source>
        <translation>The household number cannot be empty</translation>
    </message>
    <message>
        <source>请选择村民小组</source>
        <translation>Choose a group</translation>
    </message>
    <message>
        <source>这一户没有成员</source>
        <translation>This household has no members</translation>
    </message>
    <message>
        <source>一户最多 {0} 人，这一户有 {1} 人</source>
        <translation>A household has at most {0} people; this one has {1}</translation>
    </message>
    <message>
        <source>每户必须有且只有一位户主</source>
        <translation>Each household must have exactly one head</translation>
    </message>
    <message>
        <source>这一户没有户主</source>
        <translation>This household has no head</translation>
    </message>
    <message>
        <source>身份证号码 {0} 在这一户里出现了两次</source>
        <translation>ID number {0} appears twice in this household</translation>
    </message>
    <message>
        <source>户联系电话：{0}</source>
        <translation>Household phone: {0}</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>家庭住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>身份证号码 {0} 已登记在{1}户号 {2}（{3}）名下。</source>
        <translation>ID number {0} is already registered in {1}, household {2} ({3}).</translation>
    </message>
    <message>
        <source>本村已有户号为“{0}”的户。</source>
        <translation>This village already has a household numbered "{0}".</translation>
    </message>
    <message>
        <source>找不到这个村，可能已被删除。</source>
        <translation>Village not found; it may have been deleted.</translation>
    </message>
    <message>
        <source>找不到编号为 {0} 的户。</source>
        <translation>Household {0} not found.</translation>
    </message>
    <message>
        <source>户号 {0} 没有户主</source>
        <translation>Household {0} has no head</translation>
    </message>
    <message>
        <source>找不到要移入的村民小组。</source>
        <translation>The group to move to was not found.</translation>
    </message>
    <message>
        <source>网格和小组不属于同一个村。</source>
        <translation>The grid and the group belong to different villages.</translation>
    </message>
    <message>
        <source>这一户已有积分记录，积分按村记账，不能移到别的村。请在新村建户，原户归档。</source>
        <translation>This household has points, which are kept per village, so it cannot move to another village. Create it in the new village and archive this one.</translation>
    </message>
    <message>
        <source>户号 {0} 已经归档。</source>
        <translation>Household {0} is already archived.</translation>
    </message>
    <message>
        <source>户号 {0} 没有归档。</source>
        <translation>Household {0} is not archived.</translation>
    </message>
    <message>
        <source>户号 {0} 已有积分、兑换、星级或积分卡记录，只能归档，不能删除。</source>
        <translation>Household {0} has points, redemptions, stars or cards; it can only be archived, not deleted.</translation>
    </message>
</context>
<context>
    <name>services.idnumber</name>
    <message>
        <source>身份证号码应为18位，实际为{0}位</source>
        <translation>An ID number has 18 characters, this one has {0}</translation>
    </message>
    <message>
        <source>身份证号码只能是数字，最后一位可以是X</source>
        <translation>An ID number has only digits; the last may be X</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期无效</source>
        <translation>The birth date in the ID number is invalid</translation>
    </message>
    <message>
        <source>身份证号码校验位不正确</source>
        <translation>The check digit of the ID number is wrong</translation>
    </message>
</context>
<context>
    <name>services.inspection_sheet</name>
    <message>
        <source>检查表按月打印，请选一个月份。</source>
        <translation>Inspection sheets are printed by month; choose a month.</translation>
    </message>
    <message>
        <source>找不到这个村民小组。</source>
        <translation>Group not found.</translation>
    </message>
    <message>
        <source>{0}还没有月度检查项目（积分细则里勾选“月度检查”）。</source>
        <translation>{0} has no monthly inspection items yet (tick "monthly inspection" on the rules).</translation>
    </message>
</context>
<context>
    <name>services.ledger</name>
    <message>
        <source>积分必须是整数。</source>
        <translation>Points must be a whole number.</translation>
    </message>
    <message>
        <source>每条记录的积分</source>
        <translation>Points of one entry</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>冲正记录本身不能再冲正。</source>
        <translation>A reversal cannot itself be reversed.</translation>
    </message>
    <message>
        <source>只有已生效的记录才能冲正；未生效的记录请在审核时驳回。</source>
        <translation>Only effective entries can be reversed; reject entries that are not yet effective during review.</translation>
    </message>
    <message>
        <source>记录 #{0} 已经冲正过了。</source>
        <translation>Entry #{0} was already reversed.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>冲正必须填写原因。</source>
        <translation>A reversal needs a reason.</translation>
    </message>
</context>
<context>
    <name>services.ledger_export</name>
    <message>
        <source>成员积分</source>
        <translation>Member points</translation>
    </message>
    <message>
        <source>导出文件名须以 .xlsx 结尾。</source>
        <translation>The export file name must end in .xlsx.</translation>
    </message>
    <message>
        <source>积分账本</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Could not write the file {0}: {1}</translation>
    </message>
</context>
<context>
    <name>services.liability</name>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>全镇共用商品</source>
        <translation>Products shared by the township</translation>
    </message>
    <message>
        <source>{0}小计</source>
        <translation>Subtotal {0}</translation>
    </message>
</context>
<context>
    <name>services.limits</name>
    <message>
        <source>{0}必须是整数（收到“{1}”）。</source>
        <translation>{0} must be a whole number (got "{1}").</translation>
    </message>
    <message>
        <source>{0}必须在 {1} 到 {2} 之间（收到 {3}）。</source>
        <translation>{0} must be between {1} and {2} (got {3}).</translation>
    </message>
</context>
<context>
    <name>services.lots</name>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>报废过期商品必须填写原因（如：过期销毁）。</source>
        <translation>Writing off expired goods needs a reason (e.g. expired, destroyed).</translation>
    </message>
    <message>
        <source>没有已过期的库存批次需要报废。</source>
        <translation>There are no expired lots to write off.</translation>
    </message>
    <message>
        <source>过期报废：{0}入库批次（到期 {1}）。{2}</source>
        <translation>Expired write-off: lot received {0} (expired {1}). {2}</translation>
    </message>
</context>
<context>
    <name>services.meetings</name>
    <message>
        <source>找不到评议会 #{0}。</source>
        <translation>Review meeting #{0} not found.</translation>
    </message>
    <message>
        <source>参会人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>请填写参会人员（至少一人）。</source>
        <translation>Name the attendees (at least one).</translation>
    </message>
    <message>
        <source>参会人员最多 {0} 人。</source>
        <translation>At most {0} attendees.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>评议会日期 {0} 还没到：开会后再记录。</source>
        <translation>The meeting date {0} has not come yet: record it after the meeting.</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>会议情况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Meeting title</translation>
    </message>
    <message>
        <source>{0}{1}年{2}月积分评议会</source>
        <translation>{0} points review meeting {2}/{1}</translation>
    </message>
    <message>
        <source>找不到批次 #{0}。</source>
        <translation>Batch #{0} not found.</translation>
    </message>
    <message>
        <source>批次 #{0} 不是这次评议会所在村的。</source>
        <translation>Batch #{0} is not of this meeting's village.</translation>
    </message>
    <message>
        <source>批次 #{0} 没有待审核的积分记录。</source>
        <translation>Batch #{0} has no entries waiting for review.</translation>
    </message>
    <message>
        <source>申报 #{0}：{1} {2}，{3}（{4} {5}）</source>
        <translation>Claim #{0}: {1} {2}, {3} ({4} {5})</translation>
    </message>
    <message>
        <source>批次 #{0}：{1}</source>
        <translation>Batch #{0}: {1}</translation>
    </message>
</context>
<context>
    <name>services.member_points</name>
    <message>
        <source>找不到这位家庭成员。</source>
        <translation>Member not found.</translation>
    </message>
    <message>
        <source>这一户没有名叫“{0}”的家庭成员。</source>
        <translation>This household has no member called "{0}".</translation>
    </message>
</context>
<context>
    <name>services.members</name>
    <message>
        <source>找不到编号为 {0} 的成员。</source>
        <translation>Member {0} not found.</translation>
    </message>
    <message>
        <source>户主不能直接取消。请把另一位成员设为户主。</source>
        <translation>The head cannot simply be removed; make another member the head.</translation>
    </message>
    <message>
        <source>身份证号码 {0} 已是本户成员 {1} 的号码。</source>
        <translation>ID number {0} already belongs to {1} in this household.</translation>
    </message>
    <message>
        <source>不能删除户主。请先把另一位成员设为户主。</source>
        <translation>The head cannot be removed. Make another member head first.</translation>
    </message>
</context>
<context>
    <name>services.money</name>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>{0}“{1}”不是有效的金额（元，最多两位小数，如 12.50）。</source>
        <translation>{0} “{1}” is not a valid amount (yuan, at most two decimals, e.g. 12.50).</translation>
    </message>
    <message>
        <source>{0}不是有效的金额。</source>
        <translation>{0} is not a valid amount.</translation>
    </message>
    <message>
        <source>{0}不能超过 {1} 元。</source>
        <translation>{0} cannot exceed {1} yuan.</translation>
    </message>
</context>
<context>
    <name>services.notice_board</name>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>待公示积分</source>
        <translation>Entries awaiting notice</translation>
    </message>
    <message>
        <source>积分公示</source>
        <translation>Points notice</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>services.notices</name>
    <message>
        <source>找不到公示 #{0}。</source>
        <translation>Notice #{0} not found.</translation>
    </message>
</context>
<context>
    <name>services.passwords</name>
    <message>
        <source>密码至少需要 {0} 位。</source>
        <translation>The password needs at least {0} characters.</translation>
    </message>
    <message>
        <source>密码首尾不能有空格。</source>
        <translation>The password cannot start or end with a space.</translation>
    </message>
</context>
<context>
    <name>services.payment</name>
    <message>
        <source>（本村允许用现金补足差价：{0} 元。）</source>
        <translation> (This village takes cash for the difference: {0} yuan.)</translation>
    </message>
    <message>
        <source>使用的积分必须是正整数：积分超市的兑换至少要用 1 分。</source>
        <translation>The points used must be a positive whole number: a redemption uses at least 1 point.</translation>
    </message>
    <message>
        <source>使用的积分（{0} 分）不能多于商品合计（{1} 分）。</source>
        <translation>The points used ({0}) cannot exceed the basket total ({1}).</translation>
    </message>
    <message>
        <source>积分不够：要使用 {0} 分，可用只有 {1} 分。</source>
        <translation>Not enough points: {0} points to use, only {1} available.</translation>
    </message>
    <message>
        <source>本村积分超市不收现金：差价不能用现金补足。</source>
        <translation>This village's points supermarket takes no cash: the difference cannot be paid in cash.</translation>
    </message>
    <message>
        <source>应收现金已变为 {0} 元（屏幕上是 {1} 元），请重新确认。</source>
        <translation>The cash due is now {0} yuan (the screen showed {1} yuan): please confirm again.</translation>
    </message>
</context>
<context>
    <name>services.periods</name>
    <message>
        <source>期间“{0}”无法识别。请写成 2026（全年）、2026-Q3（季度）、2026-H1（半年）或 2026-10（月）。</source>
        <translation>Period "{0}" is not recognised. Write 2026 (year), 2026-Q3 (quarter), 2026-H1 (half year) or 2026-10 (month).</translation>
    </message>
    <message>
        <source>期间“{0}”中的月份不对。</source>
        <translation>The month in period "{0}" is not valid.</translation>
    </message>
</context>
<context>
    <name>services.pg_backup</name>
    <message>
        <source>没有找到 {0}。{1}</source>
        <translation>{0} was not found. {1}</translation>
    </message>
    <message>
        <source>{0}失败：{1}</source>
        <translation>{0} failed: {1}</translation>
    </message>
    <message>
        <source>pg_dump 备份</source>
        <translation>Backup with pg_dump</translation>
    </message>
    <message>
        <source>文件不存在：{0}</source>
        <translation>File not found: {0}</translation>
    </message>
    <message>
        <source>检查备份 {0}</source>
        <translation>Checking backup {0}</translation>
    </message>
    <message>
        <source>pg_restore 恢复</source>
        <translation>Restore with pg_restore</translation>
    </message>
    <message>
        <source>恢复 PostgreSQL 数据库要替换全部的表，只有数据库的所有者账号才能做；各台电脑平时用的日常账号不行。请管理员用所有者账号连接后再恢复（见 docs/postgresql.md）。数据库没有改变。</source>
        <translation>Restoring a PostgreSQL database replaces every table, which only the database owner's account may do, not the daily account the PCs use. The administrator connects with the owner's account and restores (see docs/postgresql.md). The database was not changed.</translation>
    </message>
</context>
<context>
    <name>services.pg_roles</name>
    <message>
        <source>所有者账号和日常账号必须是两个不同的账号。</source>
        <translation>The owner account and the daily account must be two different accounts.</translation>
    </message>
    <message>
        <source>这是单机数据库文件（SQLite），没有数据库账号可以设置。</source>
        <translation>This is a single-PC database file (SQLite); it has no database accounts to set up.</translation>
    </message>
    <message>
        <source>当前连接用的账号“{0}”不是数据库的所有者，不能授权。请用所有者账号连接（postgresql://所有者账号:密码@…）。</source>
        <translation>The account connected, "{0}", does not own the database and cannot grant rights. Connect with the owner's account (postgresql://OWNER:PASSWORD@…).</translation>
    </message>
    <message>
        <source>日常账号不能是所有者账号本身：各台电脑要用另一个账号连接。</source>
        <translation>The daily account cannot be the owner account itself: the PCs must connect with another account.</translation>
    </message>
    <message>
        <source>服务器上没有账号“{0}”。请管理员先按 pointsapp pg-roles sql 打印的步骤建好它。</source>
        <translation>The server has no account "{0}". The administrator first creates it following the steps that pointsapp pg-roles sql prints.</translation>
    </message>
</context>
<context>
    <name>services.preferences</name>
    <message>
        <source>没有“{0}”这个设置。</source>
        <translation>There is no setting "{0}".</translation>
    </message>
    <message>
        <source>“{0}”必须是整数。</source>
        <translation>"{0}" must be a whole number.</translation>
    </message>
    <message>
        <source>“{0}”不能是负数。</source>
        <translation>"{0}" cannot be negative.</translation>
    </message>
</context>
<context>
    <name>services.print_scope</name>
    <message>
        <source>{0}没有户号为“{1}”的户。</source>
        <translation>{0} has no household numbered "{1}".</translation>
    </message>
</context>
<context>
    <name>services.products</name>
    <message>
        <source>商品条码/编号</source>
        <translation>Barcode/SKU</translation>
    </message>
    <message>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <source>商品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>商品条码/编号不能为空。</source>
        <translation>The product barcode/code cannot be empty.</translation>
    </message>
    <message>
        <source>商品条码/编号不能有空格，最长 40 个字符。</source>
        <translation>The product barcode/code cannot contain spaces and has at most 40 characters.</translation>
    </message>
    <message>
        <source>商品名称不能为空。</source>
        <translation>The product name cannot be empty.</translation>
    </message>
    <message>
        <source>兑换所需积分必须是正整数。</source>
        <translation>The points price must be a positive whole number.</translation>
    </message>
    <message>
        <source>兑换所需积分</source>
        <translation>Price in points</translation>
    </message>
    <message>
        <source>库存预警数量必须是不小于 0 的整数。</source>
        <translation>The low-stock level must be a whole number of at least 0.</translation>
    </message>
    <message>
        <source>库存预警数量</source>
        <translation>Low-stock level</translation>
    </message>
    <message>
        <source>保质期天数必须是正整数。</source>
        <translation>The shelf life in days must be a positive whole number.</translation>
    </message>
    <message>
        <source>保质期天数</source>
        <translation>Shelf life in days</translation>
    </message>
    <message>
        <source>条码/编号“{0}”已被其他商品使用。</source>
        <translation>Barcode/code "{0}" is already used by another product.</translation>
    </message>
    <message>
        <source>商品 #{0} 不存在。</source>
        <translation>Product #{0} does not exist.</translation>
    </message>
    <message>
        <source>条码“{0}”不是本超市的商品，请核对或手动选择商品。</source>
        <translation>Barcode "{0}" is not a product of this shop; check it or choose the product by hand.</translation>
    </message>
</context>
<context>
    <name>services.rankings</name>
    <message>
        <source>找不到这个村民小组。</source>
        <translation>Group not found.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>没有“{0}”这个积分类别。现有类别：{1}</source>
        <translation>There is no category "{0}". Categories: {1}</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>没有“{0}”这个标签。现有标签：{1}</source>
        <translation>There is no tag "{0}". Tags: {1}</translation>
    </message>
    <message>
        <source>没有“{0}”这个积分类别。</source>
        <translation>There is no category "{0}".</translation>
    </message>
</context>
<context>
    <name>services.recovery</name>
    <message>
        <source>数据库文件有问题：{0}</source>
        <translation>The database file has a problem: {0}</translation>
    </message>
    <message>
        <source>数据库没有被修改。</source>
        <translation>The database was not changed.</translation>
    </message>
    <message>
        <source>最近一份完好的备份是 {0}：{1}</source>
        <translation>The latest sound backup is {0}: {1}</translation>
    </message>
    <message>
        <source>恢复方法：pointsapp --db &quot;{0}&quot; restore &quot;{1}&quot;（原文件会另存为 *.replaced-时间.db，不会丢失）</source>
        <translation>To restore: pointsapp --db "{0}" restore "{1}" (the current file is kept as *.replaced-time.db, nothing is lost)</translation>
    </message>
    <message>
        <source>备份文件夹里没有找到完好的备份。请找回其他电脑或 U 盘上的备份文件，再用 pointsapp restore 备份文件 恢复。</source>
        <translation>No sound backup was found in the backup folder. Find a backup file on another computer or USB drive, then restore it with pointsapp restore &lt;backup file&gt;.</translation>
    </message>
</context>
<context>
    <name>services.redemption</name>
    <message>
        <source>户 #{0} 不存在。</source>
        <translation>Household #{0} does not exist.</translation>
    </message>
    <message>
        <source>{0}户已归档，不能再兑换积分。</source>
        <translation>The household {0} is archived and can no longer redeem points.</translation>
    </message>
    <message>
        <source>这张积分卡已挂失作废，请使用补发的新卡。</source>
        <translation>This card was reported lost and cancelled; please use the replacement card.</translation>
    </message>
    <message>
        <source>无法识别的积分卡。</source>
        <translation>Unrecognised points card.</translation>
    </message>
    <message>
        <source>商品“{0}”的数量必须是正整数。</source>
        <translation>The quantity of "{0}" must be a positive whole number.</translation>
    </message>
    <message>
        <source>商品“{0}”的数量</source>
        <translation>Quantity of "{0}"</translation>
    </message>
    <message>
        <source>购物篮是空的：请先扫描或选择商品。</source>
        <translation>The basket is empty: scan or choose products first.</translation>
    </message>
    <message>
        <source>这笔兑换的确认码已被另一户使用，请重新开始一笔兑换。</source>
        <translation>This redemption code was already used by another household; please start a new redemption.</translation>
    </message>
    <message>
        <source>兑换需要扫积分卡，或手动选择一户（二者取一）。</source>
        <translation>A redemption needs a scanned card or a household chosen by hand (one of the two).</translation>
    </message>
    <message>
        <source>兑换确认码过长。</source>
        <translation>The redemption code is too long.</translation>
    </message>
    <message>
        <source>条码“{0}”不是本超市的商品，请核对或手动选择商品。</source>
        <translation>Barcode "{0}" is not a product of this shop; check it or choose the product by hand.</translation>
    </message>
    <message>
        <source>“{0}”已下架，不能兑换。</source>
        <translation>"{0}" is withdrawn and cannot be redeemed.</translation>
    </message>
    <message>
        <source>只剩 {0}{1}</source>
        <translation>only {0} {1} left</translation>
    </message>
    <message>
        <source>已经没有了</source>
        <translation>none left</translation>
    </message>
    <message>
        <source>“{0}”库存不足：{1}，要兑换 {2}{3}。</source>
        <translation>Not enough "{0}" in stock: {1}, {2} {3} wanted.</translation>
    </message>
    <message>
        <source>积分不够：需要 {0} 分，可用只有 {1} 分，还差 {2} 分。</source>
        <translation>Not enough points: {0} needed, only {1} available, {2} short.</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>作废兑换必须填写原因。</source>
        <translation>Voiding a redemption needs a reason.</translation>
    </message>
    <message>
        <source>兑换单 #{0} 不存在。</source>
        <translation>Redemption #{0} does not exist.</translation>
    </message>
    <message>
        <source>兑换单 #{0} 已经作废过了。</source>
        <translation>Redemption #{0} was already voided.</translation>
    </message>
    <message>
        <source>只能作废当天的兑换；以前的兑换需要管理员作废。</source>
        <translation>Only today's redemptions can be voided here; earlier ones must be voided by an administrator.</translation>
    </message>
    <message>
        <source>兑换单 #{0} 是其他收银员办理的，只能由本人或管理员作废。</source>
        <translation>Redemption #{0} was taken by another cashier; only they or an administrator can void it.</translation>
    </message>
</context>
<context>
    <name>services.redemption_days</name>
    <message>
        <source>兑换日“{0}”不是有效的日期。</source>
        <translation>Redemption day “{0}” is not a valid date.</translation>
    </message>
    <message>
        <source>兑换日“{0}”无效：每月的日子在 1 到 31 之间，且从小到大。</source>
        <translation>Redemption day “{0}” is invalid: days of the month are 1 to 31, smallest first.</translation>
    </message>
    <message>
        <source>看不懂兑换日“{0}”：请写每月的日子（如 1-5、15）或日期（如 2027-01-20），用逗号分开。</source>
        <translation>Cannot read redemption day “{0}”: write days of the month (1-5, 15) or dates (2027-01-20), separated by commas.</translation>
    </message>
</context>
<context>
    <name>services.reports</name>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>未检查</source>
        <translation>Not inspected</translation>
    </message>
    <message>
        <source>全镇积分工作月报（{0}）</source>
        <translation>Township monthly points report ({0})</translation>
    </message>
    <message>
        <source>统计期间：{0} 至 {1}</source>
        <translation>Period: {0} to {1}</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>{0}月</source>
        <translation>{1}</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>{0}各类别积分趋势（{1}年）</source>
        <translation>{0}: points by category ({1})</translation>
    </message>
    <message>
        <source>每月生效的累计积分（加分减扣分），按类别</source>
        <translation>Effective points each month (awards minus deductions), by category</translation>
    </message>
    <message>
        <source>年份“{0}”不对。</source>
        <translation>The year "{0}" is not valid.</translation>
    </message>
    <message>
        <source>{0}年还没有开始。</source>
        <translation>{0} has not begun yet.</translation>
    </message>
    <message>
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <source>{0}月度检查完成情况（{1}）</source>
        <translation>{0}: monthly inspections ({1})</translation>
    </message>
    <message>
        <source>共 {0} 个小组，已检查 {1} 个，未检查 {2} 个</source>
        <translation>{0} groups: {1} inspected, {2} not inspected</translation>
    </message>
    <message>
        <source>检查完成情况按月统计，请写成 2026-10 这样的月份。</source>
        <translation>Inspections are counted by month; write a month like 2026-10.</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>制表时间：{0:%Y-%m-%d %H:%M}</source>
        <translation>Made: {0:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>无法保存文件“{0}”：{1}</source>
        <translation>Could not save the file "{0}": {1}</translation>
    </message>
</context>
<context>
    <name>services.restore_check</name>
    <message>
        <source>……另有 {0} 个问题</source>
        <translation>… and {0} more problems</translation>
    </message>
    <message>
        <source>备份 {0} 没有通过检查（pointsapp check 会拒绝它），发现 {1} 个问题：
{2}{3}
这份备份里的账本可能被改动过，数据库没有被替换。如果确实要用它恢复，须由管理员写明理由，理由会记入操作日志。</source>
        <translation>Backup {0} failed the check (pointsapp check would reject it); {1} problems found:
{2}{3}
The ledger in this backup may have been altered; the database was not replaced. To restore it all the same, the administrator must give a reason, which goes into the operation log.</translation>
    </message>
    <message>
        <source>请写明为什么要用一份没有通过检查的备份恢复（至少 {0} 个字），理由会记入操作日志。</source>
        <translation>Write why a backup that failed the check must be restored (at least {0} characters); the reason goes into the operation log.</translation>
    </message>
    <message>
        <source>备份无法检查：{0}</source>
        <translation>The backup cannot be checked: {0}</translation>
    </message>
</context>
<context>
    <name>services.review</name>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>{0}必须填写原因。</source>
        <translation>{0} needs a reason.</translation>
    </message>
    <message>
        <source>没有选择任何积分记录。</source>
        <translation>No entries are selected.</translation>
    </message>
    <message>
        <source>找不到积分记录 #{0}。</source>
        <translation>Entry #{0} not found.</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>积分记录 #{0} 的状态是“{1}”，不在待审核状态。</source>
        <translation>Entry #{0} is "{1}", not awaiting review.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 是您本人录入的，须由另一位审核员审核。</source>
        <translation>You entered entry #{0} yourself; another reviewer must review it.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>公示天数至少为 1 天。</source>
        <translation>The notice must last at least 1 day.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 不是{1}已审核待公示的记录。</source>
        <translation>Entry #{0} is not a reviewed entry of {1} awaiting notice.</translation>
    </message>
    <message>
        <source>{0}没有已审核待公示的积分记录。</source>
        <translation>{0} has no reviewed entries awaiting notice.</translation>
    </message>
    <message>
        <source>找不到公示 #{0}。</source>
        <translation>Notice #{0} not found.</translation>
    </message>
    <message>
        <source>公示 #{0} 到 {1} 才结束，公示期满后才能生效。</source>
        <translation>Notice #{0} ends only on {1}; entries take effect after it ends.</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Raised by</translation>
    </message>
    <message>
        <source>异议内容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>异议须写明提出人和异议内容。</source>
        <translation>An objection needs the name of who raised it and what it says.</translation>
    </message>
    <message>
        <source>积分记录 #{0} 不在公示期内（状态：{1}），不能登记异议；已生效的记录如有错误请冲正。</source>
        <translation>Entry #{0} is not on notice (status: {1}), so no objection can be recorded; reverse effective entries that are wrong.</translation>
    </message>
    <message>
        <source>异议日期 {0} 不在公示期（{1} 至 {2}）内。</source>
        <translation>The objection date {0} is outside the notice ({1} to {2}).</translation>
    </message>
    <message>
        <source>处理异议</source>
        <translation>Handle objections</translation>
    </message>
    <message>
        <source>找不到异议 #{0}。</source>
        <translation>Objection #{0} not found.</translation>
    </message>
    <message>
        <source>异议 #{0} 已经处理过了。</source>
        <translation>Objection #{0} was already handled.</translation>
    </message>
</context>
<context>
    <name>services.roster_columns</name>
    <message>
        <source>身份证号码被 Excel 转成了数字（{0}），后几位已丢失，请把该列设为文本后重新填写</source>
        <translation>Excel turned the ID number into a number ({0}) and its last digits are lost: format the column as text and type them again</translation>
    </message>
    <message>
        <source>身份证号码是隐去了中间位的（{0}），请用含完整身份证号码的花名册</source>
        <translation>The ID number has its middle digits hidden ({0}): use a roster with full ID numbers</translation>
    </message>
    <message>
        <source>身份证号码被 Excel 转成了科学计数法（{0}），后几位已丢失，请把该列设为文本后重新填写</source>
        <translation>Excel turned the ID number into scientific notation ({0}) and its last digits are lost: format the column as text and type them again</translation>
    </message>
</context>
<context>
    <name>services.roster_export</name>
    <message>
        <source>无法写入文件 {0}：{1}</source>
        <translation>Could not write the file {0}: {1}</translation>
    </message>
</context>
<context>
    <name>services.roster_import</name>
    <message>
        <source>（将新建此村）</source>
        <translation> (new village will be created)</translation>
    </message>
    <message>
        <source>{0}{9}：花名册共 {1} 户 {2} 人；将新增 {3} 户、更新 {4} 户、{5} 户无变化；成员将新增 {6} 人、更新 {7} 人、删除 {8} 人。</source>
        <translation>{0}{9}: the roster has {1} households, {2} people. Households: {3} to add, {4} to update, {5} unchanged; members: {6} to add, {7} to update, {8} to remove.</translation>
    </message>
    <message>
        <source>（已新建此村）</source>
        <translation> (new village created)</translation>
    </message>
    <message>
        <source>{0}{9}：花名册共 {1} 户 {2} 人；已新增 {3} 户、更新 {4} 户、{5} 户无变化；成员已新增 {6} 人、更新 {7} 人、删除 {8} 人。</source>
        <translation>{0}{9}: the roster has {1} households, {2} people. Households: {3} added, {4} updated, {5} unchanged; members: {6} added, {7} updated, {8} removed.</translation>
    </message>
    <message>
        <source>找不到要导入的村。</source>
        <translation>The village to import into was not found.</translation>
    </message>
    <message>
        <source>花名册标题写的是“{0}”，数据库里只有“{1}”。请指定导入到哪个村（--village），新村名会新建一个村。</source>
        <translation>The roster title says "{0}" but the database only has "{1}". Name the village to import into (--village); a new name creates a new village.</translation>
    </message>
    <message>
        <source>数据库里有多个村，请指定导入到哪个村（--village 村名或村代码；新村名会新建一个村）。</source>
        <translation>The database has several villages; name the one to import into (--village name or code; a new name creates a new village).</translation>
    </message>
    <message>
        <source>数据库里还没有村，花名册标题里也看不出村名。请用 --village 指定村名。</source>
        <translation>The database has no village and the roster title names none. Name it with --village.</translation>
    </message>
    <message>
        <source>身份证号码 {0} 已是{1}户号 {2} 的户主，不能登记到户号 {3}</source>
        <translation>ID number {0} is already the head of household {2} in {1} and cannot be registered in household {3}</translation>
    </message>
    <message>
        <source>另一台电脑正在导入花名册，本次导入没有写入任何内容。请等它完成后再导入（已导入的户不会重复添加）。</source>
        <translation>Another station is importing a roster; this import wrote nothing. Import again when it has finished (households already imported are not added twice).</translation>
    </message>
    <message>
        <source>姓名“{0}”中的“{1}”没有字体能打印，打印件上会空缺，请核对或在打印件上手写补全</source>
        <translation>No font can print "{1}" in the name "{0}": prints will show a gap there; check the name, or write it in by hand on the prints</translation>
    </message>
    <message>
        <source>导入中断：已写入前 {0} 户（共 {1} 户），其余没有写入。原因：{2}。请排除后再导入同一个文件，已写入的户不会重复添加，只补写其余的户。</source>
        <translation>The import stopped: the first {0} households (of {1}) were written, the rest were not. Cause: {2}. Put it right and import the same file again: the households written are not added twice, only the rest are.</translation>
    </message>
</context>
<context>
    <name>services.roster_limits</name>
    <message>
        <source>文件“{0}”有 {1}，超过花名册的上限 {2}（约 {3} 人）。请按村或按组分成几个文件再导入。</source>
        <translation>The file "{0}" is {1}, more than the roster limit of {2} (about {3} people). Split it by village or group and import the files one by one.</translation>
    </message>
    <message>
        <source>“{0}”不是有效的 Excel 文件（.xlsx）：可能已损坏，或只是把扩展名改成了 .xlsx。请在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）后再导入。</source>
        <translation>"{0}" is not a valid Excel file (.xlsx): it may be damaged, or only renamed to .xlsx. Open it in Excel or WPS, "Save as" an Excel workbook (.xlsx) and import that.</translation>
    </message>
    <message>
        <source>文件内部的部件太多（{0} 个）</source>
        <translation>it holds too many parts ({0})</translation>
    </message>
    <message>
        <source>文字表解压后有 {0}，上限 {1}</source>
        <translation>its table of texts unpacks to {0}, the limit is {1}</translation>
    </message>
    <message>
        <source>工作表解压后有 {0}，上限 {1}</source>
        <translation>a sheet unpacks to {0}, the limit is {1}</translation>
    </message>
    <message>
        <source>解压后共 {0}，上限 {1}</source>
        <translation>it unpacks to {0}, the limit is {1}</translation>
    </message>
    <message>
        <source>“{0}”不能导入：{1}。正常的花名册（最多 {2} 人）远小于此；文件可能已损坏。请在 Excel 或 WPS 中打开后“另存为”，或分成几个文件再导入。</source>
        <translation>"{0}" cannot be imported: {1}. A real roster (at most {2} people) is far smaller; the file may be damaged. Open it in Excel or WPS and "Save as", or split it into several files.</translation>
    </message>
    <message>
        <source>“{0}”有 {1} 行，超过花名册的上限 {2} 人。请按村或按组分成几个文件再导入。</source>
        <translation>"{0}" has {1} rows, more than the roster limit of {2} people. Split it by village or group and import the files one by one.</translation>
    </message>
</context>
<context>
    <name>services.roster_read</name>
    <message>
        <source>找不到文件：{0}</source>
        <translation>File not found: {0}</translation>
    </message>
    <message>
        <source>不支持旧版 .xls 文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。</source>
        <translation>Old .xls files are not supported. "Save as" .xlsx in Excel or WPS, then import.</translation>
    </message>
    <message>
        <source>不支持的文件类型“{0}”，请用 .xlsx 或 .csv。</source>
        <translation>Unsupported file type "{0}"; use .xlsx or .csv.</translation>
    </message>
    <message>
        <source>无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码。</source>
        <translation>Unknown CSV encoding; save it as UTF-8 or GBK.</translation>
    </message>
    <message>
        <source>CSV 文件第 {0} 行无法读取（格式不对，或含有不能识别的字符）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。</source>
        <translation>Line {0} of the CSV file cannot be read (wrong format, or characters that cannot be recognised). Open it in Excel or WPS, save it as .xlsx and import that.</translation>
    </message>
    <message>
        <source>找不到表头行（应有“户号”“姓名”“身份证号码”等列名）</source>
        <translation>No header row found (it should have columns such as “户号”, “姓名”, “身份证号码”)</translation>
    </message>
    <message>
        <source>表头缺少必需的列：{0}</source>
        <translation>The header lacks required columns: {0}</translation>
    </message>
    <message>
        <source>姓名一格是公式（{0}），不是姓名：请改成文字后再导入</source>
        <translation>the name cell holds a formula ({0}), not a name: type the name as text and import again</translation>
    </message>
    <message>
        <source>缺少户号</source>
        <translation>Household number missing</translation>
    </message>
    <message>
        <source>户号 {0} 的组别前后不一致（{1}／{2}）</source>
        <translation>Household {0} has different groups ({1} / {2})</translation>
    </message>
    <message>
        <source>户号 {0} 的户主姓名前后不一致（{1}／{2}）</source>
        <translation>Household {0} has different heads ({1} / {2})</translation>
    </message>
    <message>
        <source>“{0}”列{1}</source>
        <translation>column "{0}": {1}</translation>
    </message>
    <message>
        <source>户号 {0} 有 {1} 人，一户最多 {2} 人</source>
        <translation>household {0} has {1} people; a household has at most {2}</translation>
    </message>
    <message>
        <source>缺少姓名</source>
        <translation>Name missing</translation>
    </message>
    <message>
        <source>超过 {0:,}</source>
        <translation>more than {0:,}</translation>
    </message>
    <message>
        <source>{0}的{1}（{2}）</source>
        <translation>{0}: {1} ({2})</translation>
    </message>
    <message>
        <source>身份证号码 {0} 与第 {1} 行重复</source>
        <translation>ID number {0} repeats row {1}</translation>
    </message>
    <message>
        <source>电话号码是隐去了中间位的，请填完整号码</source>
        <translation>The phone number has masked digits; please give the full number</translation>
    </message>
</context>
<context>
    <name>services.rules</name>
    <message>
        <source>细则名称不能为空。</source>
        <translation>The rule name cannot be empty.</translation>
    </message>
    <message>
        <source>细则名称</source>
        <translation>Rule title</translation>
    </message>
    <message>
        <source>分值必须是不为 0 的整数（加分为正，扣分为负）。</source>
        <translation>Points must be a non-zero whole number (positive for awards, negative for deductions).</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>年度上限</source>
        <translation>Yearly cap</translation>
    </message>
    <message>
        <source>频次“{0}”无效，只能是 event（每次）、month（每月）或 year（每年）。</source>
        <translation>Frequency "{0}" is invalid; use event, month or year.</translation>
    </message>
    <message>
        <source>年度上限必须是不为 0 的整数，或留空表示不设上限。</source>
        <translation>The yearly cap must be a non-zero whole number, or empty for none.</translation>
    </message>
    <message>
        <source>年度上限 {0} 小于单次分值 {1}，这条细则将无法使用。</source>
        <translation>The yearly cap {0} is below the points per entry {1}; the rule could never be used.</translation>
    </message>
    <message>
        <source>类别名称</source>
        <translation>Category name</translation>
    </message>
    <message>
        <source>类别代码和名称都不能为空。</source>
        <translation>The category code and name cannot be empty.</translation>
    </message>
    <message>
        <source>类别代码“{0}”只能用字母、数字和下划线，最多 20 个。</source>
        <translation>Category code "{0}" may use only letters, digits and underscores, 20 at most.</translation>
    </message>
    <message>
        <source>类别代码“{0}”已存在。</source>
        <translation>The category code "{0}" already exists.</translation>
    </message>
    <message>
        <source>找不到细则“{0}”。可用 pointsapp rules list 查看细则代码。</source>
        <translation>Rule "{0}" not found. pointsapp rules list shows the rule codes.</translation>
    </message>
    <message>
        <source>细则代码不能为空。</source>
        <translation>The rule code cannot be empty.</translation>
    </message>
    <message>
        <source>所选类别不属于这个村。</source>
        <translation>The chosen category belongs to another village.</translation>
    </message>
    <message>
        <source>细则代码“{0}”已存在。</source>
        <translation>The rule code "{0}" already exists.</translation>
    </message>
    <message>
        <source>不能修改细则的这些项：{0}</source>
        <translation>These fields of a rule cannot be changed: {0}</translation>
    </message>
    <message>
        <source>找不到这条细则。</source>
        <translation>Rule not found.</translation>
    </message>
    <message>
        <source>{0} 在 {1}年{2}月 已经有细则{3}的记录（每月只能一次）。</source>
        <translation>{0} already has an entry for rule {3} in {2}/{1} (once a month only).</translation>
    </message>
    <message>
        <source>{0} 在 {1}年 已经有细则{2}的记录（每年只能一次）。</source>
        <translation>{0} already has an entry for rule {2} in {1} (once a year only).</translation>
    </message>
    <message>
        <source>{0} 在 {1}年 从细则{2}已得 {3} 分，再记 {4:+d} 分将超过年度上限 {5} 分。</source>
        <translation>{0} already got {3} points from rule {2} in {1}; {4:+d} more would pass the yearly cap of {5}.</translation>
    </message>
</context>
<context>
    <name>services.shop_export</name>
    <message>
        <source>无法保存文件 {0}：{1}</source>
        <translation>Cannot save the file {0}: {1}</translation>
    </message>
    <message>
        <source>兑换笔数</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>兑换积分</source>
        <translation>Points redeemed</translation>
    </message>
    <message>
        <source>作废笔数</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>作废退回积分</source>
        <translation>Points returned by voids</translation>
    </message>
    <message>
        <source>净兑换积分</source>
        <translation>Net points redeemed</translation>
    </message>
    <message>
        <source>积分账本记录</source>
        <translation>Ledger entries</translation>
    </message>
    <message>
        <source>核对结果</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>Balanced</translation>
    </message>
    <message>
        <source>不一致，请检查</source>
        <translation>Not balanced, please check</translation>
    </message>
    <message>
        <source>收现金（元）</source>
        <translation>Cash taken (yuan)</translation>
    </message>
    <message>
        <source>作废退还现金（元）</source>
        <translation>Cash given back by voids (yuan)</translation>
    </message>
    <message>
        <source>钱箱应有（元）</source>
        <translation>The drawer should hold (yuan)</translation>
    </message>
    <message>
        <source>日结汇总</source>
        <translation>Daily close</translation>
    </message>
    <message>
        <source>积分超市日结 {0}</source>
        <translation>Points shop daily close {0}</translation>
    </message>
    <message>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>收银员汇总 {0}</source>
        <translation>Cashiers {0}</translation>
    </message>
    <message>
        <source>兑换明细</source>
        <translation>Redemptions</translation>
    </message>
    <message>
        <source>兑换明细 {0}</source>
        <translation>Redemptions {0}</translation>
    </message>
    <message>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>the start</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>积分超市库存表（出入库统计：{0}）</source>
        <translation>Points shop stock (movements: {0})</translation>
    </message>
    <message>
        <source>按户汇总</source>
        <translation>By household</translation>
    </message>
    <message>
        <source>各户兑换汇总 {0} 至 {1}</source>
        <translation>Redemptions by household {0} to {1}</translation>
    </message>
    <message>
        <source>兑换明细 {0} 至 {1}</source>
        <translation>Redemptions {0} to {1}</translation>
    </message>
</context>
<context>
    <name>services.shop_policy</name>
    <message>
        <source>户 #{0} 不存在。</source>
        <translation>Household #{0} does not exist.</translation>
    </message>
    <message>
        <source>每分积分折合金额</source>
        <translation>Money per point</translation>
    </message>
    <message>
        <source>每分积分折合的金额必须大于 0 元。</source>
        <translation>The money per point must be more than 0 yuan.</translation>
    </message>
    <message>
        <source>每分积分折合的金额不能超过 1000 元。</source>
        <translation>The money per point cannot exceed 1000 yuan.</translation>
    </message>
    <message>
        <source>兑换日写得太长了（最多 200 个字符）。</source>
        <translation>The redemption days are too long (200 characters at most).</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>今天（{0}）不是兑换日，近期也没有安排兑换日（{1}）。</source>
        <translation>Today ({0}) is not a redemption day, and none is planned soon ({1}).</translation>
    </message>
    <message>
        <source>今天（{0}）不是兑换日。下一个兑换日：{1}（{2}）。</source>
        <translation>Today ({0}) is not a redemption day. Next redemption day: {1} ({2}).</translation>
    </message>
    <message>
        <source>兑换日：{0}</source>
        <translation>redemption days: {0}</translation>
    </message>
</context>
<context>
    <name>services.signing</name>
    <message>
        <source>用户 #{0} 的签名密钥没有解锁，不能写入。请重新登录后再操作。</source>
        <translation>The signing key of user #{0} is not unlocked, so nothing can be written. Please sign in again.</translation>
    </message>
</context>
<context>
    <name>services.star_awards</name>
    <message>
        <source>评星记录 #{0} 不是待公示状态，不能公示。</source>
        <translation>Star evaluation #{0} is not awaiting notice and cannot be put on notice.</translation>
    </message>
    <message>
        <source>公示天数至少为 1 天。</source>
        <translation>The notice must last at least 1 day.</translation>
    </message>
    <message>
        <source>公示期到 {0} 结束，公示期满后才能授星。</source>
        <translation>The notice ends on {0}; stars can be awarded after it ends.</translation>
    </message>
    <message>
        <source>本村评星结果须先公示，公示期满后才能授星。</source>
        <translation>The village's star results must first go on notice; stars are awarded after it ends.</translation>
    </message>
    <message>
        <source>评星记录 #{0} 已授星或已作废，不能再授星。</source>
        <translation>Star evaluation #{0} was already awarded or cancelled.</translation>
    </message>
    <message>
        <source>{0}{1} 已有授星记录，不能重复授星。</source>
        <translation>{0} already has stars awarded for {1}; they cannot be awarded twice.</translation>
    </message>
    <message>
        <source>摘星必须填写原因。</source>
        <translation>Withdrawing a star needs a reason.</translation>
    </message>
    <message>
        <source>这一户目前没有这颗星，无需摘星。</source>
        <translation>This household does not hold this star; nothing to withdraw.</translation>
    </message>
    <message>
        <source>记录 #{0} 不是一票否决扣分，不能据此摘星。</source>
        <translation>Entry #{0} is not a veto deduction; no star can be withdrawn for it.</translation>
    </message>
    <message>
        <source>记录 #{0} 尚未生效，生效后才能据此摘星。</source>
        <translation>Entry #{0} is not effective yet; withdraw the star after it takes effect.</translation>
    </message>
    <message>
        <source>记录 #{0} 已被冲正，不能据此摘星。</source>
        <translation>Entry #{0} was reversed; no star can be withdrawn for it.</translation>
    </message>
</context>
<context>
    <name>services.star_scheme</name>
    <message>
        <source>评星条件中有无法识别的项：{0}。</source>
        <translation>The star criteria contain unknown items: {0}.</translation>
    </message>
    <message>
        <source>评星条件的类别必须是类别代码列表，例如 [&quot;hygiene&quot;]。</source>
        <translation>The criteria categories must be a list of category codes, e.g. ["hygiene"].</translation>
    </message>
    <message>
        <source>评星条件的最低积分必须是整数。</source>
        <translation>The minimum points of the criteria must be a whole number.</translation>
    </message>
    <message>
        <source>星级“{0}”的评星条件不是有效的 JSON。</source>
        <translation>The criteria of star "{0}" are not valid JSON.</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>星级名称不能为空，且不超过 30 个字。</source>
        <translation>The star name cannot be empty and has at most 30 characters.</translation>
    </message>
    <message>
        <source>颜色“{0}”无效，请写成 #RRGGBB，例如 #d4262c。</source>
        <translation>Colour "{0}" is invalid; write #RRGGBB, e.g. #d4262c.</translation>
    </message>
    <message>
        <source>本村已有名为“{0}”的星级。</source>
        <translation>This village already has a star named "{0}".</translation>
    </message>
    <message>
        <source>本村没有这些积分类别：{0}。可用的类别代码：{1}。</source>
        <translation>This village has no such categories: {0}. Category codes: {1}.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>星级代码只能用字母、数字、下划线或短横线，最多 20 个字符。</source>
        <translation>A star code uses only letters, digits, underscores or hyphens, at most 20 characters.</translation>
    </message>
    <message>
        <source>本村已有代码为“{0}”的星级。</source>
        <translation>This village already has a star with code "{0}".</translation>
    </message>
    <message>
        <source>找不到这个星级。</source>
        <translation>Star not found.</translation>
    </message>
    <message>
        <source>本村没有这些星级：{0}。</source>
        <translation>This village has no such stars: {0}.</translation>
    </message>
    <message>
        <source>星级方案里没有星级（需要 {&quot;stars&quot;: [...]}）。</source>
        <translation>The star scheme has no stars (needs {"stars": [...]}).</translation>
    </message>
    <message>
        <source>星级方案里有重复的星级代码。</source>
        <translation>The star scheme repeats a star code.</translation>
    </message>
    <message>
        <source>星级方案里有重复的星级名称。</source>
        <translation>The star scheme repeats a star name.</translation>
    </message>
    <message>
        <source>星级代码“{0}”无效。</source>
        <translation>Star code "{0}" is invalid.</translation>
    </message>
</context>
<context>
    <name>services.stars</name>
    <message>
        <source>评星按年度（如 2026）或半年（如 2026-H1）进行。</source>
        <translation>Stars are evaluated by year (e.g. 2026) or half year (e.g. 2026-H1).</translation>
    </message>
    <message>
        <source>{0} {1} 分</source>
        <translation>{0} {1} pts</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>无积分</source>
        <translation>no points</translation>
    </message>
    <message>
        <source>，合计 {0} 分</source>
        <translation>, total {0} pts</translation>
    </message>
    <message>
        <source>（需 ≥ {0}</source>
        <translation> (needs ≥ {0}</translation>
    </message>
    <message>
        <source>，差 {0} 分）</source>
        <translation>, {0} short)</translation>
    </message>
    <message>
        <source>，达到）</source>
        <translation>, met)</translation>
    </message>
    <message>
        <source>；{0}有扣分 {1} 分</source>
        <translation>; {0} deductions {1} pts</translation>
    </message>
    <message>
        <source>；一票否决：{0}（{1}，记录 #{2}）</source>
        <translation>; veto: {0} ({1}, entry #{2})</translation>
    </message>
    <message>
        <source>；{0} 迁入，按迁入后实得积分评定</source>
        <translation>; moved in on {0}, rated on the points since</translation>
    </message>
    <message>
        <source>找不到这个村。</source>
        <translation>Village not found.</translation>
    </message>
    <message>
        <source>{0}还没有启用的星级，请先在星级设置中添加。</source>
        <translation>{0} has no active stars; add them in the star settings first.</translation>
    </message>
    <message>
        <source>{0}{1}的星级已经授予，不能重新评定。</source>
        <translation>The stars of {0} for {1} were already awarded and cannot be evaluated again.</translation>
    </message>
    <message>
        <source>{0}：正在按账本计算{1}积分…</source>
        <translation>{0}: counting the points of {1} from the ledger…</translation>
    </message>
    <message>
        <source>{0}：正在保存 {1} 条评星建议…</source>
        <translation>{0}: saving {1} star proposals…</translation>
    </message>
    <message>
        <source>找不到评星记录 #{0}。</source>
        <translation>Star evaluation #{0} not found.</translation>
    </message>
    <message>
        <source>调整评星结果必须填写原因。</source>
        <translation>Changing a star result needs a reason.</translation>
    </message>
    <message>
        <source>评星记录 #{0}{1}，不能再调整。</source>
        <translation>Star evaluation #{0} is {1} and can no longer be changed.</translation>
    </message>
    <message>
        <source>这一户不在本次评星中，或本次评星没有这颗星。</source>
        <translation>This household is not in this evaluation, or the evaluation has no such star.</translation>
    </message>
    <message>
        <source>这颗星已经是“{0}”，无需调整。</source>
        <translation>This star is already "{0}"; nothing to change.</translation>
    </message>
    <message>
        <source>授予</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>不授予</source>
        <translation>Do not award</translation>
    </message>
</context>
<context>
    <name>services.statements</name>
    <message>
        <source>找不到这一户。</source>
        <translation>Household not found.</translation>
    </message>
</context>
<context>
    <name>services.stock</name>
    <message>
        <source>数量必须是正整数。</source>
        <translation>The quantity must be a positive whole number.</translation>
    </message>
    <message>
        <source>一次出入库的数量</source>
        <translation>Quantity of one stock move</translation>
    </message>
    <message>
        <source>商品 #{0} 不存在。</source>
        <translation>Product #{0} does not exist.</translation>
    </message>
    <message>
        <source>“{0}”的库存最多 {1}，现有 {2}，不能再增加 {3}。</source>
        <translation>Stock of "{0}" may be at most {1}; it is {2}, so {3} more cannot be added.</translation>
    </message>
    <message>
        <source>“{0}”库存只有 {1}{2}，不能减少 {3}{2}。</source>
        <translation>Only {1} {2} of "{0}" in stock; cannot take out {3} {2}.</translation>
    </message>
    <message>
        <source>进价（分）</source>
        <translation>Cost (fen)</translation>
    </message>
    <message>
        <source>生产日期 {0} 还没到。</source>
        <translation>The production date {0} is in the future.</translation>
    </message>
    <message>
        <source>到期日不能早于生产日期。</source>
        <translation>The expiry date cannot be before the production date.</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>入库来源只能是“村集体经费采购”或“爱心捐赠”。</source>
        <translation>Stock can only come from "village purchase" or "donation".</translation>
    </message>
    <message>
        <source>捐赠入库必须填写捐赠人或单位名称。</source>
        <translation>A donation needs the name of the donor.</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>出库必须填写原因（如：过期、破损）。</source>
        <translation>Taking stock out needs a reason (e.g. expired, damaged).</translation>
    </message>
    <message>
        <source>调整数量必须是不为 0 的整数（正数增加，负数减少）。</source>
        <translation>The adjustment must be a non-zero whole number (positive adds, negative removes).</translation>
    </message>
    <message>
        <source>调整数量</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>库存调整必须填写原因。</source>
        <translation>A stock adjustment needs a reason.</translation>
    </message>
    <message>
        <source>盘点至少要录入一种商品的实盘数量。</source>
        <translation>A stocktake needs the counted quantity of at least one product.</translation>
    </message>
    <message>
        <source>实盘数量必须是不小于 0 的整数。</source>
        <translation>The counted quantity must be a whole number of at least 0.</translation>
    </message>
    <message>
        <source>实盘数量</source>
        <translation>Counted quantity</translation>
    </message>
</context>
<context>
    <name>services.textnorm</name>
    <message>
        <source>含有控制字符（U+{0:04X}），请删除后重新输入</source>
        <translation>contains a control character (U+{0:04X}); please remove it</translation>
    </message>
    <message>
        <source>含有看不见的格式字符（U+{0:04X}，如零宽空格或文字方向控制符），请删除后重新输入</source>
        <translation>contains an invisible formatting character (U+{0:04X}, such as a zero-width space or a text direction mark); please remove it</translation>
    </message>
    <message>
        <source>含有表情符号或图形符号“{0}”，姓名和名称里不能有，请改正</source>
        <translation>contains the emoji or symbol "{0}", which names may not hold; please correct it</translation>
    </message>
    <message>
        <source>以“{0}”开头，像是表格公式而不是名称，请改正</source>
        <translation>starts with "{0}", like a spreadsheet formula rather than a name; please correct it</translation>
    </message>
    <message>
        <source>太长了（{0} 个字，最多 {1} 个）</source>
        <translation>is too long ({0} characters, at most {1})</translation>
    </message>
    <message>
        <source>手机号码应为11位，实际为{0}位</source>
        <translation>A mobile number has 11 digits, this one has {0}</translation>
    </message>
    <message>
        <source>电话号码“{0}”格式不对</source>
        <translation>The phone number "{0}" is not valid</translation>
    </message>
</context>
<context>
    <name>services.transfer</name>
    <message>
        <source>目标数据库不是空的（已有户籍、积分或用户数据），为防止覆盖，已停止迁移。</source>
        <translation>The target database is not empty (it has households, points or users); the transfer stopped so nothing is overwritten.</translation>
    </message>
    <message>
        <source>目标数据库与当前数据库相同。</source>
        <translation>The target database is the current database.</translation>
    </message>
    <message>
        <source>无法连接目标数据库 {0}：{1}</source>
        <translation>Could not connect to the target database {0}: {1}</translation>
    </message>
    <message>
        <source>已给日常账号 {0} 授权</source>
        <translation>Rights granted to the daily account {0}</translation>
    </message>
    <message>
        <source>只有迁移到 PostgreSQL 服务器时才能设置日常账号。</source>
        <translation>A daily account can be set up only when moving to a PostgreSQL server.</translation>
    </message>
    <message>
        <source>服务器上没有账号“{0}”。请管理员先运行 pointsapp pg-roles sql，按打印的步骤建好两个账号。</source>
        <translation>The server has no account "{0}". The administrator first runs pointsapp pg-roles sql and creates both accounts following the steps it prints.</translation>
    </message>
    <message>
        <source>请用所有者账号连接目标数据库，日常账号“{0}”只用于各台电脑平时连接。</source>
        <translation>Connect to the target database with the owner's account; the daily account "{0}" is only for the PCs' daily work.</translation>
    </message>
</context>
<context>
    <name>services.users</name>
    <message>
        <source>操作员“{0}”已停用。</source>
        <translation>Operator "{0}" is disabled.</translation>
    </message>
    <message>
        <source>密码连续输错次数过多，账户“{0}”已锁定，请 {1} 分钟后再试，或请管理员重置密码。</source>
        <translation>Too many wrong passwords: account "{0}" is locked. Try again in {1} minutes, or ask an administrator to reset the password.</translation>
    </message>
    <message>
        <source>用户名或密码不正确。</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>用户“{0}”已停用，请联系管理员。</source>
        <translation>User "{0}" is disabled; please contact an administrator.</translation>
    </message>
    <message>
        <source>用户“{0}”还没有设置密码，请先设置密码。</source>
        <translation>User "{0}" has no password yet; please set one first.</translation>
    </message>
    <message>
        <source>密码连续输错 {0} 次，账户已锁定 {1} 分钟。如需立即使用，请管理员重置密码。</source>
        <translation>Wrong password {0} times in a row: the account is locked for {1} minutes. To use it now, ask an administrator to reset the password.</translation>
    </message>
    <message>
        <source>用户名或密码不正确（再输错 {0} 次将锁定账户）。</source>
        <translation>Wrong user name or password ({0} more wrong tries lock the account).</translation>
    </message>
    <message>
        <source>只有尚未设置密码的用户才能这样设置密码。</source>
        <translation>Only a user without a password can set one this way.</translation>
    </message>
    <message>
        <source>请先登录后再操作。</source>
        <translation>Please sign in first.</translation>
    </message>
    <message>
        <source>原密码不正确。</source>
        <translation>The old password is wrong.</translation>
    </message>
    <message>
        <source>新密码不能与原密码相同。</source>
        <translation>The new password must differ from the old one.</translation>
    </message>
    <message>
        <source>用户“{0}”不存在。</source>
        <translation>User "{0}" does not exist.</translation>
    </message>
    <message>
        <source>没有“{0}”这个角色。可选：{1}</source>
        <translation>There is no role "{0}". Choose from: {1}</translation>
    </message>
    <message>
        <source>用户名不能为空、不能含空格，且不超过 40 个字符。</source>
        <translation>The user name cannot be empty or contain spaces, and has at most 40 characters.</translation>
    </message>
    <message>
        <source>用户名“{0}”已被使用。</source>
        <translation>The user name "{0}" is already taken.</translation>
    </message>
    <message>
        <source>不能停用自己正在使用的账户。</source>
        <translation>You cannot disable the account you are signed in with.</translation>
    </message>
    <message>
        <source>这是最后一个启用的管理员，不能停用。</source>
        <translation>This is the last active administrator and cannot be disabled.</translation>
    </message>
    <message>
        <source>这是最后一个启用的管理员，不能改成其他角色。</source>
        <translation>This is the last active administrator and cannot get another role.</translation>
    </message>
</context>
<context>
    <name>services.villages</name>
    <message>
        <source>村名和村代码都不能为空。</source>
        <translation>The village name and code cannot be empty.</translation>
    </message>
    <message>
        <source>村代码“{0}”已被使用。</source>
        <translation>The village code "{0}" is already used.</translation>
    </message>
    <message>
        <source>{0}没有“{1}”这个村民小组。</source>
        <translation>{0} has no group "{1}".</translation>
    </message>
    <message>
        <source>{0}没有“{1}”这个网格。</source>
        <translation>{0} has no grid "{1}".</translation>
    </message>
    <message>
        <source>村名不能为空。</source>
        <translation>The village name cannot be empty.</translation>
    </message>
    <message>
        <source>{0}名称不能为空。</source>
        <translation>The {0} name cannot be empty.</translation>
    </message>
    <message>
        <source>本村已有名为“{0}”的{1}。</source>
        <translation>This village already has a {1} named "{0}".</translation>
    </message>
    <message>
        <source>村民小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>“{0}”还有 {1} 户（含已归档的），请先把它们移到别的小组。</source>
        <translation>"{0}" still has {1} households (archived ones included); move them to another group first.</translation>
    </message>
    <message>
        <source>“{0}”已有检查记录，不能删除。</source>
        <translation>"{0}" has inspection records and cannot be deleted.</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>村名</source>
        <translation>Village name</translation>
    </message>
    <message>
        <source>村代码</source>
        <translation>Village code</translation>
    </message>
    <message>
        <source>找不到村“{0}”。</source>
        <translation>Village "{0}" not found.</translation>
    </message>
    <message>
        <source>数据库里还没有村。请先建村或导入花名册（pointsapp demo 可生成演示数据）。</source>
        <translation>The database has no village yet. Create one or import a roster (pointsapp demo makes demo data).</translation>
    </message>
    <message>
        <source>数据库里有多个村，请用 --village 指定村名或村代码。</source>
        <translation>The database has several villages; name one with --village (name or code).</translation>
    </message>
</context>
<context>
    <name>services.write_guard</name>
    <message>
        <source>{0} 的 pointsapp check 发现 {1} 个问题，之后还没有通过检查</source>
        <translation>pointsapp check of {0} found {1} problems, and no check has passed since</translation>
    </message>
    <message>
        <source>户 #{0} 的积分记录有 {1} 条，序号却到第 {2} 条：有记录被删除或插入</source>
        <translation>Household #{0} has {1} ledger rows but they are numbered up to {2}: rows were deleted or inserted</translation>
    </message>
    <message>
        <source>户 #{0} 的链头记录（第 {1} 条）与账本（第 {2} 条）不符：账本末尾有记录被删除或添加</source>
        <translation>Household #{0}'s chain head (row {1}) does not match its ledger (row {2}): rows at the end were deleted or added</translation>
    </message>
    <message>
        <source>数据库文件损坏：{0}</source>
        <translation>The database file is damaged: {0}</translation>
    </message>
    <message>
        <source>这个数据库没有通过完整性检查，为免在有问题的数据上继续写入，本命令没有执行，数据库没有改变：
{0}
请先运行 pointsapp check 查看全部问题，再请管理员处理（必要时用 pointsapp restore 备份文件 恢复）。查看数据和 pointsapp check 仍可照常使用。</source>
        <translation>This database failed its integrity check. So that nothing more is written onto faulty data, the command was not carried out and the database is unchanged:
{0}
Run pointsapp check to see every problem and ask the administrator to deal with it (if need be, restore a backup with pointsapp restore FILE). Viewing data and pointsapp check still work as usual.</translation>
    </message>
</context>
<context>
    <name>stars</name>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>小组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>星数</source>
        <translation>Stars</translation>
    </message>
    <message>
        <source>建议授予的星级</source>
        <translation>Proposed stars</translation>
    </message>
    <message>
        <source>委员会调整</source>
        <translation>Committee adjustment</translation>
    </message>
    <message>
        <source>；委员会{0}（{1}：{2}）</source>
        <translation>; committee: {0} ({1}: {2})</translation>
    </message>
    <message>
        <source>授予</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>不授予</source>
        <translation>Do not award</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>评星条件</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>获星户数</source>
        <translation>Star households</translation>
    </message>
    <message>
        <source>星总数</source>
        <translation>Total stars</translation>
    </message>
    <message>
        <source>星数分布（户）</source>
        <translation>Households by star count</translation>
    </message>
    <message>
        <source>{0}星 {1}</source>
        <translation>{0}★ {1}</translation>
    </message>
    <message>
        <source>全村合计</source>
        <translation>Whole village</translation>
    </message>
    <message>
        <source>{0}：{1} 户</source>
        <translation>{0}: {1} households</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Star names</translation>
    </message>
    <message>
        <source>授星日期</source>
        <translation>Awarded on</translation>
    </message>
    <message>
        <source>授星人</source>
        <translation>Awarded by</translation>
    </message>
    <message>
        <source>摘星时间</source>
        <translation>Withdrawn at</translation>
    </message>
    <message>
        <source>摘星原因</source>
        <translation>Withdrawal reason</translation>
    </message>
</context>
<context>
    <name>stocktake</name>
    <message>
        <source>条码</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>账面数量</source>
        <translation>Book quantity</translation>
    </message>
    <message>
        <source>实盘数量</source>
        <translation>Counted quantity</translation>
    </message>
    <message>
        <source>差异</source>
        <translation>Difference</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>text</name>
    <message>
        <source>{year}年{month}月{day}日</source>
        <translation>{day} {mon} {year}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>village_picker</name>
    <message>
        <source>全部小组</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>村民小组</source>
        <translation>Groups</translation>
    </message>
</context>
</TS>
