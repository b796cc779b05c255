"""Build the hand-made gold files (tests/gold/*.json) from readable specs (tests/gold/specs).

A spec names the article and lists one annotation per line, found by quoted text instead of
offsets, so a person can write and check it by reading the article:

    file: en_example.txt          (corpus file; or "sample: models.sample" for the sample)
    published: 2015-11-30
    language: en
    title: ...
    quote | words inside the marks | speaker=Full Name
    event | Sentence start ~~ sentence end. | when=Monday | date=2015-11-30 | where=Paris
    claim | He said ~~ the end. | claimant=Full Name | #2

`A ~~ B` spans from the start of A to the end of the first B after it; `#n` picks the n-th
occurrence of the span's start (1-based). Run: uv run python tests/gold/make_gold.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

from models.textnorm import decode_bytes, normalise_text  # noqa: E402

FIELDS = ("speaker", "claimant", "when", "date", "where", "participants", "note")


def find_span(text: str, expr: str, occurrence: int) -> tuple[int, int]:
    head, _, tail = expr.partition(" ~~ ")
    start = -1
    for _ in range(occurrence):
        start = text.find(head, start + 1)
        if start < 0:
            raise ValueError(f"not found (occurrence {occurrence}): {head!r}")
    if not tail:
        return start, start + len(head)
    end = text.find(tail, max(start, start + len(head) - len(tail)))
    if end < 0:
        raise ValueError(f"end not found after {head!r}: {tail!r}")
    return start, end + len(tail)


def build(spec_path: Path) -> dict:
    meta: dict[str, str] = {}
    anns: list[dict] = []
    text = ""
    for lineno, raw in enumerate(spec_path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if "|" not in line:
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
            continue
        if not text:
            if "sample" in meta:
                import importlib

                text = importlib.import_module(meta["sample"]).TEXT
            else:
                text = normalise_text(decode_bytes((CORPUS / meta["file"]).read_bytes()))
        kind, expr, *rest = [p.strip() for p in line.split("|")]
        occurrence, values = 1, {}
        for part in rest:
            if part.startswith("#"):
                occurrence = int(part[1:])
            else:
                k, _, v = part.partition("=")
                if k not in FIELDS:
                    raise ValueError(f"{spec_path.name}:{lineno}: unknown field {k!r}")
                values[k] = v
        try:
            start, end = find_span(text, expr, occurrence)
        except ValueError as exc:
            raise SystemExit(f"{spec_path.name}:{lineno}: {exc}") from None
        when = values.get("when", "")
        if when and when not in text[start:end]:
            raise SystemExit(f"{spec_path.name}:{lineno}: when {when!r} is not in the span")
        anns.append({
            "kind": kind, "start": start, "end": end, "text": text[start:end],
            "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32],
            "note": values.get("note", ""), "tags": [],
            "speaker": values.get("speaker", ""), "claimant": values.get("claimant", ""),
            "status": "unverified" if kind == "claim" else "",
            "when": when, "date": values.get("date", ""), "where": values.get("where", ""),
            "participants": [p.strip() for p in values.get("participants", "").split(";")
                             if p.strip()],
        })
    anns.sort(key=lambda a: (a["start"], a["end"], a["kind"]))
    seen = set()
    for a in anns:
        key = (a["kind"], a["start"], a["end"])
        if key in seen:
            raise SystemExit(f"{spec_path.name}: duplicate {key}")
        seen.add(key)
    article = {
        "id": 1, "title": meta.get("title", ""), "source": meta.get("source", ""),
        "author": meta.get("author", ""), "url": meta.get("url", ""),
        "published": meta["published"], "language": meta["language"], "text": text,
        "annotations": anns,
    }
    return {"format": "briefmark", "version": 1, "articles": [article]}


def main(names: list[str]) -> None:
    specs = sorted((HERE / "specs").glob("*.txt"))
    for spec in specs:
        if names and spec.stem not in names:
            continue
        data = build(spec)
        out = HERE / f"{spec.stem}.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        counts: dict[str, int] = {}
        for a in data["articles"][0]["annotations"]:
            counts[a["kind"]] = counts.get(a["kind"], 0) + 1
        print(f"{out.name}: {counts}")


if __name__ == "__main__":
    main(sys.argv[1:])
