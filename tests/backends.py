"""Marks for tests that only make sense on one database backend."""
import pytest

sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])  # e.g. PRAGMAs, file damage, file backups
postgres_only = pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])  # e.g. column widths
