"""The monthly report as PDF, with fpdf2 (pure Python). Chinese and Latin text are set in Noto
Sans SC (SIL Open Font License), installed with the `pylopdf-fonts-zh-cn` package and embedded as
a subset, so the PDF reads the same on a machine without any system font. Charts (bars, lines,
trend sparklines) are drawn with the PDF library's own lines and rectangles."""

import logging
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _

FONT = "noto"
PAGE_W = 297  # A4 landscape, mm
MARGIN = 12
logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every table at INFO
COLOURS = [(37, 99, 235), (220, 38, 38), (22, 163, 74), (217, 119, 6)]


@lru_cache(maxsize=1)
def font_path() -> str:
    from pylopdf_fonts_zh_cn import sans_path

    return str(sans_path())


def text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    return str(value)


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    path = font_path()
    pdf.add_font(FONT, style="", fname=path)  # one weight (each font costs a parse and a subset): headings are set larger
    # The subset keeps the font's stored glyph bounds: recomputing them runs every CFF outline
    # (most of the build time) and changes nothing a reader sees.
    for font in pdf.fonts.values():
        if getattr(font, "ttfont", None) is not None:
            font.ttfont.recalcBBoxes = False
    pdf.set_font(FONT, size=9)
    return pdf


def _table(pdf, block):
    from fpdf.fonts import FontFace

    widths = None
    columns = len(block.header)
    if columns:
        first = 3.2 if columns > 4 else 2
        widths = [first] + [1] * (columns - 1)
    pdf.set_font(FONT, size=8 if columns > 8 else 9)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(180, 180, 180)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=5.2, first_row_as_headings=True,
        headings_style=FontFace(emphasis=None, fill_color=(230, 236, 245)),
        cell_fill_color=(246, 248, 251), cell_fill_mode="ROWS",
    ) as table:
        table.row([text(h) for h in block.header])
        for values in block.rows:
            row = table.row()
            for value in values:
                row.cell(text(value))
    if block.sparklines:
        _sparklines_after(pdf, block, widths)


def _sparklines_after(pdf, block, widths):
    """Redraw the trend column: fpdf2 tables have no drawing cells, so each sparkline is drawn in
    a small strip below the table, one per KPI, labelled."""
    pdf.ln(2)
    pdf.set_font(FONT, size=9)
    pdf.cell(0, 5, _("Trend over six months"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=7)
    width, height, gap = 42, 10, 4
    per_line = int((PAGE_W - 2 * MARGIN) // (width + gap))
    for index, (row, series) in enumerate(zip(block.rows, block.sparklines)):
        if index % per_line == 0:
            if pdf.get_y() + height + 8 > pdf.h - 14:
                pdf.add_page()
            top = pdf.get_y()
        left = MARGIN + (index % per_line) * (width + gap)
        pdf.set_xy(left, top)
        pdf.cell(width, 3.5, text(row[0])[:22])
        _line_chart(pdf, left, top + 4, width, height, [series])
        if index % per_line == per_line - 1 or index == len(block.rows) - 1:
            pdf.set_xy(MARGIN, top + height + 7)


def _line_chart(pdf, left, top, width, height, series_list, target=None):
    values = [v for series in series_list for v in series if v is not None] + ([target] if target is not None else [])
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.2)
    pdf.rect(left, top, width, height)
    if not values:
        return
    low, high = min(values + [0]), max(values)
    span = (high - low) or 1
    for colour, series in zip(COLOURS, series_list):
        points = [
            (left + (i + 0.5) * width / len(series), top + height - (v - low) / span * (height - 1))
            for i, v in enumerate(series) if v is not None
        ]
        pdf.set_draw_color(*colour)
        pdf.set_fill_color(*colour)
        pdf.set_line_width(0.5)
        if len(points) > 1:
            pdf.polyline(points)
        for x, y in points:
            pdf.circle(x=x, y=y, radius=0.5, style="F")
    if target is not None:
        y = top + height - (target - low) / span * (height - 1)
        pdf.set_draw_color(120, 120, 120)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(left, y, left + width, y)
        pdf.set_dash_pattern()


def _bar_chart(pdf, chart):
    height, label_h = 48, 14
    if pdf.get_y() + height + label_h + 6 > pdf.h - 14:
        pdf.add_page()
    left, top = MARGIN + 8, pdf.get_y() + 2
    width = PAGE_W - 2 * MARGIN - 16
    bars = chart.series[0][1] if chart.series else []
    values = [v or 0 for v in bars]
    high = max(values + [1])
    slot = width / max(len(values), 1)
    pdf.set_draw_color(160, 160, 160)
    pdf.set_line_width(0.2)
    pdf.line(left, top + height, left + width, top + height)
    pdf.set_font(FONT, size=7)
    pdf.set_fill_color(*COLOURS[0])
    for i, value in enumerate(values):
        bar_h = value / high * (height - 6)
        x = left + i * slot + slot * 0.15
        pdf.rect(x, top + height - bar_h, slot * 0.7, bar_h, style="F")
        pdf.set_xy(x - 2, top + height - bar_h - 4)
        pdf.cell(slot * 0.7 + 4, 3.5, text(value), align="C")
        pdf.set_xy(left + i * slot, top + height + 1)
        pdf.multi_cell(slot, 3.2, text(chart.labels[i])[:24], align="C")
    if len(chart.series) > 1:  # a cumulative share (Pareto): a line on a 0–100 % scale
        line = chart.series[1][1]
        points = [(left + (i + 0.5) * slot, top + height - (v or 0) / 100 * (height - 6)) for i, v in enumerate(line)]
        pdf.set_draw_color(*COLOURS[1])
        pdf.set_fill_color(*COLOURS[1])
        pdf.set_line_width(0.5)
        if len(points) > 1:
            pdf.polyline(points)
        for x, y in points:
            pdf.circle(x=x, y=y, radius=0.7, style="F")
    pdf.set_xy(MARGIN, top + height + label_h)
    legend = " · ".join(str(name) for name, _values in chart.series)
    if legend:
        pdf.set_font(FONT, size=7)
        pdf.cell(0, 4, legend)
        pdf.ln(5)


def render(report) -> bytes:
    pdf = _new_pdf()
    pdf.set_title(f"{_('Monthly quality report')} {report.property} {report.month}")
    pdf.set_creator("hotelqa")
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.cell(0, 10, _("Monthly quality report"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 7, f"{report.property} · {report.month}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(100, 100, 100)
    pdf.cell(0, 5, _("Generated %(when)s") % {"when": timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")},
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    for section, blocks in report.sections:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, size=13)
        pdf.set_text_color(30, 64, 175)
        pdf.cell(0, 8, str(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        for block in blocks:
            if block.title:
                pdf.set_font(FONT, size=10)
                pdf.cell(0, 6, block.title, new_x="LMARGIN", new_y="NEXT")
            if block.chart is not None and block.chart.kind == "bar":
                _bar_chart(pdf, block.chart)
            elif block.chart is not None:
                top = pdf.get_y() + 1
                _line_chart(pdf, MARGIN, top, 120, 34, [values for _name, values in block.chart.series], target=block.chart.target)
                pdf.set_xy(MARGIN, top + 37)
            if block.header:
                _table(pdf, block)
            if block.note:
                pdf.set_font(FONT, size=7)
                pdf.set_text_color(100, 100, 100)
                pdf.multi_cell(0, 4, block.note, new_x="LMARGIN", new_y="NEXT")
                pdf.set_text_color(0, 0, 0)
            pdf.ln(2)
    return bytes(pdf.output())
