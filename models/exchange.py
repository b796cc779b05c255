"""Lossless JSON export/import and CSV export of articles with their annotations.

JSON shape (version 1): {"format": "briefmark", "version": 1, "articles": [{article fields,
"text", "annotations": [{annotation fields}]}], "links": [{link fields}]}. Offsets are code
points, as the W3C Web Annotation model counts them. Links are in models/link_exchange.py;
a file without them (written before links) reads as before.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.anchoring import place
from models.errors import BriefmarkError, ValidationError
from models.gc_pause import no_cycle_collection
from models.json_export import ANNOTATION_KEYS, ARTICLE_KEYS, FORMAT, VERSION, write_json
from models.link_exchange import (
    LinkImport,
    check_links,
    csv_cells,
    import_links,
)
from models.textnorm import normalise_text
from models.values import Annotation, ArticleMeta, Link

if TYPE_CHECKING:
    from models.project import Project

def export_json(project: Project, *, article_ids: Iterable[int] = (),
                 kinds: Iterable[str] = ()) -> dict[str, Any]:
    """The articles (all, in id order, or `article_ids` in the order given) with their
    annotations (of `kinds`, or all) in text order and the links between them, as the
    JSON file holds them: the file models/json_export.py writes, read back, so the two
    can never differ."""
    buf = io.BytesIO()
    write_json(project, buf, article_ids=article_ids, kinds=kinds)
    with no_cycle_collection():
        return json.loads(buf.getvalue())


def dumps(data: dict[str, Any]) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=1)` and a newline, byte for byte.

    The standard library encodes indented JSON in pure Python, one generator step per
    token (about 13 s for a 5,000-article project); `_indented` lays out the same text
    with C-encoded strings. Values it does not know fall back to the standard library."""
    try:
        with no_cycle_collection():
            return _indented(data, "\n") + "\n"
    except (_Unusual, TypeError, ValueError, RecursionError):  # the library says what it says
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class _Unusual(Exception):
    """A value the fast encoder leaves to the standard library."""


_encode_str = json.encoder.encode_basestring  # the C version when the C module is there


def _c_encoder(newline: str) -> Any:
    """The standard library's C encoder writing items `,` + `newline` apart: a dict or
    list of scalars at the depth `newline` indents, without its brackets' line breaks."""
    found = _C_ENCODERS.get(newline)
    if found is None:
        found = _C_ENCODERS[newline] = _make_c_encoder(
            None, _refuse, _encode_str, None, ": ", "," + newline, False, False, True)
    return found


def _refuse(value: Any) -> Any:
    raise _Unusual


_make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODERS: dict[str, Any] = {}
_NESTED = (dict, list, tuple)


def _indented(value: Any, newline: str) -> str:
    """`value` laid out as json.dumps(indent=1, ensure_ascii=False) lays it out, where
    `newline` is a line break followed by the indent of the line `value` starts on.

    Runs of scalar items go through the C encoder (its output for str, int, float, bool
    and None is the pure-Python encoder's); only nesting is laid out here."""
    if isinstance(value, str):
        return _encode_str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + " "
        parts: list[str] = []
        run: dict[Any, Any] = {}
        for k, v in value.items():
            if not isinstance(v, _NESTED):
                run[k] = v
                continue
            if not isinstance(k, str):
                raise _Unusual  # the standard library's key conversions
            if run:
                parts.append(_scalars(run, inner))
                run = {}
            parts.append(f"{_encode_str(k)}: {_indented(v, inner)}")
        if run:
            parts.append(_scalars(run, inner))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + " "
        if not any(isinstance(v, _NESTED) for v in value):
            return "[" + inner + _scalars(value, inner) + newline + "]"
        parts = [_indented(v, inner) if isinstance(v, _NESTED) else _scalars((v,), inner)
                 for v in value]
        return "[" + inner + ("," + inner).join(parts) + newline + "]"
    return _scalars((value,), newline)


def _scalars(items: dict[Any, Any] | list[Any] | tuple[Any, ...], newline: str) -> str:
    """Scalar items of a dict or list, `,` + `newline` apart, without the brackets."""
    if _make_c_encoder is None:
        raise _Unusual
    if not isinstance(items, dict):
        items = list(items)
    return "".join(_c_encoder(newline)(items, 0))[1:-1]


CSV_COLUMNS = ("article_id", "article_title") + ANNOTATION_KEYS + ("links",)


def export_csv(project: Project, *, article_ids: Iterable[int] = (),
               kinds: Iterable[str] = ()) -> str:
    """One row per annotation; written by the caller as UTF-8 with BOM so Excel reads it."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    data = export_json(project, article_ids=article_ids, kinds=kinds)
    cells = csv_cells(Link(uuid=x["id"], source=x["from"], target=x["to"], type=x["type"])
                      for x in data["links"])
    for article in data["articles"]:
        for ann in article["annotations"]:
            row = [article["id"], article["title"]]
            for key in ANNOTATION_KEYS:
                value = ann[key]
                row.append("; ".join(value) if isinstance(value, list) else value)
            row.append(cells.get(ann["id"], ""))
            writer.writerow(row)
    return buf.getvalue()


SAMPLE = 20  # unplaceable annotations named one by one; the rest are counted


@dataclass
class AnnotationImportReport:
    articles_created: int = 0
    articles_matched: int = 0
    placed: int = 0
    moved: int = 0  # placed by quote because the offsets no longer held
    already_present: int = 0
    not_placed: int = 0  # how many could not be placed, however many that is
    orphaned: list[str] = field(default_factory=list)  # the first SAMPLE, one line each
    links: LinkImport = field(default_factory=LinkImport)

    def refuse(self, line: str) -> None:
        self.not_placed += 1
        if len(self.orphaned) < SAMPLE:
            self.orphaned.append(line)

    def lines(self) -> list[str]:
        """What to tell the user: a summary line, then at most SAMPLE + 1 "not placed"."""
        out = [f"{self.articles_created} articles created, {self.articles_matched} matched "
               f"existing articles; {self.placed} annotations imported "
               f"({self.moved} placed by their quoted text), {self.already_present} "
               "already present"]
        x = self.links
        if x.imported or x.already_present or x.not_linked:
            out.append(f"{x.imported} links imported, {x.already_present} already present"
                       + (f", {x.not_linked} not linked (an annotation they join was not "
                          "placed)" if x.not_linked else ""))
        out += [f"not placed: {line}" for line in self.orphaned]
        if self.not_placed > len(self.orphaned):
            out.append(f"not placed: {self.not_placed - len(self.orphaned)} more annotations "
                       f"({self.not_placed} in all) whose text is missing or ambiguous")
        return out


def loads(text: str, name: str = "The file") -> Any:
    """Parse JSON text; a broken or absurdly nested file is one clear error, not a crash."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{name} is not a JSON file ({exc}).") from None
    except RecursionError:
        raise ValidationError(f"{name} nests its data too deeply to be a Briefmark annotation "
                              "file.") from None


def load_file(path: Path) -> Any:
    """Read and parse an annotation file, with the messages the CLI and the app show."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BriefmarkError(f"{path} does not exist.") from None
    except UnicodeDecodeError as exc:
        raise BriefmarkError(f"{path.name} is not a JSON file ({exc}).") from None
    except OSError as exc:
        raise BriefmarkError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    return loads(text, path.name)


_STR_FIELDS = ("kind", "text", "prefix", "suffix", "note", "speaker", "claimant", "status",
               "when", "date", "where", "annotator", "created", "modified", "id")
_VALUE_FIELDS = ("note", "tags", "speaker", "claimant", "status", "when", "date", "where",
                 "participants", "annotator", "created", "modified")


def check_file(data: Any) -> list[dict[str, Any]]:
    """Check the whole file before anything is written; returns its articles (its links
    are checked too: `import_json` reads them again)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("This is not a Briefmark annotation file (no \"format\": "
                              "\"briefmark\").")
    if data.get("version") is None:
        raise ValidationError("This annotation file has no \"version\"; it was not written "
                              "by Briefmark.")
    if data.get("version") != VERSION:
        raise ValidationError(f"Annotation file version {data.get('version')!r} is not "
                              f"supported; this Briefmark reads version {VERSION}.")
    articles = data.get("articles") or []
    if not isinstance(articles, list):
        raise ValidationError("In this annotation file \"articles\" is not a list.")
    for n, entry in enumerate(articles, start=1):
        where = f"Article {n} in the file"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) \
                or not entry["text"].strip():
            raise ValidationError(f"{where} has no text.")
        _check_strings(where, {k: entry.get(k) for k in (*ARTICLE_KEYS, "uuid", "text")
                               if k != "id"})
        anns = entry.get("annotations") or []
        if not isinstance(anns, list) or not all(isinstance(a, dict) for a in anns):
            raise ValidationError(f"{where}: \"annotations\" must be a list of objects.")
        for m, ann in enumerate(anns, start=1):
            at = f"{where}, annotation {m}"
            _check_strings(at, {k: ann.get(k) for k in _STR_FIELDS})
            for key in ("tags", "participants"):
                value = ann.get(key)
                if value is not None and not isinstance(value, str) and not (
                        isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    raise ValidationError(f"{at}: \"{key}\" must be a list of words.")
                _check_strings(at, {key: value if isinstance(value, str) else None})
                for v in value if isinstance(value, list) else ():
                    _check_strings(at, {key: v})
            for key in ("start", "end"):
                if ann.get(key) is not None and (not isinstance(ann[key], int)
                                                 or isinstance(ann[key], bool)):
                    raise ValidationError(f"{at}: \"{key}\" must be a whole number.")
    check_links(data)
    return articles


def _check_strings(where: str, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if value is None:
            continue
        if not isinstance(value, str):
            if key == "id" and isinstance(value, int):
                continue
            raise ValidationError(f"{where}: \"{key}\" must be text.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(f"{where}: \"{key}\" holds characters that are not valid "
                                  "Unicode (a broken surrogate pair).") from None


def import_json(project: Project, data: Any) -> AnnotationImportReport:
    """Bring articles and annotations from a Briefmark JSON export into the project.

    The whole file is checked first and then written in one transaction: a bad file
    changes nothing. An article whose text the project already has receives the
    annotations; others are created. Annotations already present (same id) are skipped,
    never duplicated; one that cannot be placed is reported, never guessed. Annotations
    stream into the store in chunks, so cost is linear and no row objects pile up.
    """
    articles = check_file(data)
    report = AnnotationImportReport()
    store = project.annotations
    existing_uuids = store.uuids()
    known_articles = {s.id for s in project.articles.list()}
    with project.writing() as con:
        for n, entry in enumerate(articles, start=1):
            # Stored texts are normalised; a file written elsewhere may not be (CRLF...).
            raw = entry["text"]
            text = normalise_text(raw)
            article_id = project.articles.find_by_text(text, con)
            if article_id is None:
                meta = ArticleMeta(**{k: str(entry.get(k) or "")
                                      for k in ARTICLE_KEYS if k != "id"})
                uuid = entry.get("uuid")
                taken = bool(uuid) and project.articles.uuid_taken(con, uuid)
                article_id = project.articles.insert(con, text, meta,
                                                     uuid=None if taken else uuid)
                report.articles_created += 1
            else:
                report.articles_matched += 1 if article_id in known_articles else 0
            store.remember_text(article_id, text)
            report.placed += store.insert_many(con, _placed(
                store, report, existing_uuids, entry, article_id, text, text != raw,
                entry.get("title") or f"article {n}"))
        report.links = import_links(con, check_links(data))
    return report


def _placed(store: Any, report: AnnotationImportReport, existing_uuids: set[str],
            entry: dict[str, Any], article_id: int, text: str, moved_text: bool,
            title: str) -> Iterator[Annotation]:
    """The file's annotations for one article, placed and built one at a time."""
    for ann in entry.get("annotations") or []:
        uid = str(ann.get("id") or "")
        if uid and uid in existing_uuids:
            report.already_present += 1
            continue
        quote = ann.get("text") or ""
        context = (ann.get("prefix") or "", ann.get("suffix") or "")
        if moved_text:
            quote = normalise_text(quote)
            context = (normalise_text(context[0]), normalise_text(context[1]))
        spot = place(text, quote, None if moved_text else ann.get("start"),
                     None if moved_text else ann.get("end"), *context)
        if spot is None:
            report.refuse(f"{title}: {ann.get('kind')} “{_short(quote)}” "
                          "(its text is missing or appears more than once)")
            continue
        values = {k: ann.get(k) for k in _VALUE_FIELDS if ann.get(k) not in (None, "", [])}
        try:
            built = store.build(article_id=article_id, kind=ann.get("kind"), start=spot.start,
                                end=spot.end, uuid=uid or None, **values)
        except ValidationError as exc:
            report.refuse(f"{title}: “{_short(quote)}”: {exc}")
            continue
        report.moved += spot.how == "quote"
        if uid:
            existing_uuids.add(uid)
        yield built


def _short(text: object, limit: int = 50) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
