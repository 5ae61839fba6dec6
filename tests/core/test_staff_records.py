import pytest
from django.db import IntegrityError, transaction

from hotelqa import services
from hotelqa.models import CareerLevel, CareerLevelChange, StaffMember


@pytest.fixture
def staff(property_a):
    return StaffMember.objects.create(property=property_a, staff_number="A001", name="Gao Yue")


def test_a_level_change_moves_the_record_and_keeps_the_step(staff, member):
    actor = member(staff.property, "supervisor")
    services.staff_set_level(staff=staff, level=CareerLevel.MID, actor=actor, note="passed the mid-level assessment")
    services.staff_set_level(staff=staff, level=CareerLevel.SENIOR, actor=actor)
    staff.refresh_from_db()
    assert staff.career_level == CareerLevel.SENIOR
    steps = list(CareerLevelChange.objects.filter(staff=staff).values_list("from_level", "to_level", "changed_by"))
    assert steps == [(CareerLevel.JUNIOR, CareerLevel.MID, actor.pk), (CareerLevel.MID, CareerLevel.SENIOR, actor.pk)]


def test_setting_the_same_level_records_nothing(staff):
    assert services.staff_set_level(staff=staff, level=CareerLevel.JUNIOR) is None
    assert not CareerLevelChange.objects.exists()


def test_staff_numbers_are_unique_per_property(staff, property_b):
    StaffMember.objects.create(property=property_b, staff_number="A001", name="Another hotel's A001")
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffMember.objects.create(property=staff.property, staff_number="A001", name="Duplicate")
