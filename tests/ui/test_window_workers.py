"""Suggestions run in a worker: the window keeps answering, the dialog shows progress, and
Cancel stops the engine quickly, says so, and leaves the file as it was."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from tests.ui.conftest import db

SENTENCE = ('On 3 March 2024 the minister said "we will build it", and critics claimed '
            "the plan would fail. ")
FILLER = "The committee discussed the harbour budget at length before lunch, then adjourned. "


def shown_progress(window) -> QProgressDialog | None:  # noqa: ANN001
    found = window.findChild(QProgressDialog, "workProgress")
    return found if found is not None and found.isVisible() else None


def ticking(window) -> tuple[QTimer, list[float]]:  # noqa: ANN001
    """A 20 ms timer on the UI thread: its ticks show whether the window kept answering."""
    ticks: list[float] = [time.monotonic()]
    timer = QTimer(window, interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    return timer, ticks


def saved(window) -> tuple:  # noqa: ANN001
    """What is really in the file: its rows and the bytes of the file and its -wal."""
    path: Path = window.session.project.path
    wal = Path(f"{path}-wal")
    with db(window) as p:
        rows = (p.annotations.list(), [a.id for a in p.articles.list()])
    return rows, path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def test_window_answers_while_suggestions_are_found(qtbot, text_window) -> None:  # noqa: ANN001
    # 330 KB in one paragraph, about a second of work; few finds (showing 9,000 suggestions
    # is the reader's own work on the UI thread, not the engine's)
    window = text_window((FILLER * 60 + SENTENCE) * 60)
    timer, ticks = ticking(window)
    started = time.monotonic()
    found = window.suggestions.suggest(wait=True)
    took = time.monotonic() - started
    timer.stop()
    assert found > 0 and window.suggested.model.rows
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert took > 0.5 and len(ticks) >= 10, (took, len(ticks))
    # No freeze anywhere near the work's length. The bound is loose on purpose: the machine
    # is shared, and a busy one delays timers; a frozen window would show the work's length.
    assert max(gaps) < 1.0, (took, max(gaps))


def test_cancel_stops_a_1mb_text_quickly_and_changes_nothing(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(SENTENCE * 10_400)  # ~1 MB in one paragraph: several seconds of work
    before = saved(window)
    timer, ticks = ticking(window)
    window.suggestions.suggest()
    worker = window.suggestions.worker
    qtbot.waitUntil(lambda: shown_progress(window) is not None, timeout=5000)
    box = shown_progress(window)
    qtbot.waitUntil(lambda: box.value() > 0, timeout=5000)  # the engine's progress arrives
    assert not worker.finished
    pressed = time.monotonic()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Cancel, as a user would
    qtbot.waitUntil(lambda: worker.finished, timeout=5000)
    stopped = time.monotonic() - pressed
    timer.stop()
    assert stopped < 2.0, stopped
    assert window.statusBar().currentMessage() == "Suggestions cancelled"
    assert not window.suggested.model.rows and shown_progress(window) is None
    assert saved(window) == before
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < 1.0, max(gaps)  # loose: see the test above
