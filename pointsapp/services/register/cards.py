"""积分卡: the QR payload on a household's card, its signature, reissue and verification.

Payload (version 1): ``PA1:<village code>:<household no>:<serial>:<mac>`` where ``mac`` is
the first 10 characters of base32(HMAC-SHA256(installation secret, the fields)). It fits
a version-2 QR at error correction M. Reissuing (补卡) raises the serial and revokes the
old card, so a lost card stops working.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from peewee import fn

from pointsapp.db import settings
from pointsapp.models import Card, Group, Household, Village, database, now
from pointsapp.services import audit
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import list_sep, translate

PREFIX = "PA1"
MAC_LENGTH = 10


def _secret() -> bytes:
    return settings.stored("card_secret").encode()


def _mac(village_code: str, household_no: str, serial: int, secret: bytes | None = None) -> str:
    secret = secret if secret is not None else _secret()
    message = f"{PREFIX}|{village_code}|{household_no}|{serial}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:MAC_LENGTH]


def payload_for(village_code: str, household_no: str, serial: int, secret: bytes | None = None) -> str:
    return f"{PREFIX}:{village_code}:{household_no}:{serial}:{_mac(village_code, household_no, serial, secret)}"


@dataclass(frozen=True)
class CardCheck:
    """The outcome of reading a card: ``valid`` with the household, or a reason (in the chosen language)."""

    valid: bool
    reason: str = ""
    household_id: int | None = None
    serial: int | None = None


def _refuse(reason: str) -> CardCheck:
    return CardCheck(False, reason)


# One statement answers a scan: the household, this card, the latest serial, balances and the stars held
# now — ``rankings.held_awards_query`` written out: the awards, not withdrawn, of the household's village's
# current evaluation. Built once per parameter style: peewee objects would cost more than the query itself.
_SCAN_SQL = """
SELECT h.id, h.status, h.household_no, h.head_name, v.name, g.name, c.id, c.revoked_at,
       (SELECT MAX(m.serial) FROM card m WHERE m.household_id = h.id),
       COALESCE(b.available, 0), COALESCE(b.earned_total, 0),
       (SELECT COUNT(*) FROM star_award s JOIN star_evaluation e ON e.id = s.evaluation_id
        WHERE s.household_id = h.id AND s.withdrawn_at IS NULL AND e.is_current = TRUE AND e.village_id = h.village_id)
FROM household h JOIN village v ON v.id = h.village_id
LEFT JOIN village_group g ON g.id = h.group_id
LEFT JOIN card c ON c.household_id = h.id AND c.serial = ?
LEFT JOIN household_balance b ON b.household_id = h.id
WHERE v.code = ? AND h.household_no = ?
"""
_scan_sql: dict[str, str] = {}


@dataclass(frozen=True)
class ScannedHousehold:
    """The household a card names, as the cashier shows it."""

    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    available: int
    earned: int
    stars: int  # held now, as ``rankings.star_counts``


def _as_stored(village_code: str, household_no: str) -> tuple[str, str]:
    """The village code and household number as stored, matched without regard to letter case."""
    row = (Household.select(Village.code, Household.household_no)
           .join(Village, on=(Household.village == Village.id))
           .where(fn.UPPER(Village.code) == village_code.upper(),
                  fn.UPPER(Household.household_no) == household_no.upper())
           .tuples().first())
    return row if row else (village_code, household_no)


def scan(payload: str) -> tuple[CardCheck, ScannedHousehold | None]:
    """Check a scanned payload (format, signature, household, revocation, archive) and read its household.

    The household is given whenever the card names one (also for revoked cards and archived households).
    """
    parts = [part.strip() for part in (payload or "").strip().split(":")]
    if len(parts) != 5 or parts[0].upper() != PREFIX:
        if parts and parts[0].upper().startswith("PA") and parts[0].upper() != PREFIX:
            return _refuse(translate("services.cards", "这张卡的格式版本本程序不认识，请到村委会换卡。")), None
        return _refuse(translate("services.cards", "这不是本村的积分卡（无法识别的二维码）。")), None
    _, village_code, household_no, serial_text, mac = parts
    if not serial_text.isdigit():
        return _refuse(translate("services.cards", "积分卡内容被改动过，已拒绝。")), None
    serial = int(serial_text)
    if not hmac.compare_digest(mac.upper(), _mac(village_code, household_no, serial)):
        # A scanner with Caps Lock on swaps the case of every letter: the codes as the database spells them
        # decide, and the signature still has to match them.
        village_code, household_no = _as_stored(village_code, household_no)
        if not hmac.compare_digest(mac.upper(), _mac(village_code, household_no, serial)):
            return _refuse(translate("services.cards", "积分卡校验失败：卡片是伪造的或内容被改动过，已拒绝。")), None
    db = database.obj
    sql = _scan_sql.get(db.param) or _scan_sql.setdefault(db.param, _SCAN_SQL.replace("?", db.param))
    row = db.execute_sql(sql, (serial, village_code, household_no)).fetchone()
    if row is None:
        return _refuse(translate("services.cards", "积分卡对应的户不存在。")), None
    hid, status, no, head, village, group, card_id, revoked_at, latest, available, earned, stars = row
    if card_id is None:
        return _refuse(translate("services.cards", "这张积分卡没有登记发放记录，已拒绝。")), None
    found = ScannedHousehold(hid, no, head, village, group or "", int(available), int(earned), int(stars))
    if revoked_at is not None or serial < (latest or 0):
        return CardCheck(False, translate("services.cards", "这张积分卡已挂失作废（第 {0} 号卡），请使用补发的新卡。").format(
            serial), hid, serial), found
    if status != Household.STATUS_ACTIVE:
        return CardCheck(False, translate("services.cards", "这一户已归档，不能再使用积分卡。"), hid, serial), found
    return CardCheck(True, "", hid, serial), found


def verify(payload: str) -> CardCheck:
    """Check a scanned payload: format, signature, household, revocation, archive."""
    return scan(payload)[0]


def current_card(household_id: int) -> Card | None:
    return (Card.select().where(Card.household == household_id, Card.revoked_at.is_null())
            .order_by(Card.serial.desc()).first())


def payload_of(card: Card) -> str:
    household = card.household
    return payload_for(household.village.code, household.household_no, card.serial)


def ensure_cards(*, actor: Actor, household_ids: list[int]) -> dict[int, Card]:
    """A valid card for every household (serial 1 for those that never had one)."""
    require(actor, Permission.PRINT)
    out: dict[int, Card] = {}
    with database.obj.atomic():
        existing = {c.household_id: c for c in Card.select().where(
            Card.household.in_(household_ids), Card.revoked_at.is_null())}
        missing = [h for h in household_ids if h not in existing]
        stamp = now()
        for start in range(0, len(missing), 500):
            Card.insert_many([{"household": h, "serial": 1, "issued_at": stamp, "issued_by": actor.user_id}
                              for h in missing[start:start + 500]]).on_conflict_ignore().execute()
        if missing:
            audit.record(actor, "card.issue", "card", "", None, {"households": len(missing)})
            existing.update({c.household_id: c for c in Card.select().where(
                Card.household.in_(missing), Card.revoked_at.is_null())})
        out.update(existing)
    return out


def reissue(*, actor: Actor, household_id: int, reason: str) -> Card:
    """补卡: revoke every earlier card of the household and issue the next serial."""
    require(actor, Permission.CARD_ISSUE)
    reason = textnorm.free_text(reason, translate("services.cards", "原因"))
    if not reason:
        raise UserError(translate("services.cards", "补卡必须填写原因（如：卡片遗失）。"))
    household = Household.get_or_none(Household.id == household_id)
    if household is None or household.status != Household.STATUS_ACTIVE:
        raise UserError(translate("services.cards", "只能给在册的户补卡。"))
    with database.obj.atomic():
        stamp = now()
        latest = Card.select(fn.MAX(Card.serial)).where(Card.household == household_id).scalar() or 0
        Card.update(revoked_at=stamp, revoked_reason=reason).where(
            Card.household == household_id, Card.revoked_at.is_null()).execute()
        card = Card.create(household=household_id, serial=latest + 1, issued_at=stamp, issued_by=actor.user_id)
        audit.record(actor, "card.reissue", "household", household_id, {"serial": latest},
                     {"serial": latest + 1, "reason": reason})
    return card


def households_for_cards(*, actor: Actor, village_id: int | None = None, group_id: int | None = None,
                         household_nos: list[str] | None = None) -> list[int]:
    """Active households to print cards for, in print order (village, group, household number).

    Household numbers are village-local, so asking for numbers needs a village.
    """
    require(actor, Permission.PRINT)
    query = (Household.select(Household.id, Household.household_no)
             .join(Village, on=(Household.village == Village.id))
             .switch(Household).join(Group, on=(Household.group == Group.id))
             .where(Household.status == Household.STATUS_ACTIVE)
             .order_by(Village.code, Group.sort_order, Group.name, Household.household_no))
    if village_id is not None:
        query = query.where(Household.village == village_id)
    if group_id is not None:
        query = query.where(Household.group == group_id)
    if household_nos:
        if village_id is None:
            raise UserError(translate("services.cards", "按户号打印时请指定村。"))
        wanted = [no.strip() for no in household_nos if no.strip()]
        query = query.where(Household.household_no.in_(wanted))
        found = {no for _id, no in query.tuples()}
        missing = [no for no in wanted if no not in found]
        if missing:
            raise UserError(translate("services.cards", "找不到这些户号（或已归档）：{0}。").format(list_sep().join(missing)))
    return [hid for hid, _no in query.tuples()]


@dataclass(frozen=True)
class CardFace:
    """What is printed on one card."""

    household_id: int
    household_no: str
    head_name: str
    village_name: str
    village_code: str
    group: str
    serial: int
    payload: str
    stars: int


def card_faces(*, actor: Actor, household_ids: list[int]) -> list[CardFace]:
    """The faces of the households' current cards, in the order given. Reads only.

    Every household must already have a card (``ensure_cards``); printing never issues one.
    """
    require(actor, Permission.PRINT)
    from pointsapp.services.scoring.rankings import star_counts

    secret = _secret()
    rows: dict[int, tuple] = {}
    for start in range(0, len(household_ids), 500):
        chunk = household_ids[start:start + 500]
        query = (Card.select(Card.household, Card.serial, Household.household_no, Household.head_name,
                             Village.name, Village.code, Group.name)
                 .join(Household, on=(Card.household == Household.id))
                 .join(Village, on=(Household.village == Village.id))
                 .switch(Household).join(Group, on=(Household.group == Group.id))
                 .where(Card.household.in_(chunk), Card.revoked_at.is_null()))
        for row in query.tuples():
            if row[0] not in rows or row[1] > rows[row[0]][1]:
                rows[row[0]] = row
    missing = [h for h in household_ids if h not in rows]
    if missing:
        raise UserError(translate("services.cards", "有 {0} 户还没有发卡，请先发卡再打印。").format(len(missing)))
    stars = star_counts(household_ids)
    faces = []
    for hid in household_ids:
        _h, serial, no, head, village_name, village_code, group = rows[hid]
        faces.append(CardFace(hid, no, head, village_name, village_code, group, serial,
                              payload_for(village_code, no, serial, secret), stars.get(hid, 0)))
    return faces


@dataclass(frozen=True)
class CardInfo:
    """What the cashier (or ``card verify``) learns from a scanned card."""

    valid: bool
    reason: str
    household_no: str = ""
    head_name: str = ""
    village: str = ""
    group: str = ""
    serial: int | None = None
    available: int = 0
    earned: int = 0
    stars: int = 0


def describe(*, actor: Actor, payload: str) -> CardInfo:
    """Verify ``payload`` and, when it names a household, say whose card it is and its balances."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    check, found = scan(payload)
    if found is None:
        return CardInfo(False, check.reason)
    return CardInfo(check.valid, check.reason, found.household_no, found.head_name, found.village, found.group,
                    check.serial, found.available, found.earned, found.stars)
