"""Reports as PDF: the monthly report with its charts, category trends and inspection completion.

Charts are reportlab.graphics drawings (a bar chart of points by village, a line chart of
category trends); every page has the title, the date and "第 n 页 共 N 页".
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pointsapp import clock
from pointsapp.printing.fonts import cjk_font
from pointsapp.printing.page import NumberedCanvas, PageFurniture, Title, word_wrap
from pointsapp.errors import UserError
from pointsapp.services.reports.monthly import InspectionReport, MonthlyReport, ReportTable, TrendsReport
from pointsapp.text import MONTHS, translate

RED = colors.HexColor("#c8102e")
# distinct, print-friendly colours for the category lines
PALETTE = ["#c8102e", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]


def _table(table: ReportTable, font: str, width: float) -> Table:
    weights = [w for _h, w in table.columns]
    # by the declared widths, but each header's longest word on one line (English headers are longer)
    col_widths = [max(width * w / sum(weights), max(stringWidth(word, font, 8.5) for word in h.split()) + 8)
                  for h, w in table.columns]
    if sum(col_widths) > width:
        col_widths = [w * width / sum(col_widths) for w in col_widths]
    # headers wrap (between words in English, whose headers are longer)
    head = ParagraphStyle("report_head", fontName=font, fontSize=8.5, leading=10.5, alignment=1,
                          textColor=colors.white, wordWrap=word_wrap())
    # words wrap in their cell (a long village name); figures stay on one line, right-aligned below
    body = ParagraphStyle("report_cell", fontName=font, fontSize=9, leading=11, wordWrap=word_wrap())
    unchecked = ParagraphStyle("report_cell_unchecked", parent=body, textColor=RED)  # "未检查" rows, in red
    numeric = set(table.numeric)

    def cells(row) -> list:
        style = unchecked if translate("services.reports", "未检查") in row else body
        return ["" if v is None else (str(v) if col in numeric else Paragraph(escape(str(v)), style))
                for col, v in enumerate(row)]

    data = [[Paragraph(h, head) for h in table.headers]] + [cells(row) for row in table.rows]
    style = [
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("BACKGROUND", (0, 0), (-1, 0), RED),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f2ec")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, 0), 3),
        ("RIGHTPADDING", (0, 0), (-1, 0), 3),
    ]
    for col in table.numeric:
        style.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    if table.rows and str(table.rows[-1][0]) == translate("services.reports", "合计"):  # the services' own words
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#eadfd3")))
    for i, row in enumerate(table.rows, start=1):
        if translate("services.reports", "未检查") in row:
            style.append(("TEXTCOLOR", (0, i), (-1, i), RED))
    result = Table(data, colWidths=col_widths, repeatRows=1)
    result.setStyle(TableStyle(style))
    return result


def _chart_title(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(String(drawing.width / 2, drawing.height - 14, text, fontName=font, fontSize=11,
                       textAnchor="middle"))


def points_by_village_chart(report: MonthlyReport, font: str, width: float) -> Drawing:
    """Bars of points awarded and deducted per village."""
    drawing = Drawing(width, 200, initialFontName=font)  # else the drawing starts in Helvetica, not embedded
    _chart_title(drawing, translate("printing.report_pdf", "各村加分与扣分（{0}）").format(report.period.label),
                 font)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 45, width - 150, 125
    chart.data = [[ln.awarded for ln in report.lines] or [0], [ln.deducted for ln in report.lines] or [0]]
    chart.categoryAxis.categoryNames = [ln.village for ln in report.lines] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    if len(report.lines) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = RED
    chart.bars[1].fillColor = colors.HexColor("#7f7f7f")
    chart.barSpacing = 2
    chart.groupSpacing = 8
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 95, 150
    legend.fontName, legend.fontSize = font, 9
    legend.colorNamePairs = [(RED, translate("printing.report_pdf", "加分")),
                             (colors.HexColor("#7f7f7f"), translate("printing.report_pdf", "扣分"))]
    drawing.add(legend)
    return drawing


def category_trend_chart(months: list[str], categories, font: str, width: float, title: str) -> Drawing:
    """One line per category over the months."""
    drawing = Drawing(width, 220, initialFontName=font)
    _chart_title(drawing, title, font)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 45, 35, width - 160, 160
    chart.data = [list(c.points) for c in categories] or [[0] * len(months)]
    chart.categoryAxis.categoryNames = [f"{m[2:4]}/{m[5:]}" if i == 0 or m.endswith("-01")
                                        else translate("printing.report_pdf", "{0}月").format(
                                            int(m[5:]), MONTHS[int(m[5:]) - 1])
                                        for i, m in enumerate(months)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    legend_pairs = []
    for i, c in enumerate(categories):
        color = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.lines[i].strokeColor = color
        chart.lines[i].strokeWidth = 1.6
        legend_pairs.append((color, c.name))
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 105, 190
    legend.fontName, legend.fontSize = font, 8
    legend.deltay = 12
    legend.columnMaximum = 12
    legend.alignment = "right"
    legend.colorNamePairs = legend_pairs
    drawing.add(legend)
    return drawing


def render_report_pdf(report: MonthlyReport | TrendsReport | InspectionReport, path: Path | str) -> Path:
    """Write one report as a PDF (A4; the trends table, with 12 month columns, in landscape)."""
    font = cjk_font()
    path = Path(path)
    table = report.table()
    # twelve month columns, or a monthly report's many figures, read better across the page
    pagesize = landscape(A4) if isinstance(report, TrendsReport) or len(table.columns) > 10 else A4
    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=16 * mm, title=table.title,
                            author=translate("printing.report_pdf", "村民积分管理系统"), initialFontName=font)
    width = pagesize[0] - 30 * mm
    sub_style = ParagraphStyle("sub", fontName=font, fontSize=9.5, leading=13, alignment=1,
                               textColor=colors.HexColor("#555555"), spaceAfter=6)
    story = [Title(table.title, 20, space_after=2 * mm), Paragraph(table.subtitle, sub_style)]  # red, as every print
    if isinstance(report, MonthlyReport):
        story += [_table(table, font, width), Spacer(1, 6 * mm), points_by_village_chart(report, font, width),
                  Spacer(1, 4 * mm),
                  category_trend_chart(report.months, report.trends, font, width,
                                       translate("printing.report_pdf", "近12个月各类别积分趋势（全镇）"))]
    elif isinstance(report, TrendsReport):
        story += [category_trend_chart(report.months, report.categories, font, width,
                                       translate("printing.report_pdf", "各类别每月积分")),
                  Spacer(1, 4 * mm), _table(table, font, width)]
    else:
        story += [_table(table, font, width)]
    try:
        # the header and footer of every other print: the title, the printing date, "第 n 页 共 N 页"
        furniture = PageFurniture(village="", title=table.title, printed_on=clock.today())
        doc.build(story, canvasmaker=partial(NumberedCanvas, furniture=furniture))
    except OSError as exc:
        raise UserError(translate("printing.report_pdf", "无法保存文件“{0}”：{1}").format(
            path, exc.strerror or exc)) from exc
    return path


__all__ = ["category_trend_chart", "points_by_village_chart", "render_report_pdf"]
