"""PMS stay import: encodings, mapping remembered, preview, per-row errors, all or nothing,
idempotent by reservation number, large files through Celery."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crm import importing, services
from crm.models import Guest, Stay, StayImport, StayImportMapping
from crm.services import imports as import_services
from hotelqa.choices import Role

from .factories import GuestFactory, RoomFactory

pytestmark = pytest.mark.django_db

HEADER = "预订号,客人姓名,手机,证件号码,房号,入住日期,离店日期,消费\n"
ROWS = "R1001,王芳,13911112222,,1208,2026-05-01,2026-05-03,1280.50\nR1002,Anna Schmidt,,X1234567,1209,2026/05/02,2026/05/04,￥900\n"


def upload(client, content, name="arrivals.csv"):
    response = client.post(reverse("crm:stayimport_create"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return StayImport.objects.latest("pk")


def map_and_check(client, imp, mapping=None):
    if mapping is None:
        form = client.get(reverse("crm:stayimport_detail", args=[imp.pk])).context["form"]
        mapping = {name: form[name].value() or "" for name in form.fields}
    client.post(reverse("crm:stayimport_detail", args=[imp.pk]), mapping)
    imp.refresh_from_db()
    return imp


def run(client, imp):
    client.post(reverse("crm:stayimport_detail", args=[imp.pk]), {"action": "import"})
    imp.refresh_from_db()
    return imp


@pytest.fixture
def rooms(property_a):
    return [RoomFactory(property=property_a, number=n) for n in ("1208", "1209")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_a_csv_in_each_encoding_imports_with_chinese_headers_guessed(client_for, property_a, rooms, encoding):
    client, _ = client_for(Role.MANAGER)
    imp = map_and_check(client, upload(client, (HEADER + ROWS).encode(encoding)))
    assert imp.status == "preview" and imp.preview[0]["guest_name"] == "王芳" and not Stay.objects.exists()
    imp = run(client, imp)
    assert imp.status == "done" and (imp.created, imp.updated, imp.unchanged) == (2, 0, 0)
    stay = Stay.objects.get(reservation_number="R1001")
    assert stay.guest.name == "王芳" and stay.room.number == "1208" and stay.room_nights == 2 and str(stay.spend) == "1280.50"
    assert Stay.objects.get(reservation_number="R1002").arrival == dt.date(2026, 5, 2)


def test_reimporting_the_same_file_changes_nothing_and_a_corrected_file_updates(client_for, property_a, rooms):
    client, _ = client_for(Role.MANAGER)
    run(client, map_and_check(client, upload(client, (HEADER + ROWS).encode())))
    before = list(Stay.objects.order_by("pk").values())
    guests = Guest.objects.count()
    again = run(client, map_and_check(client, upload(client, (HEADER + ROWS).encode())))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert list(Stay.objects.order_by("pk").values()) == before and Guest.objects.count() == guests
    corrected = run(client, map_and_check(client, upload(client, (HEADER + ROWS.replace("2026-05-03", "2026-05-05")).encode())))
    assert (corrected.created, corrected.updated, corrected.unchanged) == (0, 1, 1)
    assert Stay.objects.get(reservation_number="R1001").departure == dt.date(2026, 5, 5)


def test_a_guest_known_at_another_property_is_found_not_duplicated(client_for, property_a, property_b, rooms):
    known = GuestFactory(property=property_b, name="Wang Fang", phone="13911112222")
    client, _ = client_for(Role.MANAGER)
    run(client, map_and_check(client, upload(client, (HEADER + ROWS).encode())))
    assert Stay.objects.get(reservation_number="R1001").guest == known
    assert Guest.objects.filter(id_number="X1234567").get().home_property == property_a


def test_bad_rows_are_listed_and_nothing_is_saved(client_for, property_a, rooms):
    bad = (
        "R1,王芳,13911112222,,1208,2026-13-01,2026-05-03,100\n"      # no such month
        "R2,,13911113333,,1208,2026-05-01,2026-05-03,100\n"          # no name
        "R3,李伟,,,9999,2026-05-01,2026-05-03,100\n"                 # unknown room
        "R4,赵敏,,,1208,2026-05-05,2026-05-03,100\n"                 # departs before arriving
        "R5,孙丽,,,1208,2026-05-01,2026-05-03,lots\n"                # not an amount
        "R1,王芳,13911112222,,1208,2026-05-01,2026-05-03,100\n"      # the same reservation twice
        "R7,周杰,,,1209,2026-05-01,2026-05-03,100\n"                 # a good row
    )
    client, _ = client_for(Role.MANAGER)
    imp = map_and_check(client, upload(client, (HEADER + bad).encode("gbk")))
    assert imp.status == "failed" and imp.error_count == 6
    page = client.get(reverse("crm:stayimport_detail", args=[imp.pk])).content.decode()
    for message in ("“2026-13-01” is not a date", "Guest name is empty.", "There is no room “9999” at this property.",
                    "Departure cannot be before arrival.", "“lots” is not an amount.", "Reservation R1 is also on line 2."):
        assert message in page, message
    assert run(client, imp).status == "failed"  # the import button does nothing for a refused file
    assert not Stay.objects.exists() and not Guest.objects.exists()


def test_errors_name_the_files_own_lines_past_blank_rows_and_values_the_database_would_refuse(client_for, property_a, rooms):
    long_email = "a" * 250 + "@example.com"  # a valid address, longer than a guest's e-mail holds
    content = (
        "Reservation,Name,Email,Room,Arrival,Departure,Nights\n"
        "N1,王芳,,1208,2026-05-01,2026-05-03,2\n"
        ",,,,,,\n"                                                   # line 3: blank
        "\n"                                                          # line 4: empty
        "N2,李伟,,1208,2026-05-01,2026-05-03,3000000000\n"           # line 5: more nights than any stay
        "N3,赵敏,,1209,2026-05-01,2026-05-03,1e999999999\n"          # line 6
        f"N4,孙丽,{long_email},1209,2026-05-01,2026-05-03,2\n"       # line 7
    )
    client, _ = client_for(Role.MANAGER)
    imp = map_and_check(client, upload(client, content.encode()))
    assert imp.status == "failed"
    assert sorted((e["row"], e["field"]) for e in imp.errors) == [(5, "room_nights"), (6, "room_nights"), (7, "email")]
    assert not Stay.objects.exists()


def test_an_import_that_fails_unexpectedly_is_failed_not_left_running(property_a, rooms, monkeypatch):
    from django.core.files.base import ContentFile

    imp = StayImport(property=property_a, file_name="a.csv", total_rows=2, status="preview", confirmed=True,
                     mapping=importing.guess_mapping(HEADER.strip().split(",")))
    imp.file.save("a.csv", ContentFile((HEADER + ROWS).encode()), save=False)
    imp.save()

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(import_services, "write_rows", broken)
    with pytest.raises(RuntimeError):
        import_services.import_process(imp.pk)
    imp.refresh_from_db()
    assert imp.status == "failed" and imp.errors[0]["message"] == "The import stopped on an unexpected error; nothing was saved."
    assert not Stay.objects.exists()


def test_the_mapping_is_remembered_for_the_next_file(client_for, property_a, rooms):
    client, _ = client_for(Role.MANAGER)
    content = "Conf,Who,Mobile,In,Out\nC1,Li Wei,139,2026-05-01,2026-05-02\n".encode()
    imp = upload(client, content)
    mapping = {"reservation_number": "Conf", "guest_name": "Who", "phone": "Mobile", "arrival": "In", "departure": "Out"}
    assert map_and_check(client, imp, mapping).status == "preview"
    assert StayImportMapping.objects.get(property=property_a).mapping == mapping
    second = upload(client, content)
    form = client.get(reverse("crm:stayimport_detail", args=[second.pk])).context["form"]
    assert {k: form[k].value() for k in mapping} == mapping


def test_a_missing_required_column_is_said_next_to_the_field(client_for, property_a):
    client, _ = client_for(Role.MANAGER)
    imp = upload(client, "Something,Else\n1,2\n".encode())
    response = client.post(reverse("crm:stayimport_detail", args=[imp.pk]), {"guest_name": "Something"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


@pytest.mark.parametrize("content, name, message", [
    (b"", "empty.csv", "The submitted file is empty."),
    (b"\n\n", "blank.csv", "The file is empty."),
    ("预订号\n".encode(), "header.csv", "The file has a header row but no stays."),
    (b"\xff\xfe\x00\x81\x00\xff garbage", "bad.csv", "neither UTF-8 nor GBK"),
    (b"not a workbook", "bad.xlsx", "not a readable XLSX workbook"),
    (b"a,b\n1,2\n", "stays.pdf", "Upload a .csv or .xlsx file."),
])
def test_unreadable_files_are_refused_at_upload(client_for, property_a, content, name, message):
    client, _ = client_for(Role.MANAGER)
    response = client.post(reverse("crm:stayimport_create"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode() and not StayImport.objects.exists()


def test_an_xlsx_with_date_cells_imports(client_for, property_a, rooms):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Reservation", "Guest name", "Room", "Arrival", "Departure", "Nights"])
    sheet.append(["X1", "Li Wei", 1208, dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 3), 2])
    out = io.BytesIO()
    book.save(out)
    client, _ = client_for(Role.MANAGER)
    imp = run(client, map_and_check(client, upload(client, out.getvalue(), name="export.xlsx")))
    assert imp.status == "done" and Stay.objects.get().room.number == "1208"


def test_a_large_file_runs_in_celery_and_shows_progress(client_for, property_a, rooms, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(import_services, "SYNC_ROWS", 3)
    rows = "".join(f"L{i},Guest {i},1390000{i:04d},,1208,2026-05-01,2026-05-02,10\n" for i in range(10))
    client, _ = client_for(Role.MANAGER)
    imp = upload(client, (HEADER + rows).encode())
    with django_capture_on_commit_callbacks(execute=True):
        assert map_and_check(client, imp).status == "queued"
    imp.refresh_from_db()
    assert imp.status == "preview" and imp.done_rows == 10  # checked by the (eager) task
    with django_capture_on_commit_callbacks(execute=True):
        run(client, imp)
    imp.refresh_from_db()
    assert imp.status == "done" and Stay.objects.count() == 10
    page = client.get(reverse("crm:stayimport_progress", args=[imp.pk]))
    assert page.status_code == 200 and page["HX-Refresh"] == "true"


def test_the_save_of_a_large_file_counts_the_stays_saved(client_for, property_a, rooms, monkeypatch, django_capture_on_commit_callbacks):
    """The save is one transaction; the page still says how far it has come."""
    from crm.services import stays as stay_services

    monkeypatch.setattr(import_services, "SYNC_ROWS", 3)
    monkeypatch.setattr(stay_services, "CHUNK", 4)
    rows = "".join(f"S{i},Guest {i},1391000{i:04d},,1208,2026-05-01,2026-05-02,10\n" for i in range(10))
    client, _ = client_for(Role.MANAGER)
    imp = upload(client, (HEADER + rows).encode())
    with django_capture_on_commit_callbacks(execute=True):
        map_and_check(client, imp)
    progress_url = reverse("crm:stayimport_progress", args=[imp.pk])
    pages = []
    write_rows = import_services.write_rows

    def write_rows_and_look(*, progress, **kwargs):
        def report(saved):
            progress(saved)
            pages.append(client.get(progress_url).content.decode())
        return write_rows(progress=report, **kwargs)

    monkeypatch.setattr(import_services, "write_rows", write_rows_and_look)
    with django_capture_on_commit_callbacks(execute=True):
        run(client, imp)
    assert "Saving the stays: 4 of 10" in pages[0] and 'aria-valuenow="40"' in pages[0]
    assert "Saving the stays: 8 of 10" in pages[1]
    imp.refresh_from_db()
    assert imp.status == "done" and Stay.objects.count() == 10
    assert import_services.import_saved_rows(imp) is None  # nothing left behind for the next look


def test_the_import_task_is_idempotent(property_a, rooms):
    from django.core.files.base import ContentFile

    imp = StayImport(property=property_a, file_name="a.csv", total_rows=2, status="preview", confirmed=True,
                     mapping=importing.guess_mapping(HEADER.strip().split(",")))
    imp.file.save("a.csv", ContentFile((HEADER + ROWS).encode()), save=False)
    imp.save()
    import_services.import_process(imp.pk)
    import_services.import_process(imp.pk)  # a redelivered task
    assert Stay.objects.count() == 2 and StayImport.objects.get(pk=imp.pk).created == 2


def test_stay_upsert_and_guest_upsert_for_the_api(property_a, property_b, rooms):
    guest, created = services.guest_upsert(property=property_a, name="Li Wei", phone="13911112222")
    again, created_again = services.guest_upsert(property=property_b, name="Li Wei", phone="13911112222", email="LI@example.com")
    assert created and not created_again and again == guest and again.email == "li@example.com"
    stay, outcome = services.stay_upsert(property=property_a, reservation_number="API1", guest=guest,
                                         arrival=dt.date(2026, 5, 1), departure=dt.date(2026, 5, 3), room=rooms[0])
    assert outcome == "created" and stay.room_nights == 2
    assert services.stay_upsert(property=property_a, reservation_number="API1", guest=guest, arrival=dt.date(2026, 5, 1),
                                departure=dt.date(2026, 5, 3), room=rooms[0])[1] == "unchanged"
    assert services.stay_upsert(property=property_a, reservation_number="API1", guest=guest, arrival=dt.date(2026, 5, 1),
                                departure=dt.date(2026, 5, 4), room=rooms[0])[1] == "updated"
    # The same reservation number at another property is another stay.
    assert services.stay_upsert(property=property_b, reservation_number="API1", guest=guest, arrival=dt.date(2026, 5, 1),
                                departure=dt.date(2026, 5, 2))[1] == "created"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.stay_upsert(property=property_b, reservation_number="API2", guest=guest, arrival=dt.date(2026, 5, 1),
                             departure=dt.date(2026, 5, 2), room=rooms[0])  # a room of property A
    assert Stay.objects.count() == 2


def test_the_guests_name_in_the_other_script_comes_from_its_own_column(client_for, property_a, rooms):
    # PMS exports keep 姓名 and 英文名/拼音 side by side: a new guest gets both, each in its own field.
    client, _ = client_for(Role.MANAGER)
    content = ("预订号,客人姓名,拼音,手机,房号,入住日期,离店日期\n"
               "R2001,张伟,Zhang Wei,13933334444,1208,2026-05-01,2026-05-03\n"
               "R2002,Sophie Martin,苏菲·马丁,13955556666,1209,2026-05-01,2026-05-02\n").encode()
    imp = map_and_check(client, upload(client, content))
    assert imp.mapping["guest_other_name"] == "拼音"
    preview = client.get(reverse("crm:stayimport_detail", args=[imp.pk])).content.decode()
    assert "Guest name in the other script" in preview and "Zhang Wei" in preview
    run(client, imp)
    assert {(g.name, g.other_name) for g in Guest.objects.all()} == {("张伟", "Zhang Wei"), ("Sophie Martin", "苏菲·马丁")}


def test_a_name_in_the_other_script_longer_than_the_field_is_a_row_error(client_for, property_a, rooms):
    client, _ = client_for(Role.MANAGER)
    content = f"预订号,客人姓名,英文名,入住日期,离店日期\nR2003,张伟,{'W' * 121},2026-05-01,2026-05-03\n".encode()
    imp = map_and_check(client, upload(client, content))
    assert [(e["row"], e["field"]) for e in imp.errors] == [(2, "guest_other_name")]
    assert not Guest.objects.exists()
