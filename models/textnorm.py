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
    """Decode a text file: UTF-8/UTF-16 by BOM, then strict UTF-8, then a detected encoding.

    Refuses empty and binary files with a message that says so.
    """
    if not data.strip():
        raise ImportRefused(f"{name} is empty: there is no text to import.")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_guessing(data, name)
    if _looks_binary(text):
        raise ImportRefused(
            f"{name} does not look like text (it holds binary data). "
            "Import a .txt, .md, .docx or .html file instead."
        )
    return text


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
