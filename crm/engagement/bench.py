"""Benchmark data of the engagement side: satisfaction surveys with their answers (500,000
answered surveys group-wide at scale 1.0, six answers each), bulk-loaded with COPY, and the
survey analysis pages to time. Loyalty members and follow-ups are not part of the data set."""

import datetime as dt
import random
import secrets

from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seeded

from ..models import Dimension, Lifecycle, Stay, Survey, SurveyAnswer, SurveyTemplate

RESPONSES = 500_000
SENT_PER_RESPONSE = 1.5  # a third of the surveys sent are never answered


def clear(ids):
    delete_rows("crm_surveyanswer", "property_id = ANY(%s)", [ids])
    delete_rows("crm_survey", "property_id = ANY(%s)", [ids])


def seed(*, properties, scale, stdout):
    ids = [p.pk for p in properties]
    per_property = max(20, int(RESPONSES * scale) // len(ids))
    answered = Survey.objects.filter(property_id__in=ids, answered_at__isnull=False).count()
    if seeded(answered, per_property * len(ids)):
        stdout.write(f"  crm: {answered} survey responses already there")
        return
    clear(ids)
    template = SurveyTemplate.objects.get(source="stay")
    departments = {p.pk: [None] + list(p.departments.values_list("pk", flat=True)) for p in properties}
    # Read before COPY starts: the connection cannot run queries while a COPY is open.
    stays = {p: list(Stay.objects.filter(property_id=p).order_by("pk").values_list("pk", "guest_id", "departure")[: int(per_property * SENT_PER_RESPONSE)]) for p in ids}
    rng = random.Random("bench-surveys")
    first = next_id(Survey)
    dims = list(Dimension.values)
    segments = [c for c, _ in Lifecycle.choices]
    surveys, answers = [], []
    sid = first
    for p in ids:
        for n, (stay_id, guest_id, departure) in enumerate(stays[p]):
            sent = dt.datetime.combine(departure, dt.time(11), tzinfo=dt.timezone.utc)
            is_answered = n % 3 != 2
            when = sent + dt.timedelta(hours=rng.randint(1, 72)) if is_answered else None
            base = rng.choice((5, 5, 4, 4, 4, 3, 2, 1))
            scores = [max(1, min(5, base + rng.choice((-1, 0, 0, 1)))) for _ in dims]
            dep = rng.choice(departments[p])
            segment = rng.choice(segments)
            surveys.append((sid, p, template.pk, guest_id, "stay", stay_id, None, dep, secrets.token_urlsafe(24), "zh-hans", sent,
                            sent + dt.timedelta(days=30), when, scores[0] if when else None, min(10, base * 2 + rng.choice((-1, 0))) if when else None,
                            segment if when else "", "", ""))
            if when:
                answers.extend((sid, p, dep, segment, when, d, s) for d, s in zip(dims, scores))
            sid += 1
    n = copy_rows(Survey, ["id", "property_id", "template_id", "guest_id", "source", "stay_id", "case_id_ref", "department_id", "token", "language",
                           "sent_at", "expires_at", "answered_at", "overall", "nps", "segment", "comment", "low_score_case"], surveys)
    m = copy_rows(SurveyAnswer, ["survey_id", "property_id", "department_id", "segment", "answered_at", "dimension", "score"], answers)
    stdout.write(f"  {n} surveys sent, {m} answers")


def requests(*, property):
    from hotelqa.choices import Role

    return [
        BenchRequest(f"survey analysis by {group}", f"/crm/surveys/analysis/?group={group}", role=Role.MANAGER)
        for group in ("dimension", "month", "segment", "department")
    ] + [BenchRequest("survey list", "/crm/surveys/", role=Role.MANAGER), BenchRequest("follow-up worklist", "/crm/follow-ups/", role=Role.FRONT_DESK)]
