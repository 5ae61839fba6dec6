from django.db.models import Count, Prefetch
from django.views.generic import DetailView, ListView

from ..dashboard import department_summary
from ..mixins import PropertyListMixin, PropertyObjectMixin
from ..models import Department, Membership
from ..permissions import user_can


class DepartmentListView(PropertyListMixin, ListView):
    model = Department
    permission_required = "hotelqa.view_department"
    template_name = "hotelqa/department_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(member_count=Count("memberships")).order_by("name")


class DepartmentDetailView(PropertyObjectMixin, DetailView):
    model = Department
    permission_required = "hotelqa.view_department"
    template_name = "hotelqa/department_detail.html"

    def get_queryset(self):
        members = Membership.objects.select_related("user").order_by("role", "user__username")
        return super().get_queryset().select_related("property").prefetch_related(Prefetch("memberships", queryset=members))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if user_can(self.request.user, "hotelqa.view_kpisnapshot", self.object.property):
            context["summary"] = department_summary(department=self.object)
        return context
