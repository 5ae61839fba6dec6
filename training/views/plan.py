"""The annual training plan 年度培训计划: completion per department and person, items, adding courses."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from hotelqa.forms import add_service_errors
from hotelqa.i18n import localized
from hotelqa.mixins import PropertyRequiredMixin, can
from hotelqa.models import Department
from hotelqa.shortcuts import object_or_none

from .. import selectors, services
from ..choices import PlanStatus
from ..forms import PlanAddForm
from ..models import PlanItem


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


class PlanView(PropertyRequiredMixin, TemplateView):
    permission_required = "training.view_planitem"
    template_name = "training/plan.html"

    def get_context_data(self, form=None, **kwargs):
        prop, year = self.request.property, _year(self.request)
        department = None
        dept_id = self.request.GET.get("department", "")
        if dept_id:
            department = object_or_none(Department.objects.for_property(prop), dept_id)
        completion = selectors.plan_completion(property=prop, year=year, department=department)
        for row in completion["departments"] + completion["people"]:
            row["department_label"] = (localized(_Dept(row), "name") if row.get("department__name") else "—")
        items = PlanItem.objects.filter(property=prop, year=year, status=PlanStatus.PLANNED).select_related("staff", "course")
        if department is not None:
            items = items.filter(department=department)
        items = list(items.order_by("due_on", "staff__name")[:100])
        can_plan = can(self.request, "training.add_planitem")
        return super().get_context_data(
            year=year, years=[year - 1, year, year + 1], completion=completion, items=items, department=department,
            can_edit=can(self.request, "training.change_planitem"),
            departments=Department.objects.for_property(prop), today=timezone.localdate(),
            form=form or (PlanAddForm(property=prop, initial={"due_on": dt.date(year, 12, 31)}) if can_plan else None),
            **kwargs,
        )


class _Dept:
    """A values() row seen as a department, for `localized`."""

    def __init__(self, row):
        self.name, self.name_zh = row.get("department__name") or "", row.get("department__name_zh") or ""


class PlanAddView(PropertyRequiredMixin, TemplateView):
    permission_required = "training.add_planitem"
    template_name = "training/plan.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PlanAddForm(request.POST, property=request.property)
        if form.is_valid():
            d = form.cleaned_data
            try:
                added = services.plan_add(property=request.property, course=d["course"], due_on=d["due_on"],
                                          department=d["department"], position=d["position"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(n)s people planned for the course.") % {"n": added})
                return redirect(f"{request.path.rsplit('add/', 1)[0]}?year={d['due_on'].year}")
        return self.render_to_response(PlanView(request=request, kwargs={}).get_context_data(form=form), status=400)
