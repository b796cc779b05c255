"""Command-line sub-commands. User errors print one line to stderr and exit 1.

Only `import` and `import-annotations` create a missing project; every other command says it
is missing and creates nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cli.boundary import describe, make_streams_safe, stdout_takes_unicode
from models.errors import BriefmarkError, ValidationError
from models.project import Project
from models.values import KINDS, STATUSES

EXIT_USER_ERROR = 1


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points to --help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_created: list[Path] = []  # projects this command created, removed again if it fails
_annotator: list[str | None] = [None]  # --annotator for this run


def _open(path: str, *, create: bool = False) -> Project:
    """Open the named project; with `create`, a missing one is created (said on stderr)."""
    from models.project import PROJECT_SUFFIX

    target = Path(path).expanduser()
    try:
        os.lstat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a folder on the way cannot be read: not "does not exist"
        raise BriefmarkError(f"{path} cannot be reached: {exc.strerror or exc}. Check the "
                             "folder's permissions.") from None
    if os.path.islink(target) and not os.path.exists(target):
        from models.storage import check_new_name

        check_new_name(target)  # a dangling or looping link: said, never replaced
    if not os.path.lexists(target):
        if not create:
            raise BriefmarkError(f"{path} does not exist; nothing was created.")
        if target.suffix != PROJECT_SUFFIX:
            raise BriefmarkError(
                f"{path} does not exist; to create a new project, give it a name ending "
                f"in {PROJECT_SUFFIX} (for example {target.stem or 'articles'}{PROJECT_SUFFIX}).")
        project = _project_open(target, create=True)
        _created.append(target)
        print(f"created new project {target}", file=sys.stderr)
        return project
    return _project_open(target, create=False)


def _project_open(target: Path, *, create: bool) -> Project:
    # None: models.identity decides (BRIEFMARK_ANNOTATOR, then the OS full name, ...).
    return Project.open(target, create=create, annotator=_annotator[0])


def _cmd_import(args: argparse.Namespace) -> int:
    from models.article_import import import_files
    from models.articles import check_published
    from models.values import ArticleMeta

    check_published(args.published or "")  # before a project file is created
    overrides = ArticleMeta(title=args.title or "", source=args.source or "",
                            url=args.url or "", published=args.published or "")
    with _open(args.project, create=True) as project:
        report = import_files(project, [Path(f) for f in args.files], overrides=overrides)
    for line in report.lines():  # notes to stdout; refusals and the unattempted to stderr
        failed = line.startswith(("refused", "not imported"))
        print(line, file=sys.stderr if failed else sys.stdout)
    return EXIT_USER_ERROR if report.refused or report.not_attempted else 0


def _cmd_list(args: argparse.Namespace) -> int:
    with _open(args.project) as project:
        articles = project.articles.list()
    if args.json:
        rows = [{"id": a.id, "title": a.title, "source": a.source, "author": a.author,
                 "published": a.published, "language": a.language, "imported": a.imported,
                 "characters": a.length, "annotations": a.counts} for a in articles]
        print(json.dumps(rows, ensure_ascii=not stdout_takes_unicode(), indent=1))
        return 0
    if not articles:
        print("No articles yet. Add some with: main.py import PROJECT FILE...")
        return 0
    print(f"{'id':>4}  {'claims':>6} {'quotes':>6} {'events':>6}  {'published':<10}  title")
    for a in articles:
        c = a.counts
        print(f"{a.id:>4}  {c['claim']:>6} {c['quote']:>6} {c['event']:>6}  "
              f"{a.published or '-':<10}  {a.title}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from models.search import Filters, search_project

    filters = Filters(tag=args.tag or "", person=args.person or "", status=args.status or "",
                      date_from=args.date_from or "", date_to=args.date_to or "")
    filters.check()  # before opening: a bad filter is said first
    with _open(args.project) as project:
        result = search_project(project, args.query, kinds=args.kind,
                                article_ids=args.article, filters=filters)
    if args.json:
        print(result.to_json(ascii_only=not stdout_takes_unicode()))
        return 0
    if not result.hits:
        print(f"Nothing in this project matches {args.query!r}.")
        return 0
    for article_id, hits in result.by_article().items():
        print(f"article {article_id}: {len(hits)} hit{'s' if len(hits) != 1 else ''}")
        for h in hits:
            where = "-" if h.start is None else f"{h.start}-{h.end}"
            what = f"{h.kind} {h.annotation_id}" if h.annotation_id else h.field
            print(f"  {where:>13}  {what:<12}  {h.snippet}")
    if result.truncated:
        print(f"(only the first {len(result.hits)} hits; narrow the query)")
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    from models.timeline import project_timeline

    with _open(args.project) as project:
        entries = project_timeline(project, person=args.person or "", tag=args.tag or "",
                                   article_ids=args.article)
    if args.json:
        print(json.dumps([e.as_json() for e in entries],
                         ensure_ascii=not stdout_takes_unicode(), indent=1))
        return 0
    if not entries:
        print("No events in this project yet. Tag some with E in the app, or main.py suggest.")
        return 0
    width = max(12, *(len(e.shown_date) for e in entries))  # ranges: "30 Nov – 2 Dec 2015"
    for e in entries:
        where = f" · {e.where}" if e.where else ""
        print(f"{e.shown_date:>{width}}  article {e.article_id:<4} "
              f"{' '.join(e.text.split())[:90]}{where}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from models.export import export_project
    from models.files import check_destination

    out = Path(args.output)
    note_only = [flag for flag, given in (
        ("--tag", args.tag), ("--person", args.person), ("--status", args.status),
        ("--from", args.date_from), ("--to", args.date_to),
        ("--bottom-line", args.bottom_line or args.bottom_line_file),
        ("--note", args.note), ("--save-note", args.save_note)) if given]
    if note_only and args.format != "docx":
        raise ValidationError(f"{note_only[0]} chooses what goes into a briefing note; use it "
                              "with --format docx (the other formats take --article and "
                              "--kind).")
    check_destination(out)  # before opening: a bad destination is said first
    bottom = _bottom_line(args) if args.bottom_line or args.bottom_line_file else None
    with _open(args.project) as project:
        options = _note_options(args, project, bottom) if args.format == "docx" else None
        result = export_project(project, args.format, out, article_ids=args.article or (),
                                kinds=args.kind or (), options=options)
    print(f"wrote {result.path}")
    return 0


def _note_options(args: argparse.Namespace, project: object, bottom: str | None) -> object:
    """A saved note's choices (--note), with the flags given on top; kept under a name when
    --save-note says so (before the export, which may take a while)."""
    from dataclasses import replace

    from models.briefing import BriefingOptions, definitions

    base = definitions.load(project, args.note) if args.note else BriefingOptions()
    given: dict[str, object] = {k: v for k, v in (
        ("article_ids", tuple(args.article or ())), ("kinds", tuple(args.kind or ())),
        ("title", args.title), ("bottom_line", bottom),
        ("quotes_by", args.quotes_by), ("claims_by", args.claims_by),
        ("template", Path(args.template) if args.template else None),
        ("tags", tuple(args.tag or ())), ("people", tuple(args.person or ())),
        ("statuses", tuple(args.status or ())), ("date_from", args.date_from),
        ("date_to", args.date_to)) if v}
    if args.no_text:
        given["include_text"] = False
    if args.no_notes:
        given["include_notes"] = False
    options = replace(base, **given)
    if args.save_note:
        definitions.save(project, args.save_note, options)
    return options


def _cmd_notes(args: argparse.Namespace) -> int:
    from models.briefing import definitions

    with _open(args.project) as project:
        if args.forget:
            definitions.forget(project, args.forget)
            print(f"forgot the saved note “{args.forget}”")
            return 0
        saved = {n: definitions.load(project, n) for n in definitions.names(project)}
    if args.json:
        from dataclasses import asdict

        print(json.dumps({n: {**asdict(o), "template": str(o.template or "")}
                          for n, o in saved.items()}, ensure_ascii=False, indent=1))
        return 0
    if not saved:
        print("no saved notes (export --format docx --save-note NAME keeps one)")
    for name, o in saved.items():
        articles = f"{len(o.article_ids)} articles" if o.article_ids else "all articles"
        print(f"{name}: {o.title or '(default title)'} · {articles} · {', '.join(o.kinds)}")
    return 0


def _bottom_line(args: argparse.Namespace) -> str:
    """--bottom-line TEXT, or the text of --bottom-line-file (UTF-8)."""
    if args.bottom_line_file:
        path = Path(args.bottom_line_file)
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"Cannot read the bottom line from {path} "
                                  f"({getattr(exc, 'strerror', None) or exc}); give a UTF-8 "
                                  "text file.") from None
    return (args.bottom_line or "").replace("\\n", "\n")


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    from models import exchange

    data = exchange.load_file(Path(args.file))  # one line for any unreadable file
    exchange.check_file(data)  # a wrong file is refused before any project is created
    with _open(args.project, create=True) as project:
        report = exchange.import_json(project, data)
    for line in report.lines():
        print(line, file=sys.stderr if line.startswith("not placed") else sys.stdout)
    return EXIT_USER_ERROR if report.orphaned else 0


def _cmd_suggest(args: argparse.Namespace) -> int:
    from models.suggest import accept, suggest_for_article

    with _open(args.project) as project:
        ids = args.article or [a.id for a in project.articles.list()]
        kinds = tuple(args.kind or KINDS)
        found = [(i, s) for i in ids for s in suggest_for_article(project, i, kinds=kinds)]
        if args.accept:
            for article_id in ids:
                accept(project, article_id, [s for i, s in found if i == article_id])
    if args.json:
        print(json.dumps([s.as_json(i) for i, s in found],
                         ensure_ascii=not stdout_takes_unicode(), indent=1))
    else:
        for i, s in found:
            who = s.speaker or s.claimant or s.date or s.when
            text = " ".join(s.text.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            print(f"{i:>4}  {s.kind:<5}  {s.start:>6}-{s.end:<6}  {who[:24]:<24}  {text}")
        verb = "accepted" if args.accept else "found"
        print(f"{len(found)} suggestions {verb}", file=sys.stderr)
    return 0


def _forget_created() -> None:
    """A command that failed leaves no new, empty project behind."""
    while _created:
        path = _created.pop()
        try:
            with Project.open(path) as project:
                empty = not project.articles.list()
        except BriefmarkError:
            continue
        if empty:
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="main.py",
        description="Briefmark: annotate news articles and write briefing notes. "
                    "Without a command, `main.py [PROJECT]` starts the desktop app.",
    )
    parser.add_argument("--annotator", metavar="NAME",
                        help="name signed on new annotations (default: $BRIEFMARK_ANNOTATOR, "
                             "then your full name)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--annotator", metavar="NAME", default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    add = functools.partial(sub.add_parser, parents=[common])  # --annotator after COMMAND too

    p = add("import", help="import article files (.txt .md .docx .html)")
    p.add_argument("project", help="project file (.briefmark); created if missing")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="title for the imported article(s)")
    p.add_argument("--source", help="outlet or source name")
    p.add_argument("--url")
    p.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    p.set_defaults(handler=_cmd_import)

    p = add("list", help="list articles with ids and annotation counts")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_list)

    p = add("export",
                       help="export annotations (json, csv, w3c) or a briefing note (docx)")
    p.add_argument("project")
    p.add_argument("--format", choices=("json", "csv", "docx", "w3c"), required=True,
                   help="json: lossless Briefmark file; csv: a row per annotation; "
                        "docx: briefing note; w3c: W3C Web Annotation collection")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--article", type=int, action="append", metavar="ID",
                   help="only this article (repeat for more)")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    p.add_argument("--template", metavar="T.docx", help="docx: house template to take styles from")
    p.add_argument("--bottom-line", metavar="TEXT",
                   help="docx: the key judgements, first in the note (\\n between lines; "
                        "a line starting '- ' is a bullet)")
    p.add_argument("--bottom-line-file", metavar="FILE",
                   help="docx: the bottom line from a UTF-8 text file")
    p.add_argument("--tag", action="append", metavar="TAG",
                   help="docx: only annotations with this tag (repeat for any of several)")
    p.add_argument("--person", action="append", metavar="NAME",
                   help="docx: only annotations naming this person or an alias (repeatable)")
    p.add_argument("--status", action="append", choices=STATUSES,
                   help="docx: only claims of this status (repeatable)")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="docx: only events whose date reaches this one or later")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="docx: only events whose date begins by the end of this one")
    p.add_argument("--no-text", action="store_true", help="docx: leave out the annotated text")
    p.add_argument("--no-notes", action="store_true", help="docx: leave out the notes")
    p.add_argument("--quotes-by", choices=("speaker", "order"),
                   help="docx: group quotes by speaker (default) or keep text order")
    p.add_argument("--claims-by", choices=("status", "order"),
                   help="docx: group claims by status (default) or keep text order")
    p.add_argument("--title", help="docx: the note's title")
    p.add_argument("--note", metavar="NAME",
                   help="docx: the choices saved under this name (flags given change them)")
    p.add_argument("--save-note", metavar="NAME",
                   help="docx: keep this note's choices in the project under NAME")
    p.set_defaults(handler=_cmd_export)

    p = add("notes", help="list the briefing notes saved in a project (or forget one)")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print their choices as JSON")
    p.add_argument("--forget", metavar="NAME", help="forget the note saved under NAME")
    p.set_defaults(handler=_cmd_notes)

    p = add("import-annotations", help="import a Briefmark JSON export")
    p.add_argument("project")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=_cmd_import_annotations)

    p = add("search", help="search every article and annotation of the project")
    p.add_argument("project")
    p.add_argument("query", help='words that must all match; "quoted words" as a phrase')
    p.add_argument("--kind", action="append", choices=KINDS,
                   help="only annotations of this kind (repeatable)")
    p.add_argument("--article", type=int, action="append", metavar="ID")
    p.add_argument("--tag", help="only annotations with this tag")
    p.add_argument("--person", help="only annotations whose speaker, claimant or participants "
                                    "name this person (part of the name will do)")
    p.add_argument("--status", help="only claims of this status")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="only annotations whose date reaches this one or later (YYYY, "
                        "YYYY-MM, YYYY-MM-DD, or START/END of those)")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="only those whose date begins by the end of this one")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.set_defaults(handler=_cmd_search)

    p = add("timeline", help="every event of the project in date order")
    p.add_argument("project")
    p.add_argument("--person", help="only events this person takes part in (part of a name)")
    p.add_argument("--tag", help="only events with this tag")
    p.add_argument("--article", type=int, action="append", metavar="ID")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.set_defaults(handler=_cmd_timeline)

    p = add("suggest", help="suggest quotes, events and claims to annotate")
    p.add_argument("project")
    p.add_argument("--article", type=int, action="append", metavar="ID")
    p.add_argument("--kind", action="append", choices=KINDS)
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.add_argument("--accept", action="store_true", help="store every suggestion as annotation")
    p.set_defaults(handler=_cmd_suggest)

    from cli import project_commands

    project_commands.register(add, lambda cmd: functools.partial(cmd, open_project=_open))
    return parser


COMMANDS = ("import", "list", "export", "import-annotations", "search", "suggest",
            "timeline", "people", "link", "links", "notes")


def run_cli(argv: Sequence[str]) -> int:
    make_streams_safe()
    args = build_parser().parse_args(list(argv))
    if not getattr(args, "handler", None):
        build_parser().print_help()
        return 0
    _annotator[0] = args.annotator
    try:
        status = args.handler(args)
        if status:
            _forget_created()
        return status
    except BriefmarkError as exc:
        _forget_created()
        print(f"main.py {args.command}: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # e.g. `main.py list P --json | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        _forget_created()
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the boundary: one line, never a traceback
        if os.environ.get("BRIEFMARK_DEBUG"):
            raise
        _forget_created()
        print(f"main.py {args.command}: {describe(exc, args)}", file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        _annotator[0] = None


main = run_cli
