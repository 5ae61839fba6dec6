"""The expected answer of every URL of the project, for every role.

Each route name maps to an `Expect`: how to build its URL for a property (creating a record of
that property where the route needs one), which roles may use it, and what a user of another
property gets for that property's record. A route missing from this table fails the test, so a
new view cannot ship without deciding who may use it.

Statuses: roles in `allow` get `ok` (200 unless said), other roles 403, anonymous users a redirect
to the login page (302) unless the route is `public`. `other` is the answer for a user of another
property (404 for object pages; None where the URL does not name a record).
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from hotelqa.choices import Role

ALL = frozenset(Role)
MANAGEMENT = frozenset({Role.MANAGER, Role.ADMIN})
NOBODY = frozenset()


@dataclass(frozen=True)
class Expect:
    url: Callable  # (property) -> path
    allow: frozenset = ALL
    ok: int = 200
    ok_for: dict = field(default_factory=dict)  # role -> status where it differs from `ok`
    other: Optional[int] = None
    public: bool = False
    anonymous: int = 302
    method: str = "get"


def _department(property):
    return property.departments.order_by("pk").first()


def _notification(property):
    from hotelqa.models import Notification, User

    user = User.objects.filter(memberships__property=property).first()
    return Notification.objects.create(recipient=user, property=property, title="matrix")


KPI = "hotelqa.notifications_read_24h"
JOB = "hotelqa.kpi_snapshot"

TABLE = {
    # The shell
    "home": Expect(lambda p: "/", ok_for={Role.MANAGER: 302, Role.ADMIN: 302}),
    "healthz": Expect(lambda p: "/healthz", public=True, anonymous=200),
    "favicon": Expect(lambda p: "/favicon.ico", public=True, ok=301, anonymous=301),
    "set_language": Expect(lambda p: "/i18n/setlang/", public=True, ok=405, anonymous=405),
    "login": Expect(lambda p: "/accounts/login/", public=True, ok=302, anonymous=200),
    "logout": Expect(lambda p: "/accounts/logout/", public=True, ok=405, anonymous=405),
    "password_change": Expect(lambda p: "/accounts/password/"),
    "password_change_done": Expect(lambda p: "/accounts/password/done/"),
    "property_switch": Expect(lambda p: "/property/switch/", public=True, ok=405, anonymous=405),
    "notification_list": Expect(lambda p: "/notifications/"),
    "notification_open": Expect(lambda p: f"/notifications/{_notification(p).pk}/open/", public=True, ok=405, anonymous=405),
    "notification_mark_all_read": Expect(lambda p: "/notifications/read-all/", public=True, ok=405, anonymous=405),
    # Organisation and dashboard
    "department_list": Expect(lambda p: "/departments/", allow={Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN}),
    "department_detail": Expect(
        lambda p: f"/departments/{_department(p).pk}/",
        allow={Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN},
        other=404,
    ),
    "dashboard": Expect(lambda p: "/dashboard/", allow={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
    "kpi_detail": Expect(lambda p: f"/dashboard/kpi/{KPI}/", allow={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
    # Settings
    "kpi_target_list": Expect(lambda p: "/settings/kpi-targets/", allow={Role.ADMIN}),
    "kpi_target_edit": Expect(lambda p: f"/settings/kpi-targets/{KPI}/", allow={Role.ADMIN}),
    "audit_list": Expect(lambda p: "/settings/audit/", allow={Role.ADMIN}),
    "job_list": Expect(lambda p: "/settings/jobs/", allow={Role.ADMIN}),
    # Jobs run for the whole group: group admins only (tests/core/test_property_role_checks.py).
    "job_run_now": Expect(lambda p: f"/settings/jobs/{JOB}/run/", allow=NOBODY),
}


# ---- Downloads and the monthly report (foundation) -------------------------------------------------
# A file a user asked for is fetched by that user only (here a colleague): anyone else, the
# property's managers and admins and another property's users too, is told it does not exist. The
# property's reports the system builds are the managers' (tests/core/test_downloads.py).
_SOMEONE_ELSES_FILE = {"allow": ALL, "ok": 404, "other": 404}
TABLE.update({
    "download_list": Expect(lambda p: "/downloads/"),
    "download_row": Expect(lambda p: f"/downloads/{rec.download(p).pk}/row/", **_SOMEONE_ELSES_FILE),
    "download_file": Expect(lambda p: f"/downloads/{rec.download(p).pk}/file/", **_SOMEONE_ELSES_FILE),
    "monthly_report": Expect(lambda p: "/reports/monthly/", allow={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
})


# ---- Facilities --------------------------------------------------------------------------------
from . import permission_records as rec  # noqa: E402

FRONT_LINE = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN})
FACILITY_WORKERS = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN})
CHECKLIST_BUILDERS = frozenset({Role.ADMIN})
FACILITY_CONFIG = frozenset({Role.ADMIN})
POSTED = (200, 302, 400)  # an empty post: the form again with errors, back to the record with a message, or refused as malformed
FACILITY_READERS = FRONT_LINE - {Role.FRONT_DESK}  # checklists, schedules and categories are not front-desk work

TABLE.update(
    {
        "facilities:asset_list": Expect(lambda p: "/facilities/assets/", allow=FRONT_LINE),
        "facilities:asset_create": Expect(lambda p: "/facilities/assets/new/", allow=FACILITY_CONFIG),
        "facilities:asset_import": Expect(lambda p: "/facilities/assets/import/", allow=FACILITY_CONFIG),
        "facilities:asset_labels": Expect(lambda p: "/facilities/assets/labels/", allow=FRONT_LINE),
        "facilities:asset_detail": Expect(lambda p: f"/facilities/assets/{rec.asset(p).pk}/", allow=FRONT_LINE, other=404),
        "facilities:asset_update": Expect(lambda p: f"/facilities/assets/{rec.asset(p).pk}/edit/", allow=FACILITY_CONFIG, other=404),
        "facilities:asset_label": Expect(lambda p: f"/facilities/assets/{rec.asset(p).pk}/label/", allow=FRONT_LINE, other=404),
        "facilities:asset_scan": Expect(lambda p: f"/facilities/assets/{rec.asset(p).pk}/scan/", allow=FRONT_LINE, other=404),
        "facilities:asset_inspect": Expect(lambda p: f"/facilities/assets/{rec.asset(p).pk}/inspect/", allow=FACILITY_WORKERS, other=404, method="post", ok=POSTED),
        "facilities:location_list": Expect(lambda p: "/facilities/locations/", allow=FRONT_LINE),
        "facilities:location_create": Expect(lambda p: "/facilities/locations/new/", allow=FACILITY_CONFIG),
        "facilities:location_labels": Expect(lambda p: "/facilities/locations/labels/", allow=FRONT_LINE),
        "facilities:location_detail": Expect(lambda p: f"/facilities/locations/{rec.location(p).pk}/", allow=FRONT_LINE, other=404),
        "facilities:location_update": Expect(lambda p: f"/facilities/locations/{rec.location(p).pk}/edit/", allow=FACILITY_CONFIG, other=404),
        "facilities:location_inspect": Expect(lambda p: f"/facilities/locations/{rec.location(p).pk}/inspect/", allow=FACILITY_WORKERS, other=404, method="post", ok=POSTED),
        "facilities:category_list": Expect(lambda p: "/facilities/categories/", allow=FACILITY_READERS),
        "facilities:category_create": Expect(lambda p: "/facilities/categories/new/", allow=FACILITY_CONFIG),
        "facilities:category_update": Expect(lambda p: f"/facilities/categories/{rec.category(p).pk}/edit/", allow=FACILITY_CONFIG, other=404),
        "facilities:template_list": Expect(lambda p: "/facilities/checklists/", allow=FACILITY_READERS),
        "facilities:template_create": Expect(lambda p: "/facilities/checklists/new/", allow=CHECKLIST_BUILDERS),
        "facilities:template_detail": Expect(lambda p: f"/facilities/checklists/{rec.template(p).pk}/", allow=FACILITY_READERS, other=404),
        "facilities:template_update": Expect(lambda p: f"/facilities/checklists/{rec.template(p).pk}/settings/", allow=CHECKLIST_BUILDERS, other=404),
        "facilities:template_edit": Expect(lambda p: f"/facilities/checklists/{rec.template(p).pk}/edit/", allow=CHECKLIST_BUILDERS, other=404),
        "facilities:template_item_create": Expect(lambda p: f"/facilities/checklists/{rec.draft_item(p)[0].pk}/edit/items/new/", allow=CHECKLIST_BUILDERS, other=404),
        "facilities:template_item_update": Expect(
            lambda p: "/facilities/checklists/{0.pk}/edit/items/{1.pk}/".format(*rec.draft_item(p)), allow=CHECKLIST_BUILDERS, other=404
        ),
        "facilities:template_action": Expect(
            lambda p: f"/facilities/checklists/{rec.template(p).pk}/edit/new_draft/", allow=CHECKLIST_BUILDERS, other=404, method="post", ok=POSTED
        ),
        "facilities:schedule_list": Expect(lambda p: "/facilities/schedules/", allow=FACILITY_READERS),
        "facilities:schedule_create": Expect(lambda p: "/facilities/schedules/new/", allow=FACILITY_CONFIG),
        "facilities:schedule_detail": Expect(lambda p: f"/facilities/schedules/{rec.schedule(p).pk}/", allow=FACILITY_READERS, other=404),
        "facilities:schedule_update": Expect(lambda p: f"/facilities/schedules/{rec.schedule(p).pk}/edit/", allow=FACILITY_CONFIG, other=404),
        "facilities:schedule_toggle": Expect(
            lambda p: f"/facilities/schedules/{rec.schedule(p).pk}/toggle/", allow=FACILITY_CONFIG, other=404, method="post", ok=302
        ),
        "facilities:inspection_list": Expect(lambda p: "/facilities/inspections/", allow=FRONT_LINE),
        "facilities:inspection_detail": Expect(lambda p: f"/facilities/inspections/{rec.inspection(p).pk}/", allow=FRONT_LINE, other=404),
        "facilities:inspection_answer": Expect(
            lambda p: "/facilities/inspections/{0.pk}/answer/{1.pk}/".format(*rec.inspection_item(p)),
            allow=FACILITY_WORKERS, other=404, method="post", ok=(200, 302, 422),
        ),
        "facilities:inspection_submit": Expect(
            lambda p: f"/facilities/inspections/{rec.inspection(p).pk}/submit/", allow=FACILITY_WORKERS, other=404, method="post", ok=POSTED
        ),
        "facilities:answer_photo_file": Expect(lambda p: f"/facilities/inspections/photos/{rec.answer_with_photo(p).pk}/", allow=FRONT_LINE, other=404),
        "facilities:workorder_list": Expect(lambda p: "/facilities/work-orders/", allow=FRONT_LINE),
        "facilities:workorder_from_record": Expect(
            lambda p: f"/facilities/work-orders/from/{rec.case_type()}/{rec.case(p).pk}/", allow=FACILITY_WORKERS, other=404, method="post", ok=302
        ),
        "facilities:workorder_create": Expect(lambda p: "/facilities/work-orders/new/", allow=FACILITY_WORKERS),
        "facilities:sla_edit": Expect(lambda p: "/facilities/work-orders/sla/", allow=FACILITY_CONFIG),
        "facilities:workorder_detail": Expect(lambda p: f"/facilities/work-orders/{rec.work_order(p).pk}/", allow=FRONT_LINE, other=404),
        "facilities:workorder_transition": Expect(
            lambda p: f"/facilities/work-orders/{rec.work_order(p).pk}/move/", allow=FRONT_LINE, other=404, method="post", ok=POSTED
        ),
        "facilities:workorder_photo": Expect(
            lambda p: f"/facilities/work-orders/{rec.work_order(p).pk}/photos/", allow=FACILITY_WORKERS, other=404, method="post", ok=302
        ),
        "facilities:workorder_photo_file": Expect(
            lambda p: f"/facilities/work-orders/photos/{rec.work_order_photo(p).pk}/", allow=FRONT_LINE, other=404
        ),
    }
)

# ---- Complaints and guests ---------------------------------------------------------------------
CASE_READERS = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN})
CASE_LOGGERS = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
CASE_ASSIGNERS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
REVISIT_CALLERS = frozenset({Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
REVISIT_READERS = REVISIT_CALLERS | {Role.INSPECTOR}

TABLE.update(
    {
        "complaints:case_list": Expect(lambda p: "/complaints/", allow=CASE_READERS),
        "complaints:case_mine": Expect(lambda p: "/complaints/mine/", allow=CASE_READERS),
        "complaints:case_department": Expect(lambda p: "/complaints/department/", allow=CASE_READERS),
        "complaints:case_export": Expect(lambda p: "/complaints/export.csv", allow=CASE_READERS),
        "complaints:case_create": Expect(lambda p: "/complaints/new/", allow=CASE_LOGGERS),
        "complaints:case_suggest": Expect(lambda p: "/complaints/new/suggest/?description=noise", allow=CASE_LOGGERS),
        "complaints:case_detail": Expect(lambda p: f"/complaints/{rec.case(p).pk}/", allow=CASE_READERS, other=404),
        "complaints:case_transition": Expect(
            lambda p: f"/complaints/{rec.case(p).pk}/step/classified/", allow=CASE_LOGGERS, other=404, method="post", ok=POSTED
        ),
        "complaints:case_reassign": Expect(
            lambda p: f"/complaints/{rec.case(p).pk}/assign/", allow=CASE_ASSIGNERS, other=404, method="post", ok=POSTED
        ),
        "complaints:case_translation": Expect(
            lambda p: f"/complaints/{rec.case(p).pk}/translation/", allow=CASE_LOGGERS, other=404, method="post", ok=POSTED
        ),
        "complaints:recovery_create": Expect(
            lambda p: f"/complaints/{rec.case(p).pk}/recovery/", allow=CASE_LOGGERS, other=404, method="post", ok=POSTED
        ),
        "complaints:recovery_decide": Expect(
            lambda p: f"/complaints/recovery/{rec.recovery(p).pk}/decide/", allow=CASE_ASSIGNERS, other=404, method="post", ok=POSTED
        ),
        "complaints:revisit_list": Expect(lambda p: "/complaints/revisits/", allow=REVISIT_READERS),
        "complaints:revisit_record": Expect(
            lambda p: f"/complaints/revisits/{rec.revisit(p).pk}/", allow=REVISIT_CALLERS, other=404, method="post", ok=POSTED
        ),
        "complaints:room_labels": Expect(lambda p: "/complaints/rooms/labels/", allow={Role.ADMIN}),
        "complaints:room_rotate": Expect(
            lambda p: f"/complaints/rooms/{rec.room(p).pk}/rotate/", allow={Role.ADMIN}, other=404, method="post", ok=302
        ),
        "complaints:case_photo_file": Expect(lambda p: f"/complaints/photos/{rec.case_photo(p).pk}/", allow=CASE_READERS, other=404),
        "complaints:routingrule_list": Expect(lambda p: "/complaints/routing-rules/", allow={Role.ADMIN}),
        "complaints:routingrule_create": Expect(lambda p: "/complaints/routing-rules/new/", allow={Role.ADMIN}),
        "complaints:routingrule_seed": Expect(lambda p: "/complaints/routing-rules/standard/", allow={Role.ADMIN}, method="post", ok=302),
        "complaints:routingrule_update": Expect(lambda p: f"/complaints/routing-rules/{rec.routing_rule(p).pk}/", allow={Role.ADMIN}, other=404),
        "complaints:routingrule_delete": Expect(
            lambda p: f"/complaints/routing-rules/{rec.routing_rule(p).pk}/delete/", allow={Role.ADMIN}, other=404, method="post", ok=302
        ),
        # The guest's own page behind the room's QR label: no log-in, the token is the key.
        "complaints:guest_page": Expect(lambda p: f"/complaints/g/{rec.room(p).guest_token}/", public=True, anonymous=200),
        "complaints:guest_thanks": Expect(lambda p: f"/complaints/g/{rec.room(p).guest_token}/thanks/", public=True, anonymous=200),
    }
)

# ---- CRM: guests are people of the group (their profile opens from any property: other=200);
# stays, cases and imports stay property-scoped.
GUEST_EDITORS = frozenset({Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
TABLE.update(
    {
        "crm:guest_list": Expect(lambda p: "/crm/guests/", allow=CASE_READERS),
        "crm:guest_detail": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/", allow=CASE_READERS, other=200),
        "crm:guest_search": Expect(lambda p: "/crm/guests/search/?q=li", allow=CASE_READERS),
        "crm:guest_edit": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/edit/", allow=GUEST_EDITORS, other=200),
        "crm:guest_merge": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/merge/", allow={Role.ADMIN}, other=200),
        "crm:guest_export": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/export/", allow=MANAGEMENT, other=200),
        "crm:guest_anonymize": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/anonymize/", allow={Role.ADMIN}, other=200),
        "crm:stayimport_list": Expect(lambda p: "/crm/imports/", allow=MANAGEMENT),
        "crm:stayimport_create": Expect(lambda p: "/crm/imports/new/", allow=MANAGEMENT),
        "crm:stayimport_detail": Expect(lambda p: f"/crm/imports/{rec.stay_import(p).pk}/", allow=MANAGEMENT, other=404),
        "crm:stayimport_progress": Expect(lambda p: f"/crm/imports/{rec.stay_import(p).pk}/progress/", allow=MANAGEMENT, other=404),
    }
)

# crm engagement: follow-ups, loyalty, segments, surveys (the guest's survey page is public: the token is the key)
TABLE.update(
    {
        "crm:followup_list": Expect(lambda p: "/crm/follow-ups/", allow=REVISIT_CALLERS),
        "crm:followup_record": Expect(lambda p: f"/crm/follow-ups/{rec.followup(p).pk}/record/", allow=REVISIT_CALLERS, other=404, method="post", ok=POSTED),
        "crm:member_enrol": Expect(lambda p: f"/crm/guests/{rec.guest(p).pk}/enrol/", allow=REVISIT_CALLERS, other=302, method="post", ok=POSTED),
        "crm:member_detail": Expect(lambda p: f"/crm/members/{rec.loyalty_member(p).pk}/", allow=REVISIT_CALLERS, other=404),
        "crm:member_redeem": Expect(lambda p: f"/crm/members/{rec.loyalty_member(p).pk}/redeem/", allow=REVISIT_CALLERS, other=404, method="post", ok=POSTED),
        "crm:member_adjust": Expect(lambda p: f"/crm/members/{rec.loyalty_member(p).pk}/adjust/", allow=MANAGEMENT, other=404, method="post", ok=POSTED),
        "crm:segment_list": Expect(lambda p: "/crm/segments/", allow=MANAGEMENT),
        "crm:survey_list": Expect(lambda p: "/crm/surveys/", allow=REVISIT_READERS),
        "crm:survey_analysis": Expect(lambda p: "/crm/surveys/analysis/", allow=REVISIT_READERS),
        "crm:survey_detail": Expect(lambda p: f"/crm/surveys/{rec.survey(p).pk}/", allow=REVISIT_READERS, other=404),
        "crm:survey_public": Expect(lambda p: f"/crm/s/{rec.survey(p).token}/", public=True, anonymous=200),
        "crm:survey_thanks": Expect(lambda p: f"/crm/s/{rec.survey(p).token}/thanks/", public=True, anonymous=200),
    }
)

# ---- The REST API (api/) -------------------------------------------------------------------------
# The same permissions as the pages (here with the browser's session; tests/api/test_api_matrix.py
# walks the same routes with integration tokens). Anonymous callers get 401; a POST with an empty
# body gets 400 from those allowed to make it.
API_KPI_READERS = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN})
API_GUEST_WRITERS = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})  # crm.add_guest
TABLE.update(
    {
        "api:case_list": Expect(lambda p: "/api/v1/cases/", allow=CASE_READERS, anonymous=401),
        "api:case_detail": Expect(lambda p: f"/api/v1/cases/{rec.case(p).pk}/", allow=CASE_READERS, other=404, anonymous=401),
        "api:case_move": Expect(lambda p: f"/api/v1/cases/{rec.case(p).pk}/moves/", allow=CASE_LOGGERS, other=404, anonymous=401, method="post", ok=400),
        "api:case_note": Expect(lambda p: f"/api/v1/cases/{rec.case(p).pk}/notes/", allow=CASE_LOGGERS, other=404, anonymous=401, method="post", ok=400),
        "api:workorder_list": Expect(lambda p: "/api/v1/work-orders/", allow=FRONT_LINE, anonymous=401),
        "api:workorder_detail": Expect(lambda p: f"/api/v1/work-orders/{rec.work_order(p).pk}/", allow=FRONT_LINE, other=404, anonymous=401),
        "api:workorder_move": Expect(lambda p: f"/api/v1/work-orders/{rec.work_order(p).pk}/moves/", allow=FRONT_LINE, other=404, anonymous=401, method="post", ok=400),
        "api:inspection_list": Expect(lambda p: "/api/v1/inspections/", allow=FRONT_LINE, anonymous=401),
        "api:inspection_detail": Expect(lambda p: f"/api/v1/inspections/{rec.inspection(p).pk}/", allow=FRONT_LINE, other=404, anonymous=401),
        "api:inspection_move": Expect(lambda p: f"/api/v1/inspections/{rec.inspection(p).pk}/moves/", allow=FACILITY_WORKERS, other=404, anonymous=401, method="post", ok=400),
        "api:kpi_list": Expect(lambda p: "/api/v1/kpis/", allow=API_KPI_READERS, anonymous=401),
        "api:guest_upsert": Expect(lambda p: "/api/v1/guests/", allow=API_GUEST_WRITERS, anonymous=401, method="post", ok=400),
        "api:stay_upsert": Expect(lambda p: "/api/v1/stays/", allow=MANAGEMENT, anonymous=401, method="post", ok=400),
        "api:stay_batch": Expect(lambda p: "/api/v1/stays/batch/", allow=MANAGEMENT, anonymous=401, method="post", ok=400),
        "api:property_list": Expect(lambda p: "/api/v1/properties/", anonymous=401),
        "api:department_list": Expect(lambda p: "/api/v1/departments/", anonymous=401),
        "api:category_list": Expect(lambda p: "/api/v1/categories/", anonymous=401),
        "api:schema": Expect(lambda p: "/api/schema/", public=True, anonymous=200),
        "api:docs": Expect(lambda p: "/api/docs/", public=True, anonymous=200),
    }
)

# ---- Audits: monthly staff assessment and scorecard ---------------------------------------------
# Supervisors assess (their own department: the matrix's supervisor and the record's staff are both
# in the property's first department), managers approve, HR reads; a scorecard also for inspectors; "my assessments"
# for everyone (their own record only).
ASSESSORS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.ADMIN})
ASSESSMENT_READERS = ASSESSORS | {Role.TRAINER}
SCORECARD_READERS = ASSESSMENT_READERS | {Role.INSPECTOR}

TABLE.update(
    {
        "audits:assessment_list": Expect(lambda p: "/audits/assessments/", allow=ASSESSMENT_READERS),
        "audits:assessment_create": Expect(lambda p: "/audits/assessments/new/", allow=ASSESSORS),
        "audits:assessment_mine": Expect(lambda p: "/audits/assessments/mine/", allow=ALL),
        "audits:assessment_detail": Expect(lambda p: f"/audits/assessments/{rec.staff_assessment(p).pk}/", allow=ASSESSMENT_READERS, other=404),
        "audits:assessment_score": Expect(
            lambda p: f"/audits/assessments/{rec.staff_assessment(p).pk}/scores/", allow=ASSESSORS, other=404, method="post", ok=POSTED
        ),
        "audits:assessment_transition": Expect(
            lambda p: f"/audits/assessments/{rec.staff_assessment(p).pk}/move/", allow=ASSESSMENT_READERS, other=404, method="post", ok=POSTED
        ),
        "audits:assessment_consequence": Expect(
            lambda p: f"/audits/assessments/{rec.staff_assessment(p).pk}/consequences/", allow=ASSESSMENT_READERS, other=404, method="post", ok=POSTED
        ),
        "audits:scorecard_list": Expect(lambda p: "/audits/scorecards/", allow=SCORECARD_READERS),
        "audits:scorecard": Expect(lambda p: f"/audits/scorecards/{rec.assessed_staff(p).pk}/", allow=SCORECARD_READERS, other=404),
    }
)

# ---- Audits: plans, audits, mystery-guest link, corrective actions --------------------------------
AUDIT_READERS = frozenset({Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN})
AUDITORS = frozenset({Role.INSPECTOR, Role.ADMIN})
PLAN_READERS = frozenset({Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN})
ACTION_VERIFIERS = frozenset({Role.INSPECTOR, Role.MANAGER, Role.ADMIN})

TABLE.update(
    {
        "audits:plan_list": Expect(lambda p: "/audits/plans/", allow=PLAN_READERS),
        "audits:plan_create": Expect(lambda p: "/audits/plans/new/", allow=AUDITORS),
        "audits:plan_detail": Expect(lambda p: f"/audits/plans/{rec.audit_plan(p).pk}/", allow=PLAN_READERS, other=404),
        "audits:plan_update": Expect(lambda p: f"/audits/plans/{rec.audit_plan(p).pk}/edit/", allow=AUDITORS, other=404),
        "audits:plan_toggle": Expect(lambda p: f"/audits/plans/{rec.audit_plan(p).pk}/toggle/", allow=AUDITORS, other=404, method="post", ok=302),
        "audits:audit_list": Expect(lambda p: "/audits/", allow=AUDIT_READERS),
        "audits:audit_create": Expect(lambda p: "/audits/new/", allow=AUDITORS),
        "audits:audit_detail": Expect(lambda p: f"/audits/{rec.audit(p).pk}/", allow=AUDIT_READERS, other=404),
        "audits:audit_mystery_link": Expect(
            lambda p: f"/audits/{rec.mystery_audit(p).pk}/mystery-link/", allow=AUDITORS, other=404, method="post", ok=302
        ),
        "audits:answer_photo_file": Expect(lambda p: f"/audits/photos/{rec.audit_answer_photo(p).pk}/", allow=AUDIT_READERS, other=404),
        "audits:mystery_guest": Expect(lambda p: f"/audits/visit/{rec.mystery_link(p).token}/", public=True, anonymous=200),
        "audits:action_list": Expect(lambda p: "/audits/actions/", allow=AUDIT_READERS),
        "audits:action_detail": Expect(lambda p: f"/audits/actions/{rec.corrective_action(p).pk}/", allow=AUDIT_READERS, other=404),
        "audits:action_move": Expect(
            lambda p: f"/audits/actions/{rec.corrective_action(p).pk}/move/", allow=AUDIT_READERS, other=404, method="post", ok=POSTED
        ),
        "audits:action_reassign": Expect(
            lambda p: f"/audits/actions/{rec.corrective_action(p).pk}/owner/", allow=ACTION_VERIFIERS, other=404, method="post", ok=POSTED
        ),
        "audits:action_photo_file": Expect(lambda p: f"/audits/actions/photos/{rec.action_photo(p).pk}/", allow=AUDIT_READERS, other=404),
        "audits:finding_staff": Expect(
            lambda p: f"/audits/findings/{rec.corrective_action(p).finding_id}/people/", allow=AUDITORS, other=404, method="post", ok=302
        ),
    }
)


# ---- Training ----------------------------------------------------------------------------------
TRAINING_READERS = frozenset({Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN})
TRAINERS = frozenset({Role.TRAINER, Role.ADMIN})

TABLE.update(
    {
        "training:home": Expect(lambda p: "/training/", allow=TRAINING_READERS),
        "training:mine": Expect(lambda p: "/training/me/"),
        "training:staff_list": Expect(lambda p: "/training/staff/", allow=TRAINING_READERS),
        "training:staff_create": Expect(lambda p: "/training/staff/new/", allow=TRAINERS),
        "training:staff_detail": Expect(lambda p: f"/training/staff/{rec.staff_member(p).pk}/", allow=TRAINING_READERS, other=404),
        "training:staff_update": Expect(lambda p: f"/training/staff/{rec.staff_member(p).pk}/edit/", allow=TRAINERS, other=404),
        "training:staff_level": Expect(lambda p: f"/training/staff/{rec.staff_member(p).pk}/level/", allow=TRAINERS, other=404, method="post", ok=POSTED),
        "training:course_list": Expect(lambda p: "/training/courses/", allow=TRAINING_READERS),
        "training:course_create": Expect(lambda p: "/training/courses/new/", allow=TRAINERS),
        "training:course_detail": Expect(lambda p: f"/training/courses/{rec.course(p).pk}/", allow=TRAINING_READERS, other=404),
        "training:course_update": Expect(lambda p: f"/training/courses/{rec.course(p).pk}/edit/", allow=TRAINERS, other=404),
        "training:plan": Expect(lambda p: "/training/plan/", allow=TRAINING_READERS),
        "training:plan_add": Expect(lambda p: "/training/plan/add/", allow=TRAINERS, method="post", ok=POSTED),
        "training:planitem_update": Expect(lambda p: f"/training/plan/{rec.plan_item(p).pk}/edit/", allow=TRAINERS, other=404),
        "training:session_list": Expect(lambda p: "/training/sessions/", allow=TRAINING_READERS),
        "training:session_create": Expect(lambda p: "/training/sessions/new/", allow=TRAINERS),
        "training:session_update": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/edit/", allow=TRAINERS, other=404),
        "training:session_cancel": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/cancel/", allow=TRAINERS, other=404),
        "training:session_detail": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/", allow=TRAINING_READERS, other=404),
        "training:session_tap": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/tap/", allow=TRAINERS, other=404, method="post", ok=POSTED),
        "training:session_invite": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/invite/", allow=TRAINERS, other=404, method="post", ok=POSTED),
        "training:session_scores": Expect(lambda p: f"/training/sessions/{rec.training_session(p).pk}/scores/", allow=TRAINERS, other=404),
        # The QR code in the room: everyone checks themselves in (their own record), never at another property.
        "training:session_checkin": Expect(lambda p: f"/training/check-in/{rec.training_session(p).checkin_token}/", other=404),
        "training:proposal_list": Expect(lambda p: "/training/needs/", allow=TRAINING_READERS),
        "training:proposal_create": Expect(lambda p: "/training/needs/new/", allow=TRAINERS),
        "training:proposal_detail": Expect(lambda p: f"/training/needs/{rec.training_proposal(p).pk}/", allow=TRAINING_READERS, other=404),
        "training:proposal_decide": Expect(lambda p: f"/training/needs/{rec.training_proposal(p).pk}/accept/", allow=TRAINERS, other=404, method="post", ok=POSTED),
        "training:certification_list": Expect(lambda p: "/training/certificates/", allow=TRAINING_READERS),
        "training:certification_create": Expect(lambda p: "/training/certificates/new/", allow=TRAINERS),
    }
)

# ---- The Django admin ---------------------------------------------------------------------------
# Every model registered in the admin, keyed by its label, with who may open its list and record
# (`view`), add one, save changes to one, and delete one. A model missing here fails the test.
# Who: ADMIN_THERE = the admin role at the record's property; ADMIN_ANYWHERE = the admin role at
# some property; GROUP_ADMIN = superusers and group admins; SUPERUSER; NOBODY. Superusers and
# group admins count as admins everywhere.
ADMIN_THERE, ADMIN_ANYWHERE, GROUP_ADMIN, SUPERUSER, NOBODY_ADMIN = "admin there", "admin anywhere", "group admin", "superuser", "nobody"


@dataclass(frozen=True)
class AdminExpect:
    record: Callable  # (property) -> a record of that property
    view: str = ADMIN_THERE
    add: str = ADMIN_ANYWHERE
    change: str = ADMIN_THERE
    delete: str = ADMIN_THERE


def _read_only(record, view=ADMIN_THERE):
    return AdminExpect(record, view=view, add=NOBODY_ADMIN, change=NOBODY_ADMIN, delete=NOBODY_ADMIN)


def _group_wide(record):
    return AdminExpect(record, view=ADMIN_ANYWHERE, add=GROUP_ADMIN, change=GROUP_ADMIN, delete=GROUP_ADMIN)


def _superuser_only(record, add=SUPERUSER):
    return AdminExpect(record, view=SUPERUSER, add=add, change=SUPERUSER, delete=SUPERUSER)


ADMIN_TABLE = {
    "hotelqa.Property": AdminExpect(lambda p: p, add=GROUP_ADMIN, delete=GROUP_ADMIN),
    "hotelqa.Department": AdminExpect(_department),
    "hotelqa.User": AdminExpect(rec.admin_user),
    "hotelqa.KpiTarget": AdminExpect(rec.kpi_target),
    "hotelqa.StaffMember": AdminExpect(rec.staff_member),
    "hotelqa.KpiSnapshot": AdminExpect(rec.kpi_snapshot),
    "hotelqa.Notification": _read_only(rec.notification),
    "hotelqa.AuditEvent": _read_only(rec.audit_event),
    "hotelqa.JobRun": _read_only(rec.job_run, view=ADMIN_ANYWHERE),
    "complaints.SlaPolicy": AdminExpect(rec.sla_policy),
    "complaints.ServiceCalendar": AdminExpect(rec.service_calendar),
    "complaints.RecoveryLimit": AdminExpect(rec.recovery_limit),
    "complaints.ComplaintSettings": AdminExpect(rec.complaint_settings),
    "complaints.RoutingRule": AdminExpect(rec.routing_rule),
    "complaints.Case": _read_only(rec.case),
    "complaints.RecoveryAction": _read_only(rec.recovery),
    "complaints.Revisit": _read_only(rec.revisit),
    "hotelqa.Escalation": _read_only(rec.escalation),  # the deadline watch's rows (a case's here)
    # crm engagement: group-wide settings
    "crm.LoyaltyTier": _group_wide(rec.loyalty_tier),
    "crm.SurveyTemplate": _group_wide(rec.survey_template),
    "facilities.AssetCategory": AdminExpect(rec.category),
    "facilities.Location": AdminExpect(rec.location),
    "facilities.Asset": AdminExpect(rec.asset),
    "checklists.ChecklistTemplate": AdminExpect(rec.template),
    "facilities.InspectionSchedule": AdminExpect(rec.schedule),
    "facilities.Inspection": AdminExpect(rec.inspection, change=NOBODY_ADMIN),  # answered on the inspection page
    "facilities.WorkOrderSla": AdminExpect(rec.work_order_sla),
    "facilities.WorkOrder": AdminExpect(rec.work_order),
    "django_celery_beat.PeriodicTask": _group_wide(rec.periodic_task),
    "django_celery_beat.IntervalSchedule": _group_wide(rec.interval_schedule),
    "django_celery_beat.CrontabSchedule": _group_wide(rec.crontab_schedule),
    "django_celery_beat.SolarSchedule": _group_wide(rec.solar_schedule),
    "django_celery_beat.ClockedSchedule": _group_wide(rec.clocked_schedule),
    # CRM: guests and the preference list are the group's; merges and erasures are logs.
    "crm.Guest": _group_wide(rec.guest),
    "crm.PreferenceOption": _group_wide(rec.preference_option),
    "crm.GuestMerge": _read_only(rec.guest_merge, view=ADMIN_ANYWHERE),
    "crm.GuestErasure": _read_only(rec.guest_erasure, view=ADMIN_ANYWHERE),
    "crm.Stay": AdminExpect(rec.stay),
    "crm.Room": AdminExpect(rec.room),
    "crm.StayImportMapping": AdminExpect(rec.stay_import_mapping),
    "crm.StayImport": _read_only(rec.stay_import),
    # Permission groups are the roles, kept in step by code; log-in records belong to axes.
    "auth.Group": _superuser_only(rec.permission_group),
    "axes.AccessAttempt": _superuser_only(rec.access_attempt, add=NOBODY_ADMIN),
    "axes.AccessLog": _superuser_only(rec.access_log, add=NOBODY_ADMIN),
    "axes.AccessFailureLog": _superuser_only(rec.access_failure_log, add=NOBODY_ADMIN),
    # Audits: the assessment's weights are the property admin's; assessments are made on their pages.
    "audits.AssessmentCriterion": AdminExpect(rec.assessment_criterion),
    "audits.StaffAssessment": _read_only(rec.staff_assessment),
    # Plans are configured here; audits, findings, actions and links move through their pages only.
    "audits.AuditPlan": AdminExpect(rec.audit_plan),
    "audits.Audit": _read_only(rec.audit),
    "audits.Finding": _read_only(rec.finding),
    "audits.CorrectiveAction": _read_only(rec.corrective_action),
    "audits.MysteryGuestLink": _read_only(rec.mystery_link),
    # Training
    "training.Course": AdminExpect(rec.course),
    "training.PlanItem": AdminExpect(rec.plan_item),
    "training.Session": AdminExpect(rec.training_session),
    "training.Certification": AdminExpect(rec.certification),
    "training.Proposal": AdminExpect(rec.training_proposal),
    "training.Reminder": _read_only(rec.training_reminder),
    # The REST API: tokens are revoked, never deleted; deliveries are the system's record (replayed by an action).
    "api.ApiToken": AdminExpect(rec.api_token, delete=NOBODY_ADMIN),
    "api.WebhookSubscription": AdminExpect(rec.webhook_subscription),
    "api.WebhookDelivery": _read_only(rec.webhook_delivery),
}
