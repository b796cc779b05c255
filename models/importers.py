"""Reading article files (.txt, .md, .docx, .html) into text plus metadata.

Each reader returns an `ImportedText`; nothing here touches a project. `import_files` in
models/article_import.py stores them and reports what was refused and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from models.errors import ImportRefused
from models.language import detect_language
from models.textnorm import decode_bytes, normalise_text
from models.values import ArticleMeta

SUPPORTED = (".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ImportedText:
    text: str
    meta: ArticleMeta


def first_line_title(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return " ".join(line.split())[:300]
    return ""


def read_article_file(path: Path) -> ImportedText:
    """Read one file as an article; raises ImportRefused with a message for the user."""
    name = path.name
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ImportRefused(f"{name} is a folder; choose the files inside it.")
    if suffix not in SUPPORTED:
        raise ImportRefused(
            f"{name}: {suffix or 'files without an extension'} cannot be imported; "
            "use .txt, .md, .docx or .html."
        )
    try:
        if path.is_dir():
            raise ImportRefused(f"{name} is a folder; choose the files inside it.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(
                f"{name} is {size // 2**20} MB; articles up to 50 MB can be imported."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{name} does not exist.") from None
    except PermissionError:
        raise ImportRefused(f"{name} cannot be read (permission denied).") from None
    except OSError as exc:
        raise ImportRefused(f"{name} cannot be read: {exc.strerror or exc}.") from None
    if suffix == ".docx":
        result = read_docx(data, name)
    elif suffix in (".html", ".htm"):
        result = read_html(decode_bytes(data, name=name), name)
    elif suffix in (".md", ".markdown"):
        result = read_markdown(decode_bytes(data, name=name))
    else:
        text = normalise_text(decode_bytes(data, name=name))
        result = ImportedText(text, ArticleMeta(title=first_line_title(text)))
    if not result.text.strip():
        raise ImportRefused(f"{name} holds no article text.")
    meta = result.meta
    language = meta.language or detect_language(result.text)
    return ImportedText(result.text, replace(
        meta, filename=name, language=language,
        published=meta.published or guess_published(result.text, language)))


def guess_published(text: str, language: str) -> str:
    """The date a dateline near the top gives ("Oct. 9, 2018"), or "" when there is none."""
    from models.suggest.engine import dateline_date

    found = dateline_date(text, language or "en")
    return found.isoformat() if found else ""


# -- Markdown: keep the words, drop the markup ---------------------------------------------

_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their words
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
]


def read_markdown(raw: str) -> ImportedText:
    source = normalise_text(raw)
    heading = re.search(r"^[ \t]{0,3}#[ \t]+(.+)$", source, re.M)
    text = source
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    title = heading.group(1).strip(" #") if heading else ""
    for pattern, repl in _MD_RULES[1:]:
        title = pattern.sub(repl, title)
    title = title.strip() or first_line_title(text)
    return ImportedText(text, ArticleMeta(title=title))


# -- Word documents ----------------------------------------------------------------------


def read_docx(data: bytes, name: str) -> ImportedText:
    import io
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportRefused(f"{name} is not a readable Word document ({exc}).") from None
    paragraphs = [p.text for p in doc.paragraphs]
    while paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    text = normalise_text("\n\n".join(p for p in paragraphs if p.strip()))
    props = doc.core_properties
    created = props.created.date().isoformat() if props.created else ""
    return ImportedText(text, ArticleMeta(
        title=(props.title or "").strip() or first_line_title(text),
        author=(props.author or "").strip(), published=created,
    ))


# -- Web pages -------------------------------------------------------------------------------


def read_html(html: str, name: str) -> ImportedText:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, favor_recall=True, include_comments=False,
        include_tables=True, as_dict=False,
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise ImportRefused(f"{name}: no article text was found in this web page.")
    title = (doc.title or "").strip()
    # Paragraphs come one per line; a blank line between them matches plain-text articles.
    body = "\n\n".join(line for line in body.split("\n") if line.strip())
    text = normalise_text(f"{title}\n\n{body}" if title and not body.startswith(title) else body)
    published = (doc.date or "")[:10]
    return ImportedText(text, ArticleMeta(
        title=title or first_line_title(text), source=(doc.sitename or "").strip(),
        author=(doc.author or "").strip(), url=(doc.url or "").strip(), published=published,
        language=(doc.language or "").split("-")[0],
    ))
