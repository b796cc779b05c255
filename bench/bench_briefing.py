"""Briefing-note export speed: a ~200 KB article with 2,000 annotations (some overlapping).

    uv run python bench/bench_briefing.py

Prints a Markdown table (median of 3 runs each) for docs/benchmarks.md.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx import Document  # noqa: E402

from bench.timing import Row, print_table, timed  # noqa: E402
from models.briefing import BriefingOptions, export_briefing  # noqa: E402
from models.project import Project  # noqa: E402
from models.values import ArticleMeta  # noqa: E402

_VOCABULARY = (
    "council port harbour union terminal coal vote closure jobs grant fund minister report "
    "figures contractors shipments berth city mayor workers budget plan spokesperson said "
    "claimed according statement estimate percent million year week Thursday officials "
    "residents protest meeting election decision agency")
WORDS = _VOCABULARY.split()
NAMES = [f"{first} {last}" for first in ("Ana", "Ben", "Chen", "Dana", "Eli", "Fatima")
         for last in ("Ostrander", "Achterberg", "Raman", "Brekke", "Kovač")]
STATUSES = ("unverified", "verified", "disputed", "false")


def article(rng: random.Random, size: int = 200_000) -> str:
    paragraphs, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
            sentences.append(" ".join(words).capitalize() + ".")
        p = " ".join(sentences)
        if rng.random() < 0.03:
            p = "הממשלה אישרה את התוכנית ביום חמישי, אמר הדובר. " + p
        if rng.random() < 0.05:
            p += " 🙂"
        paragraphs.append(p)
        total += len(p) + 2
    return "\n\n".join(paragraphs)


def make_project(folder: Path, n: int = 2000) -> tuple[Project, int]:
    rng = random.Random(7)
    text = article(rng)
    project = Project.open(folder / "bench.briefmark", create=True)
    art = project.articles.add(text, ArticleMeta(
        title="Port Ellis coal terminal: the long read", source="Harbour Gazette",
        author="Marta Kovač", url="https://example.org/port-ellis", published="2025-03-14",
        summary="A long article used to time the briefing-note export."))
    step = len(text) // n
    built = []
    for i in range(n):
        start = i * step + rng.randint(0, 10)
        if i % 10 == 9:  # every tenth span starts inside the previous one
            start -= step // 2
        end = min(len(text), start + rng.randint(20, 90))
        if not text[start:end].strip():
            continue
        kind = ("claim", "quote", "event")[i % 3]
        values: dict = {"tags": [f"tag{rng.randint(1, 25)}"] if rng.random() < 0.3 else []}
        if rng.random() < 0.5:
            values["note"] = "Check against the council minutes; the figure differs."
        if kind == "claim":
            values.update(claimant=rng.choice(NAMES), status=rng.choice(STATUSES))
        elif kind == "quote":
            values.update(speaker=rng.choice(NAMES))
        else:
            values.update(where="Port Ellis", participants=[rng.choice(NAMES)])
            if rng.random() < 0.7:
                values.update(date=f"20{rng.randint(19, 30)}-0{rng.randint(1, 9)}-1{i % 10}",
                              when="that day")
        built.append(project.annotations.build(article_id=art.id, kind=kind, start=start,
                                               end=end, **values))
    project.annotations.add_many(built)
    return project, art.id


def bare_docx(text: str, out: Path, *, with_text: bool) -> None:
    """The floor: python-docx writing the article's paragraphs plainly, no runs or comments."""
    doc = Document()
    doc.add_heading("Floor", 0)
    if with_text:
        for para in text.split("\n\n"):
            doc.add_paragraph(para)
    doc.save(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project, art = make_project(folder)
        text = project.articles.get(art).text
        n = len(project.annotations.list(article_id=art))
        out = folder / "note.docx"
        floor_out = folder / "floor.docx"
        with_text = timed(lambda: bare_docx(text, floor_out, with_text=True), 3)
        without = timed(lambda: bare_docx(text, floor_out, with_text=False), 3)
        cases = [
            ("annotated text with comments + all sections", BriefingOptions(), with_text),
            ("sections only (no annotated text)", BriefingOptions(include_text=False), without),
            ("claims only, in text order", BriefingOptions(kinds=("claim",), claims_by="order"),
             with_text),
        ]
        rows = []
        for label, options, floor in cases:
            seconds = timed(lambda o=options: export_briefing(project, out, o), 3)
            with zipfile.ZipFile(out) as z:
                comments = z.read("word/comments.xml").count(b"<w:comment ") \
                    if "word/comments.xml" in z.namelist() else 0
            floor_name = ("python-docx: plain paragraphs, save" if floor is with_text
                          else "python-docx: empty note, save")
            rows.append(Row(label, seconds, floor, floor_name,
                            f"{out.stat().st_size / 1024:.0f} KB, {comments:,} comments"))
        project.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Article: {len(text):,} characters, {n:,} annotations (every tenth overlaps the one "
          "before). Median of 3 runs.\n")
    print_table(rows, title="export")
    print(f"\nPeak RSS of the whole run: {peak:.0f} MB.")


if __name__ == "__main__":
    main()
