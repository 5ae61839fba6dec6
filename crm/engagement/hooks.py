"""Where higher apps plug into the CRM without crm importing them (the complaints app registers
here in its `ready()`):

- `register_worklist_source(key, items=fn, permission=…)`: more rows for the follow-up worklist
  (complaint revisits). `fn(*, property, user, limit)` returns `(rows, total, list_url)`; each row
  is a `WorkRow`.
- `register_low_score_handler(fn)`: `fn(survey)` opens a complaint for a survey answered with a
  low score and returns its number (or "").
"""

from dataclasses import dataclass
from typing import Callable, Optional

from hotelqa.permissions import user_can


@dataclass
class WorkRow:
    kind: str
    guest: str
    due: object
    detail: str
    url: str
    contact: str = ""


@dataclass(frozen=True)
class WorklistSource:
    key: str
    label: object
    items: Callable
    permission: str


_SOURCES: dict[str, WorklistSource] = {}
_LOW_SCORE: list[Callable] = []


def register_worklist_source(key, *, label, items, permission):
    _SOURCES[key] = WorklistSource(key, label, items, permission)


def worklist_sections(*, property, user, limit=25):
    """[(source, rows, total, list_url)] the user may see at the property, one query per source."""
    sections = []
    for source in _SOURCES.values():
        if user_can(user, source.permission, property):
            rows, total, url = source.items(property=property, user=user, limit=limit)
            sections.append((source, rows, total, url))
    return sections


def register_low_score_handler(fn):
    if fn not in _LOW_SCORE:
        _LOW_SCORE.append(fn)


def low_score(survey) -> Optional[str]:
    for handler in _LOW_SCORE:
        number = handler(survey)
        if number:
            return number
    return ""
