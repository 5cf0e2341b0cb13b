"""签名: each user's signing key and the signed writes that prove who changed the ledger, the shop and the users.

A user's Ed25519 key is kept here with its private half encrypted under a key derived from the user's password
(so a copy of the database signs nothing); its registration is signed by an administrator's key, back to the
installation's first key. Every write that appends ledger rows, moves entries through review, records a
redemption or a stock move or changes a user's role is one ``SignedWrite``: what it covers (``payload``), the
previous write's digest (``prev``: the writes form one chain, so a removed write breaks the next one) and the
signature (see ``services/signing``).
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from pointsapp.models.base import BaseModel, now


class SigningKey(BaseModel):
    id = AutoField()
    user_id = IntegerField(index=True)
    public_key = CharField(max_length=64, unique=True)  # raw Ed25519 public key, hex
    encrypted_private = TextField(default="")  # scrypt$n$r$p$salt$nonce$ciphertext (hex), AES-GCM
    created_at = DateTimeField(default=now)
    registered_by_id = IntegerField(null=True)  # the administrator's key that signed the registration; null: root
    registration = TextField(default="")  # the text signed: user, name, role, public key, time
    registration_signature = CharField(max_length=128, default="")  # empty: waits for an administrator
    retired_at = DateTimeField(null=True)  # replaced by a reset; still valid for what it signed before

    class Meta:
        table_name = "signing_key"


class SignedWrite(BaseModel):
    id = AutoField()
    kind = CharField(max_length=20)  # ledger.append, ledger.status, shop.redemption, shop.stock, user, upgrade
    key_id = IntegerField(null=True)  # null only for the upgrade marker written by migration 0009
    signed_at = DateTimeField(default=now)
    payload = TextField(default="")
    prev = CharField(max_length=64)    # digest of the previous signed write (the chain)
    digest = CharField(max_length=64)  # SHA-256 of the signed text
    signature = CharField(max_length=128, default="")

    class Meta:
        table_name = "signed_write"


class SigningHead(BaseModel):
    """The chain's head: one row, locked by each signed write (PostgreSQL) so the chain stays a line."""

    id = IntegerField(primary_key=True)
    last_write_id = IntegerField(default=0)
    last_digest = CharField(max_length=64)

    class Meta:
        table_name = "signing_head"
