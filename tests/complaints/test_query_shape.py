"""Query shapes chosen for large data (see docs/performance.md): same answers, cheaper queries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Case
from crm.models import Guest
from hotelqa.choices import DepartmentKind, Role

from .helpers import log_complaint

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(case, local):
    Case.objects.filter(pk=case.pk).update(received_at=local.replace(tzinfo=SHANGHAI))


def test_received_date_filters_count_whole_local_days(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    late_evening = log_complaint(property_a, user, description="Late evening")
    next_midnight = log_complaint(property_a, user, description="Next midnight")
    _at(late_evening, dt.datetime(2026, 3, 1, 23, 59))
    _at(next_midnight, dt.datetime(2026, 3, 2, 0, 0))
    url = reverse("complaints:case_list")
    day1 = client.get(url, {"received_after": "2026-03-01", "received_before": "2026-03-01"}).content.decode()
    assert late_evening.number in day1 and next_midnight.number not in day1
    day2 = client.get(url, {"received_after": "2026-03-02"}).content.decode()
    assert next_midnight.number in day2 and late_evening.number not in day2


def test_pareto_counts_whole_local_days(property_a, member):
    user = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    inside = log_complaint(property_a, user)
    outside = log_complaint(property_a, user)
    Case.objects.filter(pk__in=[inside.pk, outside.pk]).update(category="noise")
    _at(inside, dt.datetime(2026, 3, 1, 0, 0))
    _at(outside, dt.datetime(2026, 2, 28, 23, 59))
    from complaints.panels import category_pareto
    from hotelqa.services import kpi_snapshot_day

    for day in (dt.date(2026, 2, 28), dt.date(2026, 3, 1)):
        kpi_snapshot_day(property=property_a, day=day)
    rows = category_pareto(properties=[property_a], start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 1))
    assert rows == [("noise", 1, 100.0)]
    rows = category_pareto(properties=[property_a], start=dt.date(2026, 2, 28), end=dt.date(2026, 3, 1))
    assert rows == [("noise", 2, 100.0)]


def test_search_by_guest_name_stays_in_the_property_and_does_not_join_guests(client_for, property_a, property_b, member):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    mine = log_complaint(property_a, user)
    other_user = member(property_b, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    theirs = log_complaint(property_b, other_user)
    Guest.objects.filter(pk=mine.guest_id).update(name="Zhou Min")
    Guest.objects.filter(pk=theirs.guest_id).update(name="Zhou Min")
    with CaptureQueriesContext(connection) as ctx:
        content = client.get(reverse("complaints:case_list"), {"q": "zhou"}).content.decode()
    assert mine.number in content and theirs.number not in content
    case_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "complaints_case"' in q["sql"] and "LIKE" in q["sql"]]
    assert case_queries and all('JOIN "crm_guest"' not in sql for sql in case_queries if "COUNT" in sql)


def test_quick_log_does_not_recheck_loaded_related_rows(property_a, member):
    user = member(property_a, Role.FRONT_DESK)
    with CaptureQueriesContext(connection) as ctx:
        log_complaint(property_a, user)
    existence_checks = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT 1 AS "a" FROM')]
    assert existence_checks == []


def test_a_word_search_pages_without_counting_every_match(client_for, property_a, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hotelqa.choices import Role
    from tests.complaints.helpers import log_complaint

    client, user = client_for(Role.FRONT_DESK)
    for i in range(30):
        log_complaint(property_a, user, description=f"空调 不制冷 {i}")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/complaints/?q=空调").content.decode()
    assert page.count("不制冷") == 25
    assert 'page=2' in page  # the next page is offered
    assert not any("COUNT(" in q["sql"].upper() and "complaints_case" in q["sql"] for q in queries.captured_queries)
    assert "空调 不制冷 0" in client.get("/complaints/?q=空调&page=2").content.decode()
