"""Reported claims: assertions attributed to someone without quotation marks.

"X said (that) ...", "..., X said.", "according to X, ...", "X claimed/denied/warned/argued/
insisted that ...", and the French/Spanish/German/Russian "selon X", "según X", "laut X",
"..., сообщил X". The span is the sentence; the claimant is the verb's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.suggest.attribution import Attribution, Attributor
from models.suggest.lexicon import ACCORDING_TO, EN_CLAIM, foreign_verb_pattern
from models.suggest.text import Index, Sentence

_EN_CLAIM_RE = re.compile(r"(?<![\w-])(?:" + EN_CLAIM + r"|[Aa]ccording\s+to)(?![\w-])")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+$")
_QUOTED_AS = re.compile(r"\bquoted\s+(.{2,60}?)\s+as\s+saying\b")
_PARTICIPLE = re.compile(r"\s+(?:missing|dead|killed|injured|wounded|lost|seen|found|"
                         r"arrested|detained|to\s+be)\b")
# "according to figures released by the port authority": the authority is the source
_SOURCE_OF = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?(?:latest\s+|official\s+|new\s+)?"
                        r"(?:figures|data|statistics|estimates|numbers|a\s+report|report|"
                        r"documents|records|a\s+statement|statement|a\s+study|study|polls?)"
                        r"(?:\s+(?:released|published|issued|compiled|provided))?\s+"
                        r"(?:by|from|of)\s+"
                        # "según información del Consejo Electoral", "selon les chiffres du
                        # ministère", "laut Angaben der Polizei"
                        r"|\s*(?:la\s+|las\s+|los\s+|el\s+|les\s+|des\s+|un\s+|una\s+)?"
                        r"(?:información|informaciones|datos|cifras|informe|chiffres|données|"
                        r"informations|rapport|Angaben|Zahlen|данным|данных)\s+"
                        r"(?:del|de\s+la|de\s+los|de|du|des|de\s+l['’]|d['’]|der|des)\s*")
_SOURCE_WORDS = ACCORDING_TO | {"according to", "بحسب", "حسب"}
_VAGUE = frozenset({"reports", "media reports", "sources", "local reports", "reports say"})
_QUOTE_OPEN = "“\"«„「‘"


@dataclass
class Claim:
    start: int
    end: int
    attribution: Attribution


def _claim_verbs(language: str) -> re.Pattern[str] | None:
    return foreign_verb_pattern(language)


def _words_outside(att: Attributor, start: int, end: int) -> int:
    count = 0
    for m in re.finditer(r"\w+", att.text[start:end]):
        if not att.clauses.inside_quote(start + m.start()):
            count += 1
    return count


def _quoted_share(att: Attributor, s: Sentence) -> float:
    return att.clauses.quoted_chars(s.start, s.end) / max(1, s.end - s.start)


def find_claims(att: Attributor, index: Index, language: str,
                skip: list[tuple[int, int]]) -> list[Claim]:
    """Sentences that report an assertion; `skip` holds tweet and block-quote ranges."""
    text = att.text
    lang = (language or "en").split("-")[0].lower()
    foreign = _claim_verbs(lang) if lang != "en" else None
    claims: list[Claim] = []
    for si, s in enumerate(index.sents):
        if any(a <= s.start < b for a, b in skip):
            continue
        if text[s.start:s.end].rstrip("”\"»’ ").endswith("?"):
            continue
        if _words_outside(att, s.start, s.end) < 6 or _quoted_share(att, s) > 0.5:
            continue
        verbs = [m for m in _EN_CLAIM_RE.finditer(text, s.start, s.end)
                 if not att.clauses.inside_quote(m.start())]
        if foreign is not None:
            verbs += [m for m in att.verbs.foreign(s.start, s.end)
                      if not att.clauses.inside_quote(m.start())]
        # a speaker named with a verb beats "according to radar data" in the same sentence
        verbs.sort(key=lambda m: (m.group().lower().startswith("according"), m.start()))
        quoted_as = _QUOTED_AS.search(text, s.start, s.end)
        if quoted_as and not att.clauses.inside_quote(quoted_as.start()):
            ref = att.people.referent(quoted_as.start(1), quoted_as.end(1))
            if ref is not None:
                claims.append(Claim(s.start, s.end, Attribution(s.start, ref, si)))
                continue
        for verb in verbs:
            ref = _claimant(att, s, verb)
            if ref is not None:
                weak = verb.group().lower() in _SOURCE_WORDS
                claims.append(Claim(s.start, s.end, Attribution(s.start, ref, si, weak=weak)))
                break
    return claims


def _claimant(att: Attributor, s: Sentence, verb: re.Match[str]):
    text = att.text
    word = verb.group().lower()
    before = text[s.start:verb.start()]
    if _PASSIVE.search(before) or re.search(r"\bto\s+$", before):
        return None  # "is said to have", "was told", "hard to say"
    # the verb attributes a direct quotation: '“...,” he said' or 'he said: “...”'
    last_close = max((i for i in range(s.start, verb.start()) if text[i] in "”»\"」"
                      and att.clauses.inside_quote(i)), default=-1)
    if last_close >= 0 and len(re.findall(r"\w+", text[last_close:verb.start()])) <= 5 \
            and (text[last_close - 1] in ",!?—" or text[last_close + 1:last_close + 2] == ","):
        return None
    after = text[verb.end():s.end]
    if re.match(r"[^“\"«„「.!?]{0,60}:\s*(?:[“\"«„「]|$)", after) and (
            _words_outside(att, verb.end(), s.end) < 5 or after.rstrip().endswith(":")):
        return None  # 'told Kompas: "..."' introduces a quotation; 'said:' a block
    if _words_outside(att, verb.end(), s.end) < 3 and re.match(r"\s*[“\"«„「]", after):
        return None
    if word == "reported" and _PARTICIPLE.match(after):
        return None  # "a plane reported missing"
    if re.sub(r"\s+", " ", word) in _SOURCE_WORDS:
        pos = verb.end()
        source = _SOURCE_OF.match(text, pos)
        if source:
            pos = source.end()
        ref = att.subjects.np_after(pos, att.clauses.clause_end(pos, s.end))
        if ref is None or _words_outside(att, s.start, s.end) < 8 or \
                ref.value.lower() in _VAGUE:
            return None
        return ref
    ref = att.subject_of(verb, s.start)
    if ref is None or ref.kind == "coord":
        return None
    # something must be asserted besides the attribution itself
    content = _words_outside(att, s.start, s.end) - len(re.findall(r"\w+", before[-60:])) // 3
    if content < 5:
        return None
    if ref.kind == "np" and (len(ref.value.split()) > 7 or not ref.value[:1].isalpha()):
        return None
    return ref
