"""Records of a property for the permission matrix: each builder returns one, created through the
apps' own services and factories."""

import datetime

from django.utils.crypto import get_random_string

from hotelqa.choices import Role


def member(property, role=Role.SUPERVISOR):
    from hotelqa.models import User

    return User.objects.filter(memberships__property=property, memberships__role=role).first()


# Facilities
def asset(property):
    from tests.facilities.factories import AssetFactory

    return AssetFactory(property=property)


def location(property):
    from tests.facilities.factories import LocationFactory

    return LocationFactory(property=property)


def category(property):
    from tests.facilities.factories import AssetCategoryFactory

    return AssetCategoryFactory(property=property)


def template(property):
    from tests.facilities.factories import published_template

    return published_template(property)


def draft_item(property):
    """(template, item of its draft)"""
    from hotelqa.checklists import services as cl

    tpl = template(property)
    draft = cl.checklist_draft_get_or_create(template=tpl)
    return tpl, draft.sections.first().items.first()


def schedule(property):
    from tests.facilities.factories import ScheduleFactory

    return ScheduleFactory(property=property)


def inspection(property):
    from tests.facilities.factories import InspectionFactory

    return InspectionFactory(property=property)


def inspection_item(property):
    """(inspection, one item of its checklist)"""
    record = inspection(property)
    return record, record.version.sections.first().items.first()


def work_order(property):
    from tests.facilities.factories import work_order as build

    return build(property, actor=member(property))


def work_order_photo(property):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from facilities import services

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    upload = SimpleUploadedFile("p.png", buffer.getvalue())
    return services.work_order_photo_add(work_order=work_order(property), image=upload, actor=member(property), caption="")


def answer_with_photo(property):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from hotelqa.checklists.models import ChecklistAnswer, ChecklistResponse

    record, item = inspection_item(property)
    response = record.response or ChecklistResponse.objects.create(property=property, version=record.version)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    answer = ChecklistAnswer(response=response, item=item, value_bool=False)
    answer.photo.save("p.png", ContentFile(buffer.getvalue()), save=True)
    return answer


# Complaints and CRM
def case(property):
    from tests.complaints.helpers import log_complaint

    return log_complaint(property, member(property, Role.FRONT_DESK))


def closed_case(property):
    from tests.complaints.helpers import close_complaint

    return close_complaint(property, member(property, Role.SUPERVISOR))


def recovery(property):
    from decimal import Decimal

    from complaints import services

    return services.recovery_add(case=case(property), actor=member(property, Role.FRONT_DESK), kind="discount", cost=Decimal("9999"))


def revisit(property):
    return closed_case(property).revisits.first()


def room(property):
    from crm.models import Room
    from tests.crm.factories import RoomFactory

    # A number the property does not have yet: a random one met a demo room's now and then.
    taken = set(Room.objects.filter(property=property).values_list("number", flat=True))
    number = next(str(n) for n in range(9000, 10000) if str(n) not in taken)
    return RoomFactory(property=property, number=number)


def guest(property):
    from tests.crm.factories import GuestFactory

    return GuestFactory(property=property)


def routing_rule(property):
    from complaints.models import RoutingRule

    return RoutingRule.objects.create(property=property, keywords="minibar", category="food", department_kind="food_beverage")


def case_type():
    from django.contrib.contenttypes.models import ContentType

    from complaints.models import Case

    return ContentType.objects.get_for_model(Case).pk


def case_photo(property):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from complaints.models import CasePhoto

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    photo = CasePhoto(case=case(property))
    photo.image.save("p.png", ContentFile(buffer.getvalue()), save=True)
    return photo


# Audits
def audit_plan(property):
    from tests.audits.factories import plan_for

    return plan_for(property)


def audit(property):
    from tests.audits.factories import open_audit

    return open_audit(property)


def mystery_audit(property):
    from audits.models import AuditMethod
    from tests.audits.factories import open_audit

    return open_audit(property, method=AuditMethod.MYSTERY_GUEST)


def mystery_link(property):
    from audits import services

    return services.mystery_link_create(audit=mystery_audit(property), actor=None)


def corrective_action(property):
    from audits.models import CorrectiveAction
    from tests.audits.factories import submitted_audit

    audit, *_ = submitted_audit(property)
    return CorrectiveAction.objects.get(finding__audit=audit)


def finding(property):
    return corrective_action(property).finding


def _png():
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def audit_answer_photo(property):
    a = corrective_action(property)
    answer = a.finding.answer
    answer.photo.save("p.png", _png(), save=True)
    return answer


def action_photo(property):
    from audits.models import CorrectiveActionPhoto

    photo = CorrectiveActionPhoto(action=corrective_action(property))
    photo.image.save("p.png", _png(), save=True)
    return photo


# Records the Django admin shows (tests/permission_table.py ADMIN_TABLE): one of each registered
# model at a property; group-wide models ignore the property.
def admin_user(property):
    from tests.factories import make_member

    return make_member(property, Role.FRONT_DESK, username=f"works-at-{property.code}")


def notification(property):
    from hotelqa.models import Notification

    return Notification.objects.create(recipient=member(property), property=property, title="admin matrix")


def audit_event(property):
    from hotelqa.audit import audit_record

    return audit_record(action="permission_denied", actor=member(property), property=property)


def staff_member(property):
    from hotelqa.models import StaffMember

    return StaffMember.objects.create(property=property, staff_number=get_random_string(8), name="Staff record")


def kpi_target(property):
    from hotelqa.models import KpiTarget

    return KpiTarget.objects.create(property=property, code="hotelqa.notifications_read_24h", target=90, warning=80)


def kpi_snapshot(property):
    import datetime as dt

    from hotelqa.models import KpiSnapshot

    return KpiSnapshot.objects.create(property=property, code="hotelqa.notifications_read_24h", day=dt.date(2026, 1, 1), value=1)


def job_run(property):
    from hotelqa.models import JobRun

    return JobRun.objects.create(job="hotelqa.kpi_snapshot")


def sla_policy(property):
    from complaints.models import SlaPolicy

    return SlaPolicy.objects.create(property=property, kind="complaint", response_minutes=10, resolution_minutes=60)


def recovery_limit(property):
    from complaints.models import RecoveryLimit

    return RecoveryLimit.objects.create(property=property, role=Role.FRONT_DESK, max_cost=100)


def service_calendar(property):
    from complaints.models import ServiceCalendar

    return ServiceCalendar.objects.create(property=property, department=property.departments.order_by("pk").first())


def complaint_settings(property):
    from complaints.models import ComplaintSettings

    return ComplaintSettings.objects.get_or_create(property=property)[0]


def escalation(property):
    from django.utils import timezone

    from hotelqa.models import Escalation

    return Escalation.objects.create(record=case(property), property=property, deadline="resolution.0", level=1, due=timezone.now())


def stay(property):
    from tests.crm.factories import StayFactory

    return StayFactory(property=property)


def work_order_sla(property):
    from facilities.models import WorkOrderSla

    return WorkOrderSla.objects.update_or_create(property=property, priority="low", defaults={"resolve_hours": 48})[0]


def periodic_task(property):
    from django_celery_beat.models import PeriodicTask

    return PeriodicTask.objects.get_or_create(name="admin matrix", defaults={"task": "hotelqa.kpi_snapshot", "interval": interval_schedule(property)})[0]


def interval_schedule(property):
    from django_celery_beat.models import IntervalSchedule

    return IntervalSchedule.objects.get_or_create(every=7, period="days")[0]


def crontab_schedule(property):
    from django_celery_beat.models import CrontabSchedule

    return CrontabSchedule.objects.get_or_create(minute="7", hour="3")[0]


def solar_schedule(property):
    from django_celery_beat.models import SolarSchedule

    return SolarSchedule.objects.get_or_create(event="sunrise", latitude=30, longitude=120)[0]


def clocked_schedule(property):
    import datetime as dt

    from django_celery_beat.models import ClockedSchedule

    return ClockedSchedule.objects.get_or_create(clocked_time=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))[0]


def permission_group(property):
    from django.contrib.auth.models import Group

    return Group.objects.get(name="role:front_desk")


def _axes(model_name):
    def build(property):
        from django.apps import apps

        model = apps.get_model("axes", model_name)
        fields = {"user_agent": "matrix", "http_accept": "*/*", "path_info": "/accounts/login/", "username": "matrix"}
        if model_name == "AccessAttempt":
            fields.update(get_data="", post_data="", failures_since_start=1)
        return model.objects.create(**fields)

    return build


access_attempt, access_log, access_failure_log = _axes("AccessAttempt"), _axes("AccessLog"), _axes("AccessFailureLog")


# Audits: monthly staff assessment


def assessed_staff(property):
    """A staff member of the department the matrix's supervisor works in (the first)."""
    from hotelqa.models import StaffMember

    return StaffMember.objects.create(property=property, staff_number=get_random_string(8), name="Assessed person", hire_date=datetime.date(2020, 1, 1),
                                      department=property.departments.first())


def staff_assessment(property):
    from audits import assessment_services
    from hotelqa.staff_metrics import add_months

    return assessment_services.assessment_create(staff=assessed_staff(property), month=add_months(assessment_services.current_month(), -1), actor=None)


def assessment_criterion(property):
    from audits import assessment_services

    return assessment_services.criteria_ensure_defaults(property=property)[0]


# Downloads (foundation)
def download(property):
    """A finished file asked for by a colleague who is none of the matrix's users."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from hotelqa.choices import DownloadStatus
    from hotelqa.models import Download
    from tests.factories import make_member

    owner = make_member(property, Role.FRONT_DESK)
    record = Download.objects.create(
        property=property, kind="monthly_report", key="matrix", requested_by=owner, status=DownloadStatus.DONE,
        params={"month": "2026-01", "format": "pdf"}, filename="report.pdf", expires_at=timezone.now() + dt.timedelta(days=1),
    )
    record.file.save("report.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return record


# Training
def course(property):
    from training.models import Course

    return Course.objects.create(property=property, code=get_random_string(6), name="Matrix course", name_zh="矩阵课程", category="etiquette")


def training_session(property):
    import datetime as dt

    from training import services

    return services.session_create(property=property, course=course(property), date=dt.date.today(), staff=[staff_member(property)])


def training_proposal(property):
    from training import services

    return services.proposal_create(property=property, source="manual", course=course(property), staff=[staff_member(property)], key=get_random_string(8))[0]


def plan_item(property):
    import datetime as dt

    from training import services

    return services.plan_ensure(staff=staff_member(property), course=course(property), due_on=dt.date.today())[0]


def certification(property):
    import datetime as dt

    from training.models import Certification

    return Certification.objects.create(property=property, staff=staff_member(property), name="Matrix", issued_on=dt.date.today())


def training_reminder(property):
    from training.models import Reminder

    return Reminder.objects.create(staff=staff_member(property), kind="pre_job", item=get_random_string(8), stage="incomplete")


# The REST API
def api_token(property):
    import datetime as dt

    from django.utils import timezone

    from api import services

    token, _key = services.token_create(name="PMS", property=property, role=Role.FRONT_DESK, expires_at=timezone.now() + dt.timedelta(days=30), actor=None)
    return token


def webhook_subscription(property):
    from api.models import WebhookSubscription

    return WebhookSubscription.objects.create(name="BI", property=property, url="https://receiver.example/hook", events=["case.created"])


def webhook_delivery(property):
    from api.models import WebhookDelivery

    return WebhookDelivery.objects.create(subscription=webhook_subscription(property), event="case.created", payload={"case": 1})


# ---- CRM ----------------------------------------------------------------------------------------


def preference_option(property):
    from crm.models import PreferenceOption

    return PreferenceOption.objects.create(category="other", name=f"Matrix {get_random_string(6)}")


def guest_merge(property):
    from crm.models import GuestMerge

    return GuestMerge.objects.create(target=guest(property), source_id=999999)


def guest_erasure(property):
    from crm.models import GuestErasure

    return GuestErasure.objects.create(guest=guest(property), reason="request")


def stay_import_mapping(property):
    from crm.models import StayImportMapping

    return StayImportMapping.objects.get_or_create(property=property, defaults={"mapping": {"arrival": "Arrival"}})[0]


def stay_import(property):
    from django.core.files.base import ContentFile

    from crm.models import StayImport

    imp = StayImport(property=property, file_name="stays.csv", total_rows=1)
    imp.file.save("stays.csv", ContentFile("预订号,客人姓名,入住日期,离店日期\nR1,李伟,2026-05-01,2026-05-03\n".encode()), save=False)
    imp.save()
    return imp


# ---- crm engagement (loyalty, follow-ups, surveys) ----------------------------------------------
def loyalty_member(property):
    from crm.engagement.loyalty import member_enrol

    return member_enrol(guest=guest(property), property=property, actor=None)


def followup(property):
    import datetime as dt

    from crm.models import FollowUp

    s = stay(property)
    return FollowUp.objects.create(property=property, guest=s.guest, stay=s, kind="thank_you", key=f"thank_you:stay:{s.pk}", due_on=dt.date.today())


def survey(property):
    from crm.engagement.surveys import survey_create

    s = stay(property)
    return survey_create(source="stay", guest=s.guest, property=property, stay=s)


def loyalty_tier(property):
    from crm.models import LoyaltyTier

    return LoyaltyTier.objects.get(code="gold")


def survey_template(property):
    from crm.models import SurveyTemplate

    return SurveyTemplate.objects.get(source="stay")
