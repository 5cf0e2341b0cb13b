"""The till's product buttons: as many columns as the width allows, never cut off at the edge (1024 px, English)."""
from __future__ import annotations

import pytest

from pointsapp.services.auth import Role
from pointsapp.ui.cashier_products import ProductGrid
from tests.shop_helpers import make_shop


@pytest.fixture
def grid(qtbot, admin, actor_of, english):
    make_shop(admin)
    widget = ProductGrid(actor_of(Role.CASHIER))
    qtbot.addWidget(widget)
    return widget


def _cut_off(grid) -> list[str]:
    viewport = grid.scroll.viewport()
    return [b.text() for b in grid.buttons
            if b.mapTo(viewport, b.rect().bottomRight()).x() > viewport.width()]


@pytest.mark.parametrize("width", [200, 290, 420, 900])
def test_every_product_button_is_whole_at_any_width(qtbot, grid, width):
    grid.resize(width, 500)
    grid.show()
    qtbot.waitExposed(grid)
    qtbot.waitUntil(lambda: not _cut_off(grid), timeout=2000)
    if width >= 900:
        assert grid.columns() == ProductGrid.COLUMNS  # a wide screen keeps three


def test_narrowing_the_window_moves_buttons_to_fewer_columns(qtbot, grid):
    grid.resize(900, 500)
    grid.show()
    qtbot.waitExposed(grid)
    assert grid.columns() == ProductGrid.COLUMNS
    grid.resize(220, 500)
    qtbot.waitUntil(lambda: grid.columns() < ProductGrid.COLUMNS and not _cut_off(grid), timeout=2000)
