"""Every place that reads a property from the request checks the role held there, and guest
contact details stay masked for roles that do not contact guests, however they are asked for."""

import pytest
from django.contrib.auth.models import Group, Permission

from hotelqa import services
from hotelqa.choices import Role
from tests.crm.factories import GuestFactory

pytestmark = pytest.mark.django_db


def take_away(role, app_label, codename):
    Group.objects.get(name=f"role:{role}").permissions.remove(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


# ---- the role at the property the request names ----------------------------------------------


def test_dashboard_shows_only_properties_where_the_role_reads_it(client_for, property_a, property_b):
    client, manager = client_for(Role.MANAGER)
    services.membership_set(user=manager, property=property_b, role=Role.FRONT_DESK)
    response = client.get(f"/dashboard/?property={property_b.pk}")
    assert response.status_code == 200
    assert response.context["properties"] == [property_a]
    assert [value for value, _label in response.context["form"].fields["property"].choices] == [str(property_a.pk)]
    assert "Some filters were not valid" in response.content.decode()


def test_revisit_list_masks_the_phone_for_roles_that_do_not_contact_guests(client_for, property_a, member):
    from complaints import services as complaint_services
    from tests.complaints.helpers import close_complaint

    case = close_complaint(property_a, member(property_a, Role.SUPERVISOR))
    complaint_services.revisits_list_due(now=case.revisits.get().due_at)
    inspector, _ = client_for(Role.INSPECTOR)
    page = inspector.get("/complaints/revisits/").content.decode()
    assert case.number in page and "139****0001" in page and "13900000001" not in page
    desk, _ = client_for(Role.FRONT_DESK)
    assert "13900000001" in desk.get("/complaints/revisits/").content.decode()


def test_guest_profile_shows_cases_and_stays_only_with_their_permissions(client_for, property_a, member):
    from tests.complaints.helpers import log_complaint
    from tests.crm.factories import StayFactory

    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    StayFactory(property=property_a, guest=case.guest)
    desk, _ = client_for(Role.FRONT_DESK)
    page = desk.get(f"/crm/guests/{case.guest_id}/").content.decode()
    assert case.number in page and "Stays" in page
    take_away(Role.FRONT_DESK, "complaints", "view_case")
    take_away(Role.FRONT_DESK, "crm", "view_stay")
    page = desk.get(f"/crm/guests/{case.guest_id}/").content.decode()
    assert case.number not in page and "Stays" not in page


def test_only_group_admins_run_a_job_now(client_for, client, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    property_admin, _ = client_for(Role.ADMIN)
    with django_capture_on_commit_callbacks() as callbacks:
        assert property_admin.post("/settings/jobs/hotelqa.kpi_snapshot/run/").status_code == 403
    assert callbacks == []
    assert "Run now" not in property_admin.get("/settings/jobs/").content.decode()
    group_admin = UserFactory(is_group_admin=True)
    client.force_login(group_admin)
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post("/settings/jobs/hotelqa.kpi_snapshot/run/").status_code == 302
    assert len(callbacks) == 1


# ---- masking ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/crm/guests/", "/crm/guests/search/"])
def test_masked_phone_cannot_be_recovered_by_searching(client_for, property_a, url):
    GuestFactory(property=property_a, name="Chen Mei", phone="13912346057")
    staff, _ = client_for(Role.STAFF)  # sees 139****6057
    for query in ("46057", "346057", "2346057", "13912346057"):
        assert "Chen Mei" not in staff.get(url, {"q": query}).content.decode(), query
    assert "Chen Mei" in staff.get(url, {"q": "chen"}).content.decode()  # by name, as before
    desk, _ = client_for(Role.FRONT_DESK)  # sees the number: finds by any part of it
    assert "Chen Mei" in desk.get(url, {"q": "46057"}).content.decode()


def test_logging_a_case_does_not_confirm_a_masked_phone(client_for, property_a):
    from complaints.models import Case

    known = GuestFactory(property=property_a, name="Chen Mei", phone="13912346057")
    staff, _ = client_for(Role.STAFF)  # logs cases, sees numbers masked
    form = {"kind": "request", "channel": "phone", "description": "Two towels", "guest_name": "Probe", "guest_phone": "13912346057", "room_number": "808"}
    assert staff.post("/complaints/new/", form).status_code == 302
    case = Case.objects.get()
    assert case.guest != known and "Chen Mei" not in staff.get(f"/complaints/{case.pk}/").content.decode()
    # The same guest by name and number is still found rather than created twice.
    staff.post("/complaints/new/", {**form, "guest_name": "chen mei"})
    assert Case.objects.latest("pk").guest == known


def test_guest_pages_and_exports_are_not_stored(client_for, property_a):
    guest = GuestFactory(property=property_a)
    client, _ = client_for(Role.MANAGER)
    for url in ("/crm/guests/", f"/crm/guests/{guest.pk}/", "/crm/guests/search/?q=gu", "/complaints/export.csv", "/complaints/revisits/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


# ---- exports ----------------------------------------------------------------------------------


def test_export_refuses_a_filter_the_list_refuses(client_for, property_a, property_b, member):
    from tests.complaints.helpers import log_complaint

    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    client, _ = client_for(Role.MANAGER)
    other_department = property_b.departments.first()
    response = client.get("/complaints/export.csv", {"department": other_department.pk})
    assert response.status_code == 302 and not response.get("Content-Type", "").startswith("text/csv")
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was exported" in page and "Select a valid choice" in page
    # A valid filter still exports what it selects.
    response = client.get("/complaints/export.csv", {"department": case.department_id})
    assert response.status_code == 200
    assert case.number in b"".join(response.streaming_content).decode()
