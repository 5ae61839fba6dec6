from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REQUEST = "request", _("Service request")
    INCIDENT = "incident", _("Incident / service failure")


class CaseStatus(models.TextChoices):
    # Complaint: the six steps of the handbook (000 §8.2, 001).
    RECEIVED = "received", _("Received")
    RECORDED = "recorded", _("Recorded")
    CLASSIFIED = "classified", _("Classified")
    INVESTIGATED = "investigated", _("Investigated")
    SOLUTION = "solution", _("Solution agreed")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    # Service request: the butler's task flow (001).
    ASSIGNED = "assigned", _("Assigned")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", pgettext_lazy("case status", "In progress")
    DONE = "done", _("Done")
    CONFIRMED = "confirmed", _("Guest confirmed")
    # Incident.
    REPORTED = "reported", _("Reported")
    CONTAINED = "contained", _("Contained")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Front desk in person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    ONLINE = "online", _("Online / OTA review")
    SOCIAL = "social", _("Social media")
    SURVEY = "survey", _("Survey")
    QR = "qr", _("Room QR code")
    STAFF = "staff", _("Staff observation")


class Grade(models.TextChoices):
    GENERAL = "general", _("General")
    MAJOR = "major", _("Major")
    URGENT = "urgent", _("Urgent")


class Category(models.TextChoices):
    ROOM = "room", _("Room & facilities")
    CLEANLINESS = "cleanliness", _("Cleanliness")
    ATTITUDE = "attitude", _("Staff attitude")
    SPEED = "speed", _("Service speed / waiting")
    FOOD = "food", pgettext_lazy("complaint category", "Food & beverage")
    NOISE = "noise", _("Noise")
    BILLING = "billing", _("Billing & price")
    INFORMATION = "information", _("Information & communication")
    SAFETY = "safety", _("Safety & security")
    LOST = "lost", _("Lost property")
    AMENITIES = "amenities", _("Amenities & supplies")
    WAKE_UP = "wake_up", _("Wake-up call")
    OTHER = "other", _("Other")


class RootCause(models.TextChoices):
    STAFF = "staff", _("Staff error")
    PROCESS = "process", _("Process or system defect")
    EQUIPMENT = "equipment", _("Equipment or facility failure")
    GUEST = "guest", _("Guest factor")
    EXTERNAL = "external", _("External")


class Closer(models.TextChoices):
    """Who may close a complaint with the guest's feedback (ComplaintSettings.closing_roles)."""

    FRONT_DESK = "front_desk", _("Front desk")
    GUEST_RELATIONS = "guest_relations", _("Front-office staff (guest relations)")
    SUPERVISOR = "supervisor", _("Supervisors")
    MANAGER = "manager", _("Managers")
    STAFF = "staff", _("Department staff (who did the work)")
    ADMIN = "admin", _("Admins")


DEFAULT_CLOSERS = "front_desk,guest_relations,supervisor,manager"


class DeadlineKind(models.TextChoices):
    RESPONSE = "response", _("First response")
    RESOLUTION = "resolution", _("Resolution")


class EscalationLevel(models.IntegerChoices):
    WARNING = 0, _("Warning before deadline")
    ASSIGNEE = 1, _("Overdue: assignee")
    SUPERVISOR = 2, _("Escalated to supervisor")
    MANAGER = 3, _("Escalated to manager")


class RecoveryKind(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    DISCOUNT = "discount", _("Discount")
    REFUND = "refund", _("Refund")
    ROOM_CHANGE = "room_change", _("Room change / upgrade")
    GIFT = "gift", _("Amenity / gift")
    POINTS = "points", _("Loyalty points")


class ApprovalStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Within limit")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RevisitOutcome(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neutral")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")
    UNREACHABLE = "unreachable", _("Could not reach the guest")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    TRANSITION = "transition", _("Status change")
    CHANGE = "change", pgettext_lazy("case event", "Change")
    ESCALATION = "escalation", _("Escalation")
    RECOVERY = "recovery", _("Service recovery")
    REVISIT = "revisit", _("Revisit")
    NOTE = "note", _("Note")
