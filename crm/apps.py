from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


# Engagement (loyalty, follow-ups, surveys): the desk works follow-ups, enrols members, redeems
# points and prints survey links; managers also adjust points and read the segment lists.
ENGAGE_DESK = [
    "crm.view_followup", "crm.change_followup", "crm.view_loyaltymember", "crm.add_loyaltymember", "crm.add_pointsentry", "crm.view_survey",
]
ENGAGE_MANAGER = [*ENGAGE_DESK, "crm.adjust_points", "crm.view_guestsegment"]


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Guests & CRM")

    # Guests are group-wide: these permissions, at the active property, decide what a role sees
    # and does with any guest of the group (stays follow the role at the stay's property).
    ROLE_PERMISSIONS = {
        "front_desk": ["crm.view_guest", "crm.view_guest_contact", "crm.view_guest_sensitive", "crm.add_guest", "crm.change_guest",
                       "crm.view_stay", "crm.view_room", *ENGAGE_DESK],
        "staff": ["crm.view_guest", "crm.add_guest", "crm.view_room"],
        "supervisor": ["crm.view_guest", "crm.view_guest_contact", "crm.add_guest", "crm.change_guest", "crm.view_stay", "crm.view_room", *ENGAGE_DESK],
        "inspector": ["crm.view_guest", "crm.view_room", "crm.view_survey"],
        "manager": ["crm.view_guest", "crm.view_guest_contact", "crm.add_guest", "crm.change_guest", "crm.view_stay", "crm.view_room",
                    "crm.import_stays", "crm.view_stayimport", "crm.export_guest_data", *ENGAGE_MANAGER],
        "admin": ["crm.*"],
    }

    def ready(self):
        from hotelqa.choices import Role
        from hotelqa.ui import nav_group, nav_item

        nav_item(label=_("Guests"), url_name="crm:guest_list", roles={Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN}, order=40, group="guests")
        nav_group(key="guests", label=_("Guests"))
        desk = {Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN}
        nav_item(label=_("Follow-ups"), url_name="crm:followup_list", roles=desk, order=41, group="guests")
        nav_item(label=_("Surveys"), url_name="crm:survey_list", roles=desk | {Role.INSPECTOR}, order=42, group="guests")
        nav_item(label=_("Survey analysis"), url_name="crm:survey_analysis", roles={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}, order=43, group="guests")
        nav_item(label=_("Guest segments"), url_name="crm:segment_list", roles={Role.MANAGER, Role.ADMIN}, order=44, group="guests")
        nav_item(label=_("Stay imports"), url_name="crm:stayimport_list", roles={Role.MANAGER, Role.ADMIN}, order=45, group="guests")
