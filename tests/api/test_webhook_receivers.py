"""Webhook receivers inside a network are refused (SSRF): when an admin saves the URL, and again at
each delivery, since DNS may have changed; a delivery connects to the address it checked. DNS is a
table (conftest's `dns`), the receivers are mocked or local: no network."""

import http.server
import threading

import pytest
import responses
from django.test import override_settings

from api import receivers, webhooks
from api.models import WebhookDelivery, WebhookStatus, WebhookSubscription
from hotelqa.choices import Role
from tests.complaints.helpers import log_complaint
from tests.factories import make_member

REFUSED_URLS = {
    "loopback": "https://127.0.0.1/hook",
    "loopback, other": "https://127.8.9.10:8443/hook",
    "loopback IPv6": "https://[::1]/hook",
    "private 10/8": "https://10.1.2.3/hook",
    "private 172.16/12": "https://172.20.0.4/hook",
    "private 192.168/16": "https://192.168.1.10/hook",
    "unique-local IPv6": "https://[fd12:3456:789a::1]/hook",
    "metadata": "https://169.254.169.254/latest/meta-data/",
    "link-local IPv6": "https://[fe80::1]/hook",
    "multicast": "https://224.0.0.251/hook",
    "multicast IPv6": "https://[ff02::1]/hook",
    "reserved": "https://240.0.0.1/hook",
    "broadcast": "https://255.255.255.255/hook",
    "unspecified": "https://0.0.0.0/hook",
    "unspecified IPv6": "https://[::]/hook",
    "IPv4-mapped IPv6": "https://[::ffff:10.0.0.1]/hook",
    "NAT64 of the metadata address": "https://[64:ff9b::a9fe:a9fe]/hook",
    "6to4 of a private address": "https://[2002:c0a8:0101::1]/hook",
    "shared address space": "https://100.64.0.1/hook",
    "name resolving to a private address": "https://erp.hotel.example/hook",
    "name resolving to the metadata address": "https://metadata.example/hook",
    "name with one internal address among public ones": "https://rebind.example/hook",
    "name resolving to IPv6 loopback": "https://six.example/hook",
}


@pytest.fixture
def internal_names(dns):
    dns["erp.hotel.example"] = ["10.20.30.40"]
    dns["metadata.example"] = ["169.254.169.254"]
    dns["rebind.example"] = ["93.184.215.14", "127.0.0.1"]
    dns["six.example"] = ["::1"]
    return dns


@pytest.fixture
def admin_client(client, property_a):
    client.force_login(make_member(property_a, Role.ADMIN))
    return client


def subscribe(client, property, url):
    return client.post("/admin/api/webhooksubscription/add/", {
        "name": "Messaging tool", "property": property.pk, "url": url, "events": ["case.created"], "is_active": "on",
    })


def field_errors(response):
    return [str(e) for e in response.context["adminform"].form.errors.get("url", [])]


@pytest.mark.parametrize("url", REFUSED_URLS.values(), ids=REFUSED_URLS.keys())
def test_an_internal_receiver_is_refused_next_to_the_url(admin_client, property_a, internal_names, url):
    response = subscribe(admin_client, property_a, url)
    assert response.status_code == 200
    errors = field_errors(response)
    assert len(errors) == 1 and "webhooks are sent to public addresses only" in errors[0], errors
    assert errors[0] in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_the_message_names_the_address_and_why(admin_client, property_a, internal_names):
    errors = field_errors(subscribe(admin_client, property_a, "https://metadata.example/x"))
    assert errors == ["metadata.example is 169.254.169.254, a link-local address (such as the cloud metadata service): webhooks are sent to public addresses only."]


def test_the_message_is_in_chinese_for_a_chinese_reader(admin_client, property_a, internal_names):
    admin_client.cookies["django_language"] = "zh-hans"
    errors = field_errors(subscribe(admin_client, property_a, "https://erp.hotel.example/x"))
    assert errors and "10.20.30.40" in errors[0] and "私有网络" in errors[0]


@pytest.mark.parametrize("url, words", [
    ("http://hook.example/in", "Use an https:// address"),
    ("ftp://hook.example/in", "Enter a valid URL"),
    ("https://pms:secret@hook.example/in", "Leave the user name and password out"),
])
def test_plain_http_other_schemes_and_credentials_are_refused(admin_client, property_a, url, words):
    errors = field_errors(subscribe(admin_client, property_a, url))
    assert errors and words in errors[0]
    assert not WebhookSubscription.objects.exists()


def test_a_name_that_does_not_resolve_is_refused(admin_client, property_a, dns):
    dns["typo.example"] = None
    assert field_errors(subscribe(admin_client, property_a, "https://typo.example/in")) == ["The host typo.example cannot be found: check the address."]


def test_a_public_https_receiver_is_saved(admin_client, property_a):
    response = subscribe(admin_client, property_a, "https://hook.example/in")
    assert response.status_code == 302
    assert WebhookSubscription.objects.get().url == "https://hook.example/in"


@override_settings(API_WEBHOOK_ALLOW_PRIVATE_HOSTS=True, API_WEBHOOK_ALLOW_HTTP=True)
def test_the_settings_let_a_receiver_on_the_hotels_network_through(admin_client, property_a, internal_names):
    for url in ["http://erp.hotel.example/hook", "https://192.168.1.10/hook", "https://[fd12::1]/hook", "http://localhost:8080/hook"]:
        assert subscribe(admin_client, property_a, url).status_code == 302, url
    assert WebhookSubscription.objects.count() == 4
    # … but never the metadata service, multicast, reserved or unspecified addresses
    # (AWS's IPv6 metadata address is a unique-local one, Alibaba Cloud's a shared-space one)
    for url in ["https://metadata.example/x", "https://[fe80::1]/x", "https://[fd00:ec2::254]/x", "https://100.100.100.200/x",
                "https://224.0.0.251/x", "https://240.0.0.1/x", "https://0.0.0.0/x"]:
        errors = field_errors(subscribe(admin_client, property_a, url))
        assert errors and "public addresses only" in errors[0], url
    assert WebhookSubscription.objects.count() == 4


def test_editing_checks_the_url_again(admin_client, property_a, internal_names):
    subscription = WebhookSubscription.objects.create(name="Old", property=property_a, url="https://erp.hotel.example/hook", events=["case.created"])
    response = admin_client.post(f"/admin/api/webhooksubscription/{subscription.pk}/change/", {
        "name": "Renamed", "property": property_a.pk, "url": subscription.url, "events": ["case.created"], "is_active": "on",
    })
    assert response.status_code == 200 and field_errors(response)
    assert WebhookSubscription.objects.get().name == "Old"


@pytest.fixture
def receiver():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def test_a_delivery_to_a_name_now_resolving_inside_is_refused_once(property_a, dns, receiver, django_capture_on_commit_callbacks):
    """The URL was public when saved; its DNS now answers an internal address (rebinding)."""
    receiver.add(responses.POST, "https://hook.example/in", status=204)
    subscription = WebhookSubscription.objects.create(name="BI", property=property_a, url="https://hook.example/in", events=["case.created"])
    dns["hook.example"] = ["93.184.215.14", "10.0.0.7"]
    with django_capture_on_commit_callbacks(execute=True):
        log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.calls) == 0  # nothing was sent
    assert delivery.status == WebhookStatus.FAILED and delivery.attempts == 1  # given up at once: no retries
    attempt = delivery.attempt_rows.get()
    assert not attempt.ok and attempt.status_code is None
    assert attempt.error.startswith("Refused: hook.example is 10.0.0.7, a private-network address")
    assert webhooks.deliver(delivery.pk).attempts == 1 and delivery.pk not in list(webhooks.due())
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1  # counts towards pausing it and telling the admins


def test_a_name_that_stops_resolving_is_retried(property_a, dns, receiver, django_capture_on_commit_callbacks):
    WebhookSubscription.objects.create(name="BI", property=property_a, url="https://hook.example/in", events=["case.created"])
    dns["hook.example"] = None
    with django_capture_on_commit_callbacks(execute=True):
        log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookStatus.PENDING and delivery.next_attempt_at > delivery.created_at
    assert "does not resolve" in delivery.attempt_rows.get().error


def test_a_delivery_connects_to_the_address_it_checked(property_a, dns, settings, django_capture_on_commit_callbacks):
    """One lookup: the connection goes to the checked address, with the name in the Host header."""
    settings.API_WEBHOOK_ALLOW_PRIVATE_HOSTS = settings.API_WEBHOOK_ALLOW_HTTP = True
    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            seen["host"] = self.headers["Host"]
            seen["body"] = self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        dns["receiver.hotel.example"] = ["127.0.0.1"]
        WebhookSubscription.objects.create(name="Own", property=property_a, url=f"http://receiver.hotel.example:{port}/in", events=["case.created"])
        dns.lookups.clear()
        with django_capture_on_commit_callbacks(execute=True):
            log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
        thread.join(5)
    finally:
        server.server_close()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookStatus.DELIVERED, list(delivery.attempt_rows.values_list("error", flat=True))
    assert seen["host"] == f"receiver.hotel.example:{port}" and b'"case.created"' in seen["body"]
    assert dns.lookups == ["receiver.hotel.example"]  # resolved once, for the check


@pytest.mark.parametrize("address, public", [
    ("93.184.215.14", True), ("2606:4700:4700::1111", True), ("192.0.2.1", False), ("::ffff:127.0.0.1", False), ("fc00::1", False),
])
def test_address_kinds(address, public):
    import ipaddress

    assert (receivers.address_kind(ipaddress.ip_address(address)) is None) == public
