"""The downloads engine: long XLSX list exports and other files are built in the background with
their progress, land on the Downloads page, are fetched only by whoever asked (the reports the
system builds for a property by its managers and admins; anyone else gets a 404), tell the asker
when they are ready, are built once however often the task runs, and expire."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hotelqa import downloads, exports
from hotelqa.choices import DownloadStatus, Role
from hotelqa.models import AuditAction, AuditEvent, Download
from tests.facilities.factories import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def long_list(property_a, monkeypatch):
    """A room list longer than the direct XLSX limit (lowered for the test)."""
    monkeypatch.setattr(exports, "XLSX_DIRECT_MAX_ROWS", 3)
    for number in range(1, 8):
        LocationFactory(property=property_a, name=f"客房 {number:03d}")


def _ask_for_long_export(client, capture):
    with capture(execute=True):
        response = client.get(reverse("facilities:location_list") + "?export=xlsx")
    return response


def test_a_long_xlsx_export_is_built_in_the_background_and_lands_on_downloads(
    client_for, long_list, files_in_tmp, django_capture_on_commit_callbacks
):
    client, user = client_for(Role.MANAGER)
    response = _ask_for_long_export(client, django_capture_on_commit_callbacks)
    download = Download.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("download_list") + f"?highlight={download.pk}"
    download.refresh_from_db()
    assert (download.status, download.progress, download.requested_by) == (DownloadStatus.DONE, 100, user)

    page = client.get(reverse("download_list"))
    assert download.filename in page.content.decode() and reverse("download_file", args=[download.pk]) in page.content.decode()
    file = client.get(reverse("download_file", args=[download.pk]))
    assert file.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    names = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row if str(cell).startswith("客房")]
    assert len(names) == 7 and "客房 001" in names


def test_a_short_xlsx_export_still_comes_at_once(client_for, property_a):
    LocationFactory(property=property_a, name="大堂")
    client, _user = client_for(Role.MANAGER)
    response = client.get(reverse("facilities:location_list") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    assert not Download.objects.exists()


def test_a_long_export_keeps_the_list_filters(client_for, long_list, property_a, files_in_tmp, django_capture_on_commit_callbacks):
    client, _user = client_for(Role.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("facilities:location_list") + "?q=客房 00&export=xlsx")
    download = Download.objects.get()
    assert "q=" in download.params["query"]


def test_asking_twice_while_it_is_built_gives_the_same_file(client_for, long_list):
    client, _user = client_for(Role.MANAGER)
    client.get(reverse("facilities:location_list") + "?export=xlsx")  # no commit callbacks: the build waits
    client.get(reverse("facilities:location_list") + "?export=xlsx")
    assert Download.objects.count() == 1
    assert Download.objects.get().status == DownloadStatus.PENDING


def test_the_build_is_idempotent(client_for, long_list, files_in_tmp):
    client, _user = client_for(Role.MANAGER)
    client.get(reverse("facilities:location_list") + "?export=xlsx")
    download = Download.objects.get()
    assert downloads.build(download.pk) is True
    download.refresh_from_db()
    name, finished = download.file.name, download.finished_at
    assert downloads.build(download.pk) is False  # a redelivered task finds it built
    download.refresh_from_db()
    assert (download.file.name, download.finished_at) == (name, finished)
    assert len(list((files_in_tmp / "downloads").rglob("*.xlsx"))) == 1


def test_a_build_another_worker_is_running_is_left_alone(property_a, member):
    user = member(property_a, Role.MANAGER)
    download = Download.objects.create(
        property=property_a, kind="list_export", key="k", requested_by=user, status=DownloadStatus.RUNNING,
        started_at=timezone.now(), expires_at=timezone.now() + dt.timedelta(days=1),
    )
    assert downloads.build(download.pk) is False
    download.refresh_from_db()
    assert download.status == DownloadStatus.RUNNING


def test_progress_is_written_while_the_file_is_built(property_a, member, files_in_tmp, monkeypatch):
    seen = []

    def build(download, progress):
        for done in (25, 50, 75):
            progress(done, 100)
            seen.append(Download.objects.get(pk=download.pk).progress)
        return "f.txt", b"x"

    monkeypatch.setitem(downloads.KINDS, "test", downloads.Kind("test", lambda params: "Test", build))
    user = member(property_a, Role.MANAGER)
    download, created = downloads.request(user=user, property=property_a, kind="test", params={}, key="t")
    assert created
    downloads.build(download.pk)
    assert seen == [25, 50, 75]
    download.refresh_from_db()
    assert (download.status, download.progress) == (DownloadStatus.DONE, 100)


def test_the_page_polls_a_file_being_built_and_shows_its_progress(client_for, property_a):
    client, user = client_for(Role.MANAGER)
    download = Download.objects.create(
        property=property_a, kind="list_export", key="k", requested_by=user, status=DownloadStatus.RUNNING, progress=40,
        params={"path": reverse("facilities:location_list"), "format": "xlsx"}, expires_at=timezone.now() + dt.timedelta(days=1),
    )
    row = client.get(reverse("download_row", args=[download.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in row and "40%" in row
    Download.objects.filter(pk=download.pk).update(status=DownloadStatus.FAILED, error="Nothing to export")
    row = client.get(reverse("download_row", args=[download.pk])).content.decode()
    assert "hx-trigger" not in row and "Nothing to export" in row


@pytest.fixture
def built(property_a, member, files_in_tmp):
    """A finished file asked for by a front-desk user of property A."""
    owner = member(property_a, Role.FRONT_DESK)
    download = Download.objects.create(
        property=property_a, kind="list_export", key="k", requested_by=owner, status=DownloadStatus.DONE, filename="rooms.xlsx",
        params={"path": reverse("facilities:location_list"), "format": "xlsx"}, expires_at=timezone.now() + dt.timedelta(days=1),
    )
    from django.core.files.base import ContentFile

    download.file.save("rooms.xlsx", ContentFile(b"data"))
    return owner, download


@pytest.fixture
def system_report(property_a, files_in_tmp):
    """Last month's report the job on the 1st built for property A."""
    from django.core.files.base import ContentFile

    download = Download.objects.create(
        property=property_a, kind="monthly_report", key="monthly_report:2026-01:pdf", requested_by=None,
        status=DownloadStatus.DONE, filename="report-2026-01.pdf", params={"month": "2026-01", "format": "pdf"},
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    download.file.save("report-2026-01.pdf", ContentFile(b"%PDF-1.4"))
    return download


def _user(who, *, owner, property_a, property_b, member, group_manager, group_admin):
    return {
        "owner": lambda: owner,
        "same property front desk": lambda: member(property_a, Role.FRONT_DESK),
        "same property supervisor": lambda: member(property_a, Role.SUPERVISOR),
        "same property manager": lambda: member(property_a, Role.MANAGER),
        "same property admin": lambda: member(property_a, Role.ADMIN),
        "other property manager": lambda: member(property_b, Role.MANAGER),
        "other property admin": lambda: member(property_b, Role.ADMIN),
        "group manager": lambda: group_manager,
        "group admin": lambda: group_admin,
    }[who]()


@pytest.fixture
def group_admin(db):
    from tests.factories import UserFactory

    return UserFactory(is_group_admin=True)


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("same property front desk", 404),
        ("same property supervisor", 404),
        # A list export may hold guest data the asker's own filters picked: not even admins see it.
        ("same property manager", 404),
        ("same property admin", 404),
        ("other property manager", 404),
        ("group manager", 404),
        ("group admin", 404),
    ],
)
def test_who_may_fetch_a_file_a_user_asked_for(who, status, built, property_a, property_b, member, login, group_manager, group_admin):
    owner, download = built
    client = login(_user(who, owner=owner, property_a=property_a, property_b=property_b, member=member,
                         group_manager=group_manager, group_admin=group_admin))
    assert client.get(reverse("download_file", args=[download.pk])).status_code == status
    assert client.get(reverse("download_row", args=[download.pk])).status_code == status


@pytest.mark.parametrize(
    "who, status",
    [
        ("same property front desk", 404),
        ("same property supervisor", 404),
        ("same property manager", 200),
        ("same property admin", 200),
        ("other property manager", 404),
        ("other property admin", 404),
        ("group manager", 200),
        ("group admin", 200),
    ],
)
def test_who_may_fetch_the_report_the_system_built(who, status, system_report, property_a, property_b, member, login, group_manager, group_admin):
    client = login(_user(who, owner=None, property_a=property_a, property_b=property_b, member=member,
                         group_manager=group_manager, group_admin=group_admin))
    assert client.get(reverse("download_file", args=[system_report.pk])).status_code == status
    assert client.get(reverse("download_row", args=[system_report.pk])).status_code == status


def test_the_page_lists_own_files_and_a_manager_also_the_propertys_reports(built, system_report, property_a, member, login):
    owner, download = built
    page = login(owner).get(reverse("download_list")).content.decode()
    assert download.filename in page and system_report.filename not in page
    colleague = login(member(property_a, Role.FRONT_DESK)).get(reverse("download_list")).content.decode()
    assert download.filename not in colleague and system_report.filename not in colleague
    manager = login(member(property_a, Role.MANAGER)).get(reverse("download_list")).content.decode()
    assert download.filename not in manager and system_report.filename in manager


def test_the_asker_is_told_in_their_language_when_the_file_is_ready(
    client_for, long_list, files_in_tmp, settings, django_capture_on_commit_callbacks
):
    from hotelqa.models import Notification

    settings.SITE_URL = "https://qa.example.com"
    client, user = client_for(Role.MANAGER)
    user.language = "zh-hans"
    user.save(update_fields=["language"])
    _ask_for_long_export(client, django_capture_on_commit_callbacks)
    download = Download.objects.get()
    note = Notification.objects.get(recipient=user)
    from django.core import mail
    from django.utils import translation

    with translation.override("zh-hans"):
        title = download.title
    assert note.title == f"您的文件已生成：{title}" and "房间和区域" in title
    assert note.url in mail.outbox[-1].body and mail.outbox[-1].to == [user.email]
    assert note.url == "https://qa.example.com" + reverse("download_file", args=[download.pk])
    assert client.get(note.url.removeprefix("https://qa.example.com")).status_code == 200
    assert Notification.objects.count() == 1  # nobody else is told


def test_expired_files_are_deleted_by_the_daily_job(built, files_in_tmp):
    from hotelqa.tasks import downloads_cleanup

    _owner, download = built
    path = files_in_tmp / download.file.name
    assert path.exists()
    Download.objects.filter(pk=download.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert downloads_cleanup.apply().get() == 1
    assert not Download.objects.exists() and not path.exists()


def test_a_user_who_lost_the_list_gets_a_failed_download_with_a_reason(client_for, long_list, property_a, files_in_tmp):
    client, user = client_for(Role.MANAGER)
    client.get(reverse("facilities:location_list") + "?export=xlsx")
    user.memberships.all().delete()  # left the property
    download = Download.objects.get()
    downloads.build(download.pk)
    download.refresh_from_db()
    assert download.status == DownloadStatus.FAILED and "no longer" in download.error
    assert not download.file


def test_a_long_export_of_guest_data_is_in_the_audit_trail(client_for, property_a, monkeypatch):
    from tests.crm.factories import GuestFactory

    monkeypatch.setattr(exports, "XLSX_DIRECT_MAX_ROWS", 1)
    for name in ("王小明", "李华"):
        GuestFactory(property=property_a, name=name)
    client, _user = client_for(Role.MANAGER)
    client.get(reverse("crm:guest_list") + "?export=xlsx")
    assert Download.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.LIST_EXPORT).count() == 1


def test_the_downloads_page_reads_a_fixed_number_of_queries(client_for, property_a, member, django_assert_max_num_queries):
    client, manager = client_for(Role.MANAGER)

    def files(n):
        for i in range(n):
            Download.objects.create(
                # Half the manager's own files, half the property's reports the system built.
                property=property_a, kind="list_export" if i % 2 else "monthly_report", key=f"k{n}-{i}",
                requested_by=manager if i % 2 else None,
                params={"path": reverse("facilities:location_list"), "format": "xlsx", "month": "2026-01"},
                expires_at=timezone.now() + dt.timedelta(days=1),
            )

    files(2)
    client.get(reverse("download_list"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("download_list"))
    files(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("download_list"))
    assert page.content.decode().count('class="list-group-item') == 22
