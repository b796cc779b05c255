"""Word lists the rules share: reporting verbs, titles, organisation words, pronouns,
relative pronouns, adverbs, heads of descriptions of people, month and weekday names.

Lists rather than a statistical model: the app works offline with no model download, and a
researcher can read exactly why a span was suggested.
"""

from __future__ import annotations

import re


def _alt(words: str) -> str:
    items = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# English verbs that introduce or attribute a direct quotation.
EN_SPEECH = _alt("""
said|says|say|saying|told|tells|tell|telling|added|adds|adding|asked|asks|explained|explains|
wrote|writes|tweeted|tweets|posted|noted|notes|stated|states|declared|declares|announced|
announces|insisted|insists|argued|argues|claimed|claims|warned|warns|replied|replies|
responded|responds|continued|continues|recalled|recalls|acknowledged|acknowledges|admitted|
admits|conceded|concedes|complained|complains|joked|jokes|quipped|quips|recounted|
suggested|suggests|testified|urged|urges|shouted|yelled|cried|exclaimed|promised|promises|
vowed|vows|predicted|predicts|observed|remarked|reported|reports|confirmed|confirms|denied|
denies|stressed|emphasized|emphasised|pointed out|went on|called|calls|described|
describes|dubbed|praised|lauded|expressed|agreed|estimated|alleged|alleges|asserted|
asserts|maintained|maintains|contended|contends|countered|concluded|revealed|disclosed|
indicated|wondered|whispered|protested|attributed|according to|quoted|cautioned|
answered|boasted|bragged|mused|pleaded|sighed|snapped|thundered|scoffed|texted|emailed|
e-mailed|messaged|recalls|reasoned|explains|added|tells
""")

# Verbs whose complement is an assertion someone can be held to (claims).
EN_CLAIM = _alt("""
said|says|told|tells|claimed|claims|denied|denies|warned|warns|argued|argues|insisted|
insists|maintained|maintains|alleged|alleges|asserted|asserts|contended|contends|
acknowledged|acknowledges|admitted|admits|announced|announces|noted|notes|added|adds|
confirmed|confirms|stated|states|reported|reports|predicted|predicts|suggested|suggests|
estimated|estimates|explained|explains|concluded|revealed|disclosed|testified|conceded|
countered|stressed|emphasized|emphasised|pointed out|indicated|promised|vowed|protested|
declared|declares|say|
""")

# Other languages: verbs after a quotation ("», a ajouté X") or before one ("X sagte:").
FOREIGN_SPEECH = {
    "fr": _alt("""a ajouté|a déclaré|a dit|a affirmé|a expliqué|a précisé|a indiqué|a souligné|
        a estimé|a assuré|a lancé|a martelé|a confié|a poursuivi|a reconnu|a annoncé|a averti|
        a insisté|a jugé|a répondu|a raconté|a écrit|a tweeté|ajoute|déclare|dit|affirme|
        explique|précise|indique|souligne|estime|assure|lance|poursuit|reconnaît|annonce|
        raconte|écrit|a-t-il|a-t-elle|selon|d'après|d’après|insiste|juge|répond|déplore|
        a déploré|résume|a résumé|note|a noté|confie"""),
    "de": _alt("""sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|so|schrieb|schreibt|
        twitterte|fügte hinzu|sagten|erklärten|laut|kritisierte|warnte|forderte|berichtete|
        räumte ein|antwortete|fragte|teilte mit|ergänzte|bestätigte|behauptete|verkündete|
        erzählte|erzählt|betonten|warnten"""),
    "es": _alt("""dijo|afirmó|señaló|explicó|aseguró|indicó|declaró|añadió|agregó|expresó|
        manifestó|sostuvo|según|dice|afirma|señala|explica|asegura|indica|destacó|subrayó|
        advirtió|comentó|precisó|escribió|tuiteó|recalcó|enfatizó|apuntó|insistió|analizó|
        reconoció|reflexionó|consideró|opinó|resaltó|alertó|recordó|reiteró|argumentó|
        puntualizó|valoró|sentenció|expuso|detalló|informó|anunció|denunció|aclaró|
        admitió|calificó|afirmaron|dijeron|señalaron|explicaron"""),
    "ru": _alt("""заявил|заявила|заявили|сказал|сказала|сказали|сообщил|сообщила|сообщили|
        отметил|отметила|добавил|добавила|подчеркнул|подчеркнула|пояснил|пояснила|
        рассказал|рассказала|говорит|заявляет|сообщает|сообщают|по словам|цитирует|написал|
        написала|считает|уверен|уверена|признал|признала|ответил|ответила|заметил|заметила"""),
    "he": _alt("""אמר|אמרה|אמרו|הוסיף|הוסיפה|טען|טענה|הסביר|הסבירה|לדברי|מסר|מסרה|כתב|כתבה|
        הודיע|הודיעה|רמז|רמזה|הדגיש|הדגישה|ציין|ציינה|סיפר|סיפרה|הבהיר|הבהירה|השיב|השיבה|
        הגיב|הגיבה|טענו|הוסיפו|מסרו|אומר|אומרת|לדבריו|לדבריה|לדבריהם"""),
    # Arabic joins "and" (و) and "so" (ف) to the verb: وقال, فقال; see foreign_verb_pattern
    "ar": _alt("""قال|قالت|أضاف|أضافت|أكد|أكدت|صرح|صرحت|بحسب|وفقا ل|حسب|أشار|أشارت|أوضح|
        أوضحت|ذكر|ذكرت|أفاد|أفادت|شدد|شددت|أعلن|أعلنت|اعتبر|اعتبرت|لفت|لفتت|دعا|دعت"""),
}


def foreign_verb_pattern(language: str) -> re.Pattern[str] | None:
    """Reporting verbs of a language; Arabic and Hebrew attach "and" to them (وقال, ואמר)."""
    alt = FOREIGN_SPEECH.get(language)
    if not alt:
        return None
    prefix = {"ar": "(?:[وف])?", "he": "(?:ו)?"}.get(language, "")
    return re.compile(r"(?<![\w-])" + prefix + r"(?:" + alt + r")(?![\w-])", re.IGNORECASE)

# Words that open the reported clause ("dijo que ...", "sagte, dass ..."): what follows a
# verb then is the statement, never its subject.
COMPLEMENTIZERS = frozenset("""that que qu qu’ qu' dass daß ob что чтобы будто أن بأن إن أنه
بأنه כי""".split())

# Determiners, personal pronouns and prepositions of the other languages, for telling a
# subject after an inverted verb ("a déclaré le ministre") from the words of a clause.
FOREIGN_DETERMINERS = frozenset("""el la los las un una unos unas le les l l’ l' une des du
il lo gli i uno o os as um uma der die das den dem des ein eine einen einem einer eines
sein seine ihr ihre""".split())
FOREIGN_PRONOUNS = {"il": "m", "elle": "f", "ils": "p", "elles": "p", "er": "m", "sie": "f",
                    "él": "m", "ella": "f", "ellos": "p", "ellas": "p", "lui": "m", "lei": "f",
                    "он": "m", "она": "f", "они": "p", "ele": "m", "ela": "f", "הוא": "m",
                    "היא": "f", "هو": "m", "هي": "f"}
FOREIGN_PREPOSITIONS = frozenset("""al a desde durante sobre contra hacia hasta entre según sin tras
ante bajo dans sur sous vers chez pendant depuis selon sans contre entre parmi nach über unter
während durch gegen ohne um aus seit nach vor hinter neben zwischen in im am an auf bei mit
von vom zu zur zum für als da di del della dei con su per tra fra em no na nos nas pelo pela
в во на о об при по для из от до с со у к за над под""".split())

# Capitalised role words in front of a name, stripped like titles ("Ministerin Anna
# Berger", "CSU-Chef Seehofer", "Presidente Díaz-Canel"); matched inside compounds.
ROLE_TITLES = {
    "de": "minister sprecher präsident vorsitzend chef leiter bürgermeister abgeordnet kanzler",
    "es": "ministr president secretari portavoz vocero director diputad alcald",
    "fr": "ministr présiden député secrétaire directeur maire préfet procureur porte-parole",
    "it": "ministr portavoce president segretari direttor deputat sindac",
    "pt": "ministr porta-voz president secretári diretor deputad prefeit",
    "ru": "министр президент премьер спикер губернатор мэр посол",
}

# Heads of descriptions that name a speaker without a name: people, offices and bodies.
# Matched as word beginnings ("ministr" finds ministro, ministra, ministre, Ministerin).
HUMAN_STEMS = {
    "fr": """ministr porte-parole présiden député sénat secrétaire directeur directrice
        responsable source chef maire préfet procureur expert avocat juge gouvernement
        ministère ambassad police gendarmerie syndicat parti commission conseil autorité
        agence armée militaire diplomat témoin habitant élu quai""",
    "es": """ministr president secretari dirigent portavoz vocero miembr jef director
        funcionari diputad expert fuente abogad juez gobierno ministerio policía partido
        comisión consejo autoridad agencia ejército militar diplomátic testig vecin alcald
        informe comunicado estudio encuesta documento buró comité""",
    "de": """minister sprecher präsident vorsitzend chef leiter expert abgeordnet
        bürgermeister polizei regierung partei behörde kommission gericht richter anwalt
        anwältin zeuge zeugin bericht studie umfrage ministerium botschaft armee""",
    "it": """ministr portavoce president segretari dirigent direttor funzionari deputat
        espert fonte avvocat giudic governo ministero polizia partito""",
    "pt": """ministr porta-voz president secretári dirigent diretor funcionári deputad
        especialista fonte advogad juiz governo ministério polícia partido""",
    "ru": """министр президент представител глав премьер спикер пресс-секретар эксперт
        источник депутат губернатор мэр посол адвокат судь прокурор правительств министерств
        ведомств полиц комисси агентств""",
    "he": """דובר השר שר ראש יו"ר ח"כ מקור גורם גורמים הנשיא נשיא המשטרה משטרת הממשלה
        היועץ עו"ד מנכ"ל המפכ"ל""",
    "ar": """مصدر مصادر المتحدث متحدث الناطق ناطق الرئيس رئيس الوزير وزير جهات ناشط مسؤول
        المرصد مرصد شهود شاهد الجيش الائتلاف وكالة قائد قوات المعارضة الحكومة الشرطة""",
}

# Japanese and Chinese attribution around 「」 and “”.
JA_AFTER = re.compile(r"^と(?:語|述べ|話|説明|強調|指摘|明らかに|発表|主張|訴え|批判|証言|"
                      r"答え|書|つぶや|言|明か|付け加え|警告|報じ|伝え)")
JA_BEFORE = re.compile(r"([^\s、。「」『』（）()]{1,20}?)(?:氏|さん|首相|大統領|長官|報道官|"
                       r"司令官|代表|会長|社長|議員|知事|市長)?(?:は|も|が)(?:[^。「」]{0,30}?)$")
ZH_VERBS = "说|說|表示|指出|称|稱|强调|強調|透露|认为|認為|回应|回應|宣布|警告|问|問|写道|寫道"

PRONOUNS_M = {"he", "him", "il", "er", "él", "он"}
PRONOUNS_F = {"she", "her", "elle", "sie", "ella", "она"}
PRONOUNS = PRONOUNS_M | PRONOUNS_F | {"they", "we", "i", "ils", "elles", "они"}

# Words that precede a name without being part of it (stripped from speaker names).
TITLES = frozenset("""
mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister premier
chancellor secretary senator sen rep representative gov governor mayor councillor
councilman councilwoman councilor judge justice chief patrol officer detective sergeant sgt
lieutenant lt captain capt commander cmdr colonel col general gen major maj admiral adm
marshal air airman private corporal cpl king queen prince princess pope father rabbi imam
sheikh ambassador speaker attorney director chairman chairwoman chair spokesman spokeswoman
spokesperson deputy assistant commissioner inspector superintendent constable pc dc
bishop archbishop cardinal reverend rev pastor brother sister emperor empress sultan emir
crown state foreign defence defense interior finance health education justice home trade
first lady gentleman sheriff coach professor doctor agent trooper warden
monsieur madame m mme mlle herr frau señor señora don doña
""".split())
HONORIFIC_M = {"mr", "monsieur", "m", "herr", "señor", "sir", "lord", "king", "prince"}
HONORIFIC_F = {"mrs", "ms", "miss", "mme", "mlle", "madame", "frau", "señora", "dame", "lady",
               "queen", "princess"}

# A capitalised run holding one of these names an organisation or place, not a person.
ORG_WORDS = frozenset("""
department ministry agency administration police council committee party airlines airways
airline times post news network bank university institute commission court congress senate
house office service services association union company corporation inc ltd group
foundation navy army force forces authority organization organisation nations states
kingdom republic government federation fund board bureau centre center hospital airport
station church school magazine newspaper journal tribune guardian telegraph herald press
daily weekly radio television tv channel club league team reuters afp cnn bbc ap nyt
parliament assembly cabinet commission embassy consulate museum library college academy
federal national international global world united european american british
coalition alliance front movement brigade brigades army's corps guard islands island sea
ocean river mountain mountains street avenue road square park bridge valley bay coast
county province region city town village district state capitol palace kremlin pentagon
ministère agence commission parti assemblée police gendarmerie
ministerium partei regierung bundesregierung polizei
ministerio partido gobierno policía
""".split())

# English month and weekday names in calendar order: dates number them from this order.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Lower-case month names and abbreviations -> month number; weekday names -> Monday = 0.
EN_MONTHS = {name.lower(): k for k, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
EN_WEEKDAYS = {name.lower(): k for k, name in enumerate(WEEKDAY_NAMES)}

# Capitalised words that start sentences or titles but are not names.
STOP_CAPS = frozenset("""
the a an and but or so yet for nor if then than that this these those there here it its
he she they we i you his her their our my your him them us me who what when where why
how which while as at by in on of to from with without into onto over under after before
since until during about above below between among through across also however meanwhile
furthermore moreover instead earlier later last next first second third finally still now
today tonight yesterday tomorrow speaking asked according following despite although though
because unlike like all some many most more much few several each every both either neither
no not none one two three four five six seven eight nine ten twelve
update breaking photo video read
watch see sign advertisement supported related editor note correction why whether even just
only once perhaps maybe indeed yes oh well please thanks hey dear let
le la les un une des du de et mais ou donc car ce cette ces il elle ils elles nous vous je
der die das ein eine und aber oder er sie es wir ihr ich el los las unos unas y pero o él
ella ellos nosotros yo
""".split()) | {name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)}
# Capitalised function words of one language only ("Lo dijo", "Da war"); "Lo" and "Su" are
# also surnames in English text, so these apply to articles in that language.
FOREIGN_STOP_CAPS = {
    "es": frozenset("""lo le se nos me te su sus quien quienes esto esta este eso esa ese allí
        aquí ahí así ya hay según""".split()),
    "de": frozenset("""da dass so dann hier dort man wie was wer wenn als auch noch nun doch
        ja nein sein seine ihre dies diese dieser dieses jeder jede jedes kein keine im am
        zum zur beim vom""".split()),
    "fr": frozenset("""lui leur leurs se ne y en ça cela ceci selon ainsi là""".split()),
    "it": frozenset("""lo gli si ci ne lui lei questo questa quello quella""".split()),
    "pt": frozenset("""lhe se isso isto esse essa este esta""".split()),
}

PREPOSITIONS = frozenset("""
of for with to from at in on near by about into like including among between after before
over under against during via per than as close familiar
de du des à au aux pour avec chez von vom zu zur zum mit für bei del para con en
""".split())

CONJUNCTIONS = frozenset("and but or so yet then also et mais und aber y pero".split())

SUBORDINATORS = frozenset("""
after before when while as because although though if since once until unless whereas
but and so yet also then still however instead meanwhile furthermore moreover earlier later
now thus hence indeed besides nonetheless nevertheless separately similarly likewise
""".split())

# Adverbs and auxiliaries between a subject and its verb ("X also said", "X has said"); one
# after a word ending like an adjective keeps it a name ("Bondi later said").
ADVERBS = frozenset("""also later earlier then again still previously first once never not
just only even already quickly quietly publicly privately repeatedly recently subsequently
initially finally eventually simply flatly testily angrily firmly bluntly separately
has have had would will was were is are been being
""".split())

# Words that open a relative clause ("..., quien también enfatizó"): the subject is the
# phrase before them.
RELATIVE_PRONOUNS = frozenset("""who which whose whom qui lequel laquelle quien quienes cual
cuales cuyo cuya welche welcher который которая которые кто chi cui אשר الذي التي الذين""".split())
# The same with the words that also open other clauses ("that", "que", "where"): dropped from
# the front of a subject phrase ("which he" -> he).
RELATIVES = RELATIVE_PRONOUNS | frozenset("""where that que dont lesquels welches которое quale
quali""".split())

# Heads of descriptions that name a person or people ("a Fox producer", "the officials").
HUMAN_HEADS = frozenset("""source sources official officials spokesman spokeswoman spokesperson
producer executive employee staffer host anchor correspondent reporter editor member worker
assistant student teacher farmer soldier victim survivor wife husband friend colleague
neighbour neighbor owner manager director leader lawmaker senator candidate voter patient
nurse brother sister coordinator engineer
pilot witness witnesses resident residents man woman officer expert experts analyst analysts
diplomat diplomats aide aides adviser advisers advisor person people lawyer lawyers doctor
investigator investigators chief minister president father mother son daughter relative
relatives searchers""".split())
# Of those, the ones "the X" refers back with to "a X ..." named earlier ("the source").
ANAPHORIC_HEADS = frozenset("source official spokesman spokeswoman spokesperson".split())

# "According to X" in other languages: X, after the words, is the source.
ACCORDING_TO = frozenset({"selon", "según", "laut", "по словам", "d'après", "d’après", "לדברי"})
