"""Workspace speed on a 1 MB article with 5,000 annotations (20 % overlapping), offscreen.

    uv run python bench/bench_ui.py

Prints a Markdown table; the numbers go in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import Row, print_table  # noqa: E402

COLD_START = """
import time, sys, os
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
os.environ["BRIEFMARK_DATA_DIR"] = {data!r}
from PySide6.QtCore import QTimer, QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {data!r})
from ui.app import run
w = run([{project!r}], exec_loop=False)
from PySide6.QtWidgets import QApplication
w.reader.viewport().repaint()
QApplication.processEvents()
print(time.perf_counter() - t0)
"""


# The floor for a cold start: a new process that shows and paints an empty Qt window.
COLD_FLOOR = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(QPlainTextEdit())
w.show()
w.centralWidget().viewport().repaint()
app.processEvents()
print(time.perf_counter() - t0)
"""


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def cold_runs(script: str, runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=dict(os.environ))
        out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from bench.workload import build_project
    from ui.app import make_app
    from ui.main_window import MainWindow

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project, article_id = build_project(folder / "bench.briefmark")
        text = project.articles.get(article_id).text
        n_ann = len(project.annotations.list(article_id=article_id))
        project.close()
        # A small second article so that opening the big one is a real switch.
        from models.project import Project
        from models.values import ArticleMeta

        with Project.open(folder / "bench.briefmark") as p:
            small = p.articles.add("A short article.\n\nWith two paragraphs.",
                                   ArticleMeta(title="Small")).id

        # Cold start: a fresh process to a painted window on this project.
        cold = cold_runs(COLD_START.format(root=str(ROOT), data=str(folder),
                                           project=str(folder / "small.briefmark")))
        rows.append(Row("cold start to a usable window (new process)", median(cold),
                        median(cold_runs(COLD_FLOOR)), "empty Qt window, new process",
                        "target < 1.5 s"))

        app = make_app()
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        window.open_project(folder / "bench.briefmark")
        reader = window.reader

        opens = []
        for _ in range(7):
            window.open_article(small)
            app.processEvents()
            t = time.perf_counter()
            window.open_article(article_id)
            reader.viewport().repaint()
            app.processEvents()
            opens.append(time.perf_counter() - t)
        highlighted = sum(len(v) for v in reader.highlighter.index.by_block.values())
        bare = QPlainTextEdit()
        bare.resize(reader.size())
        bare.show()
        bare_opens = []
        for _ in range(7):
            bare.setPlainText("")
            app.processEvents()
            t = time.perf_counter()
            bare.setPlainText(text)
            bare.viewport().repaint()
            app.processEvents()
            bare_opens.append(time.perf_counter() - t)
        bare.close()
        rows.append(Row(f"open 1 MB article with {n_ann:,} annotations, painted",
                        median(opens), median(bare_opens), "bare QPlainTextEdit, same text",
                        "target < 300 ms"))

        def timed(action) -> float:  # noqa: ANN001
            t = time.perf_counter()
            action()
            reader.viewport().repaint()
            app.processEvents()
            return time.perf_counter() - t

        repaints = [timed(lambda: None) for _ in range(30)]
        repaint = median(repaints)
        floor_name = "one repaint of the reader"
        tags, deletes, undos, redos = [], [], [], []
        stack = window.session.undo_stack
        for i in range(30):
            start = 1000 + i * 30_000
            while text[start].isspace():
                start += 1
            reader.select_span(start, start + 25)
            tags.append(timed(lambda: window.tag("quote")))
            undos.append(timed(stack.undo))
            redos.append(timed(stack.redo))
            deletes.append(timed(window.annotator.delete_current))
        for name, samples in (("tag one span (write + repaint)", tags),
                              ("delete one annotation", deletes), ("undo", undos),
                              ("redo", redos)):
            rows.append(Row(name, median(samples), repaint, floor_name, "target < 16 ms"))

        keys = []
        for word in ("fox", "ailes", "said"):
            for n in range(1, len(word) + 1):
                t = time.perf_counter()
                window.panel.search.setText(word[:n])
                app.processEvents()
                keys.append(time.perf_counter() - t)
            window.panel.search.clear()
        rows.append(Row("annotation filter, per keystroke", median(keys), repaint, floor_name,
                        f"max {max(keys) * 1000:.1f} ms; target < 50 ms"))
        lib = []
        for n in range(1, 6):
            t = time.perf_counter()
            window.library.filter.setText("bench"[:n])
            app.processEvents()
            lib.append(time.perf_counter() - t)
        rows.append(Row("library filter, per keystroke", median(lib), repaint, floor_name))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.close()
        QApplication.processEvents()

    print(f"Workload: {len(text):,} characters, {n_ann:,} annotations, "
          f"{highlighted:,} paragraph-span entries highlighted")
    print()
    print_table(rows)
    print(f"\nPeak memory of this process, whole run: {peak:.0f} MB (target < 300 MB; "
          f"peak before the window was made, workload built: {base_rss:.0f} MB).")


if __name__ == "__main__":
    main()
