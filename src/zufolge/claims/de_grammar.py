"""Small German clause rules over SoMaJo-style tokens and HanTa STTS tags.

No German parser can be installed offline, so the claims engine reads clauses
with a handful of rules: noun-phrase chunks (with genitives and appositions),
separable-particle lookup, and the mood of a finite verb (Konjunktiv I/II via
``ablaut``: a form counts as Konjunktiv only when it differs from the
indicative of the same person, so "sagen" is never Konjunktiv but "sage",
"sei", "habe", "hätte", "würde" are).

Example::

    >>> verb_mood("sei", "sein", prev="Lage")
    'k1'
    >>> verb_mood("sagte", "sagen", prev="er") is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(slots=True)
class Tok:
    i: int
    text: str
    start: int
    end: int
    lemma: str
    tag: str
    low: str


OPEN_QUOTES = "„»«\"“‚›‹"
CLOSE_QUOTES = "“”«»\"‘’›‹"
QUOTE_CHARS = set("„“”»«\"‚‘’›‹")

NOUNISH = {"NN", "NE", "NNE", "NNA", "FM", "XY", "TRUNC"}
NP_PRE = {"ART", "PDAT", "PIAT", "PIDAT", "PPOSAT", "CARD", "ADJA", "PWAT", "ADJD"}
FINITE = {"VVFIN", "VAFIN", "VMFIN"}
VERBAL = {"VVFIN", "VAFIN", "VMFIN", "VVPP", "VVINF", "VAINF", "VMINF", "VVIZU", "VAPP", "VMPP"}
NEGATIONS = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
             "nichts", "niemand", "weder", "nirgends"}
PRONOUN_SOURCES = {"er", "sie", "ihr", "wir", "ich"}
SUBORDINATORS = {"dass", "daß", "ob", "weil", "wenn", "da", "obwohl", "damit", "als", "während",
                 "nachdem", "bevor", "sofern", "falls", "sodass", "wo", "wie", "was", "wer",
                 "warum", "weshalb", "wann", "welche", "welcher", "welches", "wieviel", "inwiefern"}


def is_quote(t: Tok) -> bool:
    return t.text in QUOTE_CHARS


@lru_cache(maxsize=8192)
def _forms(lemma: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]] | None:
    if not lemma or not lemma.isalpha() or not lemma.endswith("n"):
        return None
    try:
        import ablaut

        c = ablaut.conjugate(lemma)
        k1, k2 = list(c.konjunktiv1), list(c.konjunktiv2)
        pres, pret = list(c.present), list(c.preterite)
    except ValueError:  # ablaut refuses odd strings: no mood then
        return None
    third_k1 = {k1[2], k1[5]} - {pres[2], pres[5]}
    third_k2 = {k2[2], k2[5]} - {pret[2], pret[5], pres[2], pres[5]}
    second_k1 = {k1[1], k1[4]} - {pres[1], pres[4]}
    second_k2 = {k2[1], k2[4]} - {pret[1], pret[4]}
    return (frozenset(third_k1), frozenset(third_k2), frozenset(second_k1), frozenset(second_k2))


def verb_mood(word: str, lemma: str, prev: str = "", nxt: str = "") -> str | None:
    """'k1' (Konjunktiv I), 'k2' (Konjunktiv II) or None for a finite verb form."""
    f = _forms(lemma.lower())
    if f is None:
        return None
    w = word.lower()
    if w in f[0] and prev.lower() != "ich" and nxt.lower() != "ich":
        return "k1"
    if w in f[1]:
        return "k2"
    return None


def _quoted_name_end(toks: list[Tok], j: int, n: int) -> int | None:
    """Index after the closing mark of a short quoted name opened at ``j`` („Ärzte ohne Grenzen“)."""
    k = j + 1
    while k < n and k < j + 12 and not (is_quote(toks[k]) and toks[k].text in "“”«\"") \
            and toks[k].tag not in ("$.",):
        k += 1
    if k < n and k < j + 12 and k > j + 1 and is_quote(toks[k]):
        return k + 1
    return None


#: genitive determiners/quantifiers of a plural attachment: "Meinung vieler Experten"
GENITIVE_QUANT = frozenset({"vieler", "einiger", "mehrerer", "aller", "zahlreicher", "beider", "etlicher",
                            "weniger", "verschiedener", "anderer"})
#: prepositions that attach a place or institution inside a source phrase (only where asked)
PP_ATTACH = frozenset({"in", "im", "am", "aus", "bei", "beim", "an", "auf"})


def noun_phrase_forward(toks: list[Tok], i: int, end: int, appositions: bool = True,
                        relatives: bool = False, pps: bool = False) -> int:
    """End (exclusive) of a noun phrase starting at ``i``; ``i`` itself when there is none.

    Takes determiners/adjectives, the head noun(s), genitive attachments ("des
    Pentagon"), "von"-attachments, a bracketed part ("( SPD )") and, when asked,
    comma-delimited name appositions (", Major General Pat Ryder ,").
    """
    j = i
    seen_head = False
    n = min(end, len(toks))
    while j < n:
        t = toks[j]
        if j == i and t.low in ("dessen", "deren") and j + 1 < n and toks[j + 1].tag in ("NN", "NE", "ADJA"):
            j += 1  # "dessen Stellvertreter"
            continue
        if is_quote(t) and t.text in "„»\"" and j > i and (seen_head or toks[j - 1].tag in NP_PRE):
            # a quoted name inside the phrase: "der Zeitung „Hoy Bolivia“", "von „Ärzte ohne Grenzen“"
            q = _quoted_name_end(toks, j, n)
            if q is not None:
                seen_head = True
                j = q
                continue
        if seen_head and t.low in GENITIVE_QUANT | {"palästinensischer"} or (
                seen_head and t.tag == "ADJA" and t.low.endswith("er") and j + 1 < n and toks[j + 1].tag == "NN"
                and toks[j - 1].tag in ("NN",)):
            # a plural genitive without article: "Meinung vieler Experten", "Angaben führender Ärzte"
            k = j + 1
            while k < n and toks[k].tag in ("ADJA",):
                k += 1
            if k < n and toks[k].tag in ("NN", "NE"):
                j = k
                continue
            break
        if pps and seen_head and t.low in PP_ATTACH and j + 1 < n and (
                toks[j + 1].tag == "NE" or toks[j + 1].text[:1].isupper() and toks[j + 1].tag == "ADJA"
                or toks[j + 1].tag in ("ART",) and j + 2 < n and toks[j + 2].text[:1].isupper()
                and toks[j + 2].tag in ("NE", "ADJA")):
            # "der Oppositionsparteien im Berliner Abgeordnetenhaus", "Polzer vom Landeskriminalamt"
            k = noun_phrase_forward(toks, j + 1, n, appositions=False)
            if k > j + 1:
                j = k
                continue
            break
        if t.tag in ("PPER", "PDS") and not seen_head and j == i:
            return j + 1 if t.low not in ("es",) else i
        if t.tag == "PIS" and not seen_head and j == i and t.low not in ("man", "es", "nichts", "etwas"):
            seen_head = True  # "Einer der Feuerwehrmänner", "Beide"
            j += 1
            continue
        if seen_head and not appositions and t.tag == "NN" and toks[j - 1].tag in ("NN", "NE") \
                and not toks[j - 1].text.endswith("-") and toks[j - 1].text[:1].isupper() and j - i > 1:
            break  # after "laut"/"nach": "laut Ministerium Arbeiten …": a new phrase begins
        if not seen_head and j > i and t.tag in ("APPR", "APPRART"):
            # participle attribute: "einer am Dienstag veröffentlichten Pressemitteilung"
            k = j + 1
            while k < n and k < j + 6 and toks[k].tag not in ("ADJA",) and toks[k].tag not in FINITE:
                k += 1
            if k < n and toks[k].tag == "ADJA" and k + 1 < n and toks[k + 1].tag in ("NN", "NE", "ADJA"):
                j = k
                continue
            break
        if not seen_head and t.tag == "ADJA" and (j + 1 >= n or toks[j + 1].tag not in ("ADJA", "NN", "NE", "ADJD", "CARD")) \
                and j > i:
            seen_head = True  # nominalised adjective: "der 81-jährige"
            j += 1
            continue
        if seen_head and t.tag == "CARD" and toks[j - 1].tag in ("NN", "NE") and toks[j - 1].low in (
                "artikel", "paragraf", "paragraph", "absatz", "ziffer", "nummer", "nr.", "kapitel", "resolution"):
            j += 1  # "Artikel 65 des Grundgesetzes"
            continue
        if t.tag in NOUNISH or (t.text[:1].isupper() and t.tag in ("ADJD",) and seen_head) or (
                "-" in t.text and any(ch.isupper() for ch in t.text) and t.tag not in FINITE):
            seen_head = True
            j += 1
            continue
        if is_quote(t) and t.text in "„»\"" and not seen_head:
            # a quoted name: der „Polizei von DeLand“, das „National Hurricane Centre“
            k = j + 1
            while k < n and k < j + 10 and not (is_quote(toks[k]) and toks[k].text in "“”«\""):
                k += 1
            if k < n and k < j + 10 and k > j + 1:
                seen_head = True
                j = k + 1
                continue
        if is_quote(t) or t.text in ("-",):
            # quoted names: einem „ISW“-Bericht
            j += 1
            continue
        if not seen_head and (t.tag in NP_PRE or t.tag == "ADV" and t.low in ("rund", "etwa", "mehr", "mehrere")):
            j += 1
            continue
        if seen_head and t.tag in ("ART", "PPOSAT") and t.low in ("des", "der", "eines", "einer", "seines", "seiner", "ihres", "ihrer"):
            k = j + 1
            while k < n and toks[k].tag in ("ADJA", "CARD", "PIAT", "ADV") and toks[k].tag != "NN":
                k += 1
            if k < n and toks[k].tag in NOUNISH:
                j = k
                continue
            if k < n and is_quote(toks[k]) and toks[k].text in "„»\"":
                # genitive of a quoted name: "einem Bericht der „Frankfurter Allgemeine Zeitung“"
                q = k + 1
                while q < n and q < k + 10 and not (is_quote(toks[q]) and toks[q].text in "“”«\""):
                    q += 1
                if q < n and q < k + 10:
                    j = q + 1
                    continue
            if k < n and k > j + 1 and toks[k - 1].tag == "ADJA" and (k >= n or toks[k].tag not in ("NN", "NE")):
                j = k  # nominalised adjective in a genitive: "die Fraktionschefin der Grünen"
                continue
            break
        if seen_head and t.low in ("von", "für", "aus", "in", "vom", "beim") and j + 1 < n and (
                toks[j + 1].tag == "NE" or is_quote(toks[j + 1]) or t.low == "für" and toks[j + 1].tag == "NN"
                or t.low in ("vom", "beim") or pps and t.low == "von" and toks[j + 1].tag in ("NN", "ADJA")):
            # "Sprecher der Polizei von DeLand", "Ombudsmann für Menschenrechte"
            k = noun_phrase_forward(toks, j + 1, n, appositions=False, pps=pps)
            if k > j + 1:
                j = k
                continue
            break
        if seen_head and t.text == "(":
            k = j + 1
            while k < n and k < j + 8 and toks[k].text != ")":
                k += 1
            if k < n and toks[k].text == ")":
                j = k + 1
                continue
            break
        if seen_head and t.low == "und" and j + 1 < n and (toks[j + 1].tag in NOUNISH or toks[j + 1].tag in NP_PRE):
            k = noun_phrase_forward(toks, j + 1, n, appositions=False)
            if k > j + 1:
                j = k
                continue
            break
        if seen_head and relatives and t.text == "," and j + 1 < n and (
                toks[j + 1].tag in ("PRELS",) or toks[j + 1].tag == "APPR" and j + 2 < n and toks[j + 2].tag == "PRELS"):
            # a relative clause inside the subject, closed by a comma after its verb
            k = j + 2
            while k < n and not (toks[k].text == "," and toks[k - 1].tag in FINITE | {"VVPP", "VVINF"}):
                if toks[k].tag == "$.":
                    break
                k += 1
            if k < n and toks[k].text == "," and k - j < 30:
                j = k
                continue
            break
        if seen_head and appositions and t.text == "," and j + 1 < n:
            # apposition: a comma-enclosed phrase of names/nouns, closed by a comma
            k = j + 1
            names = 0
            while k < n and (toks[k].tag in NOUNISH or toks[k].tag in ("ART", "ADJA", "APPRART", "PIAT", "CARD")
                             or is_quote(toks[k]) or toks[k].text in ("(", ")")
                             or toks[k].low == "so" and k + 1 < n and toks[k + 1].tag == "ADJA"):
                names += toks[k].tag in ("NE", "NN", "FM")
                k += 1
            closed = k < n and (toks[k].text == "," or toks[k].text in (":", ".") and (all(
                toks[x].tag in ("NE", "NN") for x in range(j + 1, k)) or toks[j + 1].tag == "ART"))
            if names and closed and k > j + 1 and (any(
                    toks[x].tag == "NE" for x in range(j + 1, k)) or toks[j + 1].tag == "ART"
                    or toks[j - 1].tag == "NE"):
                j = k
                continue
            break
        break
    return j if seen_head else i


def noun_phrase_backward(toks: list[Tok], j: int, start: int) -> int:
    """Start of a noun phrase ending just before ``j`` (exclusive end), e.g. before "zufolge"."""
    i = j
    seen_head = False
    while i > start:
        t = toks[i - 1]
        if t.tag in NOUNISH or is_quote(t) or t.text == "-":
            seen_head = seen_head or t.tag in NOUNISH
            i -= 1
            continue
        if t.tag in NP_PRE or t.tag in ("ART",):
            i -= 1
            continue
        if t.low in ("von", "für", "vom") and seen_head:
            i -= 1
            continue
        break
    # a genitive in front: "den Angaben des Ministeriums zufolge" is handled by the loop above;
    while i < j and toks[i].tag in ("ADJD",):
        i += 1
    return i if seen_head or (i < j and toks[i].tag in ("PPER", "PDS")) else j


def looks_like_np(toks: list[Tok]) -> bool:
    """True when a whole pre-field is one noun phrase (a possible subject)."""
    if not toks:
        return False
    first = toks[0]
    if first.tag in ("PDS",):
        return False
    if first.tag not in NP_PRE and first.tag not in NOUNISH and first.tag not in ("PPER", "PIS") and not is_quote(first):
        return False
    end = noun_phrase_forward(toks, 0, len(toks), relatives=True)
    return end >= len(toks) or end == len(toks) - 1 and toks[-1].text == ","
