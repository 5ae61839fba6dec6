import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.models import StaffMember

from .. import rules
from ..choices import CheckIn, PlanSource, PlanStatus, SessionStatus
from ..models import Attendance, Certification, Course, PlanItem, Session

RETAKE_AFTER_DAYS = 30


@transaction.atomic
def session_create(*, property, course: Course, date: dt.date, trainer=None, place: str = "", format: str = "",
                   start_time=None, staff=(), notes: str = "") -> Session:
    """A session of a course; `staff` are invited at once. A retired course gets no new session."""
    if course.property_id != property.pk:
        raise ValidationError({"course": _("The course belongs to another property.")})
    if not course.is_active:
        raise ValidationError({"course": _("This course is retired: no new sessions can be held.")})
    session = Session(property=property, course=course, date=date, start_time=start_time, trainer=trainer, place=place,
                      format=format or course.format, notes=notes)
    session.full_clean()
    session.save()
    session_invite(session=session, staff=staff)
    return session


def session_invite(*, session: Session, staff) -> int:
    """Invite people (their open plan item of the course is linked); the ones already invited stay."""
    _open_for_attendance(session)
    staff = [s for s in staff if s.property_id == session.property_id]
    have = set(session.attendances.values_list("staff_id", flat=True))
    items = dict(PlanItem.objects.filter(course=session.course, status=PlanStatus.PLANNED, staff__in=staff).values_list("staff_id", "pk"))
    new = [Attendance(session=session, property_id=session.property_id, staff=s, plan_item_id=items.get(s.pk)) for s in staff if s.pk not in have]
    Attendance.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _open_for_attendance(session):
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("The session was cancelled."))


@transaction.atomic
def session_update(*, session: Session, date: dt.date, trainer=None, place: str = "", start_time=None, format: str = "",
                   notes: str = "", staff=None) -> Session:
    """Change a session's date, time, trainer, place and who is invited (`staff`: the whole list,
    or None to leave it). People already marked present or scored stay invited; once scores are
    recorded the date stays, as certificates and plan items were dated by it."""
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    _open_for_attendance(session)
    if trainer is not None and not trainer.memberships.filter(property_id=session.property_id).exists():
        raise ValidationError({"trainer": _("The trainer must work at this property.")})
    recorded = session.attendances.filter(Q(attended=True) | Q(score__isnull=False))
    if date != session.date and recorded.filter(score__isnull=False).exists():
        raise ValidationError({"date": _("Scores are recorded for this session: its date can no longer change.")})
    session.date, session.trainer, session.place, session.start_time = date, trainer, place, start_time
    session.format, session.notes = format or session.course.format, notes
    session.full_clean()
    session.save()
    if staff is not None:
        wanted = {s.pk: s for s in staff if s.property_id == session.property_id}
        kept = set(recorded.values_list("staff_id", flat=True))
        dropped = kept - set(wanted)
        if dropped:
            names = ", ".join(StaffMember.objects.filter(pk__in=dropped).order_by("name").values_list("name", flat=True))
            raise ValidationError({"staff": _("Already marked present or scored, so they stay invited: %(names)s.") % {"names": names}})
        session.attendances.exclude(staff_id__in=list(wanted)).delete()
        session_invite(session=session, staff=wanted.values())
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor, reason: str) -> Session:
    """Call a session off, with the reason. It stays listed as cancelled with its invitations, but
    nobody is expected any more: no attendance is taken, it leaves the KPIs, and the invited
    people's plan items are free for another session."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _open_for_attendance(session)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling it.")})
    if session.attendances.filter(Q(attended=True) | Q(score__isnull=False)).exists():
        raise ValidationError(_("People were marked present or scored: a session that took place cannot be cancelled."))
    session.status, session.cancel_reason = SessionStatus.CANCELLED, reason.strip()[:2000]
    session.cancelled_at, session.cancelled_by = timezone.now(), actor
    session.save(update_fields=["status", "cancel_reason", "cancelled_at", "cancelled_by"])
    session.attendances.update(plan_item=None)
    return session


@transaction.atomic
def attendance_mark(*, session: Session, staff_id, attended: bool = True, method=CheckIn.TAP) -> Attendance:
    """One tap in the room: the person came (or, tapped again, did not). Only invited people."""
    _open_for_attendance(session)
    try:
        att = Attendance.objects.select_for_update().get(session=session, staff_id=staff_id)
    except (Attendance.DoesNotExist, ValueError, TypeError):
        raise ValidationError({"staff": _("This person is not invited to this session.")})
    att.attended = attended
    att.checked_in_at = timezone.now() if attended else None
    att.check_in = method if attended else ""
    att.save(update_fields=["attended", "checked_in_at", "check_in"])
    return att


def self_check_in(*, session: Session, user) -> Attendance:
    """A staff member scanned the session's QR code: their own staff record checks in, on the day only."""
    staff = StaffMember.objects.filter(property=session.property, user=user, is_active=True).first()
    if staff is None:
        raise PermissionDenied
    if session.date != timezone.localdate():
        raise ValidationError(_("Check-in is open on the day of the session only."))
    return attendance_mark(session=session, staff_id=staff.pk, attended=True, method=CheckIn.QR)


def _score(value, field):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number from 0 to 100.")})
    if not number.is_finite() or number < 0 or number > 100:
        raise ValidationError({field: _("Enter a number from 0 to 100.")})
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def scores_record(*, session: Session, rows: dict) -> dict:
    """Bulk entry of the assessment (001: 培训结束后考核): rows = {attendance_pk: {"attended": bool,
    "score_before": …, "score": …}}. All rows or none: a wrong value is refused with the row's
    field named (`"score-<pk>"`). The pass mark decides pass/fail; a pass completes the person's
    plan item and issues the course's certificate; a fail plans the course again (a retake)."""
    _open_for_attendance(session)
    course = session.course
    attendances = {a.pk: a for a in session.attendances.select_for_update().select_related("staff")}
    errors, cleaned = {}, {}
    for key, values in rows.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        if pk not in attendances:
            errors["staff"] = _("This person is not invited to this session.")
            continue
        try:
            before = _score(values.get("score_before"), f"score_before-{pk}")
            score = _score(values.get("score"), f"score-{pk}")
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        attended = bool(values.get("attended")) or score is not None
        cleaned[pk] = (attended, before, score)
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    summary = {"passed": 0, "failed": 0, "replanned": 0}
    # Everything the rows touch is read once, so 40 attendees cost what 4 do.
    staff_ids = [attendances[pk].staff_id for pk in cleaned]
    open_items = {i.staff_id: i for i in PlanItem.objects.select_for_update().filter(staff_id__in=staff_ids, course=course, status=PlanStatus.PLANNED)}
    certificates = {c.attendance_id: c for c in Certification.objects.filter(attendance_id__in=list(cleaned))}
    # Items an earlier save of these rows completed: a pass corrected to a fail (or cleared) opens them again.
    completed_here = {i.pk: i for i in PlanItem.objects.select_for_update().filter(
        pk__in=[attendances[pk].plan_item_id for pk in cleaned if attendances[pk].plan_item_id], status=PlanStatus.DONE)}
    expires = rules.certificate_expiry(session.date, course.validity_months)
    retake_due = max(session.date, today) + dt.timedelta(days=RETAKE_AFTER_DAYS)
    changed, items_changed, certs_changed, certs_new, certs_gone, retakes = [], [], [], [], [], []
    for pk, (attended, before, score) in cleaned.items():
        att = attendances[pk]
        att.attended = attended
        if attended and att.checked_in_at is None:
            att.checked_in_at, att.check_in = timezone.now(), CheckIn.TAP
        att.score_before, att.score = before, score
        att.passed = rules.passed(score, course.pass_mark)
        changed.append(att)
        item = open_items.get(att.staff_id)
        if att.passed:
            summary["passed"] += 1
            if item:
                item.status, item.done_on = PlanStatus.DONE, session.date
                items_changed.append(item)
                att.plan_item = item
            if course.validity_months:
                fields = {"property": session.property, "staff_id": att.staff_id, "course": course, "name": str(course),
                          "issued_on": session.date, "expires_on": expires}
                cert = certificates.get(pk)
                if cert is None:
                    certs_new.append(Certification(attendance=att, **fields))
                else:
                    for name, value in fields.items():
                        setattr(cert, name, value)
                    certs_changed.append(cert)
        else:
            if pk in certificates:
                certs_gone.append(certificates[pk].pk)
            reopened = completed_here.get(att.plan_item_id)
            if reopened is not None:
                reopened.status, reopened.done_on = PlanStatus.PLANNED, None
                items_changed.append(reopened)
                att.plan_item, item = None, reopened
                if att.passed is False:
                    summary["replanned"] += 1
            if att.passed is False:
                summary["failed"] += 1
                if item is None:
                    retakes.append(PlanItem(property=session.property, year=retake_due.year, course=course, staff_id=att.staff_id,
                                            department_id=att.staff.department_id, due_on=retake_due, source=PlanSource.RETAKE))
    if items_changed:
        PlanItem.objects.bulk_update(items_changed, ["status", "done_on"])
    if retakes:
        # An open item created meanwhile by someone else stands: the constraint keeps one.
        PlanItem.objects.bulk_create(retakes, ignore_conflicts=True)
        summary["replanned"] += len(retakes)
    if certs_gone:
        Certification.objects.filter(pk__in=certs_gone).delete()
    if certs_changed:
        Certification.objects.bulk_update(certs_changed, ["property", "staff", "course", "name", "issued_on", "expires_on"])
    if certs_new:
        Certification.objects.bulk_create(certs_new)
    Attendance.objects.bulk_update(changed, ["attended", "checked_in_at", "check_in", "score_before", "score", "passed", "plan_item"])
    if session.status == SessionStatus.PLANNED and any(a.attended for a in changed):
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    return summary
