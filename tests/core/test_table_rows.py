"""Fast list rows (hotelqa/table_rows.py) show exactly what django-tables2 would, and the select
renderer writes the same markup as Django's templates."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import conditional_escape
from django_tables2 import RequestConfig
from django_tables2.rows import BoundRow

from complaints.models import Case
from complaints.tables import CaseTable
from facilities.models import Asset, Inspection, Location, WorkOrder
from facilities.tables import AssetTable, InspectionTable, LocationTable, WorkOrderTable
from hotelqa.choices import Role
from hotelqa.renderers import FastSelectRenderer
from hotelqa.table_rows import cell_function
from tests.complaints.helpers import advance, log_complaint
from tests.facilities.factories import AssetFactory, InspectionFactory, published_template, work_order

TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


@pytest.fixture
def records(property_a, member):
    from complaints.choices import CaseStatus

    actor = member(property_a, Role.SUPERVISOR, department_kind="security")
    log_complaint(property_a, actor)
    advance(log_complaint(property_a, actor, grade="urgent", room=""), actor, CaseStatus.CLASSIFIED)
    template = published_template(property_a)
    asset = AssetFactory(property=property_a)
    InspectionFactory(property=property_a, version=template.current_version, location=asset.location)
    InspectionFactory(property=property_a, version=template.current_version, asset=asset)
    work_order(property_a, asset=asset)
    work_order(property_a, location=asset.location)


TABLES = [
    (CaseTable, lambda: Case.objects.select_related("guest", "department", "assignee")),
    (InspectionTable, lambda: Inspection.objects.select_related("version__template", "asset", "location", "assignee")),
    (WorkOrderTable, lambda: WorkOrder.objects.select_related("asset", "location", "department", "assignee")),
    (AssetTable, lambda: Asset.objects.select_related("category", "location")),
    (LocationTable, lambda: Location.objects.all()),
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("table_class,queryset", TABLES, ids=[t.__name__ for t, _q in TABLES])
def test_fast_cells_match_the_library(records, table_class, queryset, language):
    with translation.override(language):
        table = table_class(queryset())
        RequestConfig(RequestFactory().get("/"), paginate={"per_page": 25}).configure(table)
        assert table.page.object_list, "no rows to compare"
        rows = table.page_rows()
        for bound_row, html in zip(table.page.object_list, rows):
            library = [str(conditional_escape(BoundRow(bound_row.record, table).get_cell(c.name))) for c in table.columns]
            ours = TD.findall(html)[: len(library)]
            assert ours == library


def test_every_column_takes_the_fast_path(records):
    """A column that silently falls back to the library's per-cell path would bring the cost back."""
    for table_class, queryset in TABLES:
        table = table_class(queryset())
        for column in table.columns:
            assert cell_function(table, column).__qualname__ == "cell_function.<locals>.cell", (table_class.__name__, column.name)


def test_rows_carry_card_roles_and_the_main_action(records):
    table = CaseTable(Case.objects.all())
    RequestConfig(RequestFactory().get("/")).configure(table)
    html = str(table.page_rows()[0])
    assert 'class="rows-title' in html and 'class="rows-deadline' in html and 'class="rows-field' in html
    assert re.search(r'<td class="rows-action"><a class="btn btn-primary btn-sm" href="/complaints/\d+/">Open case</a></td>', html)


class ChoiceForm(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "A & B"), ("b", 'say "hi"')], required=False)
    grouped = forms.ChoiceField(choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "Other")])
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], widget=forms.SelectMultiple(attrs={"size": 3, "class": "form-select"}))


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "pear", "many": ["1", "2"]}])
def test_select_renderer_writes_djangos_markup(data):
    fast = ChoiceForm(data or None, renderer=FastSelectRenderer())
    django = ChoiceForm(data or None, renderer=DjangoTemplates())
    for name in ChoiceForm.base_fields:
        assert str(fast[name]) == str(django[name])


class InputForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": 'A "quoted" & <b>', "type": "search"}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), help_text="When")
    count = forms.IntegerField(min_value=0, required=False)
    agree = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    mail = forms.EmailField(required=False, disabled=True)


@pytest.mark.parametrize("data", [{}, {"text": "<x> & 'y'", "day": "soon", "count": "-1", "agree": "on", "secret": "s", "hidden": "h", "mail": "a@b.c"}])
def test_input_renderer_writes_djangos_markup(data):
    fast = InputForm(data or None, renderer=FastSelectRenderer())
    django = InputForm(data or None, renderer=DjangoTemplates())
    for name in InputForm.base_fields:
        assert str(fast[name]) == str(django[name])


THEAD = re.compile(r"<thead.*?</thead>", re.S)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("query", ["", "?sort=-status&page=2&q=a+b&kind=x&kind=y"])
@pytest.mark.parametrize("table_class,queryset", TABLES, ids=[t.__name__ for t, _q in TABLES])
def test_header_matches_the_library(records, table_class, queryset, language, query):
    """The header row written in Python: the same cells, classes, sort links and labels as the library's template."""
    from django.template import Context
    from django.template.loader import get_template
    from django.test.html import parse_html

    request = RequestFactory().get("/list/" + query)
    with translation.override(language):
        table = table_class(queryset())
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        context = Context({"table": table, "request": request})
        library = THEAD.search(get_template("django_tables2/bootstrap5.html").template.render(context)).group(0)
        ours = THEAD.search(get_template("hotelqa/partials/rows_table.html").template.render(context)).group(0)
    assert parse_html(ours) == parse_html(library)
    assert "<a href=" in ours
