"""Scoring rules shared by inspections and audits.

- pass/fail: 1 point share for a pass, 0 for a fail;
- score 1–5: share = score / 5, and a score below 3 fails the item;
- number: within [min, max] is a pass (1), outside a fail (0);
- photo required: a pass once a photo is attached;
- text: not scored.
The checklist score is sum(weight × share) / sum(weight) over answered scored items, in percent.
A failed critical item fails the checklist whatever the score.
"""

from dataclasses import dataclass
from decimal import Decimal

from .choices import SCORE_PASS_MIN, AnswerType


def answer_share(item, answer):
    """(share of points 0..1, failed?) for one answer, or (None, None) when not scored/answered."""
    kind = item.answer_type
    if kind == AnswerType.TEXT or answer is None:
        return None, None
    if kind == AnswerType.PASS_FAIL:
        if answer.value_bool is None:
            return None, None
        return (Decimal(1), False) if answer.value_bool else (Decimal(0), True)
    if kind == AnswerType.SCORE:
        if answer.value_score is None:
            return None, None
        return Decimal(answer.value_score) / 5, answer.value_score < SCORE_PASS_MIN
    if kind == AnswerType.NUMBER:
        if answer.value_number is None:
            return None, None
        value = answer.value_number
        outside = (item.min_value is not None and value < item.min_value) or (
            item.max_value is not None and value > item.max_value
        )
        return (Decimal(0), True) if outside else (Decimal(1), False)
    if kind == AnswerType.PHOTO:
        return (Decimal(1), False) if answer.photo else (None, None)
    return None, None


def is_answered(item, answer):
    if answer is None:
        return False
    if item.answer_type == AnswerType.TEXT:
        return bool(answer.value_text.strip())
    return answer_share(item, answer)[0] is not None


@dataclass(frozen=True)
class Result:
    score: Decimal | None
    passed: bool | None
    critical_failed: bool
    failed_items: list


def score_checklist(items, answers_by_item, pass_mark):
    """Score a filled checklist. `answers_by_item` maps item id → answer."""
    earned = Decimal(0)
    possible = Decimal(0)
    critical_failed = False
    failed = []
    for item in items:
        share, item_failed = answer_share(item, answers_by_item.get(item.pk))
        if share is None:
            continue
        earned += item.weight * share
        possible += item.weight
        if item_failed:
            failed.append(item)
            critical_failed = critical_failed or item.critical
    if not possible:
        score = None
        passed = None if not critical_failed else False
    else:
        score = (earned * 100 / possible).quantize(Decimal("0.01"))
        passed = not critical_failed and score >= Decimal(pass_mark)
    return Result(score, passed, critical_failed, failed)
