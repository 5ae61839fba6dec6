"""The monthly report as a download: built on demand (Celery, with progress) or by the job on the
1st for last month, which then tells the property's managers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import downloads
from .build import build_report
from .registry import Month

FORMATS = (("pdf", "PDF"), ("xlsx", "Excel (XLSX)"))
CONTENT = {"pdf": "pdf", "xlsx": "xlsx"}


def report_filename(property, month, fmt):
    return f"quality-report-{property.code}-{month}.{fmt}"


def render(report, fmt) -> bytes:
    if fmt == "pdf":
        from .pdf import render as render_pdf

        return render_pdf(report)
    from .xlsx import render as render_xlsx

    return render_xlsx(report)


def build_monthly_report(download, progress):
    month = Month.parse(download.params["month"])
    fmt = download.params.get("format", "pdf")
    report = build_report(download.property, month, progress=progress)
    content = render(report, fmt)
    progress(1, 1)
    return report_filename(download.property, month, fmt), content


def monthly_title(params):
    return _("Monthly quality report %(month)s (%(format)s)") % {"month": params.get("month", ""), "format": params.get("format", "").upper()}


class MonthlyReportForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("Month"), widget=forms.DateInput(attrs={"type": "month"}),
        help_text=gettext_lazy("A month that has begun; the running month's figures go to yesterday's close."),
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMATS, initial="pdf")

    def clean_month(self):
        try:
            month = Month.parse(self.cleaned_data["month"].strip())
        except (ValueError, AttributeError):
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        if month.is_future():
            raise forms.ValidationError(_("%(month)s has not begun yet: choose this month or an earlier one.") % {"month": month})
        return month


def request_report(*, user, property, month, fmt):
    return downloads.request(
        user=user, property=property, kind="monthly_report", params={"month": str(month), "format": fmt},
        key=f"monthly_report:{month}:{fmt}",
    )


def last_month(today=None):
    today = today or timezone.localdate()
    return Month.of(today).shift(-1)


def build_last_month_for_all(today=None):
    """The job on the 1st: last month's report (PDF and XLSX) per active property, once (a second
    run finds them). Returns the number of reports queued; managers are told when the PDF is ready."""
    from ..models import Property

    month = last_month(today)
    queued = 0
    for prop in Property.objects.filter(is_active=True):
        for fmt, _label in FORMATS:
            _download, made = downloads.system_build(
                property=prop, kind="monthly_report", params={"month": str(month), "format": fmt},
                key=f"monthly_report:{month}:{fmt}",
            )
            queued += made
    return queued, {"month": str(month)}


def tell_managers(download):
    """A report the job built is ready: its property's managers are told (once, for the PDF)."""
    from django.urls import reverse

    from ..selectors import property_managers
    from ..services import Message, notification_send

    if download.requested_by_id is not None or download.params.get("format") != "pdf":
        return
    notification_send(
        recipients=list(property_managers(property=download.property)),
        title=Message(gettext_lazy("The quality report for %(month)s is ready"), {"month": download.params["month"]}),
        body=Message(gettext_lazy("Open the Downloads page to fetch it as PDF or Excel.")),
        url=reverse("download_list"),
        property=download.property,
    )


downloads.register_kind("monthly_report", title=monthly_title, build=build_monthly_report, on_done=tell_managers)
