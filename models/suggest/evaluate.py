"""Scoring suggestions against hand-made gold annotations (Briefmark JSON export format).

Per kind: precision, recall and F1 with two span matches, exact (same start and end) and
overlapping (any shared character), and on overlap-matched gold spans the share with the
right speaker (quotes), claimant (claims), date and place (events). Every matched event
counts for the date: gold gives a day where the text does; otherwise the date its `when`
words give by models/event_dates.py date_from_when (a year, a month, a week's range, or
none, when only an empty suggested date is right).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.event_dates import date_from_when
from models.suggest import KINDS, Suggestion, suggest_text

ATTRIBUTE = {"quote": "speaker", "claim": "claimant", "event": "date"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "the", "a", "an", "one", "some"}


@dataclass
class Score:
    gold: int = 0
    suggested: int = 0
    exact: int = 0  # one-to-one identical spans
    gold_found: int = 0  # gold spans overlapped by a suggestion
    suggested_right: int = 0  # suggestions overlapping a gold span
    attr_total: int = 0  # matched gold spans that carry the attribute
    attr_right: int = 0
    where_total: int = 0
    where_right: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "suggested", "exact", "gold_found", "suggested_right",
                     "attr_total", "attr_right", "where_total", "where_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false += other.false
        self.wrong += other.wrong

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def precision(self) -> float:
        return self._ratio(self.suggested_right, self.suggested)

    @property
    def recall(self) -> float:
        return self._ratio(self.gold_found, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_precision(self) -> float:
        return self._ratio(self.exact, self.suggested)

    @property
    def exact_recall(self) -> float:
        return self._ratio(self.exact, self.gold)

    @property
    def exact_f1(self) -> float:
        p, r = self.exact_precision, self.exact_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribute(self) -> float:
        return self._ratio(self.attr_right, self.attr_total)

    @property
    def where(self) -> float:
        return self._ratio(self.where_right, self.where_total)


def normalise_name(name: str) -> str:
    """Compare names without case, accents of punctuation, honorifics or articles."""
    name = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    words = [w.strip(".,'\"") for w in re.split(r"[\s.]+", name)]
    words = [w for w in words if w]
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def same_person(gold: str, found: str) -> bool:
    """Equal after normalising, or the same first and last name around a middle initial."""
    g, f = normalise_name(gold), normalise_name(found)
    if not g:
        return not f
    if g == f:
        return True
    gw, fw = g.split(), f.split()
    return len(gw) >= 2 and len(fw) >= 2 and gw[0] == fw[0] and gw[-1] == fw[-1]


def same_place(gold: str, found: str) -> bool:
    g, f = normalise_name(gold), normalise_name(found)
    return bool(g and f) and (g in f or f in g)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score_article(article: dict[str, Any], suggestions: Sequence[Suggestion],
                  kind: str) -> Score:
    score = Score()
    gold = [a for a in article["annotations"] if a["kind"] == kind]
    found = [s for s in suggestions if s.kind == kind]
    score.gold, score.suggested = len(gold), len(found)
    gold_spans = {(g["start"], g["end"]) for g in gold}
    score.exact = len(gold_spans & {(s.start, s.end) for s in found})
    title = article.get("title", "")[:30]
    for s in found:
        if any(_overlap(s.start, s.end, g["start"], g["end"]) for g in gold):
            score.suggested_right += 1
        else:
            score.false.append(f"[{title}] {kind} {s.start}: {s.text[:70]!r}")
    attr = ATTRIBUTE[kind]
    for g in gold:
        best = max(found, key=lambda s: _overlap(s.start, s.end, g["start"], g["end"]),
                   default=None)
        if best is None or not _overlap(best.start, best.end, g["start"], g["end"]):
            score.misses.append(f"[{title}] {kind} {g['start']}: {g['text'][:70]!r}")
            continue
        score.gold_found += 1
        expected = g.get(attr, "")
        if kind == "event" and not expected and g.get("when"):
            # Gold marks a day where the text gives one; a year, month or week it leaves
            # to the words in `when`, read by the one rule the app uses for them (typing
            # "in 1997" into When gives 1997): the suggestion must give the same.
            expected = date_from_when(g["when"], article.get("published", ""),
                                      article.get("language", ""))
        # an event's date is always compared: an empty expected date means no date can be
        # told, so a suggested 1997-01-01 is wrong
        if expected or kind == "event":
            got = getattr(best, attr)
            score.attr_total += 1
            ok = got == expected if attr == "date" else same_person(expected, got)
            if ok:
                score.attr_right += 1
            else:
                score.wrong.append(f"[{title}] {kind} {g['start']} {attr}: expected "
                                   f"{expected!r}, got {got!r} ({g['text'][:40]!r})")
        if kind == "event" and g.get("where"):
            score.where_total += 1
            score.where_right += same_place(g["where"], best.where)
    return score


def load(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    articles = []
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != "briefmark":
            raise ValueError(f"{path} is not a Briefmark JSON export.")
        for article in data["articles"]:
            article.setdefault("_file", Path(path).name)
            articles.append(article)
    return articles


@dataclass
class Report:
    by_kind: dict[str, Score]
    by_article: dict[str, dict[str, Score]]
    english: dict[str, Score]


def evaluate(articles: Iterable[dict[str, Any]], kinds: Sequence[str] = KINDS) -> Report:
    by_kind = {k: Score() for k in kinds}
    english = {k: Score() for k in kinds}
    by_article: dict[str, dict[str, Score]] = {}
    for article in articles:
        found = suggest_text(article["text"], published=article.get("published", ""),
                             language=article.get("language", ""), kinds=kinds)
        name = article.get("_file") or article.get("title", "")
        by_article[name] = {}
        for kind in kinds:
            s = score_article(article, found, kind)
            by_article[name][kind] = s
            by_kind[kind].add(s)
            if (article.get("language") or "en").startswith("en"):
                english[kind].add(s)
    return Report(by_kind, by_article, english)


def _row(label: str, s: Score, kind: str) -> str:
    attr = f"{s.attribute:.2f} ({s.attr_right}/{s.attr_total})" if s.attr_total else "-"
    return (f"| {label} | {s.gold} | {s.suggested} | {s.precision:.2f} | {s.recall:.2f} | "
            f"{s.f1:.2f} | {s.exact_precision:.2f} | {s.exact_recall:.2f} | {s.exact_f1:.2f} | "
            f"{ATTRIBUTE[kind]} {attr} |")


def table(report: Report, *, per_article: bool = False) -> str:
    head = ("| set / kind | gold | suggested | P (overlap) | R (overlap) | F1 (overlap) | "
            "P (exact) | R (exact) | F1 (exact) | attribute right |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for label, scores in (("English", report.english), ("all", report.by_kind)):
        for kind, s in scores.items():
            lines.append(_row(f"{label}: {kind}", s, kind))
    if per_article:
        for name, scores in report.by_article.items():
            for kind, s in scores.items():
                if s.gold or s.suggested:
                    lines.append(_row(f"{name}: {kind}", s, kind))
    events = report.by_kind.get("event")
    if events and events.where_total:
        lines.append(f"\nPlace (`where`) right on matched events that have one in the gold: "
                     f"{events.where:.2f} ({events.where_right}/{events.where_total})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Score suggestions against gold JSON files.")
    parser.add_argument("gold", nargs="+", help="Briefmark JSON files with hand annotations")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--by-article", action="store_true", help="a row per article too")
    parser.add_argument("--errors", action="store_true",
                        help="list missed gold spans, false suggestions and wrong attributes")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    report = evaluate(load(args.gold), kinds)
    print(table(report, per_article=args.by_article))
    if args.errors:
        for kind, s in report.by_kind.items():
            for title, items in (("missed", s.misses), ("not in gold", s.false),
                                 ("wrong attribute", s.wrong)):
                if items:
                    print(f"\n{kind} {title} ({len(items)}):")
                    print("\n".join("  " + x for x in items))
    return 0
