"""Satisfaction surveys 满意度调查 (000 §4.3, 003 §4.1): templates with dimensions, surveys sent
as a tokenized link after a stay or a closed complaint, answered once, 1–5 per dimension and NPS."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import Department, PropertyScopedModel


class Dimension(models.TextChoices):
    OVERALL = "overall", _("Overall satisfaction")
    STAFF = "staff", _("Staff attitude")
    EFFICIENCY = "efficiency", _("Efficiency")
    QUALITY = "quality", _("Cleanliness and quality")
    VALUE = "value", _("Value for money")
    PERSONAL = "personal", _("Personalization")


class SurveySource(models.TextChoices):
    STAY = "stay", _("After a stay")
    COMPLAINT = "complaint", _("After a closed complaint")


def new_survey_token():
    return secrets.token_urlsafe(24)


class SurveyTemplate(models.Model):
    """Group-wide questionnaire: which dimensions it asks, in both languages' wording of the intro."""

    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    intro_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    source = models.CharField(_("sent"), max_length=20, choices=SurveySource.choices, unique=True)
    dimensions = models.JSONField(_("dimensions"), default=list)
    ask_nps = models.BooleanField(_("ask how likely the guest is to recommend us (0–10)"), default=True)
    low_score = models.PositiveSmallIntegerField(
        _("open a complaint at or below"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("An overall or dimension score at or below this opens a complaint case."),
    )
    valid_days = models.PositiveSmallIntegerField(_("link valid for (days)"), default=30)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["source"]
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")

    def __str__(self):
        from hotelqa.i18n import localized

        return localized(self, "name")

    def clean(self):
        unknown = [d for d in self.dimensions or [] if d not in Dimension.values]
        if unknown or not self.dimensions:
            raise ValidationError({"dimensions": _("Choose dimensions among: %(list)s.") % {"list": ", ".join(Dimension.values)}})
        if Dimension.OVERALL not in self.dimensions:
            raise ValidationError({"dimensions": _("Every survey asks the overall satisfaction.")})


class Survey(PropertyScopedModel):
    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("template"))
    guest = models.ForeignKey("crm.Guest", on_delete=models.CASCADE, related_name="surveys", verbose_name=_("guest"))
    source = models.CharField(_("sent"), max_length=20, choices=SurveySource.choices)
    stay = models.ForeignKey("crm.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="surveys", verbose_name=_("stay"))
    case_id_ref = models.PositiveIntegerField(null=True, blank=True, editable=False)  # complaints.Case id (crm does not import complaints)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department"))
    token = models.CharField(max_length=40, unique=True, default=new_survey_token, editable=False)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    overall = models.PositiveSmallIntegerField(_("overall"), null=True, blank=True)
    nps = models.PositiveSmallIntegerField(_("likely to recommend (0–10)"), null=True, blank=True)
    segment = models.CharField(_("segment when answered"), max_length=10, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    low_score_case = models.CharField(_("complaint opened"), max_length=30, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["stay"], condition=Q(source="stay"), name="crm_survey_once_per_stay"),
            models.UniqueConstraint(fields=["case_id_ref"], condition=Q(source="complaint"), name="crm_survey_once_per_case"),
            models.CheckConstraint(condition=Q(nps__isnull=True) | Q(nps__lte=10), name="crm_survey_nps_0_10"),
            models.CheckConstraint(condition=Q(overall__isnull=True) | Q(overall__gte=1, overall__lte=5), name="crm_survey_overall_1_5"),
        ]
        indexes = [
            models.Index(fields=["property", "sent_at"], name="crm_survey_sent"),
            models.Index(fields=["property", "answered_at"], name="crm_survey_answered"),
        ]

    def __str__(self):
        return f"{self.guest} · {timezone.localtime(self.sent_at):%Y-%m-%d}"

    @property
    def is_answered(self):
        return self.answered_at is not None


class SurveyAnswer(models.Model):
    """One dimension's score; property, department, segment and moment copied from the survey so
    the analysis groups one table."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    property = models.ForeignKey("hotelqa.Property", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    segment = models.CharField(max_length=10, blank=True)
    answered_at = models.DateTimeField()
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["survey", "dimension"], name="crm_answer_once_per_dimension"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="crm_answer_score_1_5"),
        ]
        indexes = [models.Index(fields=["property", "answered_at", "dimension"], name="crm_answer_analysis")]
