"""Case work as the manual has it: the department's people to assign, equipment failures become work
orders linked both ways, closing with feedback by the desk or a supervisor, a photo on the log form."""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from complaints.choices import CaseStatus, RootCause
from complaints.models import Case, CasePhoto, ComplaintSettings
from facilities.models import WorkOrder
from hotelqa.choices import DepartmentKind, Role
from tests.facilities.factories import AssetFactory, LocationFactory

from .helpers import advance, log_complaint

pytestmark = pytest.mark.django_db
S = CaseStatus
ENGINEERING = DepartmentKind.ENGINEERING


def _png(name="lamp.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def team(property_a, member):
    return {
        "desk": member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE, display_name="Desk Dora"),
        "tech": member(property_a, Role.STAFF, department_kind=ENGINEERING, display_name="Tech Tom"),
        "chief": member(property_a, Role.SUPERVISOR, department_kind=ENGINEERING, display_name="Chief Chen"),
        "maid": member(property_a, Role.STAFF, department_kind=DepartmentKind.HOUSEKEEPING, display_name="Maid Mia"),
        "inspector": member(property_a, Role.INSPECTOR, department_kind=DepartmentKind.QUALITY, display_name="Quality Qi"),
    }


def test_assignee_list_offers_the_departments_people_with_their_role(login, property_a, team):
    case = log_complaint(property_a, team["desk"], department_kind=ENGINEERING)
    page = login(team["chief"]).get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assignee = page[page.index('id="id_assignee"'):page.index("</select>", page.index('id="id_assignee"'))]
    assert "Tech Tom · Department staff" in assignee and "Chief Chen · Supervisor" in assignee
    assert "Desk Dora" not in assignee and "Quality Qi" not in assignee
    assert assignee.index("Tech Tom") < assignee.index("Maid Mia")  # the case's department first


def test_assignee_must_work_in_the_chosen_department(login, property_a, team):
    case = log_complaint(property_a, team["desk"], department_kind=ENGINEERING)
    client = login(team["chief"])
    url = reverse("complaints:case_transition", args=[case.pk, S.CLASSIFIED])
    data = {"version": case.version, "category": "room", "grade": "general", "department": case.department.pk, "assignee": team["maid"].pk}
    response = client.post(url, data)
    assert response.status_code == 400 and "Maid Mia does not work in" in response.content.decode()
    assert client.post(url, {**data, "assignee": team["tech"].pk}).status_code == 302


def test_equipment_failure_opens_a_work_order_for_the_rooms_asset_linked_both_ways(login, property_a, property_b, team):
    ac = AssetFactory(property=property_a, name="Split AC", location=LocationFactory(property=property_a, name="512"))
    case = advance(log_complaint(property_a, team["desk"], department_kind=ENGINEERING), team["chief"], S.CLASSIFIED)
    assert RootCause.EQUIPMENT in RootCause.values
    from complaints import services

    case = services.case_transition(case=case, to_status=S.INVESTIGATED, actor=team["chief"], expected_version=case.version,
                                    data={"findings": "Compressor worn", "root_cause": RootCause.EQUIPMENT})
    client = login(team["tech"])
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert "Create a work order" in page and "Split AC" in page
    case_type = ContentType.objects.get_for_model(Case).pk
    url = reverse("facilities:workorder_from_record", args=[case_type, case.pk])
    response = client.post(url, {"asset": ac.pk, "priority": "high"})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    order = WorkOrder.objects.get()
    assert order.origin == case and order.asset == ac and order.source == "complaint" and order.department.kind == ENGINEERING
    assert order.number in client.get(case.get_absolute_url()).content.decode()
    assert case.get_absolute_url() in client.get(order.get_absolute_url()).content.decode()
    # Another hotel's case cannot be used as an origin, and another hotel's asset is refused.
    other = log_complaint(property_b, team["desk"].__class__.objects.get(pk=team["desk"].pk))
    assert client.post(reverse("facilities:workorder_from_record", args=[case_type, other.pk])).status_code == 404
    foreign = AssetFactory(property=property_b)
    client.post(url, {"asset": foreign.pk})
    assert WorkOrder.objects.count() == 1


def test_no_work_order_offered_without_an_equipment_root_cause(login, property_a, team):
    case = advance(log_complaint(property_a, team["desk"], department_kind=ENGINEERING), team["chief"], S.CLASSIFIED, S.INVESTIGATED)
    assert "Create a work order" not in login(team["tech"]).get(case.get_absolute_url()).content.decode()


def test_the_desk_or_a_supervisor_closes_not_the_technician(login, property_a, team):
    case = advance(log_complaint(property_a, team["desk"], department_kind=ENGINEERING), team["chief"], S.CLASSIFIED, S.INVESTIGATED, S.SOLUTION)
    url = reverse("complaints:case_transition", args=[case.pk, S.CLOSED])
    data = {"version": case.version, "result_told": "on", "satisfaction": "4"}
    tech = login(team["tech"])
    page = tech.get(case.get_absolute_url()).content.decode()
    assert "Close with feedback" not in page and "data-closing-hint" in page
    assert tech.post(url, data).status_code == 403
    assert Case.objects.get(pk=case.pk).status == S.SOLUTION
    ComplaintSettings.objects.create(property=property_a, closing_roles="front_desk,staff")  # the hotel allows it
    assert "Close with feedback" in tech.get(case.get_absolute_url()).content.decode()
    ComplaintSettings.objects.filter(property=property_a).update(closing_roles="front_desk,supervisor")
    desk = login(team["desk"])
    assert desk.post(url, data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == S.CLOSED


def test_quick_log_takes_a_photo_shown_only_to_who_may_see_the_case(login, property_a, property_b, member, team):
    client = login(team["desk"])
    response = client.post(reverse("complaints:case_create"), {
        "kind": "complaint", "description": "Broken lamp", "room_number": "512", "channel": "in_person",
        "apology_confirmed": "on", "photo": _png(),
    })
    assert response.status_code == 302
    photo = CasePhoto.objects.get()
    url = reverse("complaints:case_photo_file", args=[photo.pk])
    assert url in client.get(response["Location"]).content.decode()
    assert client.get(url).status_code == 200
    stranger = login(member(property_b, Role.FRONT_DESK))
    assert stranger.get(url).status_code == 404
    bad = login(team["desk"]).post(reverse("complaints:case_create"), {
        "kind": "complaint", "description": "x", "room_number": "512", "channel": "in_person", "apology_confirmed": "on",
        "photo": SimpleUploadedFile("x.png", b"not a picture", content_type="image/png"),
    })
    assert bad.status_code == 200 and "id_photo" in bad.content.decode() and "is-invalid" in bad.content.decode()
    assert CasePhoto.objects.count() == 1 and Case.objects.count() == 1


def test_the_investigation_picks_the_staff_the_report_named(property_a, member, client_for):
    from hotelqa.models import StaffMember

    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    named, other = (
        StaffMember.objects.create(property=property_a, staff_number=number, name=name, department=property_a.departments.first())
        for number, name in (("S1", "王磊"), ("S2", "李娜"))
    )
    case = advance(log_complaint(property_a, supervisor, staff_involved="门童王磊态度差"), supervisor, S.CLASSIFIED)
    client, _ = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    staff_select = re.search(r'<select name="staff_members".*?</select>', page, re.S).group(0)
    assert f'<option value="{named.pk}" selected>' in staff_select and f'<option value="{other.pk}">' in staff_select
    assert "门童王磊态度差" in page  # what the report said, beside the pick

    # Once the investigation has linked someone, the form shows that choice, not the report's.
    case = advance(case, supervisor, S.INVESTIGATED)
    case.staff_members.set([other])
    Case.objects.filter(pk=case.pk).update(status=S.CLASSIFIED)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    staff_select = re.search(r'<select name="staff_members".*?</select>', page, re.S).group(0)
    assert f'<option value="{named.pk}">' in staff_select and f'<option value="{other.pk}" selected>' in staff_select
