"""Monthly staff assessment 绩效考核 (001 考核与激励): per staff member and month, weighted
criteria, each filled from the system's records (hotelqa.staff_metrics) where it has them and
scored by the supervisor where not; a total and its rating band; rewards and sanctions; the
supervisor's draft goes to the manager for approval."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import PropertyScopedModel, StaffMember
from hotelqa.workflow import StatusHistory, VersionedModel

from ..choices import AssessmentStatus, ConsequenceKind, Rating, ScoreSource


class AssessmentCriterion(PropertyScopedModel):
    """One criterion of the property's monthly assessment, with its weight (the weights are
    relative: a total is Σ weight × score ÷ Σ weight). `metrics` lists the staff metrics whose
    scores fill it; empty: the supervisor scores it."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    description = models.TextField(_("what is assessed"), blank=True)
    description_zh = models.TextField(_("what is assessed (Chinese)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    metrics = models.JSONField(_("filled from"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["property", "order", "id"]
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="audits_criterion_unique_code")]

    def __str__(self):
        from hotelqa.i18n import localized

        return localized(self, "name")

    def clean(self):
        from hotelqa import staff_metrics

        known = {m.code for m in staff_metrics.scoring_metrics()}
        if not isinstance(self.metrics, list) or any(code not in known for code in self.metrics):
            raise ValidationError({"metrics": _("Choose among the staff metrics that give a score: %(codes)s.") % {"codes": ", ".join(sorted(known))}})


class StaffAssessment(VersionedModel, PropertyScopedModel):
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("staff member"))
    month = models.DateField(_("month"))  # the first day of the month assessed
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    total = models.DecimalField(_("total score"), max_digits=5, decimal_places=1, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    comment = models.TextField(_("supervisor's comment"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("assessed by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("approved by"))

    class Meta:
        ordering = ["-month", "staff__name"]
        verbose_name = _("staff assessment")
        verbose_name_plural = _("staff assessments")
        permissions = [
            ("submit_staffassessment", _("Can submit staff assessments for approval")),
            ("approve_staffassessment", _("Can approve or return staff assessments")),
            ("view_staffscorecard", _("Can view staff scorecards")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["staff", "month"], name="audits_assessment_one_per_month"),
            models.CheckConstraint(condition=models.Q(total__isnull=True) | models.Q(total__gte=0, total__lte=100), name="audits_assessment_total_0_100"),
        ]
        indexes = [
            models.Index(fields=["property", "status", "approved_at"], name="audits_assessment_approved"),
            models.Index(fields=["property", "month"], name="audits_assessment_month"),
        ]

    def __str__(self):
        return f"{self.staff} · {self.month:%Y-%m}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("audits:assessment_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status == AssessmentStatus.DRAFT


class AssessmentScore(models.Model):
    """One criterion of one assessment; its weight is copied when the draft is made, so a later
    change of the weights leaves assessments already made as they were."""

    assessment = models.ForeignKey(StaffAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion"))
    weight = models.PositiveSmallIntegerField(_("weight"))
    source = models.CharField(_("source"), max_length=20, choices=ScoreSource.choices)
    # The metric values the data score came from: {code: value}.
    figures = models.JSONField(default=dict, blank=True)
    score = models.DecimalField(_("score (0–100)"), max_digits=5, decimal_places=1, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    @property
    def figure_list(self):
        """[(metric label, value with its unit)] of the records the score came from."""
        from hotelqa import staff_metrics

        rows = []
        for code, value in self.figures.items():
            try:
                metric = staff_metrics.get(code)
            except KeyError:
                continue
            unit = "%" if metric.unit == staff_metrics.PERCENT else (" / 5" if metric.unit == staff_metrics.OUT_OF_5 else "")
            rows.append((metric.label, f"{value}{unit}"))
        return rows

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="audits_score_one_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100), name="audits_score_0_100"),
        ]


class AssessmentConsequence(models.Model):
    """A reward or sanction decided on an assessment (001 激励措施)."""

    assessment = models.ForeignKey(StaffAssessment, on_delete=models.CASCADE, related_name="consequences")
    kind = models.CharField(_("reward or sanction"), max_length=20, choices=ConsequenceKind.choices)
    amount = models.DecimalField(_("amount (¥)"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    note = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reward or sanction")
        verbose_name_plural = _("rewards and sanctions")


class StaffAssessmentHistory(StatusHistory):
    assessment = models.ForeignKey(StaffAssessment, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=AssessmentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=AssessmentStatus.choices)

    class Meta(StatusHistory.Meta):
        verbose_name = _("assessment history")
