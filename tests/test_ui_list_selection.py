"""Lists that are filled again (a change elsewhere, another village and back) keep the row the user had chosen:
the event being checked in, the meeting being read; an event list chosen afresh starts at an open event."""
from __future__ import annotations

import datetime as dt

from pointsapp import clock
from pointsapp.services.scoring import events, meetings
from tests.scoring_helpers import make_village, rule
from tests.ui_helpers import ctx_of


def test_the_check_in_list_starts_at_an_open_event_and_keeps_the_one_chosen(qtbot, admin):
    from pointsapp.ui.event_checkin import EventCheckIn

    village = make_village(admin)
    made = {title: events.create_event(actor=admin, village_id=village.id, title=title,
                                       held_on=dt.date(2026, 11, day), rule_id=rule(village, "PA03").id)
            for title, day in (("清扫", 5), ("植树", 12), ("义诊", 19))}
    for over in ("清扫", "义诊"):  # the newest and the oldest are over; the one between is open
        events.check_in(actor=admin, event_id=made[over].id, household_no="T1001")
        events.close_event(actor=admin, event_id=made[over].id)
    tab = EventCheckIn(ctx_of(admin))
    qtbot.addWidget(tab)
    assert [e.title for e in tab.events_model.rows] == ["义诊", "植树", "清扫"]
    assert tab.current_event().title == "植树"  # the open one, not the first row
    tab.choose(made["清扫"].id)
    tab.refresh()
    assert tab.current_event().title == "清扫"  # kept: neither the open one nor the first row
    tab.choose(-1)  # no such event: the choice stays
    assert tab.current_event().title == "清扫"

def test_the_meetings_list_keeps_the_meeting_being_read(qtbot, admin):
    from pointsapp.ui.meetings_tab import MeetingsTab

    village = make_village(admin)
    today = clock.today()
    made = [meetings.create_meeting(actor=admin, village_id=village.id, held_on=today - dt.timedelta(days=days),
                                    title=title, attendees=[("李明", "村党支部书记")])
            for title, days in (("上月评议会", 30), ("本月评议会", 2))]
    tab = MeetingsTab(ctx_of(admin))
    qtbot.addWidget(tab)
    first = tab.selected()
    assert first is not None and first.id == tab.model.rows[0].id
    other = next(m for m in made if m.id != first.id)
    tab.table.selectRow([m.id for m in tab.model.rows].index(other.id))
    tab.refresh()
    assert tab.selected().id == other.id
