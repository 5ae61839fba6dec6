"""The PMS pushes guests and stays: upserts by reservation number (stays) and by ID number, phone
or e-mail (the group-wide guest), so sending the same arrival twice changes nothing."""

import json

from crm.models import Guest, Room, Stay
from hotelqa.choices import Role


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


ARRIVAL = {
    "reservation_number": "R-20261130-0042", "arrival": "2026-11-30", "departure": "2026-12-02", "room_number": "1203", "spend": "1280.00",
    "guest": {"name": "Zhang Min", "phone": "13800000042", "id_number": "110101199001011234", "language": "zh-hans"},
}


def test_a_stay_is_created_then_left_as_it_is(property_a, api):
    Room.objects.create(property=property_a, number="1203")
    pms = api(property_a, Role.MANAGER)
    first = post(pms, "/api/v1/stays/", ARRIVAL)
    assert first.status_code == 201, first.content
    assert first.json()["result"] == "created" and first.json()["guest"]["created"] is True
    again = post(pms, "/api/v1/stays/", ARRIVAL)
    assert again.status_code == 200 and again.json()["result"] == "unchanged" and again.json()["guest"]["created"] is False
    moved = post(pms, "/api/v1/stays/", {**ARRIVAL, "departure": "2026-12-03"})
    assert moved.json()["result"] == "updated" and moved.json()["room_nights"] == 3
    assert Stay.objects.count() == 1 and Guest.objects.count() == 1


def test_tonights_arrivals_in_one_call_all_or_nothing(property_a, api):
    Room.objects.create(property=property_a, number="1203")
    pms = api(property_a, Role.MANAGER)
    second = {**ARRIVAL, "reservation_number": "R-2", "room_number": "", "guest": {"name": "Li Na", "email": "li.na@example.com"}}
    refused = post(pms, "/api/v1/stays/batch/", {"stays": [ARRIVAL, {**second, "room_number": "9999"}]})
    assert refused.status_code == 400 and "stays.1.room_number" in refused.json()["error"]["fields"]
    assert not Stay.objects.exists()
    done = post(pms, "/api/v1/stays/batch/", {"stays": [ARRIVAL, second]})
    assert done.status_code == 200 and (done.json()["created"], done.json()["unchanged"]) == (2, 0)
    assert post(pms, "/api/v1/stays/batch/", {"stays": [ARRIVAL, second]}).json()["unchanged"] == 2


def test_a_guest_known_at_another_property_is_the_same_person(property_a, property_b, api):
    post(api(property_a, Role.MANAGER), "/api/v1/stays/", {**ARRIVAL, "room_number": ""})
    found = post(api(property_b, Role.FRONT_DESK), "/api/v1/guests/", {"name": "Zhang Min", "id_number": "110101199001011234"})
    assert found.status_code == 200 and found.json()["created"] is False
    assert Guest.objects.count() == 1


def test_stays_are_a_managers_import(property_a, api):
    assert post(api(property_a, Role.FRONT_DESK), "/api/v1/stays/", ARRIVAL).status_code == 403


def test_bad_stays(property_a, api):
    pms = api(property_a, Role.MANAGER)
    assert "departure" in post(pms, "/api/v1/stays/", {**ARRIVAL, "room_number": "", "departure": "2026-11-01"}).json()["error"]["fields"]
    assert "guest.name" in post(pms, "/api/v1/stays/", {**ARRIVAL, "guest": {"phone": "1"}}).json()["error"]["fields"]
    assert "guest.nickname" in post(pms, "/api/v1/stays/", {**ARRIVAL, "guest": {"name": "x", "nickname": "y"}}).json()["error"]["fields"]
    assert post(pms, "/api/v1/stays/batch/", {"stays": [ARRIVAL] * 201}).status_code == 400


def test_a_guests_name_in_the_other_script_is_taken_and_given_back(property_a, api):
    Room.objects.create(property=property_a, number="1203")
    pms = api(property_a, Role.MANAGER)
    arrival = {**ARRIVAL, "guest": {**ARRIVAL["guest"], "name": "张敏", "other_name": "Zhang Min"}}
    response = post(pms, "/api/v1/stays/", arrival)
    assert response.status_code == 201, response.content
    assert response.json()["guest"]["other_name"] == "Zhang Min"
    assert Guest.objects.get().other_name == "Zhang Min"
