"""The dashboard compares: a group manager sees one row per property ranked by a chosen KPI, a
property's manager its best and weakest departments; every number links to the records behind it,
and all of it is read from the snapshots in a fixed number of queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import KpiSnapshot
from tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db

SATISFACTION = "complaints.satisfaction"  # share ×100, higher is better, target 85
PER_DAY = "complaints.per_day"


def yesterday():
    return timezone.localdate() - dt.timedelta(days=1)


def share(property, code, counted, total, department=None, days=5):
    KpiSnapshot.objects.bulk_create(
        KpiSnapshot(property=property, department=department, code=code, day=yesterday() - dt.timedelta(days=i),
                    value=0, total=Decimal(counted), weight=Decimal(total))
        for i in range(days)
    )


def test_a_group_manager_sees_each_property_ranked_by_the_chosen_kpi(client, group_manager, property_a, property_b):
    third = PropertyFactory(code="prop-c", name="Property C")
    share(property_a, SATISFACTION, 6, 10)  # 60 %
    share(property_b, SATISFACTION, 9, 10)  # 90 %
    share(third, SATISFACTION, 8, 10)  # 80 %
    client.force_login(group_manager)
    response = client.get(reverse("dashboard"), {"property": "all", "period": "7", "rank_by": SATISFACTION})
    ranked = [row.subject for row in response.context["group_rows"]]
    assert ranked == [property_b, third, property_a]
    page = response.content.decode()
    assert page.index('data-property="prop-b"') < page.index('data-property="prop-c"') < page.index('data-property="prop-a"')
    # Each number drills down to the KPI page of that property.
    link = reverse("kpi_detail", args=[SATISFACTION])
    assert re.search(rf'href="{re.escape(link)}\?[^"]*property={property_b.pk}"', page)
    detail = client.get(link, {"property": property_b.pk, "period": "7"})
    assert detail.status_code == 200 and detail.context["tile"].value == Decimal(90)


def test_ranking_by_a_kpi_where_lower_is_better_puts_the_lowest_first(client, group_manager, property_a, property_b):
    share(property_a, PER_DAY, 2, 1, days=3)
    share(property_b, PER_DAY, 5, 1, days=3)
    client.force_login(group_manager)
    response = client.get(reverse("dashboard"), {"property": "all", "period": "7", "rank_by": PER_DAY})
    assert [row.subject for row in response.context["group_rows"]] == [property_a, property_b]


def test_a_property_manager_sees_no_group_view_and_cannot_rank(client_for, property_a, property_b):
    client, _user = client_for(Role.MANAGER)
    response = client.get(reverse("dashboard"), {"property": "all", "rank_by": SATISFACTION})
    assert "group_rows" not in response.context
    assert "rank_by" not in response.context["form"].fields


def test_an_unknown_rank_kpi_is_refused_with_a_message(client, group_manager, property_a, property_b):
    client.force_login(group_manager)
    response = client.get(reverse("dashboard"), {"property": "all", "rank_by": "nonsense"}, follow=True)
    assert response.status_code == 200
    assert "Some filters were not valid" in response.content.decode()


def test_best_and_weakest_departments_by_kpis_on_target(client_for, property_a):
    front = property_a.departments.get(kind=DepartmentKind.FRONT_OFFICE)
    housekeeping = property_a.departments.get(kind=DepartmentKind.HOUSEKEEPING)
    share(property_a, SATISFACTION, 9, 10, department=front)  # on target
    share(property_a, SATISFACTION, 3, 10, department=housekeeping)  # far from it
    share(property_a, "complaints.on_time_resolution", 10, 10, department=front)
    share(property_a, "complaints.on_time_resolution", 10, 10, department=housekeeping)
    client, _user = client_for(Role.MANAGER)
    response = client.get(reverse("dashboard"), {"period": "7"})
    best = response.context["best_departments"]
    assert best[0].subject == front and (best[0].on_target, best[0].with_target) == (2, 2)
    weakest = response.context["department_lists"][1][1]
    assert weakest[0].subject == housekeeping and (weakest[0].on_target, weakest[0].with_target) == (1, 2)
    page = response.content.decode()
    assert reverse("department_detail", args=[housekeeping.pk]) in page
    assert f"department={housekeeping.pk}" in page  # each figure drills down to the department's records
    detail = client.get(reverse("kpi_detail", args=[SATISFACTION]), {"period": "7", "property": property_a.pk, "department": housekeeping.pk})
    assert detail.context["tile"].value == Decimal(30)


def test_the_comparisons_read_a_fixed_number_of_queries(client, group_manager, property_a, property_b, django_assert_max_num_queries):
    client.force_login(group_manager)
    client.get(reverse("dashboard"), {"property": "all"})  # warm the caches
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("dashboard"), {"property": "all"})
    for i in range(6):
        prop = PropertyFactory(code=f"more-{i}")
        share(prop, SATISFACTION, 5, 10)
    with django_assert_max_num_queries(len(few.captured_queries) + 12):
        # Panels may read a little per property; the comparison itself adds none.
        client.get(reverse("dashboard"), {"property": "all"})
