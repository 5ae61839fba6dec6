"""Bad input found by an attack run, one test per cause: each answers with a message or a 4xx,
never a 500, and saves nothing. Run on PostgreSQL too (CI sets DATABASE_URL), which refuses NUL
bytes and over-long values that SQLite stores silently."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hotelqa.checklists.models import ChecklistSection
from facilities.models import Asset, Location, WorkOrderSla
from hotelqa.choices import Role
from tests.facilities.factories import AssetCategoryFactory, published_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client_for):
    client, _user = client_for(Role.ADMIN)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("action, field", [("section_up", "section"), ("section_delete", "section"), ("item_down", "item")])
@pytest.mark.parametrize("value", ["abc", "", "1.5", "²", "\x00", "9" * 30])
def test_checklist_draft_action_with_a_bad_id_is_not_found(admin, property_a, action, field, value):
    template = published_template(property_a)
    admin.post(reverse("facilities:template_action", args=[template.pk, "new_draft"]))
    sections = ChecklistSection.objects.count()
    response = admin.post(reverse("facilities:template_action", args=[template.pk, action]), {field: value})
    assert response.status_code in (400, 404)
    assert ChecklistSection.objects.count() == sections


@pytest.mark.parametrize("query", ["start=2026-02-30", "end=2026-13-01", "start=yesterday&end=2026-01-01", "start=99999-01-01"])
def test_an_impossible_date_in_the_notification_drilldown_is_refused_with_a_message(admin, query):
    response = admin.get(f"/notifications/?scope=property&{query}")
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()


@pytest.mark.parametrize("url", ["/crm/guests/search/?q=li%00", "/crm/guests/?q=%00%00", "/complaints/?q=%00", "/facilities/assets/?q=a%00b"])
def test_a_nul_byte_in_a_search_is_refused(admin, url):
    response = admin.get(url)
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


def test_a_nul_byte_in_a_posted_value_is_refused_and_saves_nothing(admin, property_a):
    response = admin.post(reverse("facilities:location_create"), {"building": "Main\x00", "floor": "1", "name": "101", "area_type": "guest_room"})
    assert response.status_code == 400
    assert not Location.objects.exists()


@pytest.mark.parametrize("token", ["%00", "a%00b", "x" * 5000])
def test_the_guest_page_with_a_nul_or_huge_token_is_not_a_server_error(token):
    response = Client(raise_request_exception=False).get(f"/complaints/g/{token}/")
    assert response.status_code in (400, 404)


def test_the_work_order_sla_formset_refuses_an_extra_form(admin, property_a):
    page = admin.get(reverse("facilities:sla_edit"))
    formset = page.context["formset"]
    count = len(formset.forms)
    data = {"form-TOTAL_FORMS": str(count + 1), "form-INITIAL_FORMS": str(count), "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
    for index, form in enumerate(formset.forms):
        data.update({f"form-{index}-id": form.instance.pk, f"form-{index}-resolve_hours": "8", f"form-{index}-warn_hours": "1"})
    data.update({f"form-{count}-id": "", f"form-{count}-resolve_hours": "4", f"form-{count}-warn_hours": "1"})
    slas = WorkOrderSla.objects.count()
    response = admin.post(reverse("facilities:sla_edit"), data)
    assert response.status_code < 500
    assert WorkOrderSla.objects.count() == slas


IMPORT_HEADER = "code,name,category,building,floor,location,area_type,manufacturer\n"


@pytest.mark.parametrize(
    "row, problem",
    [
        ("AC-1,Split AC,ac,{long},3,301,guest_room,Daikin", "building is longer than"),
        ("AC-1,Split AC,ac,Main,{long},301,guest_room,Daikin", "floor is longer than"),
        ("AC-1,Split AC,ac,Main,3,301,guest_room,{long}", "manufacturer is longer than"),
        ("AC-1,Split AC,ac,Main\x00,3,301,guest_room,Daikin", "building holds a character that is not allowed"),
        ("AC-1,Split AC,ac,Main,3\x00,301,guest_room,Daikin", "floor holds a character that is not allowed"),
        ("AC-1,Split AC,ac,Main,3,301,guest_room,Dai\x00kin", "manufacturer holds a character that is not allowed"),
        ("AC-1\x00,Split AC,ac,Main,3,301,guest_room,Daikin", "code holds a character that is not allowed"),
    ],
)
def test_asset_import_shows_overlong_or_nul_values_per_row_and_confirm_never_fails(admin, property_a, row, problem):
    AssetCategoryFactory(property=property_a, code="ac", name="AC")
    body = (IMPORT_HEADER + row.format(long="x" * 300) + "\n").encode()
    preview = admin.post(reverse("facilities:asset_import"), {"file": SimpleUploadedFile("assets.csv", body)})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "1 row has errors" in text or "rows have errors" in text
    assert problem in text
    confirm = admin.post(reverse("facilities:asset_import"), {"confirm": "1"})
    assert confirm.status_code < 500
    assert not Asset.objects.exists() and not Location.objects.exists()


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_a_ten_thousand_character_username_at_login_is_refused_with_a_message(url):
    client = Client(raise_request_exception=False)
    response = client.post(url, {"username": "u" * 10_000, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


def test_a_superscript_digit_as_an_asset_id_opens_the_report_form_without_it(admin):
    response = admin.get("/facilities/work-orders/new/?asset=%C2%B2")
    assert response.status_code == 200  # a superscript digit is not an id: the form opens without it
