"""The one workflow engine: a status table with a permission per move, the history row, the
optimistic lock and the deadline/escalation watch, written once for every app.

Cases (complaints), work orders (facilities) use it; corrective actions, training reminders and
follow-ups plug in the same way:

    # models.py
    class CorrectiveAction(VersionedModel, PropertyScopedModel):      # `version` for the lock
        status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class CorrectiveActionHistory(StatusHistory):                      # from, to, note, actor, when
        action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="history")

    # services.py
    WORKFLOW = Workflow(
        transitions={                                                  # from → {to: permission}
            S.OPEN: {S.DONE: "audits.change_correctiveaction"},
            S.DONE: {S.VERIFIED: "audits.verify_correctiveaction", S.OPEN: "audits.verify_correctiveaction"},
        },
        status_label=lambda s: S(s).label,
        refused=gettext_lazy("A corrective action cannot go from “%(from)s” to “%(to)s”."),
        history=lambda action, **row: CorrectiveActionHistory(action=action, **row),
    )

    def corrective_action_transition(*, action, to_status, actor, expected_version=None, note=""):
        def prepare(action, from_status, now):                        # the step's own fields
            if to_status == S.DONE:
                action.done_at = now
                return {"done_at"}
            return set()

        action, _from = WORKFLOW.move(action, to_status, actor=actor, expected_version=expected_version,
                                      note=note, prepare=prepare)
        return action

`move()` refuses a move not in the table (ValidationError) and a role without the move's
permission at the record's property (PermissionDenied; `actor=None` is the system), lets the
caller set the step's fields, takes the optimistic lock (`StaleEdit` when someone saved since
`expected_version`), saves with `update_fields` and writes the history row. Side effects
(notifications) are the caller's, after `move()` returns, inside the same transaction.

Deadlines are watched by the foundation's one deadline watch (`hotelqa.watch`: register a source,
write no job). `steps_reached` and `escalate_once` below are its parts: the steps whose time has
come (a late run skips the warning), and a step's unique row inserted together with its
notification, so a second or concurrent run is a no-op.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .permissions import user_can


class StaleEdit(Exception):
    """The record was saved by someone else since the form was opened."""


class VersionedModel(models.Model):
    """A `version` that every save through the engine (or `bump_version`) increments."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StatusHistory(models.Model):
    """One row per move: from, to, who, when and why. Subclasses add the foreign key to their
    record (and may narrow `from_status`/`to_status` to their choices)."""

    from_status = models.CharField(gettext_lazy("from"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("to"), max_length=20, blank=True)
    note = models.TextField(gettext_lazy("note"), blank=True)  # what a person typed
    # What the system says about the move, put into words in the reader's language (hotelqa.events).
    event = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=gettext_lazy("by")
    )
    created_at = models.DateTimeField(gettext_lazy("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    @property
    def summary(self):
        """The system's words about this row, then what the person typed."""
        from .events import render

        return "\n".join(t for t in (render(self.event), self.note) if t)


def bump_version(obj, expected_version: int | None) -> None:
    """Optimistic lock: the write wins only if nobody saved `obj` since `expected_version`
    (None: the system's write, which always wins and still moves the version on)."""
    manager = type(obj)._base_manager
    if expected_version is None:
        manager.filter(pk=obj.pk).update(version=F("version") + 1)
        obj.version = manager.values_list("version", flat=True).get(pk=obj.pk)
        return
    if not manager.filter(pk=obj.pk, version=expected_version).update(version=expected_version + 1):
        raise StaleEdit
    obj.version = expected_version + 1


def _may_by_permission(user, permission, obj):
    return user_can(user, permission, obj.property)


@dataclass
class Workflow:
    transitions: dict  # from status → {to status: "app.permission"}
    history: Callable  # (obj, **row) → an unsaved history row; row has from/to status, note, actor, created_at
    status_label: Callable = str
    refused: object = gettext_lazy("This record cannot go from “%(from)s” to “%(to)s”.")
    # (user, permission, obj) → bool; the default checks the permission at the record's property.
    may: Callable = _may_by_permission
    status_field: str = "status"

    def moves_from(self, status) -> list:
        return list(self.transitions.get(status, {}))

    def permission(self, from_status, to_status) -> str | None:
        return self.transitions.get(from_status, {}).get(to_status)

    def user_may(self, user, obj, to_status) -> bool:
        """May `user` (None: the system) move `obj` to `to_status` now?"""
        permission = self.permission(getattr(obj, self.status_field), to_status)
        if permission is None:
            return False
        return user is None or self.may(user, permission, obj)

    def allowed_moves(self, obj, user) -> list:
        """The moves `user` may make now (drives the buttons)."""
        return [to for to in self.moves_from(getattr(obj, self.status_field)) if self.user_may(user, obj, to)]

    def check(self, obj, to_status, actor) -> None:
        from_status = getattr(obj, self.status_field)
        if to_status not in self.transitions.get(from_status, {}):
            raise ValidationError(self.refused % {"from": self._label(from_status), "to": self._label(to_status)})
        if not self.user_may(actor, obj, to_status):
            raise PermissionDenied(_("You may not make this change."))

    def _label(self, status):
        try:
            return self.status_label(status)
        except ValueError:
            return status

    def record(self, obj, *, from_status, to_status, actor, note="", at=None, **extra):
        """Write the history row of a move (also for the first status, with `from_status=""`)."""
        row = self.history(obj, from_status=from_status, to_status=to_status, actor=actor, note=note,
                           created_at=at or timezone.now(), **extra)
        row.save()
        return row

    @transaction.atomic
    def move(self, obj, to_status, *, actor, note="", expected_version=None, prepare=None, recorded_actor=None,
             history_extra=None, now=None):
        """Check, apply, lock, save and record one move; returns `(obj, from_status)`.

        `prepare(obj, from_status, now)` runs after the status is set and before the save: it sets
        the step's own fields, may raise ValidationError, and returns the names it changed.
        `recorded_actor` is who the history names when the system acts on someone's behalf."""
        self.check(obj, to_status, actor)
        now = now or timezone.now()
        from_status = getattr(obj, self.status_field)
        setattr(obj, self.status_field, to_status)
        changed = {self.status_field}
        try:
            if prepare is not None:
                changed |= set(prepare(obj, from_status, now) or ())
            if isinstance(obj, VersionedModel):
                bump_version(obj, expected_version)
        except Exception:
            setattr(obj, self.status_field, from_status)  # a refused move leaves the record as it was
            raise
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            changed.add("updated_at")
        obj.save(update_fields=sorted(changed))
        self.record(obj, from_status=from_status, to_status=to_status, actor=actor or recorded_actor, note=note, at=now,
                    **(history_extra or {}))
        return obj, from_status


# --- the deadline/escalation watch ------------------------------------------------------------


def steps_reached(steps, now: dt.datetime, *, warning=None) -> list:
    """The steps `(level, at)` whose time has come, in order. Once a later step is due, the
    `warning` step is dropped: a late run would only send noise before the escalation."""
    reached = [level for level, at in steps if at is not None and now >= at]
    if warning is not None and len(reached) > 1:
        reached = [level for level in reached if level != warning]
    return reached


def escalate_once(*, record: Callable, notify: Callable) -> bool:
    """Insert the step's row (its unique constraint is the "once") and notify in one transaction;
    False when another run recorded this step first."""
    try:
        with transaction.atomic():
            record()
            notify()
    except IntegrityError:
        return False
    return True
