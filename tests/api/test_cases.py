"""Cases through the API: the quick log's rules, the idempotency key, steps through the workflow
engine, notes, the list page's filters, flat query counts."""

import json

import pytest

from complaints.choices import CaseStatus
from complaints.models import Case, CaseEvent
from hotelqa.choices import DepartmentKind, Role
from tests.complaints.helpers import log_complaint
from tests.factories import make_member


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


ARRIVAL = {"description": "Shower drain blocked", "room_number": "1203", "apology_confirmed": True, "guest_name": "Wang Fang"}


def test_guest_app_opens_a_request(property_a, api):
    response = post(api(property_a), "/api/v1/cases/", {"kind": "request", "channel": "phone", "description": "Two more towels", "room_number": "805"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "request" and body["status"] == "assigned" and body["number"].startswith("PA-")
    assert body["events"][0]["kind"] == "created"


def test_a_complaint_follows_the_quick_log_rules(property_a, api):
    client = api(property_a)
    refused = post(client, "/api/v1/cases/", {"description": "Rude staff", "room_number": "101"})
    assert refused.status_code == 400
    assert "apology_confirmed" in refused.json()["error"]["fields"]  # step 1: apologise first
    refused = post(client, "/api/v1/cases/", {"description": "Rude staff", "apology_confirmed": True})
    assert "guest_name" in refused.json()["error"]["fields"]  # whose complaint?
    assert not Case.objects.exists()
    created = post(client, "/api/v1/cases/", ARRIVAL)
    assert created.status_code == 201
    case = Case.objects.get()
    assert case.status == CaseStatus.RECORDED and case.guest.name == "Wang Fang" and case.created_by.api_token


def test_a_retried_post_with_the_same_key_returns_the_first_case(property_a, api):
    client = api(property_a)
    first = post(client, "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="pms-7781")
    again = post(client, "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="pms-7781")
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    other_body = post(client, "/api/v1/cases/", {**ARRIVAL, "room_number": "1204"}, HTTP_IDEMPOTENCY_KEY="pms-7781")
    assert other_body.status_code == 422 and other_body.json()["error"]["code"] == "idempotency_key_reused"
    assert post(client, "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="pms-7782").status_code == 201
    assert Case.objects.count() == 2


def test_a_refused_post_does_not_use_up_its_key(property_a, api):
    client = api(property_a)
    assert post(client, "/api/v1/cases/", {"description": "x"}, HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert post(client, "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="k").status_code == 201


def test_keys_are_per_integration(property_a, api):
    post(api(property_a), "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="same")
    post(api(property_a), "/api/v1/cases/", ARRIVAL, HTTP_IDEMPOTENCY_KEY="same")
    assert Case.objects.count() == 2


def test_a_step_goes_through_the_workflow(property_a, api):
    supervisor = make_member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    client = api(property_a, Role.SUPERVISOR)
    detail = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["moves"] == ["classified"]
    security = property_a.departments.get(kind=DepartmentKind.SECURITY)
    skipped = post(client, f"/api/v1/cases/{case.pk}/moves/", {"to": "closed", "version": detail["version"]})
    assert skipped.status_code == 400 and "to" in skipped.json()["error"]["fields"]
    missing = post(client, f"/api/v1/cases/{case.pk}/moves/", {"to": "classified", "version": detail["version"], "fields": {"category": "noise"}})
    assert missing.status_code == 400 and {"grade", "department", "assignee"} <= set(missing.json()["error"]["fields"])
    foreign = post(client, f"/api/v1/cases/{case.pk}/moves/", {"to": "classified", "version": detail["version"], "fields": {"findings": "x"}})
    assert foreign.status_code == 400 and "fields.findings" in foreign.json()["error"]["fields"]
    step = {"to": "classified", "version": detail["version"], "fields": {"category": "noise", "grade": "general", "department": security.pk, "assignee": supervisor.pk}}
    moved = post(client, f"/api/v1/cases/{case.pk}/moves/", step)
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "classified" and moved.json()["assignee"] == supervisor.pk
    stale = post(client, f"/api/v1/cases/{case.pk}/moves/", {"to": "investigated", "version": detail["version"], "fields": {"findings": "Party", "root_cause": "guest"}})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale"


def test_the_desk_may_not_take_a_supervisors_step(property_a, api):
    supervisor = make_member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    client = api(property_a, Role.FRONT_DESK)
    fields = {"category": "noise", "grade": "general", "department": case.department_id, "assignee": supervisor.pk}
    response = post(client, f"/api/v1/cases/{case.pk}/moves/", {"to": "classified", "version": case.version, "fields": fields})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECORDED


def test_a_note_lands_on_the_timeline(property_a, api):
    case = log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    response = post(api(property_a), f"/api/v1/cases/{case.pk}/notes/", {"note": "Guest called again at 22:10"})
    assert response.status_code == 201
    assert CaseEvent.objects.filter(case=case, kind="note", note="Guest called again at 22:10").exists()
    assert post(api(property_a), f"/api/v1/cases/{case.pk}/notes/", {"note": "   "}).status_code == 400


def test_the_list_takes_the_list_pages_filters(property_a, api):
    desk = make_member(property_a, Role.FRONT_DESK)
    log_complaint(property_a, desk, description="Noise from the bar", grade="major")
    log_complaint(property_a, desk, description="Cold water")
    client = api(property_a)
    assert [c["description"] for c in client.get("/api/v1/cases/?q=bar").json()["results"]] == ["Noise from the bar"]
    assert [c["grade"] for c in client.get("/api/v1/cases/?grade=major").json()["results"]] == ["major"]
    assert client.get("/api/v1/cases/?grade=nonsense").status_code == 400
    assert client.get("/api/v1/cases/?received_after=not-a-date").status_code == 400


def test_a_group_token_finds_a_two_character_word_at_every_property(property_a, property_b, api):
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK), description="空调太吵")
    log_complaint(property_b, make_member(property_b, Role.FRONT_DESK), description="空调坏了")
    log_complaint(property_b, make_member(property_b, Role.FRONT_DESK), description="Cold water")
    found = api(None, Role.MANAGER).get("/api/v1/cases/?q=空调").json()["results"]
    assert sorted(c["description"] for c in found) == ["空调坏了", "空调太吵"]


def test_cursor_pages_walk_every_case_once_newest_first(property_a, api):
    desk = make_member(property_a, Role.FRONT_DESK)
    made = [log_complaint(property_a, desk, description=f"Case {i}").pk for i in range(7)]
    client = api(property_a)
    seen, url = [], "/api/v1/cases/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [c["id"] for c in page["results"]]
        url = page["next"]
    assert seen == sorted(made, reverse=True)


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/work-orders/", "/api/v1/inspections/"])
def test_list_queries_are_flat_in_rows(url, property_a, api, django_assert_max_num_queries):
    from tests.facilities.factories import InspectionFactory
    from tests.permission_records import work_order

    desk = make_member(property_a, Role.SUPERVISOR)
    client = api(property_a, Role.SUPERVISOR)

    def add(n):
        for _ in range(n):
            log_complaint(property_a, desk)
            work_order(property_a)
            InspectionFactory(property=property_a)

    add(2)
    client.get(url)  # warm: token look-up and role permissions are per request anyway
    with django_assert_max_num_queries(8) as few:
        assert client.get(url + "?page_size=50").status_code == 200
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url + "?page_size=50").json()
    assert len(page["results"]) >= 22
