"""The project's people: speakers, claimants and participants as records with aliases.

Annotations keep the person's name in their fields, so readers, exports and the search
index need no join; every write of those fields passes through `settle`, which turns an
alias into the person's name and makes a person of a new name, in the write's own
transaction. Renaming, merging and splitting rewrite the annotations that name the person
in one transaction and return a `PeopleChange`: the people and fields as they were and are,
which `apply` puts either way (undo and redo), refusing when another program has changed
them since (StaleChangeError).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    delete,
    event,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)

from models.clock import now_iso
from models.errors import NotFoundError, ValidationError
from models.people_names import (
    PERSON_KINDS,
    Proposal,
    clean_name,
    guess_kind,
    name_key,
    propose_variants,
)
from models.people_resolve import NameResolver, load_resolver
from models.row_values import as_text, participant_names
from models.schema import AnnotationRow, PersonAliasRow, PersonMentionRow, PersonRow
from models.stale import StaleChangeError
from models.values import Annotation

if TYPE_CHECKING:
    from models.project import Project

ROLES = ("speaker", "claimant", "participants")
DISMISSED_KEY = "people_not_same"  # setting: variant/full pairs the user kept apart
_CHUNK = 500
_CHANGED = ("Another program (the command line or a second window) changed these people "
            "or their annotations since; the step was not applied. Nothing was changed.")


@dataclass(frozen=True)
class Person:
    id: int
    uuid: str
    name: str
    kind: str = "person"
    description: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""


@dataclass(frozen=True)
class PersonCount:
    """A person as the People view lists them."""

    person: Person
    quotes: int = 0
    claims: int = 0
    events: int = 0
    articles: int = 0

    @property
    def total(self) -> int:
        return self.quotes + self.claims + self.events


@dataclass(frozen=True)
class PersonState:
    person: Person
    mentions: tuple[tuple[str, str, str], ...] = ()  # (annotation uuid, role, written)


@dataclass(frozen=True)
class FieldChange:
    """One annotation field a people change rewrote; values are stored column values."""

    annotation_uuid: str
    role: str
    old: str
    new: str
    old_modified: str
    new_modified: str


@dataclass(frozen=True)
class PeopleChange:
    text: str  # for the Edit menu: "Merge “Netanyahu” into “Benjamin Netanyahu”"
    before: tuple[PersonState, ...]
    after: tuple[PersonState, ...]
    fields: tuple[FieldChange, ...] = ()

    def inverse(self) -> PeopleChange:
        return PeopleChange(self.text, self.after, self.before, tuple(
            FieldChange(f.annotation_uuid, f.role, f.new, f.old, f.new_modified,
                        f.old_modified) for f in self.fields))

    @property
    def annotation_uuids(self) -> set[str]:
        return {f.annotation_uuid for f in self.fields}


class PeopleStore:
    def __init__(self, project: Project) -> None:
        self._project = project
        self._watch: sqlite3.Connection | None = None  # see _version
        self._watch_lock = threading.Lock()
        self._counted: tuple[int, tuple[PersonCount, ...]] | None = None  # version, counts
        self._used: tuple[int, str, tuple[Annotation, ...]] | None = None  # ... name, uses

    # -- read -----------------------------------------------------------------------------

    def list(self) -> list[Person]:
        with self._project.reading() as con:
            return sorted(_people(con).values(), key=lambda p: p.name.casefold())

    def get(self, uuid: str) -> Person:
        with self._project.reading() as con:
            return _person(con, uuid)

    def find(self, name: str) -> Person | None:
        """The person a name or alias means, or None."""
        with self._project.reading() as con:
            ids = _ids_for_keys(con, {name_key(name)})
            if not ids:
                return None
            return _people(con, [next(iter(ids.values()))]).popitem()[1]

    def resolver(self) -> NameResolver:
        """What a name found in a text means among the people as they are now (two reads;
        writes nothing): see models/people_resolve.py for the rules."""
        with self._project.reading() as con:
            return load_resolver(con)

    def counts(self) -> list[PersonCount]:
        """Everyone with their quotes, claims and events and in how many articles: one
        grouped query. Names a foreign tool wrote that are not yet people are listed too,
        with an empty uuid (any change to them makes them people). Kept until the file
        changes (see `_version`), so showing the view again reads nothing."""
        version = self._version()  # before the read: a commit in between costs a recount
        kept = self._counted
        if version is not None and kept is not None and kept[0] == version:
            return list(kept[1])
        with self._project.reading() as con:
            out = _counts(con)
        if version is not None:
            self._counted = (version, tuple(out))
        return out

    def _version(self) -> int | None:
        """PRAGMA data_version on a connection of its own that never writes: it moves
        whenever any other connection commits a change, this program's or another's. (A
        pooled connection's own data_version misses its own writes, and the pool hands out
        different ones.) None when it cannot be asked: then nothing is kept."""
        with self._watch_lock:
            try:
                if self._watch is None:
                    engine = self._project.engine
                    args, kwargs = engine.dialect.create_connect_args(engine.url)
                    self._watch = sqlite3.connect(*args, **{**kwargs,
                                                            "check_same_thread": False})
                    if not event.contains(engine, "close", self._pool_closing):
                        event.listen(engine, "close", self._pool_closing)
                return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None

    def _pool_closing(self, _dbapi_con: object, _record: object) -> None:
        """A pooled connection closes (Project.close disposes of the pool): the watching one
        closes with it, before the pool's last one, so that closing the project leaves the
        file as it did (the last connection out folds the WAL in). A version from a new
        watching connection means nothing beside the old one's: what was kept goes too."""
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._counted = self._used = None

    def uses(self, name: str) -> list[Annotation]:
        """Every annotation naming this person, in article and text order; the last name's
        are kept as the counts are (a refresh shows the same person's again)."""
        version = self._version()
        kept = self._used
        if version is not None and kept is not None and kept[:2] == (version, name):
            return list(kept[2])
        found = self._find_uses(name)
        if version is not None:
            self._used = (version, name, tuple(found))
        return found

    def _find_uses(self, name: str) -> list[Annotation]:
        quoted = json.dumps(name, ensure_ascii=False)
        # "+" keeps SQLite off the (article_id, start) index for the order: walking it looks
        # every row up by rowid, twice a plain scan; the few rows found are sorted instead
        stmt = select(AnnotationRow).where(or_(
            AnnotationRow.speaker == name, AnnotationRow.claimant == name,
            AnnotationRow.participants.contains(quoted[1:-1], autoescape=True),
        )).order_by(literal_column("+annotation.article_id"), AnnotationRow.start,
                    AnnotationRow.id)
        with self._project.reading() as con:
            found = self._project.annotations.read(con, stmt)
        return [a for a in found if name in (a.speaker, a.claimant) or name in a.participants]

    def proposals(self, counts: list[PersonCount] | None = None) -> list[Proposal]:
        """Likely variants of one person to merge (never merged without the user); pass
        the `counts()` just read to save reading them again."""
        dismissed = {tuple(p) for p in _load_list(self._project.setting(DISMISSED_KEY))}
        listed = self.counts() if counts is None else counts
        return propose_variants(((c.person.name, c.person.kind) for c in listed
                                 if c.person.uuid), dismissed)

    def dismiss(self, variant: str, full: str) -> None:
        """The user says these are different people: stop proposing the pair."""
        pair = [name_key(variant), name_key(full)]

        def add(old: str) -> str:
            pairs = _load_list(old)
            return json.dumps(pairs + [pair] if pair not in pairs else pairs)
        self._project.update_setting(DISMISSED_KEY, add)

    # -- change ---------------------------------------------------------------------------

    def create(self, name: str, *, kind: str = "", description: str = "",
               note: str = "") -> PeopleChange:
        name = _valid_name(name)
        with self._project.writing() as con:
            if _ids_for_keys(con, {name_key(name)}):
                raise ValidationError(f"“{name}” is already a person or an alias in this "
                                      "project.")
            stamp = now_iso()
            person = Person(0, str(uuidlib.uuid4()), name, _valid_kind(kind or guess_kind(name)),
                            description.strip(), note.strip(), (), stamp, stamp)
            change = PeopleChange(f"Add “{name}”", (), (PersonState(person),))
            _write(con, change)
        return change

    def edit(self, uuid: str, *, name: str | None = None, kind: str | None = None,
             description: str | None = None, note: str | None = None,
             aliases: Iterable[str] | None = None) -> PeopleChange:
        """Change a person's details; a new name is a rename (every annotation follows)."""
        with self._project.writing() as con:
            state = _state(con, _person(con, uuid).id)
            old = state.person
            values: dict[str, Any] = {}
            if kind is not None:
                values["kind"] = _valid_kind(kind)
            if description is not None:
                values["description"] = description.strip()
            if note is not None:
                values["note"] = note.strip()
            mentions = state.mentions
            if aliases is not None:
                wanted = _clean_aliases(aliases, exclude=name or old.name)
                _check_free(con, [a for a in wanted if name_key(a) not in
                                  {name_key(x) for x in old.aliases}], old.id)
                values["aliases"] = wanted
                keys = {name_key(a) for a in wanted}
                mentions = tuple(m for m in mentions if name_key(m[2]) in keys)
            fields: list[FieldChange] = []
            text_ = f"Edit “{old.name}”"
            if name is not None and clean_name(name) != old.name:
                new = _valid_name(name)
                if name_key(new) != name_key(old.name):
                    _check_free(con, [new], old.id)
                values["name"] = new
                # taking one of the person's own aliases as the name drops that alias
                values["aliases"] = tuple(a for a in values.get("aliases", old.aliases)
                                          if name_key(a) != name_key(new))
                fields = _rename_fields(con, {old.name}, new)
                text_ = f"Rename “{old.name}” to “{new}”"
            if not values and not fields:
                return PeopleChange(text_, (), ())
            after = PersonState(replace(old, modified=now_iso(), **values), mentions)
            change = PeopleChange(text_, (state,), (after,), tuple(fields))
            _write(con, change)
        return change

    def rename(self, uuid: str, name: str) -> PeopleChange:
        return self.edit(uuid, name=name)

    def merge(self, source: str, into: str) -> PeopleChange:
        """Merge person `source` into `into` (uuids): its annotations name `into`, its name
        and aliases become aliases of `into` and remember the annotations, for `split`."""
        if source == into:
            raise ValidationError("A person cannot be merged into themselves.")
        with self._project.writing() as con:
            gone = _state(con, _person(con, source).id)
            kept = _state(con, _person(con, into).id)
            fields = _rename_fields(con, {gone.person.name}, kept.person.name)
            mentions = {(f.annotation_uuid, f.role, gone.person.name) for f in fields}
            mentions |= set(gone.mentions) | set(kept.mentions)
            aliases = _clean_aliases(kept.person.aliases + (gone.person.name,)
                                     + gone.person.aliases, exclude=kept.person.name)
            p = kept.person
            merged = replace(
                p, aliases=aliases, modified=now_iso(),
                description=p.description or gone.person.description,
                note="\n\n".join(n for n in (p.note, gone.person.note) if n))
            change = PeopleChange(
                f"Merge “{gone.person.name}” into “{p.name}”", (gone, kept),
                (PersonState(merged, tuple(sorted(mentions))),), tuple(fields))
            _write(con, change)
        return change

    def split(self, uuid: str, alias: str) -> PeopleChange:
        """Make an alias its own person again; annotations written with it follow it."""
        with self._project.writing() as con:
            state = _state(con, _person(con, uuid).id)
            p = state.person
            key = name_key(alias)
            written = next((a for a in p.aliases if name_key(a) == key), None)
            if written is None:
                raise ValidationError(f"“{alias}” is not an alias of {p.name}.")
            moving = [m for m in state.mentions if name_key(m[2]) == key]
            stamp = now_iso()
            fields = _replace_in_fields(con, [(m[0], m[1]) for m in moving], p.name, written)
            new = Person(0, str(uuidlib.uuid4()), written, guess_kind(written) if p.kind ==
                         "unnamed" else p.kind, "", "", (), stamp, stamp)
            rest = PersonState(replace(p, aliases=tuple(a for a in p.aliases if a != written),
                                       modified=stamp),
                               tuple(m for m in state.mentions if m not in moving))
            change = PeopleChange(f"Split “{written}” from “{p.name}”", (state,),
                                  (rest, PersonState(new)), tuple(fields))
            _write(con, change)
        return change

    def remove(self, uuid: str) -> PeopleChange:
        """Delete a person no annotation names (one that is named must be merged)."""
        with self._project.writing() as con:
            state = _state(con, _person(con, uuid).id)
            if _rename_fields(con, {state.person.name}, "\0"):
                raise ValidationError(
                    f"{state.person.name} is named by annotations; merge them into another "
                    "person instead, or change those annotations first.")
            change = PeopleChange(f"Delete “{state.person.name}”", (state,), ())
            _write(con, change)
        return change

    def apply(self, change: PeopleChange) -> None:
        """Put a change's `after` in place of its `before` (undo: `change.inverse()`)."""
        with self._project.writing() as con:
            _write(con, change)

    def adopt(self, name: str) -> Person:
        """The person a name means, made a person first when it is not one yet."""
        with self._project.writing() as con:
            mapping = settle_names(con, [("", "speaker", name)])
        found = self.find(mapping.get(name, name))
        assert found is not None
        return found


# -- the write path: names in annotation fields ------------------------------------------

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
            changes["participants"] = _unique(mapping.get(n, n) for n in a.participants)
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
        out["participants"] = _unique(mapping.get(n, n) for n in out["participants"])
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
        if not _rename_fields(con, {as_text(name)[0]}, "\0"):
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
            _write_fields(con, _rename_fields(con, others, canonical, stamp=None))
    return len(rows)


# -- helpers ------------------------------------------------------------------------------

# Quotes and claims in one scan, events in a second (json_each only where there is a list:
# joining it to every row costs more than the extra scan). json_each of an object or a
# scalar gives rows without an integer key, so typeof(key) = 'integer' keeps array items
# only, without parsing the list a third time for json_type. Roles are numbers so that the
# sums compare integers. ORDER BY: equal totals keep the names' order (the sort is stable).
_COUNTS = """
WITH uses(name, role, article_id) AS (
  SELECT CASE kind WHEN 'quote' THEN speaker ELSE claimant END,
         CASE kind WHEN 'quote' THEN 1 ELSE 2 END, article_id
    FROM annotation
   WHERE (kind = 'quote' AND speaker != '') OR (kind = 'claim' AND claimant != '')
  UNION ALL
  SELECT j.value, 3, a.article_id
    FROM annotation a,
         json_each(CASE WHEN json_valid(a.participants) THEN a.participants END) j
   WHERE a.kind = 'event' AND a.participants != '[]' AND typeof(j.key) = 'integer'
     AND j.type = 'text' AND j.value != ''
)
SELECT name, sum(role = 1), sum(role = 2), sum(role = 3), count(DISTINCT article_id)
FROM uses GROUP BY name ORDER BY name
"""


def _counts(con: Connection) -> list[PersonCount]:
    people = _people(con)
    by_key = {name_key(p.name): p for p in people.values()}
    used: dict[str, list[int]] = {}
    # one row per distinct written name (hundreds), not per annotation
    for name, quotes, claims, events, articles in con.execute(text(_COUNTS)):
        name = as_text(name)[0]
        key = name_key(name)
        got = used.setdefault(key, [0, 0, 0, 0])
        got[0] += quotes
        got[1] += claims
        got[2] += events
        got[3] = max(got[3], articles)
        if key not in by_key:
            by_key[key] = Person(0, "", clean_name(name), guess_kind(name))
    out = [PersonCount(p, *used.get(k, (0, 0, 0, 0))) for k, p in by_key.items()]
    out.sort(key=lambda c: (-c.total, c.person.name.casefold()))
    return out


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


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return tuple(seen)


def _load_list(raw: str) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _valid_name(name: str) -> str:
    name = clean_name(name)
    if not name:
        raise ValidationError("A person needs a name.")
    if len(name) > 200:
        raise ValidationError("A name can be at most 200 characters long.")
    return name


def _valid_kind(kind: str) -> str:
    if kind not in PERSON_KINDS:
        raise ValidationError(f"Kind {kind!r} is unknown; use person, organisation or "
                              "unnamed.")
    return kind


def _clean_aliases(aliases: Iterable[str], *, exclude: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for a in aliases:
        a = clean_name(a)
        if a and name_key(a) != name_key(exclude):
            seen.setdefault(name_key(a), a)
    return tuple(seen.values())


def _check_free(con: Connection, names: Iterable[str], own_id: int) -> None:
    """Refuse names that already mean another person (as a name or an alias)."""
    for name, pid in _ids_for_keys(con, {name_key(n) for n in names}).items():
        if pid != own_id:
            other = con.scalar(select(PersonRow.name).where(PersonRow.id == pid))
            raise ValidationError(f"“{name}” already names {other}; merge the two instead.")


def _ids_for_keys(con: Connection, keys: set[str]) -> dict[str, int]:
    if not keys:
        return {}
    out = {k: i for k, i in con.execute(select(PersonRow.key, PersonRow.id)
                                        .where(PersonRow.key.in_(keys)))}
    for k, pid in con.execute(select(PersonAliasRow.key, PersonAliasRow.person_id)
                              .where(PersonAliasRow.key.in_(keys))):
        out.setdefault(k, pid)
    return out


def _people(con: Connection, ids: Iterable[int] | None = None) -> dict[int, Person]:
    stmt = select(PersonRow)
    alias_stmt = select(PersonAliasRow.person_id, PersonAliasRow.alias)
    if ids is not None:
        ids = list(ids)
        stmt = stmt.where(PersonRow.id.in_(ids))
        alias_stmt = alias_stmt.where(PersonAliasRow.person_id.in_(ids))
    aliases: dict[int, list[str]] = {}
    for pid, alias in con.execute(alias_stmt.order_by(PersonAliasRow.alias)):
        aliases.setdefault(pid, []).append(as_text(alias)[0])
    return {r.id: Person(r.id, r.uuid, as_text(r.name)[0], r.kind, as_text(r.description)[0],
                         as_text(r.note)[0], tuple(aliases.get(r.id, ())), r.created,
                         r.modified) for r in con.execute(stmt)}


def _person(con: Connection, uuid: str) -> Person:
    found = con.scalar(select(PersonRow.id).where(PersonRow.uuid == uuid))
    if found is None:
        raise NotFoundError("That person is no longer in this project.")
    return _people(con, [found])[found]


def _state(con: Connection, pid: int) -> PersonState:
    person = _people(con, [pid])[pid]
    mentions = tuple(sorted((u, r, as_text(w)[0]) for u, r, w in con.execute(
        select(PersonMentionRow.annotation_uuid, PersonMentionRow.role,
               PersonMentionRow.written).where(PersonMentionRow.person_id == pid))))
    return PersonState(person, mentions)


def _rename_fields(con: Connection, old_names: set[str], new: str, *,
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
            renamed = json.dumps(list(_unique(new if n in old_names else n for n in listed)),
                                 ensure_ascii=False)
            if renamed != participants:
                out.append(FieldChange(uuid, "participants", as_text(participants)[0],
                                       renamed, modified, when))
    return out


def _replace_in_fields(con: Connection, where: list[tuple[str, str]], old: str,
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
                renamed = json.dumps(list(_unique(new if n == old else n for n in listed)),
                                     ensure_ascii=False)
                out.append(FieldChange(uuid, role, as_text(row.participants)[0], renamed,
                                       row.modified, stamp))
    return out


def _write_fields(con: Connection, changes: Iterable[FieldChange]) -> None:
    for f in changes:
        con.execute(update(AnnotationRow).where(AnnotationRow.uuid == f.annotation_uuid)
                    .values({f.role: f.new, "modified": f.new_modified}))


def _write(con: Connection, change: PeopleChange) -> None:
    """Check the people and fields are as `change.before` says, then make them `after`."""
    uuids = {s.person.uuid for s in change.before + change.after}
    ids = {u: i for u, i in con.execute(select(PersonRow.uuid, PersonRow.id)
                                        .where(PersonRow.uuid.in_(uuids)))}
    current = {u: _state(con, pid) for u, pid in ids.items()}
    before = {s.person.uuid: s for s in change.before}
    for u in uuids:
        now, then = current.get(u), before.get(u)
        if (now is None) != (then is None) or (now and then and not _same(now, then)):
            raise StaleChangeError(_CHANGED)
    for f in change.fields:
        row = con.execute(select(getattr(AnnotationRow, f.role), AnnotationRow.modified)
                          .where(AnnotationRow.uuid == f.annotation_uuid)).first()
        if row is None or row[0] != f.old or row[1] != f.old_modified:
            raise StaleChangeError(_CHANGED)
    # settle_names may have written this transaction's rows already: only check then write
    if uuids:
        con.execute(delete(PersonRow).where(PersonRow.uuid.in_(uuids)))
    for s in change.after:
        p = s.person
        taken = con.scalar(select(PersonRow.id).where(PersonRow.id == p.id)) if p.id else 1
        values = {"uuid": p.uuid, "name": p.name, "key": name_key(p.name), "kind": p.kind,
                  "description": p.description, "note": p.note, "created": p.created,
                  "modified": p.modified}
        if p.id and taken is None:
            values["id"] = p.id
        pid = con.execute(insert(PersonRow).values(**values)).inserted_primary_key[0]
        if p.aliases:
            con.execute(insert(PersonAliasRow), [
                {"key": name_key(a), "alias": a, "person_id": pid} for a in p.aliases])
        if s.mentions:
            con.execute(insert(PersonMentionRow), [
                {"person_id": pid, "annotation_uuid": u, "role": r, "written": w}
                for u, r, w in s.mentions])
    _write_fields(con, change.fields)


def _same(a: PersonState, b: PersonState) -> bool:
    pa, pb = a.person, b.person
    # mentions are left out: typing an alias meanwhile adds one and changes nothing shown
    return ((pa.name, pa.kind, pa.description, pa.note, set(pa.aliases), pa.modified)
            == (pb.name, pb.kind, pb.description, pb.note, set(pb.aliases), pb.modified))
