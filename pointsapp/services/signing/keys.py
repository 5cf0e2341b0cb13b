"""Each user's signing key: made, encrypted under the password, registered by an administrator, unlocked at sign-in.

The private half is stored only encrypted (AES-GCM) under a key derived from the user's password with scrypt, at
the same cost as the user's password hash (so the tests' cheap password hashes make cheap keys, and a real
password costs what it costs to check it). The public half's registration — user, name, role, key, time — is
signed by an administrator's key; the installation's first administrator key signs its own and is the root.

Unlocked keys live in this process only (``KEYRING``, by public key) from sign-in to sign-out; the ledger and
the other signed writes look up the key of the user they write for there.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pointsapp.errors import UserError
from pointsapp.models import SigningKey, User, now
from pointsapp.services.ops import passwords
from pointsapp.text import translate

log = logging.getLogger(__name__)

KEYRING: dict[str, Ed25519PrivateKey] = {}  # public key (hex) → unlocked private key, this process only
_lock = threading.Lock()

# Tests make users behind the services' back (``users.ensure_admin()`` without a password): conftest sets this
# to give such a user a key on first use. ``None`` in the program: a write without an unlocked key is refused.
provision_missing: Callable[[int], Signer | None] | None = None


@dataclass(frozen=True)
class Signer:
    key_id: int
    user_id: int
    public_key: str
    private: Ed25519PrivateKey

    def sign(self, text: str) -> str:
        return self.private.sign(text.encode("utf-8")).hex()


def public_hex(private: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def _raw(private: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def verify(public_key: str, signature: str, text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(bytes.fromhex(signature),
                                                                             text.encode("utf-8"))
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


# ---- the private half under the password ----------------------------------------------------------------

def _cost(password_hash: str) -> tuple[int, int, int]:
    """The scrypt cost of the user's password hash (``scrypt$n$r$p$…``), the program's own when unknown."""
    try:
        scheme, n, r, p, *_ = password_hash.split("$")
        if scheme == "scrypt":
            return int(n), int(r), int(p)
    except (ValueError, AttributeError):
        pass
    return passwords.N, passwords.R, passwords.P


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * n * r + 1024 * 1024)


def encrypt(private: Ed25519PrivateKey, password: str, cost: tuple[int, int, int]) -> str:
    n, r, p = cost
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_derive(password, salt, n, r, p)).encrypt(nonce, _raw(private), public_hex(private).encode())
    return f"scrypt${n}${r}${p}${salt.hex()}${nonce.hex()}${sealed.hex()}"


def decrypt(stored: str, password: str, public_key: str) -> Ed25519PrivateKey | None:
    """The private key, or None when the password does not open it."""
    try:
        scheme, n, r, p, salt, nonce, sealed = stored.split("$")
        if scheme != "scrypt":
            return None
        raw = AESGCM(_derive(password, bytes.fromhex(salt), int(n), int(r), int(p))).decrypt(
            bytes.fromhex(nonce), bytes.fromhex(sealed), public_key.encode())
    except (ValueError, InvalidTag):
        return None
    private = Ed25519PrivateKey.from_private_bytes(raw)
    return private if public_hex(private) == public_key else None


# ---- registration ---------------------------------------------------------------------------------------

def registration_text(*, user_id: int, username: str, role: str, public_key: str, created_at) -> str:
    stamp = created_at.isoformat(" ", "seconds") if hasattr(created_at, "isoformat") else str(created_at)[:19]
    return f"pointsapp-key/1\n{user_id}\n{username}\n{role}\n{public_key}\n{stamp}"


def active_key(user_id: int) -> SigningKey | None:
    return (SigningKey.select().where(SigningKey.user_id == user_id, SigningKey.retired_at.is_null())
            .order_by(SigningKey.id.desc()).first())


def root_key() -> SigningKey | None:
    return SigningKey.select().where(SigningKey.registered_by_id.is_null()).order_by(SigningKey.id).first()


def _registered(key: SigningKey | None) -> bool:
    return key is not None and bool(key.registration_signature)


def _admin_signer() -> Signer | None:
    """An administrator's registered key unlocked in this process, if any (it registers new keys)."""
    with _lock:
        unlocked = list(KEYRING)
    if not unlocked:
        return None
    for key in SigningKey.select().where(SigningKey.public_key.in_(unlocked), SigningKey.retired_at.is_null(),
                                         SigningKey.registration_signature != ""):
        user = User.get_or_none(User.id == key.user_id)
        if user is not None and user.role == "admin" and user.active:
            return Signer(key.id, key.user_id, key.public_key, KEYRING[key.public_key])
    return None


def _register(key: SigningKey, user: User, registrar: Signer | None, private: Ed25519PrivateKey) -> None:
    """Sign the key's registration: by ``registrar``, or by itself as the root when the installation has none."""
    text = registration_text(user_id=user.id, username=user.username, role=user.role, public_key=key.public_key,
                             created_at=key.created_at)
    if registrar is not None:
        SigningKey.update(registered_by_id=registrar.key_id, registration=text,
                          registration_signature=registrar.sign(text)).where(SigningKey.id == key.id).execute()
    elif user.role == "admin" and root_key() is None:
        SigningKey.update(registered_by_id=None, registration=text,
                          registration_signature=private.sign(text.encode("utf-8")).hex()).where(
            SigningKey.id == key.id).execute()
    else:  # waits: the next administrator to sign in registers it (pending_registrations)
        SigningKey.update(registered_by_id=-1, registration=text).where(SigningKey.id == key.id).execute()


def create_key(user: User, password: str, *, registrar: Signer | None = None,
               cost: tuple[int, int, int] | None = None) -> Signer:
    """A new key for ``user``, encrypted under ``password``, registered (see ``_register``) and unlocked."""
    private = Ed25519PrivateKey.generate()
    public = public_hex(private)
    sealed = encrypt(private, password, cost or _cost(user.password_hash)) if password is not None else ""
    key = SigningKey.create(user_id=user.id, public_key=public, encrypted_private=sealed, created_at=now(),
                            registered_by_id=-1, registration="", registration_signature="")
    _register(key, user, registrar if registrar is not None else _admin_signer(), private)
    with _lock:
        KEYRING[public] = private
    return Signer(key.id, user.id, public, private)


def register_waiting(signer: Signer) -> int:
    """An administrator signed in: register the keys that wait, of users who never had a registered key
    (the upgrade's first keys). A user who had one gets a new key only through an administrator's reset."""
    count = 0
    for key in SigningKey.select().where(SigningKey.registration_signature == ""):
        if SigningKey.select().where(SigningKey.user_id == key.user_id,
                                     SigningKey.registration_signature != "").exists():
            continue
        user = User.get_or_none(User.id == key.user_id)
        if user is None:
            continue
        text = registration_text(user_id=user.id, username=user.username, role=user.role,
                                 public_key=key.public_key, created_at=key.created_at)
        SigningKey.update(registered_by_id=signer.key_id, registration=text,
                          registration_signature=signer.sign(text)).where(SigningKey.id == key.id).execute()
        count += 1
    return count


# ---- the session's keys ---------------------------------------------------------------------------------

def unlock_at_sign_in(user: User, password: str) -> Signer | None:
    """After the password was checked: open the user's key (making one when they have none yet)."""
    key = active_key(user.id)
    if key is None:
        signer = create_key(user, password)
    else:
        private = decrypt(key.encrypted_private, password, key.public_key)
        if private is None:
            log.warning("the signing key of user %s does not open with the password", user.id)
            return None
        with _lock:
            KEYRING[key.public_key] = private
        signer = Signer(key.id, user.id, key.public_key, private)
    if user.role == "admin" and _registered(SigningKey.get_by_id(signer.key_id)):
        register_waiting(signer)
    return signer


def rewrap(user: User, old_password: str | None, new_password: str, new_hash: str) -> None:
    """A password change: the same key, encrypted under the new password (a key never opened gets made)."""
    key = active_key(user.id)
    private = None
    if key is not None:
        with _lock:
            private = KEYRING.get(key.public_key)
        if private is None and old_password is not None:
            private = decrypt(key.encrypted_private, old_password, key.public_key)
    if key is None or private is None:
        user.password_hash = new_hash
        create_key(user, new_password, cost=_cost(new_hash))
        return
    SigningKey.update(encrypted_private=encrypt(private, new_password, _cost(new_hash))).where(
        SigningKey.id == key.id).execute()
    with _lock:
        KEYRING[key.public_key] = private


def reissue(user: User, new_password: str, new_hash: str, registrar: Signer) -> None:
    """An administrator's reset: the old key is retired (still valid for what it signed), a new one issued."""
    SigningKey.update(retired_at=now()).where(SigningKey.user_id == user.id, SigningKey.retired_at.is_null()).execute()
    user.password_hash = new_hash
    create_key(user, new_password, registrar=registrar, cost=_cost(new_hash))


def lock(user_id: int) -> None:
    """Sign-out: the user's keys leave this process."""
    with _lock:
        for key in SigningKey.select(SigningKey.public_key).where(SigningKey.user_id == user_id):
            KEYRING.pop(key.public_key, None)


def signer_for(user_id: int) -> Signer:
    """The unlocked key of the user a write is made for; refused when it is not unlocked in this session."""
    key = active_key(user_id)
    if key is not None:
        with _lock:
            private = KEYRING.get(key.public_key)
        if private is not None:
            return Signer(key.id, user_id, key.public_key, private)
    if provision_missing is not None:
        signer = provision_missing(user_id)
        if signer is not None:
            return signer
    raise UserError(translate("services.signing", "用户 #{0} 的签名密钥没有解锁，不能写入。请重新登录后再操作。").format(user_id))


__all__ = [
    "KEYRING",
    "InvalidSignature",
    "Signer",
    "active_key",
    "create_key",
    "decrypt",
    "encrypt",
    "lock",
    "public_hex",
    "register_waiting",
    "registration_text",
    "reissue",
    "rewrap",
    "root_key",
    "signer_for",
    "unlock_at_sign_in",
    "verify",
]
