"""Settings stored in the database, each declared once with its type and default.

Per-village settings (workflow, notice days, expiry) are columns of ``Village``;
these are the installation-wide ones every station shares.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pointsapp.models import Setting, database


@dataclass(frozen=True)
class Option:
    key: str
    kind: type
    default: Any
    description: str
    factory: Callable[[], Any] | None = None  # generates the default once and stores it


OPTIONS: dict[str, Option] = {o.key: o for o in [
    Option("backup_dir", str, "", "备份文件夹（空：数据目录下的 backups）"),
    Option("backup_keep_daily", int, 7, "保留每日备份份数"),
    Option("backup_keep_weekly", int, 4, "保留每周备份份数"),
    Option("backup_keep_monthly", int, 12, "保留每月备份份数"),
    Option("mask_names", bool, False, "公示榜默认隐藏姓名（只留姓）"),
    Option("supervision_phone", str, "", "公示上印的监督电话（空：不印）"),
    Option("red_black_rows", int, 0, "公示栏红榜、黑榜各列几户（0：不分红黑榜）"),
    Option("black_board_limit", int, 0, "一年内上黑榜几次即摘星（0：不因黑榜摘星）"),
    Option("anonymous_donors", str, "", "公示时显示为“爱心人士”的捐赠人（逗号分隔，按捐赠人意愿）"),
    Option("language", str, "zh_CN", "界面语言"),
    Option("font_path", str, "", "中文字体文件（空：自动查找）"),
    Option("lockout_attempts", int, 5, "连续输错密码几次后锁定"),
    Option("lockout_minutes", int, 15, "锁定分钟数"),
    Option("shelf_warning_days", int, 60, "保质期预警天数（到期前多少天提醒）"),
]}


def _decode(option: Option, raw: str) -> Any:
    if option.kind is bool:
        return raw in ("1", "true", "True", "yes")
    if option.kind is int:
        return int(raw)
    return raw


def _encode(option: Option, value: Any) -> str:
    if option.kind is bool:
        return "1" if value else "0"
    return str(option.kind(value))


def get(key: str) -> Any:
    option = OPTIONS[key]
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return _decode(option, row.value)
    if option.factory is not None:
        value = option.factory()
        Setting.insert(key=key, value=_encode(option, value)).on_conflict_ignore().execute()
        return _decode(option, Setting.get(Setting.key == key).value)
    return option.default


def stored(key: str) -> Any:
    """``get``, remembered on the open database once it is stored: for values that do not change once made.

    Every card scan needs the card secret; asking the database each time costs more than the rest of
    the check. A value only generated (not yet committed) is not remembered, in case its transaction
    rolls back. ``set`` forgets the remembered value.
    """
    memo = database.obj.__dict__.setdefault("pointsapp_settings_memo", {})
    if key not in memo:
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            return get(key)
        memo[key] = _decode(OPTIONS[key], row.value)
    return memo[key]


def set(key: str, value: Any) -> None:  # noqa: A001 - mirrors get()
    option = OPTIONS[key]
    database.obj.__dict__.get("pointsapp_settings_memo", {}).pop(key, None)
    encoded = _encode(option, value)
    if Setting.get_or_none(Setting.key == key) is None:
        Setting.create(key=key, value=encoded)
    else:
        Setting.update(value=encoded).where(Setting.key == key).execute()
