"""Reading article files (.txt, .md, .docx, .html) into text plus metadata.

Each reader returns an `ImportedText`; nothing here touches a project. `import_files` in
models/article_import.py stores them and reports what was refused and why.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, replace
from pathlib import Path

from models.docx_reader import read_docx_text
from models.errors import ImportRefused
from models.language import detect_language
from models.markdown_text import strip_markdown
from models.textnorm import decode_text, normalise_text
from models.values import ArticleMeta

SUPPORTED = (".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024  # file size
MAX_CHARS = 20_000_000  # decoded text: beyond this no article is plausible, and time grows


@dataclass(frozen=True)
class ImportedText:
    text: str
    meta: ArticleMeta
    note: str = ""  # something the user should check, e.g. a repaired encoding


def first_line_title(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return " ".join(line.split())[:300]
    return ""


def display_name(path: Path) -> str:
    """The file name as it can be shown and stored: bytes that are not UTF-8 (a name from
    another system) become U+FFFD instead of lone surrogates that SQLite and terminals reject."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_bounded(path: Path, name: str) -> bytes:
    """The file's bytes, refusing folders, FIFOs and devices (reading them hangs or never
    ends) and anything over MAX_BYTES, whatever the file system claims its size is."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ImportRefused(f"{name} is a folder; choose the files inside it.")
        if not stat.S_ISREG(st.st_mode):
            raise ImportRefused(f"{name} is not a regular file (a pipe or device); "
                                "save the article as a file and import that.")
        with open(path, "rb") as f:
            # Ask for the stated size (a 50 MB buffer per file costs memory), then for the
            # rest of the limit: /proc files state 0, growing files more than they had.
            data = f.read(min(st.st_size, MAX_BYTES) + 1)
            if len(data) > st.st_size:
                data += f.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise ImportRefused(f"{name} does not exist.") from None
    except PermissionError:
        raise ImportRefused(f"{name} cannot be read (permission denied).") from None
    except OSError as exc:
        raise ImportRefused(f"{name} cannot be read: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"{name} is over {MAX_BYTES // 2**20} MB; "
                            f"articles up to {MAX_BYTES // 2**20} MB can be imported.")
    return data


def _check_length(text: str, name: str) -> None:
    if len(text) > MAX_CHARS:
        raise ImportRefused(
            f"{name} holds {len(text) / 1e6:.0f} million characters; articles up to "
            f"{MAX_CHARS // 1_000_000} million can be imported. Split it into several files."
        )


def read_article_file(path: Path) -> ImportedText:
    """Read one file as an article; raises ImportRefused with a message for the user."""
    name = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        if path.is_dir():
            raise ImportRefused(f"{name} is a folder; choose the files inside it.")
        raise ImportRefused(
            f"{name}: {suffix or 'files without an extension'} cannot be imported; "
            "use .txt, .md, .docx or .html."
        )
    data = _read_bounded(path, name)
    note = ""
    if suffix == ".docx":
        result = read_docx(data, name)
    else:
        raw, note = decode_text(data, name=name)
        _check_length(raw, name)
        if suffix in (".html", ".htm"):
            result = read_html(raw, name)
        elif suffix in (".md", ".markdown"):
            result = read_markdown(raw)
        else:
            text = normalise_text(raw)
            result = ImportedText(text, ArticleMeta(title=first_line_title(text)))
    if not result.text.strip():
        raise ImportRefused(f"{name} holds no article text.")
    _check_length(result.text, name)
    meta = result.meta
    language = meta.language or detect_language(result.text)
    return ImportedText(result.text, replace(
        meta, filename=name, language=language,
        published=meta.published or guess_published(result.text, language)), note)


def guess_published(text: str, language: str) -> str:
    """The date a dateline near the top gives ("Oct. 9, 2018"), or "" when there is none."""
    from models.suggest.engine import dateline_date

    # A dateline is near the top; the cut keeps the cost independent of the article's size.
    found = dateline_date(text[:4000], language or "en")
    return found.isoformat() if found else ""


# -- Markdown and Word -------------------------------------------------------------------


def read_markdown(raw: str) -> ImportedText:
    text, title = strip_markdown(normalise_text(raw))
    return ImportedText(text, ArticleMeta(title=title or first_line_title(text)))


def read_docx(data: bytes, name: str) -> ImportedText:
    paragraphs, props = read_docx_text(data, name)
    while paragraphs and not paragraphs[-1].strip():
        paragraphs.pop()
    text = "\n\n".join(p for p in paragraphs if p.strip())
    _check_length(text, name)
    text = normalise_text(text)
    return ImportedText(text, ArticleMeta(
        title=props.get("title", "") or first_line_title(text),
        author=props.get("author", ""), published=props.get("created", ""),
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
