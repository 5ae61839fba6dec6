"""Ask for the monthly quality report: it is built in the background and lands on Downloads."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ..mixins import PropertyRequiredMixin
from ..reports.monthly import MonthlyReportForm, last_month, request_report


class MonthlyReportView(PropertyRequiredMixin, FormView):
    permission_required = "hotelqa.view_kpisnapshot"
    template_name = "hotelqa/monthly_report.html"
    form_class = MonthlyReportForm

    def get_initial(self):
        return {"month": str(last_month()), "format": "pdf"}

    def form_valid(self, form):
        download, created = request_report(
            user=self.request.user, property=self.request.property, month=form.cleaned_data["month"], fmt=form.cleaned_data["format"]
        )
        if created:
            messages.success(self.request, _("The report is being built. It will be on this page when it is ready."))
        else:
            messages.info(self.request, _("This report is already being built for you."))
        return redirect(reverse("download_list") + f"?highlight={download.pk}")
