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
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    delete,
    insert,
    literal_column,
    or_,
    select,
    text,
)

from models.clock import now_iso
from models.data_version import DataVersion
from models.errors import NotFoundError, ValidationError
from models.people_fields import (
    FieldChange,
    rename_fields,
    replace_in_fields,
    settle_names,
    write_fields,
)
from models.people_names import (
    Proposal,
    clean_aliases,
    clean_name,
    guess_kind,
    name_key,
    propose_variants,
    valid_kind,
    valid_name,
)
from models.people_resolve import NameResolver, load_resolver
from models.row_values import as_text
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
        # what is kept below is dropped when the file changes (models/data_version.py)
        self._watch = DataVersion(project.engine, self._forget_kept)
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
        return self._watch.now()

    def _forget_kept(self) -> None:
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
        name = valid_name(name)
        with self._project.writing() as con:
            if _ids_for_keys(con, {name_key(name)}):
                raise ValidationError(f"“{name}” is already a person or an alias in this "
                                      "project.")
            stamp = now_iso()
            person = Person(0, str(uuidlib.uuid4()), name, valid_kind(kind or guess_kind(name)),
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
                values["kind"] = valid_kind(kind)
            if description is not None:
                values["description"] = description.strip()
            if note is not None:
                values["note"] = note.strip()
            mentions = state.mentions
            if aliases is not None:
                wanted = clean_aliases(aliases, exclude=name or old.name)
                _check_free(con, [a for a in wanted if name_key(a) not in
                                  {name_key(x) for x in old.aliases}], old.id)
                values["aliases"] = wanted
                keys = {name_key(a) for a in wanted}
                mentions = tuple(m for m in mentions if name_key(m[2]) in keys)
            fields: list[FieldChange] = []
            text_ = f"Edit “{old.name}”"
            if name is not None and clean_name(name) != old.name:
                new = valid_name(name)
                if name_key(new) != name_key(old.name):
                    _check_free(con, [new], old.id)
                values["name"] = new
                # taking one of the person's own aliases as the name drops that alias
                values["aliases"] = tuple(a for a in values.get("aliases", old.aliases)
                                          if name_key(a) != name_key(new))
                fields = rename_fields(con, {old.name}, new)
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
            fields = rename_fields(con, {gone.person.name}, kept.person.name)
            mentions = {(f.annotation_uuid, f.role, gone.person.name) for f in fields}
            mentions |= set(gone.mentions) | set(kept.mentions)
            aliases = clean_aliases(kept.person.aliases + (gone.person.name,)
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
            fields = replace_in_fields(con, [(m[0], m[1]) for m in moving], p.name, written)
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
            if rename_fields(con, {state.person.name}, "\0"):
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


def _load_list(raw: str) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


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
    write_fields(con, change.fields)


def _same(a: PersonState, b: PersonState) -> bool:
    pa, pb = a.person, b.person
    # mentions are left out: typing an alias meanwhile adds one and changes nothing shown
    return ((pa.name, pa.kind, pa.description, pa.note, set(pa.aliases), pa.modified)
            == (pb.name, pb.kind, pb.description, pb.note, set(pb.aliases), pb.modified))
