"""Building tens of thousands of small values (tuples, dicts, strings; none cyclic) sets the
cycle collector off again and again, each pass over everything built so far: 40 % of a
5,000-article export. Reads that build that many pause it while they do."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cycle collector off for the block, back on after it if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
