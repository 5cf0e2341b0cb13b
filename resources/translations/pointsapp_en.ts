<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>无法打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接设置…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只显示最近的 {0} 条，请缩小日期范围或导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出操作日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>自动备份没有完成：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在自动备份…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>更改文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用所选备份恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从其他备份文件恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序每次启动时和每天自动备份，保留最近 7 天、4 周、12 个月各一份。备份文件夹可以设在 U 盘或共享文件夹上。恢复前会先检查备份是否完好，原数据库另存一份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已备份到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在列表里选一份备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库备份 (*.db *.dump);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用备份 {0} 替换当前数据库？此后的所有修改都会回到备份时的样子。当前数据库会另存一份，程序恢复后将关闭，请重新打开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原数据库已另存为 {0}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从备份恢复。{0}程序将关闭，请重新打开。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>数据库连接设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机数据库文件（一台电脑使用，无需设置）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL 服务器（村委会和超市多台电脑共用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地址：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端口：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示：本机没有系统密码库，密码将保存在仅本用户可读的设置文件中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库文件 (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接成功：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>全镇</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分工作概况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在册户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月参与率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星级文明户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月超市兑换</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>库存预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}，{1} 个小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 户有加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>户持有星级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 积分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>种商品库存不足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近12个月各类别积分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各星级持有户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各小组参与率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各村参与率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参与率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;小组&lt;/th&gt;&lt;th&gt;户均积分&lt;/th&gt;&lt;th&gt;参与率&lt;/th&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;还有 {0} 种…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本版本尚未包含此功能</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新建用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录用，如 xiaoli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>临时密码，至少 6 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新用户首次登录时须把临时密码改成自己的密码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <source>原密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至少 6 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordTab</name>
    <message>
        <source>修改密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>数据库有问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库文件无法正常使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

数据库文件：{1}
程序没有修改它。可以用下面的备份恢复（恢复前会检查备份是否完好，损坏的文件会另存一份）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份文件夹里没有这个数据库的备份。请找到 U 盘或其他电脑上的备份文件，用“选择其他备份文件”恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复所选备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择其他备份文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可用的备份（最新的在前）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <source>报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全镇月报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别积分趋势</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查完成情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全镇</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存为 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>范围(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成报表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>用户管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>常规设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>村民积分管理系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首次使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎使用！请为管理员账户“{0}”设置密码。请牢记这个密码，之后可在“设置 → 用户管理”里为其他工作人员建账户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置密码并进入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请设置新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的密码是临时密码（新账户或管理员重置过），请设置一个只有您知道的新密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存并进入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入用户名。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>新建用户…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更改角色…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为 {0} 设置临时密码（至少 6 位，下次登录须修改）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重置 {0} 的密码并解除锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 的新角色：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用用户 {0}？停用后不能登录，历史记录保留。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_UnavailablePage</name>
    <message>
        <source>“{0}”暂时无法打开：{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>备份时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>户籍管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分超市</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>排行榜</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星级评定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
