"""Word briefing notes: real projects in tmp_path, real .docx files read back with python-docx."""

from __future__ import annotations

import errno
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from models.briefing import BriefingOptions, ExportCancelled, export_briefing
from models.briefing.docx_text import Paragraphs, xml_safe
from models.errors import ExportError
from models.values import ArticleMeta

TEXT = "\n\n".join([
    "Harbour council votes to close coal terminal",
    "PORT ELLIS — The council voted 7-4 on Thursday to close the coal terminal by 2030.",
    "“This is the hardest vote I have cast,” said Mayor Helena Ostrander. “The numbers no "
    "longer add up.”",
    "The terminal employs 340 people, according to the port authority. The union says the "
    "true number is closer to 900.",
    "Union secretary Daniel Achterberg called it “a death sentence for the east side.”",
    "Shipments will stop on June 30, 2027. A public meeting is planned for the spring.",
]) + "\n"


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def tag(project, article_id: int, text: str, kind: str, needle: str, **values):
    start, end = span(text, needle)
    return project.annotations.tag_span(article_id=article_id, kind=kind, start=start,
                                        end=end, **values)


@pytest.fixture
def story(project):
    """A news article with claims (every status), quotes (two speakers), events (dated,
    undated), notes, tags and overlapping spans."""
    art = project.articles.add(TEXT, ArticleMeta(
        title="Harbour council votes to close coal terminal", source="Harbour Gazette",
        author="Marta Kovač", url="https://example.org/port-ellis", published="2025-03-14",
        summary="Council ends coal by 2030; job numbers are disputed."))
    t = TEXT
    tag(project, art.id, t, "event", "The council voted 7-4 on Thursday to close the coal "
        "terminal by 2030", when="Thursday", date="2025-03-13", where="Port Ellis",
        participants=["Port Ellis council"], tags=["vote"])
    tag(project, art.id, t, "quote", "This is the hardest vote I have cast",
        speaker="Helena Ostrander", note="Frames the vote as painful.", tags=["Vote"])
    tag(project, art.id, t, "claim", "The terminal employs 340 people", claimant="Port authority",
        status="verified", note="Annual report 2024.", tags=["jobs"])
    tag(project, art.id, t, "claim", "the true number is closer to 900", claimant="The union",
        status="disputed", tags=["jobs"])
    tag(project, art.id, t, "quote", "a death sentence for the east side.",
        speaker="Daniel Achterberg")
    tag(project, art.id, t, "quote", "The numbers no longer add up.", speaker="Helena Ostrander")
    tag(project, art.id, t, "claim", "close the coal terminal by 2030", claimant="Council",
        status="false", note="Overlaps the vote event.")
    tag(project, art.id, t, "event", "A public meeting is planned for the spring.",
        when="in the spring", where="Port Ellis")
    tag(project, art.id, t, "event", "Shipments will stop on June 30, 2027.",
        when="June 30, 2027", date="2027-06-30")
    tag(project, art.id, t, "claim", "340 people", claimant="Port authority",
        status="unverified")  # nested inside the verified claim
    return art


# -- reading the note back ----------------------------------------------------------------------

def blocks(doc) -> list[tuple[str, str, str]]:
    """(Heading 1 above, style name, text) for every paragraph, table cells included."""
    out, section = [], ""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc)
            style = p.style.name if p.style is not None else ""
            if style == "Heading 1":
                section = p.text
            out.append((section, style, p.text))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc).rows:
                out.append((section, "table row", " | ".join(c.text for c in row.cells)))
    return out


def section_text(doc, name: str) -> str:
    return "\n".join(text for sec, _, text in blocks(doc) if sec == name)


def headings(doc, level: int = 1) -> list[str]:
    return [text for _, style, text in blocks(doc) if style == f"Heading {level}"]


def comment_ranges(doc) -> dict[int, str]:
    """Comment id -> the article text its range covers (labels and ¶ numbers left out)."""
    open_ids: set[int] = set()
    covered: dict[int, str] = {}
    for el in doc.element.body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"),
                                    qn("w:t"), qn("w:tab")):
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(int(el.get(qn("w:id"))))
            covered[int(el.get(qn("w:id")))] = ""
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(el.get(qn("w:id"))))
        else:
            rpr = el.getparent().find(qn("w:rPr"))
            colour = rpr.find(qn("w:color")) if rpr is not None else None
            if rpr is not None and (rpr.find(qn("w:vertAlign")) is not None or colour
                                    is not None and colour.get(qn("w:val")) == "8C8C8C"):
                continue  # superscript label or paragraph number
            for cid in open_ids:
                covered[cid] += el.text if el.tag == qn("w:t") else "\t"
    return covered


def export(project, tmp_path: Path, name: str = "note.docx", **options):
    out = export_briefing(project, tmp_path / name, BriefingOptions(**options))
    return docx.Document(out), out


# -- content ------------------------------------------------------------------------------------

def test_every_annotation_appears_in_its_section_with_its_fields(project, story, tmp_path):
    doc, _ = export(project, tmp_path)
    anns = project.annotations.list(article_id=story.id)
    claims, quotes = section_text(doc, "Claims"), section_text(doc, "Quotes")
    events = [t for sec, s, t in blocks(doc) if sec == "Events" and s == "table row"]
    for a in anns:
        if a.kind == "claim":
            assert a.text in claims
            assert f"Claimant: {a.claimant}" in claims
            assert a.status.upper() in claims
        elif a.kind == "quote":
            assert a.text in quotes
            assert a.speaker in quotes
        else:
            row = next(line for line in events if a.text in line)
            assert (a.where or "not recorded") in row
            if a.date:
                assert {"2025-03-13": "13 Mar 2025", "2027-06-30": "30 Jun 2027"}[a.date] in row
            else:
                assert "in the spring" in row
    assert "Annual report 2024." in claims and "Frames the vote as painful." in quotes
    first = blocks(doc)[0]
    assert first[1] == "Title" and first[2] == story.title
    head = "\n".join(t for sec, _, t in blocks(doc) if sec == "")
    for value in ("Harbour Gazette", "Marta Kovač", "14 March 2025", "https://example.org/port-ellis",
                  "Prepared by"):
        assert value in head
    summary = section_text(doc, "Summary")
    assert "4 claims: 1 false, 1 disputed, 1 unverified, 1 verified" in summary
    assert "3 quotes from 2 named speakers" in summary
    assert "job numbers are disputed" in summary


def test_order_of_groups_timeline_and_paragraph_numbers(project, story, tmp_path):
    doc, _ = export(project, tmp_path)
    assert headings(doc) == ["Summary", "Claims", "Quotes", "Events", "Annotated text", "Tags"]
    h2 = headings(doc, 2)
    assert [h for h in h2 if h.split(" (")[0] in ("False", "Disputed", "Unverified",
                                                   "Verified")] == [
        "False (1)", "Disputed (1)", "Unverified (1)", "Verified (1)"]
    assert h2.index("Helena Ostrander (2 quotes)") < h2.index("Daniel Achterberg (1 quote)")
    rows = [t for sec, s, t in blocks(doc) if sec == "Events" and s == "table row"][1:]
    assert rows[0].startswith("13 Mar 2025") and rows[1].startswith("30 Jun 2027")
    assert "spring" in rows[2]  # undated last
    claims = section_text(doc, "Claims")
    assert "¶4" in claims and "¶2" in claims  # paragraphs = non-blank lines


def test_text_order_options(project, story, tmp_path):
    doc, _ = export(project, tmp_path, quotes_by="order", claims_by="order")
    assert not [h for h in headings(doc, 2) if "quote" in h or h.startswith("False")]
    quotes = section_text(doc, "Quotes")
    assert "— Helena Ostrander" in quotes and "— Daniel Achterberg" in quotes
    claims = [t.split()[0] for sec, _, t in blocks(doc)
              if sec == "Claims" and re.match(r"C\d+\s", t)]
    assert claims == ["C1", "C2", "C3", "C4"]


def test_one_real_comment_per_annotation_on_its_exact_text(project, story, tmp_path):
    doc, out = export(project, tmp_path)
    anns = project.annotations.list(article_id=story.id)
    assert len(doc.comments) == len(anns)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/comments.xml").decode()
    assert xml.count("<w:comment ") == len(anns)
    covered = sorted(comment_ranges(doc).values())
    assert covered == sorted(a.text for a in anns)
    texts = [c.text for c in doc.comments]
    assert any("Claim · Disputed" in t and "Claimant: The union" in t for t in texts)
    assert any("Quote · Helena Ostrander" in t and "Frames the vote" in t for t in texts)
    assert any("Event · 13 Mar 2025 (Thursday)" in t and "Where: Port Ellis" in t for t in texts)
    body = doc.element.body
    shaded = {s.get(qn("w:fill")) for s in body.iter(qn("w:shd"))}
    from models.kinds import KIND_COLOURS, hex_rgb
    assert {hex_rgb(c) for c in KIND_COLOURS.values()} <= shaded


def test_span_across_paragraphs_and_span_starting_on_a_newline(project, tmp_path):
    text = "First paragraph here.\n\nSecond paragraph there.\n"
    art = project.articles.add(text, ArticleMeta(title="Two paragraphs"))
    project.annotations.tag_span(article_id=art.id, kind="claim", start=6, end=30,
                                 claimant="X")
    project.annotations.tag_span(article_id=art.id, kind="quote", start=21, end=28,
                                 speaker="Y")  # begins on the newline
    doc, _ = export(project, tmp_path)
    assert len(doc.comments) == 2
    covered = comment_ranges(doc)
    assert sorted(covered.values()) == ["Secon", "paragraph here.Second "]


def test_excluded_kinds_and_text_are_left_out(project, story, tmp_path):
    doc, out = export(project, tmp_path, kinds=("quote",))
    assert headings(doc) == ["Summary", "Quotes", "Annotated text", "Tags"]
    assert len(doc.comments) == 3
    assert "claim" not in section_text(doc, "Summary")
    doc, out = export(project, tmp_path, "plain.docx", include_text=False, include_notes=False)
    assert "Annotated text" not in headings(doc)
    with zipfile.ZipFile(out) as z:
        assert "word/comments.xml" not in z.namelist()
    assert "Annual report 2024." not in "\n".join(t for _, _, t in blocks(doc))


def test_several_articles_get_sources_contents_and_labels(project, story, tmp_path):
    other = project.articles.add("Second story.\n\nThe mayor said “we will appeal”.",
                                 ArticleMeta(title="Appeal planned", source="Wire"))
    tag(project, other.id, other.text, "quote", "we will appeal", speaker="Helena Ostrander")
    doc, out = export(project, tmp_path)
    assert blocks(doc)[0][2] == "Briefing note: 2 articles"
    instr = " ".join(t.text for t in doc.element.body.iter(qn("w:instrText")))
    assert "TOC" in instr
    quotes = section_text(doc, "Quotes")
    assert "A2 ¶2" in quotes and "A1 ¶" in quotes
    assert "Helena Ostrander (3 quotes)" in headings(doc, 2)
    assert len(doc.comments) == len(project.annotations.list())
    with zipfile.ZipFile(out) as z:
        assert b"updateFields" in z.read("word/settings.xml")
    doc, _ = export(project, tmp_path, "one.docx", article_ids=(other.id,), title="My note")
    assert blocks(doc)[0][2] == "My note" and len(doc.comments) == 1


def test_footer_numbers_pages(project, story, tmp_path):
    doc, _ = export(project, tmp_path)
    footer = doc.sections[-1].footer._element
    instrs = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert " PAGE " in instrs and " NUMPAGES " in instrs
    assert doc.core_properties.title == story.title
    assert doc.core_properties.author == project.annotator


# -- templates ----------------------------------------------------------------------------------

def make_template(path: Path, *, drop_quote: bool = False) -> Path:
    t = docx.Document()
    t.styles["Normal"].font.name = "Courier New"
    t.sections[0].header.paragraphs[0].text = "HOUSE HEADER — confidential"
    body = t.add_paragraph("TEMPLATE BODY TEXT")
    t.add_comment(body.runs, text="TEMPLATE COMMENT", author="House")
    if drop_quote:
        for name in ("Quote", "Quote Char"):
            el = t.styles[name].element
            el.getparent().remove(el)
    t.save(path)
    return path


def test_house_template_styles_header_and_empty_body(project, story, tmp_path):
    template = make_template(tmp_path / "house.docx", drop_quote=True)
    doc, _ = export(project, tmp_path, template=template)
    assert doc.styles["Normal"].font.name == "Courier New"
    assert "HOUSE HEADER" in doc.sections[0].header.paragraphs[0].text
    everything = "\n".join(t for _, _, t in blocks(doc))
    assert "TEMPLATE BODY TEXT" not in everything
    quote_styles = {s for sec, s, _ in blocks(doc) if sec == "Quotes"}
    assert "Quote" in quote_styles  # copied in from the built-in styles
    assert len(doc.comments) == len(project.annotations.list())
    assert not any("TEMPLATE COMMENT" in c.text for c in doc.comments)
    assert doc.sections[-1].footer.paragraphs  # page numbers added to a footer-less template


def test_dotx_template_is_accepted(project, story, tmp_path):
    src = make_template(tmp_path / "house.docx")
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.namelist():
            data = zin.read(item)
            if item == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    doc, _ = export(project, tmp_path, template=dotx)
    assert doc.styles["Normal"].font.name == "Courier New"


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"), (b"not a zip", "not a Word"), ("folder", "is a folder")])
def test_bad_template_is_a_clear_error(project, story, tmp_path, content, message):
    template = tmp_path / "house.docx"
    if content == "folder":
        template.mkdir()
    elif content is not None:
        template.write_bytes(content)
    with pytest.raises(ExportError, match=message):
        export(project, tmp_path, template=template)
    assert not (tmp_path / "note.docx").exists()


# -- robustness ---------------------------------------------------------------------------------

def test_hostile_text_exports_with_offsets_intact(project, tmp_path, monkeypatch):
    hebrew = "ראש הממשלה אמר כי “ההחלטה סופית” ביום חמישי."
    text = ("Bad\x00chars\x0b and \ufffe here, emoji 🙂🇨🇺 then words.\n\n"
            f"{hebrew}\n\nTail \x1f sentence with a target phrase.\n")
    art = project.articles.add(text, ArticleMeta(title="Hostile\x01 title"))
    for needle, kind, extra in (("emoji 🙂🇨🇺 then", "quote", {"speaker": "Sp\x07eaker"}),
                                ("ההחלטה סופית", "quote", {"speaker": "דובר"}),
                                ("target phrase", "claim", {"note": "note\x0c with form feed"})):
        start, end = span(text, needle)
        project.annotations.tag_span(article_id=art.id, kind=kind, start=start, end=end,
                                     **extra)
    # The store keeps UTF-8, which cannot hold a lone surrogate; serve one to the exporter.
    bad = text.replace("here", "h\ud800re")
    real_get = project.articles.get
    monkeypatch.setattr(project.articles, "get",
                        lambda i: replace(real_get(i), text=bad) if i == art.id else real_get(i))
    doc, out = export(project, tmp_path)
    assert sorted(comment_ranges(doc).values()) == sorted(
        ["emoji 🙂🇨🇺 then", "ההחלטה סופית", "target phrase"])
    everything = "\n".join(t for _, _, t in blocks(doc))
    assert "Bad\ufffdchars\ufffd and \ufffd h\ufffdre" in everything
    assert "Hostile\ufffd title" in everything and "Sp\ufffdeaker" in everything
    rtl_paragraphs = [p for p in doc.element.body.iter(qn("w:p"))
                      if p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None]
    assert any(hebrew[:10] in "".join(t.text for t in p.iter(qn("w:t")))
               for p in rtl_paragraphs)
    assert any(r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None
               for p in rtl_paragraphs for r in p.iter(qn("w:r")))


def test_xml_safe_keeps_length():
    raw = "a\x00b\x0bc\ufffed\ud800e\U0001f642\t\n"
    assert len(xml_safe(raw)) == len(raw)
    assert xml_safe(raw) == "a\ufffdb\ufffdc\ufffdd\ufffde\U0001f642\t\n"


def test_paragraph_numbers_count_non_blank_lines():
    paras = Paragraphs("Title\n\nOne.\nTwo.\n   \nThree.")
    assert paras.spans == [(0, 5), (7, 11), (12, 16), (21, 27)]
    assert [paras.number(p) for p in (0, 6, 7, 12, 17, 21)] == [1, 2, 2, 3, 4, 4]
    assert paras.clamp(5, 9) == (7, 9) and paras.clamp(8, 18) == (8, 16)


def test_real_rtl_articles_from_the_corpus(project, corpus, tmp_path):
    from models.textnorm import decode_bytes, normalise_text

    for name in ("he_israelhayom_presidential_race.txt", "ar_cnn_arabic_syria_rebels.txt",
                 "es_cubadebate_pleno_emoji_tweets.txt"):
        text = normalise_text(decode_bytes((corpus / name).read_bytes()))
        art = project.articles.add(text, ArticleMeta(title=text.split("\n")[0]))
        words = text.split()
        for i in range(0, min(len(words), 400), 40):
            start = text.index(words[i])
            project.annotations.tag_span(article_id=art.id, kind="quote", start=start,
                                         end=start + len(words[i]), speaker="x")
    doc, _ = export(project, tmp_path)
    assert len(doc.comments) == len(project.annotations.list())
    assert sum(1 for _ in doc.element.body.iter(qn("w:bidi"))) > 10


# -- writing the file ---------------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failed_export_keeps_the_earlier_file(project, story, tmp_path, monkeypatch):
    _, out = export(project, tmp_path)
    good = out.read_bytes()
    with pytest.raises(ExportError):
        export(project, tmp_path, template=tmp_path / "missing.docx")

    def broken_save(self, stream):
        stream.write(b"half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(ExportError, match="disk is full"):
        export(project, tmp_path)
    assert out.read_bytes() == good
    assert leftovers(tmp_path) == []


def test_cancel_leaves_no_file_and_progress_reaches_the_end(project, story, tmp_path):
    calls: list[tuple[int, int]] = []
    out = export_briefing(project, tmp_path / "a.docx", BriefingOptions(),
                          progress=lambda d, t: calls.append((d, t)))
    assert out.exists() and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    checks = 0

    def count() -> bool:
        nonlocal checks
        checks += 1
        return False

    export_briefing(project, tmp_path / "c.docx", BriefingOptions(), cancelled=count)
    old = out.read_bytes()
    for stop_at in (3, checks):  # early, and at the last check: after saving, before replacing
        asked = iter(range(1, 1000))
        with pytest.raises(ExportCancelled):
            export_briefing(project, tmp_path / "b.docx", BriefingOptions(),
                            cancelled=lambda s=stop_at, a=asked: next(a) >= s)
        assert not (tmp_path / "b.docx").exists()
        asked = iter(range(1, 1000))
        with pytest.raises(ExportCancelled):
            export_briefing(project, out, BriefingOptions(),
                            cancelled=lambda s=stop_at, a=asked: next(a) >= s)
        assert out.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_unwritable_destinations_say_what_to_do(project, story, tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="does not exist. Create it"):
        export(project, tmp_path, "missing/note.docx")
    (tmp_path / "dir.docx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export(project, tmp_path, "dir.docx")
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() != 0:  # root ignores permissions; then os.access is made to say no
        locked.chmod(0o555)
    else:
        import models.files as atomic
        monkeypatch.setattr(atomic.os, "access", lambda *a, **k: False)
    try:
        with pytest.raises(ExportError, match="permission to write"):
            export(project, tmp_path, "locked/note.docx")
    finally:
        locked.chmod(0o755)
    assert not (locked / "note.docx").exists()


def test_suffix_added_and_bad_options_refused(project, story, tmp_path):
    out = export_briefing(project, tmp_path / "note", BriefingOptions())
    assert out.name == "note.docx" and out.exists()
    for bad, msg in (({"kinds": ("rumour",)}, "Unknown annotation kind"),
                     ({"kinds": ()}, "at least one kind"),
                     ({"quotes_by": "size"}, "Quotes can be listed"),
                     ({"article_ids": (999,)}, "no article 999")):
        with pytest.raises(ExportError, match=msg):
            export_briefing(project, tmp_path / "x.docx", BriefingOptions(**bad))


def test_empty_project_is_refused(project, tmp_path):
    with pytest.raises(ExportError, match="no articles"):
        export_briefing(project, tmp_path / "x.docx", BriefingOptions())


def test_models_never_import_qt():
    import subprocess
    import sys

    code = ("import sys, models.briefing, models.kinds; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code],
                          cwd=Path(__file__).resolve().parents[2]).returncode == 0
