"""Briefmark's desktop interface (PySide6). Reaches the core only through models/."""
