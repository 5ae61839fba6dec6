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
