"""The monthly report as XLSX: a cover sheet, then one sheet per section, its blocks one under
the other; numbers stay numbers (the same values as on the dashboard)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exports import cell_text


def _cell(value):
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    return cell_text(value)


def render(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    cover = workbook.active
    cover.title = _("Report")[:31]
    cover.append([_("Monthly quality report")])
    cover["A1"].font = Font(size=14, bold=True)
    cover.append([_("Property"), str(report.property)])
    cover.append([_("Month"), str(report.month)])
    cover.append([_("Generated"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")])
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 30
    used = set()
    for section, blocks in report.sections:
        name = str(section.title)[:28]
        while name in used:
            name = name[:26] + f"~{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(title=name)
        sheet.append([str(section.title)])
        sheet["A1"].font = Font(size=12, bold=True)
        for block in blocks:
            sheet.append([])
            if block.title:
                sheet.append([block.title])
            if block.header:
                sheet.append([_cell(h) for h in block.header])
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
                for row in block.rows:
                    sheet.append([_cell(v) for v in row])
            if block.note:
                sheet.append([block.note])
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
