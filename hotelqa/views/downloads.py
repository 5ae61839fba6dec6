"""The Downloads page: files built in the background for the user (and, for managers, the
property's reports the system built), with their progress while they are built."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from .. import downloads
from ..mixins import PropertyRequiredMixin
from ..permissions import user_can
from ..uploads import protected_file_response


class DownloadListView(PropertyRequiredMixin, TemplateView):
    template_name = "hotelqa/download_list.html"

    def get_context_data(self, **kwargs):
        rows = list(downloads.visible_to(self.request.user, self.request.property).select_related("requested_by")[:100])
        return super().get_context_data(
            downloads=rows,
            sees_all=user_can(self.request.user, downloads.VIEW_ALL, self.request.property),
            highlight=self.request.GET.get("highlight", ""),
            can_report=user_can(self.request.user, "hotelqa.view_kpisnapshot", self.request.property),
            **kwargs,
        )


class DownloadRowView(LoginRequiredMixin, View):
    """One row of the page, polled (htmx) while its file is being built."""

    def get(self, request, pk):
        download = downloads.for_user_or_404(request.user, pk)
        sees_all = user_can(request.user, downloads.VIEW_ALL, download.property)
        return render(request, "hotelqa/partials/download_row.html", {"d": download, "sees_all": sees_all})


class DownloadFileView(LoginRequiredMixin, View):
    def get(self, request, pk):
        download = downloads.for_user_or_404(request.user, pk)
        return protected_file_response(download.file, download_name=download.filename)
