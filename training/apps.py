from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _, pgettext_lazy

OWN = "training.view_own_training"
STAFF_READ = "hotelqa.view_staffmember"


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    # Everyone sees their own training record; trainers (HR) run training and keep the staff
    # records; supervisors and managers read them; admins do everything.
    ROLE_PERMISSIONS = {
        "front_desk": [OWN],
        "staff": [OWN],
        "inspector": [OWN],
        "supervisor": [OWN, STAFF_READ, "training.view_*"],
        "trainer": [OWN, "training.*", STAFF_READ, "hotelqa.add_staffmember", "hotelqa.change_staffmember", "hotelqa.view_careerlevelchange"],
        "manager": [OWN, STAFF_READ, "training.view_*"],
        "admin": ["training.*"],
    }

    def ready(self):
        from hotelqa.choices import Role
        from hotelqa.ui import nav_group, nav_item, panel

        from . import panels, signals  # noqa: F401  (signals: training needs from cases)
        from . import staff_metrics  # noqa: F401  (registers the person's monthly figures)

        readers = {Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN}
        nav_group(key="training", label=_("Training"))
        nav_item(label=_("Training today"), url_name="training:home", roles={Role.TRAINER}, order=30, group="training")
        nav_item(label=_("Staff"), url_name="training:staff_list", roles=readers, order=31, group="training")
        nav_item(label=_("Annual plan"), url_name="training:plan", roles=readers, order=32, group="training")
        nav_item(label=pgettext_lazy("training", "Sessions"), url_name="training:session_list", roles=readers, order=33, group="training")
        nav_item(label=_("Courses"), url_name="training:course_list", roles=readers, order=34, group="training")
        nav_item(label=_("Training needs"), url_name="training:proposal_list", roles=readers, order=35, group="training")
        nav_item(label=_("Certificates"), url_name="training:certification_list", roles=readers, order=36, group="training")
        nav_item(label=_("My training"), url_name="training:mine", roles={Role.FRONT_DESK, Role.STAFF, Role.INSPECTOR, Role.SUPERVISOR}, order=37, group="training")

        panel(place="landing", key="training.trainer_today", roles={Role.TRAINER}, order=5, width="col-12",
              template="training/partials/panel_trainer.html", context=panels.trainer_today)
        panel(place="landing", key="training.my_training", roles={Role.FRONT_DESK, Role.STAFF, Role.INSPECTOR, Role.SUPERVISOR}, order=60,
              template="training/partials/panel_mine.html", context=panels.my_training)
        panel(place="dashboard", key="training.tiles", roles={Role.MANAGER, Role.ADMIN, Role.SUPERVISOR}, order=60,
              template="training/partials/panel_dashboard.html", context=panels.dashboard_tiles)
        panel(place="record", key="training.retraining", roles={Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.INSPECTOR, Role.TRAINER, Role.MANAGER, Role.ADMIN},
              order=20, template="training/partials/record_retraining.html", context=panels.record_retraining)
