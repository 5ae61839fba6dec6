from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    INSPECTION = "inspection", _("Facility inspection")
    AUDIT = "audit", _("Quality audit")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Superseded")


class AnswerType(models.TextChoices):
    PASS_FAIL = "pass_fail", _("Pass / fail")
    SCORE = "score", _("Score 1–5")
    NUMBER = "number", _("Number (min/max)")
    TEXT = "text", _("Text")
    PHOTO = "photo", _("Photo required")


# A 1–5 score below this fails the item.
SCORE_PASS_MIN = 3
