"""Gather the report's data: every registered section for one property and month."""

import time
from dataclasses import dataclass

from django.utils import timezone

from .registry import Month, sections


@dataclass
class ReportData:
    property: object
    month: Month
    generated_at: object
    sections: list  # [(Section, [Block])]
    seconds: float = 0.0


def build_report(property, month: Month, progress=None) -> ReportData:
    started = time.monotonic()
    found = sections()
    result = []
    for index, section in enumerate(found, start=1):
        blocks = section.build(property, month) or []
        if blocks:
            result.append((section, blocks))
        if progress:
            progress(index, len(found) + 1)
    return ReportData(property, month, timezone.now(), result, time.monotonic() - started)
