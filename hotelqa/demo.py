"""Demo organisation: two properties, their departments, one user per role and a group manager."""

import datetime as dt

from django.db import transaction
from django.utils import translation

from . import services
from .choices import DepartmentKind, Role
from .models import CareerLevel, Property, StaffMember, User

DEMO_PASSWORD = "hotelqa-demo"

PROPERTIES = [
    {"code": "harbour", "name": "Harbour View Hotel", "name_zh": "海景酒店", "city": "Shanghai", "room_count": 220},
    {"code": "westlake", "name": "West Lake Hotel", "name_zh": "西湖酒店", "city": "Hangzhou", "room_count": 160},
]

# role → (username prefix, department kind they work in)
ROLE_USERS = {
    Role.FRONT_DESK: ("frontdesk", DepartmentKind.FRONT_OFFICE),
    Role.STAFF: ("staff", DepartmentKind.ENGINEERING),
    Role.SUPERVISOR: ("supervisor", DepartmentKind.ENGINEERING),
    Role.INSPECTOR: ("inspector", DepartmentKind.QUALITY),
    Role.TRAINER: ("trainer", DepartmentKind.HUMAN_RESOURCES),
    Role.MANAGER: ("manager", None),
    Role.ADMIN: ("admin", None),
}

# Staff without a login, per property: (name, department kind, position, career level, years employed).
# Positions are what the hotel's HR typed, in Chinese, like the positions of staff with a login.
STAFF_WITHOUT_LOGIN = [
    ("Gao Yue", DepartmentKind.FRONT_OFFICE, "前台接待", CareerLevel.JUNIOR, 0.1),
    ("Lin Xue", DepartmentKind.FRONT_OFFICE, "前台接待", CareerLevel.MID, 3),
    ("He Jie", DepartmentKind.HOUSEKEEPING, "客房服务员", CareerLevel.JUNIOR, 1),
    ("Luo Ping", DepartmentKind.HOUSEKEEPING, "管家", CareerLevel.SENIOR, 6),
    ("Song Tao", DepartmentKind.ENGINEERING, "维修技工", CareerLevel.MID, 4),
    ("Tang Hui", DepartmentKind.FOOD_BEVERAGE, "餐厅服务员", CareerLevel.JUNIOR, 0.5),
    ("Feng Lei", DepartmentKind.SECURITY, "保安员", CareerLevel.MID, 2.5),
]
ROLE_LEVELS = {Role.SUPERVISOR: CareerLevel.SUPERVISOR, Role.MANAGER: CareerLevel.MANAGER, Role.ADMIN: CareerLevel.MANAGER}

# Names staff see on assignments and timelines, per property, in ROLE_USERS order.
PEOPLE = {
    "harbour": ["Wang Fang", "Zhang Wei", "Liu Yang", "Chen Jing", "Zhao Min", "Sun Li", "Zhou Qiang"],
    "westlake": ["Li Na", "Huang Lei", "Wu Hao", "Xu Ting", "Ma Jun", "Hu Yan", "Guo Peng"],
}


def _user(username, display_name, **extra):
    user, created = User.objects.get_or_create(username=username, defaults={"display_name": display_name, "email": f"{username}@example.com", **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _in_chinese(label):
    with translation.override("zh-hans"):
        return str(label)


def _staff_record(prop, name, department, position, level, years, user=None):
    number = f"{prop.code[:2].upper()}{StaffMember.objects.filter(property=prop).count() + 1:04d}"
    hired = dt.date.today() - dt.timedelta(days=int(years * 365))
    StaffMember.objects.get_or_create(
        property=prop, name=name,
        defaults={"staff_number": number, "department": department, "position": str(position),
                  "career_level": level, "hire_date": hired, "user": user},
    )


@transaction.atomic
def seed(stdout=None):
    properties = []
    for data in PROPERTIES:
        prop, _ = Property.objects.update_or_create(code=data["code"], defaults=data)
        services.property_ensure_default_departments(property=prop)
        properties.append(prop)
        for (role, (prefix, kind)), person in zip(ROLE_USERS.items(), PEOPLE[prop.code]):
            department = prop.departments.filter(kind=kind).first() if kind else None
            user = _user(f"{prefix}.{prop.code}", person)
            services.membership_set(user=user, property=prop, role=role, department=department)
            _staff_record(prop, user.display_name, department, _in_chinese(role.label), ROLE_LEVELS.get(role, CareerLevel.MID), 5, user=user)
        for name, kind, position, level, years in STAFF_WITHOUT_LOGIN:
            _staff_record(prop, name, prop.departments.filter(kind=kind).first(), position, level, years)
    group = _user("groupmanager", "Group manager", is_group_manager=True)
    services.user_sync_groups(user=group)
    group_admin = _user("groupadmin", "Group admin", is_group_admin=True)
    services.user_sync_groups(user=group_admin)
    return properties


def logins():
    rows = [("groupmanager", "group manager, all properties"), ("groupadmin", "group admin, all properties")]
    for data in PROPERTIES:
        for role, (prefix, _) in ROLE_USERS.items():
            rows.append((f"{prefix}.{data['code']}", f"{Role(role).label}, {data['name']}"))
    return rows
