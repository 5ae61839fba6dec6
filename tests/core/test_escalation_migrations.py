"""The three data migrations that moved each app's own escalation rows into the deadline watch
(complaints 0012, facilities 0007, audits 0003), forwards and backwards, each run against the old
table rebuilt from the migration's own historical state."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from audits.models import CorrectiveAction
from hotelqa.choices import Role
from hotelqa.models import Escalation
from tests.audits.factories import submitted_audit
from tests.complaints.helpers import log_complaint
from tests.facilities.factories import work_order
from tests.factories import make_member

DUE = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _case(property):
    return log_complaint(property, make_member(property, Role.MANAGER))


def _work_order(property):
    return work_order(property)


def _action(property):
    submitted_audit(property)
    return CorrectiveAction.objects.get()


CASES = {
    "complaints": dict(
        migration=("complaints", "0012_escalations_to_the_deadline_watch"), old_model="Escalation", record="case",
        make=_case,
        old=[{"deadline": "response", "cycle": 1, "level": 2, "due": DUE, "notified": "Ann, Bob"},
             {"deadline": "resolution", "cycle": 0, "level": 0, "due": DUE, "notified": ""}],
        watch=[("resolution.0", 0, "", 0), ("response.1", 2, "Ann, Bob", 2)],
    ),
    "facilities": dict(
        migration=("facilities", "0007_escalations_to_the_deadline_watch"), old_model="WorkOrderEscalation",
        record="work_order", make=_work_order,
        old=[{"kind": "warning", "due_at": DUE, "recipients": 3}, {"kind": "escalation", "due_at": DUE, "recipients": 1}],
        watch=[("due@2026-03-01T09:30:00+00:00", 0, "", 3), ("due@2026-03-01T09:30:00+00:00", 1, "", 1)],
    ),
    "audits": dict(
        migration=("audits", "0003_corrective_action_escalations_to_the_deadline_watch"),
        old_model="CorrectiveActionEscalation", record="action", make=_action,
        old=[{"step": "do", "kind": "escalation", "due_at": DUE}, {"step": "plan", "kind": "warning", "due_at": DUE}],
        watch=[("do@2026-03-01T09:30:00+00:00", 1, "", 0), ("plan@2026-03-01T09:30:00+00:00", 0, "", 0)],
    ),
}


@pytest.mark.parametrize("app", CASES)
@pytest.mark.django_db(transaction=True)
def test_old_rows_move_to_the_watch_and_back(app, property_a):
    spec = CASES[app]
    record = spec["make"](property_a)
    app_label, name = spec["migration"]
    # The registry the migration itself runs with: the old table and the watch's both there.
    apps = MigrationLoader(connection).project_state((app_label, name), at_end=False).apps
    Old = apps.get_model(app_label, spec["old_model"])
    migration = importlib.import_module(f"{app_label}.migrations.{name}")
    with connection.schema_editor() as editor:
        editor.create_model(Old)
    try:
        for fields in spec["old"]:
            Old.objects.create(**{f"{spec['record']}_id": record.pk}, **fields)
        before = sorted(Old.objects.values_list(*spec["old"][0]))

        migration.copy_to_the_watch(apps, None)
        def rows():
            return Escalation.objects.filter(object_id=record.pk, content_type__model=type(record)._meta.model_name)

        assert sorted((r.deadline, r.level, r.notified, r.recipients) for r in rows()) == spec["watch"]
        assert {(r.record, r.property_id, r.due) for r in rows()} == {(record, property_a.pk, DUE)}

        migration.copy_to_the_watch(apps, None)  # run twice: nothing doubled
        assert rows().count() == len(spec["watch"])

        Old.objects.all().delete()
        migration.copy_back(apps, None)
        assert sorted(Old.objects.values_list(*spec["old"][0])) == before
        assert not rows().exists()
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Old)
