from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CourseCategory(models.TextChoices):
    """The manuals' training categories (000 ch.3, SPEC §5)."""

    ETIQUETTE = "etiquette", _("Service etiquette")
    SKILLS = "skills", _("Professional skills")
    TEAMWORK = "teamwork", _("Teamwork and communication")
    SAFETY = "safety", _("Safety and emergency drills")
    PRIVACY = "privacy", _("Information security and privacy")
    COMPLAINTS = "complaints", _("Complaint handling")


class CourseFormat(models.TextChoices):
    INTERNAL = "internal", pgettext_lazy("course", "Internal")
    EXTERNAL = "external", _("External")
    ONLINE = "online", _("Online")
    CASE_STUDY = "case_study", _("Case study")
    DRILL = "drill", _("Drill")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanSource(models.TextChoices):
    PLAN = "plan", _("Annual plan")
    RETAKE = "retake", _("Retake after a failed assessment")
    PROPOSAL = "proposal", _("Training need")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class CheckIn(models.TextChoices):
    TAP = "tap", _("Marked by the trainer")
    QR = "qr", _("Scanned the session's QR code")


class ProposalSource(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint with a staff error")
    INSPECTION = "inspection", _("Failed inspection item")
    TREND = "trend", _("Complaints above the department's baseline")
    AUDIT = "audit", _("Audit finding")
    MANUAL = "manual", _("Entered by hand")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("To review")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class ReminderKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate expiring")
    OVERDUE = "overdue", _("Plan item overdue")
    ROTATION = "rotation", _("Rotation training due")
    PRE_JOB = "pre_job", _("Pre-job training incomplete")
