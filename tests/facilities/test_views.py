import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilities import services
from facilities.choices import Frequency
from facilities.models import InspectionSchedule
from hotelqa.choices import Role

from .factories import AssetFactory, InspectionFactory, LocationFactory, ScheduleFactory, published_template, work_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def records_b(property_b):
    """One record of every kind at property B."""
    asset = AssetFactory(property=property_b)
    template = published_template(property_b)
    schedule = ScheduleFactory(property=property_b, template=template)
    inspection = InspectionFactory(property=property_b, version=template.current_version)
    wo = work_order(property_b)
    return {"asset": asset, "location": asset.location, "category": asset.category, "template": template,
            "schedule": schedule, "inspection": inspection, "wo": wo,
            "item": template.current_version.items.first()}


def object_urls(r):
    return [
        ("get", reverse("facilities:asset_detail", args=[r["asset"].pk])),
        ("get", reverse("facilities:asset_update", args=[r["asset"].pk])),
        ("get", reverse("facilities:asset_label", args=[r["asset"].pk])),
        ("get", reverse("facilities:asset_scan", args=[r["asset"].pk])),
        ("post", reverse("facilities:asset_inspect", args=[r["asset"].pk])),
        ("get", reverse("facilities:location_detail", args=[r["location"].pk])),
        ("get", reverse("facilities:location_update", args=[r["location"].pk])),
        ("post", reverse("facilities:location_inspect", args=[r["location"].pk])),
        ("get", reverse("facilities:category_update", args=[r["category"].pk])),
        ("get", reverse("facilities:template_detail", args=[r["template"].pk])),
        ("get", reverse("facilities:template_update", args=[r["template"].pk])),
        ("get", reverse("facilities:template_edit", args=[r["template"].pk])),
        ("get", reverse("facilities:template_item_create", args=[r["template"].pk])),
        ("post", reverse("facilities:template_action", args=[r["template"].pk, "new_draft"])),
        ("get", reverse("facilities:schedule_detail", args=[r["schedule"].pk])),
        ("get", reverse("facilities:schedule_update", args=[r["schedule"].pk])),
        ("post", reverse("facilities:schedule_toggle", args=[r["schedule"].pk])),
        ("get", reverse("facilities:inspection_detail", args=[r["inspection"].pk])),
        ("post", reverse("facilities:inspection_answer", args=[r["inspection"].pk, r["item"].pk])),
        ("post", reverse("facilities:inspection_submit", args=[r["inspection"].pk])),
        ("get", reverse("facilities:workorder_detail", args=[r["wo"].pk])),
        ("post", reverse("facilities:workorder_transition", args=[r["wo"].pk])),
        ("post", reverse("facilities:workorder_photo", args=[r["wo"].pk])),
    ]


def test_other_property_records_are_404_for_every_view(client_for, records_b):
    client, _ = client_for(Role.ADMIN)
    for method, url in object_urls(records_b):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    records_b["schedule"].refresh_from_db()
    assert records_b["schedule"].is_active  # nothing changed


def test_own_property_records_open(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    asset = AssetFactory(property=property_a)
    template = published_template(property_a)
    schedule = ScheduleFactory(property=property_a, template=template)
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    wo = work_order(property_a)
    from hotelqa.checklists.services import checklist_draft_get_or_create

    checklist_draft_get_or_create(template=template)  # the item form edits a draft
    r = {"asset": asset, "location": asset.location, "category": asset.category, "template": template,
         "schedule": schedule, "inspection": inspection, "wo": wo, "item": template.current_version.items.first()}
    for method, url in object_urls(r):
        if method == "get":
            assert client.get(url).status_code == 200, url


LISTS = ["asset_labels", "location_labels", "asset_list", "location_list", "category_list", "template_list", "schedule_list", "inspection_list",
         "workorder_list"]


def test_lists_show_only_the_active_property(client_for, property_a, records_b):
    client, _ = client_for(Role.ADMIN)
    mine = AssetFactory(property=property_a, code="MINE-1")
    work_order(property_a, title="Mine to fix")
    for name in LISTS:
        assert client.get(reverse(f"facilities:{name}")).status_code == 200
    assets = client.get(reverse("facilities:asset_list")).content.decode()
    assert "MINE-1" in assets and records_b["asset"].code not in assets
    orders = client.get(reverse("facilities:workorder_list")).content.decode()
    assert "Mine to fix" in orders and records_b["wo"].number not in orders
    assert mine.location.name in client.get(reverse("facilities:location_list")).content.decode()


def _make_rows(property, n):
    template = published_template(property)
    for _ in range(n):
        asset = AssetFactory(property=property)
        InspectionFactory(property=property, version=template.current_version, location=asset.location)
        work_order(property, asset=asset)


@pytest.mark.parametrize("name", ["asset_labels", "location_labels", "asset_list", "location_list", "inspection_list", "workorder_list", "template_list",
                                  "schedule_list", "category_list"])
def test_list_query_count_does_not_grow_with_rows(client_for, property_a, name, django_assert_max_num_queries):
    client, _ = client_for(Role.ADMIN)
    url = reverse(f"facilities:{name}")
    _make_rows(property_a, 2)
    ScheduleFactory(property=property_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _make_rows(property_a, 20)
    for _ in range(5):
        ScheduleFactory(property=property_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role,url_name,status", [
    (Role.FRONT_DESK, "schedule_create", 403),
    (Role.FRONT_DESK, "workorder_create", 200),
    (Role.FRONT_DESK, "asset_create", 403),
    (Role.STAFF, "template_create", 403),
    (Role.STAFF, "inspection_list", 200),
    (Role.MANAGER, "workorder_list", 200),
    (Role.MANAGER, "workorder_create", 403),
    (Role.TRAINER, "inspection_list", 403),
    (Role.ADMIN, "sla_edit", 200),
    (Role.SUPERVISOR, "sla_edit", 403),
    (Role.ADMIN, "asset_import", 200),
])
def test_role_access(client_for, role, url_name, status):
    client, _ = client_for(role)
    assert client.get(reverse(f"facilities:{url_name}")).status_code == status


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("facilities:inspection_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_landing_shows_inspections_due_today(client_for, property_a):
    client, user = client_for(Role.STAFF, department_kind="engineering")
    room = LocationFactory(property=property_a, name="Room 808")
    ScheduleFactory(property=property_a, locations=[room], assignee=user, starts_on=timezone.localdate(),
                    window_start=dt.time(0, 0), window_hours=24)
    from facilities.scheduling import inspections_generate

    inspections_generate()
    content = client.get("/").content.decode()
    assert "My inspections due today" in content and "Room 808" in content


def test_supervisor_landing_lists_overdue_work_orders(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind="engineering")
    wo = work_order(property_a, title="Broken lift button")
    type(wo).objects.filter(pk=wo.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    content = client.get("/").content.decode()
    assert "Overdue work orders" in content and "Broken lift button" in content


def test_qr_label_is_inline_svg_pointing_to_the_scan_page(client_for, property_a):
    client, _ = client_for(Role.STAFF)
    asset = AssetFactory(property=property_a)
    content = client.get(reverse("facilities:asset_label", args=[asset.pk])).content.decode()
    assert "<svg" in content and asset.code in content
    other = AssetFactory(property=property_a, status="retired")
    sheet = client.get(reverse("facilities:asset_labels") + "?status=in_service").content.decode()
    assert asset.code in sheet and other.code not in sheet and sheet.count('class="label-card"') == 1


def test_scan_starts_an_adhoc_inspection(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    asset = AssetFactory(property=property_a)
    template = published_template(property_a)
    response = client.post(reverse("facilities:asset_inspect", args=[asset.pk]), {"template": template.pk})
    inspection = asset.inspections.get()
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    assert inspection.schedule is None and inspection.assignee == user and inspection.status == "in_progress"


def test_report_defect_form(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    asset = AssetFactory(property=property_a)
    page = client.get(reverse("facilities:workorder_create") + f"?asset={asset.pk}")
    assert page.status_code == 200
    bad = client.post(reverse("facilities:workorder_create"), {"title": "No place given", "priority": "normal"})
    assert bad.status_code == 200 and "Say where the defect is" in bad.content.decode()
    assert "No place given" in bad.content.decode()  # typed input kept
    ok = client.post(reverse("facilities:workorder_create"), {"title": "TV dead", "priority": "high", "asset": asset.pk})
    wo = asset.work_orders.get()
    assert ok.status_code == 302 and wo.reported_by == user and wo.location == asset.location


def test_transition_view_shows_errors_next_to_fields(client_for, property_a, member):
    client, _ = client_for(Role.SUPERVISOR, department_kind="engineering")
    wo = work_order(property_a)
    response = client.post(reverse("facilities:workorder_transition", args=[wo.pk]), {"to_status": "assigned"})
    assert response.status_code == 400 and "Choose who will do the repair" in response.content.decode()
    staff = member(property_a, Role.STAFF, department_kind="engineering")
    response = client.post(reverse("facilities:workorder_transition", args=[wo.pk]), {"to_status": "assigned", "assignee": staff.pk})
    assert response.status_code == 302
    wo.refresh_from_db()
    assert wo.status == "assigned" and wo.assignee == staff


def test_staff_cannot_verify_through_the_view(client_for, property_a, member):
    client, user = client_for(Role.STAFF, department_kind="engineering")
    wo = work_order(property_a, assignee=user)
    from facilities.choices import WorkOrderStatus as S

    services.work_order_transition(work_order=wo, to_status=S.IN_PROGRESS, actor=user)
    services.work_order_transition(work_order=wo, to_status=S.DONE, actor=user, resolution="x")
    assert client.post(reverse("facilities:workorder_transition", args=[wo.pk]), {"to_status": "verified"}).status_code == 403


def test_template_builder_flow(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    response = client.post(reverse("facilities:template_create"), {"name": "Lobby 大堂", "kind": "inspection", "is_active": "on"})
    from facilities.models import ChecklistTemplate

    template = ChecklistTemplate.objects.get(name="Lobby 大堂")
    assert response.status_code == 302
    action = lambda a, **d: client.post(reverse("facilities:template_action", args=[template.pk, a]), d)  # noqa: E731
    action("add_section", title="Floor")
    section = template.versions.get().sections.get()
    add = reverse("facilities:template_item_create", args=[template.pk])
    bad = client.post(add, {"section": section.pk, "text": "Temp", "answer_type": "number", "weight": "1"})
    assert bad.status_code == 200 and "needs a minimum" in bad.content.decode()
    client.post(add, {"section": section.pk, "text": "Floor dry", "answer_type": "pass_fail", "weight": "2", "critical": "on", "required": "on"})
    action("publish")
    template.refresh_from_db()
    assert template.current_version.number == 1 and template.current_version.items.get().critical
    action("new_draft")
    assert template.versions.count() == 2


def test_schedule_form_validation_and_pause(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    template = published_template(property_a)
    room = LocationFactory(property=property_a)
    url = reverse("facilities:schedule_create")
    data = {"name": "Rooms", "template": template.pk, "scope_kind": "locations", "frequency": "weekly",
            "starts_on": "2026-03-01", "window_start": "09:00", "window_hours": "8"}
    bad = client.post(url, data)
    content = bad.content.decode()
    assert bad.status_code == 200 and "Choose at least one room or area" in content and "Choose at least one weekday" in content
    bad = client.post(url, {**data, "frequency": "rrule", "rrule": "FREQ=NEVER", "locations": [room.pk]})
    assert "not a valid RRULE" in bad.content.decode()
    ok = client.post(url, {**data, "locations": [room.pk], "weekdays": ["0", "4"]})
    schedule = InspectionSchedule.objects.get()
    assert ok.status_code == 302 and schedule.weekdays == "0,4" and schedule.frequency == Frequency.WEEKLY
    client.post(reverse("facilities:schedule_toggle", args=[schedule.pk]))
    schedule.refresh_from_db()
    assert not schedule.is_active


@pytest.mark.parametrize("lang,expected", [("en", "Work orders"), ("zh-hans", "维修工单")])
def test_pages_render_in_english_and_chinese(client_for, property_a, lang, expected):
    client, _ = client_for(Role.ADMIN)
    asset = AssetFactory(property=property_a)
    wo = work_order(property_a, asset=asset)
    client.cookies["django_language"] = lang
    for url in [reverse("facilities:workorder_list"), reverse("facilities:asset_detail", args=[asset.pk]),
                reverse("facilities:workorder_detail", args=[wo.pk]), reverse("facilities:inspection_list")]:
        response = client.get(url)
        assert response.status_code == 200
        assert expected in response.content.decode(), url


def test_chinese_inspection_form(client_for, property_a):
    client, user = client_for(Role.STAFF)
    inspection = InspectionFactory(property=property_a)
    client.cookies["django_language"] = "zh-hans"
    content = client.get(inspection.get_absolute_url()).content.decode()
    assert "提交检查" in content and "合格" in content


def _filled_inspection(property, user, n_items):
    from hotelqa.checklists.choices import AnswerType
    from .factories import item

    template = published_template(property, [item(f"Item {i}", AnswerType.PASS_FAIL if i % 2 else AnswerType.SCORE) for i in range(n_items)])
    inspection = InspectionFactory(property=property, version=template.current_version)
    for it in template.current_version.items.all():
        services.inspection_answer(inspection=inspection, item=it, actor=user, value=True if it.answer_type == "pass_fail" else 2)
    return inspection


@pytest.mark.parametrize("submit", [False, True])
def test_inspection_page_query_count_does_not_grow_with_items(client_for, property_a, submit, django_assert_max_num_queries):
    client, user = client_for(Role.SUPERVISOR, department_kind="engineering")
    small, large = _filled_inspection(property_a, user, 2), _filled_inspection(property_a, user, 20)
    if submit:
        for i in (small, large):
            services.inspection_submit(inspection=i, actor=user)
    with CaptureQueriesContext(connection) as few:
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(large.get_absolute_url()).status_code == 200


def test_a_record_page_takes_its_property_from_the_memberships(client_for, property_a):
    """The inspection's property is the one read with the user's memberships for the top bar:
    no query reads it again."""
    client, user = client_for(Role.STAFF, department_kind="engineering")
    inspection = _filled_inspection(property_a, user, 2)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(inspection.get_absolute_url())
    assert response.status_code == 200 and "Item 1" in response.content.decode()
    assert [q["sql"] for q in queries if q["sql"].startswith('SELECT "hotelqa_property"."id"')] == []


def test_work_order_page_query_count_does_not_grow_with_history(client_for, property_a, member, django_assert_max_num_queries):
    from facilities.choices import WorkOrderStatus as S

    client, supervisor = client_for(Role.SUPERVISOR, department_kind="engineering")
    staff = member(property_a, Role.STAFF, department_kind="engineering")
    short, long = work_order(property_a), work_order(property_a)
    for _ in range(5):
        long = services.work_order_transition(work_order=long, to_status=S.ASSIGNED, actor=supervisor, assignee=staff)
    with CaptureQueriesContext(connection) as few:
        assert client.get(short.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(long.get_absolute_url()).status_code == 200


def test_photos_are_served_only_to_users_who_may_see_the_record(client_for, property_a, property_b, tmp_path, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from facilities import services as facility_services
    from tests.facilities.factories import work_order

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    staff, user = client_for(Role.STAFF, department_kind="engineering")
    wo = work_order(property_a, actor=user)
    photo = facility_services.work_order_photo_add(work_order=wo, image=SimpleUploadedFile("leak.png", buffer.getvalue()), actor=user, caption="")
    assert "leak" not in photo.image.name  # stored under a random name
    url = reverse("facilities:workorder_photo_file", args=[photo.pk])
    assert url in staff.get(wo.get_absolute_url()).content.decode()
    response = staff.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    other, _ = client_for(Role.STAFF, property=property_b)
    assert other.get(url).status_code == 404
    trainer, _ = client_for(Role.TRAINER)
    assert trainer.get(url).status_code == 403
    from django.test import Client

    assert Client().get(url).status_code == 302


def test_checklist_list_is_in_name_order(client_for, property_a):
    # The version count is an aggregate, which drops the model's default ordering.
    client, _ = client_for(Role.ADMIN)
    for name in ("Pool area", "Fire safety", "Lobby"):
        published_template(property_a, name=name)
    page = client.get(reverse("facilities:template_list")).content.decode()
    assert page.index("Fire safety") < page.index("Lobby") < page.index("Pool area")


def form_post_data(form, **changes):
    """What a browser would post from `form` as rendered, with `changes` typed in."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if getattr(form.fields[name].widget, "allow_multiple_selected", False):
            data[name] = [str(v) for v in value or []]  # ticked boxes only
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = str(value)
    data.update(changes)
    return data


def two_tabs_edit(client, url, first, second):
    """Two tabs open the edit form; the second saves `second`, then the first saves `first`."""
    tab1 = client.get(url).context["form"]
    tab2 = client.get(url).context["form"]
    saved = client.post(url, form_post_data(tab2, **second))
    assert saved.status_code == 302, saved.context["form"].errors
    return client.post(url, form_post_data(tab1, **first))


@pytest.mark.parametrize("kind", ["asset", "schedule"])
def test_two_tabs_editing_the_same_record_never_silently_overwrite(client_for, property_a, kind):
    client, _ = client_for(Role.ADMIN)
    if kind == "asset":
        record = AssetFactory(property=property_a, name="Lift A")
        url = reverse("facilities:asset_update", args=[record.pk])
    else:
        record = ScheduleFactory(property=property_a, template=published_template(property_a), name="Lift A")
        url = reverse("facilities:schedule_update", args=[record.pk])

    response = two_tabs_edit(client, url, first={"name": "Lift A (first tab)"}, second={"name": "Lift A (second tab)"})

    assert response.status_code == 409
    record.refresh_from_db()
    assert record.name == "Lift A (second tab)"  # the save that came first stands
    page = response.content.decode()
    assert "Someone else saved this record" in page and "now “Lift A (second tab)”" in page  # what changed
    assert 'value="Lift A (first tab)"' in page  # the input is kept
    # Saving again on purpose, from the form as shown now, goes through.
    assert client.post(url, form_post_data(response.context["form"])).status_code == 302
    record.refresh_from_db()
    assert record.name == "Lift A (first tab)"


def test_an_edit_that_meets_no_other_save_goes_through(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    asset = AssetFactory(property=property_a, name="Lift A")
    url = reverse("facilities:asset_update", args=[asset.pk])
    assert client.post(url, form_post_data(client.get(url).context["form"], name="Lift B")).status_code == 302
    asset.refresh_from_db()
    assert asset.name == "Lift B"


def test_a_checklist_item_edited_in_two_tabs_refuses_the_stale_save_and_names_the_defect_category(client_for, property_a):
    from facilities.selectors import defect_category

    from .factories import AssetCategoryFactory, item

    client, _ = client_for(Role.ADMIN)
    lift = AssetCategoryFactory(property=property_a, code="lift", name="Lift")
    template = published_template(property_a, [item("Door closes")])
    draft_item = draft_item_of(template)
    url = reverse("facilities:template_item_update", args=[template.pk, draft_item.pk])

    response = two_tabs_edit(client, url, first={"text": "Door closes gently"}, second={"defect_category": str(lift.pk)})

    assert response.status_code == 409
    draft_item.refresh_from_db()
    assert draft_item.text == "Door closes" and defect_category(draft_item) == lift
    assert "now “Lift”" in response.content.decode()


def draft_item_of(template):
    from hotelqa.checklists.services import checklist_draft_get_or_create

    return checklist_draft_get_or_create(template=template).items.get()


def test_the_django_admin_refuses_a_stale_change_too(client, property_a):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    asset = AssetFactory(property=property_a, name="Lift A")
    url = reverse("admin:facilities_asset_change", args=[asset.pk])
    tab1 = client.get(url).context["adminform"].form
    tab2 = client.get(url).context["adminform"].form
    assert client.post(url, form_post_data(tab2, name="Lift A (second tab)")).status_code == 302
    response = client.post(url, form_post_data(tab1, name="Lift A (first tab)"))
    assert response.status_code == 200  # the admin shows the form again with the error
    asset.refresh_from_db()
    assert asset.name == "Lift A (second tab)"
    assert "Someone else saved this record" in response.content.decode()
