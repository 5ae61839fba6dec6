from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..choices import Role
from ..forms import DateRangeForm
from ..middleware import SESSION_KEY
from ..models import Notification
from ..permissions import MANAGEMENT_ROLES, user_can
from ..ui import panels_for



def _safe_next(request, fallback="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
def home(request):
    """Each role lands on what it uses: managers and admins on the dashboard, others on their work."""
    if request.property is None:
        return render(request, "hotelqa/no_property.html", status=403)
    if request.role in MANAGEMENT_ROLES:
        return redirect("dashboard")
    from django.utils.translation import gettext

    title = {
        Role.FRONT_DESK: gettext("Today at the front desk"),
        Role.STAFF: gettext("My work"),
        Role.SUPERVISOR: gettext("My department today"),
        Role.INSPECTOR: gettext("Quality work"),
        Role.TRAINER: gettext("Training work"),
    }.get(request.role, gettext("Home"))
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).select_related("property")[:8]
    return render(
        request,
        "hotelqa/landing.html",
        {"title": title, "panels": panels_for(request, "landing", request.role), "unread": unread},
    )


@require_POST
@login_required
def property_switch(request):
    wanted = request.POST.get("property")
    match = [p for p in request.accessible_properties if str(p.pk) == wanted]
    if not match:
        messages.error(request, _("You do not belong to that property."))
    else:
        request.session[SESSION_KEY] = match[0].pk
        request.user.last_property = match[0]
        request.user.save(update_fields=["last_property"])
        messages.success(request, _("Now working at %(property)s.") % {"property": match[0]})
    return redirect(_safe_next(request))


@login_required
def notification_list(request):
    qs = Notification.objects.filter(recipient=request.user).select_related("property")
    scope = request.GET.get("scope")
    dates = DateRangeForm(request.GET)
    if scope == "property":
        # Drill-down from the dashboard: every notification of the active property.
        if request.property is None or not user_can(request.user, "hotelqa.view_kpisnapshot", request.property):
            raise PermissionDenied
        if not dates.is_valid():
            return render(request, "hotelqa/notification_list.html", {"page": [], "scope": scope, "dates": dates}, status=400)
        qs = Notification.objects.filter(property=request.property).select_related("property", "recipient")
        if dates.cleaned_data["start"]:
            qs = qs.filter(created_at__date__gte=dates.cleaned_data["start"])
        if dates.cleaned_data["end"]:
            qs = qs.filter(created_at__date__lte=dates.cleaned_data["end"])
    elif request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "hotelqa/notification_list.html", {"page": page, "scope": scope, "dates": dates})


@require_POST
@login_required
def notification_open(request, pk):
    """Marks a notification read and follows its link."""
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        from django.http import Http404

        raise Http404
    services.notifications_mark_read(user=request.user, ids=[pk])
    if notification.url and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect("notification_list")


@require_POST
@login_required
def notification_mark_all_read(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect(_safe_next(request, "notification_list"))


@require_POST
def language_switch(request):
    """Django's language switch, also remembered on the account so that notifications and emails
    reach the user in the language they work in."""
    from django.conf import settings
    from django.views.i18n import set_language

    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES) and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def favicon(request):
    # Resolved per request: the static manifest may not exist yet when URLs are imported.
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("hotelqa/favicon.svg"))
