"""积分证明: issuing a household's points certificate for a bank (an audited, signed write), checking one, and
the list of what the office issued (a later certificate of the same household supersedes an earlier one; a
revoked one is named so when checked)."""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import AuditLog, SigningKey
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.credit import facts as facts_mod
from pointsapp.services.credit import payload as qr
from pointsapp.services.register.privacy import mask_name
from pointsapp.services.signing import keys, writes
from pointsapp.text import translate

ISSUE, REVOKE = "certificate.issue", "certificate.revoke"
KIND = "certificate"  # the signed write's section


@dataclass
class IssuedCertificate:
    serial: str
    payload: str
    facts: facts_mod.HouseholdFacts
    signed: qr.Facts
    issued_by: str
    root_code: str
    show_stars: bool
    show_black_board: bool


def village_key() -> bytes:
    root = keys.root_key()
    if root is None or not root.registration_signature:
        raise UserError(translate("services.credit", "本系统还没有安装根密钥，不能出具可验证的积分证明。"))
    return bytes.fromhex(root.public_key)


def public_key(*, actor: Actor) -> tuple[str, str]:
    """The village's (installation's) public key in hex and its short code: what the bank keeps."""
    require(actor, Permission.PRINT)
    key = village_key()
    return key.hex(), qr.short_code(key)


def chain(key_id: int) -> list[qr.Link]:
    """The registration links from ``key_id`` up to (not including) the root key."""
    links: list[qr.Link] = []
    key = SigningKey.get_or_none(SigningKey.id == key_id)
    while key is not None and key.registered_by_id is not None:
        if not key.registration_signature or key.registered_by_id == -1 or len(links) >= qr.MAX_LINKS:
            raise UserError(translate("services.credit", "您的签名密钥尚未由管理员登记，不能出具积分证明。"
                                      "请管理员登录一次后再试。"))
        links.append(qr.Link.of_registration(key.registration, key.registration_signature))
        key = SigningKey.get_or_none(SigningKey.id == key.registered_by_id)
    return links


def _serial() -> str:
    return f"{clock.today():%Y%m%d}-{secrets.token_hex(3).upper()}"


def issue(*, actor: Actor, household_id: int, consent: bool, years: int = facts_mod.DEFAULT_YEARS,
          show_stars: bool = True, show_black_board: bool = True) -> IssuedCertificate:
    """Sign and record a certificate of the household's points; refused without the head's consent (户主同意出具)."""
    require(actor, Permission.PRINT)
    require(actor, Permission.REPORT_VIEW)
    if not consent:
        raise UserError(translate("services.credit", "户主同意出具后才能出具积分证明：请勾选“户主同意出具”。"))
    if not 1 <= years <= facts_mod.MAX_YEARS:
        raise UserError(translate("services.credit", "年数应在 1 到 {0} 之间。").format(facts_mod.MAX_YEARS))
    households = facts_mod.households_of(household_id=household_id)
    if not households:
        raise UserError(translate("services.credit", "找不到这一户。"))
    if households[0].status != households[0].STATUS_ACTIVE:
        raise UserError(translate("services.credit", "这一户已归档，不能出具积分证明。"))
    root = village_key()
    today = clock.today()
    with write_transaction():
        found = facts_mod.gather(households, as_of=today, years=years)[0]
        signer = writes.signer(actor.user_id)
        links = chain(signer.key_id)
        signed = qr.Facts(serial=_serial(), village_code=found.village_code, village=found.village,
                          household_no=found.household_no, head=mask_name(found.head_name), issued_on=today,
                          years=tuple(found.years), available=found.available,
                          stars=len(found.stars) if show_stars else None,
                          black=tuple(found.black_per_year()) if show_black_board else None)
        signature = bytes.fromhex(signer.sign(signed.signed_text()))
        text = qr.encode(signed, signature, links)
        qr.verify(text, root)  # never print what a bank would refuse
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        audit.record(actor, ISSUE, "household", household_id, new={
            "certificate": signed.serial, "household_no": found.household_no, "digest": digest,
            "consent": "户主同意出具", "years": years, "stars": show_stars, "black_board": show_black_board})
        writes.sign(KIND, signer, f"serial={signed.serial}\nhousehold={household_id}\ndigest={digest}")
    return IssuedCertificate(signed.serial, text, found, signed, actor.display_name or actor.username,
                             qr.short_code(root), show_stars, show_black_board)


@dataclass(frozen=True)
class IssuedRow:
    serial: str
    household_id: int
    household_no: str
    issued_at: str
    issued_by: str
    digest: str
    status: str  # 有效 / 已被新证明取代 / 已作废


def _issued_rows() -> list[tuple]:
    return list(AuditLog.select(AuditLog.id, AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.entity_id,
                                AuditLog.new_value)
                .where(AuditLog.action.in_([ISSUE, REVOKE])).order_by(AuditLog.id).tuples())


def issued(*, actor: Actor, village_code: str | None = None) -> list[IssuedRow]:
    """Every certificate the office issued, newest last, with its standing."""
    require(actor, Permission.REPORT_VIEW)
    rows, revoked, latest = [], set(), {}
    for _id, at, username, action, entity_id, new in _issued_rows():
        data = json.loads(new or "{}")
        if action == REVOKE:
            revoked.add(data.get("certificate"))
            continue
        latest[entity_id] = data.get("certificate")
        rows.append((data, entity_id, str(at)[:19], username))
    out = []
    for data, entity_id, at, username in rows:
        serial = data.get("certificate", "")
        status = (translate("services.credit", "已作废") if serial in revoked else
                  translate("services.credit", "已被新证明取代") if latest.get(entity_id) != serial else
                  translate("services.credit", "有效"))
        out.append(IssuedRow(serial, int(entity_id), data.get("household_no", ""), at, username,
                             data.get("digest", ""), status))
    if village_code:
        from pointsapp.models import Household, Village

        ids = {hid for (hid,) in Household.select(Household.id).join(Village).where(Village.code == village_code)
               .tuples()}
        out = [row for row in out if row.household_id in ids]
    return out


def revoke(*, actor: Actor, serial: str, reason: str) -> IssuedRow:
    """Withdraw a certificate (lost, or issued by mistake): its QR still verifies, the office's check says 已作废."""
    require(actor, Permission.PRINT)
    require(actor, Permission.REPORT_VIEW)
    if not reason.strip():
        raise UserError(translate("services.credit", "请填写作废原因。"))
    rows = {row.serial: row for row in issued(actor=actor)}
    row = rows.get(serial.strip().upper())
    if row is None:
        raise UserError(translate("services.credit", "没有编号为 {0} 的积分证明。").format(serial))
    with write_transaction():
        audit.record(actor, REVOKE, "household", row.household_id, new={"certificate": row.serial, "reason": reason})
        writes.sign(KIND, writes.signer(actor.user_id), f"revoke={row.serial}\nhousehold={row.household_id}")
    return issued_row(actor=actor, serial=row.serial)


def issued_row(*, actor: Actor, serial: str) -> IssuedRow:
    return {row.serial: row for row in issued(actor=actor)}[serial]


@dataclass(frozen=True)
class Checked:
    valid: bool
    facts: qr.Facts | None
    reason: str          # why it is refused, when it is
    standing: str        # the office's record of it: 有效 / 已被新证明取代 / 已作废 / 本系统没有出具记录
    issuer: str
    root_code: str


def _reason(forged: qr.Forged) -> str:
    message = str(forged)
    words = {
        "不是积分证明的二维码内容，或内容不完整": translate("services.credit", "不是积分证明的二维码内容，或内容不完整"),
        "证明内容的签名无效：内容被改动过，或不是登记过的密钥所签": translate(
            "services.credit", "证明内容的签名无效：内容被改动过，或不是登记过的密钥所签"),
        "签发人的密钥不是由管理员登记的": translate("services.credit", "签发人的密钥不是由管理员登记的"),
        "签发人的密钥不能追溯到本村的公钥：不是本村出具的证明": translate(
            "services.credit", "签发人的密钥不能追溯到本村的公钥：不是本村出具的证明"),
    }
    return words.get(message, message)


def check(*, actor: Actor, payload: str) -> Checked:
    """The certificate's payload checked as the bank would (the village's key only), and the office's record."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    root = village_key()
    code = qr.short_code(root)
    try:
        facts = qr.verify(payload, root)
    except qr.Forged as forged:
        return Checked(False, None, _reason(forged), "", "", code)
    links = qr.decode(payload)[2]
    standing = ""  # the office's record, for those who may read it
    if actor.can(Permission.REPORT_VIEW):
        row = {row.serial: row for row in issued(actor=actor)}.get(facts.serial)
        standing = row.status if row else translate("services.credit", "本系统没有出具记录")
    issuer = qr.issuer(links) or (keys.root_key().registration.split("\n")[2] if keys.root_key() else "")
    return Checked(True, facts, "", standing, issuer, code)


def describe(facts: qr.Facts) -> list[str]:
    """The facts in words, one line each (the CLI and the screen)."""
    lines = [translate("services.credit", "证明编号：{0}").format(facts.serial),
             translate("services.credit", "村：{0}（{1}）").format(facts.village, facts.village_code),
             translate("services.credit", "户号：{0}　户主：{1}").format(facts.household_no, facts.head),
             translate("services.credit", "出具日期：{0}").format(facts.issued_on.isoformat())]
    lines += [translate("services.credit", "{0} 年获得积分：{1}").format(year, points) for year, points in facts.years]
    lines.append(translate("services.credit", "当前可用积分：{0}").format(facts.available))
    lines.append(translate("services.credit", "星级：{0} 星").format(facts.stars) if facts.stars is not None else translate("services.credit", "星级：户主未同意出具"))
    if facts.black is None:
        lines.append(translate("services.credit", "黑榜记录：户主未同意出具"))
    else:
        lines += [translate("services.credit", "{0} 年上黑榜：{1} 次").format(year, n) for year, n in facts.black]
    return lines
