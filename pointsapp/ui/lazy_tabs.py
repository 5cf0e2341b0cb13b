"""Tabs built when first wanted: a page's first show builds only the tab on top, the others when their tab is
clicked (or when code asks for them), so a page opens as fast as its first tab.

``tabs.add_lazy(key, title, factory)`` adds a tab whose widget ``factory()`` makes; until then an empty stand-in
holds its place. Once built, the real widget replaces the stand-in in the tab itself (``tabs.widget(i)`` and
``setCurrentWidget`` see the real one). ``tabs.built(key)`` builds a tab if need be and returns its widget; a page
names its tabs' widgets as attributes with ``LazyTab``.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTab:
    """A page's attribute for the widget of one of its lazy tabs (the page keeps its ``LazyTabs`` as ``self.tabs``),
    built when first read: ``single = LazyTab("single")`` in the class body reads ``self.tabs.built("single")``."""

    def __init__(self, key: str):
        self.key = key

    def __get__(self, page, owner=None):
        return self if page is None else page.tabs.built(self.key)


class LazyTabs(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._stand_ins: dict[str, QWidget] = {}
        self._widgets: dict[str, QWidget] = {}
        self._bar_hint = None  # the tab bar's size hint when the tabs were last laid out
        self.currentChanged.connect(self._build_current)

    def event(self, event) -> bool:
        """A layout request that leaves the tab bar as it was only passes the page's new size hints on to the
        parent's layout. QTabWidget lays itself out and redraws its whole area on each one, and a page's size
        hints change each time one of its lists is filled or a status line written: the stars page was drawn three
        times in full on its first show. Tabs added, removed or renamed lay the tabs out on their own."""
        if event.type() == QEvent.LayoutRequest:
            hint = self.tabBar().sizeHint()
            if hint == self._bar_hint:
                self.updateGeometry()
                return True
            self._bar_hint = hint
        return super().event(event)

    def add_lazy(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        if self.count() == 0:  # the tab on top is shown at once: built now, in its place (a stand-in swapped for
            # it queued a layout of the page after its first paint, and the page was drawn once more)
            self.addTab(self._widgets.setdefault(key, factory()), title)
            return
        stand_in = QWidget()
        self._factories[key], self._stand_ins[key] = factory, stand_in
        self.addTab(stand_in, title)

    def is_built(self, key: str) -> bool:
        return key in self._widgets

    def built(self, key: str) -> QWidget:
        """The widget of tab ``key``, built now if it was not yet."""
        widget = self._widgets.get(key)
        if widget is not None:
            return widget
        widget = self._widgets[key] = self._factories.pop(key)()
        stand_in = self._stand_ins.pop(key)
        index, current = self.indexOf(stand_in), self.currentIndex()
        title = self.tabText(index)
        self.blockSignals(True)  # the same tab stays current: no "changed" for the swap itself
        self.removeTab(index)
        self.insertTab(index, widget, title)
        self.setCurrentIndex(current)
        self.blockSignals(False)
        stand_in.deleteLater()
        return widget

    def _build_current(self, index: int) -> None:
        """Connected first: the page's own slots for ``currentChanged`` see the real widget on top."""
        widget = self.widget(index)
        for key, stand_in in list(self._stand_ins.items()):
            if stand_in is widget:
                self.built(key)
                return
