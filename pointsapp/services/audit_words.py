"""The operation log in words: each row's object ("户 01001（张三）" for ``ledger_entry #13972``) and what changed
("角色：录入员 → 审核员"), instead of the codes and JSON the row is stored with. The stored row stays as it is
(the JSON export of the command line still gives it whole)."""
from __future__ import annotations

import json
from typing import Any

from pointsapp.services.audit_labels import coded_values, field_labels
from pointsapp.services.audit_names import Names, as_id
from pointsapp.text import domain_label, list_sep, translate

LIST_SHOWN = 8  # items of a list shown before "…等 N 项"


# the fields a reader looks for first (a name before its details, a state before its reason); the rest follow
# in the order of field_labels
_FIRST = ("name", "title", "code", "household_no", "head", "username", "display_name", "household", "rule",
          "status", "role", "active", "points", "quantity", "delta", "reason")


def _ranks(labels: dict[str, str]) -> dict[str, int]:
    """Each field's place when a row's fields are listed."""
    rank: dict[str, int] = {}
    for key in (*_FIRST, *labels):  # a key's first place counts
        rank.setdefault(key, len(rank))
    return rank


# keys whose whole-number values are ids of another object (a name or number as text is shown as it is)
_REFERENCES = {"household": "household", "village": "village", "group": "group", "grid": "grid", "star": "star",
               "category_id": "category", "evaluation": "star_evaluation", "notice": "notice"}
# keys already said by the row's object
_SAID_BY_OBJECT = {"star_proposal": {"household", "star", "evaluation"}, "star_award": {"household", "star"},
                   "member": {"household"}, "redemption": {"household"}, "ledger_entry": {"household", "rule"},
                   "household": {"fields"}}


def _nouns() -> dict[str, str]:
    """What each kind of object is called, where its name or number alone would not say it ("商品 食盐",
    "积分卡 5", but "桃园村")."""
    return {
        "category": translate("services.audit_nouns", "积分类别"),
        "product": translate("services.audit_nouns", "商品"),
        "star": translate("services.audit_nouns", "星级"),
        "batch": translate("services.audit_nouns", "月度检查"),
        "star_evaluation": translate("services.audit_nouns", "评星"),
        "user": translate("services.audit_nouns", "用户"),
        "ledger_entry": translate("services.audit_nouns", "积分记录"),
        "objection": translate("services.audit_nouns", "异议"),
        "redemption": translate("services.audit_nouns", "兑换"),
        "star_proposal": translate("services.audit_nouns", "评星建议"),
        "star_award": translate("services.audit_nouns", "授星"),
        "backup": translate("services.audit_nouns", "数据库备份"),
        "database": translate("services.audit_nouns", "数据库"),
        "ledger": translate("services.audit_nouns", "积分账本"),
        "shop": translate("services.audit_nouns", "积分超市"),
        "card": translate("services.audit_nouns", "积分卡"),
        "file": translate("services.audit_nouns", "文件"),
        "published_fingerprint": translate("services.audit_nouns", "账本指纹"),
        "expiry_run": translate("services.audit_nouns", "积分清零"),
        "stocktake": translate("services.audit_nouns", "盘点"),
    }


def parse(text: str) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


class Describer:
    """Words for the rows of one page of the log: ``want`` every row, then ``load`` names, then ``describe``."""

    def __init__(self) -> None:
        self.names = Names()
        self.labels = field_labels()
        self._codes: dict[tuple[str, str], dict | None] = {}
        # the fixed words, looked up once for the page (a page is thousands of rows)
        self.rank = _ranks(self.labels)
        self.nouns = _nouns()
        self.arrow = translate("services.audit_words", "{0} → {1}")
        self.sep = translate("services.audit_words", "；")
        self.field = translate("services.audit_words", "{0}：{1}")
        self.empty = translate("services.audit_words", "（空）")
        self.gone = translate("services.audit_words", "（无）")
        self.yes, self.no = translate("services.audit_words", "是"), translate("services.audit_words", "否")

    def want(self, entity: str, entity_id: str, old: Any, new: Any) -> None:
        names = self.names
        if as_id(entity_id) is not None:
            names.want(entity, entity_id)
        elif entity == "ledger_entry" and isinstance(new, dict) and isinstance(new.get("entries"), list):
            for ident in new["entries"][:LIST_SHOWN]:
                names.want("ledger_entry", ident)
        for value in (old, new):
            if not isinstance(value, dict):
                continue
            for key, ref in _REFERENCES.items():  # ids are numbers; a number as text is a household number
                if isinstance(value.get(key), int):
                    names.want(ref, value[key])
            if isinstance(value.get("items"), dict):
                names.skus.update(value["items"])
            for pair in value.get("differences") or ():
                if isinstance(pair, list) and pair:
                    names.want("product", pair[0])

    def load(self) -> Describer:
        self.names.load()
        return self

    # ---- the object ------------------------------------------------------------------------------------------

    def entity(self, entity: str, entity_id: str, old: Any, new: Any) -> str:
        n = self.names
        if entity in ("ledger_entry", "objection", "redemption", "star_proposal", "star_award"):
            return self._of_household(entity, entity_id, new)
        named = {
            "household": n.household, "village": n.village, "group": n.group, "grid": n.grid, "star": n.star,
            "category": n.category, "product": n.product, "user": n.user, "notice": n.notice, "batch": n.batch,
            "star_evaluation": n.evaluation,
        }.get(entity)
        if named is not None:
            name = named(entity_id)
            if name:
                return f"{self.nouns[entity]} {name}" if entity in self.nouns else name
            return self._gone(entity, entity_id, old)
        if entity == "rule":
            return n.rule(entity_id) or self._gone(entity, entity_id, old)
        if entity == "member":
            found = n.member(entity_id)
            if found:
                return translate("services.audit_words", "{0} · 成员 {1}").format(found[1] or "", found[0])
            return self._gone(entity, entity_id, old)
        if entity == "setting":
            from pointsapp.db import settings

            option = settings.OPTIONS.get(entity_id)
            return domain_label(option.description) if option else entity_id
        noun = self.nouns.get(entity, entity)
        return f"{noun} {entity_id}" if entity_id else noun

    def _of_household(self, entity: str, entity_id: str, new: Any) -> str:
        n = self.names
        noun = self.nouns[entity]
        if as_id(entity_id) is None:  # several entries at once: "1,2,3" or "1…40（40 条）"
            ids = new.get("entries") if isinstance(new, dict) else None
            if isinstance(ids, list) and ids:
                households = {n.household_of("ledger_entry", i) for i in ids[:LIST_SHOWN]}
                if len(ids) <= LIST_SHOWN and len(households) == 1 and None not in households:
                    return translate("services.audit_words", "{0} · {1} 条积分记录").format(
                        n.household(households.pop()), len(ids))
                return translate("services.audit_words", "{0} 条积分记录").format(len(ids))
            return f"{noun} {entity_id}"
        if entity == "ledger_entry":
            found = n.entry(entity_id)
            if found is None:
                return self._gone(entity, entity_id, None)
            return translate("services.audit_words", "{0} · 积分记录 {1}").format(found, entity_id)
        household = n.household(n.household_of(entity, entity_id))
        if household is None:
            return self._gone(entity, entity_id, None)
        star = n.star_of(entity, entity_id) if entity in ("star_proposal", "star_award") else None
        return f"{household} · {star}" if star else f"{household} · {noun} {entity_id}"

    def _gone(self, entity: str, entity_id: str, old: Any) -> str:
        """An object deleted since: named from the values logged with it."""
        if isinstance(old, dict):
            if "household_no" in old:
                return translate("services.audit_words", "户 {0}（已删除）").format(old["household_no"])
            if old.get("name"):
                return translate("services.audit_words", "{0}（已删除）").format(old["name"])
        if isinstance(old, str) and old:
            return translate("services.audit_words", "{0}（已删除）").format(old)
        return f"{entity} {entity_id}".strip()

    # ---- what changed ----------------------------------------------------------------------------------------

    def change(self, entity: str, old: Any, new: Any) -> str:
        """"字段：旧 → 新；字段：新": the fields that changed, or were set, in the log's words."""
        arrow, sep, rank = self.arrow, self.sep, self.rank
        if not isinstance(old, dict) and not isinstance(new, dict):  # a setting, a renamed group, a star order
            if old is None and new is None:
                return ""
            if old is None:
                return self.value("", entity, new)
            if new is None:
                return self.value("", entity, old)
            return arrow.format(self.value("", entity, old), self.value("", entity, new))
        old_d = old if isinstance(old, dict) else {}
        new_d = new if isinstance(new, dict) else {}
        skip = _SAID_BY_OBJECT.get(entity, set())
        parts = []
        for key in sorted(set(new_d) | set(old_d), key=lambda k: rank.get(k, len(rank))):
            if key in skip:
                continue
            label = self.labels["display_name"] if key == "name" and entity == "member" else self.labels.get(key, key)
            if key in old_d and key in new_d:
                if old_d[key] == new_d[key]:
                    continue
                text = arrow.format(self.value(key, entity, old_d[key]), self.value(key, entity, new_d[key]))
            elif key in new_d:
                if new_d[key] in (None, "", [], {}):
                    continue
                text = self.value(key, entity, new_d[key])
            else:
                text = self.value(key, entity, old_d[key])
                if new is not None:
                    text = arrow.format(text, self.gone)
            parts.append(self.field.format(label, text))
        return sep.join(parts)

    def value(self, key: str, entity: str, value: Any) -> str:
        n = self.names
        if value is None or value == "":
            return self.empty
        if isinstance(value, bool):
            return self.yes if value else self.no
        if isinstance(value, str):
            coded = self._coded(key, entity)
            if coded and value in coded:
                return coded[value]
            return value.replace("T", " ")[:19] if _looks_like_time(value) else value
        if key in _REFERENCES and isinstance(value, int):
            found = getattr(n, {"category_id": "category", "evaluation": "evaluation"}.get(key, key))(value)
            return found or f"#{value}"
        if key in ("entry", "reversal") and isinstance(value, int):
            return translate("services.audit_words", "#{0}").format(value)
        if key == "entries" and isinstance(value, list):
            return translate("services.audit_words", "{0} 条").format(len(value))
        if key == "items" and isinstance(value, dict):
            return list_sep().join(f"{n.product_by_sku.get(sku, sku)}×{q}" for sku, q in value.items())
        if key == "differences" and isinstance(value, list):
            counted = [f"{n.product(p[0]) or p[0]} {p[1]:+d}" for p in value
                       if isinstance(p, list) and len(p) == 2 and isinstance(p[1], int)]
            return list_sep().join(counted) or translate("services.audit_words", "无")
        if isinstance(value, list):
            shown = [self.value("", entity, v) for v in value[:LIST_SHOWN]]
            text = list_sep().join(shown)
            if len(value) > LIST_SHOWN:
                text += translate("services.audit_words", "…等 {0} 项").format(len(value))
            return text
        if isinstance(value, dict):
            return translate("services.audit_words", "，").join(
                f"{self.labels.get(k, k)} {self.value(k, entity, v)}" for k, v in value.items())
        return str(value)

    def _coded(self, key: str, entity: str) -> dict | None:
        if (key, entity) not in self._codes:
            self._codes[(key, entity)] = coded_values(key, entity)
        return self._codes[(key, entity)]


def _looks_like_time(text: str) -> bool:
    return len(text) >= 19 and text[4] == "-" and text[10] == "T" and text[13] == ":"
