"""导出: the .xlsx/.csv files the office takes away (roster, ledger, shop reports)."""
