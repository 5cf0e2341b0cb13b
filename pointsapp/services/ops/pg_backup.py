"""PostgreSQL backups: ``pg_dump``/``pg_restore`` when they are on PATH, else a clear note of what to do."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pointsapp.models import now
from pointsapp.errors import UserError
from pointsapp.text import translate

HOW_TO = ("PostgreSQL 数据库的备份与恢复由 PostgreSQL 自带的工具完成。请安装 PostgreSQL 客户端工具"
          "（Debian/Ubuntu：apt install postgresql-client；Windows：PostgreSQL 安装包里的“Command Line Tools”），"
          "本程序会自动调用；或请数据库管理员在服务器上执行："
          "备份 pg_dump --format=custom --file=备份.dump 数据库名；"
          "恢复 pg_restore --clean --if-exists --dbname=数据库名 备份.dump。")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise UserError(translate("services.pg_backup", "没有找到 {0}。{1}").format(name, HOW_TO))
    return path


def _split(url: str) -> tuple[str, dict]:
    """The URL without its password (kept out of the process list) and the environment carrying it."""
    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        parts = parts._replace(netloc=f"{user}@{netloc[1]}")
    return urlunsplit(parts), env


def _run(args: list[str], env: dict, what: str) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
    except OSError as exc:
        raise UserError(translate("services.pg_backup", "{0}失败：{1}").format(what, exc)) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        failure = UserError(translate("services.pg_backup", "{0}失败：{1}").format(
            what, detail[-1] if detail else result.returncode))
        failure.detail = "\n".join(detail)  # the whole of the tool's complaint, for the callers that read it
        raise failure


def dump(url: str, out: Path) -> Path:
    tool = _tool("pg_dump")
    dsn, env = _split(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    _run([tool, "--format=custom", f"--file={partial}", f"--dbname={dsn}"], env,
         translate("services.pg_backup", "pg_dump 备份"))
    os.replace(partial, out)
    return out


def verify(path: Path) -> None:
    """A dump pg_restore can read (it lists the contents without touching any database)."""
    if not path.is_file():
        raise UserError(translate("services.pg_backup", "文件不存在：{0}").format(path))
    _run([_tool("pg_restore"), "--list", str(path)], dict(os.environ),
         translate("services.pg_backup", "检查备份 {0}").format(path.name))


def restore(url: str, source: Path) -> Path:
    """Verify the dump, keep the current contents as a dump beside it, then restore."""
    verify(source)
    kept = dump(url, source.with_name(f"replaced-{now():%Y%m%d-%H%M%S}.dump"))
    _pg_restore(url, source)
    return kept


def put_back(url: str, kept: Path) -> None:
    """Restore the dump taken just before a restore that was refused afterwards (the database as it was)."""
    _pg_restore(url, kept)


def _pg_restore(url: str, source: Path) -> None:
    dsn, env = _split(url)
    try:
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
              f"--dbname={dsn}", str(source)], env, translate("services.pg_backup", "pg_restore 恢复"))
    except UserError as exc:
        said = exc.message + getattr(exc, "detail", "")
        if "must be owner" in said or "permission denied" in said:
            raise UserError(translate("services.pg_backup", "恢复 PostgreSQL 数据库要替换全部的表，只有数据库的所有者账号"
                                      "才能做；各台电脑平时用的日常账号不行。请管理员用所有者账号连接后再恢复"
                                      "（见 docs/postgresql.md）。数据库没有改变。")) from exc
        raise
