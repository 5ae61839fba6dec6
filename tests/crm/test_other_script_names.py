"""A guest's name in both scripts (姓名 and 拼音/英文名, as the PMS keeps them): each reader sees
the one of their language first, staff edit both side by side, the type-ahead finds either."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from crm import selectors
from crm.models import Guest
from hotelqa.choices import Role
from hotelqa.i18n import is_chinese, reader_first

from .factories import GuestFactory

pytestmark = pytest.mark.django_db


def test_the_name_in_the_readers_script_comes_first():
    guest = Guest(name="张伟", other_name="Zhang Wei")
    foreign = Guest(name="Sophie Martin", other_name="苏菲·马丁")
    with translation.override("zh-hans"):
        assert guest.names == ("张伟", "Zhang Wei") and foreign.names == ("苏菲·马丁", "Sophie Martin")
    with translation.override("en"):
        assert guest.names == ("Zhang Wei", "张伟") and foreign.shown_name == "Sophie Martin"
        assert Guest(name="张伟").names == ("张伟", "") and Guest(name="Li Na", other_name="Lina").names == ("Li Na", "Lina")
    assert is_chinese("王 Wang") and not is_chinese("Zhang Wei") and not is_chinese("，。")
    assert reader_first("", "Zhang") == ("Zhang", "")


def test_guest_pages_show_the_readers_name_first_with_the_other_beside_it(client_for, property_a):
    guest = GuestFactory(property=property_a, name="张伟", other_name="Zhang Wei")
    client, _ = client_for(Role.FRONT_DESK)
    detail = reverse("crm:guest_detail", args=[guest.pk])
    page = client.get(detail).content.decode()
    assert '<title>Zhang Wei' in page and 'Zhang Wei <span class="guest-other-name' in page and 'lang="zh-Hans" data-other-name>张伟</span>' in page
    page = client.get(reverse("crm:guest_list")).content.decode()
    assert 'Zhang Wei <span class="guest-other-name' in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(detail).content.decode()
    assert '<title>张伟' in page and '张伟 <span class="guest-other-name' in page and 'lang="en" data-other-name>Zhang Wei</span>' in page
    page = client.get(reverse("crm:guest_search"), {"q": "张伟"}).content.decode()
    assert 'data-guest-label="张伟' in page and '张伟 <span class="guest-other-name' in page


def test_the_type_ahead_finds_a_guest_by_the_other_script_name(client_for, property_a, django_assert_max_num_queries):
    zhang = GuestFactory(property=property_a, name="张伟", other_name="Zhang Wei")
    GuestFactory(property=property_a, name="Zhao Li")
    GuestFactory(property=property_a, name="苏菲·马丁", other_name="Sophie Martin")
    client, _ = client_for(Role.FRONT_DESK)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("crm:guest_search"), {"q": "Zhang"}).content.decode()
    assert f'data-guest-id="{zhang.pk}"' in page and page.count("data-guest-id=") == 1
    # Short queries match the start of either name; longer ones anywhere in either.
    assert [g.name for g in selectors.guest_search(property=property_a, query="zh")] == ["Zhao Li", "张伟"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="wei")] == ["张伟"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="Martin")] == ["苏菲·马丁"]
    assert [g.name for g in client.get(reverse("crm:guest_list"), {"q": "Sophie"}).context["guests"]] == ["苏菲·马丁"]


def test_the_profile_form_edits_both_names_side_by_side(client_for, property_a):
    guest = GuestFactory(property=property_a, name="Chen Mei")
    desk, _ = client_for(Role.FRONT_DESK)
    url = reverse("crm:guest_edit", args=[guest.pk])
    page = desk.get(url).content.decode()
    assert 'name="name"' in page and 'name="other_name"' in page and "Other-script name" in page
    form = {"name": "陈美", "other_name": "Chen Mei", "phone": guest.phone, "email": "", "guest_type": "leisure", "language": "zh-hans"}
    assert desk.post(url, form).status_code == 302
    guest.refresh_from_db()
    assert (guest.name, guest.other_name) == ("陈美", "Chen Mei")
    form["other_name"] = "C" * 121
    page = desk.post(url, form).content.decode()
    assert "Ensure this value has at most 120 characters (it has 121)." in page
    desk.cookies["django_language"] = "zh-hans"
    page = desk.get(url).content.decode()
    assert "另一种写法的姓名" in page


def test_anonymization_erases_the_other_script_name_too(property_a, member):
    from crm import services

    guest = GuestFactory(property=property_a, name="张伟", other_name="Zhang Wei")
    services.guest_anonymize(guest=guest, actor=member(property_a, Role.ADMIN))
    guest.refresh_from_db()
    assert guest.other_name == "" and guest.name == f"#{guest.pk}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the other-script name's indexes are PostgreSQL's")
def test_the_other_script_name_is_searched_through_its_indexes(property_a):
    GuestFactory(property=property_a, name="张伟", other_name="Zhang Wei")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    short = selectors._name_or_phone_matches("Zh", 8, True).explain()
    assert "crm_guest_name_key" in short and "crm_guest_other_name_key" in short
    # Longer queries: a BitmapOr of crm_guest_name_trgm and this one (a handful of rows plan otherwise).
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'crm_guest_other_name_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]
