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


# -- a project of many articles (bench/bench_project.py) ------------------------------------

FIRST_NAMES = ("Anna Ben Chloé Dmitri Elena Farid Grace Hiro Ines Jonas Kofi Lena Mateo Nadia "
               "Omar Priya Quentin Rosa Sven Tamar Umar Vera Wei Ximena Yusuf Zoë Aisha Bruno "
               "Carmen Dario Esther Felix Gita Hugo Ivana Jamal Katya Luis Mira Noah").split()
SURNAMES = ("Ailes Baker Castro Dubois Ekström Fischer García Haddad Ito Jansen Kowalski "
            "López Müller Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka").split()
PLACES = ("New York", "Washington", "London", "Jerusalem", "Moscow", "Paris", "Kathmandu",
          "Port Ellis", "Beijing", "São Paulo")
TAGS = ("media", "politics", "legal", "money", "harassment", "election", "ratings", "tv",
        "disputed", "follow-up", "background", "timeline", "source", "quote-check")


def people_names() -> list[str]:
    """800 distinct names (40 first names × 20 surnames)."""
    return [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]


def project_workload(path: Path, articles: int, per_article: int = 25, size: int = 6000,
                     seed: int = 11) -> None:
    """A project of `articles` slices of real prose (`size` characters each) with
    `per_article` annotations each: claims, quotes and events mixed, people drawn from 800
    names, tags, event dates of mixed precision (2015, 2015-11, 2015-11-30) and some empty.
    Built through the bulk paths an import uses: ArticleStore.insert and
    AnnotationStore.insert_many inside one transaction per 250 articles."""
    from models.textnorm import normalise_text

    prose = normalise_text(article_text(2_000_000))
    names = people_names()
    rng = random.Random(seed)
    with Project.open(path, create=True, annotator="Bench") as p:
        store = p.annotations
        for first in range(0, articles, 250):
            with p.writing() as con:
                for i in range(first, min(first + 250, articles)):
                    at = rng.randrange(0, len(prose) - size - 1000)
                    while at > 0 and not prose[at - 1].isspace():
                        at += 1
                    text = f"Article {i}\n\n" + prose[at:at + size].strip()
                    year = rng.randrange(1996, 2024)
                    meta = ArticleMeta(title=f"Article {i}: {text[12:60].split(chr(10))[0]}",
                                       source=rng.choice(("Bench Times", "The Daily Bench",
                                                          "Bench Wire")),
                                       author=rng.choice(names),
                                       published=f"{year}-{rng.randrange(1, 13):02d}-"
                                                 f"{rng.randrange(1, 29):02d}",
                                       language="en")
                    article_id = p.articles.insert(con, text, meta)
                    store.remember_text(article_id, text)
                    store.insert_many(con, _annotations(store, rng, names, article_id, text,
                                                        per_article, year))


def _annotations(store, rng: random.Random, names: list[str], article_id: int,  # noqa: ANN001
                 text: str, count: int, year: int):  # noqa: ANN202
    made = 0
    while made < count:
        s = rng.randrange(12, len(text) - 200)
        while s < len(text) and text[s].isspace():
            s += 1
        e = s + rng.randrange(20, 180)
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s < 2:
            continue
        kind = KINDS[made % 3] if rng.random() < 0.7 else rng.choice(KINDS)
        values: dict = {"tags": rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3)))}
        if rng.random() < 0.3:
            values["note"] = f"check against {rng.choice(names)}"
        if kind == "quote":
            values["speaker"] = rng.choice(names)
        elif kind == "claim":
            values["claimant"] = rng.choice(names)
            values["status"] = rng.choice(("unverified", "verified", "disputed", "false"))
        else:
            values["participants"] = rng.sample(names, rng.randrange(1, 4))
            values["where"] = rng.choice(PLACES)
            y, m, d = year - rng.randrange(0, 5), rng.randrange(1, 13), rng.randrange(1, 29)
            values["date"] = rng.choice((f"{y}", f"{y}-{m:02d}", f"{y}-{m:02d}-{d:02d}", ""))
            values["when"] = rng.choice(("on Monday", "last year", "in November", ""))
        yield store.build(article_id=article_id, kind=kind, start=s, end=e, **values)
        made += 1
