"""Reference data in both languages: older "English 中文" rows are split into their two fields,
the demo writes both, and pages show the reader's language."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone, translation

from facilities import demo as facilities_demo
from facilities.models import Asset, InspectionSchedule, Location, WorkOrder
from hotelqa.checklists.models import ChecklistItem, ChecklistTemplate
from hotelqa.choices import Role
from hotelqa.i18n import split_combined
from hotelqa.models import Department
from tests.facilities.factories import AssetFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text, pair", [
    ("Corridor 5F 5楼走廊", ("Corridor 5F", "5楼走廊")),
    ("Guest lift 1 客梯1", ("Guest lift 1", "客梯1")),
    ("Wi-Fi access point 无线AP", ("Wi-Fi access point", "无线AP")),
    ('55" TV 电视', ('55" TV', "电视")),
    ("Hot water within 30 seconds, at least 45 °C 30秒内出热水，不低于45 °C", ("Hot water within 30 seconds, at least 45 °C", "30秒内出热水，不低于45 °C")),
    ("客人反映305水龙头滴水", None),  # Chinese only
    ("网络/Wi-Fi", None),  # no English part before a space
    ("Lobby", None),
    ("大堂 Lobby", None),  # the other way round: not the pattern
    ("Room 305 has a TV", None),
    ("Check the AC unit 检ACU", None),  # more Latin than Chinese after the cut: unclear
])
def test_split_combined_only_where_the_pattern_is_clear(text, pair):
    assert split_combined(text) == pair


def test_older_combined_rows_are_split_into_their_two_fields(property_a):
    location = Location.objects.create(property=property_a, building="Main", floor="3", name="Corridor 3F 3楼走廊", area_type="corridor")
    asset = AssetFactory(property=property_a, location=location, code="FE-3F-1", name="Fire extinguisher 灭火器")
    kept = AssetFactory(property=property_a, location=location, code="TV-1", name="客房电视")
    department = Department.objects.create(property=property_a, kind="other", name="Laundry 洗衣房")
    template = ChecklistTemplate.objects.create(property=property_a, name="Guest room 客房")
    wo = WorkOrder.objects.create(property=property_a, title="x", due_at=timezone.now(), asset=asset, resolution="Repaired and tested 已维修并测试",
                                  event={"kind": "workorder.from_inspection", "params": {
                                      "standard": {"t": "text", "en": "Needle in the green band 指针位于绿色区域"},
                                      "item": {"t": "text", "en": "Pressure gauge", "zh-hans": "压力表"},
                                      "target": {"t": "text", "en": "FE-3F-1 Fire extinguisher 灭火器", "zh-hans": "FE-3F-1 Fire extinguisher 灭火器"},
                                      "found": "—"}})

    importlib.import_module("hotelqa.migrations.0018_split_combined_names").split_names(django_apps, None)
    importlib.import_module("hotelqa.checklists.migrations.0003_split_combined_texts").split_texts(django_apps, None)
    facilities = importlib.import_module("facilities.migrations.0008_chinese_names_of_places_assets_schedules")
    facilities.split_names(django_apps, None)
    facilities.demo_typed_texts(django_apps, None)

    location.refresh_from_db(), asset.refresh_from_db(), kept.refresh_from_db(), department.refresh_from_db(), template.refresh_from_db(), wo.refresh_from_db()
    assert (location.name, location.name_zh) == ("Corridor 3F", "3楼走廊")
    assert (asset.name, asset.name_zh) == ("Fire extinguisher", "灭火器")
    assert (kept.name, kept.name_zh) == ("客房电视", "")  # one language only: left as it was
    assert (department.name, department.name_zh) == ("Laundry", "洗衣房")
    assert (template.name, template.name_zh) == ("Guest room", "客房")
    assert wo.resolution == "已维修并测试"
    with translation.override("zh-hans"):
        assert str(asset) == "FE-3F-1 灭火器" and str(location) == "Main · 3F · 3楼走廊"
        assert wo.display_title == "压力表 — FE-3F-1 灭火器"
        assert "指针位于绿色区域" in wo.finding and "Needle" not in wo.finding
    with translation.override("en"):
        assert str(asset) == "FE-3F-1 Fire extinguisher"
        assert wo.display_title == "Pressure gauge — FE-3F-1 Fire extinguisher"
        assert "Needle in the green band" in wo.finding and "指针" not in wo.finding


@pytest.mark.slow
def test_demo_writes_each_language_in_its_own_field(property_a, member):
    for role, kind in [(Role.STAFF, "engineering"), (Role.SUPERVISOR, "engineering"), (Role.FRONT_DESK, "front_office"), (Role.ADMIN, None)]:
        member(property_a, role, department_kind=kind)
    facilities_demo.seed(properties=[property_a])
    for model, field in [(Location, "name"), (Asset, "name"), (InspectionSchedule, "name"), (ChecklistTemplate, "name"),
                         (ChecklistItem, "text"), (ChecklistItem, "standard")]:
        for value in model.objects.values_list(field, flat=True):
            assert split_combined(value) is None, f"{model.__name__}.{field}: {value}"
    lobby = Location.objects.get(property=property_a, name="Lobby")
    assert lobby.name_zh == "大堂"
    assert ChecklistItem.objects.filter(standard="Needle in the green band", standard_zh="指针位于绿色区域").exists()
    assert not WorkOrder.objects.filter(resolution__contains="Repaired").exists()


def test_pages_show_places_and_assets_in_the_readers_language(client_for, property_a):
    location = Location.objects.create(property=property_a, building="Main", floor="1", name="Lobby", name_zh="大堂", area_type="lobby")
    asset = AssetFactory(property=property_a, location=location, code="LT-1", name="Chandelier", name_zh="水晶吊灯")
    client, _user = client_for(Role.ADMIN)
    for url in (asset.get_absolute_url(), reverse("facilities:asset_list"), location.get_absolute_url(), reverse("facilities:location_list")):
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "大堂" in chinese and "Chandelier" not in chinese and "Lobby" not in chinese, url
        assert "Lobby" in english and "大堂" not in english and "水晶吊灯" not in english, url
