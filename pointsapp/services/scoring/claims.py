"""申报: a villager claims a rule's points for a deed; the group head checks it; a review meeting decides.

待组长核实 (when the village asks its group heads to check: a setting per village) → 待评议 → 通过 / 不通过.
A clerk types the claim in for the villager (who typed it is kept) with the evidence photos, which are copied
into the data folder (the claim keeps their path and SHA-256). A claim passed at a recorded meeting becomes an
entry of the existing flow: entered for review, notice and objection in a reviewed village, effective at once
in a village without review. A claim not passed keeps its reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import (
    Claim, ClaimEvidence, ClaimPolicy, EntryStatus, Group, Household, Member, Rule,
    User, Village, now,
)
from pointsapp.paths import data_dir
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import textnorm
from pointsapp.services.scoring.entries import (
    MAX_EVIDENCE_BYTES, _check_day, _check_household, _check_rule, _draft, household_label, initial_status,
    withdraw_stars_after_veto,
)
from pointsapp.services.scoring.ledger import append
from pointsapp.services.scoring.rules import limit_problem, usage
from pointsapp.text import translate

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".heic", ".pdf"}
MAX_PHOTOS = 9
EVIDENCE_FOLDER = "claim_evidence"
STATUS_LABELS = Claim.LABELS  # 待组长核实 / 待评议 / 通过 / 不通过 (listed for translation in ui/event_labels.py)


@dataclass(frozen=True)
class ClaimInfo:
    id: int
    village_id: int
    household_id: int
    household_no: str
    head_name: str
    group: str
    member: str
    rule_code: str
    rule_title: str
    points: int
    deed: str
    occurred_on: dt.date
    claimant: str
    status: str
    typed_by: str
    group_head: str
    group_note: str
    meeting_id: int | None
    reason: str
    entry_id: int | None
    photos: tuple[str, ...]  # paths relative to the data folder

    @property
    def status_label(self) -> str:
        return Claim.LABELS[self.status]


def evidence_root() -> Path:
    return data_dir() / EVIDENCE_FOLDER


def claim_policy(*, actor: Actor, village_id: int) -> bool:
    """Whether the village's group heads check claims before the meeting: the claims tab's check box."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return group_check_required(village_id)


def group_check_required(village_id: int) -> bool:
    """Whether the village's group heads check claims before the meeting (the common case, so the default)."""
    row = ClaimPolicy.get_or_none(ClaimPolicy.village == village_id)
    return True if row is None else bool(row.group_check)


def set_claim_policy(*, actor: Actor, village_id: int, group_check: bool) -> bool:
    """A village's setting: claims go to the group head (组长核实) first, or straight to the meeting."""
    require(actor, Permission.SETTINGS_EDIT)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.claims", "找不到这个村。"))
    with write_transaction():
        before = group_check_required(village.id)
        ClaimPolicy.insert(village=village.id, group_check=bool(group_check)).on_conflict(
            conflict_target=[ClaimPolicy.village], update={ClaimPolicy.group_check: bool(group_check)}).execute()
        audit.record(actor, "village.claim_policy", "village", village.id, {"group_check": before},
                     {"group_check": bool(group_check)})
    return bool(group_check)


def _infos(query) -> list[ClaimInfo]:
    """The claims of ``query`` (a ``Claim`` select), each with its household, rule, member, typist and photos, in
    three queries whatever their number."""
    member = Member.alias()
    rows = list(query.select(Claim, Household.household_no.alias("h_no"), Household.head_name.alias("h_head"),
                             Group.name.alias("g_name"), Rule.code.alias("r_code"), Rule.title.alias("r_title"),
                             Rule.points.alias("r_points"), member.name.alias("m_name"),
                             User.display_name.alias("u_display"), User.username.alias("u_name"))
                .join(Household, on=(Claim.household == Household.id))
                .join(Group, on=(Household.group == Group.id))
                .switch(Claim).join(Rule, on=(Claim.rule == Rule.id))
                .switch(Claim).join(User, on=(Claim.created_by == User.id))
                .switch(Claim).join(member, JOIN.LEFT_OUTER, on=(Claim.member == member.id))
                .objects())
    photos: dict[int, list[str]] = {}
    ids = [c.id for c in rows]
    for start in range(0, len(ids), 500):
        for claim_id, path in (ClaimEvidence.select(ClaimEvidence.claim, ClaimEvidence.path)
                               .where(ClaimEvidence.claim.in_(ids[start:start + 500]))
                               .order_by(ClaimEvidence.id).tuples()):
            photos.setdefault(claim_id, []).append(path)
    return [ClaimInfo(c.id, c.village_id, c.household_id, c.h_no, c.h_head, c.g_name, c.m_name or "", c.r_code,
                      c.r_title, c.r_points, c.deed, c.occurred_on, c.claimant, c.status, c.u_display or c.u_name,
                      c.group_head, c.group_note, c.meeting_id, c.reason, c.entry_id, tuple(photos.get(c.id, ())))
            for c in rows]


def _info(claim: Claim) -> ClaimInfo:
    return _infos(Claim.select().where(Claim.id == claim.id))[0]


def _claim(claim_id: int) -> Claim:
    return Claim.by_id(claim_id, translate("services.claims", "找不到申报 #{0}。"))


def _copy_photos(claim_id: int, photos: list[Path]) -> list[tuple[str, str, str, int]]:
    """Copy the photos into the data folder: (relative path, original name, sha256, size) each."""
    folder = evidence_root() / str(claim_id)
    copied = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n, photo in enumerate(photos, start=1):
            data = photo.read_bytes()
            target = folder / f"{n}{photo.suffix.lower()}"
            with open(target, "wb") as handle:
                handle.write(data)
            copied.append((target.relative_to(data_dir()).as_posix(), photo.name[:200],
                           hashlib.sha256(data).hexdigest(), len(data)))
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise UserError(translate("services.claims", "证据照片无法保存到数据文件夹：{0}").format(
            exc.strerror or exc)) from exc
    return copied


def _checked_photos(photos) -> list[Path]:
    paths = [Path(p) for p in photos or []]
    if len(paths) > MAX_PHOTOS:
        raise UserError(translate("services.claims", "证据照片最多 {0} 张。").format(MAX_PHOTOS))
    for path in paths:
        if path.suffix.lower() not in PHOTO_SUFFIXES:
            raise UserError(translate("services.claims", "“{0}”不是照片或扫描件（可用 jpg、png、pdf 等）。").format(path.name))
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise UserError(translate("services.claims", "无法读取证据照片 {0}：{1}").format(
                path.name, exc.strerror or exc)) from exc
        if size > MAX_EVIDENCE_BYTES:
            raise UserError(translate("services.entries", "证据照片太大（超过 8 MB），请缩小后再上传。"))
    return paths


def submit_claim(*, actor: Actor, household_id: int, rule_id: int, deed: str, occurred_on: dt.date | None = None,
                 member_id: int | None = None, claimant: str = "", photos=()) -> ClaimInfo:
    """登记申报 for a villager: what they did, when, which rule they claim, and the evidence photos."""
    require(actor, Permission.ENTRY_CREATE)
    day = occurred_on or clock.today()
    _check_day(day, None)
    deed = textnorm.free_text(deed, translate("services.claims", "事迹"))
    if not deed:
        raise UserError(translate("services.claims", "请写明申报的事迹（做了什么）。"))
    claimant = textnorm.checked(claimant or "", translate("services.claims", "申报人"), name=True, max_length=40)
    paths = _checked_photos(photos)
    with write_transaction():
        household = _check_household(Household.get_or_none(Household.id == household_id), day)
        rule = _check_rule(Rule.get_or_none(Rule.id == rule_id), household)
        if rule.points <= 0:
            raise UserError(translate("services.claims", "申报只能申请加分细则；“{0} {1}”是扣分细则。").format(
                rule.code, rule.title))
        if member_id is not None:
            member = Member.get_or_none(Member.id == member_id)
            if member is None or member.household_id != household.id:
                raise UserError(translate("services.claims", "所选成员不是{0}的家庭成员。").format(
                    household_label(household)))
        status = Claim.STATUS_GROUP_CHECK if group_check_required(household.village_id) else Claim.STATUS_PENDING
        claim = Claim.create(village=household.village_id, household=household.id, member=member_id, rule=rule.id,
                             deed=deed, occurred_on=day, claimant=claimant or household.head_name, status=status,
                             created_by=actor.user_id)
        for path, name, digest, size in _copy_photos(claim.id, paths):
            ClaimEvidence.create(claim=claim.id, path=path, original_name=name, sha256=digest, size=size)
        audit.record(actor, "claim.create", "claim", claim.id, None,
                     {"household": household.household_no, "rule": rule.code, "occurred_on": day,
                      "status": status, "photos": len(paths)})
    return _info(claim)


def group_check(*, actor: Actor, claim_id: int, group_head: str, confirmed: bool, note: str = "") -> ClaimInfo:
    """组长核实: the group head confirms the deed (→ 待评议) or does not (→ 不通过, with the reason)."""
    require(actor, Permission.ENTRY_CREATE)
    group_head = textnorm.checked(group_head or "", translate("services.claims", "组长"), name=True, max_length=40)
    if not group_head:
        raise UserError(translate("services.claims", "请写明核实的组长姓名。"))
    note = textnorm.free_text(note or "", translate("services.claims", "核实意见"))
    if not confirmed and not note:
        raise UserError(translate("services.claims", "组长核实不属实时必须写明原因。"))
    with write_transaction():
        claim = _claim(claim_id)
        if claim.status != Claim.STATUS_GROUP_CHECK:
            raise UserError(translate("services.claims", "申报 #{0} 的状态是“{1}”，不在待组长核实状态。").format(
                claim.id, Claim.LABELS[claim.status]))
        stamp = now()
        status = Claim.STATUS_PENDING if confirmed else Claim.STATUS_REJECTED
        changes = {Claim.status: status, Claim.group_head: group_head, Claim.group_note: note,
                   Claim.group_checked_at: stamp, Claim.group_checked_by: actor.user_id}
        if not confirmed:
            changes.update({Claim.reason: translate("services.claims", "组长核实不属实：{0}").format(note),
                            Claim.decided_at: stamp, Claim.decided_by: actor.user_id})
        Claim.update(changes).where(Claim.id == claim.id, Claim.status == Claim.STATUS_GROUP_CHECK).execute()
        audit.record(actor, "claim.group_check", "claim", claim.id, {"status": Claim.STATUS_GROUP_CHECK},
                     {"status": status, "group_head": group_head, "note": note})
    return _info(_claim(claim_id))


def decide_claim(*, actor: Actor, claim_id: int, meeting_id: int, approve: bool, reason: str = "") -> ClaimInfo:
    """The review meeting's decision on a claim. Passed: an entry of the claimed rule (entered for review in a
    reviewed village, else effective); not passed: the reason is kept. The claim links to the meeting."""
    from pointsapp.services.scoring.meetings import _meeting, record_decision, require_recorder

    require_recorder(actor)
    reason = textnorm.free_text(reason or "", translate("services.claims", "理由"))
    if not approve and not reason:
        raise UserError(translate("services.claims", "不通过的申报必须写明理由。"))
    with write_transaction():
        claim = _claim(claim_id)
        meeting = _meeting(meeting_id)
        if meeting.village_id != claim.village_id:
            raise UserError(translate("services.claims", "申报 #{0} 不是这次评议会所在村的申报。").format(claim.id))
        if claim.status != Claim.STATUS_PENDING:
            raise UserError(translate("services.claims", "申报 #{0} 的状态是“{1}”，不在待评议状态。").format(
                claim.id, Claim.LABELS[claim.status]))
        if meeting.held_on < claim.occurred_on:
            raise UserError(translate("services.claims", "评议会（{0}）早于申报的事迹日期（{1}），不能评议。").format(
                meeting.held_on, claim.occurred_on))
        entry_id, points = None, 0
        if approve:
            household = _check_household(Household.get_by_id(claim.household_id), claim.occurred_on)
            rule = _check_rule(Rule.get_by_id(claim.rule_id), household)
            used = usage([rule.id], [household.id], claim.occurred_on.year)[(household.id, rule.id)]
            problem = limit_problem(rule, used, claim.occurred_on, household_label(household))
            if problem:
                raise UserError(problem)
            village = Village.get_by_id(claim.village_id)
            status = initial_status(village)
            note = translate("services.claims", "申报 #{0}（评议会 {1}）：{2}").format(
                claim.id, meeting.held_on, claim.deed)[:500]
            draft = _draft(household, rule, claim.occurred_on, note, status)
            draft.member_id = claim.member_id  # a deed of one member, counted to the household as any entry
            [entry_id] = append([draft], created_by=actor.user_id)
            points = rule.points
            if status == EntryStatus.EFFECTIVE:
                withdraw_stars_after_veto(actor=actor, entry_ids=[entry_id])
        Claim.update({Claim.status: Claim.STATUS_APPROVED if approve else Claim.STATUS_REJECTED,
                      Claim.meeting: meeting.id, Claim.decided_at: now(), Claim.decided_by: actor.user_id,
                      Claim.reason: reason, Claim.entry: entry_id}).where(Claim.id == claim.id).execute()
        record_decision(actor, meeting, claim_id=claim.id, approve=approve, reason=reason,
                        entries=1 if entry_id else 0, points=points)
        audit.record(actor, "claim.approve" if approve else "claim.reject", "claim", claim.id,
                     {"status": Claim.STATUS_PENDING},
                     {"meeting": meeting.id, "entry": entry_id, "reason": reason})
    return _info(_claim(claim_id))


def claims(*, actor: Actor, village_id: int | None = None, status: str | None = None,
           meeting_id: int | None = None) -> list[ClaimInfo]:
    """Claims, oldest first (a queue), optionally in one state or decided at one meeting."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = Claim.select().order_by(Claim.id)
    if village_id is not None:
        query = query.where(Claim.village == village_id)
    if status is not None:
        query = query.where(Claim.status == status)
    if meeting_id is not None:
        query = query.where(Claim.meeting == meeting_id)
    return _infos(query)


def claim(*, actor: Actor, claim_id: int) -> ClaimInfo:
    require(actor, Permission.HOUSEHOLD_VIEW)
    return _info(_claim(claim_id))


@dataclass(frozen=True)
class EvidenceFile:
    path: Path           # in this PC's data folder
    original_name: str
    intact: bool         # present, and its SHA-256 is the one kept when it was copied


def evidence_files(*, actor: Actor, claim_id: int) -> list[EvidenceFile]:
    """A claim's evidence photos as copied into the data folder, each checked against the hash kept with it
    (a photo missing on this PC — another station copied it — or changed since shows as not intact)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    _claim(claim_id)
    out = []
    for row in ClaimEvidence.select().where(ClaimEvidence.claim == claim_id).order_by(ClaimEvidence.id):
        path = data_dir() / row.path
        try:
            intact = hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
        except OSError:
            intact = False
        out.append(EvidenceFile(path, row.original_name, intact))
    return out


def members_of(*, actor: Actor, household_id: int) -> list[tuple[int, str, str]]:
    """(id, name, relation) of a household's members, head first: who a claim may be about."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return [(m.id, m.name, m.relation) for m in Member.select().where(
        Member.household == household_id, Member.active == True).order_by(Member.is_head.desc(), Member.id)]  # noqa: E712

