"""The broker is stopped for real (a private redis-server) while the front desk logs requests:
every request succeeds, and once the broker is back each e-mail goes out exactly once."""

import shutil
import socket
import subprocess
import time

import pytest
from django.urls import reverse

from complaints.models import Case
from hotelqa import outbox
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Notification, OutboxMessage

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def _free_port():
    for port in range(6390, 6420):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port for a private redis-server")


class PrivateRedis:
    """A redis-server of this test only, on 127.0.0.1, keeping its data across a stop (append-only file)."""

    def __init__(self, port, directory):
        self.port, self.directory, self.process = port, directory, None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            if self.client().ping():
                return
        raise RuntimeError("private redis-server did not start")

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_connect_timeout=0.1)

    def ping(self):
        try:
            return self.client().ping()
        except Exception:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: redis-server flushes its append-only file and exits
            self.process.wait(timeout=20)
        self.process = None

    def queued(self):
        return self.client().llen("celery")


@pytest.fixture
def private_broker(tmp_path, transactional_db):
    from hotelqa.celery import app

    server = PrivateRedis(_free_port(), tmp_path)
    original = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{server.port}/0"
    app.conf.broker_transport_options = {"visibility_timeout": 60}
    app._pool = None
    app.amqp._producer_pool = None
    outbox._broker_quiet_until = 0.0
    try:
        yield server
    finally:
        server.stop()
        app.conf.broker_url, app.conf.broker_transport_options = original
        app.conf.task_always_eager = True
        app._pool = None
        app.amqp._producer_pool = None
        outbox._broker_quiet_until = 0.0


def _log_request(client, text):
    response = client.post(reverse("complaints:case_create"), {
        "kind": "request", "channel": "phone", "description": text, "room_number": "808", "guest_name": "Zhang San",
    })
    assert response.status_code == 302, response.status_code
    return Case.objects.get(description=text)


def test_nothing_lost_nothing_twice_when_the_broker_stops(private_broker, client_for, member, property_a, mailoutbox):
    from celery.contrib.testing.worker import start_worker

    from hotelqa.celery import app

    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.HOUSEKEEPING)
    client, _ = client_for(Role.FRONT_DESK)

    private_broker.start()
    _log_request(client, "Two more towels")
    assert private_broker.queued() == 1  # handed over right after the commit

    private_broker.stop()
    assert not private_broker.ping()
    _log_request(client, "Extra towels please")  # the broker is down: still saved and answered
    _log_request(client, "Bath towels please")
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 2

    private_broker.start()
    assert private_broker.queued() == 1  # the broker kept what it had
    outbox._broker_quiet_until = 0.0
    OutboxMessage.objects.update(available_at=OutboxMessage.objects.order_by("id").first().created_at)
    assert outbox.relay_all() == 2
    assert outbox.relay_all() == 0  # a second relay hands nothing over again
    assert private_broker.queued() == 3

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + 60
        while Notification.objects.filter(recipient=supervisor, emailed_at__isnull=True).exists():
            if time.monotonic() > deadline:
                pytest.fail("the worker did not send the e-mails within 60 s")
            time.sleep(0.2)
    assert private_broker.queued() == 0
    bodies = sorted(m.body.split("\n")[0] for m in mailoutbox)
    assert bodies == ["Bath towels please", "Extra towels please", "Two more towels"]
    assert all(m.to == [supervisor.email] for m in mailoutbox)
