"""报表 dialog: choose a report and a month (or year), see it on screen, save it as PDF or .xlsx."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
)

from pointsapp import clock
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.services import periods
from pointsapp.services.reports import monthly as reports
from pointsapp.services.reports.monthly import ReportTable
from pointsapp.text import translate
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_error, show_info
from pointsapp.ui.table_model import ListTableModel, NoColumns
from pointsapp.ui.tasks import run_task
from pointsapp.ui.buttons import button_row, labelled_row

REPORTS = ["monthly", "trends", "inspections"]


class ReportTableModel(ListTableModel):
    """Any :class:`ReportTable`: its columns are declared once, by the report (all of them "extra" here)."""

    columns = NoColumns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: ReportTable | None = None

    def set_table(self, table: ReportTable | None) -> None:
        self.table = table
        self.set_rows(table.rows if table else [])

    def extra_columns(self) -> int:
        return len(self.table.columns) if self.table is not None else 0

    def extra_header(self, section: int) -> str:
        return label(self.table.columns[section][0])

    def cell(self, row, column: int, role: int):
        value = row[column]
        if role == Qt.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.TextAlignmentRole and column in self.table.numeric:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and value == translate("services.reports", "未检查"):
            from PySide6.QtGui import QColor

            return QColor("#c8102e")
        return None

class ReportsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent=None, *, month: str | None = None, village_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report = None
        self.setWindowTitle(self.tr("报表"))
        self.resize(1000, 620)
        today = clock.today()

        self.kind_combo = QComboBox()
        for key, text in zip(REPORTS, (self.tr("全镇月报"), self.tr("类别积分趋势"), self.tr("检查完成情况"))):
            self.kind_combo.addItem(text, key)
        self.month_combo = QComboBox()
        year, m = today.year, today.month
        for _ in range(36):
            self.month_combo.addItem(self.tr("{0}年{1}月").format(year, m), f"{year}-{m:02d}")
            year, m = (year, m - 1) if m > 1 else (year - 1, 12)
        if month:
            self.month_combo.setCurrentIndex(max(0, self.month_combo.findData(month)))
        self.picker = VillagePicker.of(ctx.actor, parent=self, all_villages=self.tr("全镇"))
        self.village_combo = self.picker.village
        self.village_combo.setCurrentIndex(max(0, self.village_combo.findData(village_id)))
        self.show_button = QPushButton(self.tr("刷新(&S)"))
        self.show_button.setDefault(True)
        self.pdf_button = QPushButton(self.tr("保存为 PDF…"))
        self.xlsx_button = QPushButton(self.tr("保存为 Excel…"))
        close_button = QPushButton(self.tr("关闭"))

        top = labelled_row((self.tr("报表(&R)"), self.kind_combo), (self.tr("月份(&M)"), self.month_combo),
                           (self.tr("范围(&V)"), self.village_combo), then=(self.show_button,))
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.subtitle_label = QLabel()
        self.subtitle_label.setStyleSheet("color: #666;")
        self.model = ReportTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(self.pdf_button, self.xlsx_button, close_button, right=True))

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        for combo in (self.kind_combo, self.month_combo, self.village_combo):
            combo.currentIndexChanged.connect(self.load)
        self.show_button.clicked.connect(self.load)
        self.pdf_button.clicked.connect(lambda: self._save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._save("xlsx"))
        close_button.clicked.connect(self.reject)
        self._kind_changed()
        self.load()

    def _kind_changed(self) -> None:
        # the monthly report is always the whole township; the others can be one village
        self.village_combo.setEnabled(self.kind_combo.currentData() != "monthly")
        self.pdf_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)

    def build(self):
        """The chosen report (runs the queries; called off the UI thread)."""
        kind, month = self.kind_combo.currentData(), periods.parse(self.month_combo.currentData())
        actor, village_id = self.ctx.actor, self.village_combo.currentData()
        if kind == "monthly":
            return lambda: reports.monthly_report(actor=actor, month=month)
        if kind == "trends":
            return lambda: reports.category_trends(actor=actor, year=month.year, village_id=village_id)
        return lambda: reports.inspection_completion(actor=actor, month=month, village_id=village_id)

    def load(self) -> None:
        self.show_button.setEnabled(False)
        run_task(self, self.build(), success=self.set_report, failure=self._failed, label=self.tr("正在生成报表…"))

    def _failed(self, exc: Exception) -> None:
        self.show_button.setEnabled(True)
        show_error(self, exc)

    def set_report(self, report) -> None:
        """Show a report (reports arrive in the order asked, so the last choice wins)."""
        self.show_button.setEnabled(True)
        self.report = report
        table = report.table()
        self.title_label.setText(table.title)
        self.subtitle_label.setText(table.subtitle)
        self.model.set_table(table)
        self.pdf_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)

    def save_to(self, path: Path) -> Path:
        """Write the shown report to ``path`` (.pdf or .xlsx)."""
        if path.suffix.lower() == ".pdf":
            from pointsapp.printing.report_pdf import render_report_pdf

            return render_report_pdf(self.report, path)
        return reports.export_xlsx(self.report.table(), path)

    def _save(self, kind: str) -> None:
        if self.report is None:
            return
        name = self.report.table().title.replace("（", "_").replace("）", "")
        filters = self.tr("PDF 文件 (*.pdf)") if kind == "pdf" else self.tr("Excel 文件 (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存报表"), f"{name}.{kind}", filters)
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() != f".{kind}":
            path = path.with_suffix(f".{kind}")
        try:
            self.save_to(path)
        except Exception as exc:  # shown, and logged by show_error's caller chain for non-user errors
            show_error(self, exc)
            return
        show_info(self, self.tr("已保存到 {0}").format(path))
