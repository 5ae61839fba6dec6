"""The course catalogue, and a course's page with its sessions and effectiveness."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from hotelqa.lists import FilteredListView, PropertyCreateView, PropertyUpdateView
from hotelqa.mixins import PropertyObjectMixin, can

from .. import effectiveness
from ..filters import CourseFilter
from ..forms import CourseForm
from ..models import Course, Session
from ..tables import CourseTable


class CourseListView(FilteredListView):
    model = Course
    export_name = "courses"
    filterset_class = CourseFilter
    table_class = CourseTable
    title = gettext_lazy("Courses")
    create_url = reverse_lazy("training:course_create")


class CourseCreateView(PropertyCreateView):
    model = Course
    form_class = CourseForm
    title = gettext_lazy("New course")


class CourseUpdateView(PropertyUpdateView):
    model = Course
    form_class = CourseForm
    title = gettext_lazy("Edit course")


class CourseDetailView(PropertyObjectMixin, DetailView):
    model = Course
    permission_required = "training.view_course"
    template_name = "training/course_detail.html"
    context_object_name = "course"

    def get_context_data(self, **kwargs):
        from complaints.choices import Category

        course = self.object
        labels = dict(Category.choices)
        return super().get_context_data(
            sessions=list(Session.objects.filter(course=course).select_related("trainer").order_by("-date")[:20]),
            categories=[labels.get(c, c) for c in course.complaint_categories or []],
            effect=effectiveness.course_effectiveness(course),
            can_edit=can(self.request, "training.change_course", course.property),
            **kwargs,
        )
