"""What the system writes (timelines, notes on work orders, revisits, job runs) is stored as
structured events and read in the reader's language; what a person typed stays as typed."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.urls import reverse
from django.utils import translation

from complaints import services
from complaints.choices import CaseStatus, EventKind, RevisitOutcome
from complaints.models import CaseEvent, Revisit
from facilities import services as facility_services
from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import AnswerType
from facilities.models import WorkOrder, WorkOrderHistory
from hotelqa import events
from hotelqa.choices import DepartmentKind, Role
from hotelqa.i18n import with_unit
from hotelqa.jobs import describe_schedule
from hotelqa.services import Message, notification_emails_send, notification_send
from tests.complaints.helpers import advance, log_complaint
from tests.facilities.factories import InspectionFactory, work_order

pytestmark = pytest.mark.django_db


def in_language(language, fn):
    with translation.override(language):
        return fn()


def test_department_change_reads_in_each_readers_language(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR)
    case = log_complaint(property_a, supervisor, department_kind=DepartmentKind.SECURITY)
    services.case_reassign(case=case, actor=supervisor, expected_version=case.version,
                           department=property_a.departments.get(kind=DepartmentKind.ENGINEERING))
    event = CaseEvent.objects.get(case=case, field="department")
    assert in_language("en", lambda: event.summary) == "Department: Security → Engineering"
    assert in_language("zh-hans", lambda: event.summary) == "部门：保安部 → 工程部"


def test_case_timeline_page_shows_recovery_and_revisit_in_chinese(client_for, property_a, member):
    client, supervisor = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, supervisor)
    services.recovery_add(case=case, actor=supervisor, kind="discount", cost=Decimal("500"), description="按协议价")
    case = advance(case, supervisor, CaseStatus.CLASSIFIED, CaseStatus.INVESTIGATED, CaseStatus.SOLUTION, CaseStatus.CLOSED)
    revisit = Revisit.objects.get(case=case)
    services.revisit_record(revisit=revisit, actor=supervisor, outcome=RevisitOutcome.NOT_SATISFIED, note="空调还是坏的")

    page = client.get(reverse("complaints:case_detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "服务补救：折扣 ¥500.00" in page
    assert "回访：不满意" in page and "回访：客人不满意。" in page
    assert "空调还是坏的" in page and "按协议价" in page  # typed text as typed
    for english in ("Discount", "Revisit:", "Service recovery"):
        assert english not in page
    english_page = client.get(reverse("complaints:case_detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Service recovery: Discount ¥500.00" in english_page and "Revisit: guest not satisfied." in english_page


def test_work_order_from_an_inspection_reads_in_the_readers_language(property_a, member):
    staff = member(property_a, Role.STAFF, department_kind="engineering")
    template = cl.checklist_template_create(property=property_a, name="Guest room")
    draft = cl.checklist_draft(template=template)
    section = cl.checklist_section_add(version=draft, title="Room", title_zh="客房")
    item = cl.checklist_item_add(section=section, text="Lock works", text_zh="门锁正常", standard="Opens first time",
                                 standard_zh="一次即开", answer_type=AnswerType.PASS_FAIL, weight=Decimal(1))
    cl.checklist_version_publish(version=draft, actor=staff)
    template.refresh_from_db()
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    facility_services.inspection_answer(inspection=inspection, item=item, actor=staff, value=False, note="电池没电")
    facility_services.inspection_submit(inspection=inspection, actor=staff)
    wo = WorkOrder.objects.get(inspection=inspection)
    assert wo.description == "电池没电"  # what the inspector typed
    assert in_language("zh-hans", lambda: wo.finding) == "检查标准：一次即开\n检查结果：不合格"
    assert in_language("en", lambda: wo.finding) == "Standard: Opens first time\nFound: Fail"
    assert in_language("zh-hans", lambda: wo.display_title).startswith("门锁正常 — ")
    assert in_language("en", lambda: wo.display_title).startswith("Lock works — ")


def test_system_note_on_a_work_order_is_an_event(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind="engineering")
    staff = member(property_a, Role.STAFF, department_kind="engineering")
    wo = work_order(property_a, actor=supervisor, assignee=staff)
    history = WorkOrderHistory.objects.get(work_order=wo, to_status="assigned")
    assert history.note == ""
    assert in_language("zh-hans", lambda: history.summary) == "报修时已派工"
    assert in_language("en", lambda: history.summary) == "Assigned when reported"


def test_notifications_about_work_orders_are_in_the_recipients_language(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind="engineering")
    staff = member(property_a, Role.STAFF, department_kind="engineering")
    staff.language = "zh-hans"
    staff.save()
    wo = work_order(property_a, actor=supervisor, assignee=staff)
    note = staff.notifications.get()
    assert note.title.startswith(f"维修工单 {wo.number} 已派给您")


def test_old_rows_are_migrated_to_events(property_a, member):
    """The data migration turns display strings stored by earlier versions into events."""
    supervisor = member(property_a, Role.SUPERVISOR)
    case = log_complaint(property_a, supervisor)
    old = [
        CaseEvent.objects.create(case=case, kind=EventKind.CHANGE, field="department", old_value="Security", new_value="Engineering"),
        CaseEvent.objects.create(case=case, kind=EventKind.RECOVERY, field="recovery", new_value="Discount 500.00", note="按协议价"),
        CaseEvent.objects.create(case=case, kind=EventKind.RECOVERY, field="approval", old_value="pending", new_value="approved", note="折扣 500.00"),
        CaseEvent.objects.create(case=case, kind=EventKind.TRANSITION, from_status="closed", to_status="reopened", note="Revisit: guest not satisfied. 还是吵"),
        CaseEvent.objects.create(case=case, kind=EventKind.ESCALATION, field="resolution", new_value="2"),
    ]
    revisit = Revisit.objects.create(property=property_a, case=case, due_at=case.received_at, done_at=case.received_at,
                                     note="Case reopened before the revisit.")
    migration = importlib.import_module("complaints.migrations.0008_structured_events")
    migration.structure_old_rows(django_apps, None)

    rows = [CaseEvent.objects.get(pk=e.pk) for e in old]
    with translation.override("zh-hans"):
        assert [r.summary for r in rows[:3]] == ["部门：保安部 → 工程部", "服务补救：折扣 ¥500.00", "服务补救 折扣 ¥500.00：已批准"]
        assert rows[3].summary == "回访：客人不满意。" and rows[3].note == "还是吵"
        assert rows[1].note == "按协议价" and rows[2].note == ""
        assert "主管" in rows[4].summary
        revisit.refresh_from_db()
        assert revisit.note == "" and revisit.summary == "回访前事项已重开。"


def test_units_and_schedules_read_naturally_in_both_languages():
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule

    assert in_language("zh-hans", lambda: with_unit(12, "min")) == "12 分钟"
    assert in_language("en", lambda: with_unit(12, "min")) == "12 min"
    assert in_language("zh-hans", lambda: with_unit(500, "¥")) == "¥500"
    assert in_language("zh-hans", lambda: with_unit("3.5", "h")) == "3.5 小时"
    every_5 = IntervalSchedule(every=300, period="seconds")
    nightly = CrontabSchedule(minute="30", hour="1", day_of_week="*", day_of_month="*", month_of_year="*")
    quarter = CrontabSchedule(minute="*/15", hour="*", day_of_week="*", day_of_month="*", month_of_year="*")
    assert in_language("en", lambda: describe_schedule(interval=every_5)) == "every 5 minutes"
    assert in_language("zh-hans", lambda: describe_schedule(interval=every_5)) == "每 5 分钟"
    assert in_language("en", lambda: describe_schedule(crontab=nightly)) == "daily at 01:30"
    assert in_language("zh-hans", lambda: describe_schedule(crontab=nightly)) == "每天 01:30"
    assert in_language("zh-hans", lambda: describe_schedule(crontab=quarter)) == "每 15 分钟"


def test_jobs_page_names_jobs_and_schedules_in_chinese(client_for):
    from hotelqa.jobs import ensure_periodic_tasks

    ensure_periodic_tasks()
    client, _ = client_for(Role.ADMIN)
    page = client.get(reverse("job_list"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "期限监控" in page and "每 5 分钟" in page and "每天 01:30" in page  # the deadline watch
    assert "every 5 minutes" not in page and "Warn assignees" not in page


def test_email_has_absolute_link_plain_text_and_html_in_the_recipients_language(property_a, member, settings):
    settings.SITE_URL = "https://qa.example.com"
    user = member(property_a, Role.STAFF)
    user.language, user.email = "zh-hans", "staff@example.com"
    user.save()
    case = log_complaint(property_a, user)
    from django.utils.translation import gettext_lazy as _

    notes = notification_send(recipients=[user], property=property_a, url=reverse("complaints:case_detail", args=[case.pk]),
                              title=Message(_("%(number)s reopened after the revisit"), {"number": case.number}))
    mail.outbox.clear()
    assert notification_emails_send(notification_ids=[n.pk for n in notes]) == 1
    message = mail.outbox[0]
    link = f"https://qa.example.com/complaints/{case.pk}/"
    assert message.subject == f"{case.number} 回访后已重开"
    assert link in message.body and "在此打开" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html and 'lang="zh-hans"' in html


def test_unknown_or_empty_events_render_safely():
    assert events.render({}) == ""
    assert events.render({"kind": "gone.kind", "params": {"a": "x"}}) == "x"
