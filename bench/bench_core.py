"""Core speed on a 1 MB article with 5,000 annotations. Prints a Markdown table.

    uv run python bench/bench_core.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import Row, print_table, timed  # noqa: E402
from bench.workload import article_text, spans  # noqa: E402
from models.article_import import import_files  # noqa: E402
from models.project import Project  # noqa: E402


class RawFloor:
    """The least SQLite can do for each kind of operation, on a scratch file in the same folder."""

    def __init__(self, folder: Path) -> None:
        self.con = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, c INT, "
                         "kind TEXT, note TEXT, tags TEXT, body TEXT)")
        self.n = 0

    def one_write(self) -> None:
        self.n += 1
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("INSERT INTO t (a, b, c, kind, note, tags) VALUES (?, ?, ?, ?, ?, ?)",
                         (self.n, self.n, self.n + 40, "quote", "", "[]"))
        self.con.execute("COMMIT")

    def many_writes(self, count: int) -> None:
        self.con.execute("BEGIN IMMEDIATE")
        self.con.executemany(
            "INSERT INTO t (a, b, c, kind, note, tags) VALUES (?, ?, ?, ?, ?, ?)",
            ((i, i * 50, i * 50 + 40, "quote", "", '["t"]') for i in range(count)))
        self.con.execute("COMMIT")

    def store_text(self, path: Path) -> None:
        text = path.read_bytes().decode("utf-8")
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("INSERT INTO t (body) VALUES (?)", (text,))
        self.con.execute("COMMIT")


def raw_select(project_file: Path, sql: str) -> Callable[[], object]:
    def run() -> None:
        con = sqlite3.connect(f"file:{project_file}?mode=ro", uri=True)
        con.execute(sql).fetchall()
        con.close()
    return run


def main() -> None:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = RawFloor(folder)
        text = article_text()
        src = folder / "big.txt"
        src.write_text(text, encoding="utf-8")
        path = folder / "b.briefmark"
        project = Project.open(path, create=True)
        t = time.perf_counter()
        report = import_files(project, [src])
        took = time.perf_counter() - t
        rows.append(Row("import 1 MB .txt article", took, timed(lambda: floor.store_text(src), 3),
                        "read, decode, one raw INSERT", "1 file"))
        art = report.imported[0].id
        text = project.articles.get(art).text
        sp = spans(text)
        t = time.perf_counter()
        project.annotations.add_many(
            project.annotations.build(article_id=art, kind=k, start=s, end=e, tags=["t"])
            for k, s, e in sp)
        took = time.perf_counter() - t
        rows.append(Row("bulk insert 5,000 annotations", took,
                        timed(lambda: floor.many_writes(len(sp)), 3),
                        "raw executemany, 1 transaction", "1 transaction"))

        one_write = timed(floor.one_write, 50)
        counter = iter(range(10_000))

        def tag() -> None:
            i = next(counter)
            project.annotations.tag_span(article_id=art, kind="quote", start=i * 50,
                                         end=i * 50 + 40, speaker="Someone")
        rows.append(Row("tag one span", timed(tag, 50), one_write, "raw 1-row transaction",
                        "median of 50, own transaction"))
        ids = [a.id for a in project.annotations.list(article_id=art)][:60]
        it = iter(ids)
        rows.append(Row("update one field", timed(
            lambda: project.annotations.update(next(it), note="checked"), 50), one_write,
            "raw 1-row transaction", "median of 50"))
        it2 = iter(ids)
        rows.append(Row("delete one annotation", timed(
            lambda: project.annotations.delete(next(it2)), 50), one_write,
            "raw 1-row transaction", "median of 50"))
        select_all = timed(raw_select(path, f"SELECT * FROM annotation WHERE article_id={art}"),
                           5)
        rows.append(Row("list all of the article", timed(
            lambda: project.annotations.list(article_id=art), 5), select_all,
            "raw SELECT of the same rows", "median of 5"))
        rows.append(Row("filter by kind + tag", timed(
            lambda: project.annotations.list(article_id=art, kinds=["quote"], tag="t"), 5),
            select_all, "raw SELECT of all rows", "median of 5"))
        rows.append(Row("text search", timed(
            lambda: project.annotations.list(search="fox news"), 5), select_all,
            "raw SELECT of all rows", "median of 5"))
        rows.append(Row("list articles with counts", timed(project.articles.list, 5),
                        timed(raw_select(path, "SELECT id, title FROM article"), 5),
                        "raw SELECT of titles", "median of 5"))
        project.close()
        rows.append(Row("reopen project", timed(
            lambda: Project.open(path).close(), 5),
            timed(raw_select(path, "SELECT count(*) FROM annotation"), 5),
            "raw connect + one SELECT", "median of 5"))
    print_table(rows, title="operation")


if __name__ == "__main__":
    main()
