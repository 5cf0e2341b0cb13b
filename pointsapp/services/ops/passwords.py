"""Password hashing: salted scrypt, stored as ``scrypt$n$r$p$salt$hash`` (hex), compared in constant time."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from pointsapp.errors import UserError
from pointsapp.text import translate

# scrypt cost: ~50 ms on an office PC, 16 MB of memory per attempt: slow enough against guessing a stolen file.
N, R, P, DKLEN = 2 ** 14, 8, 1, 32
MIN_LENGTH = 6


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=DKLEN,
                            maxmem=256 * n * r + 1024 * 1024)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; an empty or unknown format never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        n, r, p = int(n), int(r), int(p)
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=n, r=r, p=p,
                                dklen=len(expected), maxmem=256 * n * r + 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_new_password(password: str) -> None:
    """Raise with a reason (chosen language) when ``password`` may not be used."""
    if len(password or "") < MIN_LENGTH:
        raise UserError(translate("services.passwords", "密码至少需要 {0} 位。").format(MIN_LENGTH))
    if password != password.strip():
        raise UserError(translate("services.passwords", "密码首尾不能有空格。"))
