"""The parts of the .docx around the document: extended properties, thumbnail, stock extras.

python-docx starts from its own template, which says it was written by "Microsoft Macintosh
Word" (docProps/app.xml), carries a stock page thumbnail and an empty bibliography part with
a fixed id. A house template brings its own app.xml with page and word counts of the
template, not of the note. The note gets a neutral app.xml instead (Application
"Briefmark"), keeping only the house's Company name and naming the template it was made
from; thumbnails go. What is kept and why is in docs/briefing.md, "Document properties".
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from models.briefing.content import Note
from models.briefing.docx_text import one_line, xml_safe

APP_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_BIB = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def tidy(document: Document, note: Note) -> None:
    package = document.part.package
    old = _app_part(document)
    company = _read(old, "Company") if old is not None and note.options.template else ""
    template = Path(note.options.template).name if note.options.template else ""
    blob = app_xml(company=company, template=template)
    if old is not None:
        old._blob = blob  # a generic Part: its bytes are what gets saved
    else:
        part = Part(PackURI("/docProps/app.xml"), APP_CONTENT_TYPE, blob, package)
        package.relate_to(part, RT.EXTENDED_PROPERTIES)
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[r_id]  # the part is not saved once nothing refers to it
    _drop_stock_bibliography(document)
    _zoom_percent(document)


def _zoom_percent(document: Document) -> None:
    """python-docx's default settings carry <w:zoom w:val="bestFit"/> without the
    w:percent the schema requires (the checker refuses the part): say 100 %."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def app_xml(*, company: str = "", template: str = "") -> bytes:
    """Extended properties that claim nothing untrue: the application, and no page or word
    counts (Word computes them when it saves; a stale count would mislead)."""
    fields = []
    if template:
        fields.append(f"<Template>{escape(xml_safe(template))}</Template>")
    fields.append("<Application>Briefmark</Application><DocSecurity>0</DocSecurity>"
                  "<ScaleCrop>false</ScaleCrop>")
    if company:
        fields.append(f"<Company>{escape(xml_safe(company))}</Company>")
    fields.append("<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
                  "<HyperlinksChanged>false</HyperlinksChanged>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<Properties xmlns="{_EP}" xmlns:vt="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/docPropsVTypes">{"".join(fields)}</Properties>'
            ).encode()


def _app_part(document: Document) -> Part | None:
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            return rel.target_part
    return None


def _read(part: Part, name: str) -> str:
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return ""
    e = root.find(f"{{{_EP}}}{name}")
    return one_line(e.text or "") if e is not None else ""


def _drop_stock_bibliography(document: Document) -> None:
    """python-docx's template carries an empty bibliography store with one fixed id; a house
    template's store with real sources is kept."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{_BIB}}}Sources" and len(root) == 0:
            part.drop_rel(r_id)
