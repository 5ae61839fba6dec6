"""The trainer's changes after the fact: edit and cancel a session, change a plan item, enter a
training need by hand. Bad input is refused next to the field with nothing saved; another
property's records are a 404; managers read but do not change."""

import datetime as dt

import pytest
from django.utils import timezone

from hotelqa.choices import Role
from training import services
from training.models import Attendance, PlanItem, Proposal, Session

from .helpers import course, staff

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def session(property_a):
    c = course(property_a, validity_months=12)
    people = staff(property_a, 3)
    services.plan_add(property=property_a, course=c, due_on=today() + dt.timedelta(days=20))
    return services.session_create(property=property_a, course=c, date=today() + dt.timedelta(days=3), staff=people[:2], place="Room 1")


def edit_data(session, **over):
    data = {"date": session.date.isoformat(), "start_time": "", "trainer": "", "place": session.place, "format": "", "notes": "",
            "staff": [a.staff_id for a in session.attendances.all()]}
    data.update(over)
    return data


# --- editing a session ------------------------------------------------------------------------

def test_trainer_moves_a_session_and_changes_who_is_invited(session, client_for, property_a):
    client, trainer = client_for(Role.TRAINER)
    first, second = [a.staff for a in session.attendances.order_by("pk")]
    newcomer = staff(property_a)[0]
    services.plan_ensure(staff=newcomer, course=session.course, due_on=today() + dt.timedelta(days=20))
    page = client.get(f"/training/sessions/{session.pk}/edit/")
    assert page.status_code == 200 and 'name="staff"' in page.content.decode()
    new_day = today() + dt.timedelta(days=10)
    r = client.post(f"/training/sessions/{session.pk}/edit/", edit_data(session, date=new_day.isoformat(), place="Ballroom", trainer=trainer.pk,
                                                                          staff=[second.pk, newcomer.pk]))
    assert r.status_code == 302 and r["Location"] == f"/training/sessions/{session.pk}/"
    session.refresh_from_db()
    assert (session.date, session.place, session.trainer) == (new_day, "Ballroom", trainer)
    assert set(session.attendances.values_list("staff_id", flat=True)) == {second.pk, newcomer.pk}
    # The newcomer's open plan item of the course is linked, as on creation.
    assert Attendance.objects.get(session=session, staff=newcomer).plan_item == PlanItem.objects.get(staff=newcomer, status="planned")


@pytest.mark.parametrize("field,value,message", [
    ("date", "2026-02-30", "Enter a valid date."),
    ("date", "1990-01-01", "Enter a date within two years of today."),
    ("place", "x" * 500, "Ensure this value has at most 120 characters"),
    ("trainer", "999999", "Select a valid choice."),
])
def test_bad_session_edit_is_refused_next_to_the_field(session, client_for, field, value, message):
    client, _user = client_for(Role.TRAINER)
    before = (session.date, session.place, session.trainer_id)
    r = client.post(f"/training/sessions/{session.pk}/edit/", edit_data(session, **{field: value}))
    body = r.content.decode()
    assert r.status_code == 200 and "is-invalid" in body and message in body
    session.refresh_from_db()
    assert (session.date, session.place, session.trainer_id) == before


def test_someone_already_present_cannot_be_uninvited_and_nothing_changes(session, client_for):
    client, _user = client_for(Role.TRAINER)
    present, other = [a.staff for a in session.attendances.order_by("pk")]
    services.attendance_mark(session=session, staff_id=present.pk)
    r = client.post(f"/training/sessions/{session.pk}/edit/", edit_data(session, place="Moved", staff=[other.pk]))
    assert r.status_code == 200 and f"they stay invited: {present.name}" in r.content.decode()
    session.refresh_from_db()
    assert session.place == "Room 1" and session.attendances.count() == 2


def test_a_scored_sessions_date_stays(session, client_for):
    client, _user = client_for(Role.TRAINER)
    att = session.attendances.first()
    services.scores_record(session=session, rows={att.pk: {"score": 90}})
    r = client.post(f"/training/sessions/{session.pk}/edit/", edit_data(session, date=(session.date + dt.timedelta(days=1)).isoformat()))
    assert r.status_code == 200 and "its date can no longer change" in r.content.decode()
    assert Session.objects.get(pk=session.pk).date == session.date


def test_another_property_session_is_404_and_a_manager_may_not_edit(session, client_for, property_b):
    other, _user = client_for(Role.TRAINER, property=property_b)
    for path in ("edit", "cancel"):
        assert other.get(f"/training/sessions/{session.pk}/{path}/").status_code == 404
        assert other.post(f"/training/sessions/{session.pk}/{path}/", {"reason": "x"}).status_code == 404
    manager, _user = client_for(Role.MANAGER)
    assert manager.get(f"/training/sessions/{session.pk}/edit/").status_code == 403
    assert manager.post(f"/training/sessions/{session.pk}/cancel/", {"reason": "x"}).status_code == 403
    assert Session.objects.get(pk=session.pk).status == "planned"


# --- cancelling a session ---------------------------------------------------------------------

def test_cancelled_session_stays_listed_as_cancelled_and_takes_no_attendance(session, client_for):
    client, trainer = client_for(Role.TRAINER)
    person = session.attendances.first().staff
    r = client.post(f"/training/sessions/{session.pk}/cancel/", {"reason": "Trainer ill"})
    assert r.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancel_reason, session.cancelled_by) == ("cancelled", "Trainer ill", trainer)
    assert not session.attendances.filter(plan_item__isnull=False).exists()  # their plan items wait for another session
    assert PlanItem.objects.filter(staff=person, status="planned").exists()
    page = client.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "data-cancelled" in page and "Trainer ill" in page and "data-staff=" not in page and "data-enter-scores" not in page
    listing = client.get("/training/sessions/").content.decode()
    assert session.course.name in listing and "Cancelled" in listing
    # Attendance on a cancelled session is refused: one tap, the scores form, inviting, editing.
    r = client.post(f"/training/sessions/{session.pk}/tap/", {"staff": person.pk}, HTTP_ACCEPT="application/json")
    assert r.status_code == 400 and "cancelled" in r.json()["error"]
    att = session.attendances.first()
    r = client.post(f"/training/sessions/{session.pk}/scores/", {f"attended-{att.pk}": "on", f"score-{att.pk}": "90"})
    assert r.status_code == 200 and "The session was cancelled." in r.content.decode()
    assert not Attendance.objects.filter(session=session, attended=True).exists()
    r = client.get(f"/training/sessions/{session.pk}/edit/", follow=True)
    assert "The session was cancelled." in r.content.decode()
    # The invited person's phone no longer shows it as upcoming.
    assert not Attendance.objects.filter(staff=person, session__date__gte=today()).exclude(session__status="cancelled").exists()


def test_cancelling_without_a_reason_is_refused_next_to_the_field(session, client_for):
    client, _user = client_for(Role.TRAINER)
    r = client.post(f"/training/sessions/{session.pk}/cancel/", {"reason": "   "})
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    assert Session.objects.get(pk=session.pk).status == "planned"


def test_the_cancel_page_buttons_say_what_they_do(session, client_for):
    client, _user = client_for(Role.TRAINER)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get(f"/training/sessions/{session.pk}/cancel/").content.decode()
    # Not 保存 / 取消: on this page 取消 would read as the action itself.
    assert ">取消场次</button>" in body and ">保留场次</a>" in body
    assert ">保存</button>" not in body


def test_a_session_that_took_place_cannot_be_cancelled(session, client_for):
    client, _user = client_for(Role.TRAINER)
    services.attendance_mark(session=session, staff_id=session.attendances.first().staff_id)
    r = client.post(f"/training/sessions/{session.pk}/cancel/", {"reason": "Oops"})
    assert r.status_code == 200 and "cannot be cancelled" in r.content.decode()
    assert Session.objects.get(pk=session.pk).status == "planned"


# --- editing a plan item ----------------------------------------------------------------------

@pytest.fixture
def item(property_a):
    c = course(property_a, code="PLAN-1")
    return services.plan_ensure(staff=staff(property_a)[0], course=c, due_on=today() + dt.timedelta(days=10))[0]


def test_trainer_changes_a_plan_items_course_person_and_date_from_the_plan(item, client_for, property_a):
    client, _user = client_for(Role.TRAINER)
    # The plan of the item's year: due in ten days, it is next year's in the last days of December.
    plan = client.get(f"/training/plan/?year={item.year}").content.decode()
    assert f'data-edit-item="{item.pk}"' in plan
    other_course, other_person = course(property_a, code="PLAN-2"), staff(property_a)[0]
    due = today() + dt.timedelta(days=400)
    r = client.post(f"/training/plan/{item.pk}/edit/", {"course": other_course.pk, "staff": other_person.pk, "due_on": due.isoformat()})
    assert r.status_code == 302
    item.refresh_from_db()
    assert (item.course, item.staff, item.due_on, item.year) == (other_course, other_person, due, due.year)


def test_plan_item_edit_refuses_a_second_open_item_a_past_date_and_another_propertys_staff(item, client_for, property_a, property_b):
    client, _user = client_for(Role.TRAINER)
    twin = staff(property_a)[0]
    services.plan_ensure(staff=twin, course=item.course, due_on=today() + dt.timedelta(days=5))
    outsider = staff(property_b)[0]
    cases = [
        ({"staff": twin.pk}, "already has this course planned"),
        ({"due_on": (today() - dt.timedelta(days=3)).isoformat()}, "The due date is in the past."),
        ({"staff": outsider.pk}, "Select a valid choice."),
        ({"course": course(property_a, code="OLD", is_active=False).pk}, "Select a valid choice."),
    ]
    for change, message in cases:
        data = {"course": item.course_id, "staff": item.staff_id, "due_on": item.due_on.isoformat(), **change}
        r = client.post(f"/training/plan/{item.pk}/edit/", data)
        assert r.status_code == 200 and "is-invalid" in r.content.decode() and message in r.content.decode(), change
        fresh = PlanItem.objects.get(pk=item.pk)
        assert (fresh.staff_id, fresh.due_on, fresh.course_id) == (item.staff_id, item.due_on, item.course_id)


def test_a_done_plan_item_is_not_editable_and_another_property_gets_404(item, client_for, property_b):
    other, _user = client_for(Role.TRAINER, property=property_b)
    assert other.get(f"/training/plan/{item.pk}/edit/").status_code == 404
    PlanItem.objects.filter(pk=item.pk).update(status="done", done_on=today())
    client, _user = client_for(Role.TRAINER)
    assert client.get(f"/training/plan/{item.pk}/edit/").status_code == 404


# --- a training need by hand ------------------------------------------------------------------

def test_a_need_entered_by_hand_joins_the_review_like_the_others(client_for, property_a):
    client, trainer = client_for(Role.TRAINER)
    c = course(property_a, code="PHONE")
    people = staff(property_a, 2)
    assert 'href="/training/needs/new/"' in client.get("/training/needs/").content.decode()
    r = client.post("/training/needs/new/", {"course": c.pk, "staff": [p.pk for p in people], "reason": "Curt on the phone at night"})
    proposal = Proposal.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/training/needs/{proposal.pk}/"
    assert (proposal.source, proposal.status, proposal.course, proposal.proposed_by) == ("manual", "open", c, trainer)
    assert set(proposal.staff.all()) == set(people)
    listing = client.get("/training/needs/").content.decode()
    assert "Curt on the phone at night" in listing
    home = client.get("/training/").content.decode()  # the trainer's work today
    assert f'href="/training/needs/{proposal.pk}/"' in home and "Entered by hand" in home
    # Accepted like any other: it joins the plan for its people.
    r = client.post(f"/training/needs/{proposal.pk}/accept/", {"course": c.pk, "due_on": (today() + dt.timedelta(days=30)).isoformat()})
    assert r.status_code == 302 and PlanItem.objects.filter(proposal=proposal, course=c).count() == 2


@pytest.mark.parametrize("change,message", [
    ({"reason": "  "}, "This field is required."),
    ({"staff": []}, "This field is required."),
    ({"course": ""}, "This field is required."),
    ({"reason": "x" * 3000}, "Ensure this value has at most 2000 characters"),
])
def test_a_bad_need_is_refused_next_to_the_field(client_for, property_a, change, message):
    client, _user = client_for(Role.TRAINER)
    c, person = course(property_a, code="N1"), staff(property_a)[0]
    data = {"course": c.pk, "staff": [person.pk], "reason": "Why", **change}
    r = client.post("/training/needs/new/", data)
    assert r.status_code == 200 and "is-invalid" in r.content.decode() and message in r.content.decode()
    assert not Proposal.objects.exists()


def test_a_need_for_another_propertys_staff_is_refused(client_for, property_a, property_b):
    client, _user = client_for(Role.TRAINER)
    r = client.post("/training/needs/new/", {"course": course(property_a, code="N2").pk, "staff": [staff(property_b)[0].pk], "reason": "x"})
    assert r.status_code == 200 and "Select a valid choice." in r.content.decode() and not Proposal.objects.exists()


def test_pages_in_chinese_and_on_a_phone(session, item, client_for):
    client, _user = client_for(Role.TRAINER)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    expected = {f"/training/sessions/{session.pk}/edit/": "编辑培训场次", f"/training/sessions/{session.pk}/cancel/": "取消原因",
                f"/training/plan/{item.pk}/edit/": "编辑计划项", "/training/needs/new/": "新建培训需求"}
    for url, text in expected.items():
        body = client.get(url).content.decode()
        assert text in body, url
        assert 'name="viewport"' in body and "col-12" in body  # the one-column form of a phone


def test_edit_pages_read_a_fixed_number_of_queries(session, client_for, property_a, django_assert_max_num_queries):
    client, _user = client_for(Role.TRAINER)
    services.session_invite(session=session, staff=staff(property_a, 30))
    with django_assert_max_num_queries(20):
        assert client.get(f"/training/sessions/{session.pk}/edit/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/training/needs/new/").status_code == 200
