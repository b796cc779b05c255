"""Suggestions run in a worker: the window keeps answering, Cancel leaves nothing behind."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from tests.ui.conftest import db

SENTENCE = ('On 3 March 2024 the minister said "we will build it", and critics claimed '
            "the plan would fail. ")


def test_window_answers_while_suggestions_are_found(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(SENTENCE * 150)  # one long paragraph: real work
    ticks: list[float] = []
    timer = QTimer(window, interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    found = window.suggestions.suggest(wait=True)
    took = time.monotonic() - started
    timer.stop()
    assert found > 0 and window.suggested.model.rows
    # the UI thread kept running its timers through the work: no gap near its length
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    assert len(ticks) >= 3 and max(gaps) < max(0.5, took / 2), (took, max(gaps))


def test_cancel_leaves_nothing_behind(qtbot, text_window) -> None:  # noqa: ANN001
    window = text_window(SENTENCE * 150)
    with db(window) as p:
        before = (p.annotations.list(), p.path.read_bytes())
    window.suggestions.suggest()
    worker = window.suggestions.worker

    def box() -> QProgressDialog | None:
        found = window.findChild(QProgressDialog, "workProgress")
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: box() is not None or worker.finished, timeout=20000)
    if box() is not None:  # the work outlasted the dialog's delay: cancel it as a user would
        qtbot.keyClick(box(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: worker.cancelled, timeout=3000)
        qtbot.waitUntil(lambda: worker.finished, timeout=60000)
        assert not window.suggested.model.rows  # dropped, not shown
    with db(window) as p:
        assert (p.annotations.list(), p.path.read_bytes()) == before
