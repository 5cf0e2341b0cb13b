"""Many households inserted in bulk (no ledger): for tests of the list at the size of a township."""
from __future__ import annotations

import datetime as dt
import random

from pointsapp.db.bulk import insert_rows
from pointsapp.models import Group, Household, Member, now
from pointsapp.services.register import households
from pointsapp.services.register import idnumber
from pointsapp.services.register.households import MemberData

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆芳娜敏静丽艳娟霞秀英慧巧美红梅兰凤洁琳云莲雪"


def insert_households(village, count: int, seed: int = 1, groups: int = 20) -> None:
    """``count`` active households of one or two members each, numbered 00001…; archived: every 50th."""
    rng = random.Random(seed)
    group_ids = [Group.create(village=village, name=f"{i}组", sort_order=i).id for i in range(1, groups + 1)]
    stamp = now()
    rows, people = [], []
    for n in range(1, count + 1):
        head = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        phone = f"13{n:09d}"
        no = f"{n:05d}"
        number = idnumber.make("610124", dt.date(1950, 1, 1) + dt.timedelta(days=n // 1000 * 101), n % 1000)
        members = [MemberData(head, "户主", number, phone=phone, is_head=True)]
        rows.append({"village": village.id, "group": group_ids[n % groups], "household_no": no, "head_name": head,
                     "search_key": households.search_key(no, members, phone), "phone": phone,
                     "status": "archived" if n % 50 == 0 else "active", "created_at": stamp, "updated_at": stamp,
                     "address": "", "note": ""})
        people.append((no, head, number, phone))
    with Household._meta.database.atomic():
        insert_rows(Household, rows)  # the program's own bulk insert: peewee's insert_many spent most of the time
        ids = dict(Household.select(Household.household_no, Household.id)
                   .where(Household.village == village).tuples())
        member_rows = [{"household": ids[no], "name": name, "relation": "户主", "is_head": True, "id_number": number,
                        "phone": phone, "sex": idnumber.sex(number), "created_at": stamp, "pinyin": "", "active": True}
                       for no, name, number, phone in people]
        insert_rows(Member, member_rows)
