"""What an operation changes, as a small set of flags, and the one table saying it for every write a screen makes.

The screens run a write through ``ui.operations.run_op``, which looks the service function up here and has the
change hub tell every open view once; a service whose write has side effects (a veto deduction withdraws the
household's stars) says so in this table, not in each screen that calls it."""
from __future__ import annotations

import enum
from typing import Callable


class Changes(enum.Flag):
    NONE = 0
    LEDGER = enum.auto()       # entries, reviews, notices, objections, expiry, redemptions' points
    STARS = enum.auto()        # evaluations, awards, withdrawals, the scheme
    HOUSEHOLDS = enum.auto()   # households, members, cards, villages, groups, grids
    SHOP = enum.auto()         # products, stock, redemptions, the day's close
    RULES = enum.auto()        # rules and categories
    USERS = enum.auto()        # operators, passwords
    SETTINGS = enum.auto()     # settings, backups, a village's policies


L, S, H, P, R, U, C = (Changes.LEDGER, Changes.STARS, Changes.HOUSEHOLDS, Changes.SHOP, Changes.RULES,
                       Changes.USERS, Changes.SETTINGS)

# service function (module under pointsapp.services, name) → what it may change. Points change the household
# list and the dashboard (LEDGER); an award or deduction may withdraw stars (a veto item): STARS as well.
WRITES: dict[str, Changes] = {
    "scoring.entries.add_entry": L | S,
    "scoring.entries.undo_entry": L | S,
    "scoring.entries.add_batch": L | S,
    "scoring.entry_import.import_entries": L | S,   # effective at once in a simple village: a veto withdraws stars
    "scoring.review.review": L | S,
    "scoring.review.put_on_notice": L,
    "scoring.review.close_notices": L | S,     # entries take effect: a veto among them withdraws stars
    "scoring.review.record_objection": L,
    "scoring.review.decide_objection": L | S,
    "scoring.review.reverse_entry": L | S,
    "scoring.expiry.set_policy": C,
    "scoring.expiry.run_expiry": L,
    "scoring.rules.create_category": R | L,   # a category is a column of the ranking and the ledger views
    "scoring.rules.create_rule": R,
    "scoring.rules.update_rule": R,
    "scoring.rules.set_rule_active": R,
    "register.households.create_household": H,
    "register.households.add_household": H,
    "register.households.save_household": H,
    "register.households.move_household": H,
    "register.households.archive_household": H,
    "register.households.unarchive_household": H,
    "register.households.delete_household": H,
    "register.households.set_tags": H,
    "register.members.add_member": H,
    "register.members.edit_member": H,
    "register.members.remove_member": H,
    "register.cards.reissue": H,
    "register.cards.issue_cards": H,
    "register.cards.revoke_village": H,
    "register.roster_import.import_roster": H,
    "register.villages.create_village": H | R | S | C,
    "register.villages.rename_village": H | C,
    "register.villages.create_group": H,
    "register.villages.rename_group": H,
    "register.villages.delete_group": H,
    "register.villages.save_grid": H,
    "register.villages.delete_grid": H,
    "shop.products.create_product": P,
    "shop.products.edit_product": P,
    "shop.products.set_active": P,
    "shop.products.deactivate": P,
    "shop.stock.stock_in": P,
    "shop.stock.stock_out": P,
    "shop.stock.adjust": P,
    "shop.stock.record_stocktake": P,
    "shop.redemption.redeem": P | L,
    "shop.redemption.void": P | L,
    "shop.policy.set_policy": P | C,
    "shop.drawer.record_count": P,
    "shop.lots.write_off_expired": P,
    "stars.evaluation.evaluate": S,
    "stars.evaluation.adjust": S,
    "stars.awards.publish": S,
    "stars.awards.apply": S,
    "stars.awards.withdraw": S,
    "stars.black_board.withdraw_for_black_board": S,
    "stars.scheme.add_star": S,
    "stars.scheme.update_star": S,
    "stars.scheme.reorder_stars": S,
    "stars.scheme.load_scheme": S,
    "ops.users.create_user": U,
    "ops.users.reset_password": U,
    "ops.users.set_active": U,
    "ops.users.disable_user": U,
    "ops.users.set_role": U,
    "ops.users.change_password": U,
    "ops.preferences.change": C,
    "ops.preferences.change_many": C,
    "ops.backup.make_backup": C,
    "scoring.fingerprint.publish": Changes.NONE,  # a print job records the fingerprint it prints; no view shows it
    "scoring.events.create_event": L,
    "scoring.events.check_in": L,
    "scoring.events.cancel_check_in": L,
    "scoring.events.close_event": L | S,
    "scoring.claims.set_claim_policy": C,
    "scoring.claims.submit_claim": L,
    "scoring.claims.group_check": L,
    "scoring.claims.decide_claim": L | S,     # a passed claim is an entry (effective at once without review)
    "scoring.meetings.create_meeting": L,
    "scoring.meetings.decide_batch": L | S,
    "credit.certificates.issue": Changes.NONE,   # 积分证明: an audited, signed record; no view lists it
    "credit.certificates.revoke": Changes.NONE,
    "credit.village_list.village_list_xlsx": Changes.NONE,
}


def of(fn: Callable) -> Changes:
    """What the service function ``fn`` may change; a function not in :data:`WRITES` is a programming error."""
    module = getattr(fn, "__module__", "") or ""
    key = f"{module.removeprefix('pointsapp.services.')}.{getattr(fn, '__name__', '')}"
    try:
        return WRITES[key]
    except KeyError:
        raise LookupError(f"{key}: not a write listed in pointsapp.services.changes.WRITES") from None
