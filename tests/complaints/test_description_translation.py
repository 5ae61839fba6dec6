"""What happened, in both languages: the description stays as typed, staff type its translation,
and each reader sees their language first with the original a click away."""

import pytest
from django.db import connection
from django.urls import reverse

from complaints import services
from complaints.choices import Channel, CaseStatus
from complaints.models import Case
from crm.models import Guest
from hotelqa.choices import DepartmentKind, Role

from ..crm.factories import RoomFactory
from .helpers import log_complaint

pytestmark = pytest.mark.django_db

CHINESE = "隔壁房间太吵，一夜没睡好"
ENGLISH = "The next room was noisy; the guest could not sleep"


def test_each_reader_sees_what_happened_in_their_language_first(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user, description=CHINESE)
    Case.objects.filter(pk=case.pk).update(description_translation=ENGLISH)
    url = reverse("complaints:case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert f'<div lang="en" data-description-shown>{ENGLISH}</div>' in page
    assert "data-original>" in page and "Translated by staff · Original" in page and f'lang="zh-Hans">{CHINESE}</div></details>' in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(url).content.decode()
    assert f'<div lang="zh-Hans" data-description-shown>{CHINESE}</div>' in page
    assert "data-original>" not in page and "data-translation>" in page and "另一种语言" in page and ENGLISH in page


def test_without_a_translation_everyone_reads_the_description_as_typed(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user, description=CHINESE)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert f'<div lang="zh-Hans" data-description-shown>{CHINESE}</div>' in page and "data-original>" not in page and "data-translation>" not in page


def test_staff_type_the_translation_next_to_the_original(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    case = log_complaint(property_a, user, description=CHINESE)
    url = reverse("complaints:case_translation", args=[case.pk])
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert "data-translation-form" in page and "data-original-text>" in page
    assert client.post(url, {"version": case.version, "description_translation": f"  {ENGLISH} "}).status_code == 302
    case.refresh_from_db()
    assert case.description == CHINESE and case.description_translation == ENGLISH and case.version == 2
    # Too long: refused with a message, nothing saved.
    response = client.post(url, {"version": case.version, "description_translation": "x" * 4001})
    assert response.status_code == 400 and "Ensure this value has at most 4000 characters (it has 4001)." in response.content.decode()
    # A stale page: refused, the typed text kept.
    response = client.post(url, {"version": 1, "description_translation": "Changed"})
    assert response.status_code == 409 and "Changed" in response.content.decode()
    case.refresh_from_db()
    assert case.description_translation == ENGLISH


def test_roles_that_do_not_work_cases_cannot_translate(client_for, property_a, member):
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK), description=CHINESE)
    client, _ = client_for(Role.INSPECTOR)
    response = client.post(reverse("complaints:case_translation", args=[case.pk]), {"version": case.version, "description_translation": ENGLISH})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).description_translation == ""


def test_recording_a_qr_complaint_takes_both_texts_side_by_side(client_for, property_a):
    room = RoomFactory(property=property_a, number="707")
    case = services.case_log(property=property_a, actor=None, kind="complaint", channel=Channel.QR, description="Noisy", room=room)
    client, _ = client_for(Role.FRONT_DESK)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert 'name="description_translation"' in page
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "recorded"]), {
        "version": case.version, "apology_confirmed": "on", "room_number": "707", "description": "Noisy", "description_translation": "很吵",
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.RECORDED and case.description_translation == "很吵"


def test_search_and_export_read_the_translation_and_the_other_script_name(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user, description=CHINESE)
    Case.objects.filter(pk=case.pk).update(description_translation=ENGLISH)
    Guest.objects.filter(pk=case.guest_id).update(other_name="李伟")
    other = log_complaint(property_a, user, description="Cold breakfast")
    for query in ("could not sleep", "李伟"):
        content = client.get(reverse("complaints:case_list"), {"q": query}).content.decode()
        assert case.number in content and (query == "李伟" or other.number not in content)
    body = b"".join(client.get(reverse("complaints:case_export")).streaming_content).decode()
    assert "What happened, in the other language" in body and ENGLISH in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are created on PostgreSQL only")
def test_the_translation_has_its_search_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert {"complaints_case_description_translation_trgm", "crm_guest_other_name_trgm"} <= names


def test_the_quick_log_takes_the_other_language_folded_away(client_for, property_a):
    client, _ = client_for(Role.FRONT_DESK)
    page = client.get(reverse("complaints:case_create")).content.decode()
    assert "<details class=\"mb-3\" data-quick-translation>" in page and 'name="description_translation"' in page
    form = {"kind": "complaint", "channel": Channel.IN_PERSON, "description": ENGLISH, "room_number": "808", "apology_confirmed": "on"}
    response = client.post(reverse("complaints:case_create"), {**form, "description_translation": "x" * 4001})
    assert "Ensure this value has at most 4000 characters (it has 4001)." in response.content.decode()
    assert "data-quick-translation open" in response.content.decode() and not Case.objects.exists()
    assert client.post(reverse("complaints:case_create"), {**form, "description_translation": CHINESE}).status_code == 302
    case = Case.objects.get()
    assert (case.description, case.description_translation) == (ENGLISH, CHINESE)
