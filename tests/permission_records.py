"""Records of a property for the permission matrix: each builder returns one, created through the
apps' own services and factories."""

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
    from tests.crm.factories import RoomFactory

    return RoomFactory(property=property, number=get_random_string(4, "0123456789"))


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

    from complaints.models import Escalation

    return Escalation.objects.create(case=case(property), deadline="resolution", level=1, due=timezone.now())


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
