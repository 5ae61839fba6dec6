"""Facilities' sections of the monthly quality report: inspections and work orders of the month
(hotelqa.reports registry)."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelqa.dashboard import kpi_breakdown
from hotelqa.reports import Block, Chart, register_section
from hotelqa.reports.kpi_section import month_end
from hotelqa.services import day_bounds

from .choices import InspectionStatus
from .kpis import OPEN_DEFECTS_BY_CATEGORY, category_labels
from .models import Inspection, WorkOrder


def _bounds(property, month):
    start, _end = day_bounds(month.first, property.time_zone)
    _start, end = day_bounds(month_end(month), property.time_zone)
    return start, end


def inspection_blocks(property, month):
    start, end = _bounds(property, month)
    due = Inspection.objects.filter(property=property, due_end__gte=start, due_end__lt=end).aggregate(
        due=Count("id"),
        done=Count("id", filter=Q(status=InspectionStatus.SUBMITTED)),
        on_time=Count("id", filter=Q(status=InspectionStatus.SUBMITTED, submitted_at__lte=F("due_end"))),
        overdue=Count("id", filter=Q(status=InspectionStatus.OVERDUE)),
        n_passed=Count("id", filter=Q(status=InspectionStatus.SUBMITTED, passed=True)),
        n_failed=Count("id", filter=Q(status=InspectionStatus.SUBMITTED, passed=False)),
    )
    orders = WorkOrder.objects.filter(property=property).aggregate(
        opened=Count("id", filter=Q(created_at__gte=start, created_at__lt=end)),
        done=Count("id", filter=Q(done_at__gte=start, done_at__lt=end)),
        done_on_time=Count("id", filter=Q(done_at__gte=start, done_at__lt=end, done_at__lte=F("due_at"))),
        from_inspections=Count("id", filter=Q(created_at__gte=start, created_at__lt=end, inspection__isnull=False)),
    )
    if not due["due"] and not orders["opened"] and not orders["done"]:
        return []

    def share(part, whole):
        return round(part * 100 / whole, 1) if whole else None

    blocks = [
        Block(
            title=_("Inspections due in the month"),
            header=[_("Due in the month"), _("Submitted"), _("Done on time"), _("Overdue"), _("Passed"), _("Not passed"), _("Compliance %")],
            rows=[[due["due"], due["done"], due["on_time"], due["overdue"], due["n_passed"], due["n_failed"], share(due["on_time"], due["due"])]],
        ),
        Block(
            title=_("Work orders"),
            header=[_("Reported in the month"), _("From inspections"), _("Done in the month"), _("Done on time"), _("On time %")],
            rows=[[orders["opened"], orders["from_inspections"], orders["done"], orders["done_on_time"], share(orders["done_on_time"], orders["done"])]],
        ),
    ]
    defects = kpi_breakdown(code=OPEN_DEFECTS_BY_CATEGORY, properties=[property], start=month.first, end=month_end(month))
    if defects:
        labels = category_labels([key for key, _n in defects])
        names = [str(labels.get(key, key)) for key, _n in defects[:10]]
        counts = [int(n) for _key, n in defects[:10]]
        blocks.append(Block(
            title=_("Open defects at the month's close, by category"), header=[_("Category"), _("Open defects")],
            rows=[[n, c] for n, c in zip(names, counts)],
            chart=Chart(kind="bar", labels=names, series=[(_("Open defects"), counts)]),
        ))
    return blocks


register_section("facilities.inspections", title=gettext_lazy("Inspections and work orders"), order=40, build=inspection_blocks)
