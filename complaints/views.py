import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.paginators import LazyPaginator

from crm import services as crm_services
from crm.models import Room
from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin, PropertyRequiredMixin
from hotelqa.permissions import user_can
from hotelqa.ui import panels_for
from hotelqa.uploads import ProtectedFileView

from . import selectors, services, workflow
from .choices import ApprovalStatus, CaseKind, CaseStatus, Channel
from .filters import CaseFilter
from .forms import GuestPageForm, QuickLogForm, RecoveryForm, ReassignForm, RevisitForm, step_form_class
from .models import FINAL_STATUSES, Case, CasePhoto, RecoveryAction, Revisit
from .ratelimit import allow, client_address
from .routing import patterns_for, route
from .rules import suggest
from .tables import CaseTable

STALE_MESSAGE = gettext_lazy(
    "Someone else changed this case while you were editing. Your input is kept below: check the "
    "timeline, then save again."
)


# --- lists ------------------------------------------------------------------------------------


SCOPES = ("all", "mine", "department")


def scope_cases(request, qs, scope):
    """Narrow the active property's cases to a list scope; returns (queryset, department)."""
    qs = qs.select_related("guest", "department", "assignee")
    department = None
    if scope == "mine":
        qs = qs.filter(assignee=request.user).exclude(status__in=FINAL_STATUSES)
    elif scope == "department":
        membership = request.user.membership_in(request.property)
        department = membership.department if membership else None
        qs = qs.exclude(status__in=FINAL_STATUSES)
        if department is not None:
            qs = qs.filter(department=department)
    return qs, department


class CaseListView(PropertyListMixin, SingleTableMixin, FilterView):
    """All cases of the active property (scope "all"), my queue ("mine") or a department's ("department")."""

    model = Case
    permission_required = "complaints.view_case"
    table_class = CaseTable
    filterset_class = CaseFilter
    template_name = "complaints/case_list.html"
    table_pagination = {"per_page": 25}
    scope = "all"

    def get_queryset(self):
        qs, self.department = scope_cases(self.request, super().get_queryset(), self.scope)
        return qs

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["property"] = self.request.property
        return kwargs

    def get_table_kwargs(self):
        return {"order_by": "resolution_due"} if self.scope != "all" and "sort" not in self.request.GET else {}

    def get_table_pagination(self, table):
        options = super().get_table_pagination(table)
        if self.request.GET.get("q", "").strip():
            # Counting every match of a word search means reading every case of the property;
            # a search shows "next" while there is more instead of a page total.
            options["paginator_class"] = LazyPaginator
        return options

    def get_context_data(self, **kwargs):
        titles = {"all": _("All cases"), "mine": _("My queue"), "department": _("Department queue")}
        title = titles[self.scope]
        if self.scope == "department" and getattr(self, "department", None):
            title = f"{title}: {self.department}"
        return super().get_context_data(
            title=title, scope=self.scope, query=self.request.GET.urlencode(),
            filters_used=any(v for k, v in self.request.GET.items() if k not in ("q", "page", "sort")),
            can_add=user_can(self.request.user, "complaints.add_case", self.request.property), **kwargs
        )


class Echo:
    def write(self, value):
        return value


def csv_safe(value):
    """Text a spreadsheet will not run as a formula (guests can type case text via the QR page)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class CaseExportView(PropertyListMixin, View):
    """CSV of exactly the filtered list, streamed so a long list does not sit in memory."""

    model = Case
    permission_required = "complaints.view_case"
    COLUMNS = [
        ("number", gettext_lazy("Number")), ("kind", gettext_lazy("Kind")), ("status", gettext_lazy("Status")),
        ("received", gettext_lazy("Received")), ("channel", gettext_lazy("Channel")), ("grade", gettext_lazy("Grade")),
        ("category", gettext_lazy("Category")), ("guest", gettext_lazy("Guest")), ("room", gettext_lazy("Room")),
        ("department", gettext_lazy("Department")), ("assignee", gettext_lazy("Assignee")),
        ("response_due", gettext_lazy("Response due")), ("resolution_due", gettext_lazy("Resolution due")),
        ("resolved", gettext_lazy("Resolved")), ("satisfaction", gettext_lazy("Satisfaction")),
        ("description", gettext_lazy("What happened")),
    ]

    def get(self, request, *args, **kwargs):
        scope = request.GET.get("scope") if request.GET.get("scope") in SCOPES else "all"
        qs, _department = scope_cases(request, Case.objects.for_property(request.property), scope)
        filterset = CaseFilter(request.GET or None, queryset=qs, property=request.property)
        qs = filterset.qs.order_by("-received_at")

        def fmt(value):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

        def rows():
            yield [str(label) for _key, label in self.COLUMNS]
            for c in qs.iterator(chunk_size=500):
                yield [
                    c.number, c.get_kind_display(), c.get_status_display(), fmt(c.received_at), c.get_channel_display(),
                    c.get_grade_display(), c.get_category_display(), c.guest.name if c.guest else "", c.room_number,
                    str(c.department or ""), str(c.assignee or ""), fmt(c.response_due), fmt(c.resolution_due),
                    fmt(c.resolved_at), c.satisfaction or "", c.description,
                ]

        writer = csv.writer(Echo())
        response = StreamingHttpResponse((writer.writerow([csv_safe(v) for v in r]) for r in rows()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cases-{request.property.code}-{timezone.localdate():%Y%m%d}.csv"'
        return response


# --- quick log --------------------------------------------------------------------------------


class CaseCreateView(PropertyRequiredMixin, FormView):
    """The front desk's one short form: steps 1–2 of a complaint, or a request or incident."""

    permission_required = "complaints.add_case"
    form_class = QuickLogForm
    template_name = "complaints/case_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["property"] = self.request.property
        initial = {k: v for k, v in self.request.GET.items() if k in ("kind", "room_number", "channel")}
        kwargs["initial"] = {**kwargs.get("initial", {}), **initial}
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        prop = self.request.property
        try:
            with transaction.atomic():
                guest = data.get("guest")
                if guest is None and data.get("guest_name"):
                    guest = crm_services.guest_find_or_create(property=prop, name=data["guest_name"], phone=data.get("guest_phone", ""))
                case = services.case_log(
                    property=prop, actor=self.request.user, kind=data["kind"], channel=data["channel"],
                    description=data["description"], apology_confirmed=data.get("apology_confirmed", False),
                    guest=guest, room=form.room, room_number=data.get("room_number", ""),
                    category=data.get("category", ""), grade=data.get("grade", ""), department=data.get("department"),
                )
                if data.get("photo"):
                    services.case_photo_add(case=case, image=data["photo"], actor=self.request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("%(number)s logged for %(department)s.") % {"number": case.number, "department": case.department or "-"})
        if getattr(case, "routed_from", None):
            messages.warning(self.request, _("%(department)s has nobody in it here, so the case went to %(fallback)s.") % {"department": case.routed_from, "fallback": case.department})
        if "another" in self.request.POST:
            return redirect("complaints:case_create")
        return redirect("complaints:case_detail", pk=case.pk)


class CaseSuggestView(PropertyRequiredMixin, TemplateView):
    """htmx: what the keyword rules would pre-fill for the text typed so far."""

    permission_required = "complaints.add_case"
    template_name = "complaints/partials/suggestion.html"

    def get_context_data(self, **kwargs):
        from hotelqa.choices import DepartmentKind

        from .choices import Category, Grade

        hint = suggest(self.request.GET.get("description", ""), patterns_for(self.request.property))
        routed = route(property=self.request.property, kind=hint.department_kind) if hint.department_kind else None
        return super().get_context_data(
            category=Category(hint.category).label if hint.category else "",
            grade=Grade(hint.grade).label if hint.grade else "",
            department=(routed.department if routed and routed.department else DepartmentKind(hint.department_kind).label) if hint.department_kind else "",
            unstaffed=routed.unstaffed if routed else None,
            assignee=routed.assignee if routed else None,
            **kwargs,
        )


# --- the case page and its actions ------------------------------------------------------------------


class CaseObjectMixin(PropertyObjectMixin):
    model = Case

    def get_queryset(self):
        return super().get_queryset().select_related("guest", "room", "department", "assignee", "created_by", "property", "stay")


def case_page_context(request, case, *, bound=None, reassign=None, recovery=None):
    """Everything the case page shows; `bound` replaces one step's empty form after an error."""
    user = request.user
    can_assign = user_can(user, "complaints.assign_case", case.property)
    closing_hint = False
    step_forms = []
    for to_status in workflow.allowed_moves(case.kind, case.status):
        key = (case.kind, to_status)
        if not user_can(user, workflow.move_permission(case.kind, to_status), case.property):
            continue
        if key == (CaseKind.COMPLAINT, CaseStatus.CLOSED) and not services.may_close(user=user, case=case):
            closing_hint = True
            continue
        if bound is not None and bound[0] == to_status:
            form = bound[1]
        else:
            initial = {"version": case.version}
            if "assignee" in workflow.STEP_FIELDS.get(key, []) and not case.assignee_id and case.kind == CaseKind.REQUEST:
                initial["assignee"] = user.pk
            form = step_form_class(case.kind, to_status)(instance=case, initial=initial)
        step_forms.append({"to": to_status, "label": workflow.action_label(case.kind, case.status, to_status), "form": form, "open": bound is not None and bound[0] == to_status})
    steps = workflow.STEPS[case.kind]
    current = steps.index(case.status) if case.status in steps else None
    return {
        "case": case,
        "object": case,
        "steps": [{"status": s, "done": current is not None and i <= current, "current": i == current} for i, s in enumerate(steps)],
        "step_forms": step_forms,
        "events": case.events.select_related("actor").all(),
        "recovery_actions": case.recovery_actions.select_related("created_by", "decided_by").all(),
        "revisits": case.revisits.select_related("done_by").all(),
        "can_record_revisit": user_can(user, "complaints.change_revisit", case.property),
        "closing_hint": closing_hint,
        "record_panels": panels_for(request, "record", user.role_in(case.property), obj=case),
        "photos": case.photos.all(),
        "revisit_form": RevisitForm(),
        "escalations": case.escalations.all(),
        "deadline": selectors.deadline_state(case),
        "reassign_form": reassign or (ReassignForm(case=case) if can_assign and case.is_open else None),
        "recovery_form": recovery or (RecoveryForm() if user_can(user, "complaints.add_recoveryaction", case.property) and case.kind == CaseKind.COMPLAINT else None),
        "can_approve": user_can(user, "complaints.approve_recoveryaction", case.property),
    }


class CaseDetailView(CaseObjectMixin, DetailView):
    permission_required = "complaints.view_case"
    template_name = "complaints/case_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **case_page_context(self.request, self.object)}


class CasePostView(CaseObjectMixin, SingleObjectMixin, View):
    """Base of the POST-only actions on a case: re-render the case page with the form on errors."""

    permission_required = "complaints.view_case"
    http_method_names = ["post"]

    def render_page(self, status=400, **forms):
        case = Case.objects.select_related("guest", "room", "department", "assignee", "property").get(pk=self.object.pk)
        return render(self.request, "complaints/case_detail.html", case_page_context(self.request, case, **forms), status=status)

    def apply_errors(self, form, exc):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)

    def keep_input(self, form_class, **kwargs):
        """The user's input, with the current version so a deliberate second save goes through."""
        data = self.request.POST.copy()
        data["version"] = Case.objects.values_list("version", flat=True).get(pk=self.object.pk)
        form = form_class(data, **kwargs)
        form.is_valid()
        form.add_error(None, STALE_MESSAGE)
        return form


class CaseTransitionView(CasePostView):
    permission_required = "complaints.change_case"

    def post(self, request, pk, to):
        case = self.object = self.get_object()
        if to not in workflow.allowed_moves(case.kind, case.status):
            messages.error(request, _("This step is not possible now: the case is “%(status)s”. Steps cannot be skipped.") % {"status": case.get_status_display()})
            return self.render_page(status=400)
        form_class = step_form_class(case.kind, to)
        form = form_class(request.POST, instance=case)
        if not form.is_valid():
            return self.render_page(bound=(to, form))
        try:
            services.case_transition(
                case=Case.objects.select_related("property", "department", "assignee").get(pk=case.pk),
                to_status=to, actor=request.user, expected_version=form.cleaned_data["version"],
                data=form.step_data(), note=form.cleaned_data.get("note", ""),
            )
        except services.StaleCaseError:
            messages.error(request, STALE_MESSAGE)
            return self.render_page(status=409, bound=(to, self.keep_input(form_class, instance=Case.objects.get(pk=case.pk))))
        except ValidationError as exc:
            self.apply_errors(form, exc)
            return self.render_page(bound=(to, form))
        messages.success(request, _("Saved: %(step)s.") % {"step": workflow.action_label(case.kind, case.status, to)})
        return redirect("complaints:case_detail", pk=case.pk)


class CaseReassignView(CasePostView):
    permission_required = "complaints.assign_case"

    def post(self, request, pk):
        case = self.object = self.get_object()
        form = ReassignForm(request.POST, case=case)
        if not form.is_valid():
            return self.render_page(reassign=form)
        d = form.cleaned_data
        try:
            services.case_reassign(case=case, actor=request.user, expected_version=d["version"], department=d["department"], assignee=d["assignee"], grade=d["grade"], note=d["note"])
        except services.StaleCaseError:
            messages.error(request, STALE_MESSAGE)
            fresh = Case.objects.get(pk=case.pk)
            return self.render_page(status=409, reassign=self.keep_input(ReassignForm, case=fresh))
        except ValidationError as exc:
            self.apply_errors(form, exc)
            return self.render_page(reassign=form)
        messages.success(request, _("Assignment saved."))
        return redirect("complaints:case_detail", pk=case.pk)


class RecoveryCreateView(CasePostView):
    permission_required = "complaints.add_recoveryaction"

    def post(self, request, pk):
        case = self.object = self.get_object()
        form = RecoveryForm(request.POST)
        if not form.is_valid():
            return self.render_page(recovery=form)
        if not case.is_open:
            form.add_error(None, _("The case is closed; reopen it to add a recovery."))
            return self.render_page(recovery=form)
        action = services.recovery_add(case=case, actor=request.user, **form.cleaned_data)
        if action.approval == ApprovalStatus.PENDING:
            messages.warning(request, _("Above your limit: a supervisor or manager must approve this recovery before it counts."))
        else:
            messages.success(request, _("Recovery recorded."))
        return redirect("complaints:case_detail", pk=case.pk)


class RecoveryDecideView(PropertyObjectMixin, SingleObjectMixin, View):
    model = RecoveryAction
    permission_required = "complaints.approve_recoveryaction"
    http_method_names = ["post"]

    def post(self, request, pk):
        action = self.get_object()
        try:
            services.recovery_decide(action=action, actor=request.user, approve=request.POST.get("decision") == "approve")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("complaints:case_detail", pk=action.case_id)


# --- revisits -----------------------------------------------------------------------------------


class RevisitListView(PropertyListMixin, ListView):
    model = Revisit
    permission_required = "complaints.view_revisit"
    template_name = "complaints/revisit_list.html"
    context_object_name = "revisits"
    paginate_by = 25

    def get_queryset(self):
        self.tab = "upcoming" if self.request.GET.get("tab") == "upcoming" else "due"
        return revisit_tab(self.request.property, self.tab)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=RevisitForm(), tab=self.tab, **kwargs)


def revisit_tab(property, tab):
    if tab == "upcoming":
        return selectors.revisits_upcoming(property=property)
    return selectors.revisits_on_list(property=property)


class RevisitRecordView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Revisit
    permission_required = "complaints.change_revisit"
    http_method_names = ["post"]

    def post(self, request, pk):
        revisit = self.get_object()
        form = RevisitForm(request.POST)
        if form.is_valid():
            try:
                services.revisit_record(revisit=revisit, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Revisit of %(number)s recorded.") % {"number": revisit.case.number})
                next_url = request.POST.get("next", "")
                if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                    return redirect(next_url)  # back to the case page it was recorded from
                return redirect("complaints:revisit_list")
        tab = "due" if revisit.listed_at else "upcoming"
        return render(request, "complaints/revisit_list.html", {
            "revisits": revisit_tab(revisit.property, tab), "tab": tab, "form": RevisitForm(), "bound": form, "bound_pk": revisit.pk,
        }, status=400)


class CasePhotoFileView(ProtectedFileView):
    model = CasePhoto
    file_field = "image"
    property_path = "case.property"
    permission_required = "complaints.view_case"


# --- rooms and the guest page --------------------------------------------------------------------


class RoomLabelListView(PropertyListMixin, ListView):
    """Printable guest QR labels, one per room (separate from staff labels)."""

    model = Room
    permission_required = "crm.change_room"
    template_name = "complaints/room_labels.html"
    context_object_name = "rooms"

    def get_queryset(self):
        return super().get_queryset().filter(is_active=True).order_by("number")

    def get_context_data(self, **kwargs):
        import segno

        ctx = super().get_context_data(**kwargs)
        labels = []
        for room in ctx["rooms"]:
            url = self.request.build_absolute_uri(reverse("complaints:guest_page", args=[room.guest_token]))
            labels.append({"room": room, "url": url, "svg": segno.make(url, error="m").svg_inline(scale=3, omitsize=True)})
        ctx["labels"] = labels
        return ctx


class RoomTokenRotateView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Room
    permission_required = "crm.change_room"
    http_method_names = ["post"]

    def post(self, request, pk):
        room = self.get_object()
        crm_services.room_rotate_token(room=room)
        messages.success(request, _("Room %(number)s has a new QR code; print its label again.") % {"number": room.number})
        return redirect("complaints:room_labels")


GUEST_PAGE_LIMITS = {"room": (5, 3600), "address": (10, 3600)}


class GuestPageView(FormView):
    """A guest without an account sends a request or complaint from the room's QR label."""

    form_class = GuestPageForm
    template_name = "complaints/guest_page.html"

    def dispatch(self, request, token, *args, **kwargs):
        self.room = Room.objects.select_related("property").filter(guest_token=token, is_active=True).first()
        if self.room is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(room=self.room, hotel=self.room.property, **kwargs)

    def post(self, request, *args, **kwargs):
        limit, window = GUEST_PAGE_LIMITS["room"]
        room_ok = allow(f"complaints:guest:room:{self.room.pk}", limit=limit, window=window)
        limit, window = GUEST_PAGE_LIMITS["address"]
        address_ok = allow(f"complaints:guest:ip:{client_address(request)}", limit=limit, window=window)
        if not (room_ok and address_ok):
            return render(request, "complaints/guest_page.html", {
                "form": self.get_form(), "room": self.room, "hotel": self.room.property, "limited": True,
            }, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        kind, category = form.kind_and_category()
        room = self.room
        case = services.case_log(
            property=room.property, actor=None, kind=kind, channel=Channel.QR, description=form.cleaned_data["text"],
            room=room, room_number=room.number, category="" if category == "other" else category,
        )
        self.request.session["complaints_guest_case"] = case.number
        return HttpResponseRedirect(reverse("complaints:guest_thanks", args=[room.guest_token]))


class GuestThanksView(TemplateView):
    template_name = "complaints/guest_thanks.html"

    def get_context_data(self, token, **kwargs):
        room = get_object_or_404(Room.objects.select_related("property"), guest_token=token, is_active=True)
        return super().get_context_data(room=room, hotel=room.property, number=self.request.session.get("complaints_guest_case"), **kwargs)
