"""Schedules, the inspection list and the inspection form (answers saved one by one with htmx)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import RadioSelect
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext
from django.views.generic import CreateView, DetailView, ListView
from django.views.generic.base import View
from django.views.generic.detail import SingleObjectMixin

from hotelqa.checklists.models import ChecklistAnswer
from hotelqa.checklists.services import checklist_response_problems
from hotelqa.exports import ExportMixin, choice_text
from hotelqa.forms import message_errors
from hotelqa.i18n import with_unit
from hotelqa.lists import FilteredListView, PropertyUpdateView
from hotelqa.mixins import (
    PropertyCreateMixin,
    PropertyFormKwargsMixin,
    PropertyListMixin,
    PropertyObjectMixin,
    PropertyRequiredMixin,
    can,
)
from hotelqa.table_rows import PK_MARK
from hotelqa.uploads import ProtectedFileView

from .. import services
from ..filters import InspectionFilter
from ..forms import AdhocInspectionForm, AnswerForm, InspectionScheduleForm
from ..models import Asset, Inspection, InspectionSchedule, Location
from ..scheduling import next_windows
from ..tables import InspectionTable


class ScheduleListView(ExportMixin, PropertyListMixin, ListView):
    model = InspectionSchedule
    permission_required = "facilities.view_inspectionschedule"
    template_name = "facilities/schedule_list.html"
    paginate_by = 50
    export_name = "inspection-schedules"

    def export_columns(self):
        return [
            (pgettext("thing", "Name"), lambda s: s.display_name), (_("Checklist"), lambda s: s.template),
            (_("Scope"), lambda s: f"{s.get_scope_kind_display()}: {s.category}" if s.category_id else s.get_scope_kind_display()),
            (_("Frequency"), choice_text("frequency")), (_("Window"), lambda s: f"{s.window_start:%H:%M} + {with_unit(s.window_hours.normalize(), 'h')}"),
            (_("Responsible"), lambda s: " · ".join(str(x) for x in (s.department, s.assignee) if x)), (_("Active"), lambda s: s.is_active),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("template", "category", "department", "assignee")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_add=can(self.request, "facilities.add_inspectionschedule"), **kwargs)


class ScheduleCreateView(PropertyCreateMixin, PropertyFormKwargsMixin, CreateView):
    model = InspectionSchedule
    form_class = InspectionScheduleForm
    permission_required = "facilities.add_inspectionschedule"
    template_name = "facilities/schedule_form.html"
    extra_context = {"title": gettext_lazy("New inspection schedule")}


class ScheduleUpdateView(PropertyUpdateView):
    model = InspectionSchedule
    form_class = InspectionScheduleForm
    template_name = "facilities/schedule_form.html"
    title = gettext_lazy("Edit inspection schedule")


class ScheduleDetailView(PropertyObjectMixin, DetailView):
    model = InspectionSchedule
    queryset = InspectionSchedule.objects.select_related("template", "category", "department", "assignee", "property")
    permission_required = "facilities.view_inspectionschedule"
    template_name = "facilities/schedule_detail.html"

    def get_context_data(self, **kwargs):
        schedule = self.object
        return super().get_context_data(
            upcoming=next_windows(schedule) if schedule.is_active else [],
            recent=schedule.inspections.select_related("asset", "location", "assignee")[:20],
            can_edit=can(self.request, "facilities.change_inspectionschedule", schedule.property),
            **kwargs,
        )


class ScheduleToggleView(PropertyObjectMixin, SingleObjectMixin, View):
    model = InspectionSchedule
    permission_required = "facilities.change_inspectionschedule"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        schedule = self.get_object()
        services.schedule_set_active(schedule=schedule, active=not schedule.is_active)
        messages.success(request, _("Schedule resumed.") if schedule.is_active else _("Schedule paused."))
        return redirect(schedule)


class InspectionListView(FilteredListView):
    model = Inspection
    export_name = "inspections"
    queryset = Inspection.objects.select_related("version__template", "asset", "location", "assignee")
    permission_required = "facilities.view_inspection"
    filterset_class = InspectionFilter
    table_class = InspectionTable
    title = gettext_lazy("Inspections")
    extra_links = (
        (reverse_lazy("facilities:schedule_list"), gettext_lazy("Schedules"), "facilities.view_inspectionschedule"),
        (reverse_lazy("facilities:template_list"), gettext_lazy("Checklists"), "checklists.view_checklisttemplate"),
    )


def _inspection_items(inspection):
    """Sections with their items and the current answers, in 3 queries."""
    version = inspection.version
    sections = list(version.sections.prefetch_related("items"))
    answers = {}
    if inspection.response_id:
        answers = {a.item_id: a for a in inspection.response.answers.select_related("item")}
    return sections, answers


class InspectionDetailView(PropertyObjectMixin, DetailView):
    """The inspection: a form to fill while it is open, a read-only record once submitted."""

    model = Inspection
    queryset = Inspection.objects.select_related(
        "version__template", "asset__category", "location", "assignee", "submitted_by", "schedule", "response")
    permission_required = "facilities.view_inspection"
    template_name = "facilities/inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection = self.object
        sections, answers = _inspection_items(inspection)
        fill = inspection.is_editable and can(self.request, "facilities.change_inspection", inspection.property)
        rows = []
        answer_url = _answer_url(inspection)
        for section in sections:
            items = []
            for item in section.items.all():
                answer = answers.get(item.pk)
                items.append(_item_row(item, answer, _answer_form(item, answer) if fill else None, inspection, answer_url))
            rows.append({"section": section, "items": items})
        problems = []
        if fill and inspection.response_id:
            all_items = [i["item"] for r in rows for i in r["items"]]
            problems = checklist_response_problems(response=inspection.response, items=all_items, answers=answers)
        return super().get_context_data(
            rows=rows, fill=fill, problems=problems,
            work_orders=inspection.work_orders.select_related("assignee") if not inspection.is_editable else [],
            **kwargs,
        )


def _submission_problems(inspection):
    inspection = Inspection.objects.select_related("version", "response").get(pk=inspection.pk)
    if not inspection.response_id:
        return []
    sections, answers = _inspection_items(inspection)
    items = [item for section in sections for item in section.items.all()]
    return checklist_response_problems(response=inspection.response, items=items, answers=answers)


def _answer_url(inspection):
    """item → the address its answer is posted to, reversed once per page."""
    mark = str(PK_MARK)
    prefix, _mark, suffix = reverse("facilities:inspection_answer", args=[inspection.pk, PK_MARK]).rpartition(mark)
    return lambda item: f"{prefix}{item.pk}{suffix}"


def _radio_choices(form):
    """The value's radio buttons as (id, value, label, checked), as `{% for radio in form.value %}`
    gives them, without a widget and its context per button (a page shows one set per item)."""
    field = form["value"]
    if not isinstance(field.field.widget, RadioSelect):
        return []
    current = field.value()
    current = "" if current is None else str(current)
    return [(f"{field.auto_id}_{i}", str(value), label, str(value) == current) for i, (value, label) in enumerate(field.field.choices)]


def _item_row(item, answer, form, inspection, answer_url):
    """What `partials/answer_item.html` shows of one checklist item."""
    return {"item": item, "answer": answer, "form": form, "inspection": inspection, "answer_url": answer_url(item),
            "choices": _radio_choices(form) if form is not None and "value" in form.fields else []}


def _answer_form(item, answer):
    initial = {}
    if answer:
        value = {"pass_fail": None if answer.value_bool is None else ("1" if answer.value_bool else "0"),
                 "score": answer.value_score, "number": answer.value_number, "text": answer.value_text}.get(item.answer_type)
        initial = {"value": value, "note": answer.note, "fixed_on_spot": answer.fixed_on_spot, "fix_note": answer.fix_note}
    return AnswerForm(item=item, initial=initial, prefix=f"i{item.pk}")


class InspectionAnswerView(PropertyObjectMixin, SingleObjectMixin, View):
    """POST one item's answer. htmx gets the item back re-rendered; without JS the page reloads."""

    model = Inspection
    queryset = Inspection.objects.select_related("version")
    permission_required = "facilities.change_inspection"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        inspection = self.get_object()
        item = get_object_or_404(inspection.version.items.all(), pk=kwargs["item"])
        form = AnswerForm(request.POST, request.FILES, item=item, prefix=f"i{item.pk}")
        answer = None
        error = None
        if not inspection.is_editable:
            error = _("This inspection has been submitted and can no longer be changed.")
        elif form.is_valid():
            try:
                answer = services.inspection_answer(inspection=inspection, item=item, actor=request.user, **form.answer_kwargs())
            except ValidationError as exc:
                error = " ".join(exc.messages)
        if answer is None and inspection.response_id:
            answer = inspection.response.answers.filter(item=item).first()
        if not request.htmx:
            if error or form.errors:
                messages.error(request, error or _("The answer was not saved: %(e)s") % {"e": " ".join(
                    str(m) for errs in form.errors.values() for m in errs)})
            return redirect(inspection)
        context = {
            "row": _item_row(item, answer, form if form.errors else _answer_form(item, answer), inspection, _answer_url(inspection)),
            "saved": answer is not None and not form.errors and not error, "error": error,
        }
        status = 422 if (form.errors or error) else 200
        response = render(request, "facilities/partials/answer_item.html", context, status=status)
        # The "still to do before submitting" list above the submit button changes with each answer.
        response.write(render_to_string("facilities/partials/inspection_problems.html", {
            "problems": _submission_problems(inspection), "oob": True}, request=request))
        if status == 422:
            response["HX-Reswap"] = "outerHTML"  # htmx ignores 4xx bodies unless told to swap
        return response


class InspectionSubmitView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Inspection
    permission_required = "facilities.change_inspection"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        inspection = self.get_object()
        try:
            inspection = services.inspection_submit(inspection=inspection, actor=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(inspection)
        count = inspection.work_orders.count()
        msg = _("Inspection submitted: %(result)s, score %(score)s%%.") % {
            "result": _("passed") if inspection.passed else _("failed"),
            "score": f"{inspection.score:.0f}" if inspection.score is not None else "—"}
        if count:
            msg += " " + _("%(count)d work order(s) opened.") % {"count": count}
        messages.success(request, msg)
        return redirect(inspection)


class InspectionAdhocView(PropertyRequiredMixin, View):
    """POST from a QR scan page: start an unscheduled inspection of that asset or room."""

    permission_required = "facilities.add_inspection"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        asset = location = None
        if kwargs.get("asset"):
            asset = get_object_or_404(Asset.objects.for_user(request.user), pk=kwargs["asset"])
            prop = asset.property
        else:
            location = get_object_or_404(Location.objects.for_user(request.user), pk=kwargs["location"])
            prop = location.property
        if not can(request, self.permission_required, prop):
            raise Http404
        form = AdhocInspectionForm(request.POST, property=prop)
        if not form.is_valid():
            messages.error(request, _("Choose a checklist."))
            return redirect(reverse("facilities:asset_scan", args=[asset.pk]) if asset else location)
        try:
            inspection = services.inspection_create_adhoc(
                property=prop, template=form.cleaned_data["template"], actor=request.user, asset=asset, location=location)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(location or asset)
        return redirect(inspection)


class AnswerPhotoFileView(ProtectedFileView):
    model = ChecklistAnswer
    file_field = "photo"
    property_path = "response.property"
    permission_required = "facilities.view_inspection"
