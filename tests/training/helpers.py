import datetime as dt

from hotelqa.models import StaffMember
from training.models import Course


def course(property, code="ETQ-02", **kw):
    defaults = {"name": "Speech and manner", "name_zh": "言谈举止", "category": "etiquette", "pass_mark": 70}
    defaults.update(kw)
    return Course.objects.create(property=property, code=code, **defaults)


def staff(property, n=1, department=None, hired=None, **kw):
    out = []
    for i in range(n):
        out.append(StaffMember.objects.create(
            property=property, staff_number=f"S{StaffMember.objects.count() + 1:05d}", name=f"Person {StaffMember.objects.count() + 1}",
            department=department or property.departments.first(), hire_date=hired or dt.date(2020, 1, 1), **kw))
    return out
