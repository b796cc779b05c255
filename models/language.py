"""Guessing an article's language (ISO 639-1) from its text, offline and deterministically."""

from __future__ import annotations

import unicodedata

# Scripts that settle the question alone, faster and surer than a statistical guess.
_SCRIPT_LANGUAGES = {"HEBREW": "he", "ARABIC": "ar", "HIRAGANA": "ja", "KATAKANA": "ja",
                     "HANGUL": "ko", "THAI": "th", "GREEK": "el"}


def detect_language(text: str) -> str:
    """Two-letter code, or "" when the text is too short or mixed to tell."""
    sample = text[:4000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return ""
    counts: dict[str, int] = {}
    cjk = 0
    for ch in letters:
        name = unicodedata.name(ch, "")
        if name.startswith("CJK"):
            cjk += 1
            continue
        script = name.split(" ", 1)[0]
        if script in _SCRIPT_LANGUAGES:
            lang = _SCRIPT_LANGUAGES[script]
            counts[lang] = counts.get(lang, 0) + 1
    if counts.get("ja"):
        return "ja"
    best = max(counts, key=counts.__getitem__, default=None)
    if best and counts[best] > len(letters) * 0.3:
        return best
    if cjk > len(letters) * 0.3:
        return "zh"
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return ""
    DetectorFactory.seed = 0
    try:
        return detect(sample).split("-")[0]
    except LangDetectException:
        return ""


def is_rtl(text: str) -> bool:
    """Right-to-left by the first strong letter (Unicode rule P2), as Word and browsers do."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
