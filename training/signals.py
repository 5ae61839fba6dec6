"""Training needs raised by complaints: a case whose root cause is a staff error and that names
the staff involved (`Case.staff_members`) proposes retraining, after the step's commit."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from complaints.models import Case


def _propose_later(case_pk):
    def run():
        from . import services

        case = Case.objects.filter(pk=case_pk).select_related("property", "department").first()
        if case is not None:
            services.proposals_from_case(case)

    transaction.on_commit(run)


@receiver(post_save, sender=Case, dispatch_uid="training.case_saved")
def case_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.root_cause == "staff":
        _propose_later(instance.pk)


@receiver(m2m_changed, sender=Case.staff_members.through, dispatch_uid="training.case_staff_changed")
def case_staff_changed(sender, instance, action, reverse=False, **kwargs):
    if action == "post_add" and not reverse and isinstance(instance, Case) and instance.root_cause == "staff":
        _propose_later(instance.pk)
