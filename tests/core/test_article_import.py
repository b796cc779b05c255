"""Importing articles: every corpus file comes in exactly or is refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from models.article_import import import_files
from models.errors import ImportRefused
from models.importers import read_article_file
from models.project import Project
from models.textnorm import decode_bytes, normalise_text

REFUSED = {"empty.txt": "is empty", "binary_garbage.txt": "does not look like text"}


def test_every_corpus_file_imports_or_is_refused(corpus: Path, project: Project) -> None:
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    report = import_files(project, files)
    refused = dict(report.refused)
    assert set(refused) == set(REFUSED)
    for name, reason in REFUSED.items():
        assert reason in refused[name]
    # The messy variants of the NYT article are recognised as the same text.
    assert sorted(n for n, _ in report.duplicates) == ["messy_bom.txt", "messy_cp1252.txt",
                                                       "messy_crlf.txt"]
    for article in report.imported:
        raw = (corpus / article.filename).read_text(encoding="utf-8-sig")
        expected = normalise_text(raw)
        assert project.articles.get(article.id).text == expected
        # Nothing but the documented characters was changed.
        if "\r" not in raw and not any(c in raw for c in "\x00\x0b\x0c"):
            assert expected == raw.removeprefix("\ufeff")


def test_messy_variants_equal_the_clean_text(corpus: Path) -> None:
    base = (corpus / "en_nytimes_haley_resigns.txt").read_text(encoding="utf-8")
    for name in ("messy_crlf.txt", "messy_bom.txt", "messy_cp1252.txt"):
        assert read_article_file(corpus / name).text == base, name


def test_control_characters_keep_paragraphs(corpus: Path) -> None:
    text = read_article_file(corpus / "messy_controlchars.txt").text
    assert not any(c in text for c in "\x00\x0b\x0c")
    assert "Edward Wong\nOct. 9, 2018" in text
    assert "caught off guard" in text


def test_nbsp_soft_hyphen_and_joiners_are_kept(corpus: Path) -> None:
    raw = (corpus / "messy_nbsp_softhyphen.txt").read_text(encoding="utf-8")
    text = read_article_file(corpus / "messy_nbsp_softhyphen.txt").text
    assert text == raw
    assert "\u00a0" in text and "\u00ad" in text and "\u200d" in text


def test_language_is_detected(corpus: Path) -> None:
    expect = {"he_israelhayom_presidential_race.txt": "he", "ar_cnn_arabic_syria_rebels.txt": "ar",
              "ru_novayagazeta_mh370.txt": "ru", "zh_bbc_leung_apology.txt": "zh",
              "ja_afpbb_nigeria_attack.txt": "ja", "fr_lemonde_loi_renseignement.txt": "fr",
              "de_basicthinking_tweets_emoji.txt": "de", "en_nytimes_haley_resigns.txt": "en",
              "es_cubadebate_pleno_emoji_tweets.txt": "es"}
    for name, lang in expect.items():
        assert read_article_file(corpus / name).meta.language == lang, name


def test_first_line_is_the_title(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("\n  Storm hits coast  \n\nBody text here.", encoding="utf-8")
    got = read_article_file(f)
    assert got.meta.title == "Storm hits coast"
    assert got.meta.filename == "a.txt"


def test_crlf_and_lone_cr_become_newlines(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Title\r\n\r\nOne 😀\rTwo\u2028three".encode())
    assert read_article_file(f).text == "Title\n\nOne 😀\nTwo\nthree"


def test_cp1252_is_detected(tmp_path: Path) -> None:
    f = tmp_path / "w.txt"
    f.write_bytes("“Café” — naïve’s résumé, 5 €".encode("cp1252"))
    assert read_article_file(f).text == "“Café” — naïve’s résumé, 5 €"


@pytest.mark.parametrize("name,content,message", [
    ("e.txt", b"  \n\n ", "is empty"),
    ("b.txt", bytes(range(256)) * 20, "does not look like text"),
    ("x.pdf", b"%PDF-1.4", "cannot be imported"),
    ("bad.docx", b"not a zip", "not a readable Word document"),
])
def test_bad_files_are_refused_clearly(tmp_path: Path, name: str, content: bytes,
                                       message: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(ImportRefused, match=message):
        read_article_file(f)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path, project: Project) -> None:
    good1, bad, good2 = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.md"
    good1.write_text("First article\n\nText.", encoding="utf-8")
    bad.write_bytes(b"")
    good2.write_text("# Second article\n\nSome **bold** and a [link](http://x).",
                     encoding="utf-8")
    report = import_files(project, [good1, bad, good2, tmp_path / "missing.txt"])
    assert [a.title for a in report.imported] == ["First article", "Second article"]
    assert project.articles.get(report.imported[1].id).text == (
        "Second article\n\nSome bold and a link.")
    assert [n for n, _ in report.refused] == ["2.txt", "missing.txt"]


def test_same_text_twice_is_reported(tmp_path: Path, project: Project) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Same text.", encoding="utf-8")
    b.write_bytes("\ufeffSame text.".encode())
    report = import_files(project, [a, b])
    assert len(report.imported) == 1
    assert report.duplicates == [("b.txt", report.imported[0].id)]
    assert len(project.articles.list()) == 1


def test_docx_import(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.core_properties.title = "Council votes"
    doc.core_properties.author = "A. Writer"
    doc.add_paragraph("Council votes")
    doc.add_paragraph("“We did it,” she said. 🎉")
    doc.add_paragraph("שלום עולם")
    f = tmp_path / "a.docx"
    buf = io.BytesIO()
    doc.save(buf)
    f.write_bytes(buf.getvalue())
    got = read_article_file(f)
    assert got.text == "Council votes\n\n“We did it,” she said. 🎉\n\nשלום עולם"
    assert got.meta.title == "Council votes" and got.meta.author == "A. Writer"


HTML = """<!doctype html><html lang="en"><head><title>Storm closes port | Daily Wire</title>
<meta property="og:title" content="Storm closes port">
<meta property="og:site_name" content="Daily Wire">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-02-03T10:00:00Z">
<link rel="canonical" href="https://example.org/storm"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Storm closes port</h1>
<p>The port was closed on Friday after winds reached 120 km/h, officials said.</p>
<p>“We had no choice,” said harbour master Ann Lee. “Safety comes first for everyone.”</p>
<p>Ferries will resume on Monday if the forecast holds, according to the operator.</p>
</article><footer>Copyright 2024 Daily Wire. All rights reserved.</footer></body></html>"""


def test_html_import_extracts_body_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "storm.html"
    f.write_text(HTML, encoding="utf-8")
    got = read_article_file(f)
    assert got.meta.title == "Storm closes port"
    assert got.meta.author == "Jane Roe"
    assert got.meta.published == "2024-02-03"
    assert got.meta.url == "https://example.org/storm"
    assert got.meta.source == "Daily Wire"
    assert "“We had no choice,” said harbour master Ann Lee." in got.text
    assert "Copyright" not in got.text and "Home" not in got.text
    assert got.text.startswith("Storm closes port\n\n")


def test_decode_refuses_utf16_garbage_only_when_binary() -> None:
    assert decode_bytes("héllo wörld".encode("utf-16")) == "héllo wörld"


def test_publication_date_from_the_dateline(corpus: Path) -> None:
    expect = {"en_nytimes_haley_resigns.txt": "2018-10-09",
              "en_nymag_ailes_longform.txt": "2016-09-02",
              "fr_lemonde_loi_renseignement.txt": "2015-05-04",
              "en_cnn_thanksgiving_storm_straight_quotes.txt": ""}  # no dateline: left empty
    for name, published in expect.items():
        assert read_article_file(corpus / name).meta.published == published, name
