"""The CRM's KPIs (SPEC §6): CSAT, NPS, survey response rate, repeat-guest rate, follow-up
completion and active members. Each is a share or a count whose parts add up over days."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register

from .models import FollowUp, LoyaltyMember, Stay, Survey

HIGHER = KpiDirection.HIGHER_IS_BETTER
YEAR = dt.timedelta(days=365)


def _surveys(property, department):
    qs = Survey.objects.filter(property=property)
    return qs.filter(department=department) if department is not None else qs


def surveys_answered(*, property, start, end, department=None):
    return _surveys(property, department).filter(answered_at__gte=start, answered_at__lt=end, overall__isnull=False).select_related("guest")


def surveys_with_nps(*, property, start, end, department=None):
    return _surveys(property, department).filter(answered_at__gte=start, answered_at__lt=end, nps__isnull=False).select_related("guest")


def nps(*, property, start, end, department=None):
    row = surveys_with_nps(property=property, start=start, end=end, department=department).aggregate(
        n=Count("pk"), promoters=Count("pk", filter=Q(nps__gte=9)), detractors=Count("pk", filter=Q(nps__lte=6)),
    )
    if not row["n"]:
        return None
    return Measure(Decimal(row["promoters"] - row["detractors"]), Decimal(row["n"]))


def surveys_sent(*, property, start, end, department=None):
    return _surveys(property, department).filter(sent_at__gte=start, sent_at__lt=end).select_related("guest")


def _dates(start, end):
    return start.date(), end.date()


def stays_departed(*, property, start, end, department=None):
    first, last = _dates(start, end)
    earlier = Stay.objects.filter(guest=OuterRef("guest"), arrival__lt=OuterRef("arrival"))
    return Stay.objects.filter(property=property, departure__gte=first, departure__lt=last).annotate(repeat=Exists(earlier)).select_related("guest")


def followups_due(*, property, start, end, department=None):
    first, last = _dates(start, end)
    return FollowUp.objects.filter(property=property, due_on__gte=first, due_on__lt=last).select_related("guest")


def members_active(*, property, start, end, department=None):
    """Members enrolled at the property with a stay (anywhere in the group) ending in the 12
    months up to the end of the period."""
    last = end.date()
    stayed = Stay.objects.filter(guest=OuterRef("guest"), departure__gte=last - YEAR, departure__lt=last)
    return LoyaltyMember.objects.filter(property=property, enrolled_at__lt=end).filter(Exists(stayed)).select_related("guest", "tier")


def active_members(*, property, start, end, department=None):
    return Measure(Decimal(members_active(property=property, start=start, end=end).count()))


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def _survey_note(survey):
    parts = [_when(survey.answered_at or survey.sent_at), str(survey.guest), str(survey.get_source_display())]
    if survey.overall:
        parts.append(_("overall %(n)s/5") % {"n": survey.overall})
    if survey.nps is not None:
        parts.append(_("recommend %(n)s/10") % {"n": survey.nps})
    return " · ".join(parts)


def _stay_note(stay):
    return f"{stay.guest} · {stay.arrival:%Y-%m-%d} – {stay.departure:%Y-%m-%d}"


def _followup_note(followup):
    parts = [f"{followup.due_on:%Y-%m-%d}", str(followup.guest), str(followup.get_kind_display())]
    if followup.outcome:
        parts.append(str(followup.get_outcome_display()))
    return " · ".join(parts)


def _member_note(member):
    return f"{member.number} · {member.guest} · {member.tier}"


KPIS = [
    Kpi(code="crm.csat", name=_("Guest satisfaction (CSAT)"), unit="%", scale=100, direction=HIGHER, target=Decimal(90), warning=Decimal(80),
        order=300, formula=_("Surveys answered in the period with an overall score of 4 or 5 of 5 ÷ surveys answered in the period."),
        records=surveys_answered, records_order=("-answered_at", "-pk"), counted=Q(overall__gte=4), record_note=_survey_note,
        records_label=_("Surveys answered in the period (✓ = overall 4 or 5)")),
    Kpi(code="crm.nps", name=_("Net promoter score (NPS)"), unit="", scale=100, direction=HIGHER, target=Decimal(50), warning=Decimal(30),
        order=301, compute=nps, decimals=0,
        formula=_("100 × (promoters, who answered 9 or 10, − detractors, who answered 0 to 6) ÷ surveys answered in the period with the 0–10 question."),
        records=surveys_with_nps, records_order=("-answered_at", "-pk"), record_note=_survey_note, records_label=_("Surveys answered in the period with the 0–10 question")),
    Kpi(code="crm.survey_response_rate", name=_("Survey response rate"), unit="%", scale=100, direction=HIGHER, target=Decimal(30), warning=Decimal(15),
        order=302, settle_days=30, formula=_("Surveys sent in the period that the guest answered ÷ surveys sent in the period."),
        records=surveys_sent, records_order=("-sent_at", "-pk"), counted=Q(answered_at__isnull=False), record_note=_survey_note,
        records_label=_("Surveys sent in the period (✓ = answered)")),
    Kpi(code="crm.repeat_guest_rate", name=_("Repeat guests"), unit="%", scale=100, direction=HIGHER, target=Decimal(30), warning=Decimal(20),
        order=303, by_department=False,
        formula=_("Stays ending in the period whose guest had stayed with the group before ÷ stays ending in the period."),
        records=stays_departed, counted=Q(repeat=True), record_note=_stay_note,
        records_label=_("Stays ending in the period (✓ = returning guest)")),
    Kpi(code="crm.followup_completion", name=_("Follow-ups completed"), unit="%", scale=100, direction=HIGHER, target=Decimal(90), warning=Decimal(75),
        order=304, by_department=False, settle_days=7,
        formula=_("Follow-ups (thank-you, birthday, win-back) due in the period that were done ÷ follow-ups due in the period."),
        records=followups_due, counted=Q(done_at__isnull=False), record_note=_followup_note,
        records_label=_("Follow-ups due in the period (✓ = done)")),
    Kpi(code="crm.active_members", name=_("Active members"), unit="", direction=HIGHER, target=None, warning=None,
        order=305, by_department=False, aggregate=Aggregate.LAST, compute=active_members, decimals=0, records_count="total",
        formula=_("Loyalty members enrolled at the hotel with a stay in the group ending in the 12 months up to the end of the period."),
        records=members_active, record_note=_member_note, records_label=_("Active members at the end of the period")),
]

for kpi in KPIS:
    register(kpi)
