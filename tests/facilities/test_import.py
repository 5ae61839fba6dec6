import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from facilities import importing
from facilities.models import Asset, Location
from hotelqa.choices import Role

from .factories import AssetCategoryFactory, AssetFactory

pytestmark = pytest.mark.django_db

HEADER = "code,name,category,building,floor,location,area_type,install_date,expected_life_years,status\n"


def csv_file(body, name="assets.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, (HEADER + body).encode(encoding), content_type="text/csv")


@pytest.fixture
def admin_client(client_for, property_a):
    AssetCategoryFactory(property=property_a, code="air-conditioning", name="Air-conditioning", name_zh="空调")
    client, _ = client_for(Role.ADMIN)
    return client


def upload(client, f):
    return client.post(reverse("facilities:asset_import"), {"file": f})


def test_good_file_is_previewed_then_imported(admin_client, property_a):
    body = ("AC-301,Split AC,air-conditioning,Main,3,301,guest_room,2019-05-01,10,in_service\n"
            "AC-302,Split AC,空调,Main,3,302,客房,2018/04/01,,\n")
    preview = upload(admin_client, csv_file(body))
    assert preview.status_code == 200
    assert "2 rows are ready to import" in preview.content.decode()
    assert not Asset.objects.exists()  # preview saves nothing
    confirm = admin_client.post(reverse("facilities:asset_import"), {"confirm": "1"})
    assert confirm.status_code == 302
    assets = {a.code: a for a in Asset.objects.select_related("location", "category")}
    assert set(assets) == {"AC-301", "AC-302"}
    assert assets["AC-302"].expected_life_years == 10  # from the category
    assert assets["AC-301"].location.area_type == "guest_room" and Location.objects.count() == 2


def test_a_bad_row_rejects_the_whole_file(admin_client, property_a):
    AssetFactory(property=property_a, code="TAKEN")
    body = ("AC-1,Good,air-conditioning,Main,3,301,guest_room,2019-05-01,10,\n"
            "AC-2,Bad category,toaster,Main,3,302,guest_room,2019-05-01,10,\n"
            "AC-3,Bad date,air-conditioning,Main,3,303,guest_room,yesterday,10,\n"
            "TAKEN,Duplicate,air-conditioning,Main,3,304,guest_room,,,\n"
            "AC-1,Repeated,air-conditioning,Main,3,305,attic,,abc,\n")
    response = upload(admin_client, csv_file(body))
    content = response.content.decode()
    assert response.status_code == 200
    assert "4 rows have errors" in content
    for message in ["Unknown category “toaster”", "is not a date", "TAKEN already exists", "is also on row 2",
                    "Unknown area type “attic”", "whole number of years"]:
        assert message in content
    # Confirming is impossible: nothing was kept for it, nothing saved.
    admin_client.post(reverse("facilities:asset_import"), {"confirm": "1"})
    assert Asset.objects.filter(property=property_a).count() == 1
    assert not Location.objects.filter(name="301").exists()


def test_service_refuses_rows_with_errors(property_a):
    rows = importing.check_rows(property=property_a, rows=[{"code": "X", "name": "", "category": "none", "location": "1", "area_type": "lobby"}])
    with pytest.raises(importing.ImportFileError):
        importing.assets_import(property=property_a, rows=rows)
    assert not Asset.objects.exists()


def test_missing_columns_and_wrong_type(admin_client):
    bad = upload(admin_client, SimpleUploadedFile("a.csv", b"code,name\nA,B\n", content_type="text/csv"))
    assert "Missing columns" in bad.content.decode()
    wrong = upload(admin_client, SimpleUploadedFile("a.txt", b"hello", content_type="text/plain"))
    assert "Upload a .csv or .xlsx file" in wrong.content.decode()


def test_xlsx_with_chinese_headers_and_gbk_csv(admin_client, property_a):
    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "名称", "类别", "楼栋", "楼层", "位置", "区域类型", "安装日期", "使用年限", "状态"])
    ws.append(["AC-9", "空调", "空调", "主楼", 9, "901", "客房", None, 8, "在用"])
    buf = io.BytesIO()
    wb.save(buf)
    f = SimpleUploadedFile("a.xlsx", buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "1 row is ready" in upload(admin_client, f).content.decode()
    admin_client.post(reverse("facilities:asset_import"), {"confirm": "1"})
    asset = Asset.objects.get(code="AC-9")
    assert asset.location.floor == "9" and asset.expected_life_years == 8

    gbk = csv_file("AC-10,空调,空调,主楼,9,902,客房,,,\n", encoding="gb18030")
    assert "1 row is ready" in upload(admin_client, gbk).content.decode()


def test_import_needs_permission(client_for):
    client, _ = client_for(Role.STAFF)
    assert client.get(reverse("facilities:asset_import")).status_code == 403
