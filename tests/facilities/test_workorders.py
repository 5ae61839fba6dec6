import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from facilities import services
from facilities.choices import EscalationLevel, Priority, WorkOrderStatus as S
from facilities.models import WorkOrderHistory, WorkOrderSla
from hotelqa.choices import Role
from hotelqa.models import Escalation, Notification

from .factories import AssetFactory, work_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(property_a, member):
    return {
        "staff": member(property_a, Role.STAFF, department_kind="engineering"),
        "other_staff": member(property_a, Role.STAFF, department_kind="housekeeping"),
        "supervisor": member(property_a, Role.SUPERVISOR, department_kind="engineering"),
        "hk_supervisor": member(property_a, Role.SUPERVISOR, department_kind="housekeeping"),
        "front": member(property_a, Role.FRONT_DESK, department_kind="front_office"),
        "manager": member(property_a, Role.MANAGER),
    }


def test_due_time_comes_from_the_sla_of_the_priority(property_a, people):
    before = timezone.now()
    wo = work_order(property_a, actor=people["front"], priority=Priority.URGENT)
    assert before + dt.timedelta(hours=4) <= wo.due_at <= timezone.now() + dt.timedelta(hours=4)
    WorkOrderSla.objects.create(property=property_a, priority=Priority.URGENT, resolve_hours=Decimal(2), warn_hours=Decimal("0.5"))
    wo2 = work_order(property_a, actor=people["front"], priority=Priority.URGENT)
    assert wo2.due_at - wo2.created_at == dt.timedelta(hours=2)


def test_full_lifecycle_writes_one_history_row_per_move(property_a, people):
    wo = work_order(property_a, actor=people["front"])
    wo = services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["supervisor"], assignee=people["staff"])
    wo = services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
    wo = services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="Replaced washer",
                                        parts="Washer", cost=Decimal("12.50"))
    wo = services.work_order_transition(work_order=wo, to_status=S.VERIFIED, actor=people["supervisor"], note="OK")
    assert wo.status == S.VERIFIED and wo.done_at and wo.verified_at and wo.cost == Decimal("12.50")
    rows = list(WorkOrderHistory.objects.filter(work_order=wo).values_list("from_status", "to_status", "actor"))
    assert rows == [
        ("", S.OPEN, people["front"].pk),
        (S.OPEN, S.ASSIGNED, people["supervisor"].pk),
        (S.ASSIGNED, S.IN_PROGRESS, people["staff"].pk),
        (S.IN_PROGRESS, S.DONE, people["staff"].pk),
        (S.DONE, S.VERIFIED, people["supervisor"].pk),
    ]
    assert Notification.objects.filter(recipient=people["staff"], title__contains="assigned").exists()


def test_moves_outside_the_table_are_refused(property_a, people):
    wo = work_order(property_a, actor=people["front"])
    for to in (S.DONE, S.VERIFIED, S.IN_PROGRESS, S.REOPENED):
        with pytest.raises(ValidationError):
            services.work_order_transition(work_order=wo, to_status=to, actor=people["supervisor"])
    wo.refresh_from_db()
    assert wo.status == S.OPEN and wo.history.count() == 1


def test_reopen_needs_a_reason_and_restarts_the_clock(property_a, people):
    wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="Fixed")
    with pytest.raises(ValidationError):
        services.work_order_transition(work_order=wo, to_status=S.REOPENED, actor=people["supervisor"])
    old_due = wo.due_at
    wo = services.work_order_transition(work_order=wo, to_status=S.REOPENED, actor=people["supervisor"], note="Still drips")
    assert wo.status == S.REOPENED and wo.done_at is None and wo.due_at >= old_due
    assert services.allowed_moves(work_order=wo, user=people["staff"]) == [S.IN_PROGRESS]


def test_done_needs_what_was_repaired(property_a, people):
    wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
    with pytest.raises(ValidationError):
        services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution=" ")


def test_roles(property_a, people):
    wo = work_order(property_a, actor=people["front"])
    with pytest.raises(PermissionDenied):  # staff cannot assign
        services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["staff"], assignee=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["supervisor"], assignee=people["staff"])
    with pytest.raises(PermissionDenied):  # another department's staff cannot work it
        services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["other_staff"])
    with pytest.raises(PermissionDenied):  # front desk reports but does not repair
        services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["front"])
    services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="Fixed")
    with pytest.raises(PermissionDenied):  # verifying is the supervisor's
        services.work_order_transition(work_order=wo, to_status=S.VERIFIED, actor=people["staff"])
    wo.refresh_from_db()
    assert services.allowed_moves(work_order=wo, user=people["supervisor"]) == [S.VERIFIED, S.REOPENED]


def test_assignee_must_work_at_the_property(property_a, property_b, member, people):
    outsider = member(property_b, Role.STAFF)
    wo = work_order(property_a, actor=people["front"])
    with pytest.raises(ValidationError):
        services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["supervisor"], assignee=outsider)


def test_high_priority_defect_puts_the_asset_under_repair_until_verified(property_a, people):
    asset = AssetFactory(property=property_a)
    wo = work_order(property_a, actor=people["front"], asset=asset, priority=Priority.HIGH, assignee=people["staff"])
    asset.refresh_from_db()
    assert asset.status == "under_repair"
    services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
    services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="Fixed")
    services.work_order_transition(work_order=wo, to_status=S.VERIFIED, actor=people["supervisor"])
    asset.refresh_from_db()
    assert asset.status == "in_service"


class TestWatch:
    def test_warning_once_before_due(self, property_a, people):
        wo = work_order(property_a, actor=people["front"], priority=Priority.NORMAL, assignee=people["staff"])  # 72 h, warn 12 h
        Notification.objects.all().delete()
        assert services.work_orders_watch(now=wo.due_at - dt.timedelta(hours=13)) == 0
        assert services.work_orders_watch(now=wo.due_at - dt.timedelta(hours=11)) == 1
        assert services.work_orders_watch(now=wo.due_at - dt.timedelta(hours=10)) == 0
        assert Notification.objects.filter(recipient=people["staff"], kind="work_order_warning").count() == 1
        assert wo.escalations.filter(level=EscalationLevel.WARNING).count() == 1

    def test_overdue_escalates_once_to_the_department_supervisor(self, property_a, people):
        wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
        Notification.objects.all().delete()
        late = wo.due_at + dt.timedelta(hours=5)  # the job ran late: no warning any more, only the escalation
        assert services.work_orders_watch(now=late) == 1
        assert services.work_orders_watch(now=late + dt.timedelta(minutes=5)) == 0
        notes = Notification.objects.filter(kind="work_order_escalation")
        assert [n.recipient for n in notes] == [people["supervisor"]]  # not housekeeping's supervisor
        esc = wo.escalations.get(level=EscalationLevel.ESCALATION)
        assert esc.recipients == 1
        assert not Escalation.objects.filter(level=EscalationLevel.WARNING).exists()

    def test_reopened_order_can_escalate_again_for_its_new_due_time(self, property_a, people):
        wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
        services.work_orders_watch(now=wo.due_at + dt.timedelta(minutes=1))
        services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
        services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="x")
        wo = services.work_order_transition(work_order=wo, to_status=S.REOPENED, actor=people["supervisor"], note="no")
        services.work_orders_watch(now=wo.due_at + dt.timedelta(minutes=1))
        assert wo.escalations.filter(level=EscalationLevel.ESCALATION).count() == 2

    def test_closed_orders_are_left_alone(self, property_a, people):
        wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
        services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=people["staff"])
        services.work_order_transition(work_order=wo, to_status=S.DONE, actor=people["staff"], resolution="x")
        assert services.work_orders_watch(now=wo.due_at + dt.timedelta(hours=1)) == 0

    def test_escalation_row_is_unique(self, property_a, people):
        from django.db import IntegrityError, transaction

        wo = work_order(property_a, actor=people["front"])
        step = dict(record=wo, property=wo.property, deadline="due@x", level=EscalationLevel.ESCALATION, due=wo.due_at)
        Escalation.objects.create(**step)
        with pytest.raises(IntegrityError), transaction.atomic():
            Escalation.objects.create(**step)

    def test_the_deadline_watch_job_watches_work_orders_and_is_recorded(self, property_a, people):
        from hotelqa.models import JobRun
        from hotelqa.tasks import deadline_watch

        wo = work_order(property_a, actor=people["front"], assignee=people["staff"])
        type(wo).objects.filter(pk=wo.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
        Notification.objects.all().delete()
        assert deadline_watch.apply().get() == 1
        assert deadline_watch.apply().get() == 0
        assert '"facilities.work_order": 1' in JobRun.objects.filter(job="hotelqa.deadline_watch").order_by("id").first().detail
        assert Notification.objects.filter(kind="work_order_escalation").count() == 1


def test_a_reassignment_from_a_stale_page_is_refused_and_keeps_the_input(property_a, people, client_for):
    from django.urls import reverse

    client, supervisor = client_for(Role.SUPERVISOR, department_kind="engineering")
    wo = work_order(property_a, actor=people["front"])
    wo = services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["supervisor"], assignee=people["staff"])
    opened_at = wo.version  # both supervisors have the page open
    services.work_order_transition(work_order=wo, to_status=S.ASSIGNED, actor=people["supervisor"], assignee=people["other_staff"],
                                   expected_version=opened_at)
    url = reverse("facilities:workorder_transition", args=[wo.pk])
    post = {"to_status": S.ASSIGNED, "assignee": supervisor.pk, "note": "Mine now", "version": opened_at}
    response = client.post(url, post)
    assert response.status_code == 409
    wo.refresh_from_db()
    assert wo.assignee == people["other_staff"]  # the first save stands
    assert "Someone else changed this work order" in response.content.decode()
    assert "Mine now" in response.content.decode()  # the input is kept
    # Saving again on purpose, from the refreshed form, goes through.
    response = client.post(url, {**post, "version": wo.version})
    assert response.status_code == 302
    wo.refresh_from_db()
    assert wo.assignee == supervisor
