"""Values built from stored rows, tolerant of rows another tool wrote.

SQLite keeps whatever a foreign tool stores: article text as a BLOB, a word in an integer
column, offsets past the end of the text, JSON that is not a list. Listing and exporting
must still work, so such values are repaired here (bytes decoded with U+FFFD, offsets
clamped) and the annotation carries a `damaged` reason the user can see.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any

from models.values import Annotation, Article

_INT_KEYS = ("id", "article_id", "start", "end")
_DAMAGED_SPAN = "its position no longer lies inside the article's text"
_DAMAGED_VALUE = "a field held data of the wrong type and was repaired"
STR_KEYS = tuple(f.name for f in fields(Annotation)
                 if f.type == "str" and f.name != "damaged")


def as_text(value: Any) -> tuple[str, bool]:
    """A stored value as text; the flag says it had to be repaired."""
    if isinstance(value, str):
        return value, False
    if value is None:
        return "", True
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "replace"), True
    return str(value), True


def as_int(value: Any) -> tuple[int, bool]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, False
    try:
        return int(float(as_text(value)[0])), True
    except (TypeError, ValueError, OverflowError):
        return 0, True


def participant_names(raw: Any) -> tuple[tuple[str, ...], bool]:
    """The names in a stored participants list, and whether the stored value was damaged
    (not a JSON list of strings: a foreign tool wrote it)."""
    if raw in (None, "", "[]"):
        return (), raw is None
    text, bad = as_text(raw)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return (), True
    if not isinstance(value, list):
        return (), True
    names = tuple(v if isinstance(v, str) else str(v) for v in value)
    return names, bad or any(not isinstance(v, str) for v in value)


def annotation_from_row(keys: Sequence[str], row: Sequence[Any], tags: Iterable[Any],
                        text_length: Callable[[int], int | None]) -> Annotation:
    """An Annotation from one `annotation` row; `text_length(article_id)` bounds offsets."""
    data = dict(zip(keys, row, strict=True))
    damaged = ""
    for key in _INT_KEYS:
        value, bad = as_int(data[key])
        data[key] = value
        damaged = damaged or (_DAMAGED_VALUE if bad else "")
    for key in STR_KEYS:
        if key in data and not isinstance(data[key], str):
            data[key] = as_text(data[key])[0]
            damaged = damaged or _DAMAGED_VALUE
    data["participants"], bad = participant_names(data["participants"])
    damaged = damaged or (_DAMAGED_VALUE if bad else "")
    clean_tags = []
    for t in tags:
        text, bad = as_text(t)
        clean_tags.append(text)
        damaged = damaged or (_DAMAGED_VALUE if bad else "")
    data["tags"] = tuple(clean_tags)
    length = text_length(data["article_id"])
    start, end = data["start"], data["end"]
    if length is not None and not 0 <= start < end <= length:
        data["start"] = min(max(start, 0), length)
        data["end"] = min(max(end, data["start"]), length)
        damaged = _DAMAGED_SPAN
    data["damaged"] = damaged
    data["links"] = ()
    # Fill the frozen value directly: several times faster than its __init__ for the
    # thousands an article can hold, and every field is now of its declared type.
    value = object.__new__(Annotation)
    value.__dict__.update(data)
    return value


ARTICLE_KEYS = tuple(f.name for f in fields(Article))


def article_from_row(row: Any) -> Article:
    """An Article from one `article` row (mapping access), with every field as text."""
    data: dict[str, Any] = {}
    for key in ARTICLE_KEYS:
        if key == "id":
            data[key] = as_int(row.id)[0]
        else:
            data[key] = as_text(getattr(row, key))[0]
    return Article(**data)
