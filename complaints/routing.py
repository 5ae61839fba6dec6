"""Where a new case goes: the property's keyword rules, and never a department with nobody in it."""

from dataclasses import dataclass

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Department, Membership, Property, User

from .models import RoutingRule
from .rules import DEFAULT_PATTERNS, DEFAULT_RULES, keyword_pattern, split_keywords


def patterns_for(property: Property):
    """The property's active rules as compiled patterns, in order; the defaults when it has none."""
    rows = list(RoutingRule.objects.filter(property=property).order_by("order", "pk").values_list("keywords", "category", "department_kind", "is_active"))
    if not rows:
        return DEFAULT_PATTERNS
    return [(keyword_pattern(split_keywords(words)), category, kind) for words, category, kind, active in rows if active]


def routing_rules_seed(*, property: Property) -> int:
    """Give a property its own editable copy of the default rules (once)."""
    if RoutingRule.objects.filter(property=property).exists():
        return 0
    RoutingRule.objects.bulk_create(
        RoutingRule(property=property, order=order, keywords=", ".join(words), category=category, department_kind=kind)
        for order, words, category, kind in DEFAULT_RULES
    )
    return len(DEFAULT_RULES)


@dataclass(frozen=True)
class Route:
    department: Department | None
    assignee: User | None = None
    # The department the rules pointed at when it had nobody to take the case.
    unstaffed: Department | None = None


def is_staffed(department: Department) -> bool:
    return Membership.objects.filter(department=department, user__is_active=True).exists()


def route(*, property: Property, kind: str) -> Route:
    """The department of that kind; when it has nobody in it, the front office, given to its
    supervisor on duty (the first one) so the case has an owner."""
    department = Department.objects.filter(property=property, kind=kind).first() if kind else None
    if department is None or is_staffed(department):
        return Route(department)
    front_office = Department.objects.filter(property=property, kind=DepartmentKind.FRONT_OFFICE).first()
    if front_office is None or front_office.pk == department.pk:
        return Route(department)
    supervisor = (
        Membership.objects.filter(property=property, department=front_office, role=Role.SUPERVISOR, user__is_active=True)
        .select_related("user").order_by("user__username").first()
    )
    return Route(front_office, supervisor.user if supervisor else None, unstaffed=department)
