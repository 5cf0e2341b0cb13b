"""The objects an operation-log row points at, named as the office knows them: a household as "户 01001（张三）",
an entry by its household, a group with its village. Looked up in bulk for a page of rows (a query per kind of
object, never one per row)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partialmethod

from pointsapp.models import (
    Batch, Category, Grid, Group, Household, LedgerEntry, Member, Notice, Objection, Product, Redemption, Rule, Star,
    StarAward, StarEvaluation, StarProposal, User, Village,
)
from pointsapp.text import translate

_CHUNK = 500  # ids per IN (…): well under every backend's limit on bound parameters

# how each kind of object is looked up: its model and the columns its name is made of (the id first)
_LOOKUPS = {
    "ledger_entry": (LedgerEntry, (LedgerEntry.id, LedgerEntry.household, LedgerEntry.rule)),
    "objection": (Objection, (Objection.id, Objection.entry)),
    "redemption": (Redemption, (Redemption.id, Redemption.household)),
    "star_proposal": (StarProposal, (StarProposal.id, StarProposal.household, StarProposal.star)),
    "star_award": (StarAward, (StarAward.id, StarAward.household, StarAward.star)),
    "member": (Member, (Member.id, Member.household, Member.name)),
    "household": (Household, (Household.id, Household.village, Household.household_no, Household.head_name)),
    "group": (Group, (Group.id, Group.village, Group.name)),
    "grid": (Grid, (Grid.id, Grid.village, Grid.name)),
    "star": (Star, (Star.id, Star.name)),
    "rule": (Rule, (Rule.id, Rule.code, Rule.title)),
    "category": (Category, (Category.id, Category.name)),
    "product": (Product, (Product.id, Product.name)),
    "user": (User, (User.id, User.username, User.display_name)),
    "notice": (Notice, (Notice.id, Notice.village, Notice.title)),
    "batch": (Batch, (Batch.id, Batch.group, Batch.period)),
    "star_evaluation": (StarEvaluation, (StarEvaluation.id, StarEvaluation.village, StarEvaluation.period)),
}
# kinds of object that lead to a household (and sometimes a star): looked up first, then the households
_POINTERS = ("ledger_entry", "objection", "redemption", "star_proposal", "star_award", "member")


def as_id(value) -> int | None:
    """An object id as logged (an int, or its digits as text); None for anything else (a name, a list…)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 12:
        return int(value)
    return None


def _rows(kind: str, ids: Iterable[int]):
    model, fields = _LOOKUPS[kind]
    ids = sorted(set(ids))
    for start in range(0, len(ids), _CHUNK):
        yield from model.select(*fields).where(model.id.in_(ids[start:start + _CHUNK])).tuples()


class Names:
    """Names of the objects asked for with :meth:`want`, all looked up by :meth:`load`."""

    def __init__(self) -> None:
        self.wanted: dict[str, set[int]] = defaultdict(set)
        self.skus: set[str] = set()
        self.found: dict[str, dict[int, tuple]] = defaultdict(dict)
        self.product_by_sku: dict[str, str] = {}
        self.several_villages = False

    def want(self, kind: str, value) -> None:
        ident = as_id(value)
        if ident is not None:
            self.wanted[kind].add(ident)

    def load(self) -> Names:
        w, found = self.wanted, self.found
        for kind in _POINTERS:
            self._look_up(kind, w.get(kind, ()))
        for entry_id in (r[0] for r in found["objection"].values()):
            w["ledger_entry"].add(entry_id)
        self._look_up("ledger_entry", w["ledger_entry"] - set(found["ledger_entry"]))
        for kind, rows in found.items():
            for values in rows.values():
                if kind in ("objection",):
                    continue
                w["household"].add(values[0])
                if kind in ("star_proposal", "star_award"):
                    w["star"].add(values[1])
                if kind == "ledger_entry" and values[1] is not None:
                    w["rule"].add(values[1])
        for kind in (k for k in _LOOKUPS if k not in _POINTERS):
            self._look_up(kind, w.get(kind, ()))
        self._look_up("group", {r[0] for r in found["batch"].values() if r[0]} - set(found["group"]))
        villages = {row[0]: row[1:] for row in Village.select(Village.id, Village.name).tuples()}
        found["village"] = villages
        self.several_villages = len(villages) > 1
        if self.skus:
            skus = sorted(self.skus)
            for start in range(0, len(skus), _CHUNK):
                self.product_by_sku.update(
                    Product.select(Product.sku, Product.name).where(Product.sku.in_(skus[start:start + _CHUNK]))
                    .tuples())
        return self

    def _look_up(self, kind: str, ids: Iterable[int]) -> None:
        for row in _rows(kind, ids):
            self.found[kind][row[0]] = row[1:]

    # ---- the names -------------------------------------------------------------------------------------------

    def _get(self, kind: str, value) -> tuple | None:
        ident = as_id(value)
        return None if ident is None else self.found.get(kind, {}).get(ident)

    def _name(self, kind: str, value) -> str | None:
        """An object known by a name alone: a village, a star, a category, a product."""
        row = self._get(kind, value)
        return row[0] if row else None

    village = partialmethod(_name, "village")
    star = partialmethod(_name, "star")
    category = partialmethod(_name, "category")
    product = partialmethod(_name, "product")

    def _in_village(self, kind: str, value) -> str | None:
        """An object named within its village ("桃园村 1组"): a group, a grid, a star evaluation."""
        row = self._get(kind, value)
        return f"{self.village(row[0])} {row[1]}" if row else None

    group = partialmethod(_in_village, "group")
    grid = partialmethod(_in_village, "grid")
    evaluation = partialmethod(_in_village, "star_evaluation")

    def household(self, value) -> str | None:
        row = self._get("household", value)
        if row is None:
            return None
        village_id, number, head = row
        text = translate("services.audit_names", "户 {0}（{1}）").format(number, head) if head else \
            translate("services.audit_names", "户 {0}").format(number)
        return f"{self.village(village_id)} {text}" if self.several_villages else text

    def rule(self, value) -> str | None:
        row = self._get("rule", value)
        return f"{row[0]} {row[1]}" if row else None

    def user(self, value) -> str | None:
        row = self._get("user", value)
        if row is None:
            return None
        return f"{row[0]}（{row[1]}）" if row[1] and row[1] != row[0] else row[0]

    def entry(self, value) -> str | None:
        """The household an entry belongs to, and the entry's rule."""
        row = self._get("ledger_entry", value)
        if row is None:
            return None
        household = self.household(row[0]) or ""
        rule = self.rule(row[1]) if row[1] is not None else None
        return f"{household} · {rule}" if rule else household

    def household_of(self, kind: str, value) -> int | None:
        row = self._get(kind, value)
        if row is None:
            return None
        if kind == "objection":
            entry = self._get("ledger_entry", row[0])
            return entry[0] if entry else None
        return row[0]

    def star_of(self, kind: str, value) -> str | None:
        row = self._get(kind, value)
        return self.star(row[1]) if row else None

    def member(self, value) -> tuple[str, str | None] | None:
        row = self._get("member", value)
        return (row[1], self.household(row[0])) if row else None

    def notice(self, value) -> str | None:
        row = self._get("notice", value)
        if row is None:
            return None
        return row[1] or translate("services.audit_names", "{0} 公示 {1}").format(self.village(row[0]), value)

    def batch(self, value) -> str | None:
        row = self._get("batch", value)
        return f"{self.group(row[0]) or ''} {row[1]}".strip() if row else None
