"""The shared benchmark workload: a 1 MB article with 5,000 annotations, 20% overlapping."""

from __future__ import annotations

import random
from pathlib import Path

from models.project import Project
from models.values import ArticleMeta

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KINDS = ("claim", "quote", "event")


def article_text(size: int = 1_000_000) -> str:
    """About `size` characters of real news prose (the long-form corpus piece when present)."""
    source = CORPUS / "en_nymag_ailes_longform.txt"
    if source.exists():
        base = source.read_text(encoding="utf-8")
    else:
        rng = random.Random(1)
        words = "the council said on Monday that “we will” act 🎉 in Port Ellis".split()
        base = "\n\n".join(" ".join(rng.choice(words) for _ in range(80)) for _ in range(60))
    parts, n = [], 0
    while n < size:
        parts.append(base)
        n += len(base) + 2
    return "\n\n".join(parts)[:size]


def spans(text: str, count: int = 5000, overlap: float = 0.2, seed: int = 7
          ) -> list[tuple[str, int, int]]:
    """`count` word-aligned spans; `overlap` of them start inside the previous one."""
    rng = random.Random(seed)
    step = len(text) // count
    out: list[tuple[str, int, int]] = []
    for i in range(count):
        if out and rng.random() < overlap:
            _, ps, pe = out[-1]
            start = rng.randrange(ps, max(ps + 1, pe - 5))
        else:
            start = i * step
        end = min(len(text), start + rng.randrange(30, 160))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 2:
            start, end = i * step, i * step + 20
        out.append((KINDS[i % 3], start, end))
    return out


def build_project(path: Path, text: str | None = None, count: int = 5000) -> tuple[Project, int]:
    text = text or article_text()
    project = Project.open(path, create=True)
    art = project.articles.add(text, ArticleMeta(title="Benchmark article", language="en"))
    project.annotations.add_many(
        project.annotations.build(article_id=art.id, kind=k, start=s, end=e,
                                  **({"speaker": f"Speaker {s % 40}"} if k == "quote" else {}),
                                  tags=[f"tag{s % 7}"])
        for k, s, e in spans(text, count))
    return project, art.id
