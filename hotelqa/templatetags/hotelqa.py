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


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The top bar's menu of the reader's role (kept per role, language and current entry)."""
    from ..ui import menu_html

    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return menu_html(context.get("active_role"), match.view_name if match else None)


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


@register.simple_tag(takes_context=True)
def department_kpi_badges(context, row, drill_query):
    """A ranked department's KPI badges, each linking to the KPI page of that department: written
    in one pass (the ranking shows some 180 of them), escaped and localized as the template would.
    Each KPI's link and name are worked out once per page, not once per department."""
    from django.urls import reverse
    from django.utils.formats import localize
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    known = context.render_context.setdefault("department_kpi_badges", {})
    department = row.subject
    tail = f"?{conditional_escape(drill_query)}&amp;property={conditional_escape(localize(department.property_id))}" \
           f"&amp;department={conditional_escape(localize(department.pk))}"
    parts = []
    for f in row.figures:
        kpi = f.kpi
        link_name = known.get(kpi.code)
        if link_name is None:
            link_name = known[kpi.code] = (conditional_escape(reverse("kpi_detail", args=[kpi.code])), conditional_escape(kpi.name))
        parts.append(
            f'<a class="badge rounded-pill text-decoration-none kpi-badge status-{conditional_escape(f.status)}" href="{link_name[0]}{tail}">'
            f"{link_name[1]} {conditional_escape(kpi_format(f.value, kpi))}</a>"
        )
    return mark_safe("".join(parts))


@register.simple_tag
def kpi_tile_card(tile, query, index):
    """One KPI tile of the dashboard (some 35 of them), written in one pass as the template loop
    wrote it: same markup, escaping and translations."""
    from django.urls import reverse
    from django.utils.formats import localize
    from django.utils.html import conditional_escape as esc
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext

    kpi = tile.kpi
    if tile.status == "good":
        status_text = gettext("on target")
    elif tile.status == "warning":
        status_text = gettext("below target")
    elif tile.status == "bad":
        status_text = gettext("far from target")
    else:
        status_text = gettext("no data")
    no_data = f'<div class="small text-body-secondary">{esc(gettext("No data for this period yet."))}</div>' if tile.value is None else ""
    if tile.target is not None:
        target = f'{esc(gettext("Target"))} {esc(kpi_format(tile.target, kpi))}'
    else:
        target = esc(gettext("No target"))
    previous = "" if tile.previous is None else f' · {esc(gettext("previous period"))} {esc(kpi_format(tile.previous, kpi))}'
    return mark_safe(
        '<div class="col-12 col-sm-6 col-xl-3">\n'
        f'    <div class="card kpi-tile status-{esc(tile.status)} h-100 position-relative" data-kpi="{esc(kpi.code)}">\n'
        '      <div class="card-body">\n'
        '        <a class="stretched-link small text-body-secondary text-decoration-none" '
        f'href="{esc(reverse("kpi_detail", args=[kpi.code]))}?{esc(query)}">{esc(kpi.name)}</a>\n'
        f'        <div class="kpi-value">{esc(kpi_format(tile.value, kpi))}</div>\n'
        f"        {no_data}\n"
        '        <div class="small">\n'
        f"          {target}\n"
        f"          {previous}\n"
        f'          <span class="visually-hidden">{esc(status_text)}</span>\n'
        "        </div>\n"
        f'        <canvas id="chart-{esc(localize(index))}" height="90" aria-label="{esc(gettext("Trend"))}"></canvas>\n'
        "      </div>\n"
        "    </div>\n"
        "  </div>"
    )
