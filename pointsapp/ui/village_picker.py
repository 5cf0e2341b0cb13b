"""The one village (and group) chooser of every page: filled from ``services.register.choices``; the base of a
page or tab that shows one village (``VillageTab``).

The combo boxes (``village``, ``group``) are laid out by the page; this object fills them, keeps the choice when
the villages change elsewhere (with a hub it refills itself) and answers which village and group are chosen."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from pointsapp.services.auth import Actor
from pointsapp.services.changes import Changes
from pointsapp.services.register import choices
from pointsapp.services.register.choices import VillageChoice
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub


class VillagePicker(QObject):
    """A village and (optionally) one of its groups; the first entry may mean "all villages"."""

    changed = Signal()  # the chosen village or group changed

    def __init__(self, villages: list[VillageChoice], *, all_villages: str | None = None, with_groups: bool = False,
                 all_groups: bool = True, parent=None):
        super().__init__(parent)
        self.all_villages, self.all_groups = all_villages, all_groups
        self.village = QComboBox()
        self.group = QComboBox() if with_groups else None
        self.villages: list[VillageChoice] = []
        self.actor: Actor | None = None  # set by ``of``: whose villages ``refill`` reads
        self.set_villages(villages)
        self.village.currentIndexChanged.connect(self._village_changed)
        if self.group is not None:
            self.group.currentIndexChanged.connect(lambda _i: self.changed.emit())

    @classmethod
    def of(cls, actor: Actor, *, hub: ChangeHub | None = None, parent=None,
           villages: list[VillageChoice] | None = None, **options) -> "VillagePicker":
        """A picker over every village ``actor`` may see (``villages``: as its page has just read them); with
        ``hub`` it follows villages added or renamed."""
        picker = cls(choices.villages(actor=actor) if villages is None else villages, parent=parent, **options)
        picker.actor = actor
        if hub is not None:  # through a child of the picker: gone with it, never called on a deleted one
            hub.follow(Changes.HOUSEHOLDS | Changes.SETTINGS, picker, picker.refill)
        return picker

    def refill(self) -> None:
        """Read the villages again (one was added or renamed), keeping the current choice."""
        self.set_villages(choices.villages(actor=self.actor))

    def set_villages(self, villages: list[VillageChoice]) -> None:
        """Refill the lists (villages or groups changed elsewhere), keeping the current choice."""
        self.villages = list(villages)
        current = self.village.currentData() if self.village.count() else None
        self.village.blockSignals(True)
        self.village.clear()
        if self.all_villages:
            self.village.addItem(self.all_villages, None)
        for v in self.villages:
            self.village.addItem(v.name, v.id)
        self.village.setCurrentIndex(max(0, self.village.findData(current)) if current is not None else 0)
        self.village.blockSignals(False)
        if self.group is not None:
            self._fill_groups()

    def _village_changed(self, _index: int) -> None:
        if self.group is not None:
            self._fill_groups()
        self.changed.emit()

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        if self.all_groups:
            self.group.addItem(QCoreApplication.translate("village_picker", "全部小组"), None)
        village = self.choice()
        for gid, name in village.groups if village else ():
            self.group.addItem(name, gid)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.setEnabled(village is not None)
        self.group.blockSignals(False)

    def choose(self, village_id: int | None) -> None:
        self.village.setCurrentIndex(max(0, self.village.findData(village_id)))

    def choice(self) -> VillageChoice | None:
        """The chosen village's details (None for "all villages" or when there is none)."""
        vid = self.village.currentData()
        return next((v for v in self.villages if v.id == vid), None)

    def village_id(self) -> int | None:
        return self.village.currentData()

    def village_name(self) -> str:
        return self.village.currentText()

    def group_id(self) -> int | None:
        return self.group.currentData() if self.group is not None else None

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(QCoreApplication.translate("village_picker", "村"), self.village)
        if self.group is not None:
            form.addRow(QCoreApplication.translate("village_picker", "村民小组"), self.group)


class VillageTab(QWidget):
    """A page or tab that shows one village's data, the village chosen in its own picker (``self.picker``), which
    follows villages added or renamed elsewhere."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.picker = VillagePicker.of(ctx.actor, hub=ctx.hub, parent=self)

    def village_id(self) -> int | None:
        return self.picker.village_id()
