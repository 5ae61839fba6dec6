from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AreaType(models.TextChoices):
    LOBBY = "lobby", _("Lobby")
    GUEST_ROOM = "guest_room", _("Guest room")
    CORRIDOR = "corridor", _("Corridor")
    FOOD_BEVERAGE = "food_beverage", _("F&B outlet")
    KITCHEN = "kitchen", _("Kitchen")
    BACK_OF_HOUSE = "back_of_house", _("Back of house")
    OUTDOOR = "outdoor", _("Outdoor")


class AssetStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    UNDER_REPAIR = "under_repair", _("Under repair")
    RETIRED = "retired", _("Retired")


class ScopeKind(models.TextChoices):
    CATEGORY = "category", _("Every asset of a category")
    LOCATIONS = "locations", _("Rooms and areas")
    ASSETS = "assets", _("Named assets")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly on chosen days")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    RRULE = "rrule", _("Custom rule (RRULE)")


WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class InspectionStatus(models.TextChoices):
    DUE = "due", pgettext_lazy("inspection status", "Due")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    OVERDUE = "overdue", _("Overdue")

    @classmethod
    def open_values(cls):
        return [cls.DUE, cls.IN_PROGRESS, cls.OVERDUE]


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


# Hours to repair and hours of warning before the due time, used until a property sets its own.
DEFAULT_SLA_HOURS = {
    Priority.URGENT: (4, 1),
    Priority.HIGH: (24, 4),
    Priority.NORMAL: (72, 12),
    Priority.LOW: (168, 24),
}


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", pgettext_lazy("work order status", "Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")
    REOPENED = "reopened", pgettext_lazy("work order status", "Reopened")

    @classmethod
    def open_values(cls):
        return [cls.OPEN, cls.ASSIGNED, cls.IN_PROGRESS, cls.REOPENED]


class WorkOrderSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    REPORT = "report", _("Reported defect")
    COMPLAINT = "complaint", _("Guest complaint")


class EscalationLevel(models.IntegerChoices):
    """The steps of a work order's deadline in the deadline watch (`hotelqa.watch`)."""

    WARNING = 0, _("Due-soon warning")
    ESCALATION = 1, _("Overdue escalation")
