"""Briefmark's core: project files, articles, annotations and exports. Never imports Qt."""
