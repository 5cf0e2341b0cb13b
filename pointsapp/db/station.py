"""This PC's own connection setting (which database it uses), kept outside the database.

Stored in ``station.json`` in the data folder. A PostgreSQL password goes into the
operating system's credential store (Windows Credential Manager, macOS Keychain,
Secret Service) through ``keyring`` where one is available; only when none is, it is
kept in ``station.json`` (readable by this user only) and the dialog says so.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from pointsapp.paths import data_dir

KEYRING_SERVICE = "pointsapp"


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 5432
    database: str = "pointsapp"
    user: str = "pointsapp"

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        return f"postgresql://{auth}@{self.host}:{self.port}/{self.database}"


@dataclass
class StationConfig:
    mode: str = "sqlite"          # "sqlite" or "postgres"
    sqlite_path: str = ""         # empty: the default file in the data folder
    server: ServerSettings | None = None
    plain_password: str = ""      # only when no credential store exists


def _path():
    return data_dir() / "station.json"


def load() -> StationConfig:
    try:
        raw = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return StationConfig()
    server = ServerSettings(**raw["server"]) if raw.get("server") else None
    return StationConfig(mode=raw.get("mode", "sqlite"), sqlite_path=raw.get("sqlite_path", ""), server=server,
                         plain_password=raw.get("plain_password", ""))


def _keyring():
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or type(backend).__name__ in ("NullKeyring", "PlaintextKeyring"):
            return None
        return keyring
    except Exception:  # noqa: BLE001 - no usable store on this machine
        return None


def credential_store_available() -> bool:
    return _keyring() is not None


def save(config: StationConfig, password: str | None = None) -> bool:
    """Write the setting; returns True when the password went to the OS credential store."""
    stored_securely = False
    if config.mode == "postgres" and config.server and password is not None:
        store = _keyring()
        if store is not None:
            store.set_password(KEYRING_SERVICE, config.server.account, password)
            config.plain_password, stored_securely = "", True
        else:
            config.plain_password = password
    data = asdict(config)
    path = _path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return stored_securely


def password_for(config: StationConfig) -> str:
    if config.plain_password:
        return config.plain_password
    store = _keyring()
    if store is not None and config.server is not None:
        return store.get_password(KEYRING_SERVICE, config.server.account) or ""
    return ""


def configured_target() -> str | None:
    """The database this PC is set to use, or None for the default SQLite file."""
    config = load()
    if config.mode == "postgres" and config.server is not None:
        return config.server.url(password_for(config))
    return config.sqlite_path or None


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
