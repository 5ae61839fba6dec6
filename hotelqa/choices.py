from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", _("Front desk")
    STAFF = "staff", _("Department staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    INSPECTOR = "inspector", _("Quality inspector")
    TRAINER = "trainer", _("Trainer / HR")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Admin")


class DepartmentKind(models.TextChoices):
    FRONT_OFFICE = "front_office", _("Front office")
    HOUSEKEEPING = "housekeeping", _("Housekeeping")
    ENGINEERING = "engineering", _("Engineering")
    FOOD_BEVERAGE = "food_beverage", _("Food & beverage")
    SECURITY = "security", _("Security")
    QUALITY = "quality", _("Quality")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    OTHER = "other", _("Other")


class KpiDirection(models.TextChoices):
    HIGHER_IS_BETTER = "up", _("Higher is better")
    LOWER_IS_BETTER = "down", _("Lower is better")


class JobRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", pgettext_lazy("run status", "Failed")


class DownloadStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", pgettext_lazy("run status", "Failed")
