"""How annotations' name fields are written and rewritten for the project's people: every
write of a speaker, claimant or participants goes through `settle` (an alias becomes its
person's name; a new name becomes a person), and renames, merges and splits rewrite the
fields that name someone as `FieldChange`s, checked and undone by models/people.py."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, or_, select, text, update

from models.clock import now_iso
from models.people_names import clean_name, guess_kind, name_key
from models.row_values import as_text, participant_names
from models.schema import AnnotationRow, PersonAliasRow, PersonRow
from models.values import Annotation

if TYPE_CHECKING:
    from sqlalchemy import Connection

_CHUNK = 500


@dataclass(frozen=True)
class FieldChange:
    """One annotation field a people change rewrote; values are stored column values."""

    annotation_uuid: str
    role: str
    old: str
    new: str
    old_modified: str
    new_modified: str


def settle(con: Connection, annotations: list[Annotation]) -> list[Annotation]:
    """The annotations with aliases turned into their person's name; new names become
    people and aliased ones are remembered (for split), inside the caller's transaction."""
    wanted = [(a.uuid, role, n) for a in annotations for role, n in named(a)]
    if not wanted:
        return annotations
    mapping = settle_names(con, wanted)
    out = []
    for a in annotations:
        changes: dict[str, Any] = {}
        if a.speaker and mapping.get(a.speaker, a.speaker) != a.speaker:
            changes["speaker"] = mapping[a.speaker]
        if a.claimant and mapping.get(a.claimant, a.claimant) != a.claimant:
            changes["claimant"] = mapping[a.claimant]
        if any(mapping.get(n, n) != n for n in a.participants):
            changes["participants"] = unique(mapping.get(n, n) for n in a.participants)
        out.append(replace(a, **changes) if changes else a)
    return out


def settle_values(con: Connection, uuid: str, values: dict[str, Any]) -> dict[str, Any]:
    """`settle` for the fields of an update (values as clean_fields returns them)."""
    wanted = [(uuid, role, values[role]) for role in ("speaker", "claimant")
              if values.get(role)]
    wanted += [(uuid, "participants", n) for n in values.get("participants", ()) if n]
    if not wanted:
        return values
    mapping = settle_names(con, wanted)
    out = dict(values)
    for role in ("speaker", "claimant"):
        if out.get(role):
            out[role] = mapping.get(out[role], out[role])
    if out.get("participants"):
        out["participants"] = unique(mapping.get(n, n) for n in out["participants"])
    return out


def settle_names(con: Connection, wanted: list[tuple[str, str, str]]) -> dict[str, str]:
    """Map each written name to its person's name, creating people for new names and
    recording (annotation uuid, role, written) for names that are aliases."""
    keys = {name_key(n): clean_name(n) for _, _, n in wanted if n.strip()}
    found: dict[str, tuple[int, str, bool]] = {}  # key -> (person id, name, via alias)
    key_list = list(keys)
    for i in range(0, len(key_list), _CHUNK):
        part = key_list[i:i + _CHUNK]
        for pid, k, n in con.execute(select(PersonRow.id, PersonRow.key, PersonRow.name)
                                     .where(PersonRow.key.in_(part))):
            found[k] = (pid, as_text(n)[0], False)
        for pid, k, n in con.execute(
                select(PersonRow.id, PersonAliasRow.key, PersonRow.name)
                .join(PersonRow, PersonRow.id == PersonAliasRow.person_id)
                .where(PersonAliasRow.key.in_(part))):
            found.setdefault(k, (pid, as_text(n)[0], True))
    new = [k for k in keys if k not in found]
    if new:
        stamp = now_iso()
        rows = [{"uuid": str(uuidlib.uuid4()), "name": keys[k], "key": k,
                 "kind": guess_kind(keys[k]), "created": stamp, "modified": stamp}
                for k in new]
        for i in range(0, len(rows), _CHUNK):
            con.execute(insert(PersonRow), rows[i:i + _CHUNK])
        for i in range(0, len(new), _CHUNK):
            for pid, k, n in con.execute(select(PersonRow.id, PersonRow.key, PersonRow.name)
                                         .where(PersonRow.key.in_(new[i:i + _CHUNK]))):
                found[k] = (pid, as_text(n)[0], False)
    mentions = {(found[name_key(n)][0], u, role, clean_name(n)) for u, role, n in wanted
                if u and n.strip() and found[name_key(n)][2]}
    if mentions:
        con.execute(text("INSERT OR IGNORE INTO person_mention (person_id, annotation_uuid, "
                         "role, written) VALUES (:p, :u, :r, :w)"),
                    [{"p": p, "u": u, "r": r, "w": w} for p, u, r, w in mentions])
    return {n: found[name_key(n)][1] for _, _, n in wanted if n.strip()}


def prune(con: Connection, names: Iterable[str]) -> None:
    """Forget people that only a passing field value made: a field saves as it is typed, so
    "B", "Be", "Ben" each became a person for a keystroke. A person is dropped when no
    annotation names them any more and the user never touched them (no aliases, no
    description or note, never edited)."""
    keys = {name_key(n) for n in names if n.strip()}
    if not keys:
        return
    for pid, name in con.execute(
            select(PersonRow.id, PersonRow.name).where(
                PersonRow.key.in_(keys), PersonRow.description == "", PersonRow.note == "",
                PersonRow.created == PersonRow.modified,
                ~PersonRow.id.in_(select(PersonAliasRow.person_id)))).all():
        if not rename_fields(con, {as_text(name)[0]}, "\0"):
            con.execute(delete(PersonRow).where(PersonRow.id == pid))


def adopt_names(con: Connection) -> int:
    """Make a person of every name the annotations hold that is not one yet; names that
    differ only in case or spacing are one person, named as most annotations write them
    (those annotations are rewritten to it). Used by the migration; returns people made."""
    counts: dict[str, dict[str, int]] = {}
    for name, n in con.execute(text(_NAME_USES)):
        name = as_text(name)[0]
        if name.strip():
            counts.setdefault(name_key(name), {})[name] = n
    existing = set(con.scalars(select(PersonRow.key)))
    existing |= set(con.scalars(select(PersonAliasRow.key)))
    stamp = now_iso()
    rows = []
    for key, spellings in counts.items():
        if key in existing:
            continue
        best = max(spellings, key=lambda s: (spellings[s], s == clean_name(s), s))
        rows.append({"uuid": str(uuidlib.uuid4()), "name": clean_name(best), "key": key,
                     "kind": guess_kind(best), "created": stamp, "modified": stamp})
    for i in range(0, len(rows), _CHUNK):
        con.execute(insert(PersonRow), rows[i:i + _CHUNK])
    for key, spellings in counts.items():
        canonical = next((r["name"] for r in rows if r["key"] == key), None)
        if canonical is None:
            continue
        others = {s for s in spellings if s != canonical}
        if others:
            write_fields(con, rename_fields(con, others, canonical, stamp=None))
    return len(rows)


_NAME_USES = """
WITH uses(name) AS (
  SELECT speaker FROM annotation WHERE speaker != ''
  UNION ALL SELECT claimant FROM annotation WHERE claimant != ''
  UNION ALL SELECT j.value FROM annotation a, json_each(a.participants) j
   WHERE a.participants != '[]' AND json_valid(a.participants)
     AND json_type(a.participants) = 'array' AND j.type = 'text' AND j.value != ''
)
SELECT name, count(*) FROM uses GROUP BY name
"""


def names_in(values: dict[str, Any]) -> set[str]:
    """The names a set of field values holds."""
    out = {values[r] for r in ("speaker", "claimant") if values.get(r)}
    return out | set(values.get("participants", ()))


def named(a: Annotation) -> list[tuple[str, str]]:
    """(role, name) for each name an annotation holds."""
    out = [(r, v) for r, v in (("speaker", a.speaker), ("claimant", a.claimant)) if v]
    return out + [("participants", n) for n in a.participants if n]


def unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return tuple(seen)


def rename_fields(con: Connection, old_names: set[str], new: str, *,
                   stamp: str | None = "") -> list[FieldChange]:
    """The changes that rewrite every field naming one of `old_names` to `new` (stamp ""
    means now, None keeps `modified`); `_write` checks and makes them."""
    stamp = now_iso() if stamp == "" else stamp
    names = list(old_names)
    stmt = select(AnnotationRow.uuid, AnnotationRow.speaker, AnnotationRow.claimant,
                  AnnotationRow.participants, AnnotationRow.modified).where(or_(
                      AnnotationRow.speaker.in_(names), AnnotationRow.claimant.in_(names),
                      *[AnnotationRow.participants.contains(json.dumps(n, ensure_ascii=False)
                                                            [1:-1], autoescape=True)
                        for n in names]))
    out: list[FieldChange] = []
    for uuid, speaker, claimant, participants, modified in con.execute(stmt).all():
        when = modified if stamp is None else stamp
        for role, value in (("speaker", speaker), ("claimant", claimant)):
            if value in old_names and value != new:
                out.append(FieldChange(uuid, role, value, new, modified, when))
        listed, _ = participant_names(participants)
        if any(n in old_names for n in listed):
            renamed = json.dumps(list(unique(new if n in old_names else n for n in listed)),
                                 ensure_ascii=False)
            if renamed != participants:
                out.append(FieldChange(uuid, "participants", as_text(participants)[0],
                                       renamed, modified, when))
    return out


def replace_in_fields(con: Connection, where: list[tuple[str, str]], old: str,
                       new: str) -> list[FieldChange]:
    """Rewrite `old` to `new` in the given (annotation uuid, role) fields only."""
    out: list[FieldChange] = []
    stamp = now_iso()
    for uuid, role in where:
        row = con.execute(select(AnnotationRow.speaker, AnnotationRow.claimant,
                                 AnnotationRow.participants, AnnotationRow.modified)
                          .where(AnnotationRow.uuid == uuid)).first()
        if row is None:
            continue  # the annotation was deleted since; its mention is dropped
        if role in ("speaker", "claimant"):
            value = row.speaker if role == "speaker" else row.claimant
            if value == old:
                out.append(FieldChange(uuid, role, value, new, row.modified, stamp))
        else:
            listed, _ = participant_names(row.participants)
            if old in listed:
                renamed = json.dumps(list(unique(new if n == old else n for n in listed)),
                                     ensure_ascii=False)
                out.append(FieldChange(uuid, role, as_text(row.participants)[0], renamed,
                                       row.modified, stamp))
    return out


def write_fields(con: Connection, changes: Iterable[FieldChange]) -> None:
    for f in changes:
        con.execute(update(AnnotationRow).where(AnnotationRow.uuid == f.annotation_uuid)
                    .values({f.role: f.new, "modified": f.new_modified}))
