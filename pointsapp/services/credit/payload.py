"""The points certificate's QR payload: the facts printed on it, signed, and the signer's key registration chain
back to the installation's root key — all a bank needs to check it with the village's public key alone.

Why the issuing user's key and not a key of its own: every operator's Ed25519 key is already registered under the
root (``signing.keys``), each registration signed by an administrator; the payload carries the issuer's
registration and, when an administrator other than the root registered it, that one's too. The bank holds only
the root's public key (``pointsapp certificate public-key``, the short code ``check`` prints) and checks the chain
down to the signature on the facts. No new secret to keep, and a certificate names who issued it.

One line, sections split by ``~``, fields by ``|`` (both, ``%`` and line breaks escaped as ``%7E`` …)::

    JF1~serial|village code|village|household no|masked head|YYYYMMDD|2024:120,2025:130|available|stars|black
       ~signature~user|username|role|stamp|public key|registration signature~…

Keys and signatures are base64url without padding; ``stars`` and ``black`` (black-board entries per year) are
``-`` when the household did not consent to show them. A typical payload is about 380 bytes: version 15 at M.
``tools/verify_certificate.py`` repeats this module's reading and checking in plain Python for the bank; a test
keeps the two in step.
"""
from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PREFIX = "JF1"
SIGNED_HEAD = "pointsapp-certificate/1\n"
MAX_LINKS = 8
NOT_SHOWN = "-"
_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


class Forged(ValueError):
    """The payload is not a certificate this village's key vouches for; ``str()`` says why, in Chinese."""


def escape(text: str) -> str:
    return (text.replace("%", "%25").replace("|", "%7C").replace("~", "%7E").replace("\n", "%0A")
            .replace("\r", "%0D"))


def unescape(text: str) -> str:
    return re.sub(r"%(25|7C|7E|0A|0D)", lambda m: chr(int(m.group(1), 16)), text)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _pairs(pairs) -> str:
    return ",".join(f"{a}:{b}" for a, b in pairs)


def _unpairs(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in filter(None, text.split(",")):
        a, b = part.split(":")
        out.append((int(a), int(b)))
    return tuple(out)


@dataclass(frozen=True)
class Facts:
    """What the certificate says, as signed."""

    serial: str
    village_code: str
    village: str
    household_no: str
    head: str                               # masked (张*)
    issued_on: dt.date
    years: tuple[tuple[int, int], ...]      # (year, earned points that year)
    available: int
    stars: int | None                       # None: the household did not consent to show it
    black: tuple[tuple[int, int], ...] | None  # (year, black-board entries), None when not consented

    def line(self) -> str:
        fields = [self.serial, self.village_code, self.village, self.household_no, self.head,
                  self.issued_on.strftime("%Y%m%d"), _pairs(self.years), str(self.available),
                  NOT_SHOWN if self.stars is None else str(self.stars),
                  NOT_SHOWN if self.black is None else _pairs(self.black)]
        return "|".join(escape(f) for f in fields)

    @classmethod
    def from_line(cls, line: str) -> Facts:
        f = [unescape(p) for p in line.split("|")]
        if len(f) != 10:
            raise ValueError("fields")
        return cls(f[0], f[1], f[2], f[3], f[4], dt.datetime.strptime(f[5], "%Y%m%d").date(), _unpairs(f[6]),
                   int(f[7]), None if f[8] == NOT_SHOWN else int(f[8]), None if f[9] == NOT_SHOWN else _unpairs(f[9]))

    def signed_text(self) -> str:
        return SIGNED_HEAD + self.line()


@dataclass(frozen=True)
class Link:
    """One key's registration (``signing.keys.registration_text``) and the signature its registrar made on it."""

    user_id: int
    username: str
    role: str
    stamp: str
    public_key: bytes
    signature: bytes

    def registration(self) -> str:
        return f"pointsapp-key/1\n{self.user_id}\n{self.username}\n{self.role}\n{self.public_key.hex()}\n{self.stamp}"

    def encode(self) -> str:
        stamp = re.sub(r"\D", "", self.stamp) if _STAMP.match(self.stamp) else self.stamp
        return "|".join([str(self.user_id), escape(self.username), escape(self.role), escape(stamp),
                         b64(self.public_key), b64(self.signature)])

    @classmethod
    def decode(cls, text: str) -> Link:
        user, name, role, stamp, key, sig = text.split("|")
        stamp = unescape(stamp)
        if re.fullmatch(r"\d{14}", stamp):
            stamp = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[8:10]}:{stamp[10:12]}:{stamp[12:]}"
        return cls(int(user), unescape(name), unescape(role), stamp, unb64(key), unb64(sig))

    @classmethod
    def of_registration(cls, text: str, signature_hex: str) -> Link:
        _head, user, name, role, key, stamp = text.split("\n")
        link = cls(int(user), name, role, stamp, bytes.fromhex(key), bytes.fromhex(signature_hex))
        if link.registration() != text:
            raise ValueError("registration text does not round-trip")
        return link


def encode(facts: Facts, signature: bytes, links: list[Link]) -> str:
    return "~".join([PREFIX, facts.line(), b64(signature), *(link.encode() for link in links)])


def decode(payload: str) -> tuple[Facts, bytes, list[Link]]:
    parts = payload.strip().split("~")
    if len(parts) < 3 or parts[0] != PREFIX or len(parts) > 3 + MAX_LINKS:
        raise ValueError("not a certificate payload")
    return Facts.from_line(parts[1]), unb64(parts[2]), [Link.decode(p) for p in parts[3:]]


def _valid(public_key: bytes, signature: bytes, text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, text.encode("utf-8"))
        return True
    except (InvalidSignature, ValueError):
        return False


def verify(payload: str, village_key: bytes) -> Facts:
    """The facts when the payload's signature and key chain lead to ``village_key``; else ``Forged``."""
    try:
        facts, signature, links = decode(payload)
    except (ValueError, TypeError) as exc:
        raise Forged("不是积分证明的二维码内容，或内容不完整") from exc
    signer = links[0].public_key if links else village_key
    if not _valid(signer, signature, facts.signed_text()):
        raise Forged("证明内容的签名无效：内容被改动过，或不是登记过的密钥所签")
    for i, link in enumerate(links):
        registrar = links[i + 1] if i + 1 < len(links) else None
        if registrar is not None and registrar.role != "admin":
            raise Forged("签发人的密钥不是由管理员登记的")
        if not _valid(registrar.public_key if registrar else village_key, link.signature, link.registration()):
            raise Forged("签发人的密钥不能追溯到本村的公钥：不是本村出具的证明")
    return facts


def short_code(public_key: bytes) -> str:
    """The root key's short code, as ``check`` prints it: XXXX-XXXX-XXXX."""
    code = public_key.hex()[:12].upper()
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def issuer(links: list[Link]) -> str:
    return links[0].username if links else ""
