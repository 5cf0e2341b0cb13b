"""首页: the dashboard page — key numbers and charts for a village or the township, one month.

On its first show the village list and the figures are read (from a local SQLite file at once, the
page drawn once with them; from a server off the UI thread once the page is drawn), and given to the tiles
and to the three charts (``dashboard_charts``: drawn by us, made once, empty until then). Every
tile, bar and point says which list lies behind it:
:meth:`DashboardPage.click_target` gives ``(page key, filter)`` and a click emits
:attr:`DashboardPage.open_page` with it, which the main window follows.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.errors import UserError
from pointsapp.services.ops.session import friendly_db_errors
from pointsapp.services.register import choices
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.services import periods
from pointsapp.ui.first_paint import after_first_paint
from pointsapp.ui.domain_labels import label as domain_label, period_label
from pointsapp.ui.context import UiContext
from pointsapp.ui.dashboard_charts import BarChart, HorizontalBarChart, LineChart
from pointsapp.ui.dashboard_lists import Item, ListCard
from pointsapp.ui.dashboard_tile import Hint, Tile, coloured, page_background, styled
from pointsapp.ui.tasks import run_quietly
from pointsapp.services.changes import Changes

if TYPE_CHECKING:
    from pointsapp.services.reports.dashboard import Dashboard

log = logging.getLogger(__name__)
TILES = ["households", "awarded", "participation", "stars", "redemptions", "stock"]


class DashboardPage(QWidget):
    open_page = Signal(str, dict)  # page key, filter (e.g. {"village_id": 1, "period": "2026-10"})
    loaded = Signal()  # the figures on screen are up to date

    def __init__(self, ctx: UiContext, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or clock.today()
        self.board: Dashboard | None = None
        self._loading = False
        self._stale = False
        self._chart_holders: dict[str, QWidget] = {}
        self.awaiting_hint: QLabel | None = None  # made when a month first awaits review

        self.picker = VillagePicker([], all_villages=self.tr("全镇"), parent=self)
        self.village_combo = self.picker.village
        self.month_combo = QComboBox()
        year, month = self.today.year, self.today.month
        for _ in range(24):
            self.month_combo.addItem(self.tr("{0}年{1}月").format(year, month), f"{year}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.reports_button = QPushButton(self.tr("报表…"))
        self.status_label = QLabel(self.tr("正在统计…"))
        coloured(self.status_label, "#777777")
        self.status_label.setWordWrap(True)  # on a narrow screen it takes two lines rather than widen the page
        self.status_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)

        bar = QHBoxLayout()
        title = styled(QLabel(self.tr("积分工作概况")), pixels=20, color="#8a1020", bold=True)
        bar.addWidget(title)
        bar.addSpacing(20)
        for caption, widget in ((self.tr("范围"), self.village_combo), (self.tr("月份"), self.month_combo)):
            bar.addWidget(QLabel(caption))
            bar.addWidget(widget)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.reports_button)
        bar.addStretch(1)
        bar.addWidget(self.status_label)

        captions = {"households": self.tr("在册户数"), "awarded": self.tr("本月加分"),
                    "participation": self.tr("本月参与率"), "stars": self.tr("星级文明户"),
                    "redemptions": self.tr("本月超市兑换"), "stock": self.tr("库存预警")}
        accents = {"stars": "#d4a017", "redemptions": "#1f77b4", "stock": "#e07000"}
        self.tiles: dict[str, Tile] = {}
        tiles_row = QHBoxLayout()
        for key in TILES:
            tile = Tile(captions[key], accents.get(key, "#c8102e"))
            tile.clicked.connect(lambda key=key: self._clicked(key, 0))
            self.tiles[key] = tile
            tiles_row.addWidget(tile)

        grid = QGridLayout()
        grid.setSpacing(10)
        for row, col, key in ((0, 0, "participation"), (0, 1, "categories"), (1, 0, "stars"), (1, 1, "lists")):
            holder = QWidget()
            holder.setLayout(QVBoxLayout())
            holder.layout().setContentsMargins(0, 0, 0, 0)
            holder.layout().setSpacing(2)
            holder.setMinimumHeight(280)
            self._chart_holders[key] = holder
            grid.addWidget(holder, row, col)
        self.participation_chart = BarChart(on_click=lambda i: self._clicked("group_participation", i))
        self.trend_chart = LineChart(on_click=lambda i: self._clicked("categories", i))
        self.star_chart = HorizontalBarChart(on_click=lambda i: self._clicked("star_bars", i),
                                             empty=QCoreApplication.translate("dashboard", "（暂无星级）"))
        for key, chart in (("participation", self.participation_chart), ("categories", self.trend_chart),
                           ("stars", self.star_chart)):
            self._chart_holders[key].layout().addWidget(chart, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.groups_label = ListCard()  # the best and weakest groups
        self.stock_label = ListCard()  # stock warnings, shelf life, points owed
        self.stock_label.linkActivated.connect(lambda _link: self._clicked("stock", 0))
        lists = QHBoxLayout()
        lists.addWidget(self.groups_label, 3)
        lists.addWidget(self.stock_label, 2)
        self._chart_holders["lists"].layout().addLayout(lists)

        body = QWidget()
        layout = QVBoxLayout(body)
        # 5 px less than Qt's margins above and below: with its figures the page fits a 1280×760 area (the bench's,
        # about a 1366×768 laptop's window) without a scroll bar, whose making and the narrower layout it brings
        # cost ~3 ms of the first show
        layout.setContentsMargins(9, 6, 9, 4)
        layout.addLayout(bar)
        layout.addLayout(tiles_row)
        layout.addLayout(grid, 1)
        body.setObjectName("body")
        page_background(body)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.village_combo.currentIndexChanged.connect(self.reload)
        self.month_combo.currentIndexChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.reports_button.clicked.connect(self._open_reports)
        ctx.hub.follow(Changes.LEDGER | Changes.HOUSEHOLDS | Changes.SHOP | Changes.STARS, self, self._data_changed)
        self._body = body
        self._started = False  # the first load starts with the first show (see _start)

    def _start(self) -> None:
        """The first load, on the first show. From a local SQLite file the village list and the figures are read
        right away, before the page is first drawn, and it is drawn once, with them: the kept figures of a township's
        month take ~7 ms, less than drawing the page empty, handing the read to the database worker and drawing it
        again with the answer (~6 ms more of the first show on a busy PC). From a server they are read on the
        worker once the page is drawn (its answer may take tens of ms), the page staying usable meanwhile; the page
        itself is covered by its opaque body and gets no paint of its own: the body does. Not on the worker from
        the first show on: a read there while the page is built and drawn takes turns with it for Python's lock
        (each wait up to 5 ms), which made both ~3x slower."""
        from pointsapp.services.reports.dashboard import read_here

        if read_here(actor=self.ctx.actor):
            self._first_load(here=True)
        else:
            after_first_paint(self._body, self._first_load)

    def _first_load(self, here: bool = False) -> None:
        """The village list and the figures read together (``here``: on this thread, else on the worker)."""
        from pointsapp.services.reports.dashboard import dashboard

        self._loading, self._stale = True, False
        actor, month = self.ctx.actor, periods.parse(self.month_code)

        def read():
            villages = choices.villages(actor=actor)
            # a single village: show it, not a "township" of one
            return villages, dashboard(actor=actor, village_id=villages[0].id if len(villages) == 1 else None,
                                       month=month)

        if not here:
            run_quietly(read, success=self._first_shown, failure=self._failed, owner=self)
            return
        try:
            with friendly_db_errors():  # a locked or unreadable file: said in Chinese, as from the worker
                found = read()
        except Exception as exc:  # noqa: BLE001 (said on the page, as a failed background read is)
            if not isinstance(exc, UserError):
                log.exception("the dashboard's first read failed")
            self._failed(exc)
            return
        self._first_shown(found)

    def _first_shown(self, read) -> None:
        villages, board = read
        self.village_combo.blockSignals(True)
        self.picker.set_villages(villages)
        if self.village_combo.count() == 2:
            self.village_combo.setCurrentIndex(1)
        self.village_combo.blockSignals(False)
        self._show(board)

    # --- loading ---------------------------------------------------------------------------

    @property
    def village_id(self) -> int | None:
        return self.village_combo.currentData()

    @property
    def month_code(self) -> str:
        return self.month_combo.currentData()

    def reload(self) -> None:
        if self._loading:
            self._stale = True
            return
        self._loading, self._stale = True, False
        self.status_label.setText(self.tr("正在统计…"))
        from pointsapp.services.reports.dashboard import dashboard

        actor, village_id, month = self.ctx.actor, self.village_id, periods.parse(self.month_code)
        # no progress box: the status label says 正在统计… and the page stays usable (making the box alone,
        # shown or not, cost ~6 ms of each load)
        run_quietly(lambda: dashboard(actor=actor, village_id=village_id, month=month),
                    success=self._show, failure=self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        from pointsapp.ui.messages import error_text

        self._loading = False
        self.status_label.setText(error_text(exc))

    def _data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._start()
        elif self._stale and not self._loading:
            self.reload()

    # --- showing ---------------------------------------------------------------------------

    def _show(self, board: Dashboard) -> None:
        self._loading = False
        self.board = board
        t = self.tiles
        t["households"].set_value(f"{board.households:,}", self.tr("{0}，{1} 个小组").format(
            domain_label(board.scope.title), len(board.groups)))
        t["awarded"].set_value(f"{board.awarded:,}", self.tr("扣分 {0}").format(board.deducted))
        joined = self.tr("{0} 户有加分").format(board.participating)
        if board.awaiting:  # a village that reviews first: its month counts once the entries take effect
            joined = self.tr("{0}；另有 {1} 条未生效").format(joined, board.awaiting)
        t["participation"].set_value(f"{100 * board.participation:.1f}%", joined)
        t["stars"].set_value(f"{board.star_households:,}", self.tr("户持有星级"))
        t["redemptions"].set_value(f"{board.redemptions:,}", self.tr("共 {0} 积分").format(board.redeemed_points))
        t["stock"].set_value(str(len(board.stock_warnings)), self.tr("种商品库存不足"))
        self._show_participation(board)
        trend_title = self.tr("近12个月各类别积分")
        today = clock.today()
        if board.months and board.months[-1] == f"{today:%Y-%m}":  # its last point is a month not yet over
            trend_title = self.tr("{0}（{1}月截至{2}日）").format(trend_title, today.month, today.day)
        self.trend_chart.set_data(trend_title, [str(int(m[5:])) for m in board.months],
                                  [(c.name, c.points) for c in board.categories])
        self.star_chart.set_data(self.tr("各星级持有户数"), [name for name, _ in board.stars],
                                 [n for _, n in board.stars])
        self._show_lists(board)
        self.status_label.setText(self.tr("{0} · {1}").format(domain_label(board.scope.title),
                                                              period_label(board.period)))
        # laid out now, from the tiles up to the scroll area (a level a turn of the event loop otherwise), so that
        # the page is painted once with its figures, not painted, moved and painted again (~5 ms)
        for _level in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        self.loaded.emit()
        if self._stale:
            self.reload()

    def participation_bars(self) -> list[tuple[str, float, dict]]:
        """The bars of the participation chart: (label, percent, filter). Per village for the township."""
        return [bar[:3] for bar in self._bars()]

    def _bars(self) -> list[tuple[str, float, dict, int]]:
        """(label, percent, filter, entries of the month not yet in effect) of each bar."""
        board = self.board
        if board is None:
            return []
        waiting = board.awaiting_groups
        if board.scope.village_id is not None:
            return [(g.group, round(100 * g.participation, 1), {"village_id": g.village_id, "group_id": g.group_id},
                     waiting.get(g.group_id, 0)) for g in board.groups]
        by_village: dict[int, list] = {}
        for g in board.groups:
            item = by_village.setdefault(g.village_id, [g.village, 0, 0, 0])
            item[1] += g.households
            item[2] += g.participating
            item[3] += waiting.get(g.group_id, 0)
        return [(name, round(100 * p / n, 1) if n else 0.0, {"village_id": vid}, w)
                for vid, (name, n, p, w) in by_village.items()]

    def participation_hint(self) -> str:
        """Why a bar is small: the groups (or villages) whose month is still under review or on notice."""
        waiting = [(label, n) for label, _rate, _filter, n in self._bars() if n]
        if not waiting:
            return ""
        sep = self.tr("、")
        named = sep.join(self.tr("{0} {1} 条").format(label, n) for label, n in waiting[:6])
        if len(waiting) > 6:
            named += self.tr("等")
        return self.tr("本月还有积分在审核或公示中（{0}），生效后才计入参与率。").format(named)

    def _show_participation(self, board: Dashboard) -> None:
        bars = self.participation_bars()
        title = self.tr("各小组参与率") if board.scope.village_id is not None else self.tr("各村参与率")
        self.participation_chart.set_data(title, [b[0] for b in bars], [b[1] for b in bars], maximum=100,
                                          suffix="%")
        hint = self.participation_hint()
        if hint and self.awaiting_hint is None:
            note = self.awaiting_hint = Hint()
            note.setObjectName("awaitingHint")
            self._chart_holders["participation"].layout().addWidget(note)
        if self.awaiting_hint is not None:
            self.awaiting_hint.setText(hint)
            self.awaiting_hint.setVisible(bool(hint))

    def _show_lists(self, board: Dashboard) -> None:
        def rows(groups):
            return [[f"{g.village if board.scope.village_id is None else ''}{g.group}", f"{g.average:.1f}",
                     f"{100 * g.participation:.0f}%"] for g in groups]

        head = [self.tr("小组"), self.tr("户均积分"), self.tr("参与率")]
        self.groups_label.set_items([
            Item("title", self.tr("户均积分前五的小组"), "#2ca02c"), Item("table", rows=[head, *rows(board.top_groups())]),
            Item("gap"),
            Item("title", self.tr("户均积分后五的小组"), "#c8102e"),
            Item("table", rows=[head, *rows(board.bottom_groups())])])
        title = self.tr("库存预警")
        if board.stock_warnings:
            items = [Item("title", title, "#e07000"),
                     Item("table", rows=[[w.name, str(w.stock), f"/ {w.low_stock}"] for w in board.stock_warnings[:10]],
                          header=False, muted_column=2)]
            if len(board.stock_warnings) > 10:
                items.append(Item("line", self.tr("还有 {0} 种…").format(len(board.stock_warnings) - 10)))
            items.append(Item("link", self.tr("查看库存")))
        else:
            items = [Item("title", title), Item("line", self.tr("所有商品库存充足。"))]
        if board.expired_lots or board.expiring_lots:
            items.append(Item("title", self.tr("保质期：已过期 {0} 批，临期 {1} 批").format(
                board.expired_lots, board.expiring_lots), "#c8102e"))
        if board.owed is not None:
            owed = board.owed.row()
            items += [Item("gap"), Item("title", self.tr("积分负债")), Item("paragraph", self.tr(
                "可用积分 {0} 分（折合 {1} 元），年底将清零 {2} 分；库存成本 {3} 元，其中捐赠 {4} 元").format(
                owed["available"], owed["owed"], owed["expiring"], owed["stock_cost"], owed["donated_cost"]))]
        self.stock_label.set_items(items)

    # --- click-through ---------------------------------------------------------------------

    def click_target(self, chart: str, index: int = 0) -> tuple[str, dict]:
        """Which page a click opens, and with which filter. ``chart`` is a tile key (see ``TILES``) or a chart:
        "group_participation" (bar ``index``), "categories" (month ``index``), "star_bars" (star ``index``)."""
        board = self.board
        base = {"village_id": self.village_id}
        period = board.period.code if board else self.month_code
        if chart == "households":
            return "households", base
        if chart == "group_participation":
            bars = self.participation_bars()
            if 0 <= index < len(bars):
                return "ranking", {**bars[index][2], "period": period}
        if chart in ("awarded", "participation", "group_participation"):
            return "ranking", {**base, "period": period}
        if chart == "categories":
            months = board.months if board else [period]
            return "ranking", {**base, "period": months[min(max(index, 0), len(months) - 1)]}
        if chart == "stars":
            return "stars", base
        if chart == "star_bars":
            stars = board.stars if board else []
            star = stars[index][0] if 0 <= index < len(stars) else None
            return "stars", {**base, "star": star}
        if chart == "redemptions":
            return "shop", {**base, "period": period}
        if chart == "stock":
            return "shop", {**base, "low_stock": True}
        raise ValueError(chart)

    def _clicked(self, chart: str, index: int) -> None:
        key, filters = self.click_target(chart, index)
        self.open_page.emit(key, filters)

    def _open_reports(self) -> None:
        from pointsapp.ui.reports_dialog import ReportsDialog

        dialog = ReportsDialog(self.ctx, self, month=self.month_code, village_id=self.village_id)
        dialog.open()
