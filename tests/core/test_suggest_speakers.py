"""Speakers and claimants outside English: a real name, a resolved role or description, or
nothing. Time words, datelines, pronouns, relative words and common nouns are never names,
and a claim in another language without a credible claimant is not suggested."""

from __future__ import annotations

import pytest

from models.suggest import suggest_text


def found(text: str, language: str, kinds=("quote", "claim")):
    return suggest_text(text, published="2022-04-26", language=language, kinds=kinds)


def claims(text: str, language: str) -> list[str]:
    return [s.claimant for s in found(text, language, ("claim",))]


def speakers(text: str, language: str) -> list[str]:
    return [s.speaker for s in found(text, language, ("quote",))]


# -- Hebrew: names come with titles; "yesterday" and prepositional phrases are not names ------


HEBREW = (
    'גם סגן יו"ר הכנסת, חבר הכנסת יוני שטבון (הבית היהודי), אמר אתמול: "הרפש הבלתי פוסק '
    'מדיף ריח רע של חיסולי חשבונות".\n\n'
    'אתמול הודיע ח"כ בנימין בן־אליעזר כי הוא פורש מההתמודדות בשל החקירה נגדו. '
    'בהודעה מיוחדת שפירסם בסוף השבוע אמר: "השבתי על כל מה שנשאלתי ואף התחייבתי לשוב '
    'ולגבות את דבריי".'
)


def test_hebrew_time_word_after_the_verb_is_not_the_speaker():
    first = speakers(HEBREW, "he")[0]
    assert first == "יוני שטבון"  # not "אתמול" (yesterday), not the deputy speaker's title


def test_hebrew_statement_phrase_is_not_the_speaker():
    # "in a special statement he published at the weekend, he said": the MK named before
    assert speakers(HEBREW, "he")[1] == "בנימין בן־אליעזר"
    assert claims(HEBREW, "he") == ["בנימין בן־אליעזר"]


def test_hebrew_role_refers_to_the_person_introduced_with_it():
    text = ('יקיים היום יו"ר הכנסת יולי אדלשטיין דיון בלשכתו.\n\n'
            'אתמול רמז יו"ר הכנסת שאולי יש יד מכוונת מאחורי האירועים האחרונים במירוץ. '
            '"אז כנראה יש כאן ידיים מכוונות ואני חושב מה יקרה אם נבחר נשיא". '
            'אדלשטיין אמר את הדברים בראיון לתוכנית בערוץ 10.')
    # the surname said again with a verb confirms the two words after the title as a name
    assert claims(text, "he") == ["יולי אדלשטיין", "יולי אדלשטיין"]
    assert speakers(text, "he") == ["יולי אדלשטיין"]


# -- datelines ---------------------------------------------------------------------------------


def test_arabic_dateline_is_not_the_claimant():
    text = ("معارضون يسيطرون على مخازن للصواريخ\n\n"
            "دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة أن فصائل مسلحة معارضة تمكنت من "
            "السيطرة على مستودعات للأسلحة بريف دمشق تضم كميات من الصواريخ.")
    assert claims(text, "ar") == ["جهات سورية معارضة"]


def test_english_dateline_is_not_the_claimant():
    text = ("PARIS (AFP) — The foreign minister said that the talks would resume next week "
            "in Geneva with both delegations.")
    assert [s.claimant for s in suggest_text(text, kinds=("claim",))] == ["foreign minister"]


# -- Spanish: clitics, relative pronouns, dropped subjects --------------------------------------


def test_spanish_clitic_is_not_a_speaker():
    text = ("Pasar por la administración es una ventaja, comentó Miguel Cabrera Castellanos. "
            "Lo dijo porque “el cuadro tiene que chocar con la vida, no puede tener miedo”.")
    assert speakers(text, "es") == ["Miguel Cabrera Castellanos"]  # not "Lo"


def test_spanish_relative_pronoun_takes_its_antecedent():
    text = ("La firmeza ideológica es pieza clave, analizó el Miembro del Buró Político, "
            "Roberto Morales Ojeda, quien también enfatizó que en el caso del Partido "
            "“tenemos que identificar a aquellos que ya están formados”.")
    assert claims(text, "es") == ["Roberto Morales Ojeda"]  # not "quien también"
    assert speakers(text, "es") == ["Roberto Morales Ojeda"]


def test_spanish_verb_between_dashes_keeps_the_speaker_of_the_paragraph():
    text = ("Durante el debate, Susely Morfa González, primera secretaria del Partido en "
            "Matanzas, comentó que allí se realizaron 5 095 encuentros en la provincia. Nada "
            "—agregó— puede atentar contra el Código de las Familias ni contra el referendo.")
    assert claims(text, "es") == ["Susely Morfa González", "Susely Morfa González"]


def test_spanish_name_before_que_clause():
    text = ("El Primer Secretario del Partido en la provincia de Las Tunas, Manuel René Pérez "
            "Gallego, afirmó que en la medida en que todos hagan bien lo que les toca el país "
            "podrá avanzar mejor.")
    assert claims(text, "es") == ["Manuel René Pérez Gallego"]  # not "en la medida en"


def test_spanish_description_after_the_verb():
    text = ("El cuadro –expresó el dirigente partidista- debe poseer convicciones profundas "
            "y capacidad para convencer a los demás.")
    assert claims(text, "es") == ["dirigente partidista"]  # not "cuadro"


# -- German: nouns are capitalised, "so" is rarely "according to" ------------------------------


@pytest.mark.parametrize("text", [
    "Lasst uns gemeinsam schauen, was da so 2018 gezwitschert wurde und welche Muster sich "
    "für erfolgreiche Tweets erkennen lassen.",
    "Kein Wunder, dass es so viele ebenso normale Menschen gibt, die ihr gern folgen.",
    "Das Besondere: In diesem Fall antwortete er sogar darauf und bescherte ihr die "
    "Reichweite des Jahres.",
    "So kam die Formel für meinen reichweitenstärksten Tweet schließlich zustande.",
    "Gewusst wie: So wird dein Twitter-Feed wieder chronologisch und übersichtlich.",
])
def test_german_sentences_without_a_claimant_are_not_claims(text):
    assert claims(text, "de") == []


def test_german_so_with_a_name_still_attributes():
    text = "Die Lage an der Grenze sei ernst und werde sich verschärfen, so Angela Merkel."
    assert claims(text, "de") == ["Angela Merkel"]


def test_german_verb_second_takes_the_subject_after_the_verb():
    text = ("Gestern sagte die Ministerin Anna Berger, dass die Reform im Sommer komme "
            "und alle Schulen erreiche.")
    assert claims(text, "de") == ["Anna Berger"]


# -- time words in other languages -------------------------------------------------------------


def test_a_time_word_after_an_inverted_verb_is_skipped():
    text = ("Un troisième Français a été tué dans le tremblement de terre, a déclaré jeudi "
            "le ministre des Affaires étrangères.")
    assert claims(text, "fr") == ["ministre des Affaires étrangères"]
    text = "El ministro llegará a la capital, informó ayer la portavoz del Gobierno."
    assert claims(text, "es") == ["portavoz del Gobierno"]


# -- titles of works, Arabic topic constructions -----------------------------------------------


def test_a_programme_name_in_quotation_marks_is_not_a_quote():
    text = 'אדלשטיין אמר את הדברים בראיון לתוכנית "המטה" בערוץ 10 אתמול בערב.'
    assert speakers(text, "he") == []
    text = "Il l’a dit dans l’émission « Quotidien » hier soir, a déclaré son porte-parole."
    assert speakers(text, "fr") == []


def test_arabic_as_for_x_names_the_speaker():
    text = ('أما الائتلاف الوطني السوري المعارض، فقد دعا في بيان له كافة الفصائل إلى '
            '"ضرورة الوعي بأهمية المرحلة الراهنة وضبط النفس."')
    assert speakers(text, "ar") == ["الائتلاف الوطني السوري المعارض"]


def test_spanish_two_surnames_alone_give_the_full_name():
    text = ("Ningún jefe le está haciendo un favor a la Revolución, afirmó Miguel Mario Cabrera "
            "Castellanos, Jefe de la Dirección de Cuadros.\n\n"
            "Cabrera Castellanos insistió en tratar de modo especial a los jóvenes: “Tenemos "
            "que trabajar mucho en el desarrollo de la gente”, apuntó.")
    assert speakers(text, "es") == ["Miguel Mario Cabrera Castellanos"]
    assert claims(text, "es")[0] == "Miguel Mario Cabrera Castellanos"


def test_a_body_name_is_not_stripped_as_a_title():
    text = ("Según información del Consejo Electoral Nacional, ya fue celebrado el cien por "
            "ciento de las reuniones previstas en el país.")
    assert claims(text, "es") == ["Consejo Electoral Nacional"]
