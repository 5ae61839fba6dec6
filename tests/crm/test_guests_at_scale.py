"""The guest list and the type-ahead at millions of guests: the list is paged without counting
the group's guests, and names are matched by their start (short queries, such as a two-character
Chinese name) or anywhere (three characters or more)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crm import selectors
from crm.models import Guest
from hotelqa.choices import Role

from .factories import GuestFactory

pytestmark = pytest.mark.django_db


def _guests(property, count):
    start = timezone.now() - dt.timedelta(days=1)
    return [GuestFactory(property=property, name=f"Guest {i:02d}", created_at=start + dt.timedelta(minutes=i)) for i in range(count)]


def test_the_guest_list_pages_without_counting_the_guests(client_for, property_a, django_assert_max_num_queries):
    guests = _guests(property_a, 30)
    client, _ = client_for(Role.MANAGER)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(20):
        page = client.get(reverse("crm:guest_list")).content.decode()
    assert not any("COUNT(" in q["sql"].upper() and "crm_guest" in q["sql"] for q in queries.captured_queries)
    assert "Guest 29" in page and "Guest 05" in page and "Guest 04" not in page  # latest recorded first, 25 a page
    assert "Page 1<" in page and "Page 1 of" not in page and "page=2" in page and "Previous" not in page
    page = client.get(reverse("crm:guest_list"), {"page": 2}).content.decode()
    assert "Guest 04" in page and "Guest 00" in page and "Guest 05" not in page
    assert "Page 2<" in page and "Previous" in page and "page=3" not in page
    assert client.get(reverse("crm:guest_list"), {"page": 3}).status_code == 404
    assert client.get(reverse("crm:guest_list"), {"page": "x"}).status_code == 404
    guests[29].anonymized_at = timezone.now()
    guests[29].save()
    assert "Guest 29" not in client.get(reverse("crm:guest_list")).content.decode()


def test_the_guest_list_stops_after_its_last_page_and_says_to_search(client_for, property_a, monkeypatch):
    monkeypatch.setattr(selectors.UncountedPaginator, "MAX_PAGES", 1)
    _guests(property_a, 30)
    client, _ = client_for(Role.MANAGER)
    page = client.get(reverse("crm:guest_list")).content.decode()
    assert "page=2" not in page and "The list stops here: search by name, phone or room to find other guests." in page
    assert client.get(reverse("crm:guest_list"), {"page": 2}).status_code == 404
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("crm:guest_list")).content.decode()
    assert "列表到此为止：按姓名、电话或房号搜索其他客人。" in page


def test_a_short_page_list_reads_in_chinese(client_for, property_a):
    _guests(property_a, 30)
    client, _ = client_for(Role.MANAGER)
    client.cookies["django_language"] = "zh-hans"
    assert "第 1 页<" in client.get(reverse("crm:guest_list")).content.decode()


def test_a_search_on_the_list_still_shows_its_total_of_pages(client_for, property_a):
    for i in range(30):
        GuestFactory(property=property_a, name=f"Wang {i:02d}")
    client, _ = client_for(Role.MANAGER)
    page = client.get(reverse("crm:guest_list"), {"q": "Wang"}).content.decode()
    assert "Page 1 of 2" in page and "Wang 00" in page


def test_two_chinese_characters_find_names_starting_with_them(property_a):
    for name in ("王军", "王军华", "李王军", "王芳", "Wang Jun"):
        GuestFactory(property=property_a, name=name)
    assert [g.name for g in selectors.guest_search(property=property_a, query="王军")] == ["王军", "王军华"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="王")] == []  # one character is too short


def test_three_characters_find_names_containing_them_in_name_order(property_a):
    for name in ("张李秀英", "李秀英", "李秀", "Emma Brown", "Gemma Li", "emmanuel"):
        GuestFactory(property=property_a, name=name)
    assert [g.name for g in selectors.guest_search(property=property_a, query="李秀英")] == ["张李秀英", "李秀英"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="emm")] == ["Emma Brown", "emmanuel", "Gemma Li"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="em")] == ["Emma Brown", "emmanuel"]  # start, any case


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the name key and list indexes are PostgreSQL's plans")
def test_short_names_and_the_list_read_their_ordered_indexes(property_a):
    _guests(property_a, 3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    assert "crm_guest_name_key" in selectors._name_or_phone_matches("王军", 8, True).explain()
    assert "crm_guest_latest" in Guest.objects.active().order_by("-created_at", "-pk")[:26].explain()
