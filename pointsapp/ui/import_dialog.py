"""导入花名册: choose the file, check it (a dry run listing every fault by row), then confirm the import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from pointsapp.services.register import roster_import
from pointsapp.services.register import roster_read
from pointsapp.ui.checked_import import CheckedImportDialog, FaultColumn, FaultModel
from pointsapp.ui.context import UiContext
from pointsapp.ui.tasks import run_task
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.ui.operations import changes_of, run_op


class ImportDialog(CheckedImportDialog):
    def __init__(self, ctx: UiContext, village_id: int | None = None, parent=None, path: str = ""):
        self._village_id = village_id
        super().__init__(ctx, FaultModel(FaultColumn), parent=parent, path=path, title=self.tr("导入花名册"),
                         placeholder=self.tr("花名册文件（.xlsx 或 .csv）"), pick_caption=self.tr("选择花名册"),
                         pick_filter=self.tr("花名册 (*.xlsx *.csv);;所有文件 (*)"),
                         no_file=self.tr("请先选择花名册文件。"),
                         fix_and_check=self.tr("发现 {0} 处问题，改正花名册后再“检查”。没有写入任何数据。"))
        self.columns: dict[str, int] | None = None
        self.header_row: int | None = None
        self.resize(760, 560)

    def form_rows(self):
        self.picker = VillagePicker.of(self.ctx.actor, parent=self, all_villages=self.tr("（按花名册标题）"))
        self.village = self.picker.village
        self.village.setEditable(True)
        self.village.setCurrentIndex(max(self.village.findData(self._village_id), 0))
        self.village.currentTextChanged.connect(self._reset)
        return [(self.tr("导入到村(&V)："), self.village)]

    def more_buttons(self):
        self.mapping_button = QPushButton(self.tr("列对应(&M)…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        return [self.mapping_button]

    def _village(self) -> int | str | None:
        """The chosen village's id, a typed new village name, or None to go by the roster's title."""
        index, text = self.village.currentIndex(), self.village.currentText().strip()
        if text == self.village.itemText(index):
            return self.village.itemData(index)
        return text or None

    def _work(self, dry_run: bool):
        actor, path, village = self.ctx.actor, self.path.text().strip(), self._village()
        columns, header_row = self.columns, self.header_row

        def work():
            roster = roster_read.parse(path, columns, header_row)
            result = roster_import.import_roster(actor=actor, path=path, village=village, dry_run=dry_run,
                                                 roster=roster)
            return roster, result

        return work

    def start_check(self, path: str) -> None:
        run_task(self, self._work(True), success=self._checked, label=self.tr("正在检查花名册…"))

    def _checked(self, outcome) -> None:
        roster, result = outcome
        if self.columns is None and (roster.columns is None or roster.columns.unsure):
            if self.edit_mapping(roster):
                return  # edit_mapping starts a new check
        self.checked_with(result)

    def edit_mapping(self, roster=None) -> bool:
        from pointsapp.ui.column_mapping_dialog import ColumnMappingDialog

        path = self.path.text().strip()
        if not path:
            return False
        try:
            _sheet, rows = roster_read.read_rows(Path(path))
        except Exception as exc:  # a UserError explains an unreadable file
            from pointsapp.ui.messages import show_error

            show_error(self, exc)
            return False
        found = roster.columns if roster is not None else None
        dialog = ColumnMappingDialog(rows, self.header_row or (found.header_row if found else None),
                                     self.columns or (found.columns if found else None), self)
        if not dialog.exec():
            return False
        self.columns, self.header_row = dialog.columns(), dialog.header_row.value()
        self.check()
        return True

    def confirm_text(self, c: roster_import.ImportResult) -> str:
        return self.tr("把花名册导入“{0}”？\n新增 {1} 户、更新 {2} 户；成员新增 {3} 人、更新 {4} 人、删除 {5} 人。"
                       ).format(c.village, c.households_created, c.households_updated, c.people_created,
                                c.people_updated, c.people_removed)

    def start_import(self, path: str) -> None:
        work = self._work(False)
        run_op(self, self.ctx, lambda *, actor: work(), changes=changes_of(roster_import.import_roster),
               success=lambda outcome: self.imported_with(outcome[1]), label=self.tr("正在导入…"))
