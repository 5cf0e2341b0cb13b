"""The PySide6 GUI: one module per page or dialog; services do the work, pages show it."""
