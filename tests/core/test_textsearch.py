"""Find: ignores case and invisible characters, returns exact offsets of the stored text."""

from __future__ import annotations

import pytest

from models.textsearch import TextSearch

TEXT = ("Die Ortspolizeibehörde sagte „Straße gesperrt“ 🚲🚲 und der Re\u200dsign-Knopf.\n\n"
        "Mr.\u00a0Trump said the admin\u00adistration was fine. « Big\u00a0Brother »")


@pytest.mark.parametrize("query,expected", [
    ("ortspolizeibehörde", "Ortspolizeibehörde"),
    ("STRASSE", "Straße"),
    ("straße gesperrt", "Straße gesperrt"),
    ("🚲🚲", "🚲🚲"),
    ("resign", "Re\u200dsign"),
    ("Mr. Trump", "Mr.\u00a0Trump"),
    ("administration", "admin\u00adistration"),
    ("« big brother", "« Big\u00a0Brother"),
    ("ortspolizeibehorde", "Ortspolizeibehörde"),  # accents optional
    ("strasse", "Straße"),
])
def test_finds_what_a_reader_types(query: str, expected: str) -> None:
    found = TextSearch(TEXT).find(query)
    assert found is not None
    assert TEXT[found[0]:found[1]] == expected


def test_forward_backward_and_wrap() -> None:
    text = "one two one two one"
    s = TextSearch(text)
    assert s.find("one", 1) == (8, 11)
    assert s.find("one", 17) == (0, 3)  # wrapped
    assert s.find("one", 17, wrap=False) is None
    assert s.find("one", 8, backward=True) == (0, 3)
    assert s.find("zzz") is None and s.find("") is None


def test_offsets_after_expanding_case_folds() -> None:
    text = "ß" * 3 + " target ß end"
    start, end = TextSearch(text).find("TARGET")
    assert text[start:end] == "target"
    start, end = TextSearch(text).find("ss end")
    assert text[start:end] == "ß end"


def test_long_text_with_expanding_folds_maps_back_exactly() -> None:
    text = ("Die Straße der Führungskräfte — l’été arrive. " * 20000)
    found = TextSearch(text).find("fuhrungskrafte", 500_000)
    assert found is not None and found[0] >= 500_000
    assert text[found[0]:found[1]] == "Führungskräfte"


KEYBOARD_TEXT = ("The latter’s “very bright” idea — 2019–2020, −5 °C; « oui », „ja“, ‹non›, ‚so‘, "
                 "6′2″.\r\nשלום 🙂 ‘ok’ Straße—Weg")


@pytest.mark.parametrize("query,expected", [
    ("latter's", "latter’s"),
    ('"very bright"', "“very bright”"),
    ("idea - 2019-2020, -5", "idea — 2019–2020, −5"),
    ('" oui "', "« oui »"),
    ('"ja"', "„ja“"),
    ("'non'", "‹non›"),
    ("'so'", "‚so‘"),
    ("6'2\"", "6′2″"),
    ("🙂 'ok' strasse-weg", "🙂 ‘ok’ Straße—Weg"),
])
def test_keyboard_quotes_and_dashes_match_typographic_ones(query: str, expected: str) -> None:
    found = TextSearch(KEYBOARD_TEXT).find(query)
    assert found is not None
    assert KEYBOARD_TEXT[found[0]:found[1]] == expected  # exact code points, after emoji/CRLF/ß


def test_find_all_counts_every_match_with_exact_offsets() -> None:
    text = "ß “a” 🙂 ’a’ שלום 'a'\r\n‘a’"
    found = TextSearch(text).find_all("'a'")
    assert [text[s:e] for s, e in found] == ["’a’", "'a'", "‘a’"]
    assert TextSearch(text).find_all('"a"') == [(2, 5)]
    assert TextSearch(text).find_all("") == [] and TextSearch(text).find_all("zz") == []
