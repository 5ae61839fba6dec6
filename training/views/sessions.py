"""Sessions: planning one, inviting, attendance in the room (one tap per person or the QR code),
and the assessment scores of every attendee in one form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView

from hotelqa.forms import add_service_errors, message_errors
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyCreateMixin, PropertyFormKwargsMixin, PropertyObjectMixin, PropertyRequiredMixin, can
from hotelqa.models import StaffMember
from hotelqa.ui import qr_svg

from .. import services
from ..choices import PlanStatus, SessionStatus
from ..filters import SessionFilter
from ..forms import InviteForm, SessionForm
from ..models import Attendance, PlanItem, Session
from ..tables import SessionTable


def attendance_count(**conditions):
    """The session's attendance rows (meeting `conditions`) as a subquery: the list's count of
    sessions then reads sessions alone, not every attendance joined and grouped."""
    rows = Attendance.objects.filter(session=OuterRef("pk"), **conditions).order_by().values("session")
    return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n")), 0)


class SessionListView(FilteredListView):
    model = Session
    export_name = "training-sessions"
    queryset = Session.objects.select_related("course", "trainer").annotate(
        invited=attendance_count(), present=attendance_count(attended=True))
    permission_required = "training.view_session"
    filterset_class = SessionFilter
    table_class = SessionTable
    title = gettext_lazy("Training sessions")
    create_url = reverse_lazy("training:session_create")
    create_permission = "training.add_session"


class SessionCreateView(PropertyCreateMixin, PropertyFormKwargsMixin, CreateView):
    model = Session
    form_class = SessionForm
    permission_required = "training.add_session"
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("New training session")}

    def get_initial(self):
        return {"trainer": self.request.user.pk}

    def form_valid(self, form):
        d = form.cleaned_data
        staff = []
        if d.get("invite_planned"):
            staff += [i.staff for i in PlanItem.objects.filter(course=d["course"], status=PlanStatus.PLANNED, staff__is_active=True).select_related("staff")]
        if d.get("invite_department"):
            staff += list(StaffMember.objects.filter(department=d["invite_department"], is_active=True))
        try:
            self.object = services.session_create(
                property=self.request.property, course=d["course"], date=d["date"], start_time=d.get("start_time"),
                trainer=d.get("trainer"), place=d.get("place", ""), format=d.get("format", ""), notes=d.get("notes", ""),
                staff={s.pk: s for s in staff}.values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return redirect(self.object.get_absolute_url())


def _attendances(session):
    return list(session.attendances.select_related("staff__department").order_by("staff__name"))


class SessionDetailView(PropertyObjectMixin, DetailView):
    """The trainer's page in the room: one big button per invited person, the QR code to scan."""

    model = Session
    queryset = Session.objects.select_related("course", "trainer", "property", "cancelled_by")
    permission_required = "training.view_session"
    template_name = "training/session_detail.html"
    context_object_name = "session"

    def get_context_data(self, **kwargs):
        session = self.object
        attendances = _attendances(session)
        open_ = session.status != SessionStatus.CANCELLED
        may_record = open_ and can(self.request, "training.record_attendance", session.property)
        checkin_url = self.request.build_absolute_uri(reverse("training:session_checkin", args=[session.checkin_token]))
        return super().get_context_data(
            attendances=attendances, present=sum(a.attended for a in attendances), may_record=may_record,
            may_edit=open_ and can(self.request, "training.change_session", session.property),
            qr=qr_svg(checkin_url) if may_record else None, checkin_url=checkin_url,
            invite_form=InviteForm(session=session) if may_record else None, **kwargs,
        )


class SessionTapView(PropertyObjectMixin, DetailView):
    """One tap: this person is here (or, tapped again, is not). Answers JSON to the page's script."""

    model = Session
    permission_required = "training.record_attendance"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.get_object()
        attended = request.POST.get("attended", "1") != "0"
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            att = services.attendance_mark(session=session, staff_id=request.POST.get("staff"), attended=attended)
        except ValidationError as exc:
            if wants_json:
                return JsonResponse({"error": " ".join(exc.messages)}, status=400)
            message_errors(request, exc)
            return redirect(session.get_absolute_url())
        if wants_json:
            present = session.attendances.filter(attended=True).count()
            return JsonResponse({"staff": att.staff_id, "attended": att.attended, "present": present})
        return redirect(session.get_absolute_url())


class SessionInviteView(PropertyObjectMixin, DetailView):
    model = Session
    permission_required = "training.record_attendance"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.get_object()
        form = InviteForm(request.POST, session=session)
        if form.is_valid():
            n = services.session_invite(session=session, staff=form.cleaned_data["staff"])
            messages.success(request, _("%(n)s people invited.") % {"n": n})
        else:
            messages.error(request, _("Choose the people to invite."))
        return redirect(session.get_absolute_url())


class SessionScoresView(PropertyObjectMixin, DetailView):
    """Every attendee's attendance and scores in one form: type, Tab, type … Save."""

    model = Session
    queryset = Session.objects.select_related("course", "property")
    permission_required = "training.record_attendance"
    template_name = "training/session_scores.html"
    context_object_name = "session"

    def post(self, request, *args, **kwargs):
        session = self.object = self.get_object()
        attendances = _attendances(session)
        rows = {str(a.pk): {"attended": request.POST.get(f"attended-{a.pk}") == "on",
                            "score_before": request.POST.get(f"score_before-{a.pk}", ""),
                            "score": request.POST.get(f"score-{a.pk}", "")} for a in attendances}
        try:
            summary = services.scores_record(session=session, rows=rows)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for a in attendances:
                values = rows[str(a.pk)]
                a.attended, a.score_before, a.score = values["attended"], values["score_before"], values["score"]
                a.errors = {f: errors.get(f"{f}-{a.pk}") for f in ("score_before", "score")}
            context = self.get_context_data(attendances=attendances, errors=[m for k, v in errors.items() if "-" not in k for m in v])
            return self.render_to_response(context)  # the form again, like any invalid form
        messages.success(request, _("Scores saved: %(passed)s passed, %(failed)s failed (%(replanned)s planned again).") % summary)
        return redirect(session.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("attendances", _attendances(self.object))
        return super().get_context_data(**kwargs)


class SessionCheckInView(PropertyRequiredMixin, DetailView):
    """The page the session's QR code opens on a staff member's phone: check yourself in."""

    permission_required = "training.view_own_training"
    template_name = "training/checkin.html"
    context_object_name = "session"

    def check_active_property_permission(self):
        return True  # checked at the session's property

    def get_object(self, queryset=None):
        session = (Session.objects.for_user(self.request.user).select_related("course", "property")
                   .filter(checkin_token=self.kwargs["token"]).first())
        if session is None:
            raise Http404
        if not self.has_permission_at(session.property):
            raise PermissionDenied
        return session

    def post(self, request, *args, **kwargs):
        session = self.object = self.get_object()
        try:
            services.self_check_in(session=session, user=request.user)
        except PermissionDenied:
            return render(request, self.template_name, {"session": session, "no_record": True}, status=403)
        except ValidationError as exc:
            return render(request, self.template_name, {"session": session, "errors": exc.messages}, status=400)
        return render(request, self.template_name, {"session": session, "done": True})
