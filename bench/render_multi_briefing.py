"""Render a several-article briefing note to docs/briefing-multi-N.png, its first pages, to
look at the note's synthesis without Word: three corpus articles (English, Hebrew) with the
suggestions accepted, a claim disputed, links between quotes and claims across articles,
and a bottom line.

    uv run python bench/render_multi_briefing.py [--pages 3] [--keep FOLDER]

Needs ../shared/corpus, LibreOffice and poppler (apt-get install libreoffice-writer-nogui
poppler-utils). --keep writes note.docx, note.pdf and every page's PNG into FOLDER.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import suggest  # noqa: E402
from models.article_import import import_files  # noqa: E402
from models.briefing import BriefingOptions, export_briefing  # noqa: E402
from models.project import Project  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = ("en_timesofisrael_netanyahu_putin.txt", "he_israelhayom_presidential_race.txt",
            "en_nytimes_haley_resigns.txt")
BOTTOM_LINE = ("Israel and Russia say their military coordination over Syria is deepening.\n"
               "- Who proposed the mechanism is disputed.\n"
               "- Hebrew coverage contradicts one of the claims.")


def build(folder: Path) -> Path:
    path = folder / "multi.briefmark"
    with Project.open(path, create=True, annotator="Dana Levi") as p:
        done = import_files(p, [CORPUS / name for name in ARTICLES])
        for article in done.imported:
            suggest.accept(p, article.id, suggest.suggest_for_article(p, article.id))
        first, second = done.imported[0].id, done.imported[1].id
        claims = p.annotations.list(article_id=first, kinds=["claim"])
        quotes = p.annotations.list(article_id=first, kinds=["quote"])
        events = p.annotations.list(article_id=first, kinds=["event"])
        p.annotations.update(claims[1].id, status="disputed",
                             note="Russia's account of the mechanism differs.")
        p.links.add(quotes[0].id, claims[0].id, "supports")
        p.links.add(quotes[2].id, claims[0].id, "contradicts")
        p.links.add(events[0].id, claims[1].id, "supports", cites_status=True)
        hebrew = p.annotations.list(article_id=second, kinds=["claim"])
        if hebrew and len(claims) > 2:
            p.links.add(hebrew[0].id, claims[2].id, "contradicts")
        out = export_briefing(p, folder / "note.docx", BriefingOptions(
            title="Israel, Russia and Syria: three reports", bottom_line=BOTTOM_LINE))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--keep", metavar="FOLDER", type=Path)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not here; this note is made of corpus articles")
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install libreoffice-writer-nogui "
                             "poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        note = build(folder)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                        str(folder), str(note)], check=True, capture_output=True, timeout=300)
        pdf = note.with_suffix(".pdf")
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(args.pages),
                        str(pdf), str(folder / "page")], check=True, timeout=300)
        pages = sorted(folder.glob("page-*.png"))
        for n, page in enumerate(pages, start=1):
            target = ROOT / "docs" / f"briefing-multi-{n}.png"
            shutil.copyfile(page, target)
            print(f"wrote {target}")


if __name__ == "__main__":
    main()
