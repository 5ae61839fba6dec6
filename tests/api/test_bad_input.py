"""Bad input is a 4xx with the one error shape, never a 500."""

import json

import pytest

from hotelqa.choices import Role
from tests.complaints.helpers import log_complaint
from tests.factories import make_member


def error_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["status"] == status and body["code"] and "message" in body
    return body


@pytest.fixture
def client(property_a, api):
    return api(property_a, Role.SUPERVISOR)


@pytest.fixture
def case(property_a):
    return log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))


@pytest.mark.parametrize("body", ["{not json", "", "[1, 2]", '"text"', "null", "\x00"])
def test_malformed_json(client, body):
    assert error_of(client.post("/api/v1/cases/", body, content_type="application/json"), 400)


def test_not_json_at_all(client):
    assert error_of(client.post("/api/v1/cases/", "description=x", content_type="application/x-www-form-urlencoded"), 415)["code"] == "unsupported_media_type"


@pytest.mark.parametrize("field, value", [
    ("description", 5), ("description", ["a"]), ("apology_confirmed", "yes"), ("apology_confirmed", 1),
    ("guest", "12"), ("guest", True), ("department", 1.5), ("kind", 3), ("kind", "party"),
])
def test_wrong_types_name_the_field(client, field, value):
    body = {"description": "Noise", "room_number": "101", "apology_confirmed": True, field: value}
    assert field in error_of(client.post("/api/v1/cases/", json.dumps(body), content_type="application/json"), 400)["fields"]


def test_unknown_fields_are_refused(client, case):
    assert error_of(client.post("/api/v1/cases/", json.dumps({"description": "x", "priority": "high"}), content_type="application/json"), 400)["fields"] == {"priority": ["Unknown field."]}
    moved = client.post(f"/api/v1/cases/{case.pk}/moves/", json.dumps({"to": "classified", "version": 1, "fields": {"colour": "red"}}), content_type="application/json")
    assert "fields.colour" in error_of(moved, 400)["fields"]


@pytest.mark.parametrize("field, size", [("description", 4001), ("guest_name", 121), ("room_number", 21)])
def test_too_long_strings(client, field, size):
    body = {"description": "Noise", "apology_confirmed": True, "room_number": "1", field: "x" * size}
    assert field in error_of(client.post("/api/v1/cases/", json.dumps(body), content_type="application/json"), 400)["fields"]


@pytest.mark.parametrize("pk", ["abc", "-1", "0", "99999999999999999999999", "1.5", "%00", "1e3"])
@pytest.mark.parametrize("kind", ["cases", "work-orders", "inspections"])
def test_bad_ids_are_404(client, kind, pk):
    response = client.get(f"/api/v1/{kind}/{pk}/")
    assert response.status_code in (400, 404) and error_of(response, response.status_code)


def test_ids_in_the_body_of_another_property(client, property_a, property_b, case):
    other_department = property_b.departments.first()
    body = {"description": "Noise", "room_number": "1", "apology_confirmed": True, "department": other_department.pk}
    assert "department" in error_of(client.post("/api/v1/cases/", json.dumps(body), content_type="application/json"), 400)["fields"]
    foreign = log_complaint(property_b, make_member(property_b, Role.FRONT_DESK))
    assert error_of(client.post(f"/api/v1/cases/{foreign.pk}/notes/", json.dumps({"note": "x"}), content_type="application/json"), 404)


def test_bad_query_values(client):
    assert "cursor" in error_of(client.get("/api/v1/cases/?cursor=garbage"), 400)["fields"]
    assert "department" in error_of(client.get("/api/v1/cases/?department=abc"), 400)["fields"]
    assert error_of(client.get("/api/v1/kpis/?start=2026-13-01"), 400)
    assert error_of(client.get("/api/v1/kpis/?start=2026-01-10&end=2026-01-01"), 400)
    assert error_of(client.get("/api/v1/kpis/?property=nowhere"), 400)


def test_an_over_long_idempotency_key(client):
    response = client.post("/api/v1/cases/", json.dumps({"description": "x"}), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k" * 201)
    assert "Idempotency-Key" in error_of(response, 400)["fields"]


def test_messages_follow_the_callers_language(client):
    response = client.post("/api/v1/cases/", json.dumps({"description": "x", "colour": 1}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert error_of(response, 400)["fields"]["colour"] == ["未知字段。"]
