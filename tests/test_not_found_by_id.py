"""A record asked for by a number that names none (deleted, mistyped, from another database) is refused with a
message naming the number — the same way for households, members, claims, meetings and redemptions
(``BaseModel.by_id``)."""
from __future__ import annotations

import pytest

from pointsapp.errors import NotFound
from pointsapp.services.register import household_detail, members
from pointsapp.services.scoring import claims, meetings
from pointsapp.services.shop import redemption
from tests.scoring_helpers import household, make_village

MISSING = 424242


def test_a_missing_record_is_refused_naming_its_number(admin):
    with pytest.raises(NotFound, match=f"找不到编号为 {MISSING} 的户"):
        household_detail.household_detail(actor=admin, household_id=MISSING)
    with pytest.raises(NotFound, match=f"找不到编号为 {MISSING} 的成员"):
        members.remove_member(actor=admin, member_id=MISSING)
    with pytest.raises(NotFound, match=f"找不到申报 #{MISSING}"):
        claims.claim(actor=admin, claim_id=MISSING)
    with pytest.raises(NotFound, match=f"找不到评议会 #{MISSING}"):
        meetings.minutes(actor=admin, meeting_id=MISSING)
    with pytest.raises(NotFound, match=f"兑换单 #{MISSING} 不存在"):
        redemption.detail(actor=admin, redemption_id=MISSING)


def test_a_record_that_exists_is_found(admin):
    village = make_village(admin)
    h = household(village, 1)
    assert household_detail.get_household(h.id).household_no == h.household_no
