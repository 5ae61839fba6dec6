"""Migration audits.0003: corrective actions' old escalation rows become the deadline watch's,
with the keys the watch computes, so the watch sends none of them again."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits import services
from audits.models import CorrectiveAction
from hotelqa.models import Escalation, Notification

from .factories import submitted_audit

BEFORE = [("audits", "0002_audit_plans_audits_corrective_actions")]
AFTER = [("audits", "0003_corrective_action_escalations_to_the_deadline_watch")]


@pytest.mark.django_db(transaction=True)
def test_old_rows_are_copied_and_not_sent_again(transactional_db, property_a):
    submitted_audit(property_a)
    action = CorrectiveAction.objects.get()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _copied_and_not_sent_again(executor, action)
    finally:
        # Back to the latest schema: the migrations after 0003 (staff assessments) were undone too.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _copied_and_not_sent_again(executor, action):
    old_apps = executor.loader.project_state(BEFORE).apps
    Old = old_apps.get_model("audits", "CorrectiveActionEscalation")
    for kind in ("warning", "escalation"):
        Old.objects.create(action_id=action.pk, step="plan", kind=kind, due_at=action.due_at)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    rows = Escalation.objects.filter(object_id=action.pk).order_by("level")
    assert [(r.record, r.level, r.due, r.property_id) for r in rows] == [
        (action, 0, action.due_at, action.property_id), (action, 1, action.due_at, action.property_id)]
    notifications = Notification.objects.count()
    assert services.corrective_actions_watch(now=action.due_at + dt.timedelta(hours=1)) == 0
    assert Notification.objects.count() == notifications
