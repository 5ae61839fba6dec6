"""Configuration pages for admins: KPI targets per property, periodic jobs and their runs."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django.views.generic.base import View

from .. import kpi_registry, outbox
from ..forms import KpiTargetForm, refuse_if_stale
from ..jobs import PERIODIC_JOBS, enqueue_on_commit, last_runs
from ..mixins import PropertyRequiredMixin
from ..models import JobRun, KpiTarget
from ..permissions import user_is_group_admin


class KpiTargetListView(PropertyRequiredMixin, TemplateView):
    permission_required = "hotelqa.change_kpitarget"
    template_name = "hotelqa/kpi_target_list.html"

    def get_context_data(self, **kwargs):
        targets = {t.code: t for t in KpiTarget.objects.filter(property=self.request.property)}
        rows = [{"kpi": k, "own": targets.get(k.code)} for k in kpi_registry.tile_kpis()]
        return super().get_context_data(rows=rows, **kwargs)


class KpiTargetEditView(PropertyRequiredMixin, FormView):
    permission_required = "hotelqa.change_kpitarget"
    template_name = "hotelqa/kpi_target_form.html"
    form_class = KpiTargetForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.kpi = kpi_registry.get(kwargs["code"])
        except KeyError:
            raise Http404
        if not self.kpi.is_tile:  # a breakdown has no target
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = KpiTarget.objects.filter(property=self.request.property, code=self.kpi.code).first()
        kwargs["instance"] = instance or KpiTarget(
            property=self.request.property, code=self.kpi.code, target=self.kpi.target, warning=self.kpi.warning
        )
        kwargs["kpi"] = self.kpi
        return kwargs

    def form_valid(self, form):
        with transaction.atomic():
            if refuse_if_stale(form):
                return self.render_to_response(self.get_context_data(form=form), status=409)
            form.save()
        messages.success(
            self.request,
            _("Target for “%(kpi)s” at %(property)s saved.") % {"kpi": self.kpi.name, "property": self.request.property},
        )
        return redirect("kpi_target_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(kpi=self.kpi, **kwargs)


class JobListView(PropertyRequiredMixin, TemplateView):
    permission_required = "django_celery_beat.change_periodictask"
    template_name = "hotelqa/job_list.html"

    def get_context_data(self, **kwargs):
        from django_celery_beat.models import PeriodicTask

        tasks = {t.name: t for t in PeriodicTask.objects.filter(name__in=PERIODIC_JOBS).select_related("crontab", "interval")}
        latest = last_runs(list(PERIODIC_JOBS))
        jobs = [
            {"job": job, "beat": tasks.get(name), "last": latest.get(name)}
            for name, job in sorted(PERIODIC_JOBS.items())
        ]
        runs = JobRun.objects.all()[:50]
        return super().get_context_data(
            jobs=jobs, runs=runs, can_run=user_is_group_admin(self.request.user),
            outbox_waiting=outbox.pending_count(), **kwargs,
        )


class JobRunNowView(PropertyRequiredMixin, View):
    """Jobs run for the whole group: only group admins start one (a property admin would run
    every property's job)."""

    permission_required = "django_celery_beat.change_periodictask"

    def check_active_property_permission(self):
        return user_is_group_admin(self.request.user) and super().check_active_property_permission()

    def post(self, request, name):
        job = PERIODIC_JOBS.get(name)
        if job is None:
            raise Http404
        enqueue_on_commit(job.task)
        messages.success(request, _("“%(job)s” was queued; its run appears below when the worker picks it up.") % {"job": name})
        return redirect("job_list")


class AuditTrailView(PropertyRequiredMixin, TemplateView):
    """Admins read the audit trail of the properties they administer (and their staff's logins)."""

    permission_required = "hotelqa.view_auditevent"
    template_name = "hotelqa/audit_list.html"

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from ..models import AuditAction
        from ..selectors import audit_events_visible_to

        qs = audit_events_visible_to(user=self.request.user).select_related("actor", "property")
        action = self.request.GET.get("action")
        if action in AuditAction.values:
            qs = qs.filter(action=action)
        page = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, actions=AuditAction.choices, action=action, **kwargs)
