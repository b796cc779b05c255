"""An annotation's fields: cleaning what a user typed, checking a span, and what happens
to the kind-specific fields when an annotation changes kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from models.errors import ValidationError
from models.event_dates import parse_event_date
from models.values import ANNOTATION_FIELDS, CONTEXT_CHARS, KINDS, STATUSES, Annotation

# The person field of each kind that has one: a quote's speaker is a claim's claimant.
PERSON_FIELD = {"quote": "speaker", "claim": "claimant"}


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The 32 characters before and after a span, used to find it again after edits."""
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def clean_list(values: Iterable[str] | str) -> tuple[str, ...]:
    """Tags and participants: trimmed, no empties, no repeats, order kept."""
    if isinstance(values, str):
        values = values.split(",")
    seen: dict[str, None] = {}
    for v in values:
        v = " ".join(str(v).split())
        if v and v.casefold() not in {s.casefold() for s in seen}:
            seen[v] = None
    return tuple(seen)


def validate_span(text: str, start: Any, end: Any) -> None:
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise ValidationError("A span's start and end must be whole numbers.")
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            f"The span {start}-{end} is not inside the article (0-{len(text)}) or is empty."
        )
    if not text[start:end].strip():
        raise ValidationError("The span holds only whitespace; select some text.")


def clean_fields(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate user-editable fields for a kind; returns them ready to store."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in ANNOTATION_FIELDS:
            raise ValidationError(f"Annotations have no field {name!r}.")
        kinds = ANNOTATION_FIELDS[name]
        if name in ("tags", "participants"):
            value = clean_list(value or ())
        else:
            value = "" if value is None else str(value).strip()
        if kinds is not None and kind not in kinds and value:
            raise ValidationError(f"A {kind} has no {name}; only a {' or '.join(kinds)} has.")
        if name == "status" and kind == "claim":
            value = value or "unverified"
            if value not in STATUSES:
                raise ValidationError(
                    f"Status {value!r} is unknown; use one of {', '.join(STATUSES)}."
                )
        if name == "date" and value:
            value = parse_event_date(value)  # a day, month or year, or a range of them
        out[name] = value
    return out


def kind_change(old: Annotation, kind: str, explicit: Mapping[str, Any]) -> dict[str, Any]:
    """The fields to write when `old` becomes a `kind` (before `explicit` values, which win).

    Text, span, note and tags stay. The person carries over: a quote's speaker becomes the
    claim's claimant and back. A new claim starts "unverified". Fields the schema allows only
    on the old kind are cleared, since the new kind cannot hold them (a claim has no date or
    participants, an event no speaker, claimant or status): the caller keeps the old value
    (the undo step does) to put them back. Nothing is moved into an event's participants: a
    quoted speaker is not necessarily someone taking part in the event.
    """
    if kind not in KINDS:
        raise ValidationError(f"Kind {kind!r} is unknown; use claim, quote or event.")
    out: dict[str, Any] = {"kind": kind}
    if kind == old.kind:
        return out
    for name, kinds in ANNOTATION_FIELDS.items():
        if kinds is not None and kind not in kinds and getattr(old, name):
            out[name] = () if name in ("tags", "participants") else ""
    was, becomes = PERSON_FIELD.get(old.kind), PERSON_FIELD.get(kind)
    if was and becomes and getattr(old, was) and becomes not in explicit:
        out[becomes] = getattr(old, was)
    if kind == "claim" and "status" not in explicit:
        out["status"] = "unverified"
    return out


def dropped_by(old: Annotation, kind: str) -> list[str]:
    """Names of the filled fields a change to `kind` clears (to tell the user)."""
    changes = kind_change(old, kind, {})
    carried = PERSON_FIELD.get(old.kind) if changes.get(PERSON_FIELD.get(kind, "")) else None
    return [n for n, v in changes.items() if n != "kind" and not v and getattr(old, n)
            and n != carried  # moved to the new kind's person field, not lost
            and (n, old.status) != ("status", "unverified")]  # the default is no news
