"""The event sign-in sheet and the review meeting's minutes, made from long and rare names, read back as a person
would: text found, nothing overlapping, every font embedded, the title red on the rendered page, the minutes'
signature lines on the last page after every attendee."""
from __future__ import annotations

import datetime as dt

from PIL import Image

from pointsapp.models import Group, Household
from pointsapp.printing.event_sheet import event_sheet_pdf
from pointsapp.printing.meeting_minutes import minutes_pdf
from pointsapp.services.scoring import claims, events, meetings
from tests.pdf_helpers import overlapping, page_count, pdf_fonts, pdf_text, render_pages, word_boxes
from tests.scoring_helpers import make_village, rule

DAY = dt.date(2026, 11, 20)
NAMES = ["欧阳修远", "阿卜杜热合曼·买买提", "爱新觉罗·溥仪", "王䶮", "司马光明"]


def _village(admin):
    village = make_village(admin, households=0, name="某某某镇某某某某村", code="LV")
    group = Group.get(Group.village == village)
    for n, name in enumerate(NAMES, start=1):
        Household.create(village=village, group=group, household_no=f"LV{n:03d}", head_name=name)
    return village


def _red_pixels(png) -> int:
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        top = rgb.crop((0, 0, rgb.width, rgb.height // 6))
        return sum(1 for r, g, b in top.getdata() if r > 150 and g < 80 and b < 90)


def _clean(pdf) -> None:
    assert [f["name"] for f in pdf_fonts(pdf) if f["emb"] != "yes"] == []
    assert not any("Helvetica" in f["name"] for f in pdf_fonts(pdf))
    for page in word_boxes(pdf):
        assert overlapping(page) == []


def test_the_sign_in_sheet_lists_who_came_with_blank_rows_while_open(db, admin, tmp_path):
    village = _village(admin)
    event = events.create_event(actor=admin, village_id=village.id, title="十一月环境整治日（村道清扫、沟渠清淤）",
                                held_on=DAY, rule_id=rule(village, "PA03").id, place="村文化广场", cap=50)
    for n in (1, 2, 3):
        events.check_in(actor=admin, event_id=event.id, household_no=f"LV{n:03d}")
    open_sheet = tmp_path / "open.pdf"
    assert event_sheet_pdf(open_sheet, actor=admin, event_id=event.id) == 3
    text = pdf_text(open_sheet)
    assert "待结束时计分" in text and "13" in text  # ten blank rows after the three who came
    events.close_event(actor=admin, event_id=event.id)
    sheet = tmp_path / "sheet.pdf"
    event_sheet_pdf(sheet, actor=admin, event_id=event.id)
    text = pdf_text(sheet)
    for words in ("某某某镇某某某某村活动签到表", "十一月环境整治日", "欧阳修远", "爱新觉罗·溥仪", "+10（已生效）", "已结束",
                  "登记人（签字）", "活动负责人（签字）", "名额 50 户"):
        assert words in text, words
    assert "司马光明" not in text and "待结束时计分" not in text
    _clean(sheet)
    [png] = render_pages(sheet, tmp_path / "sheet", dpi=60)
    assert _red_pixels(png) > 200


def test_the_minutes_record_every_decision_and_a_signature_line_for_every_attendee(db, admin, tmp_path):
    village = _village(admin)
    households = list(Household.select().where(Household.village == village).order_by(Household.household_no))
    made = []
    for h, deed in zip(households[:2], ["照顾邻居孤寡老人一个月，每日送饭", "调解邻里宅基地纠纷"]):
        c = claims.submit_claim(actor=admin, household_id=h.id, rule_id=rule(village, "CV02").id, deed=deed,
                                occurred_on=DAY)
        claims.group_check(actor=admin, claim_id=c.id, group_head="王䶮", confirmed=True)
        made.append(c)
    people = [(f"村民代表{n:02d}", "村民代表") for n in range(1, 36)] + [("阿卜杜热合曼·买买提", "村委会主任")]
    meeting = meetings.create_meeting(actor=admin, village_id=village.id, held_on=dt.date(2026, 11, 24),
                                      place="村委会二楼会议室", attendees=people, chair="欧阳修远", recorder="司马光明",
                                      summary="应到 36 人，实到 36 人。")
    claims.decide_claim(actor=admin, claim_id=made[0].id, meeting_id=meeting.id, approve=True)
    claims.decide_claim(actor=admin, claim_id=made[1].id, meeting_id=meeting.id, approve=False,
                        reason="双方均为本户亲属，不属于邻里调解")
    pdf = tmp_path / "minutes.pdf"
    assert minutes_pdf(pdf, actor=admin, meeting_id=meeting.id) == 2
    pages = page_count(pdf)
    assert pages >= 2
    text = pdf_text(pdf)
    for words in ("某某某镇某某某某村积分评议会记录", "村委会二楼会议室", "欧阳修远", "司马光明", "参会人员（36 人）",
                  "照顾邻居孤寡老人", "不通过", "不属于邻里调解", "共评议 2 项：通过 1 项，不通过 1 项。",
                  "村民代表35"):
        assert words in text, words
    assert f"第{pages}页共{pages}页" in text.replace(" ", "")
    last = pdf_text(pdf, first=pages, last=pages)
    assert "主持人（签字）" in last and "记录人（签字）" in last
    assert "阿卜杜热合曼" in last and last.index("阿卜杜热合曼") < last.index("主持人（签字）")  # never alone
    _clean(pdf)
    first = render_pages(pdf, tmp_path / "minutes", dpi=60, last=1)[0]
    assert _red_pixels(first) > 200


def test_in_english_the_minutes_and_a_refused_check_in_read_english(english, db, admin, tmp_path):
    import re

    import pytest

    from pointsapp.errors import UserError

    village = _village(admin)
    event = events.create_event(actor=admin, village_id=village.id, title="Clean-up", held_on=DAY,
                                rule_id=rule(village, "PA03").id, cap=1)
    events.check_in(actor=admin, event_id=event.id, household_no="LV001")
    with pytest.raises(UserError) as full:
        events.check_in(actor=admin, event_id=event.id, household_no="LV002")
    assert "full" in full.value.message and not re.search(r"[\u4e00-\u9fff]", full.value.message)
    meeting = meetings.create_meeting(actor=admin, village_id=village.id, held_on=dt.date(2026, 11, 24),
                                      place="Office", attendees=[("Li", "Secretary")], title="November review")
    pdf = tmp_path / "minutes-en.pdf"
    minutes_pdf(pdf, actor=admin, meeting_id=meeting.id)
    text = pdf_text(pdf)
    assert "review meeting minutes" in text and "Chair (signature)" in text and "Attendees (1)" in text
