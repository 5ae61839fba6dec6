"""The audit list, an unplanned audit, the audit page (filled on a phone or tablet, read-only
once submitted) and the mystery-guest link an inspector hands to the visiting auditor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django.views.generic.base import View
from django.views.generic.detail import SingleObjectMixin

from hotelqa.checklists.models import ChecklistAnswer
from hotelqa.checklists.services import checklist_response_problems
from hotelqa.forms import message_errors
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin, PropertyRequiredMixin, can
from hotelqa.submissions import submission_claim, submission_done
from hotelqa.uploads import ProtectedFileView

from .. import services
from ..filters_audits import AuditFilter
from ..forms_audits import AuditCreateForm, item_forms
from ..models import Audit
from ..tables_audits import AuditTable


class AuditListView(FilteredListView):
    model = Audit
    export_name = "audits"
    queryset = Audit.objects.select_related("version__template", "department", "inspector")
    permission_required = "audits.view_audit"
    filterset_class = AuditFilter
    table_class = AuditTable
    title = gettext_lazy("Audits")
    create_url = reverse_lazy("audits:audit_create")
    create_permission = "audits.add_audit"
    extra_links = (
        (reverse_lazy("audits:plan_list"), gettext_lazy("Audit plans"), "audits.view_auditplan"),
        (reverse_lazy("audits:action_list"), gettext_lazy("Corrective actions"), "audits.view_correctiveaction"),
    )

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        if not can(self.request, "audits.view_auditor_identity"):
            kwargs["exclude"] = ("inspector",)  # the person who audited is not for staff to read
        return kwargs


class AuditCreateView(PropertyRequiredMixin, View):
    permission_required = "audits.add_audit"

    def get(self, request):
        return render(request, "audits/audit_create.html", {"form": AuditCreateForm(property=request.property)})

    def post(self, request):
        form = AuditCreateForm(request.POST, property=request.property)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                first = submission_claim(token=data.get("once"), user=request.user)
                if first is None:
                    try:
                        audit = services.audit_create(
                            property=request.property, template=data["template"], department=data["department"], actor=request.user,
                            method=data["method"], area=data["area"], process=data["process"])
                    except ValidationError as exc:
                        transaction.set_rollback(True)
                        from hotelqa.forms import add_service_errors

                        add_service_errors(form, exc)
                        return render(request, "audits/audit_create.html", {"form": form}, status=400)
                    submission_done(token=data.get("once"), url=audit.get_absolute_url())
            if first is not None:
                return redirect(first.result_url or reverse("audits:audit_list"))
            return redirect(audit)
        return render(request, "audits/audit_create.html", {"form": form}, status=400)


def audit_rows(audit, *, forms_by_item=None):
    """Sections with their items, answers and (while it is filled) forms, in 3 queries."""
    sections = list(audit.version.sections.prefetch_related("items"))
    answers = {a.item_id: a for a in audit.response.answers.all()} if audit.response_id else {}
    rows = []
    for section in sections:
        items = [{"item": item, "answer": answers.get(item.pk), "form": (forms_by_item or {}).get(item.pk)} for item in section.items.all()]
        rows.append({"section": section, "items": items})
    return rows, answers


def initial_answers(answers):
    initial = {}
    for item_id, a in answers.items():
        initial[item_id] = {"value": {"pass_fail": None if a.value_bool is None else ("1" if a.value_bool else "0"),
                                      "score": a.value_score, "number": a.value_number, "text": a.value_text}.get(a.item.answer_type),
                            "note": a.note}
    return initial


class AuditDetailView(PropertyObjectMixin, DetailView):
    """The audit: one form of all items while it is open (saved with one tap), the report once
    submitted. A mystery guest's audit never names its auditor to staff."""

    model = Audit
    queryset = Audit.objects.select_related("version__template", "department", "inspector", "submitted_by", "plan", "response",
                                            "mystery_link")
    permission_required = "audits.view_audit"
    template_name = "audits/audit_detail.html"

    def may_fill(self, audit):
        return audit.is_editable and not audit.is_mystery and can(self.request, "audits.change_audit", audit.property)

    def get_context_data(self, forms=None, **kwargs):
        audit = self.object
        fill = self.may_fill(audit)
        items = [i for s in audit.version.sections.prefetch_related("items") for i in s.items.all()]
        answers = {a.item_id: a for a in audit.response.answers.select_related("item")} if audit.response_id else {}
        if fill and forms is None:
            forms = item_forms(items, initial=initial_answers(answers))
        rows, _answers = audit_rows(audit, forms_by_item={f.item.pk: f for f in forms} if fill else None)
        problems = checklist_response_problems(response=audit.response, items=items, answers=answers) if fill and audit.response_id else []
        findings = []
        if not audit.is_editable:
            findings = list(audit.findings.select_related("item", "action__owner").order_by("id"))
        link = getattr(audit, "mystery_link", None) if audit.is_mystery else None
        return super().get_context_data(
            rows=rows, fill=fill, problems=problems, findings=findings,
            show_auditor=not audit.is_mystery or can(self.request, "audits.view_auditor_identity", audit.property),
            link=link, can_link=audit.is_mystery and audit.is_editable and can(self.request, "audits.change_audit", audit.property),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = audit = self.get_object()
        if not self.may_fill(audit):
            messages.error(request, _("This audit has already been submitted.") if not audit.is_editable else _("You may not fill in this audit."))
            return redirect(audit)
        items = [i for s in audit.version.sections.prefetch_related("items") for i in s.items.all()]
        forms = item_forms(items, request.POST, request.FILES)
        if not all(f.is_valid() for f in forms):
            messages.error(request, _("Some answers were not saved: see the marked items."))
            return self.render_to_response(self.get_context_data(forms=forms), status=400)
        try:
            with transaction.atomic():
                for form in forms:
                    answer = form.answer_kwargs()
                    if answer:
                        services.audit_answer(audit=audit, item=form.item, actor=request.user, **answer)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(audit)
        if "submit" not in request.POST:
            messages.success(request, _("Answers saved."))
            return redirect(audit)
        try:
            audit = services.audit_submit(audit=audit, actor=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(audit)
        count = audit.findings.count()
        msg = _("Audit submitted: %(result)s, score %(score)s%%.") % {
            "result": _("passed") if audit.passed else _("failed"), "score": f"{audit.score:.0f}" if audit.score is not None else "—"}
        if count:
            msg += " " + _("%(count)d finding(s) with corrective actions.") % {"count": count}
        messages.success(request, msg)
        return redirect(audit)


class MysteryLinkCreateView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Audit
    permission_required = "audits.change_audit"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        audit = self.get_object()
        try:
            services.mystery_link_create(audit=audit, actor=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("A new link for the mystery guest was made; an earlier unused one no longer works."))
        return redirect(audit)


class AuditAnswerPhotoView(ProtectedFileView):
    model = ChecklistAnswer
    file_field = "photo"
    property_path = "response.property"
    permission_required = "audits.view_audit"

    def get(self, request, pk):
        if not ChecklistAnswer.objects.filter(pk=pk, response__audit__isnull=False).exists():
            raise Http404
        return super().get(request, pk)


