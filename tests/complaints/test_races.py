"""Decisions taken twice at the same moment count once, and a form sent twice logs one case."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from complaints import services
from complaints.choices import ApprovalStatus, EventKind
from complaints.models import Case, CaseEvent, RecoveryAction
from hotelqa.choices import DepartmentKind, Role

from .helpers import log_complaint

QUICK_LOG = {"kind": "request", "channel": "phone", "description": "Two more towels", "room_number": "808", "guest_name": "Zhang San"}


def _pending_recovery(property, member):
    supervisor = member(property, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    manager = member(property, Role.MANAGER)
    case = log_complaint(property, supervisor)
    action = RecoveryAction.objects.create(property=property, case=case, kind="refund", cost=500, approval=ApprovalStatus.PENDING)
    return action, supervisor, manager


@pytest.mark.django_db
def test_approve_and_reject_at_the_same_moment_the_second_is_told_already_decided(property_a, member):
    action, supervisor, manager = _pending_recovery(property_a, member)
    seen_by_manager = RecoveryAction.objects.get(pk=action.pk)  # both opened the page while it was pending
    services.recovery_decide(action=action, actor=supervisor, approve=True)
    with pytest.raises(ValidationError, match="already been decided: Approved"):
        services.recovery_decide(action=seen_by_manager, actor=manager, approve=False)
    assert RecoveryAction.objects.get(pk=action.pk).approval == ApprovalStatus.APPROVED
    assert CaseEvent.objects.filter(case=action.case, kind=EventKind.RECOVERY).count() == 1


@pytest.mark.django_db
def test_second_decision_on_the_page_says_already_decided(client_for, property_a, member):
    action, supervisor, _manager = _pending_recovery(property_a, member)
    services.recovery_decide(action=action, actor=supervisor, approve=False)
    client, _ = client_for(Role.MANAGER)
    response = client.post(reverse("complaints:recovery_decide", args=[action.pk]), {"decision": "approve"}, follow=True)
    assert "This recovery has already been decided: Rejected." in response.content.decode()
    assert RecoveryAction.objects.get(pk=action.pk).approval == ApprovalStatus.REJECTED


@pytest.mark.django_db(transaction=True)
def test_two_threads_decide_at_once_and_one_wins(property_a, member):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are PostgreSQL's; SQLite takes one writer at a time")
    action, supervisor, manager = _pending_recovery(property_a, member)
    barrier, outcomes = threading.Barrier(2), []

    def decide(actor, approve):
        stale = RecoveryAction.objects.get(pk=action.pk)
        barrier.wait()
        try:
            services.recovery_decide(action=stale, actor=actor, approve=approve)
            outcomes.append("decided")
        except ValidationError:
            outcomes.append("already decided")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(supervisor, True)), threading.Thread(target=decide, args=(manager, False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already decided", "decided"]
    assert CaseEvent.objects.filter(case=action.case, kind=EventKind.RECOVERY).count() == 1


@pytest.mark.django_db
def test_quick_log_sent_twice_logs_one_case(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    form_page = client.get(reverse("complaints:case_create")).content.decode()
    assert 'name="once"' in form_page
    token = form_page.split('name="once" value="')[1].split('"')[0]
    first = client.post(reverse("complaints:case_create"), {**QUICK_LOG, "once": token})
    second = client.post(reverse("complaints:case_create"), {**QUICK_LOG, "once": token}, follow=True)
    case = Case.objects.get()
    assert first.url == reverse("complaints:case_detail", args=[case.pk])
    assert second.redirect_chain[-1][0] == first.url
    assert "This form was already sent; here is the case it logged." in second.content.decode()
    # A new form is a new token: the next case is logged.
    token2 = client.get(reverse("complaints:case_create")).content.decode().split('name="once" value="')[1].split('"')[0]
    assert token2 != token
    client.post(reverse("complaints:case_create"), {**QUICK_LOG, "once": token2})
    assert Case.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_quick_log_double_click_at_the_same_moment_logs_one_case(property_a, member):
    if connection.vendor != "postgresql":
        pytest.skip("two requests at once need two database connections that wait on each other")
    from django.test import Client

    user = member(property_a, Role.FRONT_DESK)
    data = {**QUICK_LOG, "once": "6f1c4e1e-2b7e-4c55-9f39-0d6f4c1f3a11"}
    barrier, answers = threading.Barrier(2), []

    def click():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            answers.append(client.post(reverse("complaints:case_create"), data).url)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    case = Case.objects.get()
    assert answers == [reverse("complaints:case_detail", args=[case.pk])] * 2
