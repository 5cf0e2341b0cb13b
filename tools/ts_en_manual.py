"""English for the user manual's window (F1, ui/help_dialog.py) and the printed manual (printing/manual.py)
(branch manual, issue 23). Read by tools/ts_fill.py with the other tools/ts_en_*.py files. The chapters
themselves carry their own English summaries (docs/manual)."""

TRANSLATIONS = {
    '使用手册': 'User manual',
    '找不到使用手册：{0}': 'The user manual cannot be found: {0}',
    '目录': 'Contents',
}
