"""Surveys: created after a stay (hourly job) or a closed complaint (the complaints app calls
`survey_create`), answered once through the token, a low score handed to the complaints hook."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Dimension, GuestSegment, Stay, Survey, SurveyAnswer, SurveySource, SurveyTemplate
from . import hooks

STAY_WINDOW_DAYS = 3  # surveys are made for stays that ended this recently


class SurveyClosed(Exception):
    """The link cannot be answered (already answered or expired); `message` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _language(guest):
    return "en" if getattr(guest, "language", "") == "en" else "zh-hans"


def survey_create(*, source, guest, property, stay=None, case_id=None, department=None, now=None):
    """The survey of a stay or a case (made once: a second call returns the first); None when no
    active template is set up for that source."""
    now = now or timezone.now()
    template = SurveyTemplate.objects.filter(source=source, is_active=True).first()
    if template is None:
        return None
    lookup = {"source": source, "stay": stay} if source == SurveySource.STAY else {"source": source, "case_id_ref": case_id}
    existing = Survey.objects.filter(**lookup).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Survey.objects.create(
                property=property, template=template, guest=guest, department=department, language=_language(guest),
                sent_at=now, expires_at=now + dt.timedelta(days=template.valid_days), **lookup,
            )
    except IntegrityError:
        return Survey.objects.get(**lookup)


def surveys_for_stays(*, now=None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    template = SurveyTemplate.objects.filter(source=SurveySource.STAY, is_active=True).first()
    if template is None:
        return 0
    stays = (
        Stay.objects.filter(departure__lte=today, departure__gte=today - dt.timedelta(days=STAY_WINDOW_DAYS))
        .exclude(pk__in=Survey.objects.filter(source=SurveySource.STAY, stay__isnull=False).values("stay"))
        .select_related("guest")
    )
    rows = [
        Survey(property_id=s.property_id, template=template, guest=s.guest, source=SurveySource.STAY, stay=s, language=_language(s.guest),
               sent_at=now, expires_at=now + dt.timedelta(days=template.valid_days))
        for s in stays
    ]
    Survey.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def survey_open(token: str):
    """The survey behind a link, or None (unknown or forged token)."""
    if not token or len(token) > 40:
        return None
    return Survey.objects.select_related("template", "property", "guest").filter(token=token).first()


def _check_open(survey, now):
    if survey.answered_at is not None:
        raise SurveyClosed(_("This survey has already been answered. Thank you!"))
    if survey.expires_at <= now:
        raise SurveyClosed(_("This survey link has expired."))


def survey_answer(*, token: str, scores: dict, nps=None, comment: str = "", now=None) -> Survey:
    """Record the answers once. `scores` is {dimension: 1–5} for each of the template's dimensions."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().filter(token=token).first() if token else None
        if survey is None:
            raise SurveyClosed(_("This survey link is not valid."))
        _check_open(survey, now)
        template = survey.template
        errors = {}
        clean = {}
        for dim in template.dimensions:
            value = scores.get(dim)
            if value in (None, ""):
                errors[dim] = _("Choose a score from 1 to 5.")
                continue
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = 0
            if not 1 <= value <= 5:
                errors[dim] = _("Choose a score from 1 to 5.")
            clean[dim] = value
        if template.ask_nps:
            try:
                nps = int(nps)
            except (TypeError, ValueError):
                nps = None
            if nps is None or not 0 <= nps <= 10:
                errors["nps"] = _("Choose a number from 0 to 10.")
        else:
            nps = None
        if errors:
            raise ValidationError(errors)
        segment = GuestSegment.objects.filter(property=survey.property_id, guest=survey.guest_id).values_list("lifecycle", flat=True).first() or ""
        survey.answered_at = now
        survey.overall = clean.get(Dimension.OVERALL)
        survey.nps = nps
        survey.comment = (comment or "").strip()[:2000]
        survey.segment = segment
        SurveyAnswer.objects.bulk_create([
            SurveyAnswer(survey=survey, property_id=survey.property_id, department_id=survey.department_id, segment=segment,
                         answered_at=now, dimension=dim, score=score)
            for dim, score in clean.items()
        ])
        fields = ["answered_at", "overall", "nps", "comment", "segment"]
        if min(clean.values()) <= template.low_score:
            survey.low_score_case = hooks.low_score(survey) or ""
            fields.append("low_score_case")
        survey.save(update_fields=fields)
    return survey
