"""积分卡: the QR payload on a household's card, issuing, reissue, revocation and verification.

Payload: ``PA2:<village code>:<household no>:<serial>:<token>``, ``token`` 13 random base32 characters (65
bits: far beyond guessing against the stored hash; short enough that a usual card still fits a version-2 QR at
error correction Q) made when the card is issued. The database keeps only a one-way hash of the whole payload (as with
passwords), so a backup, a copy of the database or a read-only role holds nothing that makes a valid card: a
card is valid when the hash of what is scanned equals the stored hash of that household's card of that serial.
The token exists in clear only while the card is printed — printing a card issues it (a household's earlier
card is revoked), and reissue (补卡) raises the serial. An administrator can revoke a whole village's cards
at once (a leak).

Cards printed before this scheme (``PA1:…:<mac>``, an HMAC under a secret kept in the database) keep working:
the upgrade (migration 0007) stored the hash of each one's payload and deleted the secret.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from peewee import fn

from pointsapp.models import Card, Group, Household, Village, database, now
from pointsapp.services import audit
from pointsapp.services.register import sql, textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import list_sep, translate

PREFIX = "PA2"
PREFIXES = ("PA1", "PA2")  # PA1: cards printed before the upgrade, verified by their stored hash
TOKEN_LENGTH = 13


def new_token() -> str:
    return base64.b32encode(secrets.token_bytes(9)).decode()[:TOKEN_LENGTH]


def payload_for(village_code: str, household_no: str, serial: int, token: str, prefix: str = PREFIX) -> str:
    return f"{prefix}:{village_code}:{household_no}:{serial}:{token.upper()}"


def payload_hash(payload: str) -> str:
    """What the database keeps of a card: SHA-256 of its payload as issued (codes as stored, token upper case)."""
    return hashlib.sha256(b"pointsapp-card|" + payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CardCheck:
    """The outcome of reading a card: ``valid`` with the household, or a reason (in the chosen language)."""

    valid: bool
    reason: str = ""
    household_id: int | None = None
    serial: int | None = None


def _refuse(reason: str) -> CardCheck:
    return CardCheck(False, reason)


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
    """Check a scanned payload (format, hash, household, revocation, archive) and read its household.

    The household is given whenever the card is genuine (also for revoked cards and archived households);
    a forged or altered card names nobody. Letter case and stray spaces do not matter (a scanner with Caps
    Lock on swaps every letter's case): the codes as the database spells them go into the hash.
    """
    parts = [part.strip() for part in (payload or "").strip().split(":")]
    prefix = parts[0].upper() if parts else ""
    if len(parts) != 5 or prefix not in PREFIXES:
        if prefix.startswith("PA") and prefix not in PREFIXES:
            return _refuse(translate("services.cards", "这张卡的格式版本本程序不认识，请到村委会换卡。")), None
        return _refuse(translate("services.cards", "这不是本村的积分卡（无法识别的二维码）。")), None
    _, village_code, household_no, serial_text, token = parts
    if not serial_text.isdigit():
        return _refuse(translate("services.cards", "积分卡内容被改动过，已拒绝。")), None
    serial = int(serial_text)
    row = sql.scanned_card(serial, village_code, household_no)  # one statement (register/sql.py)
    if row is None:
        village_code, household_no = _as_stored(village_code, household_no)
        row = sql.scanned_card(serial, village_code, household_no)
    forged = _refuse(translate("services.cards", "积分卡校验失败：卡片是伪造的或内容被改动过，已拒绝。"))
    if row is None:
        return forged, None
    hid, status, no, head, village, group, card_id, revoked_at, token_hash, latest, available, earned, stars = row
    expected = payload_hash(payload_for(village_code, household_no, serial, token, prefix))
    if card_id is None or not token_hash or not hmac.compare_digest(expected, token_hash):
        return forged, None
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


@dataclass(frozen=True)
class IssuedCard:
    """A card just issued. Its payload exists in clear only here — for printing now; the database keeps its hash."""

    household_id: int
    card_id: int
    serial: int
    payload: str


def _issue(actor: Actor, household_ids: list[int], reason: str) -> tuple[dict[int, IssuedCard], int]:
    """New cards (the next serial each) for active households, and how many cards in use were revoked for
    them; inside the caller's transaction."""
    stamp = now()
    found: dict[int, tuple[str, str]] = {}
    latest: dict[int, int] = {}
    revoked = 0
    for start in range(0, len(household_ids), 500):
        chunk = household_ids[start:start + 500]
        found.update({hid: (code, no) for hid, code, no in Household.select(
            Household.id, Village.code, Household.household_no).join(Village, on=(Household.village == Village.id))
            .where(Household.id.in_(chunk), Household.status == Household.STATUS_ACTIVE).tuples()})
        latest.update(dict(Card.select(Card.household, fn.MAX(Card.serial)).where(Card.household.in_(chunk))
                           .group_by(Card.household).tuples()))
        revoked += Card.update(revoked_at=stamp, revoked_reason=reason).where(
            Card.household.in_(chunk), Card.revoked_at.is_null()).execute()
    payloads: dict[int, tuple[int, str]] = {}
    rows = []
    for hid in household_ids:
        if hid not in found or hid in payloads:
            continue
        code, no = found[hid]
        serial = (latest.get(hid) or 0) + 1
        payload = payload_for(code, no, serial, new_token())
        payloads[hid] = (serial, payload)
        rows.append({"household": hid, "serial": serial, "issued_at": stamp, "issued_by": actor.user_id,
                     "token_hash": payload_hash(payload)})
    for start in range(0, len(rows), 500):
        Card.insert_many(rows[start:start + 500]).execute()
    ids: dict[int, int] = {}
    for start in range(0, len(household_ids), 500):
        ids.update(dict(Card.select(Card.household, Card.id).where(
            Card.household.in_(household_ids[start:start + 500]), Card.revoked_at.is_null()).tuples()))
    return {hid: IssuedCard(hid, ids[hid], serial, payload) for hid, (serial, payload) in payloads.items()}, revoked


def issue_cards(*, actor: Actor, household_ids: list[int]) -> dict[int, IssuedCard]:
    """打印即发卡: a new card for each active household given, to print now (one transaction, audited).

    Whoever prints may issue a household's first card; replacing a card that is in use (its old one stops
    working) takes the right to reissue cards.
    """
    require(actor, Permission.PRINT)
    with database.obj.atomic():
        issued, replacing = _issue(actor, household_ids, translate("services.cards", "重新打印新卡"))
        if replacing:  # refused here, the transaction takes the revocations back
            require(actor, Permission.CARD_ISSUE)
        if issued:
            audit.record(actor, "card.issue", "card", "", None, {"households": len(issued), "replaced": replacing})
    return issued


def reissue(*, actor: Actor, household_id: int, reason: str) -> IssuedCard:
    """补卡: revoke every earlier card of the household and issue the next serial (print it now)."""
    require(actor, Permission.CARD_ISSUE)
    reason = textnorm.free_text(reason, translate("services.cards", "原因"))
    if not reason:
        raise UserError(translate("services.cards", "补卡必须填写原因（如：卡片遗失）。"))
    household = Household.get_or_none(Household.id == household_id)
    if household is None or household.status != Household.STATUS_ACTIVE:
        raise UserError(translate("services.cards", "只能给在册的户补卡。"))
    with database.obj.atomic():
        card = _issue(actor, [household_id], reason)[0][household_id]
        audit.record(actor, "card.reissue", "household", household_id, {"serial": card.serial - 1},
                     {"serial": card.serial, "reason": reason})
    return card


def revoke_village(*, actor: Actor, village_id: int, reason: str) -> int:
    """A leak: every card of a village stops working at once (new cards are printed afterwards). Audited."""
    require(actor, Permission.CARD_ISSUE)
    reason = (reason or "").strip()
    if not reason:
        raise UserError(translate("services.cards", "作废全村积分卡必须填写原因。"))
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.cards", "找不到这个村。"))
    with database.obj.atomic():
        in_village = Household.select(Household.id).where(Household.village == village_id)
        count = Card.update(revoked_at=now(), revoked_reason=reason).where(
            Card.household.in_(in_village), Card.revoked_at.is_null()).execute()
        audit.record(actor, "card.revoke_village", "village", village_id, None,
                     {"village": village.name, "cards": count, "reason": reason})
    return count


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


def card_faces(*, actor: Actor, issued: list[IssuedCard]) -> list[CardFace]:
    """The faces of cards just issued (``issue_cards`` / ``reissue``), in the order given. Reads only."""
    require(actor, Permission.PRINT)
    from pointsapp.services.scoring.rankings import star_counts

    household_ids = [card.household_id for card in issued]
    rows: dict[int, tuple] = {}
    for start in range(0, len(household_ids), 500):
        query = (Household.select(Household.id, Household.household_no, Household.head_name, Village.name,
                                  Village.code, Group.name)
                 .join(Village, on=(Household.village == Village.id))
                 .switch(Household).join(Group, on=(Household.group == Group.id))
                 .where(Household.id.in_(household_ids[start:start + 500])))
        rows.update({row[0]: row for row in query.tuples()})
    stars = star_counts(household_ids)
    faces = []
    for card in issued:
        _h, no, head, village_name, village_code, group = rows[card.household_id]
        faces.append(CardFace(card.household_id, no, head, village_name, village_code, group, card.serial,
                              card.payload, stars.get(card.household_id, 0)))
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
