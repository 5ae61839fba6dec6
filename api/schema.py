"""How the schema describes the API: the two ways in, and the texts a reader sees in the docs —
tags, summaries and descriptions — as translatable strings, so `/api/schema/` is written in the
request's language (`?lang=zh-hans` or `Accept-Language`) and the docs page asks for the reader's."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

# The first part of the path after /api/v1/ → the group the docs list it under.
TAGS = {
    "cases": _("Cases"),
    "work-orders": _("Work orders"),
    "inspections": _("Inspections"),
    "guests": _("Guests and stays"),
    "stays": _("Guests and stays"),
    "kpis": _("KPIs"),
    "properties": _("Reference lists"),
    "departments": _("Reference lists"),
    "categories": _("Reference lists"),
}

SUMMARIES = {
    "cases_list": _("List cases"),
    "cases_create": _("Log a case"),
    "cases_read": _("Read a case"),
    "cases_move": _("Take a step of a case"),
    "cases_note": _("Add a note to a case"),
    "work_orders_list": _("List work orders"),
    "work_orders_read": _("Read a work order"),
    "work_orders_move": _("Move a work order"),
    "inspections_list": _("List inspections"),
    "inspections_read": _("Read an inspection"),
    "inspections_move": _("Start or submit an inspection"),
    "guests_upsert": _("Find or create a guest"),
    "stays_upsert": _("Create or update a stay"),
    "stays_batch": _("Create or update up to 200 stays"),
    "kpis_read": _("KPI values of a period"),
    "properties_list": _("Properties you work at"),
    "departments_list": _("Departments"),
    "categories_list": _("Case categories"),
}

DESCRIPTIONS = {
    "cases_list": _("Cases of the properties where you read them, newest first, with the case list page's filters."),
    "cases_create": _("The front desk's quick log as JSON, with its rules: a complaint needs the apology and a guest or room. Send an `Idempotency-Key` to make a retry safe."),
    "cases_read": _("A case with its timeline and the steps you may take now (`moves`)."),
    "cases_move": _("Take one step of the case's workflow (the case page's step forms): `to` is the next status, `fields` that step's fields, `version` the case's version as you read it."),
    "cases_note": _("A note on the case's timeline."),
    "work_orders_move": _("Move a work order through its workflow: `assignee` to assign, `resolution`, `parts` and `cost` when done."),
    "inspections_move": _("Start an inspection (`in_progress`) or submit it (`submitted`): failed items open work orders, as on the page."),
    "guests_upsert": _("Find the group's guest by ID number, phone or e-mail (filling empty fields) or create one: 201 when created, 200 when found."),
    "stays_upsert": _("Create or update one stay by its reservation number at the property (sending it again changes nothing): 201 when created."),
    "stays_batch": _("Tonight's arrivals in one call (at most 200): all saved, or none when one is refused (errors name `stays.<n>.<field>`)."),
    "kpis_read": _("Values of the dashboard's KPIs over a period, read from the nightly snapshots (the dashboard's numbers)."),
    "categories_list": _("Case categories (the `category` of a case)."),
}


class ApiAutoSchema(AutoSchema):
    def get_tags(self):
        tags = super().get_tags()
        return [str(TAGS[t]) if t in TAGS else t for t in tags]

    def get_summary(self):
        summary = SUMMARIES.get(self.get_operation_id())
        return str(summary) if summary is not None else None

    def get_description(self):
        # Only the texts above: the views' docstrings are written for developers, in English.
        description = DESCRIPTIONS.get(self.get_operation_id())
        return str(description) if description is not None else ""


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.ApiTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": str(_("An integration token made by an admin: `Authorization: Bearer hqa_…`."))}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.BrowserSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid", "description": str(_("The browser's log-in (POSTs need the CSRF token)."))}
