"""Form fields written in Python: the markup of crispy-forms' Bootstrap 5 `field.html`
(`{{ field|as_crispy_field }}`) without its template, for the list pages' filters and the forms
the desk opens all day (the quick log: `{{ form.description|filter_field }}`).

crispy renders each field through a template of ~40 tags and three includes, about a quarter of a
case list's rendering time and two thirds of the quick-log form's. `field_html` writes the same elements, attributes, classes, labels,
errors and help text (whitespace between tags aside, `tests/core/test_filter_fields.py` compares
every list's filter form with crispy's, in both languages, with and without errors). Widgets it
does not cover (radio buttons, check-box lists, files, multi-widgets) and forms with a crispy
helper go through crispy itself.
"""

import django_filters
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django_filters import fields as df_fields
from django.conf import settings
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

CRISPY_ONLY = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput, forms.MultiWidget)


def _add_classes(widget, classes):
    """What crispy's `{% crispy_field field 'class' '…' %}` does to the widget's attributes."""
    class_name = type(widget).__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in classes.split():
        if name not in css_class.split():
            css_class += f" {name}"
    widget.attrs["class"] = css_class


ASTERISK = '<span class="asteriskField">*</span>'


def _label_text(field):
    """The label's text and the label's extra class."""
    if field.field.required:
        return f"{conditional_escape(field.label)}{ASTERISK}", " requiredField"
    return conditional_escape(field.label), ""


def _errors_and_help(field):
    html = []
    if field.errors:
        html.append(f'<div id="{conditional_escape(getattr(field.errors, "field_id", ""))}_error" class="invalid-feedback">')
        for number, error in enumerate(field.errors, 1):
            html.append(f'<p id="error_{number}_{conditional_escape(field.auto_id)}"><strong>{conditional_escape(error)}</strong></p>')
        html.append("</div>")
    if field.help_text:
        id_attr = f'id="{conditional_escape(field.auto_id)}_helptext" ' if field.auto_id else ""
        html.append(f'<div {id_attr}class="form-text">{field.help_text}</div>')
    return "".join(html)


def field_html(field):
    """One bound field as crispy's Bootstrap 5 template writes it (see the module docstring)."""
    widget = field.field.widget
    if getattr(field.form, "helper", None) is not None or field.use_fieldset or isinstance(widget, CRISPY_ONLY) or hasattr(widget, "widget"):
        return as_crispy_field(field)
    if field.is_hidden:
        return str(field)
    invalid = " is-invalid" if field.errors else ""
    css = field.css_classes()
    extra = f" {conditional_escape(css)}" if css else ""
    if isinstance(widget, forms.CheckboxInput):
        _add_classes(widget, "form-check-input" + invalid)
        label, required = _label_text(field)
        return mark_safe(
            f'<div class="mb-3"><div id="div_{escape(field.auto_id)}" class="form-check{extra}">{field}'
            f'<label for="{escape(field.id_for_label)}" class="form-check-label{required}">{label}</label>'
            f"{_errors_and_help(field)}</div></div>"
        )
    _add_classes(widget, ("form-select" if isinstance(widget, forms.Select) else "form-control") + invalid)
    html = [f'<div id="div_{escape(field.auto_id)}" class="mb-3{extra}">']
    if field.label:
        label, required = _label_text(field)
        for_attr = f'for="{escape(field.id_for_label)}" ' if field.id_for_label else ""
        html.append(f'<label {for_attr}class="form-label{required}">{label}</label>')
    html.append(f"{field}{_errors_and_help(field)}</div>")
    return mark_safe("".join(html))


class ListedChoices(df_fields.ModelChoiceIterator):
    """A filter's choices read in one query. Django's iterator() reads them through a server-side
    cursor on PostgreSQL (declare, fetch, close: three round trips) for a property's handful of
    departments or categories."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(df_fields.ModelChoiceField):
    iterator = ListedChoices


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter, with its choices read in one query (`ListedChoices`)."""

    field_class = ListedModelChoiceField
