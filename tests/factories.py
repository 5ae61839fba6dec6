"""Factories for the organisation models; apps add theirs in tests/<app>/factories.py."""

import factory
from factory.django import DjangoModelFactory

from hotelqa import services
from hotelqa.choices import DepartmentKind
from hotelqa.models import Department, Notification, Property, User


class PropertyFactory(DjangoModelFactory):
    class Meta:
        model = Property
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"hotel{n}")
    name = factory.Sequence(lambda n: f"Hotel {n}")
    name_zh = factory.Sequence(lambda n: f"酒店{n}")
    room_count = 100

    @factory.post_generation
    def departments(obj, create, extracted, **kwargs):
        if create:
            services.property_ensure_default_departments(property=obj)


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    property = factory.SubFactory(PropertyFactory)
    kind = DepartmentKind.OTHER
    name = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pw")


def make_member(property, role, *, department_kind=None, **user_fields):
    """A user holding `role` at `property` (in the department of `department_kind`, if given)."""
    user = UserFactory(**user_fields)
    department = property.departments.get(kind=department_kind) if department_kind else None
    services.membership_set(user=user, property=property, role=role, department=department)
    return user


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Notification {n}")
