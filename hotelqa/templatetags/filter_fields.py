"""`{{ field|filter_field }}`: a list's filter field, as `as_crispy_field` writes it (hotelqa.filter_fields)."""

from django import template

from hotelqa.filter_fields import field_html

register = template.Library()
register.filter("filter_field", field_html)
