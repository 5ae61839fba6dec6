"""List pages write their filter fields in Python (hotelqa/filter_fields.py): the same elements,
ids, labels, classes, errors and help text as crispy-forms' Bootstrap 5 field template, for every
list's filter form, in both languages, with and without errors."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.test.html import parse_html
from django.urls import get_resolver
from django.utils import translation

from hotelqa.filter_fields import field_html
from hotelqa.lists import FilteredListView


def filter_classes():
    get_resolver().url_patterns  # imports every app's views
    seen, todo = {}, list(FilteredListView.__subclasses__())
    while todo:
        view = todo.pop()
        todo += view.__subclasses__()
        if view.filterset_class is not None:
            seen[view.filterset_class.__name__] = view
    return sorted(seen.values(), key=lambda v: v.filterset_class.__name__)


VIEWS = filter_classes()
# Every kind of bad input a GET filter can carry: words in dates and numbers, unknown choices.
BAD = {"q": "x", "received_after": "soon", "received_before": "2026-13-40", "due_after": "x", "due_before": "y",
       "hired_after": "z", "date_after": "x", "date_before": "x", "expires_before": "x", "created_after": "x",
       "created_before": "x", "month": "2026-99", "status": "nope", "department": "999999", "kind": "nope",
       "grade": "nope", "category": "999999", "result": "nope", "rating": "nope", "is_active": "maybe",
       "plan": "x", "asset": "x", "location": "x", "open": "on", "overdue": "on", "mine": "on"}


def form_of(view, prop, data):
    model = view.model or view.queryset.model
    return view.filterset_class(data, queryset=model.objects.none(), property=prop).form


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("data", [None, {}, BAD], ids=["unbound", "empty", "bad"])
@pytest.mark.parametrize("view", VIEWS, ids=[v.filterset_class.__name__ for v in VIEWS])
def test_filter_fields_match_crispy(property_a, view, data, language):
    with translation.override(language):
        ours, theirs = form_of(view, property_a, data), form_of(view, property_a, data)
        if data:
            ours.is_valid(), theirs.is_valid()
        for name in ours.fields:
            assert parse_html(str(field_html(ours[name]))) == parse_html(str(as_crispy_field(theirs[name]))), name


def test_the_lists_cover_the_usual_widgets(property_a):
    widgets = {type(f.widget) for view in VIEWS for f in form_of(view, property_a, None).fields.values()}
    assert {forms.Select, forms.SelectMultiple, forms.TextInput, forms.DateInput, forms.CheckboxInput, forms.HiddenInput} <= widgets
    assert len(VIEWS) >= 10


def test_errors_and_required_fields_are_written(property_a):
    class Form(forms.Form):
        day = forms.DateField(label="Day", help_text="When <em>it</em> happened", widget=forms.DateInput(attrs={"type": "date"}))
        agree = forms.BooleanField(label="Agree")

    form = Form({"day": "soon"})
    form.is_valid()
    other = Form({"day": "soon"})
    other.is_valid()
    for name in ("day", "agree"):
        assert parse_html(str(field_html(form[name]))) == parse_html(str(as_crispy_field(other[name])))
    html = str(field_html(form["day"]))
    assert 'class="invalid-feedback"' in html and "is-invalid" in html and '<span class="asteriskField">*</span>' in html
    assert 'id="id_day_helptext"' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_location_choices_are_the_locations_names(property_a, language):
    """The asset filter reads its location choices as values, not model instances: same labels,
    order and selection as the locations' own names."""
    import re

    from facilities.filters import AssetFilter
    from facilities.models import Asset, Location
    from tests.facilities.factories import LocationFactory

    LocationFactory(property=property_a, building="B", floor="3", name="301", name_zh="三零一")
    LocationFactory(property=property_a, building="", floor="", name="Lobby", name_zh="")
    chosen = LocationFactory(property=property_a, building="A", floor="G", name="", name_zh="大堂")
    with translation.override(language):
        form = AssetFilter({"location": str(chosen.pk)}, queryset=Asset.objects.none(), property=property_a).form
        assert form.is_valid()
        html = str(field_html(form["location"]))
        locations = list(Location.objects.for_property(property_a))
        assert re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', html) == [(str(loc.pk), str(loc)) for loc in locations]
        assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in html
