"""Training's section of the monthly quality report: the month's sessions, attendance,
assessments and plan completion (hotelqa.reports registry)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelqa.reports import Block, register_section
from hotelqa.reports.kpi_section import month_end

from .choices import PlanStatus, SessionStatus
from .models import Attendance, PlanItem, Session


def _share(part, whole):
    return round(part * 100 / whole, 1) if whole else None


def training_blocks(property, month):
    first, last = month.first, month_end(month)
    sessions = Session.objects.filter(property=property, date__gte=first, date__lte=last).aggregate(
        held=Count("id", filter=Q(status=SessionStatus.HELD)),
        planned=Count("id", filter=Q(status=SessionStatus.PLANNED)),
        cancelled=Count("id", filter=Q(status=SessionStatus.CANCELLED)),
    )
    people = Attendance.objects.filter(session__property=property, session__date__gte=first, session__date__lte=last).exclude(
        session__status=SessionStatus.CANCELLED
    ).aggregate(
        invited=Count("id"), attended=Count("id", filter=Q(attended=True)),
        assessed=Count("id", filter=Q(passed__isnull=False)), n_passed=Count("id", filter=Q(passed=True)),
    )
    plan = PlanItem.objects.filter(property=property, due_on__gte=first, due_on__lte=last).exclude(status=PlanStatus.CANCELLED).aggregate(
        due=Count("id"), done=Count("id", filter=Q(status=PlanStatus.DONE)),
    )
    if not any(sessions.values()) and not people["invited"] and not plan["due"]:
        return []
    return [
        Block(
            title=_("Sessions and attendance"),
            header=[_("Sessions held"), _("Still planned"), _("Cancelled"), _("Invited"), _("Attended"), _("Attendance %"),
                    _("Assessed"), _("Passed"), _("Pass rate %")],
            rows=[[sessions["held"], sessions["planned"], sessions["cancelled"], people["invited"], people["attended"],
                   _share(people["attended"], people["invited"]), people["assessed"], people["n_passed"],
                   _share(people["n_passed"], people["assessed"])]],
        ),
        Block(
            title=_("Training plan items due in the month"), header=[_("Due in the month"), _("Done"), _("Completion %")],
            rows=[[plan["due"], plan["done"], _share(plan["done"], plan["due"])]],
        ),
    ]


register_section("training.month", title=gettext_lazy("Training"), order=70, build=training_blocks)
