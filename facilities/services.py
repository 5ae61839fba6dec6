"""Writes of the facilities app: categories, SLAs, schedules, inspections and work orders.

Work orders have one door, `work_order_transition`: the foundation's workflow engine checks the
move against `TRANSITIONS`, saves and writes a `WorkOrderHistory` row; then it notifies.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa import events, watch
from hotelqa.checklists.hooks import items_copied
from hotelqa.checklists.services import checklist_answer_save, checklist_response_complete, checklist_response_start
from hotelqa.choices import DepartmentKind
from hotelqa.models import Membership
from hotelqa.permissions import user_can
from hotelqa.selectors import department_supervisors, property_managers
from hotelqa.services import Message, notification_send
from hotelqa.watch import Deadline
from hotelqa.workflow import Workflow

from . import events as facility_events
from .choices import (
    DEFAULT_SLA_HOURS,
    AssetStatus,
    EscalationLevel,
    InspectionStatus,
    Priority,
    WorkOrderSource,
    WorkOrderStatus,
)
from .models import (
    AssetCategory,
    ChecklistItemDefect,
    Inspection,
    InspectionSchedule,
    WorkOrder,
    WorkOrderHistory,
    WorkOrderPhoto,
    WorkOrderSla,
)
from .scheduling import schedule_resume_cursor
from .selectors import defect_category

# (code, English, Chinese, typical life in years) — SPEC §3 categories.
DEFAULT_CATEGORIES = [
    ("air-conditioning", "Air-conditioning", "空调", 10),
    ("tv", "TV", "电视", 8),
    ("water-heater", "Water heater", "热水器", 8),
    ("smart-lock", "Smart lock", "智能门锁", 8),
    ("lighting", "Lighting", "照明", 10),
    ("furniture", "Furniture", "家具", 10),
    ("network", "Network / Wi-Fi", "网络/Wi-Fi", 5),
    ("kitchen-equipment", "Kitchen equipment", "厨房设备", 10),
    ("fire-safety", "Fire safety", "消防设施", 10),
    ("lift", "Lift", "电梯", 20),
    ("plumbing", "Plumbing and sanitary ware", "给排水及卫浴", 15),
]


def categories_ensure_defaults(*, property) -> int:
    """Give a property the standard asset categories it lacks (idempotent)."""
    existing = set(AssetCategory.objects.filter(property=property).values_list("code", flat=True))
    new = [
        AssetCategory(property=property, code=code, name=name, name_zh=zh, default_life_years=life)
        for code, name, zh, life in DEFAULT_CATEGORIES
        if code not in existing
    ]
    AssetCategory.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def slas_ensure_defaults(*, property) -> int:
    existing = set(WorkOrderSla.objects.filter(property=property).values_list("priority", flat=True))
    new = [
        WorkOrderSla(property=property, priority=p, resolve_hours=Decimal(h), warn_hours=Decimal(w))
        for p, (h, w) in DEFAULT_SLA_HOURS.items()
        if p not in existing
    ]
    WorkOrderSla.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def sla_hours(*, property, priority) -> tuple[Decimal, Decimal]:
    """(hours to repair, hours of warning) for a priority at a property."""
    sla = WorkOrderSla.objects.filter(property=property, priority=priority).first()
    if sla:
        return sla.resolve_hours, sla.warn_hours
    hours, warn = DEFAULT_SLA_HOURS[Priority(priority)]
    return Decimal(hours), Decimal(warn)


# ---------------------------------------------------------------------------- checklist items


def checklist_item_set_defect_category(*, item, category) -> None:
    """File failures of `item` under `category` (None: no category)."""
    if category is None:
        ChecklistItemDefect.objects.filter(item=item).delete()
        return
    if category.property_id != item.version.template.property_id:
        raise ValidationError({"defect_category": _("This category belongs to another property.")})
    ChecklistItemDefect.objects.update_or_create(item=item, defaults={"category": category})


@receiver(items_copied)
def _copy_defect_categories(sender, pairs, **kwargs):
    """A new draft keeps the defect categories of the items it copied."""
    new_by_old = {old.pk: new for old, new in pairs}
    ChecklistItemDefect.objects.bulk_create(
        [ChecklistItemDefect(item=new_by_old[row.item_id], category_id=row.category_id)
         for row in ChecklistItemDefect.objects.filter(item_id__in=new_by_old)]
    )


# ---------------------------------------------------------------------------- schedules


def schedule_set_active(*, schedule: InspectionSchedule, active: bool, now=None) -> InspectionSchedule:
    """Pause or resume. Resuming does not create the periods missed while paused."""
    if schedule.is_active == active:
        return schedule
    schedule.is_active = active
    fields = ["is_active"]
    if active:
        schedule.generated_until = max(
            filter(None, [schedule.generated_until, schedule_resume_cursor(schedule, now=now)])
        )
        fields.append("generated_until")
    schedule.save(update_fields=fields)
    return schedule


# ---------------------------------------------------------------------------- inspections


def _lock_inspection(inspection):
    return Inspection.objects.select_for_update(of=("self",)).select_related("response", "version").get(pk=inspection.pk)


@transaction.atomic
def inspection_start(*, inspection: Inspection, actor) -> Inspection:
    """Open the checklist for answering (idempotent). Overdue inspections may still be done late."""
    inspection = _lock_inspection(inspection)
    if inspection.status == InspectionStatus.SUBMITTED:
        raise ValidationError(_("This inspection has been submitted."))
    if inspection.response_id is None:
        inspection.response = checklist_response_start(version=inspection.version, property=inspection.property, actor=actor)
        inspection.started_at = timezone.now()
        if inspection.assignee_id is None:
            inspection.assignee = actor
        if inspection.status == InspectionStatus.DUE:
            inspection.status = InspectionStatus.IN_PROGRESS
        inspection.save(update_fields=["response", "started_at", "assignee", "status"])
    return inspection


@transaction.atomic
def inspection_create_adhoc(*, property, template, actor, asset=None, location=None) -> Inspection:
    """An unscheduled inspection started from a QR scan or the asset page."""
    if template.current_version_id is None:
        raise ValidationError(_("This checklist has no published version yet."))
    if template.property_id != property.pk:
        raise ValidationError(_("This checklist belongs to another property."))
    now = timezone.now()
    target = asset or location
    if target is None or target.property_id != property.pk:
        raise ValidationError(_("Choose an asset or a room/area of this property."))
    local_end = dt.datetime.combine(timezone.localdate(now) + dt.timedelta(days=1), dt.time.min)
    inspection = Inspection.objects.create(
        property=property, version_id=template.current_version_id,
        asset=asset, location=asset.location if asset else location,
        target_key=f"asset:{asset.pk}" if asset else f"location:{location.pk}",
        due_start=now, due_end=timezone.make_aware(local_end), assignee=actor,
    )
    return inspection_start(inspection=inspection, actor=actor)


@transaction.atomic
def inspection_answer(*, inspection: Inspection, item, actor, **answer):
    """Save one answer as it is given (htmx per item)."""
    inspection = inspection_start(inspection=inspection, actor=actor)
    return checklist_answer_save(response=inspection.response, item=item, actor=actor, **answer)


def _repair_department(property, schedule_department):
    from hotelqa.models import Department

    engineering = Department.objects.filter(property=property, kind=DepartmentKind.ENGINEERING).first()
    return engineering or schedule_department


@transaction.atomic
def inspection_submit(*, inspection: Inspection, actor) -> Inspection:
    """Score and freeze the inspection; every failed item not fixed on the spot opens a work order."""
    inspection = _lock_inspection(inspection)
    if inspection.status == InspectionStatus.SUBMITTED:
        raise ValidationError(_("This inspection has already been submitted."))
    if inspection.response_id is None:
        inspection = inspection_start(inspection=inspection, actor=actor)
    response = inspection.response
    result = checklist_response_complete(response=response)
    now = timezone.now()
    inspection.score = response.score
    inspection.passed = response.passed
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = now
    inspection.submitted_by = actor
    inspection.save(update_fields=["score", "passed", "status", "submitted_at", "submitted_by"])

    failed_ids = {item.pk for item in result.failed_items}
    answers = response.answers.filter(item_id__in=failed_ids, fixed_on_spot=False).select_related("item__defect__category")
    target = inspection.asset or inspection.location
    department = _repair_department(inspection.property, inspection.department)
    for answer in answers:
        work_order_create(
            property=inspection.property, actor=actor, title=f"{answer.item.text} — {target}"[:200],
            description=answer.note, event=facility_events.from_inspection(answer, target), source=WorkOrderSource.INSPECTION,
            priority=Priority.HIGH if answer.item.critical else Priority.NORMAL,
            department=department, asset=inspection.asset, location=inspection.location,
            inspection=inspection, answer=answer,
        )
    return inspection


# ---------------------------------------------------------------------------- work orders

ASSIGN, WORK, VERIFY = "facilities.assign_workorder", "facilities.change_workorder", "facilities.verify_workorder"
S = WorkOrderStatus
# from status → {to status: permission needed}
TRANSITIONS = {
    S.OPEN: {S.ASSIGNED: ASSIGN},
    S.ASSIGNED: {S.ASSIGNED: ASSIGN, S.IN_PROGRESS: WORK},
    S.IN_PROGRESS: {S.DONE: WORK, S.ASSIGNED: ASSIGN},
    S.DONE: {S.VERIFIED: VERIFY, S.REOPENED: VERIFY},
    S.REOPENED: {S.ASSIGNED: ASSIGN, S.IN_PROGRESS: WORK},
    S.VERIFIED: {},
}


def _may(user, perm, work_order):
    if not user_can(user, perm, work_order.property):
        return False
    if perm == WORK and not user_can(user, ASSIGN, work_order.property):
        # Staff work the orders of their own department or assigned to them.
        membership = user.membership_in(work_order.property)
        own_department = membership and membership.department_id and membership.department_id == work_order.department_id
        return bool(own_department or work_order.assignee_id == user.pk)
    return True


WORKFLOW = Workflow(
    transitions=TRANSITIONS,
    history=lambda work_order, **row: WorkOrderHistory(work_order=work_order, **row),
    status_label=lambda status: S(status).label,
    refused=_lazy("A work order cannot go from “%(from)s” to “%(to)s”."),
    may=_may,
)


def allowed_moves(*, work_order: WorkOrder, user) -> list[str]:
    """The statuses `user` (None: the system) may move the work order to now (drives the buttons)."""
    return WORKFLOW.allowed_moves(work_order, user)


def _due_from_sla(property, priority, start):
    hours, _warn = sla_hours(property=property, priority=priority)
    return start + dt.timedelta(hours=float(hours))


@transaction.atomic
def work_order_create(*, property, actor, title, description="", source=WorkOrderSource.REPORT, priority=Priority.NORMAL,
                      department=None, assignee=None, asset=None, location=None, inspection=None, answer=None,
                      photos=(), event=None, origin=None) -> WorkOrder:
    """Open a work order with its due time from the SLA of its priority. `origin` is the record of
    another app it was opened from (a complaint), linked generically."""
    if asset is not None and location is None:
        location = asset.location
    now = timezone.now()
    work_order = WorkOrder.objects.create(
        property=property, title=title, description=description, event=event or {}, source=source, priority=priority,
        department=department, asset=asset, location=location, inspection=inspection, answer=answer, origin=origin,
        category=asset.category if asset else (defect_category(answer.item) if answer else None), due_at=_due_from_sla(property, priority, now),
        reported_by=actor, created_at=now,
    )
    WORKFLOW.record(work_order, from_status="", to_status=S.OPEN, actor=actor, at=now)
    for photo in photos:
        WorkOrderPhoto.objects.create(work_order=work_order, image=photo, uploaded_by=actor)
    if asset is not None and asset.status == AssetStatus.IN_SERVICE and priority in (Priority.HIGH, Priority.URGENT):
        asset.status = AssetStatus.UNDER_REPAIR
        asset.save(update_fields=["status"])
    if assignee is not None:
        work_order = work_order_transition(work_order=work_order, to_status=S.ASSIGNED, actor=None, assignee=assignee,
                                           event=events.event(facility_events.ASSIGNED_WHEN_REPORTED), by=actor)
    else:
        _notify_department(work_order)
    return work_order


@transaction.atomic
def work_order_transition(*, work_order: WorkOrder, to_status: str, actor, note="", assignee=None,
                          resolution=None, parts=None, cost=None, by=None, expected_version=None, event=None) -> WorkOrder:
    """The one way a work order changes status, through the workflow engine. `actor` None is the
    system (its permission is not checked); `by` records who did it when the system acts on
    someone's behalf; `expected_version` refuses the move when the order changed since the page
    was opened (StaleEdit)."""
    work_order = WorkOrder.objects.select_for_update(of=("self",)).select_related("property", "asset").get(pk=work_order.pk)

    def prepare(work_order, from_status, now):
        fields = set()
        if to_status == S.ASSIGNED:
            if assignee is None:
                raise ValidationError({"assignee": _("Choose who will do the repair.")})
            if not Membership.objects.filter(user=assignee, property_id=work_order.property_id).exists():
                raise ValidationError({"assignee": _("The assignee does not work at this property.")})
            work_order.assignee = assignee
            fields.add("assignee")
        if to_status == S.IN_PROGRESS and work_order.assignee_id is None and actor is not None:
            work_order.assignee = actor
            fields.add("assignee")
        if to_status == S.DONE:
            text = (resolution or "").strip()
            if not text:
                raise ValidationError({"resolution": _("Say what was repaired.")})
            work_order.resolution = text
            work_order.done_at = now
            fields |= {"resolution", "done_at"}
            if parts is not None:
                work_order.parts = parts
                fields.add("parts")
            if cost is not None:
                work_order.cost = cost
                fields.add("cost")
        if to_status == S.VERIFIED:
            work_order.verified_at = now
            fields.add("verified_at")
            if work_order.asset and work_order.asset.status == AssetStatus.UNDER_REPAIR:
                work_order.asset.status = AssetStatus.IN_SERVICE
                work_order.asset.save(update_fields=["status"])
        if to_status == S.REOPENED:
            if not note.strip():
                raise ValidationError({"note": _("Say why the repair is not accepted.")})
            work_order.done_at = None
            work_order.due_at = _due_from_sla(work_order.property, work_order.priority, now)
            fields |= {"done_at", "due_at"}
        return fields

    WORKFLOW.move(work_order, to_status, actor=actor, note=note, recorded_actor=by, prepare=prepare,
                  expected_version=expected_version, history_extra={"event": event} if event else None)
    _notify_transition(work_order, to_status, actor or by)
    return work_order


def work_order_photo_add(*, work_order: WorkOrder, image, actor, caption="") -> WorkOrderPhoto:
    if work_order.status == S.VERIFIED:
        raise ValidationError(_("A verified work order is closed."))
    return WorkOrderPhoto.objects.create(work_order=work_order, image=image, caption=caption, uploaded_by=actor)


def _notify_department(work_order):
    recipients = department_supervisors(property=work_order.property, department=work_order.department)
    if recipients:
        notification_send(
            recipients=recipients, property=work_order.property, kind="work_order",
            title=Message(_lazy("New work order %(number)s: %(title)s"), {"number": work_order.number, "title": events.Rendered(lambda: work_order.display_title)}),
            url=reverse("facilities:workorder_detail", args=[work_order.pk]),
        )


def _notify_transition(work_order, to_status, actor):
    url = reverse("facilities:workorder_detail", args=[work_order.pk])
    if to_status == S.ASSIGNED and work_order.assignee and work_order.assignee != actor:
        notification_send(
            recipients=[work_order.assignee], property=work_order.property, kind="work_order", url=url,
            title=Message(_lazy("Work order %(number)s assigned to you: %(title)s"), {"number": work_order.number, "title": events.Rendered(lambda: work_order.display_title)}),
            body=Message(_lazy("Due %(due)s"), {"due": timezone.localtime(work_order.due_at).strftime("%Y-%m-%d %H:%M")}),
        )
    elif to_status == S.DONE:
        recipients = [u for u in department_supervisors(property=work_order.property, department=work_order.department) if u != actor]
        if recipients:
            notification_send(
                recipients=recipients, property=work_order.property, kind="work_order", url=url,
                title=Message(_lazy("Work order %(number)s is done — please verify"), {"number": work_order.number}),
            )
    elif to_status == S.REOPENED and work_order.assignee:
        notification_send(
            recipients=[work_order.assignee], property=work_order.property, kind="work_order", url=url,
            title=Message(_lazy("Work order %(number)s was reopened"), {"number": work_order.number}),
        )


WATCH_SOURCE = "facilities.work_order"


def work_order_deadlines(now):
    """Open work orders due within the longest warning lead, each with its warning (to the assignee;
    an order nobody holds yet waits for its escalation) and its escalation at the due time. The key
    holds the due time: a reopened order's new due time warns and escalates again."""
    slas = {(s.property_id, s.priority): s.warn_hours for s in WorkOrderSla.objects.all()}
    max_warn = max([float(h) for h in slas.values()] + [float(w) for _, w in DEFAULT_SLA_HOURS.values()])
    open_orders = WorkOrder.objects.filter(status__in=S.open_values(), due_at__lte=now + dt.timedelta(hours=max_warn))
    for wo in open_orders.select_related("property", "assignee", "department").iterator(chunk_size=500):
        warn = slas.get((wo.property_id, wo.priority))
        if warn is None:
            warn = Decimal(DEFAULT_SLA_HOURS[Priority(wo.priority)][1])
        yield Deadline(record=wo, key=f"due@{wo.due_at.astimezone(dt.UTC).isoformat()}", due=wo.due_at, steps=[
            (EscalationLevel.WARNING, wo.due_at - dt.timedelta(hours=float(warn)) if wo.assignee_id else None),
            (EscalationLevel.ESCALATION, wo.due_at),
        ])


def work_order_notify(step) -> list:
    """Warn the assignee, or tell the department's supervisors (else the managers) it is overdue."""
    wo = step.record
    url = reverse("facilities:workorder_detail", args=[wo.pk])
    if step.level == EscalationLevel.WARNING:
        recipients = [wo.assignee]
        message = dict(
            kind="work_order_warning", body=Message("%(title)s", {"title": events.Rendered(lambda: wo.display_title)}),
            title=Message(_lazy("Work order %(number)s is due at %(due)s"), {
                "number": wo.number, "due": timezone.localtime(wo.due_at).strftime("%H:%M")}),
        )
    else:
        recipients = department_supervisors(property=wo.property, department=wo.department)
        if not recipients:  # no supervisor in that department: the property's managers
            recipients = property_managers(property=wo.property)
        message = dict(
            kind="work_order_escalation",
            title=Message(_lazy("Overdue work order %(number)s: %(title)s"), {"number": wo.number, "title": events.Rendered(lambda: wo.display_title)}),
            body=Message(_lazy("It was due %(due)s and is %(status)s."), {
                "due": timezone.localtime(wo.due_at).strftime("%Y-%m-%d %H:%M"), "status": WorkOrderStatus(wo.status).label}),
        )
    notification_send(recipients=recipients, property=wo.property, url=url, **message)
    return recipients


def work_orders_watch(*, now=None) -> int:
    """Warn assignees before the due time; escalate overdue orders to the department supervisors.
    Each (order, due time, step) is sent once however often or late the job runs: the deadline
    watch (`hotelqa.watch`, registered in `facilities/tasks.py`) for work orders only."""
    return watch.run(now=now, sources=[WATCH_SOURCE])[WATCH_SOURCE]
