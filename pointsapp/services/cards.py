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
from pointsapp.models import Card, Household, Village, database, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.errors import UserError

PREFIX = "PA1"
MAC_LENGTH = 10


def _mac(village_code: str, household_no: str, serial: int) -> str:
    secret = settings.get("card_secret").encode()
    message = f"{PREFIX}|{village_code}|{household_no}|{serial}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:MAC_LENGTH]


def payload_for(village_code: str, household_no: str, serial: int) -> str:
    return f"{PREFIX}:{village_code}:{household_no}:{serial}:{_mac(village_code, household_no, serial)}"


@dataclass(frozen=True)
class CardCheck:
    """The outcome of reading a card: ``valid`` with the household, or a reason in Chinese."""

    valid: bool
    reason: str = ""
    household_id: int | None = None
    serial: int | None = None


def _refuse(reason: str) -> CardCheck:
    return CardCheck(False, reason)


def verify(payload: str) -> CardCheck:
    """Check a scanned payload: format, signature, household, revocation, archive."""
    text = (payload or "").strip()
    parts = text.split(":")
    if len(parts) != 5 or parts[0].upper() != PREFIX:
        if parts and parts[0].upper().startswith("PA") and parts[0].upper() != PREFIX:
            return _refuse("这张卡的格式版本本程序不认识，请到村委会换卡。")
        return _refuse("这不是本村的积分卡（无法识别的二维码）。")
    _, village_code, household_no, serial_text, mac = parts
    if not serial_text.isdigit():
        return _refuse("积分卡内容被改动过，已拒绝。")
    serial = int(serial_text)
    if not hmac.compare_digest(mac.upper(), _mac(village_code, household_no, serial)):
        return _refuse("积分卡校验失败：卡片是伪造的或内容被改动过，已拒绝。")
    household = (Household.select().join(Village)
                 .where(Village.code == village_code, Household.household_no == household_no).first())
    if household is None:
        return _refuse("积分卡对应的户不存在。")
    card = Card.get_or_none(Card.household == household, Card.serial == serial)
    latest = Card.select(fn.MAX(Card.serial)).where(Card.household == household).scalar() or 0
    if card is None:
        return _refuse("这张积分卡没有登记发放记录，已拒绝。")
    if card.revoked_at is not None or serial < latest:
        return CardCheck(False, f"这张积分卡已挂失作废（第 {serial} 号卡），请使用补发的新卡。", household.id, serial)
    if household.status != Household.STATUS_ACTIVE:
        return CardCheck(False, "这一户已归档，不能再使用积分卡。", household.id, serial)
    return CardCheck(True, "", household.id, serial)


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
    reason = (reason or "").strip()
    if not reason:
        raise UserError("补卡必须填写原因（如：卡片遗失）。")
    household = Household.get_or_none(Household.id == household_id)
    if household is None or household.status != Household.STATUS_ACTIVE:
        raise UserError("只能给在册的户补卡。")
    with database.obj.atomic():
        stamp = now()
        latest = Card.select(fn.MAX(Card.serial)).where(Card.household == household_id).scalar() or 0
        Card.update(revoked_at=stamp, revoked_reason=reason).where(
            Card.household == household_id, Card.revoked_at.is_null()).execute()
        card = Card.create(household=household_id, serial=latest + 1, issued_at=stamp, issued_by=actor.user_id)
        audit.record(actor, "card.reissue", "household", household_id, {"serial": latest},
                     {"serial": latest + 1, "reason": reason})
    return card
