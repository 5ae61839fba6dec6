"""Staff records: every person who works at a property, with or without a login.

The organisation owns them (complaints name the staff involved, training plans courses for them,
audits assess them); the career ladder is 003 §6.3: junior → mid → senior → supervisor → manager.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Department, PropertyScopedModel


class CareerLevel(models.TextChoices):
    JUNIOR = "junior", _("Junior (初级)")
    MID = "mid", _("Mid-level (中级)")
    SENIOR = "senior", _("Senior (高级)")
    SUPERVISOR = "supervisor", _("Supervisor (主管)")
    MANAGER = "manager", _("Manager (经理)")


class StaffMember(PropertyScopedModel):
    staff_number = models.CharField(_("staff number"), max_length=30)
    name = models.CharField(_("name"), max_length=120)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_members",
        verbose_name=_("department"),
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    hire_date = models.DateField(_("hire date"), default=timezone.localdate)
    career_level = models.CharField(_("career level"), max_length=20, choices=CareerLevel.choices, default=CareerLevel.JUNIOR)
    # The login of this person at this property, if they have one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_records",
        verbose_name=_("user account"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["property", "name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(fields=["property", "staff_number"], name="staff_unique_number"),
            models.UniqueConstraint(fields=["property", "user"], name="staff_one_record_per_user"),
        ]
        indexes = [models.Index(fields=["property", "department", "name"], name="staff_by_department")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.department_id and self.property_id and self.department.property_id != self.property_id:
            raise ValidationError({"department": _("The department belongs to another property.")})


class CareerLevelChange(models.Model):
    """One step on the career ladder; the staff record's level is the last of these."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="level_changes", verbose_name=_("staff member"))
    from_level = models.CharField(_("from"), max_length=20, choices=CareerLevel.choices, blank=True)
    to_level = models.CharField(_("to"), max_length=20, choices=CareerLevel.choices)
    effective_on = models.DateField(_("effective on"), default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["staff", "effective_on", "created_at"]
        verbose_name = _("career level change")
        verbose_name_plural = _("career level changes")

    def __str__(self):
        return f"{self.staff}: {self.get_from_level_display()} → {self.get_to_level_display()}"
