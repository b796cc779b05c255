"""Take docs/views-search.png, views-people.png, views-timeline.png and views-link.png: the
real app on a project of real corpus articles (English, Hebrew, emoji tweets...) annotated
by accepting the suggestions, with a person merged and two links made, in a real X window.

    xvfb-run -a -s "-screen 0 1480x900x24" uv run python docs/screenshot_views.py [OUT_DIR]

Needs ../shared/corpus beside the repository.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = ("en_timesofisrael_netanyahu_putin.txt", "en_nytimes_haley_resigns.txt",
            "en_nymag_ailes_longform.txt", "he_israelhayom_presidential_race.txt",
            "es_cubadebate_pleno_emoji_tweets.txt", "fr_liberation_nepal_seisme.txt")
W, H = 1480, 900


def build(path: Path) -> None:
    from models import suggest
    from models.article_import import import_files
    from models.project import Project

    with Project.open(path, create=True) as p:
        done = import_files(p, [CORPUS / name for name in ARTICLES])
        for article in done.imported:
            suggest.accept(p, article.id, suggest.suggest_for_article(p, article.id))
        quotes = p.annotations.list(kinds=["quote"])
        claims = p.annotations.list(kinds=["claim"])
        if quotes and claims:  # a quote that supports a claim, one that contradicts
            p.links.add(quotes[0].id, claims[0].id, "supports")
            if len(quotes) > 3:
                p.links.add(quotes[3].id, claims[0].id, "contradicts")


def main() -> None:
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not here; these screenshots need the corpus")
    data = Path(tempfile.mkdtemp(prefix="briefmark-views-"))
    os.environ["BRIEFMARK_DATA_DIR"] = str(data)
    os.environ.setdefault("BRIEFMARK_ANNOTATOR", "Dana Levi")
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    project = data / "Netanyahu and Putin.briefmark"
    build(project)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data))
    from ui.app import run
    from ui.link_picker import LinkPicker

    window = run([], exec_loop=False)
    app = QApplication.instance()
    window.setGeometry(0, 0, W, H)
    window.open_project(project)
    views = window.views

    def shoot(name: str) -> None:
        app.processEvents()
        target = out / f"views-{name}.png"
        app.primaryScreen().grabWindow(0, 0, 0, W, H).save(str(target))
        print(f"wrote {target}")

    steps: list = []

    def search() -> None:
        views.open_search()
        views.search.query.setText("Netanyahu")
        views.search.run()

    def people() -> None:
        views.search_dock.hide()
        views.open_people()

    def timeline() -> None:
        views.people_dock.hide()
        views.open_timeline()

    def link() -> None:
        views.timeline_dock.hide()
        claim = next(a for a in window.panel.model.rows if a.kind == "claim")
        window.workspace.select_annotation(claim.id)
        QTimer.singleShot(600, lambda: (shoot("link"), _close_picker(app, LinkPicker)))
        views.link_current()

    steps = [(search, "search"), (people, "people"), (timeline, "timeline")]

    def next_step() -> None:
        if not steps:
            link()
            QTimer.singleShot(200, app.quit)
            return
        act, name = steps.pop(0)
        act()
        QTimer.singleShot(700, lambda: (shoot(name), next_step()))

    QTimer.singleShot(500, next_step)
    app.exec()


def _close_picker(app, cls) -> None:  # noqa: ANN001
    dialog = app.activeModalWidget()
    if isinstance(dialog, cls):
        dialog.reject()


if __name__ == "__main__":
    main()
