"""Routing a new case: equipment beats noise, nobody-home departments are skipped, admins edit the rules."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.choices import CaseKind, Category, Channel, EventKind
from complaints.models import RoutingRule
from complaints.routing import patterns_for, routing_rules_seed
from complaints.rules import suggest
from hotelqa.choices import DepartmentKind, Role

pytestmark = pytest.mark.django_db
ENGINEERING = DepartmentKind.ENGINEERING


@pytest.mark.parametrize("text", [
    "The air conditioner makes a loud rattling noise",
    "TV is very loud and will not turn off",
    "Shower makes a noise all night",
    "The door lock beeps loudly",
    "Lift is noisy and stops between floors",
    "空调噪音很大",
    "电视声音太吵关不掉",
    "淋浴一直有噪音",
    "门锁一直响，很吵",
    "电梯噪音",
])
def test_equipment_words_win_over_noise(text):
    assert suggest(text) == suggest(text).__class__(Category.ROOM, "", ENGINEERING)


@pytest.mark.parametrize("text", ["Party next door, very loud", "隔壁很吵", "The clock in the corridor is loud"])
def test_plain_noise_is_still_noise(text):
    assert suggest(text).category == Category.NOISE  # "lock" is not found inside "clock"


def _log(property, actor, text):
    return services.case_log(property=property, actor=actor, kind=CaseKind.COMPLAINT, channel=Channel.PHONE,
                             description=text, apology_confirmed=True, room_number="301")


def test_case_never_goes_to_a_department_with_nobody_in_it(property_a, member):
    front_desk = member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)
    duty = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.FRONT_OFFICE, username="duty")
    case = _log(property_a, front_desk, "Noisy party in the next room")  # security: nobody there
    assert case.department.kind == DepartmentKind.FRONT_OFFICE and case.assignee == duty
    note = case.events.get(kind=EventKind.NOTE).note
    assert "Security" in note and "Front office" in note

    member(property_a, Role.STAFF, department_kind=ENGINEERING)
    case = _log(property_a, front_desk, "Air conditioner rattles loudly")
    assert case.department.kind == ENGINEERING and case.assignee is None
    assert not case.events.filter(kind=EventKind.NOTE).exists()


def test_a_department_chosen_by_a_person_is_kept(property_a, member):
    front_desk = member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)
    security = property_a.departments.get(kind=DepartmentKind.SECURITY)
    case = services.case_log(property=property_a, actor=front_desk, kind=CaseKind.COMPLAINT, channel=Channel.PHONE,
                             description="Noisy", apology_confirmed=True, room_number="301", department=security)
    assert case.department == security


def test_the_form_says_where_a_case_goes_when_the_department_is_empty(client_for):
    client, _ = client_for(Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)
    page = client.get(reverse("complaints:case_suggest"), {"description": "noisy neighbours"}).content.decode()
    assert "data-unstaffed" in page and "Security has nobody in it here" in page and "Front office" in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("complaints:case_suggest"), {"description": "隔壁很吵"}).content.decode()
    assert "data-unstaffed" in page and "前厅部" in page


def test_edited_rules_route_new_cases(property_a, property_b, member):
    front_desk = member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)
    member(property_a, Role.STAFF, department_kind=DepartmentKind.FOOD_BEVERAGE)
    routing_rules_seed(property=property_a)
    RoutingRule.objects.create(property=property_a, order=1, keywords="minibar, 迷你吧", category=Category.FOOD, department_kind=DepartmentKind.FOOD_BEVERAGE)
    case = _log(property_a, front_desk, "Minibar was not refilled")
    assert case.department.kind == DepartmentKind.FOOD_BEVERAGE
    assert suggest("迷你吧没有补货", patterns_for(property_a)).category == Category.FOOD
    assert suggest("迷你吧没有补货", patterns_for(property_b)).category != Category.FOOD  # the other hotel keeps its rules


def test_admin_edits_routing_rules_in_both_languages(client_for, property_a, property_b):
    client, _ = client_for(Role.ADMIN)
    url = reverse("complaints:routingrule_list")
    assert "Edit the standard rules" in client.get(url).content.decode()
    client.post(reverse("complaints:routingrule_seed"))
    assert RoutingRule.objects.filter(property=property_a).count() >= 10
    page = client.get(url).content.decode()
    assert "air con" in page and "空调" in page
    bad = client.post(reverse("complaints:routingrule_create"), {"order": 5, "keywords": " , ，", "category": "food", "department_kind": "food_beverage", "is_active": "on"})
    assert bad.status_code == 200 and "Give at least one keyword." in bad.content.decode()
    ok = client.post(reverse("complaints:routingrule_create"), {"order": 5, "keywords": "minibar，迷你吧", "category": "food", "department_kind": "food_beverage", "is_active": "on"})
    assert ok.status_code == 302
    rule = RoutingRule.objects.get(property=property_a, order=5)
    assert rule.keywords == "minibar, 迷你吧"
    client.cookies["django_language"] = "zh-hans"
    page = client.get(url).content.decode()
    assert "分派规则" in page and "迷你吧" in page
    other = RoutingRule.objects.create(property=property_b, keywords="x", category="food", department_kind="food_beverage")
    assert client.get(reverse("complaints:routingrule_update", args=[other.pk])).status_code == 404
    client.post(reverse("complaints:routingrule_delete", args=[rule.pk]))
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()


def test_only_admins_edit_routing_rules(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    assert client.get(reverse("complaints:routingrule_list")).status_code == 403
    assert client.post(reverse("complaints:routingrule_seed")).status_code == 403
