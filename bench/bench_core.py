"""Core speed on a 1 MB article with 5,000 annotations. Prints a Markdown table.

    uv run python bench/bench_core.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import timed  # noqa: E402
from bench.workload import article_text, spans  # noqa: E402
from models.article_import import import_files  # noqa: E402
from models.project import Project  # noqa: E402


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = article_text()
        src = folder / "big.txt"
        src.write_text(text, encoding="utf-8")
        project = Project.open(folder / "b.briefmark", create=True)
        t = time.perf_counter()
        report = import_files(project, [src])
        rows.append(("import 1 MB .txt article", time.perf_counter() - t, "1 file"))
        art = report.imported[0].id
        text = project.articles.get(art).text
        sp = spans(text)
        t = time.perf_counter()
        project.annotations.add_many(
            project.annotations.build(article_id=art, kind=k, start=s, end=e, tags=["t"])
            for k, s, e in sp)
        rows.append(("bulk insert 5,000 annotations", time.perf_counter() - t, "1 transaction"))

        counter = iter(range(10_000))

        def tag() -> None:
            i = next(counter)
            project.annotations.tag_span(article_id=art, kind="quote", start=i * 50,
                                         end=i * 50 + 40, speaker="Someone")
        rows.append(("tag one span", timed(tag, 50), "median of 50, own transaction"))
        ids = [a.id for a in project.annotations.list(article_id=art)][:60]
        it = iter(ids)
        rows.append(("update one field", timed(
            lambda: project.annotations.update(next(it), note="checked"), 50), "median of 50"))
        it2 = iter(ids)
        rows.append(("delete one annotation", timed(
            lambda: project.annotations.delete(next(it2)), 50), "median of 50"))
        rows.append(("list all of the article", timed(
            lambda: project.annotations.list(article_id=art), 5), "median of 5"))
        rows.append(("filter by kind + tag", timed(
            lambda: project.annotations.list(article_id=art, kinds=["quote"], tag="t"), 5),
            "median of 5"))
        rows.append(("text search", timed(
            lambda: project.annotations.list(search="fox news"), 5), "median of 5"))
        rows.append(("list articles with counts", timed(project.articles.list, 5), "median of 5"))
        project.close()
        rows.append(("reopen project", timed(
            lambda: Project.open(folder / "b.briefmark").close(), 5), "median of 5"))
    print("| operation | time | notes |")
    print("|---|---|---|")
    for name, secs, note in rows:
        shown = f"{secs * 1000:.1f} ms" if secs < 1 else f"{secs:.2f} s"
        print(f"| {name} | {shown} | {note} |")


if __name__ == "__main__":
    main()
