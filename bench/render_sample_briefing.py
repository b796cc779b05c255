"""Render the sample briefing note to docs/sample-briefing.png (page 1 beside the first page of
the annotated text), to look at the note without Word.

    uv run --with pillow python bench/render_sample_briefing.py [--keep FOLDER]
    uv run python bench/render_sample_briefing.py --rtl FOLDER

Needs LibreOffice and poppler (apt-get install libreoffice-writer-nogui poppler-utils) and
Pillow (`uv run --with pillow ...`) or ImageMagick to join the pages. --keep writes
note.docx, note.pdf and every page's PNG into FOLDER for a closer look. --rtl writes a note
with a Hebrew claim, an Arabic claim, a Hebrew quote and an event with a Hebrew place (and
an English article for contrast) into FOLDER, as .docx, .pdf and a PNG per page, to check
right-to-left layout by eye; docs/sample-briefing.png is left alone.
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

from models.briefing import BriefingOptions, export_briefing  # noqa: E402
from models.project import Project  # noqa: E402
from models.values import ArticleMeta  # noqa: E402

FALLBACK = (
    "Council votes to close coal terminal by 2030\n\n"
    "PORT ELLIS — The council voted 7-4 on Thursday to close the coal terminal by 2030.\n\n"
    "“This is the hardest vote I have cast,” said Mayor Helena Ostrander.\n\n"
    "The terminal employs 340 people, according to the port authority. The union says the "
    "true number is closer to 900.\n"
)


def add_article(project: Project) -> None:
    """The app's sample article when it exists, else a short stand-in."""
    try:
        from models.sample import add_sample
    except ImportError:
        art = project.articles.add(FALLBACK, ArticleMeta(title=FALLBACK.split("\n")[0],
                                                         source="Harbour Gazette"))
        for kind, needle, values in (
                ("event", "The council voted 7-4 on Thursday", {"date": "2025-03-13"}),
                ("quote", "This is the hardest vote I have cast", {"speaker": "Helena Ostrander"}),
                ("claim", "the true number is closer to 900", {"status": "disputed"})):
            start = FALLBACK.index(needle)
            project.annotations.tag_span(article_id=art.id, kind=kind, start=start,
                                         end=start + len(needle), **values)
        return
    add_sample(project)


HEBREW = ("ראש הממשלה אמר כי התקציב יגדל ב-5% בשנת 2025.\n\n"
          "“ההחלטה סופית ולא נחזור בנו,” אמר שר האוצר ביום חמישי.\n\n"
          "הכנס ייערך בירושלים ב-12 במרץ עם נציגי OECD.\n")
ARABIC = "قال الوزير إن الميزانية سترتفع بنسبة 5% في عام 2025.\n\nوأكد المتحدث أن القرار نهائي.\n"
ENGLISH = "Plain English story.\n\nThe mayor said “we will appeal” today.\n"


def add_rtl_articles(project: Project) -> None:
    """Hebrew, Arabic and English articles with the annotations whose layout matters."""
    def tag(article_id: int, text: str, kind: str, needle: str, **values: object) -> None:
        start = text.index(needle)
        project.annotations.tag_span(article_id=article_id, kind=kind, start=start,
                                     end=start + len(needle), **values)

    he = project.articles.add(HEBREW, ArticleMeta(title="התקציב יגדל", source="ישראל היום"))
    tag(he.id, HEBREW, "claim", "התקציב יגדל ב-5% בשנת 2025.", claimant="ראש הממשלה (ליכוד)",
        status="disputed", note="לא ברור מה המקור.", tags=["תקציב"])
    tag(he.id, HEBREW, "quote", "ההחלטה סופית ולא נחזור בנו,", speaker="שר האוצר",
        tags=["תקציב"])
    tag(he.id, HEBREW, "event", "הכנס ייערך בירושלים ב-12 במרץ עם נציגי OECD.",
        when="12 במרץ", date="2025-03-12", where="ירושלים", participants=["נציגי OECD"])
    ar = project.articles.add(ARABIC, ArticleMeta(title="الميزانية سترتفع",
                                                  source="CNN بالعربية"))
    tag(ar.id, ARABIC, "claim", "الميزانية سترتفع بنسبة 5% في عام 2025.", claimant="الوزير",
        status="false")
    tag(ar.id, ARABIC, "quote", "القرار نهائي", speaker="المتحدث")
    en = project.articles.add(ENGLISH, ArticleMeta(title="Appeal", source="Wire"))
    tag(en.id, ENGLISH, "claim", "The mayor said", claimant="Mayor", status="verified")


def run(*cmd: str, cwd: Path) -> str:
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def join(images: list[Path], out: Path) -> None:
    """Pages side by side, with Pillow when importable, else ImageMagick."""
    try:
        from PIL import Image
    except ImportError:
        done = subprocess.run(["convert", *map(str, images), "-bordercolor", "#9a9a9a",
                               "-border", "1", "+append", str(out)], capture_output=True)
        if done.returncode:
            sys.exit("Joining pages needs Pillow or ImageMagick: run "
                     "`uv run --with pillow python bench/render_sample_briefing.py`.")
        return
    pages = [Image.open(p).convert("RGB") for p in images]
    gap = 12
    sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1),
                              max(p.height for p in pages) + 2 * gap), "#d9d9d9")
    x = gap
    for p in pages:
        sheet.paste(p, (x, gap))
        x += p.width + gap
    sheet.save(out, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the .docx, .pdf and pages in")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--rtl", type=Path, help="folder for the right-to-left check note")
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install libreoffice-writer-nogui poppler-utils")
    if args.rtl:
        render_rtl(args.rtl, max(args.dpi, 100))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        with Project.open(Path(tmp) / "sample.briefmark", create=True) as project:
            project.annotator = "Marta Kovač"
            add_article(project)
            note = export_briefing(project, work / "note.docx", BriefingOptions())
        run("soffice", "--headless", "--convert-to", "pdf", note.name, cwd=work)
        pages = int(next(line.split()[-1] for line in run("pdfinfo", "note.pdf", cwd=work)
                         .splitlines() if line.startswith("Pages:")))
        text_page = next((n for n in range(1, pages + 1) if "Annotated text" in run(
            "pdftotext", "-f", str(n), "-l", str(n), "note.pdf", "-", cwd=work)), pages)
        run("pdftoppm", "-png", "-r", str(args.dpi), "note.pdf", "page", cwd=work)
        images = sorted(work.glob("page-*.png"))
        width = len(images[0].stem.split("-")[1])
        chosen = [work / f"page-{n:0{width}d}.png" for n in (1, text_page)]
        out = ROOT / "docs" / "sample-briefing.png"
        join(chosen, out)
        print(f"{pages} pages; wrote {out.relative_to(ROOT)} (pages 1 and {text_page})")


def render_rtl(work: Path, dpi: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, \
            Project.open(Path(tmp) / "rtl.briefmark", create=True) as project:
        project.annotator = "Marta Kovač"
        add_rtl_articles(project)
        note = export_briefing(project, work / "note.docx", BriefingOptions())
    run("soffice", "--headless", "--convert-to", "pdf", note.name, cwd=work)
    run("pdftoppm", "-png", "-r", str(dpi), "note.pdf", "page", cwd=work)
    print(f"wrote {note}, note.pdf and {len(list(work.glob('page-*.png')))} page images "
          f"in {work}")


if __name__ == "__main__":
    main()
