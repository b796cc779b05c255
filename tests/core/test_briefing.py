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
            assert (a.where or "| — |") in row
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
    assert headings(doc) == ["Summary", "Claims", "Where sources disagree", "Quotes", "Events",
                             "Annotated text", "Tags"]
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


def test_month_year_and_range_events_sort_in_time(project, story, tmp_path):
    """A year stands at the start of its span, before a day in it; a range at its start;
    the summary spans from the earliest first day to the latest last day."""
    events = {a.text[:12]: a for a in project.annotations.list(kinds=["event"])}
    vote, meeting, shipments = (events[k] for k in ("The council ", "A public mee",
                                                    "Shipments wi"))
    project.annotations.update(meeting.id, date="2025")  # the year of the vote
    project.annotations.update(shipments.id, date="2025-02/2028-06")  # a range
    doc, _ = export(project, tmp_path)
    rows = [t for sec, s, t in blocks(doc) if sec == "Events" and s == "table row"][1:]
    assert rows[0].startswith("2025") and "spring" in rows[0]
    assert rows[1].startswith("Feb 2025") and "Shipments" in rows[1]
    assert rows[2].startswith("13 Mar 2025")
    assert "3 events, 3 dated (2025 to Jun 2028)" in section_text(doc, "Summary")
    assert vote.date == "2025-03-13"


def test_claims_carry_their_evidence_and_disagreements_stand_side_by_side(project, story,
                                                                          tmp_path):
    """Links become evidence under each claim (by label when the note holds the other end,
    by its article when not); disputed, false and contradicted claims get a section."""
    anns = {a.text: a for a in project.annotations.list()}
    jobs = anns["The terminal employs 340 people"]
    numbers, vote = anns["The numbers no longer add up."], anns[
        "The council voted 7-4 on Thursday to close the coal terminal by 2030"]
    close = anns["close the coal terminal by 2030"]
    bulletin = "Union figures: 912 dockworkers 🎉 hold permits."
    other = project.articles.add(bulletin, ArticleMeta(title="Union bulletin"))
    start, end = span(bulletin, "912 dockworkers 🎉 hold permits")
    permits = project.annotations.tag_span(article_id=other.id, kind="claim", start=start,
                                           end=end, claimant="The union")
    project.links.add(numbers.id, jobs.id, "contradicts")
    project.links.add(permits.id, jobs.id, "contradicts", cites_status=False)
    project.links.add(vote.id, close.id, "supports", cites_status=True)
    doc, _ = export(project, tmp_path, article_ids=(story.id,))
    claims = section_text(doc, "Claims")
    assert re.search(r"Contradicted by Q\d \(¶\d+\): “The numbers no longer add up\.” — "
                     "Helena Ostrander", claims)
    assert "Contradicted by a claim in “Union bulletin” (not in this note): “912 " in claims
    assert "Supported by E1 (¶" in claims and "the status rests on it" in claims
    rows = [t for sec, s, t in blocks(doc) if sec == "Where sources disagree"
            and s == "table row"]
    assert rows[0] == "Claim | Against it"
    against = {r.split(" | ")[0].split(" · ")[0]: r.split(" | ")[1] for r in rows[1:]}
    assert len(against) == 3  # the false, the disputed, and the contradicted verified one
    jobs_row = next(r for r in rows[1:] if "340 people" in r.split(" | ")[0])
    assert re.search(r"Contradicted by Q\d", jobs_row) and "Union bulletin" in jobs_row
    assert any("Marked disputed; no contradicting evidence is linked." in v
               for v in against.values())
    # nothing disputed or contradicted: no such section
    for a in project.annotations.list(kinds=["claim"]):
        project.annotations.update(a.id, status="verified")
    for link in project.links.list():
        if link.type == "contradicts":
            project.links.remove(link)
    doc, _ = export(project, tmp_path, "calm.docx", article_ids=(story.id,))
    assert "Where sources disagree" not in headings(doc)


def test_quotes_show_without_a_trailing_comma_and_nest_their_marks():
    from models.briefing.docx_text import quoted

    assert quoted("The dam is safe,") == "“The dam is safe”"
    assert quoted('to meet Tuesday “in order to continue this policy.”') == \
        "“to meet Tuesday ‘in order to continue this policy.’”"
    assert quoted('he said "no" twice') == "“he said ‘no’ twice”"
    assert quoted("“Already quoted,”") == "“Already quoted,”"  # its own marks: as it is


def test_quotation_marks_follow_the_language_of_the_words():
    from models.briefing.docx_text import quoted_in

    assert quoted_in("Nous continuerons,", "fr") == "« Nous continuerons »"
    assert quoted_in("Wir bleiben „hier“.", "de") == "„Wir bleiben ‚hier‘.“"
    assert quoted_in("引き続き努力する", "ja") == "「引き続き努力する」"
    assert quoted_in("We stay.", "en") == "“We stay.”"
    assert quoted_in("«Déjà»", "fr") == "«Déjà»"  # its own marks: as written


def test_bottom_line_comes_first_or_not_at_all(project, story, tmp_path, capsys):
    """Given on the command line (a file, or \\n between lines): first after the title block,
    a bullet for each "- " line; without one the note has no such heading."""
    import main as entry

    judgement = tmp_path / "bl.txt"
    judgement.write_text("The closure is settled.\n\n- 340 or 900 jobs: disputed\n"
                         "• שלום 🎉\n", encoding="utf-8")
    out = tmp_path / "bl.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "--output", str(out),
                       "--bottom-line-file", str(judgement)]) == 0
    doc = docx.Document(out)
    assert headings(doc)[0] == "Bottom line"
    lines = [(s, t) for sec, s, t in blocks(doc) if sec == "Bottom line" and t][1:]
    assert lines == [("Normal", "The closure is settled."),
                     ("List Bullet", "340 or 900 jobs: disputed"), ("List Bullet", "שלום 🎉")]
    out2 = tmp_path / "bl2.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "--output",
                       str(out2), "--bottom-line", "One line\\nTwo lines"]) == 0
    assert [t for sec, _s, t in blocks(docx.Document(out2)) if sec == "Bottom line"][1:] == [
        "One line", "Two lines"]
    doc, _ = export(project, tmp_path, "none.docx")
    assert "Bottom line" not in headings(doc)
    assert entry.main(["export", str(project.path), "--format", "docx", "--output",
                       str(tmp_path / "x.docx"), "--bottom-line-file",
                       str(tmp_path / "missing.txt")]) != 0
    assert "Cannot read the bottom line" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


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
    assert 'TOC \\o "1-1"' in instr  # the top-level sections, not every speaker
    listed = [text for _sec, style, text in blocks(doc) if style.lower().startswith("toc")
              and style != "TOC Heading" and text]
    assert listed == [h for h in headings(doc) if h != "Contents"]
    quotes = section_text(doc, "Quotes")
    assert "A2 ¶2" in quotes and "A1 ¶" in quotes
    assert "Helena Ostrander (3 quotes)" in headings(doc, 2)
    # a person's role from the People view stands under their name, once
    helena = project.people.find("Helena Ostrander")
    project.people.edit(helena.uuid, description="Council leader, Port Ellis")
    doc, out = export(project, tmp_path, "roles.docx")
    quoted_by = [t for sec, _s, t in blocks(doc) if sec == "Quotes"]
    at = quoted_by.index("Helena Ostrander (3 quotes)")
    assert quoted_by[at + 1] == "Council leader, Port Ellis"
    assert quoted_by.count("Council leader, Port Ellis") == 1
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
    long = "Harbour council votes to close the coal terminal after a decade of argument"
    doc, _ = export(project, tmp_path, "long.docx", title=long)
    shown = "".join(t.text for t in doc.sections[-1].footer._element.iter(qn("w:t")))
    head = shown.split(" · Page")[0]
    assert head.endswith("…") and long.startswith(head[:-1])
    assert long[len(head) - 1] == " " and len(head) <= 55  # cut between words


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
    # Stored raw, as an older version or another tool may have left it (add() normalises).
    with project.writing() as con:
        art_id = project.articles.insert(con, text, ArticleMeta(title="Hostile\x01 title"))
    art = project.articles.get(art_id)
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


# -- right to left ------------------------------------------------------------------------------

HE = ("ראש הממשלה אמר כי התקציב יגדל ב-5% בשנת 2025.\n\n"
      "“ההחלטה סופית ולא נחזור בנו,” אמר שר האוצר ביום חמישי.\n\n"
      "הכנס ייערך בירושלים ב-12 במרץ עם נציגי OECD.\n")
AR = "قال الوزير إن الميزانية سترتفع بنسبة 5% في عام 2025.\n\nوأكد المتحدث أن القرار نهائي.\n"
RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
LATIN_LETTER = re.compile("[A-Za-z]")
CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c"))


@pytest.fixture
def rtl_note(project, tmp_path):
    """A Hebrew article (claim with Hebrew note, claimant and tag; quote; event with a
    Hebrew place and participants), an Arabic one (claim, quote) and an English one."""
    he = project.articles.add(HE, ArticleMeta(title="התקציב יגדל", source="ישראל היום"))
    tag(project, he.id, HE, "claim", "התקציב יגדל ב-5% בשנת 2025.", claimant="ראש הממשלה",
        status="disputed", note="לא ברור מה המקור (דו״ח 2024).", tags=["תקציב"])
    tag(project, he.id, HE, "quote", "ההחלטה סופית ולא נחזור בנו,", speaker="שר האוצר",
        tags=["תקציב"])
    tag(project, he.id, HE, "event", "הכנס ייערך בירושלים ב-12 במרץ עם נציגי OECD.",
        when="12 במרץ", date="2025-03-12", where="ירושלים", participants=["נציגי OECD", "Mayor"],
        note="מקור: הודעת דוברות.")
    ar = project.articles.add(AR, ArticleMeta(title="الميزانية سترتفع", source="CNN بالعربية"))
    tag(project, ar.id, AR, "claim", "الميزانية سترتفع بنسبة 5% في عام 2025.",
        claimant="الوزير", status="false")
    tag(project, ar.id, AR, "quote", "القرار نهائي", speaker="المتحدث")
    en = project.articles.add("Plain story.\n\nThe mayor said “we will appeal” today.\n",
                              ArticleMeta(title="Appeal", source="Wire", published="2025-01-02"))
    tag(project, en.id, en.text, "claim", "The mayor said", claimant="Mayor", status="verified")
    return export(project, tmp_path)


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def is_bidi(p) -> bool:
    return p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None


def run_rtl(r) -> bool:
    return r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None


def all_paragraphs(doc):
    roots = [doc.element.body, doc.part._comments_part.element,
             doc.sections[-1].footer._element]
    return [p for root in roots for p in root.iter(qn("w:p"))]


def find_paragraph(doc, needle: str):
    return next(p for p in all_paragraphs(doc)
                if needle in paragraph_text(p).translate(CONTROLS))


def test_rtl_direction_rules_hold_for_every_paragraph(rtl_note):
    """Whatever the section (claims, quotes, notes, timeline, tags, headings, comments,
    footer): a paragraph whose text starts right to left is a bidi paragraph, every run of
    Hebrew/Arabic letters carries w:rtl, and no run with Latin letters does."""
    from models.briefing.docx_text import is_rtl

    doc, _ = rtl_note
    checked = 0
    for p in all_paragraphs(doc):
        text = paragraph_text(p)
        # Names embedded in an English line (RLE ... PDF) are not the line's main text.
        if is_rtl(re.sub("\u202b[^\u202c]*\u202c", "", text)):
            assert is_bidi(p), text
        for r in p.iter(qn("w:r")):
            rt = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if RTL_LETTER.search(rt):
                checked += 1
                assert run_rtl(r) and not LATIN_LETTER.search(rt), rt
            elif LATIN_LETTER.search(rt):
                assert not run_rtl(r), rt
    assert checked > 40


def test_rtl_claims_quotes_and_notes_are_right_to_left_paragraphs(rtl_note):
    doc, _ = rtl_note
    he_claim = find_paragraph(doc, "התקציב יגדל ב-5% בשנת 2025.")
    ar_claim = find_paragraph(doc, "الميزانية سترتفع بنسبة 5% في عام 2025.")
    for p, opening, closing in ((he_claim, "\u201d", "\u201d"), (ar_claim, "\u201d", "\u201c")):
        assert is_bidi(p)
        text = paragraph_text(p)
        # Label and status first (at the right-hand start), then the claim in the marks of
        # its script, opening mark first in logical order (shown on the right), the final
        # stop inside the closing mark (shown at the far left).
        assert re.match(r"C\d\u200f  \u00a0(DISPUTED|FALSE)\u00a0\u200f  ", text)
        claim = text.split("\u200f  ")[-1]
        assert claim[0] == opening and claim[-1] == closing and claim[-2] == "."
        runs = [r for r in p.iter(qn("w:r")) if "".join(t.text for t in r.iter(qn("w:t")))]
        assert not run_rtl(runs[0])  # "C1" stays a left-to-right label
        assert run_rtl(runs[-1])     # the run holding the stop and closing mark is RTL
    english = find_paragraph(doc, "The mayor said")
    assert not is_bidi(english) and "“The mayor said”" in paragraph_text(english)

    quote = find_paragraph(doc, "\u201dההחלטה סופית ולא נחזור בנו\u201d")
    # the span's trailing comma is left out of the display (the stored text keeps it)
    assert is_bidi(quote) and paragraph_text(quote) == "\u201dההחלטה סופית ולא נחזור בנו\u201d"
    assert quote.getnext() is not None and paragraph_text(quote.getnext()).startswith("Q1 ·")

    note = next(p for p in doc.element.body.iter(qn("w:p"))
                if paragraph_text(p).startswith("Note:"))
    assert is_bidi(note)
    assert paragraph_text(note) == "Note:\u200e לא ברור מה המקור (דו״ח 2024)."
    # The detail line under a right-to-left claim is English, left to right, set on the right.
    detail = he_claim.getnext()
    assert not is_bidi(detail) and paragraph_text(detail).startswith("Claimant: ")
    assert detail.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "right"


def test_rtl_names_inside_english_lines_are_embedded(rtl_note):
    doc, _ = rtl_note
    assert "\u202bשר האוצר\u202c\u200e (1 quote)" in headings(doc, 2)
    heading = find_paragraph(doc, "שר האוצר (1 quote)")
    assert not is_bidi(heading)
    runs = {("".join(t.text for t in r.iter(qn("w:t")))): run_rtl(r)
            for r in heading.iter(qn("w:r"))}
    assert runs == {"\u202bשר האוצר\u202c": True, "\u200e (1 quote)": False}
    detail = find_paragraph(doc, "Claimant: ראש הממשלה")
    expected = "Claimant: \u202bראש הממשלה\u202c\u200e · A1 ¶1 · Tags: \u202bתקציב\u202c\u200e"
    assert paragraph_text(detail) == expected


def test_rtl_event_row_and_tags_index(rtl_note):
    doc, _ = rtl_note
    table = next(Table(t, doc) for t in doc.element.body.iter(qn("w:tbl"))
                 if len(Table(t, doc).columns) == 5
                 and "Where" in Table(t, doc).rows[0].cells[2].text)
    date, what, where, who, _ref = table.rows[1].cells
    assert is_bidi(what.paragraphs[0]._p) and what.paragraphs[0].text.endswith("OECD.")
    assert is_bidi(what.paragraphs[1]._p)
    assert what.paragraphs[1].text == "Note:\u200e מקור: הודעת דוברות."
    assert is_bidi(where.paragraphs[0]._p) and where.text == "ירושלים"
    assert [(p.text, is_bidi(p._p)) for p in who.paragraphs] == [("נציגי OECD", True),
                                                                 ("Mayor", False)]
    assert is_bidi(date.paragraphs[1]._p) and not is_bidi(date.paragraphs[0]._p)
    tags = section_text(doc, "Tags")
    assert "תקציב | 2 | C1 (A1 ¶1), Q1 (A1 ¶2)" in tags
    tags_table = next(Table(t, doc) for t in doc.element.body.iter(qn("w:tbl"))
                      if Table(t, doc).rows[0].cells[0].text == "Tag")
    assert is_bidi(tags_table.rows[1].cells[0].paragraphs[0]._p)
    assert not is_bidi(tags_table.rows[1].cells[2].paragraphs[0]._p)


def test_rtl_comment_fields_and_annotated_labels(rtl_note):
    doc, _ = rtl_note
    comment = next(c for c in doc.comments if "Claim · Disputed" in c.text)
    paras = {p.text.translate(CONTROLS): is_bidi(p._p) for p in comment.paragraphs}
    assert paras["Note: לא ברור מה המקור (דו״ח 2024)."] is True
    assert paras["C1 · Claim · Disputed"] is False
    # In the annotated text a right-to-left mark precedes each label, so the span's final
    # stop stays with the span.
    labels = [paragraph_text(r) for r in doc.element.body.iter(qn("w:r"))
              if r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}") is not None]
    assert labels == ["\u200fC1", "\u200fQ1", "\u200fE1", "\u200fC2", "\u200fQ2", "C3"]
    assert sorted(comment_ranges(doc).values()) == sorted([
        "התקציב יגדל ב-5% בשנת 2025.", "ההחלטה סופית ולא נחזור בנו,",
        "הכנס ייערך בירושלים ב-12 במרץ עם נציגי OECD.",
        "الميزانية سترتفع بنسبة 5% في عام 2025.", "القرار نهائي", "The mayor said"])


def test_quote_marks_follow_the_script():
    from models.briefing.docx_text import direction_runs, quoted

    assert quoted("plain") == "“plain”"
    assert quoted("שלום.") == "\u201dשלום.\u201d"
    assert quoted("سلام.") == "\u201dسلام.\u201c"
    assert quoted("این یک پیام است") == "«این یک پیام است»"  # Persian letters
    assert quoted("“already”") == "“already”" and quoted('"כבר"') == '"כבר"'
    assert direction_runs("נציגי OECD.", True) == [("נציגי ", True), ("OECD", False),
                                                    (".", True)]
    assert direction_runs("שר האוצר\u200e (1 quote)", False) == [
        ("שר האוצר", True), ("\u200e (1 quote)", False)]
    assert direction_runs("12, 13", True) == [("12, 13", True)]
    assert direction_runs("12, 13", False) == [("12, 13", False)]


# -- title block: only the facts an article has ------------------------------------------------

def test_sources_show_only_recorded_facts_and_say_once_what_is_missing(project, tmp_path):
    metas = [ArticleMeta(title=f"Story {n}") for n in range(20)]
    metas[0] = ArticleMeta(title="Story 0", source="Harbour Gazette", author="Marta Kovač",
                           published="2025-03-14", url="https://example.org/a")
    metas[1] = ArticleMeta(title="Story 1", source="Wire")
    for n, meta in enumerate(metas):
        art = project.articles.add(f"Story {n}.\n\nSomeone said “words {n}”.\n", meta)
        tag(project, art.id, art.text, "quote", f"words {n}", speaker="Someone")
    doc, _ = export(project, tmp_path)
    head = "\n".join(t for sec, _, t in blocks(doc) if sec == "")
    everything = "\n".join(t for _, _, t in blocks(doc)).lower()
    assert everything.count("not recorded") == 1
    assert "Not recorded: source for A3–A20; publication date for A2–A20." in head
    assert "Harbour Gazette · Marta Kovač · published 14 March 2025 · 6 words in 2 paragraphs" \
        in head
    assert "Wire · 6 words in 2 paragraphs" in head
    assert "https://example.org/a" in head and head.count("https://") == 1


def test_single_article_table_lists_only_what_it_has(project, tmp_path):
    art = project.articles.add("Story.\n\nShe said “yes”.\n", ArticleMeta(title="Bare story"))
    tag(project, art.id, art.text, "quote", "yes", speaker="She")
    doc, _ = export(project, tmp_path)
    table = Table(next(doc.element.body.iter(qn("w:tbl"))), doc)
    assert [r.cells[0].text for r in table.rows] == ["Length"]
    head = [t for sec, _, t in blocks(doc) if sec == ""]
    assert "Not recorded: source and publication date." in head
    assert "not recorded" not in " ".join(head).replace("Not recorded:", "")


def test_article_refs_are_compact():
    from models.briefing.front import article_refs

    assert article_refs([9, 1, 2, 3, 5]) == "A1–A3, A5 and A9"
    assert article_refs([1, 2]) == "A1 and A2" and article_refs([4]) == "A4"


# -- document properties ------------------------------------------------------------------------

def house_template_with_properties(path: Path) -> Path:
    from datetime import datetime

    t = docx.Document()
    props = t.core_properties
    props.title, props.author, props.content_status = "House template", "IT dept", "Final"
    props.keywords, props.version = "template", "v3"
    props.last_printed = datetime(2020, 1, 1)
    props.language = "en-GB"
    app = next(p for p in t.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    app._blob = app.blob.replace(b"<Company/>", b"<Company>Acme News</Company>").replace(
        b"<Pages>1</Pages>", b"<Pages>7</Pages>")
    t.save(path)
    return path


@pytest.mark.parametrize("with_template", [False, True])
def test_document_properties_describe_the_note(project, story, tmp_path, with_template):
    from datetime import UTC, datetime, timedelta

    options = {"template": house_template_with_properties(tmp_path / "house.docx")} \
        if with_template else {}
    doc, out = export(project, tmp_path, **options)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert "<Application>Briefmark</Application>" in app
    assert "Microsoft" not in app and "<Pages>" not in app and "<Words>" not in app
    assert not [n for n in names if n.startswith("customXml")]
    props = doc.core_properties
    assert props.title == story.title and props.author == project.annotator
    assert props.last_modified_by == project.annotator
    assert props.subject == f"Briefing note on {story.title} (Harbour Gazette)"
    assert props.keywords.startswith("briefing note, claims, quotes, events, ")
    assert {"jobs", "vote"} <= set(props.keywords.split(", "))
    assert props.category == "Briefing note" and props.revision == 1
    assert "4 claims, 3 quotes, 3 events from 1 article" in props.comments
    now = datetime.now(UTC).replace(tzinfo=None)
    for moment in (props.created, props.modified):
        assert abs(moment.replace(tzinfo=None) - now) < timedelta(minutes=5)
    assert props.last_printed is None and props.content_status == "" and props.version == ""
    if with_template:
        assert "<Company>Acme News</Company>" in app and "<Template>house.docx</Template>" in app
        assert props.language == "en-GB"  # the house language is kept
    else:
        assert "<Company>" not in app and "<Template>" not in app


# -- nothing tagged ----------------------------------------------------------------------------

def test_articles_with_nothing_tagged_are_refused_with_a_clear_message(project, tmp_path):
    a = project.articles.add("Quiet story.\n\nNothing happens.\n", ArticleMeta(title="Quiet"))
    b = project.articles.add("Other story.\n\nShe said “no”.\n", ArticleMeta(title="Other"))
    for ids, message in (
            ((a.id,), "“Quiet” has no claims, quotes or events tagged yet; tag some text "
                      "first, then export the note."),
            ((), "No article in the project has any claims, quotes or events tagged yet"),
            ((a.id, b.id), "None of the 2 chosen articles has any claims, quotes or events")):
        with pytest.raises(ExportError) as err:
            export(project, tmp_path, article_ids=ids)
        assert str(err.value).startswith(message) and "\n" not in str(err.value)
    tag(project, b.id, b.text, "quote", "no", speaker="She")
    tag(project, b.id, b.text, "event", "Other story.")
    with pytest.raises(ExportError, match=re.escape(
            "“Other” has no claims tagged (it has 1 quote and 1 event); include quotes and "
            "events in the note, or tag claims first.")):
        export(project, tmp_path, article_ids=(b.id,), kinds=("claim",))
    assert not (tmp_path / "note.docx").exists() and leftovers(tmp_path) == []


def test_an_untagged_article_among_others_is_named_and_its_text_left_out(project, tmp_path):
    a = project.articles.add("Quiet story.\n\nNothing happens here at all.\n",
                             ArticleMeta(title="Quiet", source="Wire", published="2025-01-01"))
    b = project.articles.add("Other story.\n\nShe said “no”.\n",
                             ArticleMeta(title="Other", source="Wire", published="2025-01-01"))
    tag(project, b.id, b.text, "quote", "no", speaker="She")
    doc, _ = export(project, tmp_path, article_ids=(a.id, b.id))
    head = "\n".join(t for sec, _, t in blocks(doc) if sec == "")
    assert "Wire · published 1 January 2025 · 7 words in 2 paragraphs · nothing tagged" in head
    assert "Nothing is tagged in A1; its text is left out." in section_text(doc, "Summary")
    text = section_text(doc, "Annotated text")
    assert "Nothing happens here" not in text and "She said" in text
    assert "Nothing is tagged in this article; its text is left out." in text


def test_a_note_with_evidence_and_a_bottom_line_passes_the_ooxml_checker(project, story,
                                                                         tmp_path):
    """Every part of the package valid against the ISO/IEC 29500 Transitional schemas, with
    the new sections in (skipped without ../shared)."""
    import subprocess
    import sys

    from tests.conftest import SHARED

    checker = SHARED / "reference" / "ooxml-schemas" / "check_docx.py"
    if not checker.is_file():
        pytest.skip("../shared/reference/ooxml-schemas is not present")
    anns = {a.text: a for a in project.annotations.list()}
    project.links.add(anns["The numbers no longer add up."].id,
                      anns["The terminal employs 340 people"].id, "contradicts",
                      cites_status=True)
    _, out = export(project, tmp_path, bottom_line="Settled.\n- שלום 🎉 disputed")
    done = subprocess.run([sys.executable, str(checker), str(out)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "XSD-ERR" not in done.stdout


def test_tags_people_statuses_and_dates_choose_what_goes_in(project, story, tmp_path,
                                                            capsys):
    """From the command line: a tag (any case), a person by an alias, claim statuses, an
    event date range; a choice nothing matches says so and writes nothing."""
    import main as entry

    helena = project.people.find("Helena Ostrander")
    project.people.edit(helena.uuid, aliases=["Ms Ostrander"])

    def note(*flags: str) -> dict[str, list[str]]:
        out = tmp_path / "f.docx"
        assert entry.main(["export", str(project.path), "--format", "docx", "--output",
                           str(out), "--no-text", *flags]) == 0
        found: dict[str, list[str]] = {}
        for sec, style, text in blocks(docx.Document(out)):
            if style.startswith("Heading 2") or (style == "Quote"):
                found.setdefault(sec, []).append(text)
        rows = [t for sec, s, t in blocks(docx.Document(out)) if sec == "Events"
                and s == "table row"][1:]
        found["Events"] = rows
        return found

    jobs = note("--tag", "JOBS")
    assert jobs["Claims"] == ["Disputed (1)", "Verified (1)"]  # the most doubtful first
    assert "Quotes" not in jobs or not [q for q in jobs["Quotes"] if "(" in q]
    assert jobs["Events"] == []
    hers = note("--person", "ms ostrander", "--kind", "quote")
    assert hers["Quotes"] == ["Helena Ostrander (2 quotes)",
                              "“This is the hardest vote I have cast”",
                              "“The numbers no longer add up.”"]
    doubtful = note("--status", "false", "--status", "disputed", "--kind", "claim")
    assert doubtful["Claims"] == ["False (1)", "Disputed (1)"]
    later = note("--from", "2026", "--kind", "event")
    assert len(later["Events"]) == 1 and later["Events"][0].startswith("30 Jun 2027")
    capsys.readouterr()
    assert entry.main(["export", str(project.path), "--format", "docx", "--output",
                       str(tmp_path / "none.docx"), "--tag", "nowhere"]) != 0
    assert "No annotation of the chosen articles matches" in capsys.readouterr().err
    assert not (tmp_path / "none.docx").exists()
    assert entry.main(["export", str(project.path), "--format", "json", "--output",
                       str(tmp_path / "x.json"), "--tag", "jobs"]) != 0
    assert "use it with --format docx" in capsys.readouterr().err


def test_a_note_saved_by_name_exports_again_after_more_work(project, story, tmp_path,
                                                             capsys):
    """--save-note keeps the choices, title and bottom line in the project; --note uses
    them again (flags given change them); `notes` lists and forgets; an unknown name says
    which are saved."""
    import main as entry

    first = tmp_path / "first.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "-o", str(first),
                       "--kind", "claim", "--title", "Port Ellis jobs", "--status",
                       "disputed", "--bottom-line", "Jobs are disputed.",
                       "--save-note", "Jobs brief"]) == 0
    capsys.readouterr()
    tag(project, story.id, story.text, "claim", "the east side", status="disputed",
        claimant="Daniel Achterberg")  # more work after the first note
    again = tmp_path / "again.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "-o", str(again),
                       "--note", "jobs BRIEF"]) == 0  # any case
    doc = docx.Document(again)
    assert blocks(doc)[0][2] == "Port Ellis jobs"
    assert headings(doc)[:2] == ["Bottom line", "Summary"]
    claims = section_text(doc, "Claims")
    assert "the east side" in claims and "the true number is closer to 900" in claims
    assert "Quotes" not in headings(doc) and "340 people" not in claims
    wider = tmp_path / "wider.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "-o", str(wider),
                       "--note", "Jobs brief", "--kind", "claim", "--kind", "quote"]) == 0
    assert "Quotes" in headings(docx.Document(wider))
    capsys.readouterr()
    assert entry.main(["notes", str(project.path)]) == 0
    assert "Jobs brief: Port Ellis jobs · all articles · claim" in capsys.readouterr().out
    assert entry.main(["export", str(project.path), "--format", "docx", "-o",
                       str(tmp_path / "x.docx"), "--note", "Other"]) != 0
    assert "No saved note is called “Other” (saved: Jobs brief)" in capsys.readouterr().err
    assert entry.main(["notes", str(project.path), "--forget", "Jobs brief"]) == 0
    capsys.readouterr()
    assert entry.main(["notes", str(project.path), "--json"]) == 0
    assert capsys.readouterr().out.strip() == "{}"


def test_article_words_carry_their_language_and_hebrew_is_not_taken_for_arabic(
        project, tmp_path):
    """Runs of an article's words get w:lang from its language; a right-to-left run says
    Hebrew or Arabic by its letters when the article's language does not."""
    fr = project.articles.add("Le ministre a dit : « Nous continuerons. » Fin.",
                              ArticleMeta(title="Paris", language="fr"))
    tag(project, fr.id, fr.text, "quote", "Nous continuerons.", speaker="Le ministre")
    he = project.articles.add("השר אמר: אנחנו נמשיך. وقال الوزير.", ArticleMeta(title="X"))
    tag(project, he.id, he.text, "claim", "אנחנו נמשיך", claimant="השר")
    tag(project, he.id, he.text, "claim", "وقال الوزير", claimant="الوزير")
    doc, out = export(project, tmp_path)
    langs = {}
    for r in doc.element.body.iter(qn("w:r")):
        t = "".join(x.text or "" for x in r.iter(qn("w:t")))
        lang = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if t.strip() and lang is not None:
            langs.setdefault(t.strip(), (lang.get(qn("w:val")), lang.get(qn("w:bidi"))))
    assert langs.get("“Nous continuerons.”", langs.get("Nous continuerons.")) == ("fr", None)
    assert any(v == (None, "he") for k, v in langs.items() if "נמשיך" in k)
    assert any(v == (None, "ar") for k, v in langs.items() if "الوزير" in k)


def test_the_outline_says_what_the_note_will_hold(project, story, tmp_path):
    """The dialog's preview: the note's sections in order with their counts, the same the
    note then holds; choices nothing matches say why instead."""
    from models.briefing.outline import outline

    lines = outline(project, BriefingOptions(bottom_line="Settled."))
    assert lines == [
        "Bottom line", "Summary: 10 annotations from 1 article",
        "Claims: 4 claims: 1 false, 1 disputed, 1 unverified, 1 verified",
        "Where sources disagree: 2 claims",
        "Quotes: 3 quotes from 2 named speakers",
        "Events: 3 events, 2 dated (13 Mar 2025 to 30 Jun 2027)",
        "Annotated text, with Word comments", "Tags: 2 tags"]
    doc, _ = export(project, tmp_path, bottom_line="Settled.")
    assert [h for h in headings(doc)] == ["Bottom line", "Summary", "Claims",
                                          "Where sources disagree", "Quotes", "Events",
                                          "Annotated text", "Tags"]
    assert outline(project, BriefingOptions(tags=("nowhere",))) == [
        "No annotation of the chosen articles matches the chosen tags, people, statuses or "
        "dates; widen the choice and export again."]


def test_labels_link_to_their_span_and_back(project, story, tmp_path):
    """Every label in the lists links to its span in the annotated text and the label after
    the span back; every link's bookmark exists, once; without the text, no links to it."""
    anns = {a.text: a for a in project.annotations.list()}
    project.links.add(anns["The numbers no longer add up."].id,
                      anns["The terminal employs 340 people"].id, "contradicts")
    doc, _ = export(project, tmp_path)
    body = doc.element.body
    marks = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    ids = [b.get(qn("w:id")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(marks) == len(set(marks)) and len(ids) == len(set(ids))
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))
               if h.get(qn("w:anchor"))]
    assert anchors and set(anchors) <= set(marks)
    n = len(project.annotations.list())
    assert sum(m.startswith("text_") for m in marks) == n  # one at each span
    assert sum(m.startswith("list_") for m in marks) == n  # one at each item in its section
    assert {a for a in anchors if a.startswith("text_")} == {m for m in marks
                                                            if m.startswith("text_")}
    assert "list_Q2" in anchors or "list_Q1" in anchors  # evidence and text labels lead back
    doc, _ = export(project, tmp_path, "bare.docx", include_text=False)
    assert not [h for h in doc.element.body.iter(qn("w:hyperlink"))
                if (h.get(qn("w:anchor")) or "").startswith("text_")]


def test_a_note_without_a_template_is_a4_and_its_tables_fit_the_page(project, story,
                                                                      tmp_path):
    doc, _ = export(project, tmp_path)
    section = doc.sections[-1]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text_width = section.page_width.twips - section.left_margin.twips - \
        section.right_margin.twips
    for tbl in doc.element.body.iter(qn("w:tbl")):
        width = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        assert abs(int(width.get(qn("w:w"))) - text_width) <= 1


def test_bad_choices_are_refused_with_what_to_do(project, story, tmp_path, capsys):
    """A date that is no date, or a note saved without a name: one line that says what to
    write, no file written, nothing saved."""
    import main as entry
    from models.briefing import definitions

    out = tmp_path / "bad.docx"
    assert entry.main(["export", str(project.path), "--format", "docx", "-o", str(out),
                       "--from", "soon"]) != 0
    err = capsys.readouterr().err
    assert "YYYY" in err and "Traceback" not in err and not out.exists()
    assert entry.main(["export", str(project.path), "--format", "docx", "-o", str(out),
                       "--save-note", "   "]) != 0
    assert "Give the note a name" in capsys.readouterr().err
    assert definitions.names(project) == [] and not out.exists()
