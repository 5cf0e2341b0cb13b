"""``pointsapp backup`` and ``pointsapp restore``: consistent copies and verified restores."""
from __future__ import annotations

from pointsapp.db import open_database, resolve_target
from pointsapp.services.ops import backup, restore
from pointsapp.services.ops.restore_check import UncheckedBackup
from pointsapp.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（默认存入备份文件夹并按规则轮换）")
    p.add_argument("--out", help="备份到这个文件（不参与轮换）")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("restore", help="用备份文件恢复数据库（先校验备份；原文件另存为 *.replaced-时间.db）")
    p.add_argument("file", help="备份文件")
    p.add_argument("--reason", default="",
                   help="备份没有通过 pointsapp check 的检查（账本可能被改动过）时，管理员仍要用它恢复的理由"
                        "（记入操作日志）")
    p.set_defaults(handler=run_restore, needs_db=False)

    p = sub.add_parser("backups", help="列出备份文件夹里这个数据库的备份")
    p.set_defaults(handler=run_list)


def run_backup(ctx) -> int:
    path = backup.make_backup(actor=ctx.actor, out=ctx.args.out)
    print(f"已备份到 {path}")
    return 0


def run_restore(ctx) -> int:
    target = resolve_target(ctx.args.db)
    actor = None
    try:
        open_database(target)
    except UserError:
        pass  # damaged or foreign: restore() lets a verified backup replace it without a sign-in
    else:
        actor = ctx.actor
    try:
        result = restore.restore(actor=actor, source=ctx.args.file, target=target, reason=ctx.args.reason)
    except UncheckedBackup as exc:
        raise UserError(exc.message + "\n确实要用它恢复时，请由管理员加上 --reason \"理由\" 再运行一次。") from exc
    print(f"已从 {result.source} 恢复数据库。")
    if result.kept:
        print(f"原数据库已另存为 {result.kept}")
    return 0


def run_list(ctx) -> int:
    from pointsapp.services.auth import Permission, require

    require(ctx.actor, Permission.BACKUP)
    found = backup.backups_of(backup.current_target())
    if not found:
        print(f"备份文件夹 {backup.backup_folder()} 里还没有这个数据库的备份。")
    for info in found:
        print(f"{info.label}  {info.path}")
    return 0
