"""Allows ``python -m pointsapp``."""
from pointsapp.cli import main

raise SystemExit(main())
