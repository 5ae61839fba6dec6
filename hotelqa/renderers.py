"""Form renderer that writes `<select>` options and `<input>` fields in Python.

Django renders every `<option>` through two template includes; a list page's filter form with a
department, category and status choice spends a few milliseconds there on each request. The output
is the same markup Django's templates produce. Inputs (text, date, check box, hidden …) are one
`<input>` each, also written directly; every other widget uses the normal templates."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Widgets whose template is only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("checkbox", "color", "date", "datetime", "email", "hidden", "number", "password", "search", "tel", "text", "time", "url")
)


def _attrs(attrs):
    """django/forms/widgets/attrs.html: False drops the attribute, True writes it bare."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS and "widget" in context:
            return self.render_input(context["widget"])
        widget = context.get("widget") if template_name == SELECT else None
        if widget is None or any(o["template_name"] != OPTION for _n, group, _i in widget["optgroups"] for o in group):
            return super().render(template_name, context, request)
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group:
                html.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")  # the newlines are the templates' own
        return mark_safe("".join(html))

    def render_input(self, widget):
        """django/forms/widgets/input.html (stripped, as the renderer returns it)."""
        value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
        return mark_safe(f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>')
