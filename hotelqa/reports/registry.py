"""The monthly quality report's sections, contributed by the apps.

    from hotelqa import reports

    reports.register_section("complaints.pareto", title=_("Complaint Pareto"), order=20, build=pareto)

`build(property, month)` (month: `reports.Month`) returns a list of `Block`s, or an empty list
when the section has nothing to say for that month. A block is a table (header, rows) with an
optional chart (bar or line) and a note; the PDF and XLSX writers draw any block, so the
foundation never imports the app that contributes it.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        year, month = text.split("-")
        value = cls(int(year), int(month))
        if not 1 <= value.month <= 12 or value.year < 2000:
            raise ValueError(text)
        return value

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def is_future(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.first > today

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Chart:
    kind: str  # "bar" or "line"
    labels: list
    series: list  # [(name, [values])]
    target: float | None = None
    unit: str = ""


@dataclass
class Block:
    header: list
    rows: list
    title: str = ""
    chart: Chart | None = None
    note: str = ""
    # Per row, a short series drawn as a small trend line next to the row (PDF only).
    sparklines: list = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # lazily translated
    order: int
    build: object  # (property, month) -> [Block]


SECTIONS: dict[str, Section] = {}


def register_section(key, *, title, order, build):
    SECTIONS[key] = Section(key, title, order, build)


def sections():
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))
