"""Demo organisation: two properties, their departments, one user per role and a group manager."""

from django.db import transaction

from . import services
from .choices import DepartmentKind, Role
from .models import Property, User

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
