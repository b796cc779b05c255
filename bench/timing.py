"""Timing helpers shared by the benchmark scripts.

The machines are shared and noisy, so every figure is printed beside a floor: the cost of
the least work that could do the same job (a raw SQLite transaction, a bare python-docx
save, a plain scan of the text), measured in the same run. Judge a figure by its ratio to
its floor, which moves far less between runs than the figure itself.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of `repeat` calls, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


@dataclass(frozen=True)
class Row:
    """One measured figure and the floor it is judged against."""

    name: str
    seconds: float
    floor: float  # seconds of the floor work, measured in the same run
    floor_name: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor if self.floor > 0 else float("inf")


def shown(seconds: float) -> str:
    """Microseconds under a millisecond, milliseconds under a second, seconds above."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(rows: Sequence[Row], *, title: str = "measure") -> None:
    """A Markdown table: figure, floor, ratio, notes."""
    print(f"| {title} | time | floor | floor is | × floor | notes |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.name} | {shown(r.seconds)} | {shown(r.floor)} | {r.floor_name} | "
              f"{r.ratio:.1f} | {r.note} |")
