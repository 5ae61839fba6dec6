"""Pages of the monthly staff assessment and the staff scorecard."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from hotelqa import ui
from hotelqa.forms import add_service_errors, keep_input_after_stale
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyRequiredMixin, can
from hotelqa.models import StaffMember
from hotelqa.permissions import user_can
from hotelqa.shortcuts import object_or_404
from hotelqa.workflow import StaleEdit

from .. import assessment_services as services
from ..assessment_filters import AssessmentFilter, StaffFilter
from ..assessment_forms import AssessmentCreateForm, AssessmentMoveForm, AssessmentScoreForm, ConsequenceForm
from ..assessment_selectors import assessments_visible_to, own_approved_assessments, own_staff_record, staff_visible_to
from ..assessment_tables import AssessmentTable, StaffTable
from ..choices import AssessmentStatus as S
from ..models import StaffAssessment
from ..scorecard import MONTH_CHOICES, months_shown, scorecard

MOVE_LABELS = {
    S.SUBMITTED: gettext_lazy("Submit for approval"),
    S.APPROVED: gettext_lazy("Approve"),
    S.DRAFT: gettext_lazy("Return to the supervisor"),
}
STALE = gettext_lazy("Someone else changed this assessment while you were looking at it. Check it, then save again.")


class AssessmentListView(FilteredListView):
    model = StaffAssessment
    permission_required = "audits.view_staffassessment"
    filterset_class = AssessmentFilter
    table_class = AssessmentTable
    title = gettext_lazy("Staff assessments")
    create_url = reverse_lazy("audits:assessment_create")
    create_permission = "audits.add_staffassessment"
    export_name = "staff-assessments"
    extra_links = ((reverse_lazy("audits:scorecard_list"), gettext_lazy("Staff scorecards"), "audits.view_staffscorecard"),)

    def get_queryset(self):
        return assessments_visible_to(user=self.request.user, property=self.request.property)


class AssessmentCreateView(PropertyRequiredMixin, View):
    permission_required = "audits.add_staffassessment"
    template_name = "audits/assessment_create.html"

    def form(self, data=None):
        initial = {}
        if data is None and self.request.GET.get("staff", "").isdigit():
            initial["staff"] = self.request.GET["staff"]
        return AssessmentCreateForm(data, property=self.request.property, user=self.request.user, initial=initial)

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                assessment = services.assessment_create(staff=form.cleaned_data["staff"], month=form.cleaned_data["month"], actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Draft made: the criteria the system has records for are filled in. Score the others."))
                return redirect(assessment)
        return render(request, self.template_name, {"form": form}, status=400)


def _assessment_for(request, pk):
    """An assessment the user may see: another property's, or another department's for a
    supervisor, is a 404."""
    qs = StaffAssessment.objects.for_user(request.user).select_related("staff__department", "staff__property", "property", "created_by", "approved_by")
    assessment = object_or_404(qs, pk)
    if not user_can(request.user, "audits.view_staffassessment", assessment.property):
        raise PermissionDenied
    if not assessments_visible_to(user=request.user, property=assessment.property).filter(pk=assessment.pk).exists():
        raise Http404
    return assessment


class AssessmentDetailView(LoginRequiredMixin, View):
    template_name = "audits/assessment_detail.html"

    def context(self, request, assessment, score_form=None, move_form=None, consequence_form=None):
        scores = list(assessment.scores.select_related("criterion"))
        may_edit = assessment.status == S.DRAFT and services.may_assess(request.user, assessment.staff)
        moves = services.WORKFLOW.allowed_moves(assessment, request.user)
        actions = [{"to": to, "label": MOVE_LABELS[to]} for to in moves]
        consequence_perm = "audits.change_staffassessment" if assessment.status == S.DRAFT else "audits.approve_staffassessment"
        may_consequence = assessment.status != S.APPROVED and services.may_assess(request.user, assessment.staff, consequence_perm)
        return {
            "assessment": assessment, "scores": scores, "may_edit": may_edit, "actions": actions,
            "move_form": move_form or AssessmentMoveForm(initial={"version": assessment.version}),
            "score_form": score_form or (AssessmentScoreForm(assessment=assessment, scores=scores) if may_edit else None),
            "consequences": assessment.consequences.select_related("created_by"),
            "consequence_form": consequence_form or (ConsequenceForm(prefix="consequence") if may_consequence else None),
            "history": assessment.history.select_related("actor"),
            "may_scorecard": can(request, "audits.view_staffscorecard", assessment.property),
        }

    def get(self, request, pk):
        assessment = _assessment_for(request, pk)
        return render(request, self.template_name, self.context(request, assessment))


class AssessmentScoreView(AssessmentDetailView):
    """Saves the supervisor's scores (`save`) or recomputes the data-filled ones (`refresh`)."""

    def get(self, request, pk):
        return redirect("audits:assessment_detail", pk=pk)

    def post(self, request, pk):
        assessment = _assessment_for(request, pk)
        if not services.may_assess(request.user, assessment.staff):
            raise PermissionDenied
        scores = list(assessment.scores.select_related("criterion"))
        form = AssessmentScoreForm(request.POST, assessment=assessment, scores=scores)
        status = 400
        if form.is_valid():
            try:
                if "refresh" in request.POST:
                    services.assessment_refresh_data(assessment=assessment, actor=request.user, expected_version=form.cleaned_data["version"])
                    messages.success(request, _("Figures recomputed from the records as they are now."))
                else:
                    services.assessment_score(assessment=assessment, scores=form.scores(), comment=form.cleaned_data["comment"],
                                              actor=request.user, expected_version=form.cleaned_data["version"])
                    messages.success(request, _("Scores saved."))
                return redirect(assessment)
            except StaleEdit:
                assessment.refresh_from_db()
                form = keep_input_after_stale(form, version=assessment.version, message=STALE)
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
        assessment.refresh_from_db()
        return render(request, self.template_name, self.context(request, assessment, score_form=form), status=status)


class AssessmentMoveView(AssessmentDetailView):
    def get(self, request, pk):
        return redirect("audits:assessment_detail", pk=pk)

    def post(self, request, pk):
        assessment = _assessment_for(request, pk)
        form = AssessmentMoveForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assessment_transition(assessment=assessment, to_status=data["to_status"], actor=request.user, note=data["note"],
                                               expected_version=data["version"])
            except StaleEdit:
                assessment.refresh_from_db()
                form = keep_input_after_stale(form, version=assessment.version, message=STALE)
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The assessment is now “%(status)s”.") % {"status": S(data["to_status"]).label})
                return redirect(assessment)
        assessment.refresh_from_db()
        return render(request, self.template_name, self.context(request, assessment, move_form=form), status=status)


class ConsequenceAddView(AssessmentDetailView):
    def get(self, request, pk):
        return redirect("audits:assessment_detail", pk=pk)

    def post(self, request, pk):
        assessment = _assessment_for(request, pk)
        form = ConsequenceForm(request.POST, prefix="consequence")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.consequence_add(assessment=assessment, kind=data["kind"], amount=data["amount"], note=data["note"], actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Recorded."))
                return redirect(assessment)
        return render(request, self.template_name, self.context(request, assessment, consequence_form=form), status=400)


class MyAssessmentsView(LoginRequiredMixin, TemplateView):
    """A staff member's own approved assessments (also on a phone)."""

    template_name = "audits/assessment_mine.html"

    def get_context_data(self, **kwargs):
        request = self.request
        record = own_staff_record(user=request.user, property=request.property) if request.property else None
        assessments = own_approved_assessments(user=request.user, property=request.property) if record else []
        return super().get_context_data(record=record, assessments=assessments, **kwargs)


class ScorecardListView(FilteredListView):
    model = StaffMember
    permission_required = "audits.view_staffscorecard"
    filterset_class = StaffFilter
    table_class = StaffTable
    title = gettext_lazy("Staff scorecards")
    export_name = "staff"
    extra_links = ((reverse_lazy("audits:assessment_list"), gettext_lazy("Staff assessments"), "audits.view_staffassessment"),)

    def get_queryset(self):
        return staff_visible_to(user=self.request.user, property=self.request.property).filter(is_active=True)


class ScorecardView(LoginRequiredMixin, View):
    template_name = "audits/scorecard.html"

    def get(self, request, pk):
        staff = object_or_404(StaffMember.objects.for_user(request.user).select_related("property", "department", "user"), pk)
        own = staff.user_id is not None and staff.user_id == request.user.pk
        if not own:
            if not user_can(request.user, "audits.view_staffscorecard", staff.property):
                raise PermissionDenied
            if not staff_visible_to(user=request.user, property=staff.property).filter(pk=staff.pk).exists():
                raise Http404
        try:
            count = int(request.GET.get("months", 12))
        except ValueError:
            count = 12
        count = count if count in MONTH_CHOICES else 12
        months = months_shown(count)
        context = scorecard(staff, months)
        role = request.user.role_in(staff.property)
        context.update(
            staff=staff, own=own, month_count=count, month_choices=MONTH_CHOICES,
            panels=ui.panels_for(request, "staff", role, obj=staff) if role else [],
            may_assess=services.may_assess(request.user, staff, "audits.add_staffassessment"),
            may_view_assessments=user_can(request.user, "audits.view_staffassessment", staff.property) and not own,
        )
        return render(request, self.template_name, context)
