"""What an event (活动) and a review meeting (评议会) have in common: a gathering in one village, with a title, on
a day, at a place."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Gathering:
    """The fields an event and a meeting share, first in both (their own fields follow)."""

    id: int
    village_id: int
    village: str
    title: str
    held_on: dt.date
    place: str
