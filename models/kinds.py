"""How each annotation kind and claim status looks, in one place for the reader and the exports.

Fills are pastel so black text stays legible on them (contrast above 12:1 for all three);
the ink colours are darker tones of the same hue for text, underlines and labels.
"""

from __future__ import annotations

# Shading behind tagged text.
KIND_COLOURS: dict[str, str] = {
    "claim": "#FFE08A",  # soft amber
    "quote": "#B8DCFF",  # soft sky blue
    "event": "#D5C6F2",  # soft lavender
}
# A darker tone of each fill, for labels, underlines and legends drawn on white.
KIND_INK: dict[str, str] = {
    "claim": "#8A6100",
    "quote": "#1F5F9E",
    "event": "#5B3FA0",
}
KIND_LABELS: dict[str, str] = {"claim": "Claim", "quote": "Quote", "event": "Event"}
KIND_PLURALS: dict[str, str] = {"claim": "Claims", "quote": "Quotes", "event": "Events"}
# One letter used in reference labels such as C3, Q12, E1.
KIND_PREFIX: dict[str, str] = {"claim": "C", "quote": "Q", "event": "E"}

# Claim statuses, most urgent first: the order a reader should meet them in a briefing.
STATUS_ORDER: tuple[str, ...] = ("false", "disputed", "unverified", "verified")
STATUS_LABELS: dict[str, str] = {
    "false": "False", "disputed": "Disputed", "unverified": "Unverified", "verified": "Verified",
}
STATUS_COLOURS: dict[str, str] = {
    "false": "#F6C1C1",
    "disputed": "#FFD6A5",
    "unverified": "#E4E4E4",
    "verified": "#C6E9C6",
}
STATUS_INK: dict[str, str] = {
    "false": "#8B1A1A",
    "disputed": "#8A4500",
    "unverified": "#404040",
    "verified": "#1E5E20",
}


def hex_rgb(colour: str) -> str:
    """'#ffe08a' -> 'FFE08A', the form Word's XML wants."""
    return colour.lstrip("#").upper()
