from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import KpiDirection
from .models import KpiTarget


def add_service_errors(form, exc: ValidationError):
    """Put a service's ValidationError next to the fields it names, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def keep_input_after_stale(form, *, version, message):
    """After a save refused as stale: the bound form keeps the user's input, says why, and now
    carries the record's current `version`, so saving again on purpose goes through."""
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = version
    if not hasattr(form, "cleaned_data"):
        form.is_valid()
    form.add_error(None, message)
    return form


def message_errors(request, exc: ValidationError):
    """A service's refusal as error messages, for actions that have no form to show them on."""
    for msg in exc.messages:
        messages.error(request, msg)


# --- no silent overwrites ---------------------------------------------------------------------

SNAPSHOT_FIELD = "edit_snapshot"
_SALT = "hotelqa.forms.edit_snapshot"


def _plain(value):
    """A field value as JSON-comparable data: ids for records, strings for dates and numbers."""
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return sorted(str(getattr(v, "pk", v)) for v in items)
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return None if value in (None, "") else str(value)


class OptimisticEditMixin:
    """For forms that edit a shared record: no save silently undoes another person's.

    The form carries a signed snapshot of the record's values when it was opened (a hidden
    field). On save, `stale_changes(current)` compares it with the record as it is now; a view
    (`OptimisticUpdateMixin`, or `refuse_if_stale` in a custom view) refuses the save, keeps
    the user's input and lists what changed, as the case page does with its version. The
    snapshot then holds the current values, so saving again on purpose goes through.
    Forms with values kept outside the record's own fields add them in `extra_snapshot(instance)`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[SNAPSHOT_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk and not self.is_bound:
            self.initial[SNAPSHOT_FIELD] = self.sign_snapshot(self.instance)

    def clean(self):
        data = super().clean()
        data.pop(SNAPSHOT_FIELD, None)  # a token for the check, not a value of the record
        return data

    def extra_snapshot(self, instance) -> dict:
        return {}

    def snapshot(self, instance) -> dict:
        names = [n for n in self.fields if n != SNAPSHOT_FIELD and n in {f.name for f in instance._meta.get_fields()}]
        values = {}
        for name in names:
            field = instance._meta.get_field(name)
            values[name] = _plain(getattr(instance, name) if field.many_to_many else field.value_from_object(instance))
        values.update({k: _plain(v) for k, v in self.extra_snapshot(instance).items()})
        return values

    def sign_snapshot(self, instance) -> str:
        return signing.dumps(self.snapshot(instance), salt=_SALT, compress=True)

    def opened_snapshot(self):
        token = self.data.get(self.add_prefix(SNAPSHOT_FIELD), "")
        try:
            return signing.loads(token, salt=_SALT)
        except signing.BadSignature:
            return None  # no snapshot (an old page, a hand-made post): nothing to compare

    def stale_changes(self, current) -> list[str]:
        """What someone else changed since the form was opened, one line per field."""
        opened = self.opened_snapshot()
        if opened is None:
            return []
        now = self.snapshot(current)
        return [self._describe(name, now[name]) for name in now if name in opened and opened[name] != now[name]]

    def _describe(self, name, value):
        field = self.fields.get(name)
        label = field.label if field is not None and field.label else name
        shown = value
        if field is not None and hasattr(field, "queryset") and value:
            ids = value if isinstance(value, list) else [value]
            shown = ", ".join(str(o) for o in field.queryset.model._base_manager.filter(pk__in=ids))
        elif field is not None and getattr(field, "choices", None) and value is not None:
            shown = dict((str(k), v) for k, v in field.choices).get(str(value), value)
        return gettext("%(field)s is now “%(value)s”") % {"field": label, "value": shown if shown not in (None, "", []) else "—"}

    def refuse_stale(self, current, changes):
        self.data = self.data.copy()
        self.data[self.add_prefix(SNAPSHOT_FIELD)] = self.sign_snapshot(current)
        self.add_error(None, gettext("Someone else saved this record while you were editing it. Your input is kept below; "
                               "check what changed, then save again: %(changes)s.") % {"changes": "; ".join(changes)})


def refuse_if_stale(form) -> bool:
    """Lock the form's record and refuse the save when it changed since the form was opened.
    Call inside `transaction.atomic()`, before saving; True means: show the form again (409)."""
    instance = form.instance
    if not instance.pk:
        return False
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    changes = form.stale_changes(current)
    if changes:
        form.refuse_stale(current, changes)
        return True
    return False


class OptimisticModelForm(OptimisticEditMixin, forms.ModelForm):
    """The same check where the form itself must refuse (the Django admin, whose change view
    saves inside one transaction after `clean()`): the snapshot field is declared, so the admin
    renders it (hidden), and `clean()` locks the record and compares."""

    edit_snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            with transaction.atomic():  # the admin's change view holds the lock until it has saved
                refuse_if_stale(self)
        return data


class OptimisticUpdateMixin:
    """For UpdateViews whose form uses `OptimisticEditMixin`: a stale save answers 409 with the form."""

    def form_valid(self, form):
        with transaction.atomic():
            if refuse_if_stale(form):
                return self.render_to_response(self.get_context_data(form=form), status=409)
            return super().form_valid(form)


class KpiTargetForm(OptimisticEditMixin, forms.ModelForm):
    class Meta:
        model = KpiTarget
        fields = ["target", "warning"]

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        if kpi.target is None:
            self.fields["target"].help_text = _("No default target: the tile is shown without a colour until one is set.")
        else:
            self.fields["target"].help_text = _("Default: %(value)s %(unit)s") % {"value": kpi.target, "unit": kpi.unit}
        if kpi.direction == KpiDirection.HIGHER_IS_BETTER:
            self.fields["warning"].help_text = _("Below this value the tile turns red (higher is better).")
        else:
            self.fields["warning"].help_text = _("Above this value the tile turns red (lower is better).")

    def clean(self):
        data = super().clean()
        target, warning = data.get("target"), data.get("warning")
        if target is None or warning is None:
            return data
        if self.kpi.unit == "%" and not (Decimal(0) <= target <= 100 and Decimal(0) <= warning <= 100):
            raise forms.ValidationError(_("Percentages must be between 0 and 100."))
        if self.kpi.direction == KpiDirection.HIGHER_IS_BETTER and warning > target:
            self.add_error("warning", _("When higher is better, the warning threshold must not be above the target."))
        if self.kpi.direction == KpiDirection.LOWER_IS_BETTER and warning < target:
            self.add_error("warning", _("When lower is better, the warning threshold must not be below the target."))
        return data


class UsernameLengthMixin:
    """Checks the username's length before anyone looks it up: Django's log-in forms only set the
    widget's maxlength, and the lockout log stores at most 255 characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass


class DateRangeForm(forms.Form):
    """`start` and `end` of a drill-down link, each optional."""

    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
