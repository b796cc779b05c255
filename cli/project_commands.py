"""Sub-commands for the project's people and links: `people`, `link`, `links`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from cli.boundary import stdout_takes_unicode
from models.errors import BriefmarkError

Opener = Callable[[str], object]


def _dump(value: object) -> None:
    print(json.dumps(value, ensure_ascii=not stdout_takes_unicode(), indent=1))


def _person(project, name: str):  # noqa: ANN001, ANN202
    found = project.people.find(name)
    if found is None:
        raise BriefmarkError(f"No person or alias “{name}” in this project; "
                             "`main.py people PROJECT` lists them.")
    return found


def cmd_people(args: argparse.Namespace, open_project: Opener) -> int:
    with open_project(args.project) as project:
        if args.merge or args.into:
            if not (args.merge and args.into):
                raise BriefmarkError("--merge NAME needs --into NAME (and the other way).")
            source, into = _person(project, args.merge), _person(project, args.into)
            change = project.people.merge(source.uuid, into.uuid)
            print(f"merged {source.name} into {into.name}: {len(change.annotation_uuids)} "
                  "annotation(s) changed")
            return 0
        if args.rename or args.to:
            if not (args.rename and args.to):
                raise BriefmarkError("--rename NAME needs --to NEW_NAME.")
            who = _person(project, args.rename)
            change = project.people.rename(who.uuid, args.to)
            print(f"renamed {who.name} to {args.to}: {len(change.annotation_uuids)} "
                  "annotation(s) changed")
            return 0
        if args.split:
            if not args.of:
                raise BriefmarkError("--split ALIAS needs --of NAME.")
            who = _person(project, args.of)
            change = project.people.split(who.uuid, args.split)
            print(f"split {args.split} from {who.name}: {len(change.annotation_uuids)} "
                  "annotation(s) changed")
            return 0
        counts = project.people.counts()
        proposals = project.people.proposals()
    if args.json:
        _dump({"people": [{
            "uuid": c.person.uuid, "name": c.person.name, "kind": c.person.kind,
            "description": c.person.description, "note": c.person.note,
            "aliases": list(c.person.aliases), "quotes": c.quotes, "claims": c.claims,
            "events": c.events, "articles": c.articles} for c in counts],
            "proposals": [{"variant": x.variant, "full": x.full, "reason": x.reason}
                          for x in proposals]})
        return 0
    if not counts:
        print("No people in this project yet: name a speaker, claimant or participant.")
        return 0
    print(f"{'quotes':>6} {'claims':>6} {'events':>6} {'articles':>8}  name")
    for c in counts:
        aka = f" (also {', '.join(c.person.aliases)})" if c.person.aliases else ""
        role = f" · {c.person.description}" if c.person.description else ""
        kind = "" if c.person.kind == "person" else f" [{c.person.kind}]"
        print(f"{c.quotes:>6} {c.claims:>6} {c.events:>6} {c.articles:>8}  "
              f"{c.person.name}{kind}{aka}{role}")
    for x in proposals:
        print(f"maybe the same: {x.variant} → {x.full} ({x.reason}); "
              f"merge with --merge \"{x.variant}\" --into \"{x.full}\"")
    return 0


def cmd_link(args: argparse.Namespace, open_project: Opener) -> int:
    with open_project(args.project) as project:
        link = project.links.add(args.source, args.target, args.type,
                                 cites_status=args.cites_status, note=args.note or "")
        ends = project.annotations.by_uuids([link.source, link.target])
    print(f"linked {ends[link.source].id} {link.type} {ends[link.target].id}")
    return 0


def cmd_links(args: argparse.Namespace, open_project: Opener) -> int:
    with open_project(args.project) as project:
        links = project.links.list(article_ids=args.article or ())
        wanted = {e for x in links for e in (x.source, x.target)}
        ends = project.annotations.by_uuids(wanted)
    rows = [{"uuid": x.uuid, "type": x.type, "from": ends[x.source].id,
             "from_article": ends[x.source].article_id, "to": ends[x.target].id,
             "to_article": ends[x.target].article_id, "cites_status": x.cites_status,
             "note": x.note, "annotator": x.annotator, "created": x.created}
            for x in links if x.source in ends and x.target in ends]
    if args.json:
        _dump(rows)
        return 0
    if not rows:
        print("No links yet: with an annotation chosen in the app press L, or use "
              "main.py link PROJECT FROM_ID TO_ID --type supports.")
        return 0
    for r, x in zip(rows, (x for x in links if x.source in ends and x.target in ends),
                    strict=True):
        src, dst = ends[x.source], ends[x.target]
        cited = " (cited for status)" if x.cites_status else ""
        print(f"{r['from']:>6} {src.kind:<5} {x.type:<11} {r['to']:>6} {dst.kind:<5}"
              f"  “{' '.join(src.text.split())[:40]}” → “{' '.join(dst.text.split())[:40]}”"
              f"{cited}")
    return 0


def register(add: Callable[..., argparse.ArgumentParser], handler: Callable[..., object],
             ) -> None:
    """Add the sub-commands; `handler(cmd)` wraps a command with the project opener."""
    from models.links import LINK_TYPES

    p = add("people", help="the project's people with counts; merge, rename or split them")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--merge", metavar="NAME", help="merge this person ...")
    p.add_argument("--into", metavar="NAME", help="... into this one (aliases kept)")
    p.add_argument("--rename", metavar="NAME", help="rename this person ...")
    p.add_argument("--to", metavar="NEW_NAME", help="... to this name")
    p.add_argument("--split", metavar="ALIAS", help="make this alias its own person ...")
    p.add_argument("--of", metavar="NAME", help="... taken from this person")
    p.set_defaults(handler=handler(cmd_people))

    p = add("link", help="link two annotations (FROM supports/contradicts/... TO)")
    p.add_argument("project")
    p.add_argument("source", metavar="FROM_ID", help="annotation id (or uuid)")
    p.add_argument("target", metavar="TO_ID", help="annotation id (or uuid)")
    p.add_argument("--type", required=True, choices=LINK_TYPES)
    p.add_argument("--cites-status", action="store_true",
                   help="the claim's verification status rests on this evidence")
    p.add_argument("--note")
    p.set_defaults(handler=handler(cmd_link))

    p = add("links", help="list the links between annotations")
    p.add_argument("project")
    p.add_argument("--article", type=int, action="append", metavar="ID",
                   help="only links touching this article (repeatable)")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.set_defaults(handler=handler(cmd_links))
