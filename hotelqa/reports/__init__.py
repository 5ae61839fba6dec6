"""The monthly quality report per property (000 §10.3): sections contributed by the apps through
a registry, written as PDF (Chinese text in an embedded Noto Sans SC font, charts drawn by the
PDF library) and XLSX. See docs/reports.md."""

from .registry import SECTIONS, Block, Chart, Month, Section, register_section, sections  # noqa: F401
from .build import ReportData, build_report  # noqa: F401
from . import kpi_section, monthly  # noqa: E402,F401  (the foundation's section; the download kind)
