import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from complaints import kpis, services
from complaints.choices import RevisitOutcome
from complaints.models import Case, Revisit
from crm.models import Guest, Stay
from hotelqa import kpi_registry
from hotelqa.choices import DepartmentKind, Role

from .helpers import close_complaint, log_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(property_a, member):
    return member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)


def day_window():
    start = timezone.now() - dt.timedelta(hours=12)
    return start, start + dt.timedelta(days=1)


def test_all_spec_kpis_are_registered_with_drilldowns():
    codes = {k.code for k in kpi_registry.all_kpis()}
    expected = {
        "complaints.per_100_room_nights", "complaints.per_day", "complaints.median_first_response", "complaints.on_time_resolution",
        "complaints.satisfaction", "complaints.revisit_completion", "complaints.reopen_rate", "complaints.recovery_cost", "complaints.service_error_rate",
    }
    assert expected <= codes
    for code in expected:
        url = kpi_registry.get(code).drilldown(None, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
        assert url.startswith("/complaints/?") and "2026-01-01" in url


def test_counts_ratios_and_medians(property_a, supervisor):
    start, end = day_window()
    closed = close_complaint(property_a, supervisor)  # satisfaction 4, on time
    log_complaint(property_a, supervisor)
    assert kpis.complaints_per_day(property=property_a, start=start, end=end).value == 2
    assert kpis.on_time_resolution(property=property_a, start=start, end=end).value == 100
    assert kpis.satisfaction_after_resolution(property=property_a, start=start, end=end).value == 100
    median = kpis.median_first_response(property=property_a, start=start, end=end)
    assert median.weight == 1 and median.value >= 0
    Case.objects.filter(pk=closed.pk).update(resolved_at=closed.resolution_due + dt.timedelta(minutes=1))
    late_start = closed.resolution_due - dt.timedelta(hours=1)
    assert kpis.on_time_resolution(property=property_a, start=late_start, end=late_start + dt.timedelta(days=1)).value == 0


def test_per_room_nights_needs_occupancy(property_a, supervisor):
    start, end = day_window()
    log_complaint(property_a, supervisor)
    assert kpis.complaints_per_100_room_nights(property=property_a, start=start, end=end) is None
    guest = Guest.objects.create(property=property_a, name="x")
    Stay.objects.create(property=property_a, guest=guest, arrival=start.date() - dt.timedelta(days=1), departure=end.date() + dt.timedelta(days=1), room_nights=3)
    m = kpis.complaints_per_100_room_nights(property=property_a, start=start, end=end)
    assert m.value == Decimal(100) / (end.date() - start.date()).days


def test_recovery_cost_counts_only_approved_or_within_limit(property_a, supervisor, member):
    start, end = day_window()
    front = member(property_a, Role.FRONT_DESK)
    case = log_complaint(property_a, front)
    services.recovery_add(case=case, actor=front, kind="gift", cost=Decimal("100"))
    pending = services.recovery_add(case=case, actor=front, kind="refund", cost=Decimal("900"))
    assert kpis.recovery_cost(property=property_a, start=start, end=end).value == 100
    services.recovery_decide(action=pending, actor=supervisor, approve=True)
    assert kpis.recovery_cost(property=property_a, start=start, end=end).value == 1000


def test_reopen_rate_and_revisit_completion(property_a, supervisor, member):
    front = member(property_a, Role.FRONT_DESK)
    a = close_complaint(property_a, supervisor)
    close_complaint(property_a, supervisor)
    services.revisit_record(revisit=a.revisits.get(), actor=front, outcome=RevisitOutcome.SATISFIED)
    due_start = Revisit.objects.order_by("due_at").first().due_at - dt.timedelta(hours=1)
    assert kpis.revisit_completion(property=property_a, start=due_start, end=due_start + dt.timedelta(days=1)).value == 50
    start, end = day_window()
    assert kpis.reopen_rate(property=property_a, start=start, end=end).value == 0
    Case.objects.filter(pk=a.pk).update(reopen_count=1)
    assert kpis.reopen_rate(property=property_a, start=start, end=end).value == 50


def test_snapshot_runs_all_complaint_kpis(property_a, supervisor):
    from hotelqa.services import kpi_snapshot_day

    close_complaint(property_a, supervisor)
    assert kpi_snapshot_day(property=property_a, day=timezone.localdate()) > 0
