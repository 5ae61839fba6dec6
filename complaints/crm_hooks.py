"""What the complaints app plugs into the CRM (crm never imports complaints):

- complaint revisits on the CRM's one follow-up worklist;
- a survey answered with a low score opens a complaint case;
- a closed complaint sends the guest the complaint survey;
- loyalty points given as service recovery go to the member's ledger."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from crm.engagement import hooks, loyalty
from crm.engagement import surveys as crm_surveys
from crm.models import Dimension, SurveySource
from crm.selectors import sees_guest_contact

from . import selectors
from .choices import ApprovalStatus, CaseKind, Channel, RecoveryKind


def revisit_rows(*, property, user, limit):
    qs = selectors.revisits_on_list(property=property)
    total = qs.count()
    show = sees_guest_contact(user, property)
    rows = []
    for revisit in qs[:limit]:
        case, guest = revisit.case, revisit.case.guest
        rows.append(hooks.WorkRow(
            kind=str(_lazy("Complaint revisit")), guest=guest.name if guest else "—", due=timezone.localtime(revisit.due_at).date(),
            detail=f"{case.number} · {case.get_category_display() if case.category else ''} · {case.description[:80]}",
            url=reverse("complaints:revisit_list"),
            contact=(guest.phone if show else guest.masked_phone) if guest else "",
        ))
    return rows, total, reverse("complaints:revisit_list")


def open_case_for_low_score(survey):
    """A survey answered at or below the template's low score becomes a complaint case."""
    from .services import case_log

    labels = dict(Dimension.choices)
    low = [f"{labels.get(a.dimension, a.dimension)} {a.score}/5" for a in survey.answers.all() if a.score <= survey.template.low_score]
    text = _("Low score in the satisfaction survey: %(scores)s.") % {"scores": ", ".join(low) or f"{survey.overall}/5"}
    if survey.comment:
        text += "\n" + survey.comment
    case = case_log(
        property=survey.property, actor=None, kind=CaseKind.COMPLAINT, channel=Channel.SURVEY, description=text,
        guest=survey.guest, room=survey.stay.room if survey.stay_id else None,
        room_number=survey.stay.room.number if survey.stay_id and survey.stay.room_id else "", department=survey.department,
    )
    return case.number


def survey_after_close(case):
    if case.kind == CaseKind.COMPLAINT and case.guest_id:
        crm_surveys.survey_create(source=SurveySource.COMPLAINT, guest=case.guest, property=case.property, stay=None,
                                  case_id=case.pk, department=case.department)


def points_for_recovery(action):
    """A "loyalty points" recovery that needs no approval or was approved credits its cost as
    points (¥1 of cost = 1 point), once per recovery action."""
    if action.kind != RecoveryKind.POINTS or action.approval not in (ApprovalStatus.NOT_NEEDED, ApprovalStatus.APPROVED):
        return None
    case = action.case
    if not case.guest_id:
        return None
    return loyalty.points_for_recovery(
        guest=case.guest, points=int(action.cost), reason=case.number,  # shown as "Service recovery for <number>"
        actor=action.decided_by or action.created_by, property=action.property, source=f"complaints.recovery:{action.pk}",
    )


def register():
    hooks.register_worklist_source("complaints.revisits", label=_lazy("Complaint revisits"), items=revisit_rows, permission="complaints.view_revisit")
    hooks.register_low_score_handler(open_case_for_low_score)



