from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Guests & CRM")

    ROLE_PERMISSIONS = {
        "front_desk": ["crm.view_guest", "crm.view_guest_contact", "crm.add_guest", "crm.view_stay", "crm.view_room"],
        "staff": ["crm.view_guest", "crm.add_guest", "crm.view_room"],
        "supervisor": ["crm.view_guest", "crm.view_guest_contact", "crm.add_guest", "crm.view_stay", "crm.view_room"],
        "inspector": ["crm.view_guest", "crm.view_room"],
        "manager": ["crm.view_guest", "crm.view_guest_contact", "crm.add_guest", "crm.view_stay", "crm.view_room"],
        "admin": ["crm.*"],
    }

    def ready(self):
        from hotelqa.choices import Role
        from hotelqa.ui import nav_item

        nav_item(label=_("Guests"), url_name="crm:guest_list", roles={Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN}, order=40)
