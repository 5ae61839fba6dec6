"""What the staff assessment adds to the audits app's configuration: role permissions, menu
entries and panels (called from AuditsConfig)."""

from django.utils.translation import gettext_lazy as _

ASSESSMENT = ["audits.view_staffassessment", "audits.add_staffassessment", "audits.change_staffassessment",
              "audits.submit_staffassessment", "audits.view_staffscorecard", "audits.view_assessmentcriterion"]

ROLE_PERMISSIONS = {
    # Supervisors assess their own department's staff (narrowed in the selectors and services).
    "supervisor": ASSESSMENT,
    "manager": ASSESSMENT + ["audits.approve_staffassessment"],
    # HR reads the assessments and scorecards of the property; inspectors read scorecards.
    "trainer": ["audits.view_staffassessment", "audits.view_staffscorecard", "audits.view_assessmentcriterion"],
    "inspector": ["audits.view_staffscorecard"],
    "admin": ASSESSMENT + ["audits.approve_staffassessment", "audits.change_assessmentcriterion", "audits.add_assessmentcriterion",
              "audits.delete_assessmentcriterion"],
}


def ready():
    from hotelqa.choices import Role
    from hotelqa.ui import nav_group, nav_item, panel

    from . import assessment_kpis, assessment_panels, staff_metrics  # noqa: F401  (registers the KPIs and the person's monthly figures)

    nav_group(key="staff", label=_("Staff"))
    nav_item(label=_("Staff assessments"), url_name="audits:assessment_list",
             roles={Role.SUPERVISOR, Role.MANAGER, Role.TRAINER, Role.ADMIN}, order=60, group="staff")
    nav_item(label=_("Staff scorecards"), url_name="audits:scorecard_list",
             roles={Role.SUPERVISOR, Role.MANAGER, Role.TRAINER, Role.INSPECTOR, Role.ADMIN}, order=61, group="staff")
    nav_item(label=_("My assessments"), url_name="audits:assessment_mine", roles={Role.STAFF, Role.FRONT_DESK}, order=62, group="staff")
    panel(place="staff", key="audits.assessments", roles=set(Role.values), order=50, width="col-12",
          template="audits/partials/panel_staff_assessments.html", context=assessment_panels.staff_assessments)
    panel(place="dashboard", key="audits.assessment_distribution", roles={Role.MANAGER, Role.ADMIN, Role.TRAINER}, order=60,
          template="audits/partials/panel_assessment_distribution.html", context=assessment_panels.distribution)
    panel(place="landing", key="audits.assessments_waiting", roles={Role.MANAGER}, order=60,
          template="audits/partials/panel_assessments_waiting.html", context=assessment_panels.waiting_for_approval)
