"""Operators, their roles, the audit log and stored settings."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, IntegerField, TextField

from pointsapp.models.base import BaseModel, now


class User(BaseModel):
    """操作员. ``role`` is one of :class:`pointsapp.services.auth.Role`."""

    id = AutoField()
    username = CharField(max_length=40, unique=True)
    display_name = CharField(max_length=40, default="")
    role = CharField(max_length=12)
    password_hash = CharField(max_length=200, default="")  # scrypt$n$r$p$salt$hash; empty: no password set
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    must_change_password = BooleanField(default=False)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)


class AuditLog(BaseModel):
    """操作日志: one row for every change, append-only."""

    id = AutoField()
    at = DateTimeField(default=now, index=True)
    user_id = IntegerField(null=True, index=True)
    username = CharField(max_length=40, default="")
    action = CharField(max_length=40, index=True)  # e.g. "household.create", "entry.review"
    entity = CharField(max_length=40, default="")
    entity_id = CharField(max_length=40, default="")
    old_value = TextField(default="")  # JSON
    new_value = TextField(default="")  # JSON


class Setting(BaseModel):
    """Key/value settings stored in the database (shared by every station)."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField(default="")
