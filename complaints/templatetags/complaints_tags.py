
from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


from hotelqa.table_rows import esc

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


@register.simple_tag
def deadline_badge(case, now=None):
    """The case's next deadline as a badge (time left, or overdue), or "done". Built in Python, not
    a template: the case lists show one per row."""
    state = deadline_state(case, now)
    if state is None:
        return format_html('<span class="badge text-bg-success">{}</span>', pgettext("case finished", "done")) if not case.is_open else ""
    kind, due, left = state
    kind = esc(DeadlineKind(kind).label)
    if left < 0:
        css, text = "text-bg-danger", _("overdue %(d)s") % {"d": duration_short(left)}
    else:
        css, text = ("text-bg-warning" if left < 3600 else "text-bg-light border"), _("%(d)s left") % {"d": duration_short(left)}
    return mark_safe(
        f'<span class="badge {css}" title="{kind}: {template_localtime(due):%Y-%m-%d %H:%M}">{esc(text)}</span>'
        f' <span class="small text-body-secondary d-none d-md-inline">{kind}</span>'
    )


@register.filter
def status_label(value):
    return CaseStatus(value).label if value in CaseStatus.values else value


