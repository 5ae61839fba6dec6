from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Facilities")

    ROLE_PERMISSIONS = {
        # Front desk reports defects (e.g. from a guest's call) and fills inspection checklists.
        "front_desk": [
            "facilities.view_asset", "facilities.view_location", "facilities.view_inspection",
            "facilities.add_inspection", "facilities.change_inspection",
            "facilities.view_workorder", "facilities.add_workorder",
        ],
        "staff": [
            "facilities.view_*", "facilities.add_inspection", "facilities.change_inspection",
            "facilities.add_workorder", "facilities.change_workorder",
        ],
        "supervisor": [
            "facilities.view_*", "facilities.add_inspection", "facilities.change_inspection",
            "facilities.add_workorder", "facilities.change_workorder",
            "facilities.assign_workorder", "facilities.verify_workorder",
        ],
        "inspector": [
            "facilities.view_*", "facilities.add_inspection", "facilities.change_inspection", "facilities.add_workorder",
        ],
        "manager": ["facilities.view_*"],
        "admin": ["facilities.*"],
    }

    def ready(self):
        from hotelqa.checklists.choices import TemplateKind
        from hotelqa.checklists.hooks import register_template_page
        from hotelqa.choices import Role
        from hotelqa.ui import nav_group, nav_item, panel

        from . import panels, services  # noqa: F401  (services receives the checklist engine's items_copied)
        from . import staff_metrics  # noqa: F401  (registers the person's monthly figures)

        for kind in TemplateKind:  # audits will register their own page for audit checklists
            register_template_page(kind, "facilities:template_detail")

        everyone_but_trainer = {Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}
        nav_group(key="facilities", label=_("Facilities"))
        nav_item(label=_("Inspections"), url_name="facilities:inspection_list", roles=everyone_but_trainer, order=20, group="facilities")
        nav_item(label=_("Work orders"), url_name="facilities:workorder_list", roles=everyone_but_trainer, order=21, group="facilities")
        nav_item(label=_("Assets"), url_name="facilities:asset_list", roles=everyone_but_trainer, order=22, group="facilities")
        nav_item(label=_("Checklists"), url_name="facilities:template_list", roles={Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR}, order=23, group="facilities")

        workers = {Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR}
        panel(place="landing", key="facilities.my_inspections", roles=workers, order=20,
              template="facilities/partials/panel_my_inspections.html", context=panels.my_inspections)
        panel(place="landing", key="facilities.my_work_orders", roles={Role.STAFF, Role.SUPERVISOR}, order=21,
              template="facilities/partials/panel_my_work_orders.html", context=panels.my_work_orders)
        panel(place="landing", key="facilities.overdue_work_orders", roles={Role.SUPERVISOR}, order=22,
              template="facilities/partials/panel_overdue_work_orders.html", context=panels.overdue_work_orders)
        dashboard_roles = {Role.MANAGER, Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR}
        panel(place="dashboard_today", key="facilities.today", roles=dashboard_roles, order=20,
              template="facilities/partials/panel_today.html", context=panels.dashboard_today)
        panel(place="dashboard", key="facilities.dashboard_overdue_work_orders", roles={Role.MANAGER, Role.ADMIN, Role.SUPERVISOR}, order=40,
              template="facilities/partials/panel_overdue_work_orders.html", context=panels.dashboard_overdue_work_orders)
        panel(place="record", key="facilities.record_work_orders", roles={Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN},
              order=10, template="facilities/partials/record_work_orders.html", context=panels.record_work_orders)
        panel(place="dashboard", key="facilities.open_defects", roles=dashboard_roles,
              order=41, template="facilities/partials/panel_open_defects.html", context=panels.open_defects)
