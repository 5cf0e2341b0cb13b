"""``pointsapp audit list`` and ``pointsapp export audit``: the audit log from the command line."""
from __future__ import annotations

import datetime as dt

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._output import print_rows
from pointsapp.services import audit
from pointsapp.errors import UserError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"日期“{text}”格式不对，请写成 2026-01-31。") from exc


def _filters(p) -> None:
    p.add_argument("--by", dest="by_user", help="只看这个用户的操作（用户名）")
    p.add_argument("--since", help="从这一天起（如 2026-01-01）")
    p.add_argument("--until", help="到这一天为止（含）")
    p.add_argument("--kind", help="操作类别（如 user、household）或具体操作（如 user.create）")


def _filter(args) -> audit.AuditFilter:
    return audit.AuditFilter(username=args.by_user, since=_date(args.since) if args.since else None,
                             until=_date(args.until) if args.until else None, kind=args.kind)


def register(sub) -> None:
    p = command_group(sub, "audit").add_parser("list", help="查看操作日志（最新的在前）")
    _filters(p)
    p.add_argument("--limit", type=int, default=200, help="最多显示多少条（默认 200，0 为全部）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=run_list)

    p = command_group(sub, "export").add_parser("audit", help="导出操作日志为 .xlsx")
    p.add_argument("file", help="文件名（.xlsx）")
    _filters(p)
    p.set_defaults(handler=run_export)


def run_list(ctx) -> int:
    rows = audit.query(actor=ctx.actor, filter=_filter(ctx.args), limit=ctx.args.limit or None)
    if ctx.args.json:
        print_json([r.as_dict() for r in rows])
        return 0
    columns = list(audit.AuditColumn)
    print_rows([c.header for c in columns], [c.name for c in columns],
               [{c.name: r.cell(c) for c in columns} for r in rows])
    return 0


def run_export(ctx) -> int:
    path = audit.export_xlsx(actor=ctx.actor, path=ctx.args.file, filter=_filter(ctx.args))
    print(f"已导出到 {path}")
    return 0
