"""Menu entries, panels and checklist pages of audits and corrective actions (called from
AuditsConfig.ready)."""

from django.utils.translation import gettext_lazy as _


def audits_ready():
    from hotelqa.checklists.choices import TemplateKind
    from hotelqa.checklists.hooks import register_template_page
    from hotelqa.choices import Role
    from hotelqa.ui import nav_group, nav_item, panel

    from . import panels

    # Audit checklists are built on the checklist engine's pages (facilities' editor handles both kinds).
    register_template_page(TemplateKind.AUDIT, "facilities:template_detail")

    readers = {Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}
    nav_group(key="audits", label=_("Audits"))
    nav_item(label=_("Audits"), url_name="audits:audit_list", roles=readers, order=30, group="audits")
    nav_item(label=_("Corrective actions"), url_name="audits:action_list", roles=readers, order=31, group="audits")
    nav_item(label=_("Audit plans"), url_name="audits:plan_list", roles={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN},
             order=32, group="audits")

    panel(place="landing", key="audits.inspector_due", roles={Role.INSPECTOR}, order=15,
          template="audits/partials/panel_inspector.html", context=panels.inspector_landing)
    panel(place="landing", key="audits.my_actions", roles={Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.MANAGER}, order=16,
          template="audits/partials/panel_my_actions.html", context=panels.my_actions)
    dashboard_roles = {Role.MANAGER, Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR}
    panel(place="dashboard", key="audits.audit_score", roles=dashboard_roles, order=45,
          template="audits/partials/panel_audit_score.html", context=panels.dashboard_audit_score)
    panel(place="dashboard", key="audits.open_actions", roles=dashboard_roles, order=46,
          template="audits/partials/panel_open_actions.html", context=panels.dashboard_open_actions)
