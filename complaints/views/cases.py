"""Logging a case and the case page with its actions: steps, reassignment, service recovery."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from crm import services as crm_services
from crm.selectors import sees_guest_contact
from hotelqa.choices import DepartmentKind
from hotelqa.forms import add_service_errors, keep_input_after_stale
from hotelqa.i18n import is_chinese, reader_first
from hotelqa.mixins import PropertyObjectMixin, PropertyRequiredMixin
from hotelqa.permissions import user_can
from hotelqa.submissions import submission_claim, submission_done
from hotelqa.ui import panels_for
from hotelqa.uploads import ProtectedFileView

from .. import selectors, services, workflow
from ..choices import ApprovalStatus, CaseKind, CaseStatus, Category, Grade
from ..forms import QuickLogForm, RecoveryForm, ReassignForm, RevisitForm, TranslationForm, step_form_class
from ..models import Case, CasePhoto, RecoveryAction
from ..routing import patterns_for, route
from ..rules import suggest

STALE_MESSAGE = gettext_lazy(
    "Someone else changed this case while you were editing. Your input is kept below: check the "
    "timeline, then save again."
)


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
                first = submission_claim(token=data.get("once"), user=self.request.user)
                if first is None:
                    guest = data.get("guest")
                    if guest is None and data.get("guest_name"):
                        guest = crm_services.guest_find_or_create(
                            property=prop, name=data["guest_name"], phone=data.get("guest_phone", ""),
                            by_contact=sees_guest_contact(self.request.user, prop),
                        )
                    case = services.case_log(
                        property=prop, actor=self.request.user, kind=data["kind"], channel=data["channel"],
                        description=data["description"], description_translation=data.get("description_translation", ""),
                        apology_confirmed=data.get("apology_confirmed", False),
                        guest=guest, room=form.room, room_number=data.get("room_number", ""),
                        category=data.get("category", ""), grade=data.get("grade", ""), department=data.get("department"),
                    )
                    if data.get("photo"):
                        services.case_photo_add(case=case, image=data["photo"], actor=self.request.user)
                    submission_done(token=data.get("once"), url=reverse("complaints:case_detail", args=[case.pk]))
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if first is not None:  # sent twice (double click, resubmit): show the case the first send logged
            messages.info(self.request, _("This form was already sent; here is the case it logged."))
            return redirect(first.result_url or "complaints:case_create")
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


def description_for_reader(case):
    """What happened, in the reader's language first: the translation staff typed when the
    description is in the other script, with the original (as typed) a click away."""
    shown, other = reader_first(case.description, case.description_translation)
    swapped = bool(other) and shown != case.description
    return {"shown": shown, "other": other, "swapped": swapped, "lang": "zh-Hans" if is_chinese(shown) else "en",
            "other_lang": "zh-Hans" if is_chinese(other) else "en"}


def case_page_context(request, case, *, bound=None, reassign=None, recovery=None, translation=None):
    """Everything the case page shows; `bound` replaces one step's empty form after an error."""
    user = request.user
    can_assign = user_can(user, "complaints.assign_case", case.property)
    closing_hint = False
    step_forms = []
    for to_status in workflow.ENGINES[case.kind].allowed_moves(case, user):
        key = (case.kind, to_status)
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
        "staff_members": list(case.staff_members.all()),
        "events": case.events.select_related("actor").all(),
        "recovery_actions": case.recovery_actions.select_related("created_by", "decided_by").all(),
        "revisits": case.revisits.select_related("done_by").all(),
        "can_record_revisit": user_can(user, "complaints.change_revisit", case.property),
        "closing_hint": closing_hint,
        "record_panels": panels_for(request, "record", user.role_in(case.property), obj=case),
        "photos": case.photos.all(),
        "revisit_form": RevisitForm(),
        "deadline": selectors.deadline_state(case),
        "description": description_for_reader(case),
        "translation_form": translation or (TranslationForm(case=case) if user_can(user, "complaints.change_case", case.property) else None),
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

    def keep_input(self, form_class, **kwargs):
        """The user's input, with the current version so a deliberate second save goes through."""
        version = Case.objects.values_list("version", flat=True).get(pk=self.object.pk)
        return keep_input_after_stale(form_class(self.request.POST, **kwargs), version=version, message=STALE_MESSAGE)


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
            add_service_errors(form, exc)
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
            add_service_errors(form, exc)
            return self.render_page(reassign=form)
        messages.success(request, _("Assignment saved."))
        return redirect("complaints:case_detail", pk=case.pk)


class CaseTranslationView(CasePostView):
    """Staff type what happened in the other language; the original stays as typed."""

    permission_required = "complaints.change_case"

    def post(self, request, pk):
        case = self.object = self.get_object()
        form = TranslationForm(request.POST, case=case)
        if not form.is_valid():
            return self.render_page(translation=form)
        try:
            services.case_translation_save(
                case=case, actor=request.user, text=form.cleaned_data["description_translation"], expected_version=form.cleaned_data["version"],
            )
        except services.StaleCaseError:
            messages.error(request, STALE_MESSAGE)
            return self.render_page(status=409, translation=self.keep_input(TranslationForm, case=Case.objects.get(pk=case.pk)))
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_page(translation=form)
        messages.success(request, _("Translation saved."))
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


class CasePhotoFileView(ProtectedFileView):
    model = CasePhoto
    file_field = "image"
    property_path = "case.property"
    permission_required = "complaints.view_case"
