"""Factories for facilities records; `published_template` builds a checklist through the services."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from facilities import services
from facilities.choices import AreaType, Frequency, ScopeKind
from facilities.models import Asset, AssetCategory, Inspection, InspectionSchedule, Location, WorkOrder
from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import AnswerType
from tests.factories import PropertyFactory


class AssetCategoryFactory(DjangoModelFactory):
    class Meta:
        model = AssetCategory
        django_get_or_create = ("property", "code")

    property = factory.SubFactory(PropertyFactory)
    code = factory.Sequence(lambda n: f"cat{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    default_life_years = 10


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    property = factory.SubFactory(PropertyFactory)
    building = "Main"
    floor = "3"
    name = factory.Sequence(lambda n: f"3{n:03d}")
    area_type = AreaType.GUEST_ROOM


class AssetFactory(DjangoModelFactory):
    class Meta:
        model = Asset

    property = factory.SubFactory(PropertyFactory)
    code = factory.Sequence(lambda n: f"A-{n:04d}")
    name = factory.Sequence(lambda n: f"Asset {n}")
    category = factory.SubFactory(AssetCategoryFactory, property=factory.SelfAttribute("..property"))
    location = factory.SubFactory(LocationFactory, property=factory.SelfAttribute("..property"))
    install_date = dt.date(2020, 1, 1)
    expected_life_years = 10


_names = itertools.count(1)


def item(text="Item", answer_type=AnswerType.PASS_FAIL, weight=1, critical=False, **extra):
    return dict(text=text, answer_type=answer_type, weight=Decimal(weight), critical=critical, **extra)


def published_template(property, items=None, *, name=None, pass_mark=Decimal(80), actor=None):
    """A checklist with one section holding `items` (dicts from `item()`), published as v1."""
    items = items if items is not None else [item("Lights work"), item("Clean", AnswerType.SCORE)]
    template = cl.checklist_template_create(property=property, name=name or f"Checklist {next(_names)}", pass_mark=pass_mark)
    draft = cl.checklist_draft(template=template)
    section = cl.checklist_section_add(version=draft, title="Section")
    for spec in items:
        cl.checklist_item_add(section=section, **spec)
    cl.checklist_version_publish(version=draft, actor=actor)
    template.refresh_from_db()
    return template


class ScheduleFactory(DjangoModelFactory):
    class Meta:
        model = InspectionSchedule
        skip_postgeneration_save = True

    property = factory.SubFactory(PropertyFactory)
    name = factory.Sequence(lambda n: f"Schedule {n}")
    template = factory.LazyAttribute(lambda o: published_template(o.property))
    scope_kind = ScopeKind.LOCATIONS
    frequency = Frequency.DAILY
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    window_start = dt.time(9, 0)
    window_hours = Decimal(8)

    @factory.post_generation
    def locations(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            obj.locations.set(extracted)
        elif obj.scope_kind == ScopeKind.LOCATIONS:
            obj.locations.set([LocationFactory(property=obj.property)])


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    property = factory.SubFactory(PropertyFactory)
    location = factory.SubFactory(LocationFactory, property=factory.SelfAttribute("..property"))
    version = factory.LazyAttribute(lambda o: published_template(o.property).current_version)
    target_key = factory.LazyAttribute(lambda o: f"location:{o.location.pk}")
    due_start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    due_end = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=7))


def work_order(property, *, actor=None, **kwargs) -> WorkOrder:
    kwargs.setdefault("title", "Tap drips")
    kwargs.setdefault("location", LocationFactory(property=property))
    kwargs.setdefault("department", property.departments.get(kind="engineering"))
    return services.work_order_create(property=property, actor=actor, **kwargs)
