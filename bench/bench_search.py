"""Project search on a project of many real-prose articles with annotations.

    uv run python bench/bench_search.py [--articles 1000]

Each figure is printed beside its floor: the bare FTS5 queries that return the same
candidate rows, in the same run (bench/timing.py).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import Row, print_table, timed  # noqa: E402
from bench.workload import article_text  # noqa: E402
from models.project import Project  # noqa: E402
from models.search import fts_match, search_project  # noqa: E402
from models.values import ArticleMeta  # noqa: E402

KINDS = ("claim", "quote", "event")


def build(path: Path, articles: int, per_article: int = 25) -> None:
    prose = article_text(2_000_000)
    rng = random.Random(5)
    with Project.open(path, create=True, annotator="Bench") as p:
        for i in range(articles):
            at = rng.randrange(0, len(prose) - 7000)
            text = f"Article {i}\n\n" + prose[at:at + 6000]
            a = p.articles.add(text, ArticleMeta(title=f"Article {i}", source="Bench"))
            built = []
            for _ in range(per_article):
                s = rng.randrange(20, len(a.text) - 200)
                e = s + rng.randrange(20, 180)
                if not a.text[s:e].strip():
                    continue
                kind = rng.choice(KINDS)
                extra = {"speaker": "Roger Ailes"} if kind == "quote" else {}
                built.append(p.annotations.build(article_id=a.id, kind=kind, start=s, end=e,
                                                 note=f"note {i}", **extra))
            p.annotations.add_many(built)


def floor(path: Path, query: str):  # noqa: ANN201
    match = fts_match(query)

    def run() -> int:
        con = sqlite3.connect(path)
        n = len(con.execute("SELECT rowid FROM article_search WHERE article_search MATCH ?",
                            (match,)).fetchall())
        n += len(con.execute("SELECT rowid FROM annotation_search WHERE annotation_search "
                             "MATCH ?", (match,)).fetchall())
        con.close()
        return n
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    n = parser.parse_args().articles
    folder = Path(tempfile.mkdtemp(prefix="bm-search-"))
    path = folder / "search.briefmark"
    build(path, n)
    rows = []
    with Project.open(path) as p:
        for query, what in (("Tantaros", "one rare word"), ("Murdoch", "one common word"),
                            ('"Fox News"', "a phrase"), ("Ailes Murdoch", "two words")):
            result = search_project(p, query)
            seconds = timed(lambda q=query: search_project(p, q), repeat=5)
            rows.append(Row(f"{what} ({query})", seconds, timed(floor(path, query), repeat=5),
                            "bare FTS5 queries for the candidates",
                            f"{len(result.hits)} hits in {len(result.by_article())} articles"))
    print(f"{n} articles of ~6,000 characters, {n * 25} annotations")
    print_table(rows, title="search")


if __name__ == "__main__":
    main()
