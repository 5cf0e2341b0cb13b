"""pointsapp — 村民积分管理系统: the villager points system for a village committee."""

__version__ = "0.1.0"
APP_NAME = "pointsapp"
APP_TITLE = "村民积分管理系统"
