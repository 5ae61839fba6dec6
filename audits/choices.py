from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class Rating(models.TextChoices):
    """The rating bands of a monthly assessment, by total score (0–100)."""

    EXCELLENT = "excellent", _("Excellent (优秀)")
    GOOD = "good", _("Good (良好)")
    SATISFACTORY = "satisfactory", _("Satisfactory (合格)")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement (待改进)")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory (不合格)")


# Lowest total of each band, best first.
RATING_FLOORS = [
    (Decimal(90), Rating.EXCELLENT),
    (Decimal(80), Rating.GOOD),
    (Decimal(70), Rating.SATISFACTORY),
    (Decimal(60), Rating.NEEDS_IMPROVEMENT),
    (Decimal(0), Rating.UNSATISFACTORY),
]


def rating_for(total):
    if total is None:
        return ""
    for floor, rating in RATING_FLOORS:
        if total >= floor:
            return rating
    return Rating.UNSATISFACTORY


class ScoreSource(models.TextChoices):
    DATA = "data", _("From the system's records")
    SUPERVISOR = "supervisor", _("Scored by the supervisor")


class ConsequenceKind(models.TextChoices):
    """Rewards and sanctions of the manual's 激励措施 (001)."""

    COMMENDATION = "commendation", _("Commendation (表彰)")
    BONUS = "bonus", _("Bonus (奖金)")
    CERTIFICATE = "certificate", _("Certificate of honour (荣誉证书)")
    PROMOTION = "promotion", _("Recommended for promotion or training (优先推荐)")
    WARNING = "warning", _("Warning (警告)")
    DEDUCTION = "deduction", _("Performance pay deducted (扣罚绩效奖金)")
    TRANSFER = "transfer", _("Transfer to another post (调岗)")

    @classmethod
    def with_amount(cls):
        return [cls.BONUS, cls.DEDUCTION]

    @classmethod
    def sanctions(cls):
        return [cls.WARNING, cls.DEDUCTION, cls.TRANSFER]
