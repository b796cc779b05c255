"""Suggestion cost against text size and shape: it must grow linearly whatever the shape.

    uv run python bench/bench_suggest_scale.py [--sizes 100000,200000,1000000]

Each shape is real news prose (bench/workload.py) cut to the size: as normal paragraphs, as
one paragraph (a PDF or transcript pasted without blank lines), without sentence punctuation,
and as opening quotation marks that never close. The floor beside each figure is one regular
expression pass over the same text for quotation marks and sentence ends, the least work that
looks at every quote and sentence; judge by the ratio, which should stay flat as size grows.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import Row, print_table, timed  # noqa: E402
from bench.workload import article_text  # noqa: E402
from models.suggest import suggest_text  # noqa: E402

_FLOOR = re.compile(r"[\"“”„«»‘’]|[.!?](?=\s)")


def shapes(size: int) -> dict[str, str]:
    prose = article_text(size + 10_000)
    return {
        "normal paragraphs": prose[:size],
        "one paragraph": " ".join(prose.split())[:size],
        "no sentence punctuation": " ".join(w.strip(".!?") for w in prose.split())[:size],
        "unclosed quotes": ("He said “yes and " * (size // 17 + 1))[:size],
        # a transcript: every short paragraph opens with a quote and no speaker
        "quote-led paragraphs": ("“We will see,” the next.\n\n" * (size // 27 + 1))[:size],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,200000,1000000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rows = []
    for size in sizes:
        for shape, text in shapes(size).items():
            seconds = timed(lambda t=text: suggest_text(t, published="2018-10-09",
                                                        language="en"))
            floor = timed(lambda t=text: sum(1 for _ in _FLOOR.finditer(t)), 3)
            found = len(suggest_text(text, published="2018-10-09", language="en")) \
                if size <= 200_000 else None
            note = f"{found} suggestions" if found is not None else ""
            rows.append(Row(f"{shape}, {size // 1000:,} KB", seconds, floor,
                            "regex pass for quotes and sentence ends", note))
            print(f"  {rows[-1].name}: {seconds:.2f} s", file=sys.stderr, flush=True)
    print_table(rows, title="text")


if __name__ == "__main__":
    main()
