"""Writes of the checklist engine: building and publishing template versions, filling responses."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AnswerType, TemplateKind, VersionStatus
from .hooks import items_copied
from .models import (
    ChecklistAnswer,
    ChecklistItem,
    ChecklistResponse,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
)
from .scoring import answer_share, is_answered, score_checklist


@transaction.atomic
def checklist_template_create(*, property, name, kind=TemplateKind.INSPECTION, description="", pass_mark=Decimal(80)) -> ChecklistTemplate:
    template = ChecklistTemplate.objects.create(property=property, name=name, kind=kind, description=description)
    ChecklistVersion.objects.create(template=template, number=1, pass_mark=pass_mark)
    return template


def checklist_draft(*, template: ChecklistTemplate) -> ChecklistVersion | None:
    return template.versions.filter(status=VersionStatus.DRAFT).first()


@transaction.atomic
def checklist_draft_get_or_create(*, template: ChecklistTemplate) -> ChecklistVersion:
    """The editable draft; created as a copy of the published version when there is none, so
    editing never touches a version that inspections were made with."""
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    draft = checklist_draft(template=template)
    if draft:
        return draft
    source = template.current_version
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ChecklistVersion.objects.create(
        template=template, number=number, pass_mark=source.pass_mark if source else Decimal(80)
    )
    copied = []
    if source:
        for section in source.sections.prefetch_related("items"):
            new_section = ChecklistSection.objects.create(version=draft, title=section.title, title_zh=section.title_zh, position=section.position)
            old_items = list(section.items.all())
            new_items = ChecklistItem.objects.bulk_create(
                ChecklistItem(
                    version=draft, section=new_section, position=item.position, text=item.text, text_zh=item.text_zh,
                    standard=item.standard, standard_zh=item.standard_zh, answer_type=item.answer_type, weight=item.weight,
                    critical=item.critical, required=item.required, min_value=item.min_value,
                    max_value=item.max_value, unit=item.unit,
                )
                for item in old_items
            )
            copied.extend(zip(old_items, new_items))
    if copied:
        items_copied.send(sender=ChecklistVersion, pairs=copied)
    return draft


def _require_draft(version):
    if not version.is_editable:
        raise ValidationError(_("A published version cannot be changed; edit the draft instead."))


def checklist_section_add(*, version: ChecklistVersion, title: str, title_zh: str = "") -> ChecklistSection:
    _require_draft(version)
    position = (version.sections.aggregate(p=Max("position"))["p"] or 0) + 1
    return ChecklistSection.objects.create(version=version, title=title, title_zh=title_zh, position=position)


def checklist_item_add(*, section: ChecklistSection, **fields) -> ChecklistItem:
    _require_draft(section.version)
    position = (section.items.aggregate(p=Max("position"))["p"] or 0) + 1
    item = ChecklistItem(version=section.version, section=section, position=position, **fields)
    item.full_clean()
    item.save()
    return item


def checklist_item_delete(*, item: ChecklistItem) -> None:
    _require_draft(item.version)
    item.delete()


def checklist_section_delete(*, section: ChecklistSection) -> None:
    _require_draft(section.version)
    section.delete()


@transaction.atomic
def checklist_item_move(*, item: ChecklistItem, up: bool) -> None:
    """Swap an item with its neighbour in the same section."""
    _require_draft(item.version)
    siblings = list(item.section.items.order_by("position", "id"))
    for i, sibling in enumerate(siblings):  # renumber so positions are distinct
        sibling.position = i + 1
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index].position, siblings[other].position = siblings[other].position, siblings[index].position
    ChecklistItem.objects.bulk_update(siblings, ["position"])


@transaction.atomic
def checklist_section_move(*, section: ChecklistSection, up: bool) -> None:
    _require_draft(section.version)
    siblings = list(section.version.sections.order_by("position", "id"))
    for i, sibling in enumerate(siblings):
        sibling.position = i + 1
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index].position, siblings[other].position = siblings[other].position, siblings[index].position
    ChecklistSection.objects.bulk_update(siblings, ["position"])


@transaction.atomic
def checklist_version_publish(*, version: ChecklistVersion, actor) -> ChecklistVersion:
    """Freeze the draft as the template's current version; the previous one is superseded."""
    _require_draft(version)
    if not version.items.exists():
        raise ValidationError(_("Add at least one item before publishing."))
    template = ChecklistTemplate.objects.select_for_update().get(pk=version.template_id)
    template.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    template.current_version = version
    template.save(update_fields=["current_version"])
    return version


def checklist_response_start(*, version: ChecklistVersion, property, actor) -> ChecklistResponse:
    return ChecklistResponse.objects.create(version=version, property=property, started_by=actor)


def checklist_answer_save(*, response: ChecklistResponse, item: ChecklistItem, actor, value=None, photo=None,
                          note=None, fixed_on_spot=None, fix_note=None) -> ChecklistAnswer:
    """Record one answer (the form has validated `value` for the item's type). Only the given
    parts change, so a photo upload does not wipe the reading and vice versa."""
    if response.completed_at:
        raise ValidationError(_("This checklist has been submitted and can no longer be changed."))
    if item.version_id != response.version_id:
        raise ValidationError(_("This item is not part of the checklist."))
    answer = ChecklistAnswer.objects.filter(response=response, item=item).first()
    first = answer is None
    if first:
        answer = ChecklistAnswer(response=response, item=item)
    if value is not None:
        kind = item.answer_type
        if kind == AnswerType.PASS_FAIL:
            answer.value_bool = value
        elif kind == AnswerType.SCORE:
            answer.value_score = value
        elif kind == AnswerType.NUMBER:
            answer.value_number = value
        elif kind == AnswerType.TEXT:
            answer.value_text = value
    if photo is not None:
        answer.photo = photo
    if note is not None:
        answer.note = note
    if fixed_on_spot is not None:
        answer.fixed_on_spot = fixed_on_spot
    if fix_note is not None:
        answer.fix_note = fix_note
    answer.is_failed = answer_share(item, answer)[1]
    if not answer.is_failed:
        answer.fixed_on_spot, answer.fix_note = False, ""
    answer.answered_by = actor
    answer.answered_at = timezone.now()
    if not first:
        answer.save()
        return answer
    try:
        with transaction.atomic():  # the first answer in one INSERT, not inserted bare and then updated
            answer.save(force_insert=True)
    except IntegrityError:
        # Two taps on the same item at once: the other wrote the row first. Only the parts given
        # here go over it, as for any later answer.
        return checklist_answer_save(response=response, item=item, actor=actor, value=value, photo=photo,
                                     note=note, fixed_on_spot=fixed_on_spot, fix_note=fix_note)
    return answer


def checklist_response_problems(*, response: ChecklistResponse, items=None, answers=None) -> list[str]:
    """What still stops submission: unanswered required items, missing photos, fixes without a note."""
    items = items if items is not None else list(response.version.items.all())
    answers = answers if answers is not None else {a.item_id: a for a in response.answers.all()}
    problems = []
    for item in items:
        answer = answers.get(item.pk)
        if item.answer_type == AnswerType.PHOTO and not (answer and answer.photo):
            problems.append(_("“%(item)s” needs a photo.") % {"item": item.text})
        elif item.required and not is_answered(item, answer):
            problems.append(_("“%(item)s” is not answered.") % {"item": item.text})
        elif answer and answer.fixed_on_spot and not answer.fix_note.strip():
            problems.append(_("“%(item)s” is marked fixed on the spot: say what was done.") % {"item": item.text})
    return problems


@transaction.atomic
def checklist_response_complete(*, response: ChecklistResponse):
    """Check completeness, score and freeze the response. Returns the scoring result."""
    items = list(response.version.items.all())
    answers = {a.item_id: a for a in response.answers.all()}
    problems = checklist_response_problems(response=response, items=items, answers=answers)
    if problems:
        raise ValidationError(problems)
    result = score_checklist(items, answers, response.version.pass_mark)
    response.score = result.score
    response.passed = result.passed if result.passed is not None else True
    response.critical_failed = result.critical_failed
    response.completed_at = timezone.now()
    response.save(update_fields=["score", "passed", "critical_failed", "completed_at"])
    return result
