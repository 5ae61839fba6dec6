"""The quick log: the front desk's form for a new case, its guest look-up and what it writes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.choices import CaseStatus, Channel
from complaints.models import Case
from crm.models import Guest
from hotelqa.choices import Role

from ..crm.factories import RoomFactory

pytestmark = pytest.mark.django_db


def test_quick_log_form_is_keyboard_friendly(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    content = client.get(reverse("complaints:case_create")).content.decode()
    assert "autofocus" in content and 'data-submit-on-enter' in content and "complaints/quicklog.js" in content


def test_quick_log_creates_recorded_complaint_with_new_guest(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {
        "kind": "complaint", "channel": Channel.IN_PERSON, "description": "The room smells of smoke and the TV is broken",
        "guest_name": "Zhang San", "guest_phone": "13912345678", "room_number": "808", "apology_confirmed": "on",
    })
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("complaints:case_detail", args=[case.pk])
    assert case.status == CaseStatus.RECORDED and case.guest.name == "Zhang San" and case.property == property_a
    assert case.department is not None and case.created_by == user


def test_quick_log_writes_the_case_once_already_recorded(client_for, property_a):
    # The front desk's busiest form: the case row is written once, as recorded (not inserted as
    # received, then updated), and its number takes one locked read and one write of the counter.
    client, _ = client_for(Role.FRONT_DESK)
    data = {"kind": "complaint", "channel": Channel.IN_PERSON, "description": "Noise from the next room",
            "guest_name": "Zhang San", "guest_phone": "13912345678", "room_number": "808", "apology_confirmed": "on"}
    client.post(reverse("complaints:case_create"), data)  # the year's first case creates the counter
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("complaints:case_create"), {**data, "description": "Cold water in the shower"})
    assert response.status_code == 302
    written = [re.match(r'(INSERT INTO|UPDATE) "(\w+)"', q["sql"]) for q in queries]
    writes = [f"{m[1].split()[0]} {m[2]}" for m in written if m and m[2] in ("complaints_case", "complaints_casecounter")]
    assert writes == ["UPDATE complaints_casecounter", "INSERT complaints_case"], writes
    assert Case.objects.filter(number__endswith="000002").get().status == CaseStatus.RECORDED
    assert len(queries) <= 28, len(queries)  # 33 before: the status written again, the counter read again, the 1–5 check


def test_quick_log_reuses_guest_with_same_phone(client_for, property_a):
    client, _ = client_for(Role.FRONT_DESK)
    guest = Guest.objects.create(home_property=property_a, name="Zhang San", phone="13912345678")
    client.post(reverse("complaints:case_create"), {"kind": "request", "channel": "phone", "description": "Two towels", "guest_name": "Zhang", "guest_phone": "13912345678", "room_number": "808"})
    assert Case.objects.get().guest == guest and Guest.objects.count() == 1


def test_quick_log_errors_keep_the_typed_input_and_save_nothing(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {
        "kind": "complaint", "channel": Channel.PHONE, "description": "Waited forty minutes for the lift",
        "guest_name": "", "room_number": "", "apology_confirmed": "",
    })
    content = response.content.decode()
    assert response.status_code == 200
    assert "Waited forty minutes for the lift" in content
    assert "Apologise to the guest first" in content
    assert "Find the guest, type a new guest" in content
    assert not Case.objects.exists()


def test_quick_log_refuses_unknown_room_when_rooms_are_defined(client_for, property_a):
    RoomFactory(property=property_a, number="101")
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {"kind": "request", "channel": "phone", "description": "Towels", "room_number": "999"})
    assert "There is no room 999" in response.content.decode() and not Case.objects.exists()


def test_quick_log_takes_a_guest_first_seen_at_another_property(client_for, property_a, property_b):
    returning = Guest.objects.create(home_property=property_b, name="Returning Guest")
    RoomFactory(property=property_a, number="1")
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {"kind": "request", "channel": "phone", "description": "Towels", "guest": returning.pk, "room_number": "1"})
    assert response.status_code == 302 and Case.objects.get().guest == returning and Guest.objects.count() == 1


def test_quick_log_refuses_an_anonymized_guest(client_for, property_a):
    from crm import services as crm_services

    gone = Guest.objects.create(home_property=property_a, name="Gone")
    crm_services.guest_anonymize(guest=gone, actor=None)
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {"kind": "request", "channel": "phone", "description": "Towels", "guest": gone.pk, "room_number": "1"})
    assert response.status_code == 200 and not Case.objects.exists()


def test_guest_search_finds_the_groups_guests(client_for, property_a, property_b):
    Guest.objects.create(home_property=property_a, name="Wang Fang", phone="13800000001")
    Guest.objects.create(home_property=property_b, name="Wang Other", phone="13800000002")
    client, _ = client_for(Role.FRONT_DESK)
    content = client.get(reverse("crm:guest_search"), {"q": "wang"}).content.decode()
    assert "Wang Fang" in content and "Wang Other" in content


def test_suggestion_fragment(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    content = client.get(reverse("complaints:case_suggest"), {"description": "there is a cockroach in the bathroom"}).content.decode()
    assert "Cleanliness" in content
