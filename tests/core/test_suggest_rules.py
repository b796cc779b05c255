"""The suggestion rules on small texts: quotation styles, speakers, dates and claims."""

from __future__ import annotations

import pytest

from models.suggest import Suggestion, suggest_text
from models.suggest.dates import find_dates


def quotes(text: str, **kw) -> list[Suggestion]:
    return suggest_text(text, kinds=("quote",), **kw)


def only(found: list[Suggestion], kind: str) -> list[Suggestion]:
    return [s for s in found if s.kind == kind]


# -- quotation marks ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, inner, speaker, language", [
    ("“We will rebuild the bridge,” said Mayor Anna Kowalski on Friday.",
     "We will rebuild the bridge,", "Anna Kowalski", "en"),
    ('"The water is rising fast," Tom Baker, a local farmer, told reporters.',
     "The water is rising fast,", "Tom Baker", "en"),
    ("Der Minister Karl Weber sagte: „Wir prüfen alle Möglichkeiten genau.“",
     "Wir prüfen alle Möglichkeiten genau.", "Karl Weber", "de"),
    ("«\u00a0Nous ne céderons pas sur ce point\u00a0», a déclaré Marie Dupont.",
     "Nous ne céderons pas sur ce point", "Marie Dupont", "fr"),
    ("«Переговоры продолжатся на следующей неделе», - заявил Иван Петров.",
     "Переговоры продолжатся на следующей неделе", "Иван Петров", "ru"),
    ("“Vamos a seguir trabajando por el país”, dijo Ana García.",
     "Vamos a seguir trabajando por el país", "Ana García", "es"),
])
def test_quote_styles_and_attribution(text, inner, speaker, language):
    found = quotes(text, language=language)
    assert [s.text for s in found] == [inner]
    assert found[0].speaker == speaker
    assert text[found[0].start:found[0].end] == inner


def test_japanese_brackets_with_to_katatta():
    text = "国連の報道官は「支援物資は来週中に届く見込みだ」と語った。"
    found = quotes(text, language="ja")
    assert [s.text for s in found] == ["支援物資は来週中に届く見込みだ"]


def test_multi_paragraph_quote_has_one_span():
    text = ("The chief inspector described the night.\n\n"
            "“We arrived at the harbour just after midnight and found the gates open.\n\n"
            "“Nobody could tell us who had opened them,” said Chief Inspector Ruth Lane.")
    found = quotes(text)
    assert len(found) == 1
    assert found[0].text.startswith("We arrived")
    assert found[0].text.endswith("opened them,")
    assert found[0].speaker == "Ruth Lane"


def test_quote_continues_after_attribution_with_same_speaker():
    text = ("“The vote was close,” Ms. Ida Holm told reporters. “But the result is clear. "
            "We start on Monday.”")
    found = quotes(text)
    assert [s.speaker for s in found] == ["Ida Holm", "Ida Holm"]
    assert found[1].text == "But the result is clear. We start on Monday."


def test_scare_quotes_and_titles_are_not_suggested():
    text = ("The so-called “experts” were wrong again. She reviewed “The Long Night” for the "
            "paper. The “reform” stalled in committee.")
    assert quotes(text) == []


def test_short_quote_with_reporting_verb_is_kept():
    text = "Senator Paul Reyes called the plan “reckless” on Tuesday."
    found = quotes(text)
    assert [(s.text, s.speaker) for s in found] == [("reckless", "Paul Reyes")]


def test_apostrophes_are_not_closing_single_quotes():
    text = ("Protesters’ signs read ‘no more cuts to the players’ union funds’, and the "
            "mayor’s office said nothing.")
    found = quotes(text)
    assert [s.text for s in found] == ["no more cuts to the players’ union funds"]


def test_hebrew_acronym_quote_mark_is_not_a_quotation():
    text = 'יו"ר הכנסת אמר היום כי "הבחירות יתקיימו במועדן" ולא יידחו.'
    found = quotes(text, language="he")
    assert [s.text for s in found] == ["הבחירות יתקיימו במועדן"]


def test_block_quote_after_said_colon():
    text = ("Ambassador Clara Voss said:\n\n"
            "Our thoughts are with the families. We will help in every way we can.\n\n"
            "The search resumed at dawn.")
    found = quotes(text)
    assert [s.text for s in found] == [
        "Our thoughts are with the families. We will help in every way we can."]
    assert found[0].speaker == "Clara Voss"


def test_embedded_tweet_is_a_quote_by_its_author():
    text = ("Rescue teams reached the village.\n\n"
            "Roads are open again in the north pic.twitter.com/abc123 — Lena Fisk (@lenafisk) "
            "March 3, 2021")
    found = quotes(text)
    assert [(s.text, s.speaker) for s in found] == [
        ("Roads are open again in the north", "Lena Fisk")]


# -- speakers ----------------------------------------------------------------------------------


def test_surname_and_pronoun_refer_back_to_the_full_name():
    text = ("Maria Elena Santos, the union's president, met the board on Monday.\n\n"
            "“We expect a fair offer,” Santos said.\n\n"
            "“If not, we strike,” she said.")
    found = quotes(text)
    assert [s.speaker for s in found] == ["Maria Elena Santos", "Maria Elena Santos"]


def test_honorific_and_middle_initial_give_the_longest_form():
    text = ("Nikki R. Haley resigned on Tuesday.\n\n"
            "“It was a blessing to serve,” Ms. Haley told reporters.")
    assert quotes(text)[0].speaker == "Nikki R. Haley"


def test_role_refers_to_the_person_introduced_with_that_title():
    text = ("Prime Minister Ewa Lind met unions on Monday.\n\n"
            "“Nobody will lose their pension,” the prime minister said.")
    assert quotes(text)[0].speaker == "Ewa Lind"


def test_according_to():
    text = ("The dam was close to failing, according to Jonas Berg, the regional engineer. "
            "“It was a matter of hours,” he said.")
    found = suggest_text(text, kinds=("quote", "claim"))
    assert only(found, "claim")[0].claimant == "Jonas Berg"
    assert only(found, "quote")[0].speaker == "Jonas Berg"


# -- dates -------------------------------------------------------------------------------------


def dates_of(text: str, published: str, language: str = "en") -> list[tuple[str, str]]:
    return [(s.when, s.date) for s in suggest_text(text, published=published,
                                                    language=language, kinds=("event",))]


@pytest.mark.parametrize("sentence, when, iso", [
    ("The council met on Monday to vote.", "Monday", "2024-03-11"),
    ("The council met on Wednesday to vote.", "Wednesday", "2024-03-13"),  # same day
    ("The ministers will meet on Friday in Oslo.", "Friday", "2024-03-15"),  # ahead
    ("The strike began yesterday at the port.", "yesterday", "2024-03-12"),
    ("Talks resume tomorrow in Geneva.", "tomorrow", "2024-03-14"),
    ("The treaty was signed on November 30, 2015, in Paris.", "November 30, 2015",
     "2015-11-30"),
    ("The plant opened three days ago near the river.", "three days ago", "2024-03-10"),
    ("The dam failed a week ago after heavy rain.", "a week ago", "2024-03-06"),
])
def test_relative_dates_are_normalised_against_publication(sentence, when, iso):
    # published on Wednesday 13 March 2024
    assert dates_of(sentence, "2024-03-13") == [(when, iso)]


def test_dates_in_other_languages():
    assert dates_of("Le ministre a annoncé jeudi une aide d’urgence.", "2015-04-30", "fr") == [
        ("jeudi", "2015-04-30")]
    assert dates_of("Обломок был обнаружен 29 июля на пляже.", "2015-08-05", "ru") == [
        ("29 июля", "2015-07-29")]
    assert dates_of("Der Vertrag wurde am 5. Dezember 2018 unterzeichnet.", "2019-01-10",
                    "de") == [("5. Dezember 2018", "2018-12-05")]
    assert dates_of("地元当局者が17日、明らかにした。", "2018-06-18", "ja") == [
        ("17日", "2018-06-17")]


def test_date_finder_is_fast_and_positions_are_exact():
    text = "Officials said on Tuesday, March 5, that the vote would be held in April."
    found = find_dates(text, 0, len(text), "en", None)
    assert [text[d.start:d.end] for d in found] == ["Tuesday, March 5", "April"]


def test_sentence_with_two_dated_clauses_gives_two_events():
    text = ("Shipments will stop on June 30, 2027, and the site will close on "
            "December 31, 2030.")
    found = suggest_text(text, published="2025-03-14", kinds=("event",))
    assert [(s.when, s.date) for s in found] == [("June 30, 2027", "2027-06-30"),
                                                 ("December 31, 2030", "2030-12-31")]


def test_event_place_after_in_or_at():
    found = suggest_text("The summit opened on Monday in Le Bourget, outside Paris.",
                         published="2015-11-30", kinds=("event",))
    assert found[0].where == "Le Bourget"


def test_datelines_are_not_events():
    text = "Harbour votes to close terminal\n\nPublished March 14, 2025\n\nThe vote was close."
    assert suggest_text(text, published="2025-03-14", kinds=("event",)) == []


# -- claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, claimant", [
    ("The finance minister, Olga Berg, said that the deficit would shrink next year.",
     "Olga Berg"),
    ("According to the port authority, the terminal employs 340 people directly.",
     "port authority"),
    ("Mayor Ken Ito denied that the city had sold the land to a developer.", "Ken Ito"),
    ("Exports rose by a fifth over the winter, the trade ministry said on Friday.",
     "trade ministry"),
    ("Critics warned that the new rules would drive small farms out of business.",
     "Critics"),
])
def test_reported_claims(text, claimant):
    found = suggest_text(text, kinds=("claim",))
    assert len(found) == 1
    assert found[0].claimant == claimant
    assert found[0].status == "unverified"


def test_quote_attribution_is_not_a_claim():
    text = "“We will win,” the coach said. He said: “Nothing else matters.”"
    assert suggest_text(text, kinds=("claim",)) == []


def test_empty_and_unknown_kinds():
    assert suggest_text("   ") == []
    with pytest.raises(ValueError):
        suggest_text("text", kinds=("rumour",))


def test_dateline_stands_in_for_a_missing_publication_date():
    text = "Storm closes port\n\nOct. 9, 2018\n\nThe port closed on Monday as winds rose."
    assert dates_of(text, "") == [("Monday", "2018-10-08")]
    assert dates_of("The port closed on Monday as winds rose.", "") == [("Monday", "")]


def test_tweet_with_its_signature_on_the_next_line_in_any_language():
    text = ("Die Reaktionen kamen schnell.\n\n"
            "Nach der Mitgliedervereinigung freue ich mich schon sehr auf die nächste Runde.\n\n"
            "— Peter Wittkamp🐬 #Satire (@diktator) 25. September 2018\n\n"
            "Der Tweet wurde tausendfach geteilt.")
    found = suggest_text(text, published="2018-12-05", language="de")
    assert [(s.text[:20], s.speaker) for s in found if s.kind == "quote"] == [
        ("Nach der Mitgliederv", "Peter Wittkamp")]
    assert not [s for s in found if s.kind == "event"]  # the signature is no event
