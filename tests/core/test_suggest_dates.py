"""Dates of suggested events: as precise as written, and words that look like dates but are not.

A mention less precise than a day keeps `when` as written and gets the year, month or week
it names (models/event_dates.py date_from_when, as typing it into When does); a year ahead
of publication is an event only when the clause plans it; "la mañana" is the morning.
"""

from __future__ import annotations

import pytest

from models.suggest import suggest_text


def events(text: str, published: str, language: str = "en") -> list[tuple[str, str]]:
    return [(s.when, s.date) for s in suggest_text(text, published=published,
                                                    language=language, kinds=("event",))]


# -- less precise than a day: `when` only -----------------------------------------------------


@pytest.mark.parametrize("sentence, when, date", [
    ("The mine closed in 2005 after a fire.", "2005", "2005"),
    ("She joined the network in September 2018 as a producer.", "September 2018", "2018-09"),
    ("Exports fell in January, the ministry said.", "January", ""),
    ("The bridge closed last week after the flood.", "last week", "2024-03-04/2024-03-10"),
    ("The report was published last month by the agency.", "last month", "2024-02"),
    ("The plant opened six months ago near the river.", "six months ago", "2023-09"),
    ("Prices rose sharply last year across the region.", "last year", "2023"),
    ("In October of that year, the board hired a law firm.", "October of that year", ""),
])
def test_a_year_month_or_week_is_given_as_precise_as_written(sentence, when, date):
    """Never a made-up day: the year, the month or the week (a range), as typing the
    same words into When gives; nothing where the year cannot be told."""
    assert events(sentence, "2024-03-13") == [(when, date)]


def test_the_same_in_other_languages():
    assert events("La loi a été votée en septembre 2018 par le Sénat.", "2019-01-10",
                  "fr") == [("septembre 2018", "2018")]
    assert events("Der Vertrag wurde im Jahr 2005 unterzeichnet.", "2019-01-10", "de") == [
        ("2005", "2005")]
    assert events("El partido ganó las elecciones el año pasado en la capital.", "2022-04-26",
                  "es") == [("el año pasado", "")]
    # "11月" is November, not the 1st of January ("1" + "1月")
    assert events("至11月中旬被终审法院驳回。", "2012-12-10", "zh") == [("11月", "")]


def test_a_day_inside_a_month_narrative_still_has_its_date():
    text = "In September 2018, on September 25, 2018, the minister resigned."
    assert events(text, "2018-12-05") == [("September 25, 2018", "2018-09-25")]


# -- a year ahead of publication ---------------------------------------------------------------


def test_the_end_of_a_contract_term_is_not_an_event():
    text = ("James’s preferred candidates include CBS president David Rhodes (though he is "
            "under contract with CBS through 2019); Jesse Angelo, the publisher.")
    assert events(text, "2016-09-02") == []
    assert events("Her contract runs until 2021, the network said.", "2018-10-09") == []


def test_a_guess_about_a_later_year_is_not_an_event():
    text = "Those who know her believe that she is likely to run in 2024."
    assert events(text, "2018-10-09") == []


def test_a_planned_event_in_a_later_year_is_kept_without_a_day():
    text = "The two berths will be converted to wind-turbine assembly starting in 2028."
    assert events(text, "2025-03-14") == [("2028", "2028")]
    # a past term's end is still dated narration
    assert events("He served as governor until 2005, when he retired.", "2018-10-09") == [
        ("2005", "2005")]


# -- relative words that are something else in context ----------------------------------------


def test_spanish_la_manana_is_the_morning_not_tomorrow():
    text = ("El Comité Central inició su IV Pleno en la mañana de este martes en el Salón de "
            "los Plenos.")
    assert events(text, "2022-04-26", "es") == [("martes", "2022-04-26")]  # a Tuesday
    assert events("Las clases empiezan por la mañana en todo el país.", "2022-04-26",
                  "es") == []


@pytest.mark.parametrize("sentence, when, iso", [
    ("El ministro viajará mañana a La Habana.", "mañana", "2022-04-27"),
    ("El ministro viajará mañana por la mañana a La Habana.", "mañana por la mañana",
     "2022-04-27"),
    ("El ministro habló esta mañana con la prensa.", "esta mañana", "2022-04-26"),
    ("El ministro viajará pasado mañana a La Habana.", "pasado mañana", "2022-04-28"),
])
def test_spanish_manana_as_tomorrow(sentence, when, iso):
    assert events(sentence, "2022-04-26", "es") == [(when, iso)]


@pytest.mark.parametrize("sentence, expected", [
    ("Le ministre arrive demain matin à Paris.", [("demain matin", "2015-05-01")]),
    ("Le ministre arrive après-demain à Paris.", [("après-demain", "2015-05-02")]),
    ("Le matin, le ministre lit la presse à Paris.", []),
    ("Avant-hier, le ministre était à Paris.", [("Avant-hier", "2015-04-28")]),
])
def test_french_matin_and_demain(sentence, expected):
    assert events(sentence, "2015-04-30", "fr") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Der Minister kommt morgen nach Berlin.", [("morgen", "2018-12-06")]),
    ("Der Minister kommt morgen früh nach Berlin.", [("morgen früh", "2018-12-06")]),
    ("Am Morgen las der Minister die Zeitung.", []),
    ("Der Minister las jeden Morgen die Zeitung.", []),
    ("Der Minister sprach heute Morgen mit der Presse.", [("heute Morgen", "2018-12-05")]),
    ("Morgen entscheidet der Bundestag über das Gesetz.", [("Morgen", "2018-12-06")]),
])
def test_german_morgen_and_am_morgen(sentence, expected):
    assert events(sentence, "2018-12-05", "de") == expected


def test_dutch_de_morgen_is_the_morning():
    assert events("De minister komt morgen naar Den Haag.", "2018-12-05", "nl") == [
        ("morgen", "2018-12-06")]
    assert events("Elke morgen leest de minister de krant.", "2018-12-05", "nl") == []


def test_hebrew_weekday_needs_yom_and_may_carry_a_prefix():
    assert events("הוא נפגש עם השר ביום שני בירושלים.", "2014-06-01", "he") == [
        ("ביום שני", "2014-05-26")]
    assert events("הוא סיים במקום השני בתחרות.", "2014-06-01", "he") == []  # "the second"


def test_an_explicit_date_beats_the_weekday_written_with_it():
    assert events("梁振英在星期二（12月11日）的答问大会开始之际道歉。", "2012-12-11", "zh") == [
        ("12月11日", "2012-12-11")]


@pytest.mark.parametrize("sentence, language, expected", [
    ("הבחירות אמורות להתקיים מחרתיים בכנסת.", "he", [("מחרתיים", "2014-06-03")]),
    ("El presidente habló anoche con la prensa.", "es", [("anoche", "2014-05-31")]),
    ("Le ministre a parlé ce matin à la presse.", "fr", [("ce matin", "2014-06-01")]),
    ("Der Minister kommt übermorgen nach Berlin.", "de", [("übermorgen", "2014-06-03")]),
])
def test_day_words_missing_from_the_locale_tables(sentence, language, expected):
    assert events(sentence, "2014-06-01", language) == expected


def test_a_day_without_a_year_takes_the_year_the_story_is_told_in():
    text = ("A few days before the first debate in August 2015, Murdoch called Ailes at home. "
            "Ailes did not fight him on it.\n\n"
            "On the night of August 6, the moderators questioned the candidate.")
    assert events(text, "2016-09-02") == [("August 2015", "2015-08"),
                                          ("August 6", "2015-08-06")]
    # without such a year nearby, the last 6 August before publication
    assert events("On the night of August 6, the moderators questioned him.",
                  "2016-09-02") == [("August 6", "2016-08-06")]
