"""Score the suggestion engine against gold annotation files.

    uv run python bench/evaluate_suggestions.py tests/gold/*.json [--by-article] [--errors]

The gold files are Briefmark JSON exports annotated by hand (tests/gold/); the logic is in
models/suggest/evaluate.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.suggest.evaluate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
