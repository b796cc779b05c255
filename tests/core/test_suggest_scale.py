"""Suggestions on text no writer paragraphs (a pasted PDF or transcript), progress reports
and cancellation. Timing lives in bench/bench_suggest.py; these check behaviour."""

from __future__ import annotations

import threading

import pytest

from models.suggest import SuggestionsCancelled, suggest_for_article, suggest_text
from models.suggest.engine import clear_cache
from models.suggest.text import MAX_PARAGRAPH, MAX_SENTENCE, Index
from models.values import ArticleMeta

SAMPLE = ("“We will reopen the bridge on Monday,” said Mayor Lotte Brandt. Union leader Piet "
          "Kramer said that the timetable would force crews into twelve-hour shifts. The "
          "first ferry will sail on June 1, 2026, from the old harbour. ")


def _one_paragraph(size: int) -> str:
    return (SAMPLE * (size // len(SAMPLE) + 1))[:size].rstrip()


def test_300kb_single_paragraph_completes_with_suggestions_throughout():
    text = _one_paragraph(300_000)
    assert "\n" not in text
    found = suggest_text(text, published="2025-03-12", language="en")
    kinds = {s.kind for s in found}
    assert kinds == {"quote", "claim", "event"}
    # found all along the text, not just near its start
    assert max(s.start for s in found) > len(text) - 2 * len(SAMPLE)
    quotes = [s for s in found if s.kind == "quote"]
    assert len(quotes) >= 300_000 // len(SAMPLE) - 2
    assert all(s.speaker == "Lotte Brandt" for s in quotes)
    for s in found:
        assert 0 <= s.start < s.end <= len(text)


@pytest.mark.parametrize("shape", ["no punctuation", "quotes", "unbalanced"])
def test_pathological_shapes_are_cut_into_bounded_pieces(shape):
    base = {"no punctuation": "said the minister who came from the north and ",
            "quotes": '"a" b "c ', "unbalanced": "He said “yes and "}[shape]
    text = (base * (120_000 // len(base)))
    index = Index(text)
    assert max(e - s for s, e in index.paras) <= MAX_PARAGRAPH
    assert max(s.end - s.start for s in index.sents) <= MAX_SENTENCE
    # the pieces cover the text: nothing but spaces falls between them
    covered = sorted((s, e) for s, e in index.paras)
    gaps = [text[a[1]:b[0]] for a, b in zip(covered, covered[1:], strict=False)]
    assert all(not g.strip() for g in gaps)
    for s in suggest_text(text, language="en"):
        assert 0 <= s.start < s.end <= len(text)


def test_progress_runs_from_zero_to_total_in_order():
    clear_cache()
    seen: list[tuple[int, int]] = []
    suggest_text(_one_paragraph(50_000), published="2025-03-12", language="en",
                 progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) > 10


def test_cancel_from_another_thread_stops_the_run_and_remembers_nothing():
    clear_cache()
    text = _one_paragraph(200_000)
    stop = threading.Event()
    progress: list[int] = []

    def on_progress(done: int, total: int) -> None:
        progress.append(done)
        if done >= 30:  # the user presses Cancel while quotes are attributed
            threading.Timer(0, stop.set).start()

    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["value"] = suggest_text(text, language="en", progress=on_progress,
                                           cancelled=stop.is_set)
        except SuggestionsCancelled as exc:
            result["cancelled"] = str(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert result.get("cancelled") == "Suggestions were cancelled."
    assert max(progress) < 100
    # a cancelled run leaves no cached result: the next run does the work and completes
    seen: list[int] = []
    again = suggest_text(text, language="en", progress=lambda d, t: seen.append(d))
    assert again and seen[0] == 0 and len(seen) > 2


def test_cancel_through_the_project_api_leaves_the_project_unchanged(project):
    article = project.articles.add(_one_paragraph(20_000), ArticleMeta(title="Long"))
    before = project.annotations.list(article_id=article.id)
    with pytest.raises(SuggestionsCancelled):
        suggest_for_article(project, article.id, cancelled=lambda: True)
    assert project.annotations.list(article_id=article.id) == before
    assert suggest_for_article(project, article.id, cancelled=lambda: False)
