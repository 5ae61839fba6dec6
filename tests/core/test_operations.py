"""Demo data, health check and jobs: what `make run` and the operators rely on."""

import pytest
from django.core.management import call_command

from hotelqa.choices import Role
from hotelqa.models import Department, JobRun, Membership, Notification, Property, User

pytestmark = pytest.mark.django_db


def _counts():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label not in ("sessions", "admin")}


@pytest.mark.slow
def test_seed_demo_twice_creates_no_duplicates_sends_no_email_and_its_logins_work(client, capsys, mailoutbox, django_capture_on_commit_callbacks):
    # One test: seeding the demo is the slowest thing the suite does outside the browser.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert mailoutbox == []
    assert Notification.objects.exists()  # the demo's assignments are still notified in the app
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert Property.objects.count() == 2
    assert Department.objects.filter(property__code="harbour").count() == 7
    assert Membership.objects.filter(property__code="harbour").values("role").distinct().count() == len(Role)
    assert User.objects.get(username="groupmanager").is_group_manager
    assert "frontdesk.harbour" in capsys.readouterr().out
    response = client.post("/accounts/login/", {"username": "frontdesk.harbour", "password": "hotelqa-demo"}, follow=True)
    assert response.status_code == 200
    assert "Wang Fang" in response.content.decode()


def test_healthz_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_503_when_the_broker_is_down(client, settings):
    from hotelqa.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"] == "ok" and body["broker"].startswith("error")


def test_healthz_503_when_the_database_is_down(client, monkeypatch):
    from hotelqa.views import health

    monkeypatch.setattr(health, "_database_ok", lambda: (False, "OperationalError"))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"


def group_admin_client(client_for):
    client, user = client_for(Role.ADMIN)
    User.objects.filter(pk=user.pk).update(is_group_admin=True)  # jobs run group-wide
    return client


def test_run_now_queues_the_job_after_commit(client_for, django_capture_on_commit_callbacks):
    client = group_admin_client(client_for)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/settings/jobs/hotelqa.deadline_watch/run/")
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert JobRun.objects.filter(job="hotelqa.deadline_watch", status="succeeded").count() == 1
    page = client.get("/settings/jobs/").content.decode()
    assert "hotelqa.deadline_watch" in page and "Succeeded" in page


def test_a_rolled_back_view_enqueues_no_task(client_for, monkeypatch, django_capture_on_commit_callbacks):
    """The request fails after queueing: the transaction rolls back and nothing is sent."""
    from hotelqa.views import admin_pages
    from hotelqa.tasks import kpi_snapshot

    sent = []
    monkeypatch.setattr(kpi_snapshot, "delay", lambda *a, **k: sent.append(a))

    def fail_after_enqueue(*args, **kwargs):
        raise RuntimeError("failure after the task was queued")

    monkeypatch.setattr(admin_pages.messages, "success", fail_after_enqueue)
    client = group_admin_client(client_for)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/settings/jobs/hotelqa.kpi_snapshot/run/")
    assert response.status_code == 500
    assert callbacks == []
    assert sent == []


def test_jobs_page_is_for_admins_only(client_for):
    client, _ = client_for(Role.MANAGER)
    assert client.get("/settings/jobs/").status_code == 403
    assert client.post("/settings/jobs/hotelqa.kpi_snapshot/run/").status_code == 403


def test_every_declared_job_has_a_beat_entry():
    from django_celery_beat.models import PeriodicTask

    from hotelqa.jobs import PERIODIC_JOBS

    assert PERIODIC_JOBS
    scheduled = set(PeriodicTask.objects.values_list("name", flat=True))
    assert set(PERIODIC_JOBS) <= scheduled
