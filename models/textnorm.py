"""Turning file bytes into the stored article text (the rules are in docs/text-rules.md).

The stored text is the source of truth for every offset, so we change only what would break
files or displays: BOM, line endings and control characters. Everything else (NBSP, soft
hyphens, zero-width joiners, RTL marks, emoji) is kept exactly.
"""

from __future__ import annotations

import codecs
import re

from models.errors import ImportRefused

# Characters replaced so that the text survives XML (docx), Qt and SQLite and paragraphs stay
# apart: line-like controls become a line break, the rest are dropped.
_LINE_LIKE = {"\x0b": "\n", "\x0c": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n",
              "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]"
)
_LINE_LIKE_RE = re.compile("[" + "".join(_LINE_LIKE) + "]")


def normalise_text(text: str) -> str:
    """Apply the stored-text rules to already decoded text."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_LIKE_RE.sub(lambda m: _LINE_LIKE[m.group()], text)
    return _DROPPED.sub("", text)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL_RE.findall(text))
    return controls / len(text) > 0.01 or "\ufffd" in text[:4096] and text.count("\ufffd") > 8


def decode_bytes(data: bytes, *, name: str = "the file") -> str:
    """Decode a text file: a BOM, UTF-16 without one (by its NUL bytes), strict UTF-8, UTF-8
    with Windows-1252 pieces (repaired per piece), then a detected single-byte encoding.

    Refuses empty and binary files with a message that says so.
    """
    return decode_text(data, name=name)[0]


def decode_text(data: bytes, *, name: str = "the file") -> tuple[str, str]:
    """The decoded text and a note for the user ("" when the decoding was unremarkable)."""
    if not data.strip():
        raise ImportRefused(f"{name} is empty: there is no text to import.")
    note = ""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        text = _utf16_without_bom(data)
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text, note = _mixed_utf8(data, name)
                if text is None:
                    text = _decode_guessing(data, name)
    if not text.strip():
        raise ImportRefused(f"{name} is empty: there is no text to import.")
    if _looks_binary(text):
        raise ImportRefused(
            f"{name} does not look like text (it holds binary data). "
            "Import a .txt, .md, .docx or .html file instead."
        )
    return text, note


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM, told by its NUL bytes: ASCII letters, digits, spaces and
    punctuation have a zero high byte, so NULs gather on the odd (LE) or even (BE) positions
    and (almost) never on the other. None when the bytes do not look like that."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    # U+xx00 characters (e.g. U+0100, U+2000) put a few NULs on the other side too.
    if max(even, odd) < half * 0.05 or min(even, odd) > max(even, odd) * 0.1:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        return data.decode(encoding)  # strict: unpaired surrogates mean it is not UTF-16
    except UnicodeDecodeError:
        return None


_ESCAPED = re.compile("[\udc80-\udcff]+")


def _mixed_utf8(data: bytes, name: str) -> tuple[str | None, str]:
    """Mostly UTF-8 with pieces in Windows-1252 (a quote pasted from an old file): decode each
    piece in its own encoding, so neither becomes mojibake. (None, "") when the file is not
    mostly UTF-8; refused when a piece is not Windows-1252 either."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = _ESCAPED.findall(text)
    bad_bytes = sum(len(run) for run in bad)
    good = sum(1 for ch in text if ch > "\x7f") - bad_bytes
    if good < bad_bytes or good == 0:
        return None, ""

    def as_cp1252(m: re.Match[str]) -> str:
        return bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252")

    try:
        repaired = _ESCAPED.sub(as_cp1252, text)
    except UnicodeDecodeError:
        raise ImportRefused(
            f"{name} is UTF-8 text but {len(bad)} place(s) in it are in no encoding "
            "Briefmark can tell. Save it as UTF-8 and import it again."
        ) from None
    return repaired, (f"{name}: {len(bad)} place(s) were not UTF-8 and were read as "
                      "Windows-1252; check them in the article.")


def _decode_guessing(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 100:
        raise ImportRefused(f"{name} does not look like text (it holds binary data).")
    best = from_bytes(data).best()
    if best is None:
        raise ImportRefused(
            f"{name} does not look like text: it is not UTF-8 and no text encoding fits it. "
            "If it is text, save it as UTF-8 and import it again."
        )
    encoding = best.encoding
    # Latin-script Western text is almost always Windows-1252 when it is not UTF-8; the
    # detector often names a sibling code page that maps curly quotes to other letters.
    if encoding in {"cp1250", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp1257",
                    "iso8859_2", "cp850"}:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)
