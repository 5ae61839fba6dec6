
from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


from ..choices import CaseStatus, Category, DeadlineKind, Grade, RootCause
from ..selectors import deadline_state

register = template.Library()


@register.filter
def duration_short(seconds):
    """1 d 3 h / 2 h 15 min / 7 min."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


@register.inclusion_tag("complaints/partials/deadline.html")
def deadline_badge(case, now=None):
    state = deadline_state(case, now)
    if state is None:
        return {"state": None, "case": case}
    kind, due, left = state
    return {
        "state": True,
        "case": case,
        "kind": DeadlineKind(kind).label,
        "due": due,
        "left": left,
        "overdue": left < 0,
        "soon": 0 <= left < 3600,
    }


LABELS = {
    "status": dict(CaseStatus.choices),
    "grade": dict(Grade.choices),
    "category": dict(Category.choices),
    "root_cause": dict(RootCause.choices),
}


@register.simple_tag
def event_value(event, which):
    """An event's old or new value in the reader's language."""
    value = getattr(event, which)
    if not value:
        return "—"
    if event.kind == "escalation":
        from ..choices import EscalationLevel

        return EscalationLevel(int(value)).label if value.isdigit() else value
    if event.field in LABELS:
        return LABELS[event.field].get(value, value)
    if event.field in ("response_due", "resolution_due"):
        parsed = parse_datetime(value)
        if parsed:
            return timezone.localtime(parsed).strftime("%Y-%m-%d %H:%M")
    if event.field in ("revisit", "approval"):
        from ..choices import ApprovalStatus, RevisitOutcome

        return dict(RevisitOutcome.choices).get(value) or dict(ApprovalStatus.choices).get(value) or value
    return value


FIELD_LABELS = {
    "assignee": gettext_lazy("Assignee"), "department": gettext_lazy("Department"), "grade": gettext_lazy("Grade"),
    "category": gettext_lazy("Category"), "response_due": gettext_lazy("Response due"),
    "resolution_due": gettext_lazy("Resolution due"), "recovery": gettext_lazy("Service recovery"),
    "approval": gettext_lazy("Approval"), "revisit": gettext_lazy("Revisit"),
    "response": gettext_lazy("First response"), "resolution": gettext_lazy("Resolution"),
}


@register.simple_tag
def field_label(name):
    return str(FIELD_LABELS.get(name, name))


@register.filter
def status_label(value):
    return CaseStatus(value).label if value in CaseStatus.values else value


