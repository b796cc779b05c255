"""Speed of the suggestion engine on the corpus articles.

    uv run python bench/bench_suggest.py [--repeat 5] [--markdown]

"first call" runs in a fresh Python process: importing the engine, loading dateparser's
language tables and compiling the patterns, then suggesting for one article. "warm" is the
median of repeated calls in one process with the result cache cleared each time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

# (file, published, language): the real articles of the shared corpus
ARTICLES = [
    ("en_nymag_ailes_longform.txt", "2016-09-02", "en"),
    ("en_telegraph_airasia_liveblog_mixed_quotes.txt", "2014-12-28", "en"),
    ("en_nytimes_haley_resigns.txt", "2018-10-09", "en"),
    ("en_cnn_thanksgiving_storm_straight_quotes.txt", "2013-11-27", "en"),
    ("en_timesofisrael_netanyahu_putin.txt", "2015-11-30", "en"),
    ("es_cubadebate_pleno_emoji_tweets.txt", "2022-04-26", "es"),
    ("de_basicthinking_tweets_emoji.txt", "2018-12-05", "de"),
    ("fr_lemonde_loi_renseignement.txt", "2015-05-04", "fr"),
    ("fr_liberation_nepal_seisme.txt", "2015-04-30", "fr"),
    ("he_israelhayom_presidential_race.txt", "2014-06-01", "he"),
    ("ar_cnn_arabic_syria_rebels.txt", "2013-08-03", "ar"),
    ("ru_novayagazeta_mh370.txt", "2015-08-05", "ru"),
    ("zh_bbc_leung_apology.txt", "2012-12-10", "zh"),
    ("ja_afpbb_nigeria_attack.txt", "2018-06-18", "ja"),
]

_COLD = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {repo!r})
from models.textnorm import decode_bytes, normalise_text
from models.suggest import suggest_text
text = normalise_text(decode_bytes(open({path!r}, 'rb').read()))
t1 = time.perf_counter()
found = suggest_text(text, published={published!r}, language={language!r})
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first": t2 - t1, "n": len(found)}}))
"""


def cold(path: Path, published: str, language: str) -> dict:
    code = _COLD.format(repo=str(REPO), path=str(path), published=published, language=language)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is missing: nothing to measure.")
        return 1
    from models.suggest import engine, suggest_text
    from models.textnorm import decode_bytes, normalise_text

    rows = []
    for name, published, language in ARTICLES:
        path = CORPUS / name
        text = normalise_text(decode_bytes(path.read_bytes()))
        first = cold(path, published, language)
        times = []
        for _ in range(args.repeat):
            engine.clear_cache()
            t0 = time.perf_counter()
            found = suggest_text(text, published=published, language=language)
            times.append(time.perf_counter() - t0)
        counts = {k: sum(1 for s in found if s.kind == k) for k in ("quote", "claim", "event")}
        rows.append((name, len(text), len(text.split()), counts, first, statistics.median(times)))
    print("| article | chars | words | quotes / claims / events | import (s) | first call (s) "
          "| warm, median (s) |")
    print("|---|---|---|---|---|---|---|")
    for name, chars, words, counts, first, warm in rows:
        print(f"| {name} | {chars:,} | {words:,} | {counts['quote']} / {counts['claim']} / "
              f"{counts['event']} | {first['import']:.2f} | {first['first']:.2f} | {warm:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
