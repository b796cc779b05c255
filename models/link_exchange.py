"""Links in the JSON and CSV exchange files.

JSON: a top-level "links" list beside "articles", one object per link whose two ends are
among the exported annotations: {"id", "from", "to", "type", "cites_status", "note",
"annotator", "created"}; "from" and "to" are annotation ids (uuids) of the same file or of
the project it is imported into. Files without "links" (older exports) read as before.

CSV: a "links" column per annotation, "supports <id>; contradicted by <id>", read from the
annotation the row is about (models/links.py LINK_LABELS).
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from models.clock import now_iso
from models.errors import ValidationError
from models.links import LINK_LABELS, LINK_TYPES, insert_links
from models.schema import LinkRow
from models.values import Link

LINK_KEYS = ("id", "from", "to", "type", "cites_status", "note", "annotator", "created")


def read_links(con: Connection, uuids: set[str]) -> list[Link]:
    """The links whose two ends are both in `uuids`, oldest first (one query; links are
    few beside annotations)."""
    out = []
    for r in con.execute(select(LinkRow).order_by(LinkRow.id)):
        if r.source in uuids and r.target in uuids:
            out.append(Link(uuid=r.uuid, source=r.source, target=r.target, type=r.type,
                            cites_status=bool(r.cites_status), note=r.note or "",
                            annotator=r.annotator or "", created=r.created or ""))
    return out


def link_json(x: Link) -> dict[str, Any]:
    return {"id": x.uuid, "from": x.source, "to": x.target, "type": x.type,
            "cites_status": x.cites_status, "note": x.note, "annotator": x.annotator,
            "created": x.created}


def csv_cells(links: Iterable[Link]) -> dict[str, str]:
    """The "links" cell of each annotation (by uuid) that has links."""
    cells: dict[str, list[str]] = {}
    for x in links:
        out, back = LINK_LABELS[x.type]
        cells.setdefault(x.source, []).append(f"{out} {x.target}")
        cells.setdefault(x.target, []).append(f"{back} {x.source}")
    return {k: "; ".join(v) for k, v in cells.items()}


def check_links(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's links, each checked before anything is written."""
    links = data.get("links")
    if links is None:
        return []
    if not isinstance(links, list) or not all(isinstance(x, dict) for x in links):
        raise ValidationError("In this annotation file \"links\" is not a list of objects.")
    for n, x in enumerate(links, start=1):
        where = f"Link {n} in the file"
        for key in ("from", "to"):
            if not isinstance(x.get(key), str) or not x[key].strip():
                raise ValidationError(f"{where} has no \"{key}\" annotation id.")
        if x.get("type") not in LINK_TYPES:
            raise ValidationError(f"{where}: type {x.get('type')!r} is unknown; use "
                                  f"{', '.join(LINK_TYPES[:-1])} or {LINK_TYPES[-1]}.")
        if not isinstance(x.get("cites_status", False), bool):
            raise ValidationError(f"{where}: \"cites_status\" must be true or false.")
        for key in ("id", "note", "annotator", "created"):
            if x.get(key) is not None and not isinstance(x[key], str):
                raise ValidationError(f"{where}: \"{key}\" must be text.")
        if x["from"] == x["to"]:
            raise ValidationError(f"{where} links an annotation to itself.")
    return links


@dataclass
class LinkImport:
    imported: int = 0
    already_present: int = 0
    not_linked: int = 0  # an end is neither in the file's placed annotations nor the project


def import_links(con: Connection, links: list[dict[str, Any]]) -> LinkImport:
    """Store the file's links inside the import's transaction: ones already in the project
    (same id, or the same two ends and type) are skipped, ones with an end that was not
    placed are counted."""
    result = LinkImport()
    if not links:
        return result
    known_ids = set(con.scalars(select(LinkRow.uuid)))
    known_triples = set(con.execute(select(LinkRow.source, LinkRow.target, LinkRow.type)))
    pending = []
    for x in links:
        uid = x.get("id") or str(uuidlib.uuid4())
        if uid in known_ids or (x["from"], x["to"], x["type"]) in known_triples:
            result.already_present += 1
            continue
        known_ids.add(uid)
        known_triples.add((x["from"], x["to"], x["type"]))
        pending.append(Link(uuid=uid, source=x["from"], target=x["to"], type=x["type"],
                            cites_status=bool(x.get("cites_status", False)),
                            note=(x.get("note") or "").strip(),
                            annotator=x.get("annotator") or "",
                            created=x.get("created") or now_iso()))
    result.imported = insert_links(con, pending)
    result.not_linked = len(pending) - result.imported
    return result
