"""What a public print says about who posts it: the village (or township), its committee, where to object,
how long a notice lasts, whether the village reviews entries, and the supervision phone line."""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.db import settings
from pointsapp.models import Group, Village
from pointsapp.text import translate


@dataclass(frozen=True)
class NoticeFacts:
    village: str
    committee: str
    objection_contact: str
    notice_days: int
    reviewed: bool            # the village's entries go through review and notice
    supervision_phone: str    # 监督电话, empty when the setting is not filled in
    red_black_rows: int       # households on each of 红榜 and 黑榜 on a board notice; 0: not used


def _board_settings() -> tuple[str, int]:
    return str(settings.get("supervision_phone") or "").strip(), max(0, int(settings.get("red_black_rows") or 0))


def notice_facts(*, village_id: int | None = None, group_id: int | None = None) -> NoticeFacts:
    """The facts of the village of ``group_id`` or ``village_id``; with neither, of the only village, or
    the whole township (each committee answering for its own households)."""
    phone, red_black = _board_settings()
    village = None
    if group_id is not None:
        group = Group.get_or_none(Group.id == group_id)
        village = group.village if group else None
    elif village_id is not None:
        village = Village.get_or_none(Village.id == village_id)
    if village is None:
        villages = list(Village.select().order_by(Village.id).limit(2))
        if len(villages) == 1:
            village = villages[0]
        else:
            township = (villages[0].township.name if villages and villages[0].township_id
                        else translate("printing.ranking", "全镇"))
            return NoticeFacts(township, translate("printing.ranking", "各村村民委员会"),
                               translate("printing.ranking", "本村村委会"), 7, True, phone, red_black)
    return NoticeFacts(village.name, translate("printing.ranking", "{0}村民委员会").format(village.name),
                       village.objection_contact or translate("printing.ranking", "村委会办公室"), village.notice_days,
                       village.workflow == Village.WORKFLOW_REVIEWED, phone, red_black)


def village_and_group_names() -> tuple[dict[int, str], dict[int, str]]:
    """Every village's and group's name by id (plaques name both)."""
    return (dict(Village.select(Village.id, Village.name).tuples()),
            dict(Group.select(Group.id, Group.name).tuples()))


def supervision_phone() -> str:
    """The 监督电话 every notice prints (empty: none)."""
    return _board_settings()[0]
