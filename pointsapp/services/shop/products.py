"""商品: creating and editing the supermarket's products, and finding them by barcode or name.

A price change only affects redemptions made after it: every redemption line keeps
the unit price it was made at, so editing a product never rewrites the past.
"""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.models import Product, database
from pointsapp.services import audit
from pointsapp.services import limits
from pointsapp.services.register import pinyin, textnorm
from pointsapp.services.shop import household_limits
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate


class UnknownProduct(UserError):
    """A scanned or typed barcode that is not one of the shop's products."""


@dataclass
class ProductData:
    sku: str
    name: str
    price: int
    category: str = ""
    unit: str = "件"
    low_stock: int = 5
    shelf_life_days: int | None = None
    limit_quantity: int | None = None  # 限兑: at most so many per household per ``limit_period``
    limit_period: str = ""             # "month", "quarter" or "year"


EDITABLE = ("sku", "name", "price", "category", "unit", "low_stock", "shelf_life_days", "limit_quantity",
            "limit_period")


def _clean(data: ProductData) -> ProductData:
    sku = textnorm.checked(data.sku, translate("services.products", "商品条码/编号"), max_length=40)
    name = textnorm.checked(data.name, translate("services.products", "商品名称"), name=True, max_length=80)
    category = textnorm.checked(data.category, translate("services.products", "商品类别"), name=True, max_length=30)
    unit = textnorm.checked(data.unit, translate("services.products", "单位"), name=True, max_length=10)
    if not sku:
        raise UserError(translate("services.products", "商品条码/编号不能为空。"))
    if len(sku) > 40 or any(c.isspace() for c in sku):
        raise UserError(translate("services.products", "商品条码/编号不能有空格，最长 40 个字符。"))
    if not name:
        raise UserError(translate("services.products", "商品名称不能为空。"))
    if not isinstance(data.price, int) or isinstance(data.price, bool) or data.price <= 0:
        raise UserError(translate("services.products", "兑换所需积分必须是正整数。"))
    price = limits.bounded(data.price, translate("services.products", "兑换所需积分"), 1, limits.PRICE)
    if not isinstance(data.low_stock, int) or data.low_stock < 0:
        raise UserError(translate("services.products", "库存预警数量必须是不小于 0 的整数。"))
    low = limits.bounded(data.low_stock, translate("services.products", "库存预警数量"), 0, limits.LOW_STOCK)
    if data.shelf_life_days is not None and data.shelf_life_days <= 0:
        raise UserError(translate("services.products", "保质期天数必须是正整数。"))
    shelf = None if data.shelf_life_days is None else limits.bounded(
        data.shelf_life_days, translate("services.products", "保质期天数"), 1, limits.SHELF_LIFE_DAYS)
    limit, period = household_limits.checked_limit(data.limit_quantity, data.limit_period)
    return ProductData(sku, name, price, category, unit or "件", low, shelf, limit, period)


def _snapshot(p: Product) -> dict:
    return {k: getattr(p, k) for k in EDITABLE} | {"active": p.active}


def create_product(*, actor: Actor, data: ProductData, village_id: int | None = None) -> Product:
    """A new product with no stock: stock arrives through a stock-in."""
    require(actor, Permission.PRODUCT_EDIT)
    data = _clean(data)
    with database.obj.atomic():
        if Product.select().where(Product.sku == data.sku).exists():
            raise UserError(translate("services.products", "条码/编号“{0}”已被其他商品使用。").format(data.sku))
        product = Product.create(village=village_id, stock=0, **{k: getattr(data, k) for k in EDITABLE})
        audit.record(actor, "product.create", "product", product.id, None, _snapshot(product))
    return product


def edit_product(*, actor: Actor, product_id: int, data: ProductData) -> Product:
    """Change a product's details. Stock is not edited here (use a stock move)."""
    require(actor, Permission.PRODUCT_EDIT)
    data = _clean(data)
    with database.obj.atomic():
        product = product_row(product_id)
        if Product.select().where(Product.sku == data.sku, Product.id != product_id).exists():
            raise UserError(translate("services.products", "条码/编号“{0}”已被其他商品使用。").format(data.sku))
        old = _snapshot(product)
        for k in EDITABLE:
            setattr(product, k, getattr(data, k))
        product.save(only=[getattr(Product, k) for k in EDITABLE])
        audit.record(actor, "product.edit", "product", product.id, old, _snapshot(product))
    return product


def set_active(*, actor: Actor, product_id: int, active: bool) -> Product:
    """下架 (deactivate) or 上架 again. A deactivated product cannot be redeemed; its history stays."""
    require(actor, Permission.PRODUCT_EDIT)
    with database.obj.atomic():
        product = product_row(product_id)
        if product.active != active:
            Product.update(active=active).where(Product.id == product_id).execute()
            audit.record(actor, "product.activate" if active else "product.deactivate", "product", product_id,
                         {"active": product.active}, {"active": active})
            product.active = active
    return product


def deactivate(*, actor: Actor, product_id: int) -> Product:
    return set_active(actor=actor, product_id=product_id, active=False)


@dataclass(frozen=True)
class ProductView:
    """A product as the till, the stock page and the command line show it: plain data, not the model."""
    id: int
    sku: str
    name: str
    category: str
    unit: str
    price: int
    stock: int
    low_stock: int
    shelf_life_days: int | None
    limit_quantity: int | None
    limit_period: str
    active: bool


def _view(p: Product) -> ProductView:
    return ProductView(p.id, p.sku, p.name, p.category, p.unit, p.price, p.stock, p.low_stock, p.shelf_life_days,
                       p.limit_quantity, p.limit_period, bool(p.active))


def _may_read(actor: Actor) -> None:
    """The till and the stock page read the products; so do the office's reports."""
    if not (actor.can(Permission.SHOP_REDEEM) or actor.can(Permission.STOCK_EDIT)):
        require(actor, Permission.REPORT_VIEW)


def product_row(product_id: int) -> Product:
    """The product's row, for the shop's own writes (no reader: services only)."""
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise UserError(translate("services.products", "商品 #{0} 不存在。").format(product_id))
    return product


def get_product(*, actor: Actor, product_id: int) -> ProductView:
    _may_read(actor)
    return _view(product_row(product_id))


def find_by_sku(sku: str, *, actor: Actor) -> ProductView:
    """The product whose barcode/SKU is ``sku`` (what the scanner typed)."""
    _may_read(actor)
    code = (sku or "").strip()
    product = Product.get_or_none(Product.sku == code) if code else None
    if product is None:
        raise UnknownProduct(translate("services.products", "条码“{0}”不是本超市的商品，请核对或手动选择商品。").format(code))
    return _view(product)


def search(text: str = "", *, actor: Actor, include_inactive: bool = False,
           limit: int | None = None) -> list[ProductView]:
    """Products whose name, SKU, category or pinyin (full or initials: 'jy' → 酱油) contain ``text``."""
    _may_read(actor)
    query = Product.select().order_by(Product.category, Product.name)
    if not include_inactive:
        query = query.where(Product.active == True)  # noqa: E712
    needle = (text or "").strip().lower()
    out = []
    for p in query:  # a shop has tens to hundreds of products: filtering here is instant and backend-neutral
        if not needle or needle in _search_text(p):
            out.append(_view(p))
            if limit and len(out) >= limit:
                break
    return out


def _search_text(p: Product) -> str:
    return f"{p.sku} {p.name} {p.category} {pinyin.initials(p.name)} {pinyin.full(p.name)}".lower()


def low_stock(*, actor: Actor, include_inactive: bool = False) -> list[ProductView]:
    """Products at or below their warning level, emptiest first."""
    _may_read(actor)
    query = Product.select().where(Product.stock <= Product.low_stock).order_by(Product.stock, Product.name)
    if not include_inactive:
        query = query.where(Product.active == True)  # noqa: E712
    return [_view(p) for p in query]
