"""A list counts its rows up to a cap: past it the pages stop and the table says more rows match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facilities.models import AssetCategory
from hotelqa.choices import Role
from hotelqa.lists import CappedCountPaginator
from tests.facilities.factories import AssetCategoryFactory, AssetFactory, LocationFactory

pytestmark = pytest.mark.django_db

MORE = "More than 50 records match; the pages show the first 50."


@pytest.fixture
def two_pages_at_most(monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "MAX_PAGES", 2)  # 50 rows at 25 a page


def assets(property, count):
    category, location = AssetCategoryFactory(property=property), LocationFactory(property=property)
    AssetFactory.create_batch(count, property=property, category=category, location=location)


def test_past_the_cap_the_pages_stop_and_the_table_says_more_match(client_for, property_a, two_pages_at_most):
    client, _ = client_for(Role.SUPERVISOR)
    assets(property_a, 60)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("facilities:asset_list")).content.decode()
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "facilities_asset" in q["sql"]]
    assert counts and all("LIMIT 51" in sql for sql in counts)  # the count stops after the cap
    assert MORE in page
    assert page.count('class="page-link"') and "?page=3" not in page
    # A page past the cap shows the last one it counted, not an error.
    last = client.get(reverse("facilities:asset_list"), {"page": 3})
    assert last.status_code == 200 and last.context["table"].page.number == 2
    client.cookies["django_language"] = "zh-hans"
    assert "符合条件的记录超过 50 条，分页只显示前 50 条" in client.get(reverse("facilities:asset_list")).content.decode()


def test_under_the_cap_the_count_is_exact_and_nothing_is_said(client_for, property_a, two_pages_at_most):
    client, _ = client_for(Role.SUPERVISOR)
    assets(property_a, 30)
    response = client.get(reverse("facilities:asset_list"))
    assert response.context["table"].paginator.count == 30
    assert response.context["table"].paginator.num_pages == 2
    assert "More than" not in response.content.decode()


def test_exactly_the_cap_is_not_more(client_for, property_a, two_pages_at_most):
    client, _ = client_for(Role.SUPERVISOR)
    assets(property_a, 50)
    response = client.get(reverse("facilities:asset_list"))
    assert response.context["table"].paginator.count == 50 and not response.context["table"].paginator.more
    assert "More than" not in response.content.decode()


def test_the_cap_is_2500_rows():
    assert CappedCountPaginator.MAX_PAGES * 25 == 2500


def test_filter_choices_are_read_in_one_query(client_for, property_a):
    """A department or category choice is a plain query, not a server-side cursor (on
    PostgreSQL: declare, fetch and close, three round trips)."""
    client, _ = client_for(Role.SUPERVISOR)
    assets(property_a, 3)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("facilities:asset_list")).content.decode()
    assert not [q for q in queries if "DECLARE" in q["sql"].upper()]
    category = AssetCategory.objects.get(property=property_a)
    assert f'<option value="{category.pk}">{category}</option>' in page  # the choices are still there


@pytest.mark.parametrize("sort", ["", "-name", "category"])
def test_a_deep_page_reads_its_ids_first_and_shows_the_same_rows(client_for, property_a, monkeypatch, sort):
    client, _ = client_for(Role.SUPERVISOR)
    assets(property_a, 60)
    query = {"page": 3, **({"sort": sort} if sort else {})}
    monkeypatch.setattr(CappedCountPaginator, "IDS_FIRST_FROM", 10_000)
    plain = client.get(reverse("facilities:asset_list"), query)
    monkeypatch.setattr(CappedCountPaginator, "IDS_FIRST_FROM", 25)
    with CaptureQueriesContext(connection) as queries:
        deep = client.get(reverse("facilities:asset_list"), query)
    shown = [row.record.pk for row in deep.context["table"].page.object_list]
    assert shown == [row.record.pk for row in plain.context["table"].page.object_list]
    assert len(shown) == 10 and deep.context["table"].page.number == 3
    page_reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT") and 'FROM "facilities_asset"' in q["sql"] and "COUNT(" not in q["sql"].upper()]
    assert any("OFFSET 50" in sql for sql in page_reads)  # the ids, from the list's order
    assert any(" IN (" in sql and "OFFSET" not in sql for sql in page_reads)  # then only the page's rows
