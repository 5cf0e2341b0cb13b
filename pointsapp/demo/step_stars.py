"""Demo step: evaluate the demo year's stars, make two committee adjustments, publish and award."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import StarProposal
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import evaluation as stars


def _adjust_two(ctx, evaluation_id: int) -> None:
    """One near miss included, one qualified star excluded: how a committee typically adjusts."""
    rows = (StarProposal.select(StarProposal.household, StarProposal.star, StarProposal.qualified,
                                StarProposal.figures)
            .where(StarProposal.evaluation == evaluation_id).order_by(StarProposal.id).tuples())
    near_miss = excluded = None
    for household, star, qualified, figures in rows:
        if near_miss is None and not qualified and '"vetoes"' not in figures and '"deductions"' not in figures:
            near_miss = (household, star)
        if excluded is None and qualified and (near_miss is None or household != near_miss[0]):
            excluded = (household, star)
        if near_miss and excluded:
            break
    if near_miss:
        stars.adjust(actor=ctx.admin, evaluation_id=evaluation_id, household_id=near_miss[0], star_id=near_miss[1],
                     include=True, reason="经村民代表会议评议，该户全年热心帮扶孤寡老人，予以授星")
    if excluded:
        stars.adjust(actor=ctx.admin, evaluation_id=evaluation_id, household_id=excluded[0], star_id=excluded[1],
                     include=False, reason="公示前群众反映该户门前长期堆放杂物，经核实属实，暂缓授星")


def run(ctx) -> None:
    for village in ctx.villages:
        evaluation = stars.evaluate(actor=ctx.admin, village_id=village.id, period=str(ctx.year))
        _adjust_two(ctx, evaluation.id)
        # the notice ran its course before today, so the awards can be applied now; an earlier
        # year's stars were put on notice early the next January
        if ctx.year < ctx.today.year:
            started = dt.date(ctx.year + 1, 1, 5)
            applied = started + dt.timedelta(days=village.notice_days + 1)
        else:
            started, applied = ctx.today - dt.timedelta(days=village.notice_days + 1), ctx.today
        star_awards.publish(actor=ctx.admin, evaluation_id=evaluation.id, starts_on=started)
        awards = star_awards.apply(actor=ctx.admin, evaluation_id=evaluation.id, today=applied)
        ctx.progress(f"{village.name}：星级评定完成，授星 {awards} 颗")
