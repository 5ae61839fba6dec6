from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    ROLE_PERMISSIONS = {
        "front_desk": [
            "complaints.add_case", "complaints.view_case", "complaints.change_case",
            "complaints.add_recoveryaction", "complaints.view_recoveryaction",
            "complaints.view_revisit", "complaints.change_revisit",
        ],
        "staff": [
            "complaints.add_case", "complaints.view_case", "complaints.change_case", "complaints.work_case",
            "complaints.add_recoveryaction", "complaints.view_recoveryaction",
        ],
        "supervisor": [
            "complaints.add_case", "complaints.view_case", "complaints.change_case", "complaints.assign_case", "complaints.work_case",
            "complaints.add_recoveryaction", "complaints.view_recoveryaction", "complaints.approve_recoveryaction",
            "complaints.view_revisit", "complaints.change_revisit",
        ],
        "inspector": ["complaints.view_case", "complaints.view_recoveryaction", "complaints.view_revisit"],
        "manager": [
            "complaints.add_case", "complaints.view_case", "complaints.change_case", "complaints.assign_case", "complaints.work_case",
            "complaints.add_recoveryaction", "complaints.view_recoveryaction", "complaints.approve_recoveryaction",
            "complaints.view_revisit", "complaints.change_revisit",
        ],
        "admin": ["complaints.*"],
    }

    def ready(self):
        from hotelqa.choices import Role
        from hotelqa.ui import SETTINGS, nav_group, nav_item, panel

        from . import crm_hooks, panels
        from . import staff_metrics  # noqa: F401  (registers the person's monthly figures)

        crm_hooks.register()

        nav_item(label=_("Log a case"), url_name="complaints:case_create", roles={Role.FRONT_DESK}, order=10)
        nav_group(key="cases", label=_("Cases"))
        nav_item(label=_("My queue"), url_name="complaints:case_mine", roles={Role.STAFF, Role.SUPERVISOR}, order=11, group="cases")
        nav_item(label=_("Department queue"), url_name="complaints:case_department", roles={Role.STAFF, Role.SUPERVISOR}, order=12, group="cases")
        nav_item(label=_("All cases"), url_name="complaints:case_list", roles={Role.FRONT_DESK, Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}, order=13, group="cases")
        nav_item(label=_("Revisits"), url_name="complaints:revisit_list", roles={Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER}, order=14, group="cases")
        nav_item(label=_("Routing rules"), url_name="complaints:routingrule_list", roles={Role.ADMIN}, order=810, group=SETTINGS)
        nav_item(label=_("Guest QR labels"), url_name="complaints:room_labels", roles={Role.ADMIN}, order=800, group=SETTINGS)

        panel(place="landing", key="complaints.front_desk", roles={Role.FRONT_DESK}, order=10, width="col-12",
              template="complaints/partials/panel_front_desk.html", context=panels.front_desk_context)
        panel(place="landing", key="complaints.my_queue", roles={Role.STAFF, Role.SUPERVISOR}, order=10,
              template="complaints/partials/panel_my_queue.html", context=panels.my_queue_context)
        panel(place="landing", key="complaints.department_queue", roles={Role.SUPERVISOR}, order=11,
              template="complaints/partials/panel_department_queue.html", context=panels.department_queue_context)
        panel(place="dashboard", key="complaints.pareto", roles={Role.MANAGER, Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR}, order=20,
              template="complaints/partials/panel_pareto.html", context=panels.pareto_context)
        panel(place="record", key="complaints.guest_cases", roles=set(Role), order=20, width="col-12",
              template="complaints/partials/record_guest_cases.html", context=panels.guest_cases)
        panel(place="dashboard_today", key="complaints.today", roles={Role.MANAGER, Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR}, order=10,
              template="complaints/partials/panel_today.html", context=panels.today_context)
