"""The trainer's day, certificates."""

from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, TemplateView

from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyCreateMixin, PropertyFormKwargsMixin, PropertyRequiredMixin

from .. import panels
from ..filters import CertificationFilter
from ..forms import CertificationForm
from ..models import Certification
from ..tables import CertificationTable


class TrainerHomeView(PropertyRequiredMixin, TemplateView):
    """The trainer's work today: sessions, training needs to review, overdue plan items, expiring certificates."""

    permission_required = "training.view_session"
    template_name = "training/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panel=panels.trainer_today(self.request), today=timezone.localdate(), **kwargs)


class CertificationListView(FilteredListView):
    model = Certification
    export_name = "certificates"
    queryset = Certification.objects.select_related("staff", "course")
    permission_required = "training.view_certification"
    filterset_class = CertificationFilter
    table_class = CertificationTable
    title = gettext_lazy("Certificates")
    create_url = reverse_lazy("training:certification_create")
    create_permission = "training.add_certification"


class CertificationCreateView(PropertyCreateMixin, PropertyFormKwargsMixin, CreateView):
    model = Certification
    form_class = CertificationForm
    permission_required = "training.add_certification"
    template_name = "hotelqa/form.html"
    success_url = reverse_lazy("training:certification_list")
    extra_context = {"title": gettext_lazy("Record a certificate")}
