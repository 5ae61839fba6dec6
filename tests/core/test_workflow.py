"""The foundation's workflow engine on its own (cases and work orders test it in their apps)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hotelqa.workflow import Workflow, steps_reached

T0 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone.utc)


def test_steps_reached_in_time_and_a_late_run_skips_the_warning():
    steps = [("warning", T0), ("due", T0 + dt.timedelta(hours=1)), ("manager", T0 + dt.timedelta(hours=2)), ("never", None)]
    assert steps_reached(steps, T0 - dt.timedelta(minutes=1), warning="warning") == []
    assert steps_reached(steps, T0, warning="warning") == ["warning"]
    assert steps_reached(steps, T0 + dt.timedelta(hours=2), warning="warning") == ["due", "manager"]


def test_a_move_outside_the_table_or_without_the_permission_is_refused():
    engine = Workflow(
        transitions={"open": {"done": "app.close"}}, history=lambda obj, **row: None,
        refused="From %(from)s to %(to)s is not a move.", may=lambda user, permission, obj: permission in user.perms,
    )
    record = SimpleNamespace(status="open")
    clerk, closer = SimpleNamespace(perms=set()), SimpleNamespace(perms={"app.close"})
    with pytest.raises(ValidationError, match="From open to closed is not a move"):
        engine.check(record, "closed", closer)
    with pytest.raises(PermissionDenied):
        engine.check(record, "done", clerk)
    engine.check(record, "done", closer)
    engine.check(record, "done", None)  # the system
    assert engine.allowed_moves(record, clerk) == [] and engine.allowed_moves(record, closer) == ["done"]
