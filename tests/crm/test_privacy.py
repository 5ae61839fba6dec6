"""PIPL: a guest's data exported on request, anonymized on request or after the retention period."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case
from crm import privacy, services, tasks
from crm.models import Guest, GuestErasure, PreferenceOption, Stay
from crm.signals import guests_anonymized
from hotelqa.choices import Role
from hotelqa.models import AuditEvent, JobRun
from tests.complaints.helpers import log_complaint

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db


def full_guest(property, **kwargs):
    guest = GuestFactory(property=property, name="Chen Mei", phone="13912345678", email="chen.mei@example.com", id_type="id_card",
                         id_number="110101199005141234", birthday=dt.date(1990, 5, 14), company="Siemens", allergies="Peanuts",
                         special_needs="Wheelchair", notes="Prefers room 1208", marketing_consent=True, consent_channel="wechat",
                         consent_at=timezone.now(), vip_level="vip2", **kwargs)
    guest.preferences.add(PreferenceOption.objects.get(name="Firm pillow"))
    return guest


def assert_no_personal_field(guest):
    guest.refresh_from_db()
    for field in privacy.PERSONAL_FIELDS:
        value = getattr(guest, field)
        assert value in ("", None) or (field == "name" and value == f"#{guest.pk}"), (field, value)
    assert not guest.marketing_consent and guest.consent_at is None and guest.consent_channel == ""
    assert not guest.preferences.exists() and guest.is_anonymized
    assert "Chen" not in json.dumps(services.guest_data(guest), default=str)


def test_anonymization_leaves_no_personal_field_and_keeps_the_cases_and_stays(property_a, member):
    guest = full_guest(property_a)
    stay = StayFactory(property=property_a, guest=guest)
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    Case.objects.filter(pk=case.pk).update(guest=guest)
    heard = []
    guests_anonymized.connect(lambda sender, guest_ids, **kw: heard.append(guest_ids), dispatch_uid="test-heard", weak=False)
    try:
        services.guest_anonymize(guest=guest, actor=None)
    finally:
        guests_anonymized.disconnect(dispatch_uid="test-heard")
    assert_no_personal_field(guest)
    assert Stay.objects.get(pk=stay.pk).guest_id == guest.pk and Case.objects.get(pk=case.pk).guest_id == guest.pk
    assert heard == [[guest.pk]] and GuestErasure.objects.get(guest=guest).reason == "request"
    with pytest.raises(Exception):
        services.guest_anonymize(guest=guest, actor=None)  # a second request is refused with a message


def test_the_retention_job_anonymizes_only_guests_without_a_recent_stay_and_is_idempotent(property_a, settings):
    settings.CRM_GUEST_RETENTION_DAYS = 400
    long_ago = timezone.now() - dt.timedelta(days=900)
    today = timezone.localdate()
    gone = full_guest(property_a, created_at=long_ago)
    StayFactory(property=property_a, guest=gone, arrival=today - dt.timedelta(days=500), room_nights=2)
    recent = GuestFactory(property=property_a, name="Recent", created_at=long_ago)
    StayFactory(property=property_a, guest=recent, arrival=today - dt.timedelta(days=100))
    edge = GuestFactory(property=property_a, name="Edge", created_at=long_ago)  # departed exactly 400 days ago: kept
    StayFactory(property=property_a, guest=edge, arrival=today - dt.timedelta(days=402), room_nights=2)
    new = GuestFactory(property=property_a, name="New, no stay yet")
    tasks.guest_retention()
    assert_no_personal_field(gone)
    for kept in (recent, edge, new):
        kept.refresh_from_db()
        assert not kept.is_anonymized, kept
    tasks.guest_retention()  # again: nothing more
    assert GuestErasure.objects.count() == 1
    runs = list(JobRun.objects.filter(job="crm.guest_retention").order_by("started_at").values_list("items", flat=True))
    assert runs == [1, 0]


def test_the_retention_period_is_never_under_a_year(settings):
    settings.CRM_GUEST_RETENTION_DAYS = 30
    assert services.retention_days() == 365


def test_export_of_one_guest_in_json_and_xlsx_is_audited(client_for, property_a, member):
    from openpyxl import load_workbook

    guest = full_guest(property_a)
    StayFactory(property=property_a, guest=guest, reservation_number="R77")
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    Case.objects.filter(pk=case.pk).update(guest=guest)
    manager, user = client_for(Role.MANAGER)
    response = manager.get(reverse("crm:guest_export", args=[guest.pk]), {"format": "json"})
    data = json.loads(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="guest-{guest.pk}.json"'
    assert data["profile"]["id_number"] == "110101199005141234" and data["profile"]["preferences"] == ["Firm pillow"]
    assert data["crm.Stay"][0]["reservation_number"] == "R77" and data["complaints.Case"][0]["number"] == case.number
    response = manager.get(reverse("crm:guest_export", args=[guest.pk]), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert {"profile", "crm Stay", "complaints Case"} <= set(book.sheetnames)
    assert AuditEvent.objects.filter(action="guest_data_export", object_id=str(guest.pk), actor=user).count() == 2
    desk, _ = client_for(Role.FRONT_DESK)
    assert desk.get(reverse("crm:guest_export", args=[guest.pk])).status_code == 403


def test_anonymize_page_for_admins(client_for, property_a):
    guest = full_guest(property_a)
    admin, user = client_for(Role.ADMIN)
    page = admin.post(reverse("crm:guest_anonymize", args=[guest.pk]), {})
    assert page.status_code == 200 and not Guest.objects.get(pk=guest.pk).is_anonymized  # the box must be ticked
    assert admin.post(reverse("crm:guest_anonymize", args=[guest.pk]), {"confirm": "on"}).status_code == 302
    assert_no_personal_field(guest)
    assert GuestErasure.objects.get().actor == user
    page = admin.get(reverse("crm:guest_detail", args=[guest.pk])).content.decode()
    assert "Anonymized" in page and "Chen Mei" not in page
    page = admin.post(reverse("crm:guest_anonymize", args=[guest.pk]), {"confirm": "on"}).content.decode()
    assert "anonymized already" in page
    manager, _ = client_for(Role.MANAGER)
    assert manager.post(reverse("crm:guest_anonymize", args=[guest.pk]), {"confirm": "on"}).status_code == 403


def test_an_anonymized_guest_is_no_longer_found_or_merged(property_a, member):
    guest = full_guest(property_a)
    services.guest_anonymize(guest=guest, actor=None)
    from crm import selectors

    assert selectors.guest_search(property=property_a, query="Chen") == []
    other = GuestFactory(property=property_a)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.guest_merge(target=other, source=guest, actor=member(property_a, Role.ADMIN))
