from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "hotelqa.checklists"
    label = "checklists"
    verbose_name = _("Checklists")

    # The roles that read facilities' records read checklists too; admins build them.
    ROLE_PERMISSIONS = {
        "staff": ["checklists.view_*"],
        "supervisor": ["checklists.view_*"],
        "inspector": ["checklists.view_*"],
        "manager": ["checklists.view_*"],
        "admin": ["checklists.*"],
    }
