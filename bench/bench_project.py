"""Project-scale workload: many real-prose articles, each with 25 annotations, in the window.

    uv run python bench/bench_project.py [--articles 5000] [--rebuild]

The project is built through the project's own bulk paths (ArticleStore.insert and
AnnotationStore.insert_many inside one transaction per batch, as an import does) and cached
in the temp folder by its size, so reruns start at once; --rebuild makes it again.

The measures run in a fresh child process (offscreen Qt), so the peak memory is that of a
process that opens the project in the window, searches, fills the timeline and exports, not
of the build. Each figure stands beside a floor measured in the same run (bench/timing.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import Row, print_table, shown  # noqa: E402
from bench.workload import project_workload  # noqa: E402

WORKLOAD_VERSION = 1  # bump when the generated project changes, so caches are rebuilt
TARGETS = {"open": 1.0, "search": 0.100, "timeline": 0.300, "switch": 0.150, "export": 3.0,
           "people": 0.200}
PEAK_TARGET_MB = 400


def cached_path(articles: int) -> Path:
    """Keyed by size, workload version and schema revision: a file of an older schema would
    be upgraded by the first open, inside the measured time."""
    from models.storage import HEAD_REVISION

    folder = Path(tempfile.gettempdir()) / "briefmark-bench-project"
    folder.mkdir(exist_ok=True)
    return folder / f"project-v{WORKLOAD_VERSION}-{HEAD_REVISION}-{articles}.briefmark"


# -- floors: the least work that could do the same job ------------------------------------


def floor_library(path: Path) -> float:
    """Bare sqlite3: the library's rows and its counts by kind."""
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("SELECT id, title, source, author, published, language, imported, "
                "length(text) FROM article ORDER BY id").fetchall()
    con.execute("SELECT article_id, kind, count(*) FROM annotation "
                "GROUP BY article_id, kind").fetchall()
    con.close()
    return time.perf_counter() - t


def floor_search(path: Path, query: str) -> float:
    from models.search import fts_match

    match = fts_match(query)
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("SELECT rowid FROM article_search WHERE article_search MATCH ?",
                (match,)).fetchall()
    con.execute("SELECT rowid FROM annotation_search WHERE annotation_search MATCH ?",
                (match,)).fetchall()
    con.close()
    return time.perf_counter() - t


def floor_timeline(path: Path) -> float:
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute('SELECT a.id, a.article_id, r.title, a.date, a."when", a."where", '
                'a.participants, a.text, a.start, a."end" FROM annotation a '
                "JOIN article r ON r.id = a.article_id WHERE a.kind = 'event'").fetchall()
    con.close()
    return time.perf_counter() - t


def floor_export(path: Path, out: Path) -> float:
    """Bare sqlite3 SELECT of every annotation row, json.dumps of them, written to a file."""
    t = time.perf_counter()
    con = sqlite3.connect(path)
    rows = con.execute("SELECT * FROM annotation").fetchall()
    con.close()
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return time.perf_counter() - t


def median(samples: list[float]) -> float:
    return statistics.median(samples)


# -- the measuring child --------------------------------------------------------------------


def measure(path: Path, out_dir: Path) -> dict:
    """Everything the table shows, in this (fresh) process; returns plain data."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from models.export import export_project
    from models.project import Project
    from models.search import search_project
    from models.timeline import project_timeline
    from ui.app import make_app
    from ui.main_window import MainWindow

    results: dict = {"rows": []}

    def row(key: str, name: str, seconds: float, floor: float, floor_name: str,
            note: str = "") -> None:
        results["rows"].append({"key": key, "name": name, "seconds": seconds, "floor": floor,
                                "floor_name": floor_name, "note": note})

    app = make_app()
    settings = QSettings(str(out_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    # Open: the project in the shown window until the library is painted with its cards.
    # The first open of the process is the one a user waits for; later ones are reopens.
    opens = []
    for _ in range(3):
        t = time.perf_counter()
        window.open_project(path)
        window.library.view.viewport().repaint()
        window.reader.viewport().repaint()
        app.processEvents()
        opens.append(time.perf_counter() - t)
    listed = window.library.model.rowCount()
    row("open", "open the project, library painted", opens[0],
        median([floor_library(path) for _ in range(5)]),
        "bare sqlite3: library rows + counts",
        f"{listed:,} articles listed; reopens {shown_list(opens[1:])}")

    project: Project = window.session.project
    # Search: the panel a user types into (Ctrl+Shift+F), from the search starting to its
    # first hits painted; the rest arrive in slices between events, timed as a note.
    panel = window.views.search
    window.views.open_search()
    for word, what in (("Tantaros", "rare"), ("Murdoch", "common")):
        panel.query.setText(word)
        firsts, wholes, alone = [], [], []
        for _ in range(5):
            t = time.perf_counter()
            panel.run()
            panel.results.viewport().repaint()
            firsts.append(time.perf_counter() - t)
            while panel.last is None:
                app.processEvents()
            wholes.append(time.perf_counter() - t)
            t = time.perf_counter()
            hits = search_project(project, word)
            alone.append(time.perf_counter() - t)
        row("search", f"search one {what} word ({word}), first results shown", median(firsts),
            median([floor_search(path, word) for _ in range(5)]), "bare FTS5 queries",
            f"{len(hits.hits):,} hits in {len(hits.by_article()):,} articles"
            + (" (stops at the limit)" if hits.truncated else "")
            + f"; all shown {shown(median(wholes))}; search_project alone "
            f"{shown(median(alone))}")
    window.views.search_dock.hide()

    # Timeline: the view a user opens (Ctrl+Shift+T), filled and painted; project_timeline
    # alone beside it (it builds each entry when the view reads it, so alone it says less).
    # The events are read on a thread: the time is until they are listed and painted.
    views = window.views
    first_view, times = timed_view(app, views.open_timeline, views.timeline,
                                   views.timeline.table)
    shown_events = views.timeline.model.rowCount()
    views.timeline_dock.hide()
    alone, events = [], []
    for _ in range(3):
        t = time.perf_counter()
        events = project_timeline(project)
        alone.append(time.perf_counter() - t)
    row("timeline", "Timeline view filled and painted (refresh)", median(times),
        median([floor_timeline(path) for _ in range(3)]), "bare SELECT of event rows",
        f"{shown_events:,} events listed; first open {shown(first_view)}; "
        f"project_timeline alone {shown(median(alone))} ({len(events):,} events)")

    people_row(window, path, row)

    # Switch article: the reader shows another article's text with its highlights.
    ids = [a.id for a in window.library.model.articles]
    picks = [ids[(i * 7919) % len(ids)] for i in range(1, 22)]
    reader = window.reader
    switches = []
    for article_id in picks:
        t = time.perf_counter()
        window.open_article(article_id)
        reader.viewport().repaint()
        app.processEvents()
        switches.append(time.perf_counter() - t)
    texts = [project.articles.get(i).text for i in picks]
    bare = QPlainTextEdit()
    bare.resize(reader.size())
    bare.show()
    app.processEvents()
    bare_times = []
    for text in texts:
        t = time.perf_counter()
        bare.setPlainText(text)
        bare.viewport().repaint()
        app.processEvents()
        bare_times.append(time.perf_counter() - t)
    bare.close()
    marks = len(reader.annotations)
    row("switch", "switch to another article (text + highlights, painted)",
        median(switches[1:]), median(bare_times[1:]), "bare QPlainTextEdit.setPlainText",
        f"median of {len(switches) - 1}, max {shown(max(switches[1:]))}; "
        f"{len(texts[-1]):,} chars, {marks} annotations")

    # Export: the whole project as JSON, written to a file, the way the app and CLI do it.
    # Its floor runs in the parent, so that the peak below is the product's alone.
    target = out_dir / "export.json"
    times = []
    for _ in range(2):
        t = time.perf_counter()
        export_project(project, "json", target)
        times.append(time.perf_counter() - t)
    size = target.stat().st_size
    row("export", "JSON export of the whole project, to a file", median(times), 0.0,
        "bare SELECT of annotation rows + json.dumps + write",
        f"{size / 1e6:.0f} MB (article texts included)")

    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    QApplication.processEvents()
    return results


def timed_view(app, open_view, panel, table, before=None) -> tuple[float, list[float]]:  # noqa: ANN001
    """A project view opened, then refreshed three times, each until what it read on its
    thread is listed and painted: (first open, the refreshes). `before(n)` runs before
    each refresh, outside the time."""
    t = time.perf_counter()
    open_view()
    panel.reads.wait()
    table.viewport().repaint()
    app.processEvents()
    first = time.perf_counter() - t
    times = []
    for n in range(3):
        if before is not None:
            before(n)
        t = time.perf_counter()
        panel.refresh(wait=True)
        table.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t)
    return first, times


def people_row(window, path: Path, row) -> None:  # noqa: ANN001
    """The People view (Ctrl+Shift+E) filled and painted: counts per person from every
    annotation, the proposals, the table; beside a bare SELECT of the people columns."""
    from PySide6.QtWidgets import QApplication

    def floor() -> float:
        t = time.perf_counter()
        con = sqlite3.connect(path)
        con.execute("SELECT speaker, claimant, participants FROM annotation").fetchall()
        con.execute("SELECT * FROM person").fetchall()
        con.close()
        return time.perf_counter() - t

    # After a write, as a user meets it (unchanged, the counts are kept: a note says how
    # fast that is). The write is outside the time.
    views = window.views
    project = window.session.project
    some = project.annotations.list(article_id=window.library.model.articles[0].id)[0]

    def write(n: int) -> None:
        project.annotations.update(some.id, note=f"bench note {n}")

    first, times = timed_view(QApplication.instance(), views.open_people, views.people,
                              views.people.table, before=write)
    _, kept = timed_view(QApplication.instance(), views.open_people, views.people,
                         views.people.table)
    listed = views.people.table.topLevelItemCount()
    views.people_dock.hide()
    row("people", "People view filled and painted (refresh after a write)", median(times),
        median([floor() for _ in range(3)]), "bare SELECT of people columns + person rows",
        f"{listed:,} people listed; first open {shown(first)}; unchanged "
        f"{shown(median(kept))}")


def shown_list(seconds: list[float]) -> str:
    return ", ".join(shown(s) for s in seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rebuild", action="store_true", help="build the project again")
    parser.add_argument("--measure", metavar="PATH", help=argparse.SUPPRESS)  # the child
    args = parser.parse_args()
    if args.measure:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(measure(Path(args.measure), Path(tmp))))
        return

    path = cached_path(args.articles)
    if args.rebuild or not path.exists():
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
        t = time.perf_counter()
        building = path.with_name(path.name + ".building")
        building.unlink(missing_ok=True)
        project_workload(building, args.articles)
        building.rename(path)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")
    done = subprocess.run([sys.executable, __file__, "--measure", str(path)],
                          capture_output=True, text=True, env=dict(os.environ))
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as tmp:  # right after the child: the same run
        export_floor = median([floor_export(path, Path(tmp) / "floor.json") for _ in range(2)])
    for r in results["rows"]:
        if r["key"] == "export":
            r["floor"] = export_floor
    con = sqlite3.connect(path)
    n_articles, = con.execute("SELECT count(*) FROM article").fetchone()
    n_ann, = con.execute("SELECT count(*) FROM annotation").fetchone()
    con.close()
    rows = []
    for r in results["rows"]:
        target = TARGETS.get(r["key"])
        verdict = "" if target is None else \
            f"target ≤ {shown(target)}: {'met' if r['seconds'] <= target else 'MISSED'}"
        rows.append(Row(r["name"], r["seconds"], r["floor"], r["floor_name"],
                        "; ".join(x for x in (r["note"], verdict) if x)))
    print(f"{n_articles:,} articles of ~6,000 characters, {n_ann:,} annotations, "
          f"{path.stat().st_size / 1e6:.0f} MB file")
    print()
    print_table(rows)
    peak = results["peak_mb"]
    print(f"\nPeak memory of the process doing open + search + timeline + switches + export: "
          f"{peak:.0f} MB (target ≤ {PEAK_TARGET_MB} MB: "
          f"{'met' if peak <= PEAK_TARGET_MB else 'MISSED'})")


if __name__ == "__main__":
    main()
