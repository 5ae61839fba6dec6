"""One guest across the group: found from any property, merged, masked per role; stays and cases
shown only for the properties where the reader's role shows them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import Case
from crm import selectors, services
from crm.models import Guest, GuestMerge, PreferenceOption, Stay
from hotelqa.choices import Role
from hotelqa.models import AuditEvent
from tests.complaints.helpers import log_complaint

from .factories import GuestFactory, RoomFactory, StayFactory

pytestmark = pytest.mark.django_db


def test_front_desk_of_b_sees_a_guest_of_a_with_preferences_but_not_the_stays_or_cases_of_a(client_for, property_a, property_b, member):
    guest = GuestFactory(property=property_a, name="Chen Mei", vip_level="vip2", allergies="Peanuts")
    guest.preferences.add(PreferenceOption.objects.get(name="Firm pillow"))
    StayFactory(property=property_a, guest=guest, room=RoomFactory(property=property_a, number="1208"))
    StayFactory(property=property_b, guest=guest, room=RoomFactory(property=property_b, number="705"))
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    Case.objects.filter(pk=case.pk).update(guest=guest)
    desk_b, _ = client_for(Role.FRONT_DESK, property=property_b)
    page = desk_b.get(reverse("crm:guest_detail", args=[guest.pk])).content.decode()
    assert "Chen Mei" in page and "VIP 2" in page and "Peanuts" in page and "Firm pillow" in page
    assert ">705<" in page and ">1208<" not in page  # the stay at B, not the one at A
    assert "1 stay at another property of the group." in page
    assert case.number not in page and "1 case at another property of the group." in page
    # The desk of A sees A's stay and case.
    desk_a, _ = client_for(Role.FRONT_DESK, property=property_a)
    page = desk_a.get(reverse("crm:guest_detail", args=[guest.pk])).content.decode()
    assert ">1208<" in page and case.number in page


def test_a_stay_of_another_property_is_a_404_in_the_admin_and_imports(client_for, property_a, property_b):
    from tests.permission_records import stay_import

    imp = stay_import(property_a)
    manager_b, _ = client_for(Role.MANAGER, property=property_b)
    assert manager_b.get(reverse("crm:stayimport_detail", args=[imp.pk])).status_code == 404
    assert manager_b.get(reverse("crm:stayimport_progress", args=[imp.pk])).status_code == 404


def test_duplicates_are_proposed_by_phone_email_or_id_number(property_a, property_b):
    guest = GuestFactory(property=property_a, phone="13911112222", email="Li.Wei@Example.com", id_number="110101199001011234")
    by_phone = GuestFactory(property=property_b, phone="13911112222", email="")
    by_email = GuestFactory(property=property_b, phone="13800000000", email="li.wei@example.com")
    by_id = GuestFactory(property=property_b, phone="13700000000", id_number="110101199001011234")
    GuestFactory(property=property_b, phone="13600000000")
    found = {g.pk: g.matched_on for g in selectors.guest_duplicates(guest)}
    assert found == {by_phone.pk: ["phone"], by_email.pk: ["email"], by_id.pk: ["id_number"]}


def test_merge_moves_every_related_row_and_is_recorded(property_a, property_b, member):
    admin = member(property_a, Role.ADMIN)
    kept = GuestFactory(property=property_a, name="Li Wei", phone="13911112222", email="")
    other = GuestFactory(property=property_b, name="Li Wei", phone="13911112222", email="li.wei@example.com", notes="Likes tea")
    kept.preferences.add(PreferenceOption.objects.get(name="Firm pillow"))
    other.preferences.add(PreferenceOption.objects.get(name="Firm pillow"), PreferenceOption.objects.get(name="Vegetarian"))
    stays = [StayFactory(property=property_b, guest=other), StayFactory(property=property_a, guest=other)]
    case = log_complaint(property_b, admin)
    Case.objects.filter(pk=case.pk).update(guest=other)
    earlier = GuestMerge.objects.create(target=other, source_id=4242)
    # Every relation to guests is moved, whichever app declares it.
    relations = {rel.related_model._meta.label for rel in services.guest_relations()}
    assert {"crm.Stay", "complaints.Case", "crm.GuestMerge", "crm.GuestErasure"} <= relations
    merge = services.guest_merge(target=kept, source=other, actor=admin)
    assert not Guest.objects.filter(pk=other.pk).exists()
    assert set(Stay.objects.filter(guest=kept).values_list("pk", flat=True)) == {s.pk for s in stays}
    assert Case.objects.get(pk=case.pk).guest_id == kept.pk
    earlier.refresh_from_db()
    assert earlier.target_id == kept.pk
    kept.refresh_from_db()
    assert kept.email == "li.wei@example.com" and "Likes tea" in kept.notes  # blanks filled, notes kept
    assert sorted(p.name for p in kept.preferences.all()) == ["Firm pillow", "Vegetarian"]
    assert merge.source_id == other.pk and merge.actor == admin
    assert merge.moved == {"crm.Stay": 2, "complaints.Case": 1, "crm.GuestMerge": 1}
    # Every relation pointing at guests now has nothing left on the merged id.
    for rel in services.guest_relations():
        assert not rel.related_model._base_manager.filter(**{f"{rel.field.name}_id": other.pk}).exists()


def test_a_profile_is_not_merged_into_itself_and_nothing_changes(property_a, member):
    admin = member(property_a, Role.ADMIN)
    guest = GuestFactory(property=property_a)
    StayFactory(property=property_a, guest=guest)
    with pytest.raises(ValidationError) as refused:
        services.guest_merge(target=guest, source=guest, actor=admin)
    assert "cannot be merged into itself" in str(refused.value)
    assert Guest.objects.filter(pk=guest.pk).exists() and not GuestMerge.objects.exists()


def test_merge_page_refuses_itself_and_an_unknown_number_with_a_message(client_for, property_a):
    guest = GuestFactory(property=property_a)
    admin, _ = client_for(Role.ADMIN)
    url = reverse("crm:guest_merge", args=[guest.pk])
    page = admin.post(url, {"other": guest.pk, "confirm": "on"}).content.decode()
    assert "A profile cannot be merged into itself." in page
    page = admin.post(url, {"other": "999999", "confirm": "on"}).content.decode()
    assert "There is no guest with this number." in page
    page = admin.post(url, {"other": "abc", "confirm": "on"})
    assert page.status_code == 200 and Guest.objects.count() == 1


def test_merge_page_merges_a_proposed_duplicate(client_for, property_a, property_b):
    kept = GuestFactory(property=property_a, phone="13911112222")
    other = GuestFactory(property=property_b, phone="13911112222")
    StayFactory(property=property_b, guest=other)
    admin, _ = client_for(Role.ADMIN)
    page = admin.get(reverse("crm:guest_detail", args=[kept.pk])).content.decode()
    assert "Possible duplicates" in page and f"?other={other.pk}" in page
    response = admin.post(reverse("crm:guest_merge", args=[kept.pk]), {"other": other.pk, "confirm": "on"})
    assert response.status_code == 302 and Stay.objects.get().guest_id == kept.pk
    front_desk, _ = client_for(Role.FRONT_DESK)
    assert front_desk.post(reverse("crm:guest_merge", args=[kept.pk]), {"other": kept.pk}).status_code == 403


@pytest.mark.parametrize("role, phone, id_number, birthday", [
    (Role.FRONT_DESK, True, True, True),
    (Role.SUPERVISOR, True, False, False),
    (Role.MANAGER, True, False, False),
    (Role.STAFF, False, False, False),
    (Role.INSPECTOR, False, False, False),
    (Role.ADMIN, True, True, True),
])
def test_masking_per_role(client_for, property_a, role, phone, id_number, birthday):
    guest = GuestFactory(property=property_a, name="Chen Mei", phone="13912345678", email="chen.mei@example.com",
                         id_type="id_card", id_number="110101199005141234", birthday=dt.date(1990, 5, 14), company="Siemens")
    client, _ = client_for(role)
    page = client.get(reverse("crm:guest_detail", args=[guest.pk])).content.decode()
    assert ("13912345678" in page) is phone and ("139****5678" in page) is not phone
    assert ("chen.mei@example.com" in page) is phone
    assert ("110101199005141234" in page) is id_number and ("1*************1234" in page) is not id_number
    assert ("1990-05-14" in page) is birthday and ("**-05-14" in page) is not birthday
    assert "Chen Mei" in page and "Siemens" in page  # public and internal: everyone who opens guests


def test_edit_form_leaves_out_what_the_role_sees_masked(client_for, property_a):
    guest = GuestFactory(property=property_a, phone="13912345678", id_number="X1234567", id_type="passport")
    supervisor, _ = client_for(Role.SUPERVISOR)
    page = supervisor.get(reverse("crm:guest_edit", args=[guest.pk])).content.decode()
    assert 'name="phone"' in page and 'name="id_number"' not in page and "X1234567" not in page
    form = {"name": "Chen Mei", "phone": "13912345678", "email": "", "company": "", "guest_type": "business", "language": "en",
            "vip_level": "", "allergies": "Shellfish", "special_needs": "", "notes": "", "consent_channel": "",
            "preferences": [PreferenceOption.objects.get(name="Wheelchair access").pk], "id_number": "FORGED"}
    assert supervisor.post(reverse("crm:guest_edit", args=[guest.pk]), form).status_code == 302
    guest.refresh_from_db()
    assert guest.id_number == "X1234567" and guest.allergies == "Shellfish"
    assert guest.alerts() == ["Shellfish", "Wheelchair access"]


def test_consent_is_recorded_with_date_and_channel(client_for, property_a):
    guest = GuestFactory(property=property_a)
    desk, _ = client_for(Role.FRONT_DESK)
    form = {"name": guest.name, "phone": guest.phone, "email": "", "guest_type": "leisure", "language": "zh-hans", "marketing_consent": "on"}
    page = desk.post(reverse("crm:guest_edit", args=[guest.pk]), form).content.decode()
    assert "Say where the guest gave their consent." in page
    form["consent_channel"] = "wechat"
    assert desk.post(reverse("crm:guest_edit", args=[guest.pk]), form).status_code == 302
    guest.refresh_from_db()
    assert guest.marketing_consent and guest.consent_channel == "wechat" and guest.consent_at is not None


def test_every_profile_view_is_in_the_audit_trail(client_for, property_a, property_b):
    guest = GuestFactory(property=property_a)
    desk_b, user = client_for(Role.FRONT_DESK, property=property_b)
    desk_b.get(reverse("crm:guest_detail", args=[guest.pk]))
    event = AuditEvent.objects.get(action="guest_profile_view", object_id=str(guest.pk))
    assert event.actor == user and event.property == property_b


def test_profile_and_list_read_a_fixed_number_of_queries(client_for, property_a, property_b, django_assert_max_num_queries):
    guest = GuestFactory(property=property_a)
    for i in range(12):
        StayFactory(property=property_a if i % 2 else property_b, guest=guest)
        GuestFactory(property=property_b, name=f"Sun {i}")
    client, _ = client_for(Role.MANAGER)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("crm:guest_detail", args=[guest.pk])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("crm:guest_list")).status_code == 200
