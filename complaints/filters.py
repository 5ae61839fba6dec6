import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.models import Guest
from hotelqa.filter_fields import ModelChoiceFilter
from hotelqa.search import contains
from hotelqa.models import Department

from .choices import CaseKind, CaseStatus, Category, Channel, Grade
from .models import Case
from .selectors import day_range, overdue_q


SEARCH_ROWS = 500  # see CaseFilter.two_character_matches and one_character_guests
SEARCHED_FIELDS = ("number", "room_number", "description", "description_translation")


def guest_name_match(value, path=""):
    """Q: the guest's name in either script contains `value` (`path`: the way to the guest)."""
    return contains(f"{path}name", value) | contains(f"{path}other_name", value)


def few_ids(queryset):
    """Up to SEARCH_ROWS ids of `queryset`, in no order; None when more match."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[: SEARCH_ROWS + 1])
    return ids if len(ids) <= SEARCH_ROWS else None


def case_fields_match(value, by_guest, *, by_pairs):
    """Q: the case's guest matches (`by_guest`) or one of its searched fields contains `value`;
    through the character-pair indexes (`hotelqa.search.contains`) when `by_pairs`."""
    match = by_guest
    for field in SEARCHED_FIELDS:
        match |= contains(field, value) if by_pairs else Q(**{f"{field}__icontains": value})
    return match


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.TextInput(attrs={"placeholder": _("Guest, room, number or text"), "type": "search"}))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CaseKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=Grade.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    open = django_filters.BooleanFilter(label=_("Open only"), method="filter_open", widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    received_after = django_filters.DateFilter(label=_("Received from"), method="filter_received_after", widget=forms.DateInput(attrs={"type": "date"}))
    received_before = django_filters.DateFilter(label=_("Received until"), method="filter_received_before", widget=forms.DateInput(attrs={"type": "date"}))
    closed_after = django_filters.DateFilter(label=_("Resolved from"), field_name="resolved_at", lookup_expr="date__gte", widget=forms.HiddenInput)
    closed_before = django_filters.DateFilter(label=_("Resolved until"), field_name="resolved_at", lookup_expr="date__lte", widget=forms.HiddenInput)
    reopened = django_filters.BooleanFilter(label=_("Reopened"), method="filter_reopened", widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, property=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.filters["department"].queryset = Department.objects.filter(property=property)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Guests are group-wide; the cases stay the property's. Names in either script, the
        # description in either language, room and number: each has a trigram index on PostgreSQL.
        guests = Guest.objects.filter(guest_name_match(value))
        if len(value) == 2 and (found := self.two_character_matches(queryset, value, guests)) is not None:
            return queryset.filter(pk__in=found)
        if len(value) == 1:
            return queryset.filter(case_fields_match(value, self.one_character_guests(value, guests), by_pairs=False))
        return queryset.filter(case_fields_match(value, Q(guest__in=guests.values("pk")), by_pairs=False))

    def one_character_guests(self, value, guests):
        """Q: the case's guest matches a single character (王, a surname), which no index answers.
        A common one (more than SEARCH_ROWS guests) is checked on each case's own guest as the
        list walks its newest cases, which soon fills a page; reading every matching guest of
        the group first took ~90 ms at 200,000 guests. A rare one: the few guests, read once."""
        guest_ids = few_ids(guests)
        return guest_name_match(value, "guest__") if guest_ids is None else Q(guest__in=guest_ids)

    def two_character_matches(self, queryset, value, guests):
        """The ids of the cases a two-character word (空调, 王伟) matches, read through the
        character-pair indexes (hotelqa.search) apart from the list's order: trigrams need three
        characters, so the list would otherwise test its cases one by one, newest first. None when
        more than SEARCH_ROWS guests or cases match: then the newest cases match soon."""
        guest_ids = few_ids(guests)
        if guest_ids is None:
            return None
        return few_ids(queryset.filter(case_fields_match(value, Q(guest__in=guest_ids), by_pairs=True)))

    # A time range rather than `__date`, so the (property, received_at) index serves it.
    def filter_received_after(self, queryset, name, value):
        return queryset.filter(received_at__gte=day_range(value, value)[0])

    def filter_received_before(self, queryset, name, value):
        return queryset.filter(received_at__lt=day_range(value, value)[1])

    def filter_open(self, queryset, name, value):
        return queryset.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CONFIRMED]) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(timezone.now())) if value else queryset

    def filter_reopened(self, queryset, name, value):
        return queryset.filter(reopen_count__gt=0) if value else queryset
