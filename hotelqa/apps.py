from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HotelqaConfig(AppConfig):
    name = "hotelqa"
    verbose_name = _("Organisation")

    ROLE_PERMISSIONS = {
        "front_desk": ["hotelqa.view_notification"],
        "staff": ["hotelqa.view_notification"],
        "supervisor": ["hotelqa.view_notification", "hotelqa.view_kpisnapshot", "hotelqa.view_department"],
        "inspector": ["hotelqa.view_notification", "hotelqa.view_kpisnapshot"],
        "trainer": ["hotelqa.view_notification", "hotelqa.view_department"],
        "manager": [
            "hotelqa.view_notification",
            "hotelqa.view_kpisnapshot",
            "hotelqa.view_kpitarget",
            "hotelqa.view_department",
            "hotelqa.view_property_downloads",
        ],
        "admin": ["hotelqa.*", "django_celery_beat.*"],
    }

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Apps declare their KPIs, periodic jobs and demo data in these modules.
        autodiscover_modules("kpis", "tasks", "reports")
        from . import audit, timestamp_loader

        audit.connect_lockout_signal()
        timestamp_loader.connect()
        from django.conf import settings
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
        self.register_navigation()
        # The admin app (first in INSTALLED_APPS) has registered every ModelAdmin by now.
        from .admin_scoping import scope_unscoped_admins

        scope_unscoped_admins()
        post_migrate.connect(_after_last_app_migrated, dispatch_uid="hotelqa_after_migrate")
        # The development server reloads an edited template in place: the kept menus go with it.
        from django.utils.autoreload import file_changed

        from .ui import _forget_menus

        file_changed.connect(_forget_menus, dispatch_uid="hotelqa_forget_menus")
        self.connect_role_permission_changes()

    @staticmethod
    def connect_role_permission_changes():
        """The kept role permissions (hotelqa.permissions) go when a group's permissions, a group
        or a permission change."""
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .permissions import drop_kept_role_permissions

        m2m_changed.connect(drop_kept_role_permissions, sender=Group.permissions.through, dispatch_uid="hotelqa_role_perms_m2m")
        for model in (Group, Permission):
            for event, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(drop_kept_role_permissions, sender=model, dispatch_uid=f"hotelqa_role_perms_{model.__name__}_{event}")

    def register_navigation(self):
        from .choices import Role
        from .ui import SETTINGS, nav_item

        work_roles = {Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.TRAINER}
        nav_item(label=_("My work"), url_name="home", roles=work_roles, order=0)
        nav_item(
            label=_("Dashboard"),
            url_name="dashboard",
            roles={Role.MANAGER, Role.ADMIN, Role.SUPERVISOR, Role.INSPECTOR},
            order=1,
        )
        nav_item(
            label=_("Departments"),
            url_name="department_list",
            roles={Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN},
            order=800,
            group=SETTINGS,
        )
        nav_item(label=_("KPI targets"), url_name="kpi_target_list", roles={Role.ADMIN}, order=900, group=SETTINGS)
        nav_item(label=_("Jobs"), url_name="job_list", roles={Role.ADMIN}, order=910, group=SETTINGS)
        nav_item(label=_("Audit trail"), url_name="audit_list", roles={Role.ADMIN}, order=920, group=SETTINGS)


def _after_last_app_migrated(sender, **kwargs):
    """Runs once per migrate, after every app's permissions exist."""
    from django.apps import apps

    from . import jobs, permissions

    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if sender.label != with_models[-1].label:
        return
    permissions.sync_role_permissions()
    jobs.ensure_periodic_tasks()
