"""``pointsapp users …``: operators and their roles (the administrator's work), and one's own password."""
from __future__ import annotations

import getpass
import sys

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._output import print_rows
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.errors import UserError

COLUMNS = [("username", "用户名"), ("display_name", "姓名"), ("role", "角色"), ("status", "状态")]


def register(sub) -> None:
    group = command_group(sub, "users")
    p = group.add_parser("list", help="列出用户")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=run_list)

    p = group.add_parser("add", help="新建用户（设置临时密码，首次登录时须修改）")
    p.add_argument("name", help="用户名（登录用，如 xiaoli）")
    p.add_argument("--role", required=True, help="角色：" + "、".join(f"{r.value}（{r.label}）" for r in Role))
    p.add_argument("--display-name", default="", help="姓名（显示用）")
    _password_stdin(p)
    p.set_defaults(handler=run_add)

    p = group.add_parser("passwd", help="修改自己的密码（需输入原密码）")
    p.add_argument("name", help="用户名")
    _password_stdin(p, "从标准输入读两行：原密码、新密码（供脚本使用）")
    p.set_defaults(handler=run_passwd, needs_user=False)  # the old password is the proof

    p = group.add_parser("first-password", help="新数据库：为还没有密码的管理员设置第一个密码")
    p.add_argument("name", nargs="?", default="admin", help="用户名（默认 admin）")
    _password_stdin(p)
    p.set_defaults(handler=run_first_password, needs_user=False)

    p = group.add_parser("reset", help="管理员重置用户密码（同时解除锁定；用户下次登录须修改）")
    p.add_argument("name", help="用户名")
    _password_stdin(p)
    p.set_defaults(handler=run_reset)

    for command, active, text in (("disable", False, "停用用户（历史记录保留）"), ("enable", True, "重新启用用户")):
        p = group.add_parser(command, help=text)
        p.add_argument("name", help="用户名")
        p.set_defaults(handler=lambda ctx, active=active: run_set_active(ctx, active))

    p = group.add_parser("role", help="更改用户角色")
    p.add_argument("name", help="用户名")
    p.add_argument("role", help="新角色")
    p.set_defaults(handler=run_role)


def _password_stdin(parser, text: str = "从标准输入读取新密码（一行，供脚本使用）") -> None:
    parser.add_argument("--password-stdin", action="store_true", help=text)


def read_passwords(ctx, prompts: list[str]) -> list[str]:
    """One password per prompt; the last (the new one) is asked twice when typed at a terminal."""
    if ctx.args.password_stdin:
        lines = sys.stdin.read().splitlines()
        if len(lines) < len(prompts):
            raise UserError(f"标准输入需要 {len(prompts)} 行密码。")
        return lines[:len(prompts)]
    answers = [getpass.getpass(f"{prompt}：") for prompt in prompts]
    if getpass.getpass("再输入一次新密码：") != answers[-1]:
        raise UserError("两次输入的新密码不一致，没有修改。")
    return answers


def run_list(ctx) -> int:
    rows = [{"username": u.username, "display_name": u.display_name, "role": u.role_label, "role_code": u.role.value,
             "status": u.status_label, "active": u.active} for u in users.list_users(actor=ctx.actor)]
    if ctx.args.json:
        print_json(rows)
    else:
        print_rows([h for _, h in COLUMNS], [k for k, _ in COLUMNS], rows)
    return 0


def run_add(ctx) -> int:
    actor = ctx.actor
    role = users.parse_role(ctx.args.role)
    users.list_users(actor=actor)  # refuse before asking for a password the operator may not set
    (password,) = read_passwords(ctx, [f"为 {ctx.args.name} 设置临时密码"])
    row = users.create_user(actor=actor, username=ctx.args.name, role=role, password=password,
                            display_name=ctx.args.display_name)
    print(f"已新建用户 {row.username}（{row.role_label}），首次登录时须修改密码。")
    return 0


def run_passwd(ctx) -> int:
    actor = users.operator(ctx.args.name)
    old, new = read_passwords(ctx, ["原密码", "新密码"])
    users.change_password(actor=actor, old_password=old, new_password=new)
    print(f"用户 {actor.username} 的密码已修改。")
    return 0


def run_first_password(ctx) -> int:
    if not users.has_users():
        users.ensure_admin(ctx.args.name)
    if not users.needs_first_password(ctx.args.name):
        raise UserError(f"用户 {ctx.args.name} 已经有密码；修改密码请用 pointsapp users passwd {ctx.args.name}。")
    (password,) = read_passwords(ctx, [f"为 {ctx.args.name} 设置密码"])
    users.set_first_password(username=ctx.args.name, new_password=password)
    print(f"已为 {ctx.args.name} 设置密码。")
    return 0


def run_reset(ctx) -> int:
    actor = ctx.actor
    users.list_users(actor=actor)
    (password,) = read_passwords(ctx, [f"{ctx.args.name} 的临时密码"])
    users.reset_password(actor=actor, username=ctx.args.name, new_password=password)
    print(f"已重置 {ctx.args.name} 的密码并解除锁定；下次登录时须修改。")
    return 0


def run_set_active(ctx, active: bool) -> int:
    users.set_active(actor=ctx.actor, username=ctx.args.name, active=active)
    print(f"用户 {ctx.args.name} 已{'启用' if active else '停用'}。")
    return 0


def run_role(ctx) -> int:
    role = users.parse_role(ctx.args.role)
    users.set_role(actor=ctx.actor, username=ctx.args.name, role=role)
    print(f"用户 {ctx.args.name} 的角色已改为{role.label}。")
    return 0
