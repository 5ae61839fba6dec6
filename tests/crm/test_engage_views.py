"""The engagement pages as staff use them: the worklist, a member's ledger, segment lists and
the survey analysis; SQL flat in rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.engagement import followups, loyalty, segments, surveys
from crm.models import Dimension, FollowUp, SurveySource
from hotelqa.choices import Role

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db


def _thank_yous(property, n):
    today = timezone.localdate()
    for _ in range(n):
        StayFactory(property=property, arrival=today - dt.timedelta(days=2), room_nights=1)
    followups.followups_generate(now=timezone.now() + dt.timedelta(days=1))


def test_front_desk_records_a_follow_up_from_the_worklist(client_for, property_a):
    _thank_yous(property_a, 1)
    client, desk = client_for(Role.FRONT_DESK)
    item = FollowUp.objects.get()
    page = client.get(reverse("crm:followup_list")).content.decode()
    assert item.guest.name in page and "Post-stay thank-you" in page
    bad = client.post(reverse("crm:followup_record", args=[item.pk]), {"note": "rang"})
    assert bad.status_code == 400 and "This field is required." in bad.content.decode()
    client.post(reverse("crm:followup_record", args=[item.pk]), {"outcome": "reached", "note": "Loved the breakfast"})
    item.refresh_from_db()
    assert item.done_by == desk and item.outcome == "reached"
    assert item.guest.name in client.get(reverse("crm:followup_list"), {"tab": "done"}).content.decode()


def test_worklist_queries_do_not_grow_with_rows(client_for, property_a, django_assert_max_num_queries):
    client, _ = client_for(Role.FRONT_DESK)
    _thank_yous(property_a, 3)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("crm:followup_list"))
    _thank_yous(property_a, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("crm:followup_list"))


def test_another_propertys_follow_up_and_member_are_not_found(client_for, property_b):
    _thank_yous(property_b, 1)
    member = loyalty.member_enrol(guest=GuestFactory(property=property_b), property=property_b, actor=None)
    client, _ = client_for(Role.MANAGER)
    assert client.post(reverse("crm:followup_record", args=[FollowUp.objects.get().pk]), {"outcome": "reached"}).status_code == 404
    assert client.get(reverse("crm:member_detail", args=[member.pk])).status_code == 404


def test_redeeming_more_than_the_balance_says_so_next_to_the_field(client_for, property_a):
    client, desk = client_for(Role.FRONT_DESK)
    member = loyalty.member_enrol(guest=GuestFactory(property=property_a), property=property_a, actor=desk)
    response = client.post(reverse("crm:member_redeem", args=[member.pk]), {"points": "50", "reason": "Breakfast"})
    assert response.status_code == 400 and "Only 0 points are available." in response.content.decode()
    assert client.post(reverse("crm:member_adjust", args=[member.pk]), {"points": "50", "reason": "Goodwill"}).status_code == 403
    assert not member.entries.exists()


def test_enrol_from_the_guest_profile_and_see_the_balance(client_for, property_a):
    client, _ = client_for(Role.FRONT_DESK)
    guest = GuestFactory(property=property_a, name="Chen Jing")
    response = client.post(reverse("crm:member_enrol", args=[guest.pk]), follow=True)
    assert "is now member" in response.content.decode()
    profile = client.get(reverse("crm:guest_detail", args=[guest.pk])).content.decode()
    assert "Points balance" in profile and guest.loyalty.number in profile


def test_manager_exports_a_segment_list(client_for, property_a):
    today = timezone.localdate()
    lapsed = GuestFactory(property=property_a, name="Lapsed Lu")
    StayFactory(property=property_a, guest=lapsed, arrival=today - dt.timedelta(days=402), departure=today - dt.timedelta(days=400))
    StayFactory(property=property_a, guest=GuestFactory(property=property_a, name="Recent Ren"), arrival=today - dt.timedelta(days=5))
    segments.segments_recompute(property=property_a, on=today)
    client, _ = client_for(Role.MANAGER)
    page = client.get(reverse("crm:segment_list"), {"lifecycle": "lapsed"}).content.decode()
    assert "Lapsed Lu" in page and "Recent Ren" not in page
    csv = client.get(reverse("crm:segment_list"), {"lifecycle": "lapsed", "export": "csv"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig") if csv.streaming else csv.content.decode("utf-8-sig")
    assert "Lapsed Lu" in body and "Recent Ren" not in body


def _answered(property, n, score=4):
    for _ in range(n):
        stay = StayFactory(property=property)
        s = surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=property, stay=stay)
        surveys.survey_answer(token=s.token, scores={d: score for d in Dimension.values}, nps=9)


@pytest.mark.parametrize("group", ["dimension", "segment", "property", "department", "month"])
def test_analysis_page_is_flat_in_responses(client_for, property_a, group, django_assert_max_num_queries):
    client, _ = client_for(Role.MANAGER)
    _answered(property_a, 2)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("crm:survey_analysis"), {"group": group}).status_code == 200
    _answered(property_a, 15, score=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("crm:survey_analysis"), {"group": group})
    assert "Mean" in response.content.decode()


def test_analysis_is_aggregated_again_when_an_answer_comes_in_and_not_before(client_for, property_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = client_for(Role.MANAGER)
    _answered(property_a, 2, score=4)
    dimension = Dimension.values[0]
    first = client.get(reverse("crm:survey_analysis"))
    assert first.context["rows"][0]["dimensions"][dimension][:2] == (2, 4)
    with CaptureQueriesContext(connection) as again:
        second = client.get(reverse("crm:survey_analysis"))
    assert second.context["rows"][0]["dimensions"][dimension][:2] == (2, 4)
    assert not any("crm_surveyanswer" in q["sql"] for q in again.captured_queries)  # the answers are not read again
    _answered(property_a, 2, score=2)
    third = client.get(reverse("crm:survey_analysis"))
    assert third.context["rows"][0]["dimensions"][dimension][:2] == (4, 3)
    assert third.context["answered"] == 4


def test_analysis_refuses_bad_dates_without_an_error_page(client_for):
    client, _ = client_for(Role.MANAGER)
    response = client.get(reverse("crm:survey_analysis"), {"start": "2026-13-40", "end": "x", "group": "nonsense"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()
    response = client.get(reverse("crm:survey_analysis"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert "The start is after the end." in response.content.decode()


def test_survey_detail_shows_the_link_and_qr(client_for, property_a):
    client, _ = client_for(Role.FRONT_DESK)
    stay = StayFactory(property=property_a)
    s = surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=property_a, stay=stay)
    body = client.get(reverse("crm:survey_detail", args=[s.pk])).content.decode()
    assert s.token in body and "<svg" in body
