
from django import template
from django.utils import timezone
from django.utils.translation import gettext as _


from ..choices import CaseStatus, DeadlineKind
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


@register.filter
def status_label(value):
    return CaseStatus(value).label if value in CaseStatus.values else value


