"""The project search index: SQLite FTS5 tables kept in step by triggers.

Triggers, not application code, keep the index current: every write (ours, the command
line's, another tool's) updates it inside the same transaction, and no write path can
forget it. They use only SQLite's built-in functions, so any SQLite tool can still write
the file. The index finds candidates; exact code-point positions come from the folding
matcher (models/textsearch.py), so a hit never lands a character off (models/search.py).

The unicode61 tokenizer ignores case and (remove_diacritics 2) accents, and treats
punctuation, typographic quotes, dashes and NBSP as separators. Soft hyphens and zero-width
characters would split a word, so they are removed before indexing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy import Connection

TOKENIZE = "unicode61 remove_diacritics 2"
# What the folding matcher ignores, removed here so "Füh\u00adrung" indexes as one word.
_INVISIBLE = (173, 8203, 8204, 8205, 8288, 65279)


def clean(expr: str) -> str:
    """SQL that removes the invisible characters from `expr`."""
    for code in _INVISIBLE:
        expr = f"replace({expr}, char({code}), '')"
    return expr


def _article_values(row: str) -> str:
    return ", ".join([f"{row}.id"] + [clean(f"{row}.{c}") for c in
                                       ("title", "source", "author", "url", "text")])


def _annotation_select(where: str) -> str:
    """The index row of annotations chosen by `where` (a condition on `a`)."""
    tags = "(SELECT group_concat(t.tag, ' ') FROM annotation_tag t WHERE t.annotation_id = a.id)"
    people = "a.speaker || ' ' || a.claimant || ' ' || a.participants"
    place = 'a."where" || \' \' || a."when"'
    cols = ", ".join(clean(c) for c in ("a.text", "a.note", people, place,
                                        f"coalesce({tags}, '')"))
    return f"SELECT a.id, {cols} FROM annotation a WHERE {where}"


# While a bulk import holds this setting (inside its own transaction), the annotation
# triggers stand aside and the import indexes its rows in one statement at the end
# (index_new_annotations): per-row trigger work made a million-row import 3-4x slower.
PAUSE_KEY = "search_index_paused"
_UNLESS_PAUSED = f"WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = '{PAUSE_KEY}')"

ARTICLE_COLUMNS = ("title", "source", "author", "url", "body")
ANNOTATION_COLUMNS = ("body", "note", "people", "place", "tags")

DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE article_search USING fts5({', '.join(ARTICLE_COLUMNS)}, "
    f"tokenize='{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE annotation_search USING fts5({', '.join(ANNOTATION_COLUMNS)}, "
    f"tokenize='{TOKENIZE}')",
    f"""CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_search(rowid, {', '.join(ARTICLE_COLUMNS)})
        VALUES ({_article_values('new')}); END""",
    f"""CREATE TRIGGER article_search_update
        AFTER UPDATE OF id, title, source, author, url, text ON article BEGIN
        DELETE FROM article_search WHERE rowid = old.id;
        INSERT INTO article_search(rowid, {', '.join(ARTICLE_COLUMNS)})
        VALUES ({_article_values('new')}); END""",
    """CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN
        DELETE FROM article_search WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER annotation_search_insert AFTER INSERT ON annotation {_UNLESS_PAUSED}
        BEGIN
        INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)})
        {_annotation_select('a.id = new.id')}; END""",
    f"""CREATE TRIGGER annotation_search_update AFTER UPDATE OF
        id, text, note, speaker, claimant, participants, "where", "when" ON annotation BEGIN
        DELETE FROM annotation_search WHERE rowid = old.id;
        INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)})
        {_annotation_select('a.id = new.id')}; END""",
    """CREATE TRIGGER annotation_search_delete AFTER DELETE ON annotation BEGIN
        DELETE FROM annotation_search WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER annotation_tag_search_insert AFTER INSERT ON annotation_tag
        {_UNLESS_PAUSED} BEGIN
        DELETE FROM annotation_search WHERE rowid = new.annotation_id;
        INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)})
        {_annotation_select('a.id = new.annotation_id')}; END""",
    f"""CREATE TRIGGER annotation_tag_search_update AFTER UPDATE ON annotation_tag BEGIN
        DELETE FROM annotation_search WHERE rowid IN (old.annotation_id, new.annotation_id);
        INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)})
        {_annotation_select('a.id IN (old.annotation_id, new.annotation_id)')}; END""",
    f"""CREATE TRIGGER annotation_tag_search_delete AFTER DELETE ON annotation_tag BEGIN
        DELETE FROM annotation_search WHERE rowid = old.annotation_id;
        INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)})
        {_annotation_select('a.id = old.annotation_id')}; END""",
)

# Fills the index from the rows a file already holds (the migration that adds it).
POPULATE: tuple[str, ...] = (
    f"INSERT INTO article_search(rowid, {', '.join(ARTICLE_COLUMNS)}) "
    f"SELECT {_article_values('article')} FROM article",
    f"INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)}) "
    f"{_annotation_select('1')}",
)


def pause(con: Connection) -> None:
    """Inside a bulk insert's transaction: new annotations and tags are not indexed row by
    row (see PAUSE_KEY); index_new_annotations and resume must follow in it."""
    con.execute(text("INSERT OR REPLACE INTO setting(key, value) VALUES (:k, '1')"),
                {"k": PAUSE_KEY})


def index_new_annotations(con: Connection, first_id: int) -> None:
    """Index, in one statement, the annotations with ids from `first_id` on."""
    con.execute(text(f"DELETE FROM annotation_search WHERE rowid >= {int(first_id)}"))
    con.execute(text(f"INSERT INTO annotation_search(rowid, {', '.join(ANNOTATION_COLUMNS)}) "
                     + _annotation_select(f"a.id >= {int(first_id)}")))


def resume(con: Connection) -> None:
    con.execute(text("DELETE FROM setting WHERE key = :k"), {"k": PAUSE_KEY})
