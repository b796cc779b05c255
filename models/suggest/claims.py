"""Reported claims: assertions attributed to someone without quotation marks.

"X said (that) ...", "..., X said.", "according to X, ...", "X claimed/denied/warned/argued/
insisted that ...", and the French/Spanish/German/Russian "selon X", "según X", "laut X",
"..., сообщил X". The span is the sentence; the claimant is the verb's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.suggest.attribution import Attribution, Attributor
from models.suggest.lexicon import EN_CLAIM, FOREIGN_SPEECH
from models.suggest.text import Index, Sentence

_EN_CLAIM_RE = re.compile(r"(?<![\w-])(?:" + EN_CLAIM + r"|[Aa]ccording\s+to)(?![\w-])")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+$")
_QUOTE_OPEN = "“\"«„「‘"


@dataclass
class Claim:
    start: int
    end: int
    attribution: Attribution


def _claim_verbs(language: str) -> re.Pattern[str] | None:
    alt = FOREIGN_SPEECH.get(language)
    if not alt:
        return None
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])", re.IGNORECASE)


def _words_outside(att: Attributor, start: int, end: int) -> int:
    count = 0
    for m in re.finditer(r"\w+", att.text[start:end]):
        if not att.inside_quote(start + m.start()):
            count += 1
    return count


def _quoted_share(att: Attributor, s: Sentence) -> float:
    inside = sum(1 for i in range(s.start, s.end) if att.inside_quote(i))
    return inside / max(1, s.end - s.start)


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
                 if not att.inside_quote(m.start())]
        if foreign is not None:
            verbs += [m for m in foreign.finditer(text, s.start, s.end)
                      if not att.inside_quote(m.start())]
        verbs.sort(key=lambda m: m.start())
        for verb in verbs:
            ref = _claimant(att, s, verb)
            if ref is not None:
                claims.append(Claim(s.start, s.end, Attribution(s.start, ref, si)))
                break
    return claims


def _claimant(att: Attributor, s: Sentence, verb: re.Match[str]):
    text = att.text
    word = verb.group().lower()
    before = text[s.start:verb.start()]
    if _PASSIVE.search(before):
        return None  # "is said to have", "was told"
    # the verb attributes a direct quotation: '“...,” he said' or 'he said: “...”'
    last_close = max((i for i in range(s.start, verb.start()) if text[i] in "”»\"」"
                      and att.inside_quote(i)), default=-1)
    if last_close >= 0 and len(re.findall(r"\w+", text[last_close:verb.start()])) <= 8 \
            and re.match(r"[”»\"」]\s*[,!?.—–-]*\s*", text[last_close:]) \
            and "," not in text[last_close + 2:verb.start()].strip(", "):
        return None
    after = text[verb.end():s.end]
    if re.match(r"\s*(?:[\w’'.-]+\s+){0,3}?[:]?\s*[" + _QUOTE_OPEN + "]", after) and \
            _words_outside(att, verb.end(), s.end) < 5:
        return None
    if re.match(r"\s*:", after):
        return None
    if word.startswith("according") or word in ("selon", "según", "laut", "по словам",
                                                "d'après", "d’après", "לדברי", "بحسب", "حسب"):
        ref = att.np_after(verb.end(), att.clause_end(verb.end(), s.end))
        if ref is None or _words_outside(att, s.start, s.end) < 8:
            return None
        return ref
    ref = att._subject_of(verb, s.start)
    if ref is None or ref.kind == "coord":
        return None
    # something must be asserted besides the attribution itself
    content = _words_outside(att, s.start, s.end) - len(re.findall(r"\w+", before[-60:])) // 3
    if content < 5:
        return None
    if ref.kind == "np" and (len(ref.value.split()) > 7 or not ref.value[:1].isalpha()):
        return None
    return ref
