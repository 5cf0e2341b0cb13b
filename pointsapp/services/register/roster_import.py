"""Importing a 花名册: all or nothing, re-importable (matched by village + 户号 and by ID number).

A cashier's redemption must not wait on an import: the file is read, checked and its pinyin worked out before any
lock; on SQLite the plan is made under a read snapshot and the write lock is held only for the bulk inserts
(about 0.3 s for a village of 2,500 households). A larger file (more than ``CHUNK_HOUSEHOLDS`` households: a whole
township at once took 1.4 s for 10,000) is written in chunks, each its own short transaction, so a redemption
waits at most for one chunk.

"Nothing written on a fault" holds in full for every fault in the file and every fault the plan finds: all of it
is checked before the first chunk is written. What can still fail once writing has begun comes from outside the
file (the disk fills, another station changes the same households meanwhile, the program is killed). Then the
chunks already written stay, the message says how far it got, and importing the same file again finishes the job:
an import is re-importable by design (households matched by village and 户号, people by ID number), so the second
run finds the written households unchanged and writes only the rest. Undoing the written chunks instead would
need a delete of households a cashier may already have served; resuming is the safer of the two.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pointsapp.db.bulk import insert_rows
from pointsapp.db.sql import pg_try_transaction_lock, sqlite_data_version
from pointsapp import fonts
from pointsapp.models import Household, HouseholdTag, Member, Tag, Village, database, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register.households import retire, search_key
from pointsapp.services.register.roster_plan import (
    PINYIN, Plan, in_chunks, member_values, plan_changes, prepare, target_village, village_code,
)
from pointsapp.services.register.roster_read import Checked, Fault, Roster, parse
from pointsapp.text import translate


@dataclass
class ImportResult(Checked):
    file: str
    village: str
    dry_run: bool
    written: bool = False
    households: int = 0  # in the file
    people: int = 0
    households_created: int = 0
    households_updated: int = 0
    households_unchanged: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    people_removed: int = 0
    groups_created: list[str] = field(default_factory=list)
    village_created: bool = False
    faults: list[Fault] = field(default_factory=list)
    warnings: list[Fault] = field(default_factory=list)  # accepted, but worth a look (names no font can print)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["faults"] = [{"row": f.row, "reason": f.reason, "text": str(f)} for f in self.faults]
        data["warnings"] = [{"row": f.row, "reason": f.reason, "text": str(f)} for f in self.warnings]
        return data

    def summary(self) -> str:
        figures = (self.village, self.households, self.people, self.households_created, self.households_updated,
                   self.households_unchanged, self.people_created, self.people_updated, self.people_removed)
        if self.dry_run:  # a whole sentence each way, as "将"/"已" (will/did) change the English around them
            new = translate("services.roster_import", "（将新建此村）") if self.village_created else ""
            return self._with_warnings(translate("services.roster_import", "{0}{9}：花名册共 {1} 户 {2} 人；将新增 {3} 户、"
                                                 "更新 {4} 户、{5} 户无变化；成员将新增 {6} 人、更新 {7} 人、删除 {8} 人。")
                                       .format(*figures, new))
        new = translate("services.roster_import", "（已新建此村）") if self.village_created else ""
        return self._with_warnings(translate("services.roster_import", "{0}{9}：花名册共 {1} 户 {2} 人；已新增 {3} 户、更新 {4} 户、"
                         "{5} 户无变化；成员已新增 {6} 人、更新 {7} 人、删除 {8} 人。").format(*figures, new))

    def _with_warnings(self, text: str) -> str:
        return "\n".join([text] + [str(w) for w in self.warnings])


CHUNK_HOUSEHOLDS = 1000  # households per write transaction on SQLite: ~0.2 s of write lock each (roster_chunks)


def import_roster(*, actor: Actor, path: str | Path, village: str | int | None = None, dry_run: bool = False,
                  columns: dict[str, int] | None = None, header_row: int | None = None,
                  roster: Roster | None = None, chunk: int = CHUNK_HOUSEHOLDS) -> ImportResult:
    """Import a roster. Any fault (or ``dry_run``) means nothing is written; the result says what would be."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    roster = roster or parse(path, columns, header_row)
    result = ImportResult(file=str(path), village="", dry_run=dry_run, faults=list(roster.faults),
                          households=len(roster.households), people=roster.people, warnings=unprintable(roster))
    if result.faults:  # the file's own faults come first; which village does not matter yet
        return result
    from pointsapp.db import is_sqlite

    keys = prepare(roster) if not dry_run else {}
    try:
        if is_sqlite() and not dry_run:
            return _import_sqlite(actor, roster, result, village, keys, chunk)
        with database.obj.atomic() as txn:
            _one_import_at_a_time()  # first: the village and households are looked up only once no one else imports
            target, plans, touched = _plan_import(roster, result, village)
            if result.faults or dry_run:
                txn.rollback()
                return result
            return _write_import(actor, roster, result, target, plans, touched, keys)
    finally:
        PINYIN.clear()


def _import_sqlite(actor: Actor, roster: Roster, result: ImportResult, village, keys: dict[str, str],
                   chunk: int = CHUNK_HOUSEHOLDS) -> ImportResult:
    """SQLite has one writer: a cashier's redemption waits for whoever holds the write lock. So the import plans
    under a read snapshot (no lock), then takes the write lock only to write. If another connection committed in
    between (``PRAGMA data_version`` moved: a second station importing, a household edited), the plan may be stale
    and is made again under the write lock, so a second import waits and then sees the first's households."""
    if len(roster.households) <= chunk:
        return _plan_and_write(actor, roster, result, village, keys, chunk)
    from pointsapp.services.register.roster_chunks import one_chunked_import

    with one_chunked_import():  # planned and written with the database marked as importing
        return _plan_and_write(actor, roster, result, village, keys, chunk, marked=True)


def _plan_and_write(actor: Actor, roster: Roster, result: ImportResult, village, keys: dict[str, str], chunk: int,
                    *, marked: bool = False) -> ImportResult:
    db = database.obj
    with db.atomic():  # a read snapshot: nothing a cashier would wait for
        version = _data_version()
        planned = replace(result, faults=list(result.faults))
        target, plans, touched = _plan_import(roster, planned, village)
    if planned.faults:
        return planned
    if len(plans) > chunk:
        from pointsapp.services.register.roster_chunks import write_in_chunks

        return write_in_chunks(actor, planned, target, plans, touched, keys, chunk, write=_write,
                               village_code=village_code)
    with db.atomic(lock_type="IMMEDIATE") as txn:
        if not marked:  # a chunked import holds no lock between its chunks, only its mark
            from pointsapp.services.register.roster_chunks import refuse_while_running

            refuse_while_running()
        if _data_version() != version:
            planned = replace(result, faults=list(result.faults))
            target, plans, touched = _plan_import(roster, planned, village)
            if planned.faults:
                txn.rollback()
                return planned
        return _write_import(actor, roster, planned, target, plans, touched, keys)


def _data_version() -> int:
    return sqlite_data_version()


def _plan_import(roster: Roster, result: ImportResult, village) -> tuple[Village | None, list[Plan], set[int]]:
    target, village_name = target_village(village, roster.village_guess())
    result.village, result.village_created = village_name, target is None
    plans, faults, touched = plan_changes(roster, target)
    result.faults += faults
    _count(result, plans, target)
    return target, plans, touched


def _write_import(actor: Actor, roster: Roster, result: ImportResult, target: Village | None, plans: list[Plan],
                  touched: set[int], keys: dict[str, str]) -> ImportResult:
    if target is None:
        from pointsapp.services.register.villages import create_village

        target = create_village(actor=actor, name=result.village, code=village_code(result.village))
    _write(actor, target, plans, touched, keys)
    audit.record(actor, "roster.import", "village", target.id, None,
                 {k: v for k, v in result.to_dict().items() if k not in ("faults", "dry_run", "written")})
    result.written = True
    return result


IMPORT_LOCK = 22_0001  # PostgreSQL advisory lock key: one roster import at a time across stations


def _one_import_at_a_time() -> None:
    """Two stations importing at once would both plan the same new village and households, and the slower one would
    fail on a duplicate key. On PostgreSQL the first takes a transaction-scoped advisory lock and the second is told
    so at once; on SQLite the database's single writer serialises imports already."""
    from pointsapp.db import is_sqlite

    if is_sqlite():
        return
    if not pg_try_transaction_lock(IMPORT_LOCK):
        from pointsapp.services.register.roster_chunks import another_station_importing

        raise another_station_importing()


def unprintable(roster: Roster) -> list[Fault]:
    """A warning for each name with a character no print font has: imported, but it would print as a gap."""
    return [Fault(p.row, translate("services.roster_import", "姓名“{0}”中的“{1}”没有字体能打印，打印件上会空缺，"
                                   "请核对或在打印件上手写补全").format(p.name, "".join(missing)))
            for h in roster.households.values() for p in h.people if (missing := fonts.missing_glyphs(p.name))]


def _count(result: ImportResult, plans: list[Plan], village: Village | None) -> None:
    from pointsapp.models import Group

    known = set()
    if village is not None:
        known = {name for (name,) in Group.select(Group.name).where(Group.village == village).tuples()}
    for plan in plans:
        if plan.household is None:
            result.households_created += 1
        elif plan.changed:
            result.households_updated += 1
        else:
            result.households_unchanged += 1
        result.people_created += len(plan.creates)
        result.people_updated += len(plan.updates)
        result.people_unchanged += plan.unchanged
        result.people_removed += len(plan.removes)
        group = plan.roster_household.group or "未分组"
        if group not in known and group not in result.groups_created:
            result.groups_created.append(group)


def _write(actor: Actor, village: Village, plans: list[Plan], touched: set[int], keys: dict[str, str], *,
           removals: bool = True, all_plans: list[Plan] | None = None) -> None:
    """Write ``plans`` (all of an import, or one chunk of ``all_plans``: then ``removals`` says whether this chunk
    makes the whole import's removals)."""
    from pointsapp.services.register.households import sync_household
    from pointsapp.services.register.villages import grid_by_name, group_by_name

    stamp = now()
    groups: dict[str, int] = {}
    grids: dict[str, int] = {}

    def group_id(name: str) -> int:
        name = name or "未分组"
        if name not in groups:
            groups[name] = group_by_name(village, name, create=True).id
        return groups[name]

    def grid_id(name: str) -> int | None:
        if name and name not in grids:
            grids[name] = grid_by_name(village, name, create=True).id
        return grids.get(name)

    for plan in (all_plans or plans) if removals else ():  # removals first: a removed member's ID number may
        for m in plan.removes:                             # belong to someone else now
            retire(m)
    new_rows = []
    for plan in plans:
        rh = plan.roster_household
        head = rh.head
        phone = head.phone if head else ""
        row = {"village": village.id, "group": group_id(rh.group), "grid": grid_id(rh.grid),
               "household_no": rh.household_no, "head_name": head.name if head else "", "address": rh.address,
               "phone": phone, "search_key": keys.get(rh.household_no) or search_key(rh.household_no, rh.people, phone),
               "status": "active",
               "note": rh.note, "created_at": stamp, "updated_at": stamp}
        if plan.household is None:
            new_rows.append(row)
    insert_rows(Household, new_rows)
    numbers = [plan.roster_household.household_no for plan in plans]
    ids: dict[str, int] = {}
    for part in in_chunks(numbers):
        ids.update(Household.select(Household.household_no, Household.id)
                   .where(Household.village == village, Household.household_no.in_(part)).tuples())
    member_rows, tag_links, audit_rows = [], [], []
    for plan in plans:
        rh = plan.roster_household
        hid = ids[rh.household_no]
        if plan.household is not None and plan.fields:
            changes = {}
            if "group" in plan.fields:
                changes["group"] = group_id(rh.group)
            if "grid" in plan.fields:
                changes["grid"] = grid_id(rh.grid)
            for key in ("address", "phone"):
                if key in plan.fields:
                    changes[key] = plan.fields[key]
            Household.update(**changes, updated_at=stamp).where(Household.id == hid).execute()
        for member, diff in plan.updates:
            if "household" in diff:
                diff["household"] = hid
            Member.update(**diff).where(Member.id == member.id).execute()
        for p in plan.creates:
            member_rows.append({**member_values(p), "household": hid, "created_at": stamp})
        if plan.tags is not None:
            HouseholdTag.delete().where(HouseholdTag.household == hid).execute()
            for name in plan.tags:
                tag_links.append({"household": hid, "tag": Tag.get_or_create(name=name[:30])[0].id})
        if plan.household is None:
            audit_rows.append((hid, None, {"household_no": rh.household_no, "members": len(rh.people)}))
        elif plan.changed:
            audit_rows.append((hid, {"fields": {k: None for k in plan.fields}},
                               {**plan.fields, "created": len(plan.creates), "updated": len(plan.updates),
                                "removed": [m.name for m in plan.removes]}))
    insert_rows(Member, member_rows)
    for chunk in in_chunks(tag_links):
        HouseholdTag.insert_many(chunk).on_conflict_ignore().execute()
    audit.record_many(actor, "household.import", "household", audit_rows)
    for plan in plans:
        if plan.household is not None and plan.changed:
            sync_household(Household.get_by_id(plan.household.id))
    for hid in touched:
        sync_household(Household.get_by_id(hid))

