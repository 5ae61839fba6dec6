"""Follow-ups: made once by the hourly job, however often or concurrently it runs; marketing
only with consent; the outcome recorded once."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from crm.engagement import followups, segments
from crm.models import FollowUp, FollowUpKind, FollowUpOutcome
from crm.tasks import followups_hourly
from hotelqa.choices import Role

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db


def noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_a_thank_you_is_made_once_per_stay_across_runs(property_a):
    today = timezone.localdate()
    stay = StayFactory(property=property_a, arrival=today - dt.timedelta(days=3), room_nights=2)
    StayFactory(property=property_a, arrival=today, room_nights=2)  # still in the hotel: nothing yet
    assert followups.followups_generate(now=noon(today)) == 1
    assert followups.followups_generate(now=noon(today)) == 0
    assert followups.followups_generate(now=noon(today + dt.timedelta(days=1))) == 0
    thanks = FollowUp.objects.get()
    assert (thanks.kind, thanks.stay, thanks.due_on) == (FollowUpKind.THANK_YOU, stay, stay.departure + dt.timedelta(days=1))


def test_the_hourly_job_run_twice_makes_nothing_twice(property_a):
    today = timezone.localdate()
    StayFactory(property=property_a, arrival=today - dt.timedelta(days=2), room_nights=1)
    followups_hourly()
    followups_hourly()
    assert FollowUp.objects.count() == 1


def test_a_run_that_read_before_another_wrote_still_makes_none_twice(property_a, monkeypatch):
    """Two runs at the same moment both see no follow-up yet: the unique key keeps one."""
    today = timezone.localdate()
    StayFactory(property=property_a, arrival=today - dt.timedelta(days=2), room_nights=1)
    followups.followups_generate(now=noon(today))
    monkeypatch.setattr(followups.FollowUp.objects, "filter", lambda *a, **k: FollowUp.objects.none())
    followups.followups_generate(now=noon(today))
    monkeypatch.undo()
    assert FollowUp.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_threads_generate_at_once_and_each_follow_up_exists_once(property_a):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are PostgreSQL's; SQLite takes one writer at a time")
    today = timezone.localdate()
    for _ in range(20):
        StayFactory(property=property_a, arrival=today - dt.timedelta(days=2), room_nights=1)
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        followups.followups_generate(now=noon(today))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert FollowUp.objects.count() == 20


def test_no_marketing_follow_up_without_consent(property_a):
    """Win-back and birthday calls are marketing: a guest who has not consented gets none."""
    today = timezone.localdate()
    lapsed = GuestFactory(property=property_a)
    StayFactory(property=property_a, guest=lapsed, arrival=today - dt.timedelta(days=500), departure=today - dt.timedelta(days=498))
    segments.segments_recompute(property=property_a, on=today)
    followups.followups_generate(now=noon(today))
    consent = followups.marketing_consent_q()
    if consent is None:
        assert not FollowUp.objects.filter(kind=FollowUpKind.WIN_BACK).exists()
    else:
        field = consent.children[0][0].split("__", 1)[1]
        assert not FollowUp.objects.filter(kind=FollowUpKind.WIN_BACK).exists()
        type(lapsed).objects.filter(pk=lapsed.pk).update(**{field: True})
        followups.followups_generate(now=noon(today))
        followups.followups_generate(now=noon(today))
        assert FollowUp.objects.filter(kind=FollowUpKind.WIN_BACK, guest=lapsed).count() == 1


def test_outcome_is_recorded_once(property_a, member):
    today = timezone.localdate()
    StayFactory(property=property_a, arrival=today - dt.timedelta(days=2), room_nights=1)
    followups.followups_generate(now=noon(today))
    desk, other = member(property_a, Role.FRONT_DESK), member(property_a, Role.SUPERVISOR)
    item = FollowUp.objects.get()
    stale = FollowUp.objects.get()
    followups.followup_record(followup=item, actor=desk, outcome=FollowUpOutcome.REACHED, note="Happy, will be back in May")
    with pytest.raises(ValidationError, match="already recorded"):
        followups.followup_record(followup=stale, actor=other, outcome=FollowUpOutcome.NO_ANSWER)
    item.refresh_from_db()
    assert (item.outcome, item.done_by, item.note) == (FollowUpOutcome.REACHED, desk, "Happy, will be back in May")


def test_birthday_greeting_once_a_year_only_with_consent(property_a):
    today = timezone.localdate()
    born = today.replace(year=1990) + dt.timedelta(days=3) if not (today.month == 2 and today.day > 24) else dt.date(1990, 3, 3)
    fan = GuestFactory(property=property_a, birthday=born, marketing_consent=True)
    quiet = GuestFactory(property=property_a, birthday=born, marketing_consent=False)
    for guest in (fan, quiet):
        StayFactory(property=property_a, guest=guest, arrival=today - dt.timedelta(days=40))
    segments.segments_recompute(property=property_a, on=today)
    followups.followups_generate(now=noon(today))
    followups.followups_generate(now=noon(today + dt.timedelta(days=1)))
    greetings = FollowUp.objects.filter(kind=FollowUpKind.BIRTHDAY)
    if (born.month, born.day) in {((today + dt.timedelta(days=i)).month, (today + dt.timedelta(days=i)).day) for i in range(8)}:
        assert [(g.guest, g.due_on.month, g.due_on.day) for g in greetings] == [(fan, born.month, born.day)]
