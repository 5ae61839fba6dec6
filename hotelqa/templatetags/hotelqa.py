from decimal import Decimal

from django import template

from ..i18n import with_unit

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (keeps filters across pages)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def kpi_format(value, kpi):
    """A KPI value with its unit, or an em dash when there is no data."""
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal(1) / (10 ** kpi.decimals)) if kpi.decimals else Decimal(value).quantize(Decimal(1))
    return with_unit(value, kpi.unit)


@register.filter
def money(value):
    """An amount in yuan, written the reader's way (¥500.00)."""
    from ..events import money_text

    return "—" if value in (None, "") else money_text(value)


@register.filter
def unit(value, name):
    """A number with its unit in the reader's language: {{ hours|unit:"h" }} → "8 小时"."""
    return with_unit(value, name)
