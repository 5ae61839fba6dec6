"""Webhooks: signed deliveries after commit, retries with backoff for a day, every attempt recorded,
pause after repeated failures (and the admins told), replay. Receivers are mocked: no network."""

import datetime as dt
import json

import pytest
import requests
import responses
from django.utils import timezone

from api import webhooks
from api.models import WebhookAttempt, WebhookDelivery, WebhookStatus, WebhookSubscription
from complaints.choices import CaseStatus
from hotelqa.choices import Role
from hotelqa.models import Notification
from tests.complaints.helpers import advance, log_complaint
from tests.factories import make_member

URL = "https://receiver.example/hotelqa"


@pytest.fixture
def subscription(property_a):
    admin_user = make_member(property_a, Role.ADMIN)
    return WebhookSubscription.objects.create(
        name="Messaging tool", property=property_a, url=URL, events=["case.created", "case.step", "work_order.done"], created_by=admin_user,
    )


@pytest.fixture
def receiver():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def test_a_new_case_is_delivered_signed_after_commit(property_a, subscription, receiver, django_capture_on_commit_callbacks):
    receiver.add(responses.POST, URL, status=204)
    with django_capture_on_commit_callbacks(execute=True):
        case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
        assert len(receiver.calls) == 0  # nothing leaves before the commit
    assert len(receiver.calls) == 1
    sent = receiver.calls[0].request
    body = json.loads(sent.body)
    assert body["event"] == "case.created" and body["data"]["number"] == case.number
    assert webhooks.verify(subscription.secret, sent.headers["Hotelqa-Timestamp"], sent.body, sent.headers["Hotelqa-Signature"])
    assert not webhooks.verify("whsec_wrong", sent.headers["Hotelqa-Timestamp"], sent.body, sent.headers["Hotelqa-Signature"])
    assert not webhooks.verify(subscription.secret, sent.headers["Hotelqa-Timestamp"], sent.body + b" ", sent.headers["Hotelqa-Signature"])
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookStatus.DELIVERED and delivery.last_status_code == 204
    assert list(delivery.attempt_rows.values_list("status_code", "ok")) == [(204, True)]


def test_a_rolled_back_change_sends_nothing(property_a, subscription, receiver, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
                raise RuntimeError
        except RuntimeError:
            pass
    assert len(receiver.calls) == 0 and not WebhookDelivery.objects.exists()


def test_steps_and_events_not_subscribed(property_a, subscription, receiver, django_capture_on_commit_callbacks):
    receiver.add(responses.POST, URL, status=200)
    supervisor = make_member(property_a, Role.SUPERVISOR)
    case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    WebhookDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, supervisor, CaseStatus.CLASSIFIED)
    events = [json.loads(c.request.body) for c in receiver.calls]
    assert [(e["event"], e["from_status"], e["to_status"]) for e in events] == [("case.step", "recorded", "classified")]
    subscription.events = ["work_order.done"]
    subscription.save()
    log_complaint(property_a, supervisor)
    assert not WebhookDelivery.objects.filter(event="case.created").exists()


def test_another_propertys_events_are_not_sent(property_a, property_b, subscription, receiver):
    log_complaint(property_b, make_member(property_b, Role.FRONT_DESK))
    assert not WebhookDelivery.objects.exists()


def test_failures_retry_with_backoff_and_give_up_after_a_day(property_a, subscription, receiver, monkeypatch):
    monkeypatch.setattr(webhooks, "PAUSE_AFTER", 1000)  # this test is about one delivery's retries, not the pause
    receiver.add(responses.POST, URL, status=500)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    delivery = WebhookDelivery.objects.get()
    start = delivery.created_at
    now = start
    waits = []
    for _ in range(30):
        webhooks.deliver(delivery.pk, now=now)
        delivery.refresh_from_db()
        if delivery.status != WebhookStatus.PENDING:
            break
        waits.append(delivery.next_attempt_at - now)
        assert webhooks.deliver(delivery.pk, now=now).attempts == delivery.attempts  # not due: untouched
        now = delivery.next_attempt_at
    assert waits[:4] == [dt.timedelta(seconds=30), dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4)]
    assert max(waits) <= webhooks.MAX_RETRY
    assert delivery.status == WebhookStatus.FAILED
    assert now - start == webhooks.GIVE_UP_AFTER  # the last try is a day after the event
    assert WebhookAttempt.objects.filter(delivery=delivery, ok=False, status_code=500).count() == delivery.attempts


def test_a_later_success_delivers_and_resets_the_failure_count(property_a, subscription, receiver):
    receiver.add(responses.POST, URL, status=503)
    receiver.add(responses.POST, URL, body=requests.ConnectionError("refused"))
    receiver.add(responses.POST, URL, status=200)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    delivery = WebhookDelivery.objects.get()
    now = timezone.now()
    for _ in range(3):
        webhooks.deliver(delivery.pk, now=now)
        delivery.refresh_from_db()
        now = delivery.next_attempt_at
    assert delivery.status == WebhookStatus.DELIVERED
    rows = list(delivery.attempt_rows.order_by("at").values_list("status_code", "ok", "error"))
    assert rows[0][:2] == (503, False) and rows[1][0] is None and "ConnectionError" in rows[1][2] and rows[2][:2] == (200, True)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_a_receiver_that_keeps_failing_is_paused_and_the_admin_told(property_a, subscription, receiver):
    receiver.add(responses.POST, URL, status=410)
    desk = make_member(property_a, Role.FRONT_DESK)
    for _ in range(webhooks.PAUSE_AFTER):
        log_complaint(property_a, desk)
    for delivery in WebhookDelivery.objects.all():
        webhooks.deliver(delivery.pk)
    subscription.refresh_from_db()
    assert subscription.paused_at is not None
    notice = Notification.objects.get(recipient=subscription.created_by, kind="webhook_paused")
    assert "Messaging tool" in notice.title
    calls = len(receiver.calls)
    log_complaint(property_a, desk)  # paused: nothing queued or sent
    for delivery in WebhookDelivery.objects.filter(status=WebhookStatus.PENDING):
        webhooks.deliver(delivery.pk, now=timezone.now() + dt.timedelta(hours=1))
    assert len(receiver.calls) == calls
    webhooks.resume(subscription)
    subscription.refresh_from_db()
    assert subscription.paused_at is None and subscription.consecutive_failures == 0


def test_replay_sends_the_same_body_again(property_a, subscription, receiver):
    receiver.add(responses.POST, URL, status=200)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    first = WebhookDelivery.objects.get()
    webhooks.deliver(first.pk)
    first.refresh_from_db()
    copy = webhooks.replay(first)
    webhooks.deliver(copy.pk)
    copy.refresh_from_db()
    assert copy.status == WebhookStatus.DELIVERED and copy.replay_of == first
    bodies = [c.request.body for c in receiver.calls]
    assert bodies[0] == bodies[1]
    assert receiver.calls[0].request.headers["Hotelqa-Delivery"] != receiver.calls[1].request.headers["Hotelqa-Delivery"]


def test_replay_from_the_admin(property_a, subscription, receiver, client, django_capture_on_commit_callbacks):
    receiver.add(responses.POST, URL, status=200)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    delivery = WebhookDelivery.objects.get()
    client.force_login(subscription.created_by)
    assert client.get(f"/admin/api/webhookdelivery/{delivery.pk}/change/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/api/webhookdelivery/", {"action": "replay", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    assert WebhookDelivery.objects.filter(replay_of=delivery, status=WebhookStatus.DELIVERED).exists()


def test_the_retry_sweep_queues_due_deliveries(property_a, subscription, receiver, django_capture_on_commit_callbacks):
    from api.tasks import webhook_retry

    receiver.add(responses.POST, URL, status=200)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_retry()
    assert WebhookDelivery.objects.get().status == WebhookStatus.DELIVERED


def test_a_done_work_order_is_an_event(property_a, subscription, receiver):
    from facilities import services as facility_services
    from tests.permission_records import work_order

    order = work_order(property_a)
    worker = make_member(property_a, Role.SUPERVISOR)
    order = facility_services.work_order_transition(work_order=order, to_status="assigned", actor=worker, assignee=worker)
    order = facility_services.work_order_transition(work_order=order, to_status="in_progress", actor=worker)
    facility_services.work_order_transition(work_order=order, to_status="done", actor=worker, resolution="New washer")
    assert WebhookDelivery.objects.filter(event="work_order.done", payload__work_order=order.pk).count() == 1


def test_an_admin_subscribes_a_receiver_in_the_admin(property_a, client):
    admin_user = make_member(property_a, Role.ADMIN)
    client.force_login(admin_user)
    form = {"name": "BI", "property": property_a.pk, "url": "https://bi.example/hook", "events": ["case.created", "case.overdue"], "is_active": "on"}
    assert client.post("/admin/api/webhooksubscription/add/", {**form, "property": ""}).status_code == 200  # group-wide: group admins only
    assert client.post("/admin/api/webhooksubscription/add/", {**form, "url": "ftp://bi.example/hook"}).status_code == 200
    assert not WebhookSubscription.objects.exists()
    assert client.post("/admin/api/webhooksubscription/add/", form).status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert subscription.created_by == admin_user and subscription.events == ["case.created", "case.overdue"]
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in client.get(f"/admin/api/webhooksubscription/{subscription.pk}/change/").content.decode()


def test_an_overdue_case_is_sent_once_per_step_from_the_deadline_watch(property_a, subscription, receiver):
    from complaints import services

    receiver.add(responses.POST, URL, status=204)
    subscription.events = ["case.overdue"]
    subscription.save()
    case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK), grade="urgent")
    late = case.response_due + dt.timedelta(minutes=1)
    services.sla_watch(now=late)
    services.sla_watch(now=late)  # again: nothing new
    overdue = [d.payload for d in WebhookDelivery.objects.filter(event="case.overdue")]
    assert [(p["number"], p["deadline"], p["level"]) for p in overdue] == [(case.number, "response", 1)]


def test_a_low_survey_score_is_an_event_and_a_good_one_is_not(property_a, subscription, receiver):
    from crm.models import Dimension, SurveySource
    from crm.engagement import surveys
    from tests.crm.factories import GuestFactory, StayFactory

    subscription.events = ["survey.low_score"]
    subscription.save(update_fields=["events"])
    all_five = {d: 5 for d in Dimension.values}

    def answered(scores, nps):
        stay = StayFactory(property=property_a, guest=GuestFactory(property=property_a))
        survey = surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=property_a, stay=stay)
        return surveys.survey_answer(token=survey.token, scores=scores, nps=nps)

    answered(all_five, 10)
    assert not WebhookDelivery.objects.filter(event="survey.low_score").exists()
    low = answered({**all_five, "quality": 1}, 3)
    delivery = WebhookDelivery.objects.get(event="survey.low_score")
    assert delivery.payload["survey"] == low.pk and delivery.payload["case_number"] == low.low_score_case != ""
