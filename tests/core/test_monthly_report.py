"""The monthly quality report: sections from the registry, PDF with the Chinese KPI names in an
embedded font, XLSX with the dashboard's numbers, built on demand in the background or by the job
on the 1st (once), a future month refused."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from hotelqa import kpi_registry
from hotelqa.choices import DownloadStatus, Role
from hotelqa.models import Download, KpiSnapshot, Notification
from hotelqa.reports import Month, build_report, sections
from hotelqa.reports.monthly import render
from hotelqa.tasks import monthly_reports

pytestmark = pytest.mark.django_db


def last_month():
    return Month.of(timezone.localdate()).shift(-1)


@pytest.fixture
def files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def month_figures(property_a):
    """A month of snapshots: complaints per day, first responses on time, recovery cost, and the
    category breakdown (the Pareto)."""
    month = last_month()
    rows = []
    day = month.first
    while day <= month.last:
        i = day.day
        rows += [
            KpiSnapshot(property=property_a, code="complaints.per_day", day=day, value=i % 4, total=i % 4, weight=1),
            KpiSnapshot(property=property_a, code="complaints.first_response_on_time", day=day, value=0, total=i % 3, weight=3),
            KpiSnapshot(property=property_a, code="complaints.recovery_cost", day=day, value=0, total=Decimal("120.50"), weight=1),
            KpiSnapshot(property=property_a, code="complaints.by_category", key="noise", day=day, value=0, total=2, weight=1),
            KpiSnapshot(property=property_a, code="complaints.by_category", key="cleanliness", day=day, value=0, total=i % 2, weight=1),
        ]
        day += dt.timedelta(days=1)
    KpiSnapshot.objects.bulk_create(rows)
    return month


def test_sections_come_from_the_registry_in_order():
    keys = [s.key for s in sections()]
    assert keys[:4] == ["hotelqa.kpis", "complaints.pareto", "complaints.recovery_cost", "facilities.inspections"]


def test_the_pdf_has_the_chinese_kpi_names_and_section_titles(property_a, month_figures):
    with translation.override("zh-hans"):
        report = build_report(property_a, month_figures)
        content = render(report, "pdf")
        names = [str(k.name) for k in kpi_registry.tile_kpis()]
        titles = [str(s.title) for s, _blocks in report.sections]
    assert content.startswith(b"%PDF")
    text = re.sub(r"[\s\x00]+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))
    assert re.search("[\u4e00-\u9fff]", "".join(names)), "the KPI names are translated"
    for name in names + titles + ["月度质量报告"]:
        assert re.sub(r"\s+", "", name) in text, name
    assert "噪音" in text  # a Pareto category, in Chinese


def test_the_pdf_embeds_its_font(property_a, month_figures):
    with translation.override("zh-hans"):
        content = render(build_report(property_a, month_figures), "pdf")
    assert b"/FontFile3" in content or b"/FontFile2" in content  # embedded: no system font needed
    assert b"NotoSansSC" in content


def test_the_xlsx_has_the_numbers_the_dashboard_shows(client_for, property_a, month_figures):
    client, _user = client_for(Role.MANAGER)
    month = month_figures
    end = min(month.last, timezone.localdate() - dt.timedelta(days=1))
    dashboard = client.get(reverse("dashboard"), {"period": "custom", "start": month.first, "end": end, "property": property_a.pk})
    shown = {str(t.kpi.name): t for t in dashboard.context["tiles"]}
    workbook = load_workbook(io.BytesIO(render(build_report(property_a, month), "xlsx")))
    sheet = workbook[workbook.sheetnames[1]]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0] in shown}
    assert len(rows) == len(shown)
    compared = 0
    for name, tile in shown.items():
        value = rows[name][3]
        if tile.value is None:
            assert value is None
            continue
        step = Decimal(1) / (10 ** tile.kpi.decimals) if tile.kpi.decimals else Decimal(1)
        assert Decimal(str(value)) == Decimal(tile.value).quantize(step), name
        compared += 1
    assert compared >= 3
    # Pareto: the categories' counts add up to what the snapshots hold.
    pareto = workbook[workbook.sheetnames[2]]
    counts = {row[0]: row[1] for row in pareto.iter_rows(values_only=True) if row and isinstance(row[1], int)}
    days = (month.last - month.first).days + 1
    assert counts["Noise"] == 2 * days


def test_asking_for_the_report_builds_it_in_the_background(client_for, property_a, month_figures, files_in_tmp, django_capture_on_commit_callbacks):
    client, user = client_for(Role.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monthly_report"), {"month": str(month_figures), "format": "xlsx"})
    download = Download.objects.get()
    assert response.status_code == 302 and f"highlight={download.pk}" in response["Location"]
    download.refresh_from_db()
    assert (download.status, download.requested_by, download.filename) == (
        DownloadStatus.DONE, user, f"quality-report-{property_a.code}-{month_figures}.xlsx")
    assert client.get(reverse("download_file", args=[download.pk])).status_code == 200


def test_a_future_month_is_refused_with_a_message(client_for):
    client, _user = client_for(Role.MANAGER)
    future = Month.of(timezone.localdate()).shift(1)
    response = client.post(reverse("monthly_report"), {"month": str(future), "format": "pdf"})
    assert response.status_code == 200
    assert "has not begun yet" in response.content.decode()
    assert not Download.objects.exists()


@pytest.mark.parametrize("month", ["", "2026-13", "abc", "\x00", "1999-01"])
def test_a_malformed_month_is_refused_with_a_message(client_for, month):
    client, _user = client_for(Role.MANAGER)
    response = client.post(reverse("monthly_report"), {"month": month, "format": "pdf"})
    assert response.status_code in (200, 400) and not Download.objects.exists()  # a NUL byte: 400 before any view


def test_front_desk_may_not_ask_for_the_report(client_for):
    client, _user = client_for(Role.FRONT_DESK)
    assert client.get(reverse("monthly_report")).status_code == 403


def test_the_job_on_the_1st_builds_last_month_once_and_tells_managers_once(
    property_a, member, files_in_tmp, django_capture_on_commit_callbacks
):
    manager = member(property_a, Role.MANAGER)
    front_desk = member(property_a, Role.FRONT_DESK)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            monthly_reports.apply(kwargs={"today": "2026-12-01"}).get()
    reports = Download.objects.filter(property=property_a)
    assert sorted(reports.values_list("params__format", flat=True)) == ["pdf", "xlsx"]
    assert set(reports.values_list("status", flat=True)) == {DownloadStatus.DONE}
    assert {d.params["month"] for d in reports} == {"2026-11"}
    assert Notification.objects.filter(recipient=manager).count() == 1
    assert not Notification.objects.filter(recipient=front_desk).exists()
    # The managers find them on their Downloads page.
    from django.test import Client

    client = Client()
    client.force_login(manager)
    page = client.get(reverse("download_list")).content.decode()
    assert "quality-report-prop-a-2026-11.pdf" in page


def test_the_report_command_prints_how_long_a_build_takes(property_a, month_figures, capsys):
    from django.core.management import call_command

    call_command("monthly_report_time", property=property_a.code, month=str(month_figures))
    assert re.search(r"built in [0-9.]+ s", capsys.readouterr().out)


def test_audit_results_corrective_actions_and_training_have_their_sections(property_a):
    from audits.models import Audit, CorrectiveAction, Finding
    from tests.audits.factories import submitted_audit

    audit, _inspector, _supervisor = submitted_audit(property_a)
    month = last_month()
    moment = timezone.make_aware(dt.datetime.combine(month.first + dt.timedelta(days=9), dt.time(10)))
    Audit.objects.filter(pk=audit.pk).update(due_at=moment + dt.timedelta(days=1), submitted_at=moment)
    Finding.objects.update(created_at=moment)
    CorrectiveAction.objects.update(created_at=moment, due_at=moment + dt.timedelta(days=30))
    audit.refresh_from_db()
    report = build_report(property_a, month)
    keys = [s.key for s, _blocks in report.sections]
    assert {"audits.results", "audits.corrective_actions"} <= set(keys)
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    results = workbook["Audit results"]
    rows = [r for r in results.iter_rows(values_only=True) if r and r[0] == str(audit.department)]
    assert rows[0][1:5] == (1, 1, 1, round(float(audit.score), 1))
    actions = workbook["Corrective actions"]
    figures = [r for r in actions.iter_rows(values_only=True) if r and isinstance(r[0], int)][0]
    assert figures[:3] == (1, 0, 1)  # one finding, not a repeat, one action opened
    assert "training.month" in [s.key for s in sections()]
