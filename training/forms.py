import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.forms import OptimisticEditMixin
from hotelqa.models import CareerLevel, Department, StaffMember, User

from .choices import CourseFormat
from .models import Certification, Course, PlanItem, Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def complaint_category_choices():
    from complaints.choices import Category

    return Category.choices


class PropertyFormMixin:
    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.instance.property = property

    def limit(self, name, queryset):
        if name in self.fields:
            self.fields[name].queryset = queryset


class StaffForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = ["staff_number", "name", "department", "position", "hire_date", "user", "is_active", "left_on"]
        widgets = {"hire_date": DATE, "left_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("department", Department.objects.for_property(self.property))
        self.limit("user", User.objects.filter(memberships__property=self.property).distinct().order_by("display_name", "username"))
        self.fields["user"].help_text = _("Their login at this property, if they have one: they then see their own training record.")

    def clean_staff_number(self):
        number = (self.cleaned_data.get("staff_number") or "").strip()
        qs = StaffMember.objects.filter(property=self.property, staff_number__iexact=number)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if number and qs.exists():
            raise ValidationError(_("Another staff member of this property has this staff number."))
        return number

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user is not None:
            qs = StaffMember.objects.filter(property=self.property, user=user)
            if self.instance.pk:
                qs = qs.exclude(pk=self.instance.pk)
            if qs.exists():
                raise ValidationError(_("This login already has a staff record at this property."))
        return user

    def clean(self):
        data = super().clean()
        hired, left = data.get("hire_date"), data.get("left_on")
        if hired and hired > timezone.localdate() + dt.timedelta(days=366):
            self.add_error("hire_date", _("The hire date is more than a year ahead."))
        if left and hired and left < hired:
            self.add_error("left_on", _("Leaving comes after the hire date."))
        if left and data.get("is_active"):
            self.add_error("is_active", _("Someone who has left is no longer active."))
        return data


class LevelForm(forms.Form):
    level = forms.ChoiceField(label=_("New career level"), choices=CareerLevel.choices)
    effective_on = forms.DateField(label=_("Effective on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff

    def clean_level(self):
        level = self.cleaned_data["level"]
        if level == self.staff.career_level:
            raise ValidationError(_("This is already their level."))
        return level


class CourseForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    complaint_categories = forms.MultipleChoiceField(label=_("Complaint categories addressed"), required=False,
                                                     widget=forms.CheckboxSelectMultiple, choices=())

    class Meta:
        model = Course
        fields = ["code", "name", "name_zh", "category", "format", "duration_hours", "pass_mark", "validity_months",
                  "is_pre_job", "is_rotation", "complaint_categories", "standards", "description", "description_zh", "is_active"]
        widgets = {"standards": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 3}),
                   "description_zh": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint_categories"].choices = complaint_category_choices()
        self.fields["complaint_categories"].help_text = _("A rise in these proposes this course; its effectiveness is read from them.")

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        qs = Course.objects.filter(property=self.property, code__iexact=code)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if code and qs.exists():
            raise ValidationError(_("Another course of this property has this code."))
        return code


class PlanAddForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False,
                                        help_text=_("Empty: every department."))
    position = forms.CharField(label=_("Position (role)"), max_length=120, required=False, help_text=_("Empty: every position."))
    due_on = forms.DateField(label=_("Due by"), widget=DATE)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.fields["course"].queryset = Course.objects.filter(property=property, is_active=True)
        self.fields["department"].queryset = Department.objects.for_property(property)


class SessionForm(PropertyFormMixin, forms.ModelForm):
    invite_department = forms.ModelChoiceField(label=_("Invite a department"), queryset=Department.objects.none(), required=False,
                                               help_text=_("Its active staff are invited; people planned for the course are invited anyway."))
    invite_planned = forms.BooleanField(label=_("Invite everyone planned for this course"), required=False, initial=True)

    class Meta:
        model = Session
        fields = ["course", "date", "start_time", "trainer", "place", "format", "notes"]
        widgets = {"date": DATE, "start_time": TIME, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Retired courses are offered too, so choosing one is refused with a message, not hidden.
        self.limit("course", Course.objects.for_property(self.property))
        self.limit("trainer", User.objects.filter(memberships__property=self.property).distinct().order_by("display_name", "username"))
        self.limit("invite_department", Department.objects.for_property(self.property))
        self.fields["format"].required = False
        self.fields["format"].choices = [("", _("As the course"))] + list(CourseFormat.choices)

    def clean_course(self):
        course = self.cleaned_data.get("course")
        if course is not None and not course.is_active:
            raise ValidationError(_("This course is retired: no new sessions can be held."))
        return course

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and abs((date - timezone.localdate()).days) > 366 * 2:
            raise ValidationError(_("Enter a date within two years of today."))
        return date


class InviteForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(label=_("Invite"), queryset=StaffMember.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (StaffMember.objects.filter(property=session.property, is_active=True)
                                         .exclude(attendances__session=session).select_related("department").order_by("name"))
        self.fields["staff"].label_from_instance = lambda s: f"{s.name} · {s.staff_number}" + (f" · {s.department}" if s.department_id else "")


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason for dismissing"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class AcceptForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    due_on = forms.DateField(label=_("Train by"), widget=DATE)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(property=proposal.property, is_active=True)
        self.fields["course"].initial = proposal.course_id
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=30)

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise ValidationError(_("The due date is in the past."))
        return due


class CertificationForm(PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["staff", "course", "name", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("staff", StaffMember.objects.filter(property=self.property, is_active=True).order_by("name"))
        self.limit("course", Course.objects.for_property(self.property))

    def clean(self):
        data = super().clean()
        if data.get("expires_on") and data.get("issued_on") and data["expires_on"] < data["issued_on"]:
            self.add_error("expires_on", _("A certificate cannot expire before it is issued."))
        return data


def _staff_label(s):
    return f"{s.name} · {s.staff_number}" + (f" · {s.department}" if s.department_id else "")


class SessionEditForm(PropertyFormMixin, forms.ModelForm):
    """A session's date, time, trainer, place and who is invited; its course stays."""

    staff = forms.ModelMultipleChoiceField(label=_("Invited"), queryset=StaffMember.objects.none(), required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 10}),
                                           help_text=_("Hold Ctrl (⌘ on a Mac) to choose several; people left out are no longer invited."))

    class Meta:
        model = Session
        fields = ["date", "start_time", "trainer", "place", "format", "notes"]
        widgets = {"date": DATE, "start_time": TIME, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("trainer", User.objects.filter(memberships__property=self.property).distinct().order_by("display_name", "username"))
        invited = StaffMember.objects.filter(attendances__session=self.instance)
        self.fields["staff"].queryset = (StaffMember.objects.filter(property=self.property).filter(Q(is_active=True) | Q(pk__in=invited))
                                         .select_related("department").order_by("name"))
        self.fields["staff"].label_from_instance = _staff_label
        if not self.is_bound:
            self.initial["staff"] = list(invited.values_list("pk", flat=True))
        self.fields["format"].required = False
        self.fields["format"].choices = [("", _("As the course"))] + list(CourseFormat.choices)

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and abs((date - timezone.localdate()).days) > 366 * 2:
            raise ValidationError(_("Enter a date within two years of today."))
        return date


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["course", "staff", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        self.fields["course"].queryset = Course.objects.filter(property=item.property).filter(Q(is_active=True) | Q(pk=item.course_id))
        self.fields["staff"].queryset = (StaffMember.objects.filter(property=item.property, is_active=True)
                                         .select_related("department").order_by("name"))
        self.fields["staff"].label_from_instance = _staff_label

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due != self.instance.due_on and due < timezone.localdate():
            raise ValidationError(_("The due date is in the past."))
        return due

    def _post_clean(self):
        pass  # the service checks and saves (one open item per person and course)


class NeedForm(forms.Form):
    """A training need entered by hand: a course for named people, and why."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    staff = forms.ModelMultipleChoiceField(label=_("Staff"), queryset=StaffMember.objects.none(), widget=forms.SelectMultiple(attrs={"size": 10}),
                                           help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."))
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text=_("What you saw: the trainer reviewing it reads this."))

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.fields["course"].queryset = Course.objects.filter(property=property, is_active=True)
        self.fields["staff"].queryset = StaffMember.objects.filter(property=property, is_active=True).select_related("department").order_by("name")
        self.fields["staff"].label_from_instance = _staff_label
