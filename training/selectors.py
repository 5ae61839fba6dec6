"""Reads of the training app: a fixed number of queries whatever the number of rows."""

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone

from hotelqa.models import StaffMember

from . import rules
from .choices import PlanStatus, ProposalStatus, SessionStatus
from .models import Attendance, Certification, PlanItem, Proposal, Session


def pre_job_days(staff_ids) -> dict:
    """{staff id: days of pre-job training attended} (distinct session dates of pre-job courses)."""
    rows = (Attendance.objects.filter(staff_id__in=staff_ids, attended=True, session__course__is_pre_job=True)
            .exclude(session__status=SessionStatus.CANCELLED)
            .values("staff_id").annotate(days=Count("session__date", distinct=True)))
    return {r["staff_id"]: r["days"] for r in rows}


def last_rotation(staff_ids) -> dict:
    rows = (Attendance.objects.filter(staff_id__in=staff_ids, attended=True, session__course__is_rotation=True)
            .exclude(session__status=SessionStatus.CANCELLED)
            .values("staff_id").annotate(last=Max("session__date")))
    return {r["staff_id"]: r["last"] for r in rows}


def staff_rules(staff, today: dt.date | None = None) -> dict:
    """{staff id: {"pre_job_days", "new_hire", "pre_job_ok", "rotation_due_on", "rotation_due"}} for a list of records."""
    today = today or timezone.localdate()
    ids = [s.pk for s in staff]
    days, last = pre_job_days(ids), last_rotation(ids)
    out = {}
    for s in staff:
        done = days.get(s.pk, 0)
        due_on = rules.rotation_due_on(hire_date=s.hire_date, last_rotation=last.get(s.pk))
        out[s.pk] = {
            "pre_job_days": done, "pre_job_missing": rules.pre_job_missing(done), "new_hire": rules.is_new_hire(s.hire_date, today),
            "pre_job_ok": rules.pre_job_complete(done), "last_rotation": last.get(s.pk),
            "rotation_due_on": due_on, "rotation_due": today >= due_on,
        }
    return out


def plan_completion(*, property, year: int, department=None):
    """Per department and per person: items planned for the year (cancelled ones left out), done, overdue."""
    today = timezone.localdate()
    qs = PlanItem.objects.filter(property=property, year=year).exclude(status=PlanStatus.CANCELLED)
    if department is not None:
        qs = qs.filter(department=department)
    counts = {"total": Count("pk"), "done": Count("pk", filter=Q(status=PlanStatus.DONE)),
              "overdue": Count("pk", filter=Q(status=PlanStatus.PLANNED, due_on__lt=today))}
    by_dept = list(qs.values("department_id", "department__name", "department__name_zh").annotate(**counts).order_by("department__name"))
    by_person = list(qs.values("staff_id", "staff__name", "staff__staff_number", "department__name", "department__name_zh")
                     .annotate(**counts).order_by("department__name", "staff__name"))
    for row in by_dept + by_person:
        row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    total = sum(r["total"] for r in by_dept)
    done = sum(r["done"] for r in by_dept)
    return {"departments": by_dept, "people": by_person, "total": total, "done": done,
            "percent": round(100 * done / total) if total else 0}


def certificates_expiring(*, property, within_days=30, today=None):
    today = today or timezone.localdate()
    return (Certification.objects.filter(property=property, staff__is_active=True, expires_on__isnull=False,
                                         expires_on__lte=today + dt.timedelta(days=within_days))
            .select_related("staff", "course").order_by("expires_on"))


def plan_overdue(*, property, today=None):
    today = today or timezone.localdate()
    return (PlanItem.objects.filter(property=property, status=PlanStatus.PLANNED, due_on__lt=today, staff__is_active=True)
            .select_related("staff", "course").order_by("due_on"))


def sessions_upcoming(*, property, days=14, today=None):
    today = today or timezone.localdate()
    return (Session.objects.filter(property=property, date__gte=today, date__lte=today + dt.timedelta(days=days))
            .exclude(status=SessionStatus.CANCELLED).select_related("course", "trainer")
            .annotate(invited=Count("attendances")).order_by("date", "start_time"))


def proposals_open(*, property):
    return (Proposal.objects.filter(property=property, status=ProposalStatus.OPEN)
            .select_related("course", "department").annotate(people=Count("staff")).order_by("-created_at"))


def staff_record_of(user, property):
    if not user.is_authenticated or property is None:
        return None
    return StaffMember.objects.filter(property=property, user=user).select_related("department").first()


def retraining_for(origin) -> dict | None:
    """What became of the training needs raised by a record (a case): None when it raised none;
    else {"proposals": […], "state": "proposed" | "planned" | "done" | "dismissed"}."""
    from django.contrib.contenttypes.models import ContentType

    proposals = list(Proposal.objects.filter(origin_type=ContentType.objects.get_for_model(origin), origin_id=origin.pk)
                     .select_related("course").annotate(
                         planned=Count("plan_items", filter=Q(plan_items__status=PlanStatus.PLANNED)),
                         done=Count("plan_items", filter=Q(plan_items__status=PlanStatus.DONE))))
    if not proposals:
        return None
    if any(p.status == ProposalStatus.OPEN for p in proposals):
        state = "proposed"
    elif any(p.planned for p in proposals):
        state = "planned"
    elif any(p.done for p in proposals):
        state = "done"
    else:
        state = "dismissed"
    return {"proposals": proposals, "state": state}
