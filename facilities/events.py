"""What facilities writes about a work order (where it came from, why the system assigned it), as
structured events put into words in the reader's language (see `hotelqa.events`)."""

from django.utils.translation import gettext_lazy as _

from hotelqa import events
from hotelqa.checklists.choices import AnswerType

FROM_INSPECTION = events.register("workorder.from_inspection", _("Standard: %(standard)s\nFound: %(found)s")).code
FROM_INSPECTION_NO_STANDARD = events.register("workorder.from_inspection_found", _("Found: %(found)s")).code
INSPECTION_TITLE = events.register("workorder.inspection_title", _("%(item)s — %(target)s")).code
ASSIGNED_WHEN_REPORTED = events.register("workorder.assigned_when_reported", _("Assigned when reported")).code
PASS = events.register("checklist.pass", _("Pass")).code
FAIL = events.register("checklist.fail", _("Fail")).code
PHOTO = events.register("checklist.photo", _("Photo attached")).code


def answer_value(answer):
    """The answer as an event parameter: a fixed word in the reader's language, or what was entered."""
    item = answer.item
    if item.answer_type == AnswerType.PASS_FAIL:
        return "" if answer.value_bool is None else events.label(PASS if answer.value_bool else FAIL)
    if item.answer_type == AnswerType.PHOTO:
        return events.label(PHOTO) if answer.photo else ""
    return str(answer.display_value)


def from_inspection(answer, target) -> dict:
    """Where a work order opened by a failed item came from: the item (which with the target
    makes the order's title, see `INSPECTION_TITLE`), its standard and the finding."""
    item = answer.item
    params = {
        "item": events.text(en=item.text, **{"zh-hans": item.text_zh}),
        "target": events.name_of(target),
        "found": answer_value(answer) or "—",
    }
    if item.standard or item.standard_zh:
        return events.event(FROM_INSPECTION, standard=events.text(en=item.standard, **{"zh-hans": item.standard_zh}), **params)
    return events.event(FROM_INSPECTION_NO_STANDARD, **params)
