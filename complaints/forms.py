from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crm.models import Guest, Room
from hotelqa.choices import Role
from hotelqa.models import Department, Membership, User
from hotelqa.submissions import OnceFormMixin
from hotelqa.uploads import PhotoField

from . import workflow
from .choices import CaseKind, Category, Channel, Grade, RecoveryKind, RevisitOutcome
from .models import Case

AUTO = [("", _("Auto"))]


def assignee_setup(field, *, property, department=None):
    """Offer the people who work cases: department staff and supervisors, each with their role,
    grouped by department with the case's own department first."""
    memberships = list(
        Membership.objects.filter(property=property, role__in=[Role.STAFF, Role.SUPERVISOR], user__is_active=True, department__isnull=False)
        .select_related("user", "department").order_by("department__name", "-role", "user__display_name", "user__username")
    )
    groups = {}
    for m in memberships:
        groups.setdefault(m.department, []).append((m.user.pk, f"{m.user} · {Role(m.role).label}"))
    ordered = sorted(groups.items(), key=lambda item: (item[0] != department, str(item[0])))
    field.queryset = User.objects.filter(pk__in=[m.user_id for m in memberships])
    field.choices = [("", "---------")] + [(str(dept), options) for dept, options in ordered]
    field.departments = {m.user_id: m.department for m in memberships}


def check_assignee_department(form, data):
    """The assignee must work in the department the case is given to."""
    assignee, department = data.get("assignee"), data.get("department")
    if "department" not in form.fields:
        department = getattr(getattr(form, "instance", None), "department", None)
    field = form.fields.get("assignee")
    if assignee is None or department is None or field is None or not hasattr(field, "departments"):
        return
    if field.departments.get(assignee.pk) != department:
        form.add_error("assignee", _("%(person)s does not work in %(department)s.") % {"person": assignee, "department": department})


class GuestPickMixin(forms.Form):
    """Find the guest by name, phone or room (htmx type-ahead) or type a new guest on the spot."""

    q = forms.CharField(
        label=_("Find guest"), required=False,
        widget=forms.TextInput(attrs={
            "type": "search", "autocomplete": "off", "placeholder": _("Name, phone or room"),
            "hx-get": reverse_lazy("crm:guest_search"), "hx-trigger": "input changed delay:250ms, search",
            "hx-target": "#guest-results", "hx-params": "q", "data-guest-search": "",
        }),
    )
    guest = forms.ModelChoiceField(queryset=Guest.objects.none(), required=False, widget=forms.HiddenInput)
    guest_name = forms.CharField(label=_("or new guest: name"), required=False, max_length=120)
    guest_phone = forms.CharField(label=_("phone"), required=False, max_length=40)

    def setup_guest(self, property):
        # Guests are people of the group: a guest first seen at another property is picked too.
        self.fields["guest"].queryset = Guest.objects.active()


class QuickLogForm(OnceFormMixin, GuestPickMixin):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices, initial=CaseKind.COMPLAINT, widget=forms.RadioSelect)
    room_number = forms.CharField(label=_("Room"), required=False, max_length=20)
    description = forms.CharField(
        label=_("What happened"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True, "data-submit-on-enter": "", "hx-get": reverse_lazy("complaints:case_suggest"),
                                     "hx-trigger": "input changed delay:400ms", "hx-target": "#suggestion", "hx-params": "description"}),
        help_text=_("Enter saves; Shift+Enter starts a new line."),
    )
    # Unticked: the procedure asks staff to confirm the apology, not to inherit it (001: 立即表示歉意).
    apology_confirmed = forms.BooleanField(label=_("I apologised and calmed the guest"), required=False, initial=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON)
    category = forms.ChoiceField(label=_("Category"), choices=AUTO + list(Category.choices), required=False)
    grade = forms.ChoiceField(label=_("Grade"), choices=AUTO + list(Grade.choices), required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("Auto"))
    photo = PhotoField(label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    # Typed by a person who writes both languages (never machine-made); folded away, after the
    # fields the desk fills on every case, so the keyboard path description → guest is unchanged.
    description_translation = forms.CharField(
        label=_("What happened, in the other language"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Typed by staff for colleagues who read the other language; leave empty if nobody has translated it."),
    )

    field_order = ["description", "q", "guest", "guest_name", "guest_phone", "room_number", "kind", "channel", "apology_confirmed", "category", "grade", "department", "photo"]

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.setup_guest(property)
        self.fields["department"].queryset = Department.objects.filter(property=property)

    def clean_room_number(self):
        number = self.cleaned_data["room_number"].strip()
        self.room = None
        if number:
            rooms = Room.objects.filter(property=self.property)
            self.room = rooms.filter(number__iexact=number).first()
            if self.room is None and rooms.exists():
                raise forms.ValidationError(_("There is no room %(number)s at this hotel.") % {"number": number})
        return number

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CaseKind.COMPLAINT and not data.get("apology_confirmed"):
            self.add_error("apology_confirmed", _("Apologise to the guest first (step 1 of the complaint procedure)."))
        if kind == CaseKind.COMPLAINT and not (data.get("guest") or data.get("guest_name") or data.get("room_number")):
            self.add_error("guest_name", _("Find the guest, type a new guest's name, or give the room."))
        if kind == CaseKind.REQUEST and not data.get("room_number") and not data.get("guest") and not data.get("guest_name"):
            self.add_error("room_number", _("Which room is the request for?"))
        return data


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def step_form_class(kind, to_status):
    """The form of one workflow step: exactly that step's fields, required where the step needs them."""
    key = (kind, to_status)
    step_fields = [f for f in workflow.STEP_FIELDS.get(key, []) if f != "guest"]
    required = set(workflow.REQUIRED.get(key, []))

    class StepForm(forms.ModelForm):
        version = forms.IntegerField(widget=forms.HiddenInput)
        note = forms.CharField(label=_("Reason") if key in workflow.NEEDS_NOTE else _("Note"), required=key in workflow.NEEDS_NOTE, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

        class Meta:
            model = Case
            fields = step_fields
            widgets = {
                "findings": forms.Textarea(attrs={"rows": 3}),
                "actions_taken": forms.Textarea(attrs={"rows": 3}),
                "containment": forms.Textarea(attrs={"rows": 3}),
                "description": forms.Textarea(attrs={"rows": 3}),
                "description_translation": forms.Textarea(attrs={"rows": 3}),
                "satisfaction": forms.RadioSelect(choices=[(i, str(i)) for i in range(1, 6)]),
                "guest_accepted": forms.CheckboxInput,
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            case = self.instance
            if "department" in self.fields:
                self.fields["department"].queryset = Department.objects.filter(property=case.property)
            if "assignee" in self.fields:
                assignee_setup(self.fields["assignee"], property=case.property, department=case.department)
            if "staff_members" in self.fields:
                from hotelqa.models import StaffMember

                field = self.fields["staff_members"]
                field.queryset = StaffMember.objects.filter(property=case.property, is_active=True).select_related("department").order_by("name")
                field.label_from_instance = lambda s: f"{s.name} · {s.staff_number}" + (f" · {s.department}" if s.department_id else "")
                field.help_text = _("The staff records of the people involved; a staff error proposes their retraining.")
                field.widget.attrs["size"] = 6
                if case.staff_involved and not self.is_bound and not case.staff_members.exists():
                    # The names the report gave, picked already: the investigator confirms or changes them.
                    self.initial["staff_members"] = [s.pk for s in field.queryset if s.name and s.name in case.staff_involved]
                    field.help_text = format_lazy(
                        "{} {}", field.help_text, _("Named in the report: “%(names)s”.") % {"names": case.staff_involved}
                    )
            if "guest_accepted" in self.fields:
                self.fields["guest_accepted"] = forms.BooleanField(label=_("The guest accepted the solution"), required=True)
            if "satisfaction" in self.fields:
                self.fields["satisfaction"] = forms.TypedChoiceField(
                    label=_("Guest satisfaction (1–5)"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "form-check-inline"}), required="satisfaction" in required,
                )
            if "guest" in workflow.STEP_FIELDS.get(key, []):
                # Guests staying in the case's room (a QR case knows only the room).
                import datetime as dt

                from django.utils import timezone

                today = timezone.localdate()
                self.fields["guest"] = forms.ModelChoiceField(
                    label=_("Guest in this room"), required=False, initial=case.guest_id,
                    queryset=Guest.objects.filter(
                        stays__property=case.property, stays__room__number=case.room_number or "-",
                        stays__arrival__lte=today, stays__departure__gte=today - dt.timedelta(days=2),
                    ).distinct(),
                )
            for name in required & set(self.fields):
                self.fields[name].required = True
            for flag, label in (("apology_confirmed", _("I apologised and calmed the guest")), ("result_told", _("The result was told to the guest"))):
                if flag in self.fields:
                    self.fields[flag] = forms.BooleanField(label=label, required=True)
            self.helper = FormHelper()
            self.helper.form_tag = False
            self.helper.disable_csrf = True
            if "description" in self.fields and "description_translation" in self.fields:
                self.helper.layout = Layout(*(
                    Div(Div("description", css_class="col-12 col-md-6"), Div("description_translation", css_class="col-12 col-md-6"), css_class="row")
                    if name == "description" else name
                    for name in self.fields if name != "description_translation"
                ))

        def clean(self):
            data = super().clean()
            check_assignee_department(self, data)
            return data

        def step_data(self):
            data = {f: self.cleaned_data[f] for f in step_fields if f in self.cleaned_data}
            if self.cleaned_data.get("guest"):
                data["guest"] = self.cleaned_data["guest"]
            return data

    StepForm.__name__ = f"StepForm_{kind}_{to_status}"
    return StepForm


class TranslationForm(forms.Form):
    """What happened, in the other language: typed by a person next to the original."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    description_translation = forms.CharField(
        label=_("What happened, in the other language"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Typed by staff for colleagues who read the other language; leave empty if nobody has translated it."),
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {"version": case.version, "description_translation": case.description_translation})
        super().__init__(*args, **kwargs)


class ReassignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=User.objects.none(), required=False)
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {"version": case.version, "department": case.department_id, "assignee": case.assignee_id, "grade": case.grade})
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(property=case.property)
        assignee_setup(self.fields["assignee"], property=case.property, department=case.department)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        check_assignee_department(self, data)
        return data


class RecoveryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Recovery"), choices=RecoveryKind.choices)
    description = forms.CharField(label=_("Details"), required=False, max_length=200)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    guest_accepted = forms.BooleanField(label=_("The guest accepted it"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class RevisitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=RevisitOutcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("What the guest said"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "not_satisfied" and not (data.get("note") or "").strip():
            self.add_error("note", _("Write down what the guest is not satisfied with."))
        return data


GUEST_PAGE_CATEGORIES = [
    (_("I need something"), [
        ("request:amenities", _("Towels, toiletries, water, pillows")),
        ("request:wake_up", _("Wake-up call")),
        ("request:room", _("Something in the room needs repair")),
        ("request:cleanliness", _("Room cleaning")),
        ("request:other", _("Other request")),
    ]),
    (_("Something is wrong"), [
        ("complaint:cleanliness", _("Cleanliness")),
        ("complaint:noise", _("Noise")),
        ("complaint:room", _("Room & facilities")),
        ("complaint:attitude", _("Staff attitude")),
        ("complaint:speed", _("Waiting / slow service")),
        ("complaint:food", pgettext_lazy("complaint category", "Food & beverage")),
        ("complaint:billing", _("Billing & price")),
        ("complaint:safety", _("Safety & security")),
        ("complaint:other", _("Other")),
    ]),
]
GUEST_PAGE_VALUES = {value for _group, options in GUEST_PAGE_CATEGORIES for value, _label in options}


class GuestPageForm(forms.Form):
    """The only input a guest without an account may send: a category and some text."""

    category = forms.ChoiceField(label=_("What is it about?"), choices=[("", "—")] + GUEST_PAGE_CATEGORIES)
    text = forms.CharField(label=_("Tell us more"), max_length=1000, min_length=3, widget=forms.Textarea(attrs={"rows": 4}))

    def kind_and_category(self):
        kind, category = self.cleaned_data["category"].split(":", 1)
        return kind, category
