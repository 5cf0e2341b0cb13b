"""常规设置: reading and changing the declared installation-wide settings (pointsapp.db.settings)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pointsapp.db import settings
from pointsapp.models import database
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import domain_label, translate

HIDDEN: set[str] = set()  # settings never shown on the settings page


@dataclass(frozen=True)
class OptionValue:
    key: str
    kind: type
    value: Any
    description: str


def list_options(*, actor: Actor) -> list[OptionValue]:
    require(actor, Permission.HOUSEHOLD_VIEW)
    return [OptionValue(o.key, o.kind, settings.get(o.key), o.description)
            for o in settings.OPTIONS.values() if o.key not in HIDDEN]


def parse(key: str, text: str) -> Any:
    option = settings.OPTIONS.get(key)
    if option is None or key in HIDDEN:
        raise UserError(translate("services.preferences", "没有“{0}”这个设置。").format(key))
    if option.kind is bool:
        return str(text).strip().lower() in ("1", "true", "yes", "是", "开")
    if option.kind is int:
        try:
            value = int(str(text).strip())
        except ValueError as exc:
            raise UserError(translate("services.preferences", "“{0}”必须是整数。").format(domain_label(option.description))) from exc
        if value < 0:
            raise UserError(translate("services.preferences", "“{0}”不能是负数。").format(domain_label(option.description)))
        return value
    return str(text).strip()


def change(*, actor: Actor, key: str, value: Any) -> None:
    change_many(actor=actor, values={key: value})


def change_many(*, actor: Actor, values: dict[str, Any]) -> list[str]:
    """Change several settings in one transaction (all checked first); returns the keys that changed."""
    require(actor, Permission.SETTINGS_EDIT)
    parsed = {key: parse(key, value) if isinstance(value, str) else value for key, value in values.items()}
    for key in parsed:
        parse(key, "0")  # unknown or hidden keys are refused before anything is written
    changed = [key for key, new in parsed.items() if settings.get(key) != new]
    with database.obj.atomic():
        for key in changed:
            old = settings.get(key)
            settings.set(key, parsed[key])
            audit.record(actor, "setting.change", "setting", key, old, parsed[key])
    return changed


def value(*, actor: Actor, key: str) -> Any:
    """One setting's value, for a screen that follows it (hidden ones are refused)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    if key in HIDDEN or key not in settings.OPTIONS:
        raise UserError(translate("services.preferences", "没有“{0}”这个设置。").format(key))
    return settings.get(key)
