"""Import of hostile inputs, each beside a floor from the same run (reading and decoding the
same bytes) and the ratio. Run: uv run python bench/bench_import.py"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.importers import read_article_file  # noqa: E402


def _docx(text: str, path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    doc.save(path)


def main() -> None:
    d = Path(tempfile.mkdtemp())
    para = ("Officials said on Oct. 9, 2018 that “nothing” changed; 😀 שלום. " * 8000)[:500_000]
    cases = {"para.txt": para, "line.md": ("*a _b [c `d " * 10_000)[:120_000],
             "brackets.md": ("[" * 60_000 + "](" * 30_000)[:120_000]}
    for name, text in cases.items():
        (d / name).write_text(text, encoding="utf-8")
    _docx(para, d / "para.docx")
    read_article_file(d / "para.txt")  # warm imports
    for f in sorted(d.iterdir()):
        t = time.perf_counter()
        f.read_bytes().decode("utf-8", errors="replace")
        floor = time.perf_counter() - t
        t = time.perf_counter()
        read_article_file(f)
        took = time.perf_counter() - t
        print(f"{f.name:14} {took:8.3f} s   floor {floor:8.4f} s   ratio {took / floor:8.0f}")


if __name__ == "__main__":
    main()
