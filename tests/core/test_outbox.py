"""The transactional outbox: a change's tasks commit with it, reach the broker once, and an
unreachable broker never turns a saved change into an error page."""

import pytest
from django.urls import reverse

from complaints.choices import CaseStatus
from complaints.models import Case
from hotelqa import outbox
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Notification, OutboxMessage
from hotelqa.tasks import send_notification_emails

from ..complaints.helpers import log_complaint
from ..factories import NotificationFactory

pytestmark = pytest.mark.django_db

TOWELS = {"kind": "request", "channel": "phone", "description": "Two more towels", "room_number": "808", "guest_name": "Zhang San"}


@pytest.fixture
def broker_unreachable():
    """Tasks really go to a broker, and nothing listens where it should be."""
    from hotelqa.celery import app

    original = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield app
    finally:
        app.conf.broker_url = original
        app.conf.task_always_eager = True
        app._pool = None
        app.amqp._producer_pool = None


def test_replayed_email_task_sends_nothing_twice(mailoutbox):
    first, second = NotificationFactory(), NotificationFactory()
    ids = [first.pk, second.pk]
    assert send_notification_emails.apply(args=[ids]).get() == 2
    assert send_notification_emails.apply(args=[ids]).get() == 0  # a redelivery after a crash
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.recipient.email, second.recipient.email])
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_email_task_retried_after_a_partial_failure_sends_only_the_rest(mailoutbox, monkeypatch):
    from django.core.mail import EmailMessage

    first, second = NotificationFactory(), NotificationFactory()
    real_send = EmailMessage.send
    calls = []

    def fail_on_second(message, *args, **kwargs):
        calls.append(message.to[0])
        if len(calls) == 2:
            raise OSError("mail server hung up")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", fail_on_second)
    from hotelqa import services

    with pytest.raises(OSError):
        services.notification_emails_send(notification_ids=[first.pk, second.pk])
    monkeypatch.setattr(EmailMessage, "send", real_send)
    services.notification_emails_send(notification_ids=[first.pk, second.pk])
    assert [m.to[0] for m in mailoutbox] == [first.recipient.email, second.recipient.email]


def test_quick_log_succeeds_while_the_broker_is_unreachable(client_for, member, property_a, broker_unreachable, django_capture_on_commit_callbacks, mailoutbox):
    member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.HOUSEKEEPING)
    client, _ = client_for(Role.FRONT_DESK)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:case_create"), TOWELS)
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("complaints:case_detail", args=[case.pk])
    message = OutboxMessage.objects.get()
    assert message.task == "hotelqa.send_notification_emails" and message.sent_at is None and message.attempts == 1
    assert "Two more towels" in client.get(response.url).content.decode()  # the success message follows

    # The broker is back: the relay hands the e-mails over once; running it again sends nothing.
    broker_unreachable.conf.task_always_eager = True
    outbox._broker_quiet_until = 0.0
    OutboxMessage.objects.update(available_at=message.created_at)
    assert outbox.relay_all() == 1
    assert outbox.relay_all() == 0
    assert len(mailoutbox) == 1 and "Two more towels" in mailoutbox[0].body


def test_step_move_succeeds_while_the_broker_is_unreachable(client_for, property_a, member, broker_unreachable, django_capture_on_commit_callbacks):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    other = member(property_a, Role.STAFF, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:case_transition", args=[case.pk, CaseStatus.CLASSIFIED]), {
            "version": case.version, "category": "noise", "grade": "general", "department": case.department_id, "assignee": other.pk,
        })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLASSIFIED and case.assignee == other
    assert OutboxMessage.objects.filter(sent_at__isnull=True).exists()  # the assignee's e-mail waits


def test_a_rolled_back_change_leaves_nothing_in_the_outbox(django_capture_on_commit_callbacks):
    from django.db import transaction

    from hotelqa import services

    note = NotificationFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.notification_send(recipients=[note.recipient], title="x")
            raise RuntimeError("the change fails after notifying")
    assert callbacks == [] and not OutboxMessage.objects.exists()


def test_guest_page_keeps_the_message_while_the_broker_is_unreachable(client, member, property_a, broker_unreachable, django_capture_on_commit_callbacks):
    from ..crm.factories import RoomFactory

    member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.HOUSEKEEPING)
    room = RoomFactory(property=property_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:guest_page", args=[room.guest_token]), {"category": "request:amenities", "text": "Two more towels please"})
    assert response.status_code == 302
    assert Case.objects.get().description == "Two more towels please"
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1


@pytest.mark.parametrize("language, text", [("en", "2 tasks and e-mails are waiting for the broker"), ("zh-hans", "有 2 个任务或邮件正在等待消息代理")])
def test_admins_see_what_waits_for_the_broker(client_for, language, text):
    client, _ = client_for(Role.ADMIN)
    assert "waiting for the broker" not in client.get("/settings/jobs/").content.decode()
    for _ in range(2):
        OutboxMessage.objects.create(task="hotelqa.send_notification_emails", args=[[1]])
    client.cookies["django_language"] = language
    assert text in client.get("/settings/jobs/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
