"""The scheme tab of the stars page: the village's stars, their colours and criteria, editable."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel

from pointsapp.services.stars import scheme as star_scheme
from pointsapp.services.auth import Permission
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.star_edit_dialog import StarEditDialog
from pointsapp.ui.star_models import SchemeColumns, SchemeModel
from pointsapp.ui.village_picker import VillageTab
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import table_view
from pointsapp.ui.buttons import labelled_row, push_button


class StarSchemeTab(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.village = self.picker.village
        self.add_button = push_button(self.tr("新增(&N)…"), self.add_star)
        self.edit_button = push_button(self.tr("修改(&E)…"), self.edit_selected)
        self.up_button = push_button(self.tr("上移(&U)"), lambda: self.move(-1))
        self.down_button = push_button(self.tr("下移(&D)"), lambda: self.move(1))
        self.load_button = push_button(self.tr("从文件载入方案(&L)…"), self.load_file)
        editable = ctx.can(Permission.SETTINGS_EDIT)
        for b in (self.add_button, self.edit_button, self.up_button, self.down_button, self.load_button):
            b.setEnabled(editable)
        top = labelled_row((self.tr("村(&V)："), self.village),
                           then=(self.add_button, self.edit_button, self.up_button, self.down_button, self.load_button))
        self.model = SchemeModel(self)
        self.view = table_view(self.model, fit=False, stretch=SchemeColumns.CRITERION)
        hint = QLabel(self.tr("星级的名称、颜色、顺序和评星条件都可修改；停用的星级不再参加评定，已授予的星保留。"))
        hint.setWordWrap(True)
        vbox(self, top, (self.view, 1), hint)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.village.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.hub.stars_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        vid = self.village_id()
        if vid is None:
            return
        self.model.category_names = star_scheme.category_names(actor=self.ctx.actor, village_id=vid)
        self.model.set_rows(star_scheme.list_stars(actor=self.ctx.actor, village_id=vid))
        self.view.resizeColumnsToContents()

    def selected(self):
        index = self.view.currentIndex()
        return self.model.row(index) if index.isValid() else None

    def _changed(self, select_code: str | None = None) -> None:
        """After a change (the broadcast has refreshed this tab too): select the star just changed."""
        if select_code:
            for r, spec in enumerate(self.model.rows):
                if spec.code == select_code:
                    self.view.selectRow(r)

    def add_star(self, dialog: StarEditDialog | None = None) -> None:
        """Ask for the new star; a refused one opens the dialog again with what was typed."""
        dialog = dialog or StarEditDialog(self.model.category_names, None, self)
        if not dialog.exec():
            return
        v = dialog.values()
        run_op(self, self.ctx, star_scheme.add_star, village_id=self.village_id(), code=v["code"], name=v["name"],
               color=v["color"], criterion=v["criterion"], success=lambda spec: self._changed(spec.code),
               failure=lambda _exc: self.add_star(dialog))

    def edit_selected(self, dialog: StarEditDialog | None = None) -> None:
        spec = self.selected() if dialog is None else dialog.spec
        if spec is None:
            show_error(self, self.tr("请先在表中选择一颗星。"))
            return
        dialog = dialog or StarEditDialog(self.model.category_names, spec, self)
        if not dialog.exec():
            return
        v = dialog.values()
        run_op(self, self.ctx, star_scheme.update_star, star_id=spec.id, name=v["name"], color=v["color"],
               criterion=v["criterion"], active=v["active"], success=lambda _r: self._changed(spec.code),
               failure=lambda _exc: self.edit_selected(dialog))

    def move(self, step: int) -> None:
        spec = self.selected()
        if spec is None:
            return
        codes = [s.code for s in self.model.rows]
        i = codes.index(spec.code)
        j = i + step
        if not 0 <= j < len(codes):
            return
        codes[i], codes[j] = codes[j], codes[i]
        run_op(self, self.ctx, star_scheme.reorder_stars, village_id=self.village_id(), codes=codes,
               success=lambda _r: self._changed(spec.code))

    def load_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择星级方案文件"), "", self.tr("星级方案 (*.json)"))
        if not path:
            return
        if not confirm(self, self.tr("载入方案后，方案里没有的星级将停用（已授予的星保留）。确定载入？")):
            return
        try:
            scheme = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("无法读取星级方案文件：{0}").format(exc))
            return
        run_op(self, self.ctx, star_scheme.load_scheme, village_id=self.village_id(), scheme=scheme)
