"""Demo engagement data per property: members with their ledger, segments, surveys answered over
the last 90 days, and today's follow-ups (idempotent: skipped where members exist)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from ..models import Dimension, Guest, LoyaltyMember, Stay, Survey, SurveySource
from . import defaults, followups, loyalty, segments, surveys


@transaction.atomic
def seed(*, properties, stdout=None):
    defaults.ensure()  # a flushed database (browser tests) has lost what the data migration wrote
    today = timezone.localdate()
    for prop in properties:
        if LoyaltyMember.objects.filter(property=prop).exists():
            continue
        rng = random.Random(f"engage-{prop.code}")
        segments.segments_recompute(property=prop, on=today)
        guests = list(Guest.objects.filter(stays__property=prop, loyalty__isnull=True).distinct().order_by("pk")[:400])
        for guest in rng.sample(guests, min(len(guests), 80)):
            member = loyalty.member_enrol(guest=guest, property=prop, actor=None)
            LoyaltyMember.objects.filter(pk=member.pk).update(enrolled_at=timezone.now() - dt.timedelta(days=200))
        now = timezone.now()
        stays = list(Stay.objects.filter(property=prop, departure__lt=today, departure__gte=today - dt.timedelta(days=90)).select_related("guest")[:600])
        made = 0
        for stay in stays:
            if rng.random() < 0.5:
                continue
            sent = timezone.make_aware(dt.datetime.combine(stay.departure, dt.time(11)))
            survey = surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=prop, stay=stay, now=sent)
            if survey is None or survey.answered_at or rng.random() < 0.35:
                continue
            base = rng.choice([5, 5, 4, 4, 4, 3, 2])
            scores = {d: max(1, min(5, base + rng.choice([-1, 0, 0, 0, 1]))) for d in survey.template.dimensions}
            scores[Dimension.OVERALL] = max(3, scores[Dimension.OVERALL])  # demo answers open no complaint
            scores = {d: max(3, s) for d, s in scores.items()}
            nps = max(0, min(10, base * 2 + rng.choice([-2, -1, 0, 0, 1])))
            surveys.survey_answer(token=survey.token, scores=scores, nps=nps, now=min(now, sent + dt.timedelta(hours=rng.randint(2, 72))))
            made += 1
        loyalty.points_earn_for_stays(on=today)
        loyalty.tiers_evaluate(on=today)
        for follow in (today - dt.timedelta(days=2), today - dt.timedelta(days=1), today):
            followups.followups_generate(now=timezone.make_aware(dt.datetime.combine(follow, dt.time(12))))
        if stdout:
            stdout.write(f"CRM engagement {prop.code}: {LoyaltyMember.objects.filter(property=prop).count()} members, {made} surveys answered, "
                         f"{Survey.objects.filter(property=prop).count()} sent.")
