"""操作日志 a page at a time, for the viewer: the newest rows first, the next page only when the list is scrolled
to its end. The filters are done in SQL (``audit.AuditFilter``); the words (``audit_words``) and each cell's text
are made for the page's rows only, off the UI thread, so that the screen merely shows them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp.models import AuditLog
from pointsapp.services import audit
from pointsapp.services.audit import AuditColumn, AuditFilter, AuditRow
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import privacy

FIRST_ROWS = 60  # a screenful is ~25 rows: the first page fills two, so the log shows as soon as it can
PAGE_ROWS = 200  # each page after: eight screens, read in a few milliseconds


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    texts: list[tuple[str, ...]]  # each row's cells as shown, in ``AuditColumn`` order
    after: tuple[dt.datetime, int] | None  # where the next page starts (the last row's time and id); None: no more
    total: int | None = None  # the rows the filter matches, when asked to count them


def page(*, actor: Actor, filter: AuditFilter | None = None,
         after: tuple[dt.datetime, int] | None = None, size: int = PAGE_ROWS, count: bool = False) -> AuditPage:
    """The ``size`` newest rows matching ``filter`` older than ``after`` (a previous page's ``after``), in words;
    ID and phone numbers masked for roles that may not see them."""
    require(actor, Permission.AUDIT_VIEW)
    filter = filter or AuditFilter()
    query = audit._select(filter)
    if after is not None:  # keyset: the same order as the log is listed in (time, then id, newest first)
        at, ident = after
        query = query.where((AuditLog.at < at) | ((AuditLog.at == at) & (AuditLog.id < ident)))
    found = list(query.select(AuditLog.id, AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.entity,
                              AuditLog.entity_id, AuditLog.old_value, AuditLog.new_value)
                 .limit(size + 1).tuples())
    more = len(found) > size
    rows = audit.in_words([(*r[:6], privacy.for_actor(actor, r[6]), privacy.for_actor(actor, r[7]))
                           for r in found[:size]])
    texts = [tuple(r.cell(c) for c in AuditColumn) for r in rows]
    return AuditPage(rows, texts, (rows[-1].at, rows[-1].id) if more else None,
                     count_rows(actor=actor, filter=filter) if count else None)


def count_rows(*, actor: Actor, filter: AuditFilter | None = None) -> int:
    """How many rows of the log ``filter`` matches (read after the first page: the rows are shown first)."""
    require(actor, Permission.AUDIT_VIEW)
    return audit._select(filter or AuditFilter()).select(AuditLog.id).count()


@dataclass(frozen=True)
class AuditChoices:
    usernames: list[str]
    kinds: list[tuple[str, str]]  # (kind, label)


def choices(*, actor: Actor) -> AuditChoices:
    """What the viewer's filters offer: every user and every kind present in the log."""
    return AuditChoices(audit.usernames(actor=actor), audit.kinds(actor=actor))
