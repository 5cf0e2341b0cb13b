"""English for PostgreSQL's two accounts (owner and daily account), restoring a backup that check rejects, and
the command line's refusal to write into a database that fails its integrity check (issue 21)."""

TRANSLATIONS = {
    # audit labels
    '恢复未通过检查的备份': 'Restore a backup that failed the check',
    '授权日常数据库账号': "Grant the daily database account",
    # restore screens
    '没有恢复：所选备份没有通过检查。可以另选一份备份。':
        'Nothing was restored: the chosen backup failed the check. You can choose another backup.',
    '备份没有通过检查': 'The backup failed the check',
    '这份备份里的账本可能被改动过': 'The ledger in this backup may have been altered',
    '备份 {0} 没有通过检查（和 pointsapp check 的检查相同），数据库没有被替换。检查发现的问题：':
        'Backup {0} failed the check (the same as pointsapp check); the database was not replaced. '
        'The check found:',
    '一般应当换一份通过检查的备份。如果确实要用这一份恢复，请写明理由（至少 {0} 个字），理由和这些问题会记入操作日志。':
        'Normally choose a backup that passes the check. If this one really must be restored, write the reason '
        '(at least {0} characters); the reason and these problems go into the operation log.',
    '恢复理由，例如：县审计组要求核对被改动的账本': 'Reason, e.g.: the county audit team asked to examine the altered ledger',
    '仍然恢复': 'Restore anyway',
    # PostgreSQL accounts
    '服务器上的数据库还是空的，需要先建表。本机连接用的账号“{0}”是日常使用的账号，没有建表的权限（这是为了防止有人改动或删除账本）。'
    '请管理员用数据库的所有者账号建表并授权：\npointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}\n'
    '（详见 docs/postgresql.md）':
        'The database on the server is still empty; its tables must be made first. The account this PC connects '
        'with, "{0}", is the daily account and may not create tables (so that nobody can alter or delete the '
        'ledger). The administrator creates them and grants the rights with the database owner\'s account:\n'
        'pointsapp --db postgresql://OWNER:PASSWORD@SERVER/DATABASE pg-roles grant {0}\n(see docs/postgresql.md)',
    '数据库需要升级（结构版本 {1} → {2}），但本机连接用的账号“{0}”是日常使用的账号，没有修改表结构的权限（这是为了防止有人改动或删除账本）。'
    '请管理员用数据库的所有者账号升级一次：\npointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}\n'
    '升级后各台电脑照常使用（详见 docs/postgresql.md）。':
        'The database needs an upgrade (schema version {1} → {2}), but the account this PC connects with, "{0}", '
        'is the daily account and may not change the tables (so that nobody can alter or delete the ledger). '
        'The administrator upgrades it once with the database owner\'s account:\n'
        'pointsapp --db postgresql://OWNER:PASSWORD@SERVER/DATABASE pg-roles grant {0}\n'
        'After that every PC works as before (see docs/postgresql.md).',
    '账号名或数据库名“{0}”不合适：只能用小写英文字母、数字和下划线，以字母开头。':
        'The account or database name "{0}" is not suitable: use lower-case letters, digits and underscores only, '
        'starting with a letter.',
    '恢复 PostgreSQL 数据库要替换全部的表，只有数据库的所有者账号才能做；各台电脑平时用的日常账号不行。'
    '请管理员用所有者账号连接后再恢复（见 docs/postgresql.md）。数据库没有改变。':
        'Restoring a PostgreSQL database replaces every table, which only the database owner\'s account may do, '
        'not the daily account the PCs use. The administrator connects with the owner\'s account and restores '
        '(see docs/postgresql.md). The database was not changed.',
    '所有者账号和日常账号必须是两个不同的账号。': 'The owner account and the daily account must be two different accounts.',
    '这是单机数据库文件（SQLite），没有数据库账号可以设置。':
        'This is a single-PC database file (SQLite); it has no database accounts to set up.',
    '当前连接用的账号“{0}”不是数据库的所有者，不能授权。请用所有者账号连接（postgresql://所有者账号:密码@…）。':
        'The account connected, "{0}", does not own the database and cannot grant rights. Connect with the '
        'owner\'s account (postgresql://OWNER:PASSWORD@…).',
    '日常账号不能是所有者账号本身：各台电脑要用另一个账号连接。':
        'The daily account cannot be the owner account itself: the PCs must connect with another account.',
    '服务器上没有账号“{0}”。请管理员先按 pointsapp pg-roles sql 打印的步骤建好它。':
        'The server has no account "{0}". The administrator first creates it following the steps that '
        'pointsapp pg-roles sql prints.',
    '已给日常账号 {0} 授权': 'Rights granted to the daily account {0}',
    '只有迁移到 PostgreSQL 服务器时才能设置日常账号。': 'A daily account can be set up only when moving to a PostgreSQL server.',
    '服务器上没有账号“{0}”。请管理员先运行 pointsapp pg-roles sql，按打印的步骤建好两个账号。':
        'The server has no account "{0}". The administrator first runs pointsapp pg-roles sql and creates both '
        'accounts following the steps it prints.',
    '请用所有者账号连接目标数据库，日常账号“{0}”只用于各台电脑平时连接。':
        'Connect to the target database with the owner\'s account; the daily account "{0}" is only for the PCs\' '
        'daily work.',
    # restoring a backup that check rejects
    '……另有 {0} 个问题': '… and {0} more problems',
    '备份 {0} 没有通过检查（pointsapp check 会拒绝它），发现 {1} 个问题：\n{2}{3}\n'
    '这份备份里的账本可能被改动过，数据库没有被替换。如果确实要用它恢复，须由管理员写明理由，理由会记入操作日志。':
        'Backup {0} failed the check (pointsapp check would reject it); {1} problems found:\n{2}{3}\n'
        'The ledger in this backup may have been altered; the database was not replaced. To restore it all the '
        'same, the administrator must give a reason, which goes into the operation log.',
    '请写明为什么要用一份没有通过检查的备份恢复（至少 {0} 个字），理由会记入操作日志。':
        'Write why a backup that failed the check must be restored (at least {0} characters); the reason goes '
        'into the operation log.',
    '备份无法检查：{0}': 'The backup cannot be checked: {0}',
    # the command line's refusal to write
    '数据库文件损坏：{0}': 'The database file is damaged: {0}',
    '{0} 的 pointsapp check 发现 {1} 个问题，之后还没有通过检查':
        'pointsapp check of {0} found {1} problems, and no check has passed since',
    '户 #{0} 的积分记录有 {1} 条，序号却到第 {2} 条：有记录被删除或插入':
        'Household #{0} has {1} ledger rows but they are numbered up to {2}: rows were deleted or inserted',
    '户 #{0} 的链头记录（第 {1} 条）与账本（第 {2} 条）不符：账本末尾有记录被删除或添加':
        "Household #{0}'s chain head (row {1}) does not match its ledger (row {2}): rows at the end were deleted "
        'or added',
    '这个数据库没有通过完整性检查，为免在有问题的数据上继续写入，本命令没有执行，数据库没有改变：\n{0}\n'
    '请先运行 pointsapp check 查看全部问题，再请管理员处理（必要时用 pointsapp restore 备份文件 恢复）。'
    '查看数据和 pointsapp check 仍可照常使用。':
        'This database failed its integrity check. So that nothing more is written onto faulty data, the command '
        'was not carried out and the database is unchanged:\n{0}\nRun pointsapp check to see every problem and '
        'ask the administrator to deal with it (if need be, restore a backup with pointsapp restore FILE). '
        'Viewing data and pointsapp check still work as usual.',
}
