"""The deadline watch: one periodic job, `hotelqa.deadline_watch` (every 5 minutes), warns before
and escalates after the deadlines of every app's open records, each step once.

An app registers a *source* (in its `tasks.py`, which the foundation imports at start-up): the
model it watches, a function listing the open records' deadlines with their steps `(level, time)`,
and a function that tells people about one step and returns whom it told:

    # audits/tasks.py
    from hotelqa import watch

    def action_deadlines(now):
        for action in CorrectiveAction.objects.filter(status=S.OPEN, due_at__lte=now + WARN_LEAD):
            yield watch.Deadline(
                record=action, key="due", due=action.due_at,
                steps=[(watch.WARNING, action.due_at - WARN_LEAD), (1, action.due_at)],
            )

    def action_notify(step):                      # inside the step's transaction
        people = [step.record.owner] if step.level == watch.WARNING else department_supervisors(...)
        notification_send(recipients=people, property=step.record.property, ...)
        return people                             # kept on the escalation row ("notified")

    watch.register("audits.corrective_action", model=CorrectiveAction, title=_("Corrective actions"),
                   deadlines=action_deadlines, notify=action_notify,
                   level_label=lambda level: ActionLevel(level).label)

Each step sent is an `Escalation` row (content type + object id + deadline key + level, unique in
the database): a repeated, late or concurrent run finds the row, or fails to insert it and rolls
back what it was about to send, so nothing is sent twice. A late run sends every escalation it
missed but not the warning before them (`steps_reached`). The key names one deadline of the
record: a deadline that comes back (a reopened case's resolution, a work order's new due time)
gets a new key, and its steps are sent again.
"""

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PropertyScopedModel
from .workflow import escalate_once, steps_reached

logger = logging.getLogger(__name__)

WARNING = 0  # by convention the step before the due time; escalations after it are 1, 2, …


class Escalation(PropertyScopedModel):
    """One warning or escalation step sent for one deadline of one record. The unique constraint
    is the "once": whatever runs the watch, a step is inserted, and sent, once."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    deadline = models.CharField(_("deadline"), max_length=60)  # the source's key of the deadline
    level = models.PositiveSmallIntegerField(_("level"))
    due = models.DateTimeField(_("deadline was"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    notified = models.CharField(_("notified"), max_length=300, blank=True)  # names, as they were then
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("warning or escalation")
        verbose_name_plural = _("warnings and escalations")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "deadline", "level"], name="escalation_once"),
        ]

    def __str__(self):
        return f"{self.deadline_label} · {self.level_label}"

    @property
    def source(self):
        return source_for(ContentType.objects.get_for_id(self.content_type_id).model_class())

    @property
    def level_label(self) -> str:
        source = self.source
        return str(source.level_label(self.level)) if source and source.level_label else str(self.level)

    @property
    def deadline_label(self) -> str:
        source = self.source
        return str(source.deadline_label(self.deadline)) if source and source.deadline_label else self.deadline


@dataclass(frozen=True)
class Deadline:
    """One running deadline of an open record, with the times its steps fall due."""

    record: models.Model  # the watched record (a PropertyScopedModel)
    key: str  # which of the record's deadlines ("response.0", "due@…"); at most 60 characters
    due: dt.datetime
    steps: Sequence  # [(level, time or None)], in order; None: this step does not apply
    context: Any = None  # handed to `notify` unchanged


@dataclass(frozen=True)
class Step:
    """What `notify` is told: the record, which deadline, which step, and the watch's time."""

    record: models.Model
    key: str
    level: int
    due: dt.datetime
    at: dt.datetime  # when the step fell due
    now: dt.datetime
    context: Any = None


@dataclass(frozen=True)
class Source:
    key: str
    model: type
    deadlines: Callable[[dt.datetime], Iterable[Deadline]]
    notify: Callable[[Step], Iterable | None]  # returns the people told
    title: Any = ""
    warning: int | None = WARNING  # the level a late run skips once a later step is due (None: none)
    level_label: Callable | None = None
    deadline_label: Callable | None = None
    extra: dict = field(default_factory=dict)


SOURCES: dict[str, Source] = {}


def register(key: str, *, model, deadlines, notify, title="", warning=WARNING, level_label=None, deadline_label=None) -> Source:
    """Watch `model`'s deadlines from now on (idempotent: registering a key again replaces it)."""
    source = Source(key=key, model=model, deadlines=deadlines, notify=notify, title=title or key, warning=warning,
                    level_label=level_label, deadline_label=deadline_label)
    SOURCES[key] = source
    return source


def source_for(model) -> Source | None:
    for source in SOURCES.values():
        if source.model is model:
            return source
    return None


class StepsFailed(Exception):
    """Some steps could not be sent (each is tried again on the next run); the others were."""


def run(*, now: dt.datetime | None = None, sources: Iterable[str] | None = None) -> dict[str, int]:
    """Walk every registered source (or the ones named) once; the steps sent, per source.

    A step whose notify fails is rolled back (no row: the next run tries it again), logged, and
    the walk goes on; at the end `StepsFailed` says how many failed, so the job's run shows it."""
    now = now or timezone.now()
    chosen = [SOURCES[key] for key in sources] if sources is not None else list(SOURCES.values())
    failures = []
    sent = {source.key: watch_source(source, now=now, failures=failures) for source in chosen}
    if failures:
        raise StepsFailed(f"{len(failures)} step(s) not sent, first: {failures[0]} (sent: {sent})")
    return sent


def watch_source(source: Source, *, now: dt.datetime, chunk: int = 500, failures: list | None = None) -> int:
    content_type = ContentType.objects.get_for_model(source.model)
    deadlines = iter(source.deadlines(now))
    sent = 0
    while batch := list(islice(deadlines, chunk)):
        # One query per batch for the steps already sent; the constraint still decides races.
        done = set(
            Escalation.objects.filter(content_type=content_type, object_id__in={d.record.pk for d in batch})
            .values_list("object_id", "deadline", "level")
        )
        for deadline in batch:
            at = dict((level, when) for level, when in deadline.steps)
            for level in steps_reached(deadline.steps, now, warning=source.warning):
                if (deadline.record.pk, deadline.key, level) in done:
                    continue
                try:
                    if send_step(source, content_type, deadline, level, at=at[level], now=now):
                        sent += 1
                except Exception as exc:
                    if failures is None:
                        raise
                    logger.exception("deadline watch: %s %s %s level %s not sent", source.key, deadline.record.pk, deadline.key, level)
                    failures.append(f"{source.key} #{deadline.record.pk} {deadline.key} level {level}: {exc!r}")
    return sent


def send_step(source: Source, content_type, deadline: Deadline, level: int, *, at, now) -> bool:
    """Insert the step's row and notify in one transaction; False when it was sent already."""
    row = Escalation(
        property_id=deadline.record.property_id, content_type=content_type, object_id=deadline.record.pk,
        deadline=deadline.key, level=level, due=deadline.due, created_at=now,
    )
    step = Step(record=deadline.record, key=deadline.key, level=level, due=deadline.due, at=at, now=now, context=deadline.context)

    def notify():
        people = [p for p in (source.notify(step) or []) if p is not None]
        if people:
            row.notified = ", ".join(str(p) for p in people)[:300]
            row.recipients = len(people)
            row.save(update_fields=["notified", "recipients"])

    return escalate_once(record=row.save, notify=notify)


class DetailLabels:
    """The deadline job's run detail ({source key: steps sent}) labelled with each source's title."""

    def __bool__(self):
        return True

    def get(self, key, default=None):
        source = SOURCES.get(key)
        return source.title if source else default
