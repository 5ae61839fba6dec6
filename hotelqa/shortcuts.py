"""Records named by an id that came from the request (a posted field, a query parameter).

Such a value can be anything a client sends: not a number, a number too large for the column, a
NUL byte. A ModelChoiceField already turns each of those into "no such choice", so every lookup of
that kind goes through one.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404


def object_or_none(queryset, value):
    """The record of `queryset` whose id is `value`, or None when there is none or `value` is not an id."""
    if value in (None, ""):
        return None
    try:
        return forms.ModelChoiceField(queryset=queryset).clean(value)
    except (ValidationError, OverflowError):
        return None


def object_or_404(queryset, value):
    """As `object_or_none`, but a missing or malformed id is a 404."""
    found = object_or_none(queryset, value)
    if found is None:
        raise Http404
    return found
