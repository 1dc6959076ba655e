"""German claims: cue, source, content, certainty and polarity, by rules.

One pass over the article's sentences (SoMaJo-style tokens + HanTa STTS tags):

1. **Cues** – verbs of saying from ``lexicon/de.verbs.tsv`` (separable particles
   joined across the clause: "gab … bekannt", "deutete … an"; perfect and
   passive forms with their auxiliary), prepositional cues (laut, gemäß,
   zufolge, nach Angaben/…, unter Berufung auf), "wie X mitteilte", a trailing
   ", so X" and "demnach".
2. **Sources** – the subject of the cue verb (pre-field noun phrase, else the
   noun phrase after the verb, appositions included), the object of laut/
   zufolge/nach; resolved to an entity when the entities layer has one
   (pronouns fall back to the last named person source).
3. **Content** – the dass/ob/w-clause, zu-infinitive or V2 clause after the
   cue, or the material before it ("…, sagte X"), or the whole sentence for
   prepositional cues; direct quotes, also across sentences.
4. **Relays** – "Dies berichtete X, der sich auf Y berief" gives claims with
   the same content whose ``via`` points to the claim they pass on (see
   ``chains.py``); "unter Berufung auf Y" likewise.
5. **Continuation** – a following sentence in Konjunktiv I (or with reportive
   "soll"/"angeblich") and no cue of its own keeps the source: ``inherited``.
6. **Unattributed** factual sentences of the body become author claims.

Example::

    >>> import zufolge
    >>> doc = zufolge.analyze("Die Polizei teilte mit, dass der Mann geflohen sei.", raw=True, lang="de")
    >>> c = doc.claims[0]; (c.cue.text, c.source.mention.text, c.content.text)
    ('teilte mit', 'Die Polizei', 'dass der Mann geflohen sei')
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..schema import Anonymous, Article, Certainty, Claim, Source, Span
from .de_grammar import (
    FINITE,
    NEGATIONS,
    NOUNISH,
    Tok,
    is_quote,
    looks_like_np,
    noun_phrase_backward,
    noun_phrase_forward,
    verb_mood,
)
from .de_lexicon import german_lexicon

VERSION = "0.1"
BY = f"claims/de@{VERSION}"

#: cue verbs that count only with a content clause (dass/ob/colon/quote): "zeigen", "halten"
_NEEDS_CLAUSE = frozenset({
    "zeigen", "ergeben", "belegen", "schließen", "folgern", "erinnern", "entscheiden", "beschließen",
    "nennen", "bezeichnen", "bitten", "halten", "sehen", "wissen", "drohen", "protestieren", "jubeln",
    "rufen", "vorlegen", "veröffentlichen", "erwarten", "melden", "hoffen", "glauben", "meinen",
})
#: cue verbs whose noun-phrase object is the reported speech act: "sprach von einem Erfolg"
#: (SpkAtt's form "Reported"; verbs like "bestätigte den Vorfall" are left out: mostly not annotated)
_REPORTS_WITH_OBJECT = frozenset({
    "sprechen", "fordern", "verlangen", "ankündigen", "bekanntgeben", "berichten", "warnen", "vorwerfen",
    "appellieren", "vorschlagen", "empfehlen", "klagen",
})
#: cue verbs whose "als" belongs to the cue ("bezeichnete … als")
_ALS_CUES = frozenset({"bezeichnen", "nennen", "werten", "bewerten", "betrachten", "würdigen", "loben",
                       "kritisieren", "sehen", "einstufen", "beschreiben", "darstellen", "zurückweisen"})
#: "X bezeichnete Y als Z": reported with "als"
_REPORTED_ALS = frozenset({"bezeichnen", "nennen", "werten", "bewerten", "betrachten", "einstufen"})
#: a content clause never starts with these (consecutive/temporal/causal clauses, relatives)
_NOT_CONTENT_START = frozenset({
    "so", "sodass", "weil", "wenn", "als", "nachdem", "bevor", "um", "da", "obwohl", "während",
    "damit", "welche", "welcher", "welches", "bis", "seit", "seitdem", "indem", "wobei", "sowie",
    "und", "aber", "oder", "denn", "sondern", "womit", "wodurch", "worauf", "wofür", "woraufhin",
    "jedoch", "zumal", "weswegen",
})
#: particles that turn a cue verb into another verb ("sagte ab" = cancelled)
_MEANING_PARTICLES = frozenset({"ab", "auf", "zu", "aus", "ein", "vor", "nach", "um", "durch", "los",
                                "weg", "her", "zurück", "mit", "fest", "an", "bei"})
#: focus adverbs that may open a pre-field before the subject: "Auch die Ministerin sagte"
_FOCUS = frozenset({"auch", "nun", "jetzt", "bereits", "zudem", "ebenfalls", "nur", "selbst", "sogar", "schon",
                    "denn", "doch", "und", "so", "dann", "daraufhin", "später", "zuvor", "zunächst",
                    "außerdem", "inzwischen", "mittlerweile", "hingegen", "dagegen", "jedoch", "aber"})

#: speech-act nouns that carry their own content clause ("die Forderung, dass …")
_SPEECH_NOUNS = frozenset({
    "forderung", "forderungen", "behauptung", "behauptungen", "ankündigung", "aussage", "aussagen",
    "warnung", "warnungen", "vorwurf", "vorwürfe", "befürchtung", "befürchtungen", "einschätzung",
    "vermutung", "vermutungen", "feststellung", "meldung", "meldungen", "mitteilung", "versprechen",
    "zusage", "drohung", "prognose", "annahme", "spekulation", "spekulationen", "gerücht", "gerüchte",
    "erklärung", "zitat", "beteuerung", "bekenntnis", "appell", "aufforderung", "anschuldigung",
    "anschuldigungen", "vorhersage", "einwand", "kritik", "ansicht", "auffassung", "überzeugung",
})

#: two-word connectives that open a pre-field before the subject: "Des Weiteren sagte X"
_FOCUS2 = frozenset({("des", "weiteren"), ("im", "übrigen"), ("unter", "anderem"), ("vor", "allem"),
                     ("darüber", "hinaus"), ("im", "gegenzug"), ("zum", "beispiel"), ("nach", "wie")})

LEVELS = ("asserted", "reported", "expected", "possible", "doubtful", "denied")
_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}

#: each Konjunktiv-continuation sentence is its own claim (SpkAtt annotates them one by one)
_MERGE_CONTINUATION = True

#: a sentence longer than this is only scanned for prepositional cues and quotes
MAX_TAG_TOKENS = 400

_ABILITY_MODALS = frozenset({"können", "wollen", "dürfen", "mögen", "müssen"})
_ADJ_MISTAGS = frozenset({"ADV", "ADJD", "VVFIN", "VVINF", "VVPP"})
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_NOT_ADJ = frozenset({"gestern", "morgen", "heute", "oben", "unten", "innen", "außen", "vorne", "hinten",
                      "selten", "trotzdem", "außerdem", "zudem", "indessen", "deswegen", "wegen", "ebenfalls",
                      "zunächst", "seitdem", "stattdessen", "bislang", "insgesamt", "derzeit", "eigentlich"})
_ADJ_LEFT = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "ADJA", "CARD", "APPRART"})

_TERMINAL = re.compile(r"[.!…][\"'“”’‘»«)\]]*$")
_PERSON_SUFFIX = ("er", "in", "ent", "ist", "eur", "ant", "innen", "or", "ef", "te")


@dataclass
class _Draft:
    """A claim under construction (token indices are sentence-local)."""

    sent: int
    content: tuple[int, int]  # char offsets
    cue: tuple[int, int] | None = None
    cue_parts: list[tuple[int, int]] = field(default_factory=list)
    src: tuple[int, int] | None = None  # char span of the source mention
    src_kind: str | None = None  # forced kind ("unspecified", "author")
    copy_source: Source | None = None  # inherited source
    via: int | None = None  # index into the drafts list
    mode: str = "indirect"
    cue_level: str | None = None
    inherited: bool = False
    confidence: float = 0.7
    verb_kind: str | None = None
    upto: int | None = None  # last sentence of a multi-sentence continuation

    @property
    def last_sent(self) -> int:
        return self.sent if self.upto is None else self.upto


# ----------------------------------------------------------------------------------------------
# tokens


def _sentence_tokens(article: Article, si: int) -> list[Tok]:
    from ..segment import sentence_tokens
    from .de_tagging import tag_sentence

    raw = sentence_tokens(article, si)
    if not raw:
        return []
    if len(raw) > MAX_TAG_TOKENS:
        tags = [(t.text, t.text, "XY") for t in raw]
    else:
        tags = tag_sentence(tuple(t.text for t in raw))
    out = []
    for k, (t, (_, lemma, tag)) in enumerate(zip(raw, tags)):
        out.append(Tok(k, t.text, t.start, t.end, lemma or t.text, tag, t.text.lower()))
    for k in range(1, len(out) - 1):
        t = out[k]
        # an unknown attributive adjective between a determiner and its noun, mis-tagged by the
        # fast tagger: "der vatikaneigene Sender", "der 81 - jährige Besitzer"
        if t.tag in _ADJ_MISTAGS and t.low.endswith(_ADJ_ENDINGS) and t.text.isalpha() and t.text.islower() \
                and (t.tag in ("ADV", "ADJD") or t.lemma.lower() == t.low) \
                and (out[k - 1].tag in _ADJ_LEFT or out[k - 1].text == "-" or out[k - 1].tag == "APPR"
                     and len(t.text) >= 6 and t.low not in _NOT_ADJ) and out[k + 1].tag in ("NN", "NE", "ADJA"):
            t.tag = "ADJA"
        elif k >= 2 and t.low.startswith(("jährig", "köpfig")) and out[k - 1].text == "-" and out[k - 2].tag == "CARD":
            t.tag = "ADJA"  # "der 81-jährige" (split by the tokenizer): a nominalised adjective
    return out


# ----------------------------------------------------------------------------------------------
# quotes


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Top-level direct quotes as char spans including the marks.

    „…“ and »…« (and «…», "…") pair up; an opener without its closer runs to the
    end of its paragraph. Nested ‚…‘ stay inside their outer quote.
    """
    pairs = {"„": "“”", "»": "«", "«": "»", "“": "”", "\"": "\""}
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in pairs and not (ch == "“" and i > 0 and text[i - 1].isalnum()):
            closers = pairs[ch]
            para_end = text.find("\n\n", i)
            para_end = n if para_end < 0 else para_end
            j = i + 1
            while j < para_end and text[j] not in closers:
                if ch == "\"" and text[j] == "\n":
                    break
                j += 1
            if j < para_end and text[j] in closers:
                out.append((i, j + 1))
                i = j + 1
                continue
            if ch in "„»":  # unbalanced: to the end of the paragraph
                end = para_end
                while end > i and text[end - 1].isspace():
                    end -= 1
                out.append((i, end))
                i = para_end
                continue
        i += 1
    return out


# ----------------------------------------------------------------------------------------------
# the extractor


class _Extractor:
    def __init__(self, article: Article) -> None:
        self.a = article
        self.text = article.text
        self.lex = german_lexicon()
        self.sents = list(article.sentences or ())
        self.toks: list[list[Tok]] = [_sentence_tokens(article, i) for i in range(len(self.sents))]
        self.quotes = find_quotes(self.text)
        self.drafts: list[_Draft] = []
        self.skip = self._skipped_sentences()

    # -- which sentences are headings, captions, title -------------------------------------

    def _skipped_sentences(self) -> set[int]:
        a = self.a
        zones: list[tuple[int, int]] = [(s.start, s.end) for s in a.subheadings]
        zones += [(c.span.start, c.span.end) for c in a.captions]
        if a.title and self.text.startswith(a.title):
            zones.append((0, len(a.title)))
        out = set()
        for i, s in enumerate(self.sents):
            if any(z0 <= s.start < z1 for z0, z1 in zones):
                out.add(i)
        return out

    def is_heading_like(self, si: int) -> bool:
        """A line of its own without terminal punctuation: a heading, not prose."""
        s = self.sents[si]
        line_start = self.text.rfind("\n", 0, s.start) + 1
        line_end = self.text.find("\n", s.end)
        line_end = len(self.text) if line_end < 0 else line_end
        own_line = self.text[line_start:s.start].strip() == "" and self.text[s.end:line_end].strip() == ""
        return own_line and not _TERMINAL.search(s.text) and not s.text.endswith(("?", ":"))

    # -- helpers ------------------------------------------------------------------------------

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] <= pos < q[1]:
                return q
        return None

    def content_span(self, toks: list[Tok], a: int, b: int, strip_final: bool = True) -> tuple[int, int] | None:
        """Char span of tokens a..b-1, without a trailing comma/period; extended to whole quotes."""
        while b > a and (toks[b - 1].text in (",", ";", ":") or (strip_final and toks[b - 1].tag == "$.")
                         and not (b - 2 >= a and is_quote(toks[b - 1]))):
            b -= 1
        while a < b and toks[a].text in (",", ":", ";", "-", "–"):
            a += 1
        if b <= a:
            return None
        start, end = toks[a].start, toks[b - 1].end
        q = self.quote_at(start)
        if q and q[0] == start and q[1] > end:
            end = q[1]
        q2 = self.quote_at(end - 1)
        if q2 and q2[1] > end and q2[0] >= start:
            end = q2[1]
        q3 = self.quote_at(start)
        if q3 and q3[0] < start and q3[1] >= end - 1:
            start = q3[0]  # content ends a quote opened in an earlier sentence
        return start, end

    # -- cues -----------------------------------------------------------------------------------

    def run(self) -> list[_Draft]:
        for si, toks in enumerate(self.toks):
            if not toks or si in self.skip or self.is_heading_like(si):
                continue
            before = len(self.drafts)
            self.verb_cues(si, toks)
            self.prep_cues(si, toks)
            if len(self.drafts) == before:
                self.colon_quote(si, toks)
            if len(self.drafts) == before:
                self.nominal_cues(si, toks)
            self.nest_within_sentence(before)
            if len(self.drafts) == before:
                self.continuation_or_quote(si, toks)
        self.link_direct_quotes_to_colon()
        return self.drafts

    def _particle(self, toks: list[Tok], v: int, lemma: str) -> int | None:
        lex = self.lex
        n = len(toks)
        for j in range(v + 1, n):
            t = toks[j]
            if t.tag in FINITE or t.low in ("dass", "daß", ":") or t.tag == "KOUS":
                break
            if t.low in lex.particles and (t.low + lemma) in lex.verbs:
                nxt = toks[j + 1] if j + 1 < n else None
                if nxt is None or nxt.tag in ("$,", "$.", "$(") or nxt.low in ("und", "oder", "dass", "daß") or is_quote(nxt):
                    return j
        return None

    def verb_cues(self, si: int, toks: list[Tok]) -> None:
        lex = self.lex
        len(toks)
        for v, t in enumerate(toks):
            if t.tag.startswith("V") and t.tag not in ("VVIZU", "VVIMP", "VMFIN", "VMINF") \
                    and t.lemma.lower() in lex.phrases and self.phrase_cue(si, toks, v):
                continue
            if not t.tag.startswith("V") or t.tag in ("VAFIN", "VMFIN", "VAINF", "VMINF", "VAPP", "VVIMP"):
                continue
            q = self.quote_at(t.start)
            if q and 40 < q[1] - q[0] < 1500 and self.text[q[1] - 1] in "“”«»\"":
                continue  # a verb of saying inside a direct quote belongs to the quoted speaker
            lemma = t.lemma.lower().replace("|", "")
            if t.tag == "VVIZU":
                continue
            particle = None
            full = lemma
            if t.tag == "VVFIN" and self._has_aux_before(toks, v):
                t.tag = "VVPP"  # "hatte das Komitee … betont": a participle tagged as finite
            if t.tag == "VVFIN" and v > 0 and toks[v - 1].low in lex.particles \
                    and (toks[v - 1].low + lemma) in lex.verbs and toks[v - 1].tag in ("PTKVZ", "ADJD", "ADV", "APPR") \
                    and self._verb_final_clause(toks, v):
                particle = v - 1  # verb-final: "wie die Polizei bekannt gab"
                full = toks[v - 1].low + lemma
            elif t.tag == "VVFIN":
                particle = self._particle(toks, v, lemma)
                if particle is not None:
                    full = toks[particle].low + lemma
                elif lemma not in lex.verbs:
                    continue
                else:
                    # a stray particle that does not form a cue verb ("sagte … ab") -> not a cue
                    stray = self._stray_particle(toks, v)
                    if stray and (stray + lemma) not in lex.verbs and stray + lemma != lemma:
                        continue
            if full not in lex.verbs:
                continue
            if full == "berufen":
                self.citation(si, toks, v)
                continue
            kind, level = lex.verbs[full]
            if full in ("halten", "sehen", "wissen", "zeigen", "finden", "ergeben", "belegen") \
                    and not self._has_clause_after(toks, v):
                continue
            if full == "heißen" and not any(x.low == "es" for x in toks[max(0, v - 2):v + 3]):
                continue
            self.make_verb_claim(si, toks, v, particle, kind, level)

    def phrase_cue(self, si: int, toks: list[Tok], v: int) -> bool:
        """A light-verb cue phrase ("machte deutlich", "kam zu dem Ergebnis", "ist der Meinung")
        around the verb ``v`` in its clause; True when a claim was made."""
        t = toks[v]
        q = self.quote_at(t.start)
        if q and 40 < q[1] - q[0] < 1500 and self.text[q[1] - 1] in "“”«»\"":
            return False
        n = len(toks)
        a = v
        while a > 0 and toks[a - 1].text not in (",", ":", ";") and toks[a - 1].tag not in ("KOUS", "PRELS") \
                and not is_quote(toks[a - 1]):
            a -= 1
        b = v + 1
        while b < n and toks[b].text not in (",", ":", ";") and toks[b].low not in ("dass", "daß", "ob") \
                and not is_quote(toks[b]) and toks[b].tag != "$.":
            b += 1
        lows = [x.low for x in toks]
        for words, kind, level in self.lex.phrases[t.lemma.lower()]:
            m = len(words)
            for k in range(a, b - m + 1):
                if v in range(k, k + m) or tuple(lows[k:k + m]) != words:
                    continue
                before = len(self.drafts)
                self.make_verb_claim(si, toks, v, None, kind, level, extra=tuple(range(k, k + m)),
                                     needs_content=True)
                return len(self.drafts) > before
        return False

    def _cue_companions(self, toks: list[Tok], cue_idx: list[int], src, content, lemma: str) -> list[int]:
        """Words that belong to the cue verb in its clause: the reflexive ("äußerte sich"), a
        pronominal adverb ("verwies darauf", "rief dazu auf"), "als" ("bezeichnete … als"),
        "vor" ("warnte vor"), "es" ("hält es für möglich")."""
        out = []
        stop = content[0] if content and content[0] > toks[max(cue_idx)].start else None
        for x in range(min(cue_idx) + 1, len(toks)):
            t = toks[x]
            if stop is not None and t.start >= stop or t.text in (",", ":", ";") or t.tag == "$." \
                    or t.low in ("dass", "daß", "ob") or is_quote(t):
                break
            if x in cue_idx or src and src[0] <= x < src[1]:
                continue
            if t.low == "sich" and t.tag == "PRF" or t.tag == "PROAV" and t.low.startswith("da") \
                    or t.low == "als" and lemma in _ALS_CUES or t.low == "vor" and lemma == "warnen" \
                    or t.low == "es" and lemma == "halten":
                out.append(x)
        return out

    def _verb_final_clause(self, toks: list[Tok], v: int) -> bool:
        """True when ``v`` closes a subordinate clause ("wie X bekannt gab", "…, dass X bekannt gab")."""
        for j in range(v - 1, -1, -1):
            t = toks[j]
            if t.low in ("wie", "dass", "daß", "ob", "nachdem", "als", "weil", "da") or t.tag in ("KOUS", "PRELS"):
                return True
            if t.text in (",", ":", ";") or t.tag in FINITE:
                return False
        return False

    def _has_aux_before(self, toks: list[Tok], v: int) -> bool:
        if not toks[v].low.endswith(("t", "en")) or (v + 1 < len(toks) and toks[v + 1].tag not in ("$,", "$.", "$")
                                                      and toks[v + 1].low not in ("und", "dass")):
            return False
        for j in range(v - 1, -1, -1):
            t = toks[j]
            if t.text in (",", ":") or t.tag == "KOUS" or t.tag == "PRELS":
                return False
            if t.tag in ("VAFIN",) and t.lemma in ("haben", "sein", "werden"):
                return True
            if t.tag in FINITE:
                return False
        return False

    def _reports_with_object(self, lemma: str, toks: list[Tok] | None = None, v: int = 0) -> bool:
        """A speech act reported by its object alone ("X sprach von einem Erfolg", "X bezeichnete
        Y als Z"): only verbs whose object names the content, not acts like "bestätigte den Vorfall"."""
        if lemma in _REPORTED_ALS:
            return toks is not None and any(x.low == "als" for x in toks[v + 1:])
        entry = self.lex.verbs.get(lemma)
        if entry is None or lemma in _NEEDS_CLAUSE:
            return False
        return lemma in _REPORTS_WITH_OBJECT

    def _stray_particle(self, toks: list[Tok], v: int) -> str | None:
        """A separable particle that changes the verb's meaning ("sagte … ab")."""
        for j in range(v + 1, len(toks)):
            t = toks[j]
            if t.tag in FINITE or t.low in ("dass", "daß") or t.tag == "KOUS":
                return None
            if t.tag == "PTKVZ" and t.low in _MEANING_PARTICLES:
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if nxt is None or nxt.tag in ("$,", "$.") or nxt.low in ("und", "oder"):
                    return t.low
        return None

    def _has_clause_after(self, toks: list[Tok], v: int) -> bool:
        for j in range(v + 1, min(len(toks), v + 15)):
            if toks[j].low in ("dass", "daß", "ob", ":") or is_quote(toks[j]) and not self._quoted_name(toks, j):
                return True
        return False

    def _quoted_name(self, toks: list[Tok], j: int) -> int:
        """Index after a short quoted name/title opened at ``j`` ("„Krone Montezumas“"), not
        after a colon; 0 when the quote is speech (long, or with a finite verb)."""
        if not (is_quote(toks[j]) and toks[j].text in "„»\"") or j > 0 and toks[j - 1].text == ":":
            return 0
        k = j + 1
        while k < len(toks) and k < j + 7 and not is_quote(toks[k]):
            if toks[k].tag in FINITE or toks[k].tag == "$." or toks[k].text[:1].islower():
                return 0  # quoted words ("„aus der Luft gegriffen“") are speech, names are capitalised
            k += 1
        if k < len(toks) and k < j + 7 and is_quote(toks[k]) and k > j + 1:
            return k + 1
        return 0

    def _clause_start(self, toks: list[Tok], v: int) -> int:
        """Index after the clause boundary before the verb (comma/colon/quote close).

        A subject with appositions ("Ein Sprecher der Polizei, Lars Beringer, sagte")
        reaches back over its commas: the earliest boundary whose rest up to the
        verb is one noun phrase wins.
        """
        bounds = [0] + [j + 1 for j in range(v) if toks[j].text in (",", ":", ";")]
        last = bounds[-1]
        if v > 0 and toks[v - 1].text == ",":
            for b in bounds[:-1]:
                if b < v - 1 and looks_like_np(toks[b:v]):
                    return b
        elif len(bounds) > 1 and last < v and all(x.tag in ("NE", "NN") for x in toks[last:v]):
            # "Ein Sprecher der Polizei, Commander Randy Henderson sagte"
            for b in bounds[:-1]:
                if b < last - 1 and looks_like_np(toks[b:last - 1]):
                    return b
        return last

    def make_verb_claim(self, si: int, toks: list[Tok], v: int, particle: int | None,
                        kind: str, level: str | None, extra: tuple[int, ...] = (),
                        needs_content: bool = False) -> None:
        n = len(toks)
        t = toks[v]
        cue_idx = [v]
        passive = False
        aux = None
        if t.tag in ("VVPP", "VVINF") and v + 1 < n and toks[v + 1].tag in ("VAFIN", "VMFIN"):
            aux = v + 1  # verb-final: "bekanntgegeben hat"
            cue_idx.append(aux)
            passive = toks[aux].lemma == "werden" and t.tag == "VVPP"
        elif t.tag in ("VVPP", "VVINF"):
            for j in range(v - 1, -1, -1):
                if toks[j].tag in FINITE:
                    aux = j
                    break
                if toks[j].text in (",", ":"):
                    break
            if aux is None:
                if t.tag == "VVPP" and v > 0 and toks[v - 1].low == "wie":
                    aux = None  # "wie berichtet"
                elif t.tag == "VVINF" and v > 0:
                    pass  # "Die Kanadier sagen, …": a present plural tagged as infinitive
                else:
                    return
            else:
                cue_idx.insert(0, aux)
                passive = toks[aux].lemma == "werden" and t.tag == "VVPP"
        if aux is not None and toks[aux].tag == "VMFIN" and toks[aux].lemma.lower() in _ABILITY_MODALS:
            return  # "wollte nicht bestätigen", "konnte sprechen": no speech act took place
        if t.lemma.lower() == "heißen":
            # "heißt es", "hieß es": the expletive belongs to the cue
            es = next((k for k in range(max(0, v - 1), min(n, v + 3)) if toks[k].low == "es"), None)
            if es is not None:
                cue_idx.append(es)
        if particle is not None:
            cue_idx.append(particle)
            if particle > 0 and toks[particle - 1].tag == "PROAV" and toks[particle - 1].low.startswith("da"):
                cue_idx.append(particle - 1)
        cue_idx += [x for x in extra if x not in cue_idx]
        colon_quote: tuple[int, int] | None = None
        cs = self._clause_start(toks, min(cue_idx))
        # subordinate "wie X mitteilte": verb-final clause opened by "wie"
        wie = None
        for j in range(cs, min(cue_idx)):
            if toks[j].low == "wie" and (j == cs or toks[j - 1].text == "," or
                                         all(x.low in _FOCUS for x in toks[cs:j])):
                wie = j
        src: tuple[int, int] | None = None
        src_kind = None
        content: tuple[int, int] | None = None
        mode = "indirect"
        relay_to_previous = False
        last_cue = max(cue_idx)
        sub = None
        if wie is None:
            k0 = cs
            while k0 < min(cue_idx) and toks[k0].low in _FOCUS:
                k0 += 1
            if k0 < min(cue_idx) and (toks[k0].tag in ("KOUS", "PRELS") or
                                      toks[k0].tag == "APPR" and k0 + 1 < n and toks[k0 + 1].tag == "PRELS"):
                sub = k0
        if sub is not None:
            # verb-final subordinate clause: "…, indem er sagte, …", "…, der alle aufforderte, …"
            if toks[sub].tag == "PRELS" and sub > 0 and toks[sub - 1].text == ",":
                b = noun_phrase_backward(toks, sub - 1, 0)
                src = (b, sub - 1) if b < sub - 1 else (sub, sub + 1)
            elif toks[sub].tag == "KOUS":
                e = noun_phrase_forward(toks, sub + 1, min(cue_idx))
                if e > sub + 1:
                    src = (sub + 1, e)
            if src is None or passive:
                return
            k = last_cue + 1
            if k < n and toks[k].text == ",":
                cend = n
                for x in range(k + 2, n - 1):
                    if toks[x].text == "," and toks[x + 1].tag in FINITE:
                        cend = x
                        break
                adverbial = toks[sub].tag == "KOUS" and toks[sub].low not in ("indem", "wie", "dass", "daß")
                if k + 1 < n and toks[k + 1].low not in _NOT_CONTENT_START and toks[k + 1].tag not in ("PRELS",) \
                        and not (adverbial and toks[k + 1].low not in ("dass", "daß", "ob")
                                 and not is_quote(toks[k + 1])):
                    content = self.content_span(toks, k + 1, cend)
            if content is None:
                return
        elif wie is not None:
            a, b = wie + 1, min(cue_idx)
            if b > a:
                e = noun_phrase_forward(toks, a, b)
                src = (a, e) if e > a else (a, b)
            cue_idx.insert(0, wie)
            # content: the main clause before "wie …" or after its comma
            if wie > 0 and any(x.low not in _FOCUS and x.text not in (",",) for x in toks[:wie]):
                content = self.content_span(toks, 0, wie)
            else:
                k = last_cue + 1
                while k < n and toks[k].text != ",":
                    k += 1
                content = self.content_span(toks, k + 1, n)
        else:
            pre = toks[cs:min(cue_idx)]
            while pre and (pre[0].low in _FOCUS or len(pre) >= 2 and (pre[0].low, pre[1].low) in _FOCUS2):
                step = 1 if pre[0].low in _FOCUS else 2
                pre = pre[step:]
                cs += step
            pre_np = [x for x in pre if x.tag != "ADV" or x is not pre[-1]]
            pf = None
            if not passive and (cs > 0 or pre and not looks_like_np(pre_np)):
                pf = _prefield_subject(toks, min(cue_idx))
                if pf is not None:
                    cs = pf
                    pre = pre_np = toks[pf:min(cue_idx)]
                    while pre_np and pre_np[-1].text == ",":
                        pre_np = pre_np[:-1]
            if pre and pre[0].tag == "PDS" and len(pre) == 1:
                if cs > 0:
                    # "Die Kamera ist ausgefallen, das teilte das Institut mit": content before
                    pre = []
                else:
                    relay_to_previous = True
            if v > 0 and toks[min(cue_idx) - 1].low == "und" and (not pre or pre[-1].low == "und"):
                # "X war anwesend und sagte …": the subject of the first conjunct
                first = next((k for k in range(min(cue_idx)) if toks[k].tag in FINITE | {"VVFIN"}), None)
                if first is not None:
                    cs = self._clause_start(toks, first)
                if first is not None and first > cs:
                    pre = toks[cs:first]
                    while pre and pre[0].low in _FOCUS:
                        pre = pre[1:]
                        cs += 1
                    pre_np = [x for x in pre if x.tag != "ADV" or x is not pre[-1]]
                    pf = _prefield_subject(toks, first) if cs > 0 or not looks_like_np(pre_np) else None
                    if pf is not None:
                        cs = pf
                        pre = pre_np = toks[pf:first]
                        while pre_np and pre_np[-1].text == ",":
                            pre_np = pre_np[:-1]
            cited = passive and t.lemma.lower() == "zitieren"  # "X wird mit den Worten zitiert"
            if pf is not None and pre_np and not relay_to_previous:
                src = (cs, cs + len(pre_np))
            elif pre and looks_like_np(pre_np) and not relay_to_previous and (not passive or cited):
                src = (cs, cs + noun_phrase_forward(pre_np, 0, len(pre_np)))
                if src[1] <= src[0]:
                    src = None
            elif not passive:
                # subject after the verb: skip adverbials and reflexives
                j = min(cue_idx) + 1 if aux is None else aux + 1
                while j < n and (toks[j].tag in ("ADV", "PRF", "PTKNEG", "ADJD", "PROAV") and toks[j].low not in ("so",)
                                 or toks[j].tag == "APPRART" or toks[j].low in ("es",)):
                    if toks[j].tag == "APPRART":
                        j += 1
                        while j < n and toks[j].tag in ("ADJA", "CARD", "NN", "ADJD"):
                            j += 1
                        continue
                    j += 1
                if j < n and toks[j].low in ("dem", "einem", "ihm", "ihnen", "gegenüber", "den"):
                    k2 = noun_phrase_forward(toks, j + (toks[j].low == "gegenüber"), n, appositions=False)
                    j = max(j, k2)
                e = noun_phrase_forward(toks, j, n)
                if e > j and (particle is None or particle < v or e <= particle):
                    src = (j, e)
                elif e > j and particle is not None:
                    src = (j, particle)
            if passive and not cited:
                # agent: "von X" right after the participle's clause
                for j in range(cs, n):
                    if toks[j].low in ("von", "vom") and j + 1 < n:
                        e = noun_phrase_forward(toks, j + 1, n)
                        if e > j + 1 and j < min(cue_idx):
                            src = (j + 1, e)
                            break
                if src is None:
                    src_kind = "unspecified"
            if t.lemma.lower() == "gehen" and particle is not None and toks[particle].low == "hervor":
                for j in range(v + 1, particle):
                    if toks[j].low == "aus":
                        e = noun_phrase_forward(toks, j + 1, particle)
                        if e > j + 1:
                            src = (j + 1, e)
                        break
            if src is None and any(toks[x].low == "es" for x in range(max(0, v - 2), min(n, v + 3))):
                src_kind = "unspecified"
                # "aus Sicherheitskreisen hieß es", "in dem Bericht heißt es"
                for j in range(cs, n):
                    if toks[j].low in ("aus", "in", "im") and toks[j].tag in ("APPR", "APPRART") and j + 1 < n:
                        e = noun_phrase_forward(toks, j + 1, n, appositions=False)
                        if e > j + 1:
                            src, src_kind = (j + 1, e), None
                        break
                    if toks[j].text in (",", ":") and j > v:
                        break
            after = max(cue_idx + ([src[1] - 1] if src and src[0] > v else []))
            # complement after the cue: first comma/colon after cue and subject
            k = after + 1
            while k < n and toks[k].text not in (",", ":") and toks[k].low not in ("dass", "daß", "ob") \
                    and not (is_quote(toks[k]) and toks[k].text in "„»\"" and not self._quoted_name(toks, k)):
                if is_quote(toks[k]) and toks[k].text in "„»\"":
                    k = self._quoted_name(toks, k)
                    continue
                k += 1
            if k < n - 1 and not relay_to_previous:
                cstart = k + 1 if toks[k].text in (",", ":") else k
                # stop before a second main clause of the speaker: ", sprach aber …", "und verwies …"
                cend = n
                depth = 0
                for x in range(cstart, n - 1):
                    if is_quote(toks[x]):
                        depth ^= 1
                    if x > cstart and depth == 0 and toks[x].low in (",", "und", "aber", "sondern") and toks[x + 1].tag in FINITE \
                            and toks[x + 1].low not in ("sei", "seien", "habe", "werde"):
                        cend = x
                        break
                if cstart < n and (toks[cstart].low in _NOT_CONTENT_START or toks[cstart].tag in ("PRELS", "PRELAT")):
                    cend = cstart
                # "…, dass A: „B“": the quote after the colon is a claim of its own
                colon = next((x for x in range(cstart + 2, cend - 1) if toks[x].text == ":"
                              and is_quote(toks[x + 1]) and toks[x + 1].text in "„»\""
                              and not self.quote_at(toks[x].start)), None)
                if colon is not None:
                    q = self.quote_at(toks[colon + 1].start)
                    if q is not None:
                        colon_quote = q
                        cend = colon
                # "gegenüber der Zeitung, dass …": the content starts at the conjunction
                for x in range(cstart, min(cend - 1, cstart + 8)):
                    if toks[x].text == "," and toks[x + 1].low in ("dass", "daß", "ob") and not any(
                            toks[y].tag in FINITE or is_quote(toks[y]) for y in range(cstart, x)):
                        cstart = x + 1
                        break
                content = self.content_span(toks, cstart, cend) if cend > cstart else None
            if content is None and cs > 0 and not relay_to_previous and \
                    sum(x.low not in _FOCUS and x.tag not in ("$,", "$.", "$(") for x in toks[:cs]) >= 3 and \
                    not (toks[0].tag == "KOUS" and toks[0].low not in ("dass", "daß", "ob")):
                end = cs
                while end > 0 and (toks[end - 1].low in _FOCUS or toks[end - 1].text == ","):
                    end -= 1
                content = self.content_span(toks, 0, end)
            full_lemma = (toks[particle].low if particle is not None else "") + t.lemma.lower().replace("|", "")
            if content is None and not relay_to_previous and (
                    passive or not self._reports_with_object(full_lemma, toks, v)
                    or t.tag != "VVFIN" and not (aux is not None and toks[aux].lemma == "haben")):
                return
            if content is None and not relay_to_previous:
                # the object itself is the content ("Reported" speech act)
                rest = [x for x in range(min(cue_idx) + 1, n)
                        if x not in cue_idx and not (src and src[0] <= x < src[1]) and toks[x].tag != "$."]
                pre_rest = [x for x in range(cs, min(cue_idx)) if not (src and src[0] <= x < src[1])]
                idx = rest or pre_rest
                if idx and len(idx) >= 2:
                    # the sentence reports a speech act without a content clause:
                    # the claim is the whole report ("X sprach von einem Riesenerfolg")
                    content = self.content_span(toks, 0, n, strip_final=False)
                    mode = "reported"
        if extra and (mode == "reported" or content is None or relay_to_previous or src is None
                      or any(src[0] <= x < src[1] for x in extra)):
            return
        if src is None and src_kind is None and wie is not None and t.lemma.lower() == "heißen":
            src_kind = "unspecified"  # "wie es hieß"
        if src is None and src_kind is None and not relay_to_previous:
            if not (t.tag == "VVPP" and wie is not None):
                return
            src_kind = "unspecified"
        if wie is not None and wie in cue_idx and len(cue_idx) > 1:
            cue_idx.remove(wie)  # SpkAtt marks "berichtete", not "wie … berichtete"
        cue_idx += self._cue_companions(toks, cue_idx, src, content, t.lemma.lower())
        cue_spans = sorted((toks[x].start, toks[x].end) for x in cue_idx)
        d = _Draft(si, content or (0, 0), cue=_cue_span(self.text, cue_spans, t.start),
                   cue_parts=cue_spans, cue_level=level, verb_kind=kind, mode=mode, confidence=0.75)
        if src:
            src = _trim(toks, *src)
        if src:
            d.src = (toks[src[0]].start, toks[src[1] - 1].end)
        d.src_kind = src_kind
        if extra and d.src is None:
            return  # a light-verb phrase needs its speaker in the clause
        if relay_to_previous:
            target = self.previous_claim(si)
            if target is None:
                if si == 0:
                    return
                prev = self.sents[si - 1]
                d.content = (prev.start, prev.end)
                d.mode = "indirect"
                self.drafts.append(d)
                return
            d.content = self.drafts[target].content
            d.via = target
            d.mode = self.drafts[target].mode
            self.drafts.append(d)
            return
        if content is None:
            return
        d.mode = self.mode_of(d.content, mode)
        self.drafts.append(d)
        if colon_quote is not None:
            self.drafts.append(_Draft(si, colon_quote, cue=d.cue, cue_parts=list(d.cue_parts), src=d.src,
                                      src_kind=d.src_kind, mode="direct", cue_level=level, verb_kind=kind,
                                      confidence=0.7))

    def previous_claim(self, si: int) -> int | None:
        for k in range(len(self.drafts) - 1, -1, -1):
            if self.drafts[k].last_sent in (si - 1, si - 2) and self.drafts[k].sent < si:
                return k
            if self.drafts[k].last_sent < si - 2:
                break
        return None

    def mode_of(self, content: tuple[int, int], default: str) -> str:
        a, b = content
        inner = [q for q in self.quotes if q[0] >= a and q[1] <= b]
        if not inner:
            return default
        if len(inner) == 1 and inner[0][0] <= a + 1 and inner[0][1] >= b - 2:
            return "direct"
        return "mixed" if default in ("indirect", "reported") else default

    def citation(self, si: int, toks: list[Tok], v: int) -> None:
        """'X, der sich auf Y berief' / 'X berief sich auf Y': Y is X's source."""
        n = len(toks)
        j = v + 1
        auf = None
        for k in range(max(0, v - 12), n):
            if toks[k].low == "auf" and k != v:
                auf = k
                if k > v:
                    break
        if auf is None:
            return
        e = noun_phrase_forward(toks, auf + 1, n)
        if e <= auf + 1:
            return
        cited = (toks[auf + 1].start, toks[e - 1].end)
        target = None
        # the citer: the claim made in this sentence, else the last one before
        for k in range(len(self.drafts) - 1, -1, -1):
            if self.drafts[k].sent == si or self.drafts[k].sent == si - 1:
                target = k
                break
        if target is None:
            return
        del j
        cue_spans = [(toks[v].start, toks[v].end)]
        for k in range(max(0, v - 6), v):
            if toks[k].low == "sich":
                cue_spans.insert(0, (toks[k].start, toks[k].end))
        cue_spans.append((toks[auf].start, toks[auf].end))
        cue_spans.sort()
        d = _Draft(si, self.drafts[target].content, cue=_cue_span(self.text, cue_spans, toks[v].start),
                   cue_parts=cue_spans, src=cited, via=target, mode="reported", confidence=0.7,
                   verb_kind="cite")
        self.drafts.append(d)

    # -- prepositional cues ----------------------------------------------------------------------

    def prep_cues(self, si: int, toks: list[Tok]) -> None:
        n = len(toks)
        lex = self.lex
        sent_content = self.content_span(toks, 0, n)
        if sent_content is None:
            return
        for j, t in enumerate(toks):
            low = t.low
            cue = src = None
            kind = None
            if low in ("laut", "gemäß") and t.tag in ("APPR", "ADJD", "ADV", "APPO") and j + 1 < n:
                e = noun_phrase_forward(toks, j + 1, n, appositions=_name_apposition(toks, j + 1, n), pps=True)
                if e > j + 1:
                    cue, src = [j], (j + 1, e)
            elif low == "zufolge" and j > 1 and toks[j - 1].tag == "PRELS" and toks[j - 2].text == ",":
                content = self.content_span(toks, j + 1, n)
                if content:
                    self._add_prep(si, toks, [j], (j - 1, j), None, content, mode="indirect")
                continue
            elif low == "zufolge" and j > 0:
                b = noun_phrase_backward(toks, j, 0)
                if b < j:
                    words = [x.low for x in toks[b:j]]
                    if len(words) == 1 and words[0] in ("berichten", "angaben", "informationen", "medienberichten"):
                        cue, kind = list(range(b, j + 1)), "unspecified"
                    else:
                        cue, src = [j], (b, j)
            elif low == "nach" and j > 0 and self._nominal(toks[j - 1]) and (j + 1 >= n or toks[j + 1].tag not in NOUNISH):
                # postposition: "Seiner Meinung nach", "Dem Vernehmen nach"
                b = j - 1
                while b > 0 and toks[b - 1].tag in ("ART", "PPOSAT", "ADJA", "PDAT"):
                    b -= 1
                cue, src = [j], (b, j)
            elif low in ("nach", "laut", "gemäß") and j + 1 < n and toks[j + 1].tag in ("PRELS",) and j > 0 and toks[j - 1].text == ",":
                # "Studien, nach denen …": the relative pronoun stands for the source
                content = self.content_span(toks, j + 2, n)
                if content:
                    self._add_prep(si, toks, [j], (j + 1, j + 2), None, content, mode="indirect")
                continue
            elif low == "nach" and t.tag in ("APPR", "APPO") and j + 1 < n:
                k = j + 1
                while k < n and (toks[k].tag in ("ADJA", "ART", "PPOSAT", "PRELAT", "PDS", "PDAT") or toks[k].tag == "NE"
                                 and toks[k].low.endswith("s") and k + 1 < n and self._nominal(toks[k + 1])):
                    k += 1  # "Nach Grupps Meinung": a name in the genitive before the head
                if k < n and self._nominal(toks[k]):
                    e = noun_phrase_forward(toks, j + 1, n, appositions=_name_apposition(toks, j + 1, n), pps=True)
                    cue, src = [j], (j + 1, max(e, k + 1))
                    bare = k == j + 1 and e <= k + 1 and toks[k].low in lex.nominal_heads
                    if bare and toks[k].low in ("angaben", "informationen", "berichten"):
                        kind = "unspecified"
            elif low == "unter" and j + 2 < n and toks[j + 1].low == "berufung" and toks[j + 2].low == "auf":
                e = noun_phrase_forward(toks, j + 3, n, appositions=False)
                if e > j + 3:
                    cue, src = [j, j + 1, j + 2], (j + 3, e)
                    # upstream of a verb cue in this sentence?
                    main = [k for k, d in enumerate(self.drafts) if d.sent == si and d.verb_kind]
                    if main:
                        m = main[-1]
                        spans = [(toks[x].start, toks[x].end) for x in cue]
                        self.drafts.append(_Draft(
                            si, self.drafts[m].content, cue=_cue_span(self.text, spans), cue_parts=spans,
                            src=(toks[src[0]].start, toks[src[1] - 1].end), via=m, mode="reported",
                            confidence=0.7, verb_kind="cite"))
                        continue
            elif low == "so" and j > 0 and toks[j - 1].text == "," and j + 1 < n and (
                    toks[j + 1].tag in ("ART", "NE", "NN", "PPOSAT", "PIAT", "ADJA") or toks[j + 1].low in ("er", "sie")):
                e = noun_phrase_forward(toks, j + 1, n)
                rest = [x for x in toks[e:] if x.tag not in ("$.",) and not is_quote(x)]
                if e > j + 1 and not (rest and rest[0].tag in FINITE):
                    cue, src = [j], (j + 1, e)
                    content = self.content_span(toks, 0, j - 1)
                    if content:
                        self._add_prep(si, toks, cue, src, None, content, mode="indirect")
                    continue
            elif low in ("demnach", "wonach") and t.tag in ("ADV", "PWAV", "PROAV"):
                prev = self.previous_claim(si) if low == "demnach" else None
                if low == "wonach" and j > 1 and toks[j - 1].text == ",":
                    b = noun_phrase_backward(toks, j - 1, 0)
                    if b < j - 1:
                        content = self.content_span(toks, j + 1, n)
                        if content:
                            self._add_prep(si, toks, [j], (b, j - 1), None, content, mode="indirect")
                    continue
                spans = [(t.start, t.end)]
                if j == 0 or j == 1 and toks[0].low in _FOCUS:
                    content = self.content_span(toks, j + 1, n) or sent_content
                else:
                    content = sent_content
                if prev is not None:
                    d = _Draft(si, content, cue=spans[0], cue_parts=spans,
                               copy_source=None, via=self.drafts[prev].via, mode="indirect",
                               inherited=True, confidence=0.6)
                    d.copy_source = ("draft", prev)  # type: ignore[assignment]
                    self.drafts.append(d)
                elif j <= 1 and si > 0 and not any(d.sent == si for d in self.drafts):
                    # "Demnach …" after a sentence naming a document or speaker without a cue
                    self.drafts.append(_Draft(si, content, cue=spans[0], cue_parts=spans, mode="indirect",
                                              src_kind="unspecified", confidence=0.5))
                continue
            if cue is None:
                continue
            if src and src[1] < n - 2 and toks[src[1]].text == "," and toks[src[1] - 1].tag in ("NE", "NN") \
                    and src[0] <= 2 and kind is None:
                # a fronted source with an apposition before the finite verb (V2):
                # "Nach Meinung von Mike Brown, Professor am Caltech, könnte …"
                for m in range(src[1] + 2, min(n - 1, src[1] + 12)):
                    if toks[m].tag in FINITE or toks[m].tag in ("KOUS", "PRELS", "$."):
                        break
                    if toks[m].text == "," and toks[m + 1].tag in FINITE:
                        src = (src[0], m)
                        break
            if any(d.sent == si and d.cue and d.cue[0] <= toks[cue[0]].start < d.cue[1] for d in self.drafts):
                continue
            self._add_prep(si, toks, cue, src, kind, sent_content, mode="indirect")

    def _nominal(self, t: Tok) -> bool:
        heads = self.lex.nominal_heads
        return t.tag in NOUNISH and (t.low in heads or any(t.low.endswith(h) and len(h) > 5 for h in heads))

    def _add_prep(self, si, toks, cue, src, kind, content, mode) -> None:
        spans = [(toks[x].start, toks[x].end) for x in cue]
        d = _Draft(si, content, cue=_cue_span(self.text, spans), cue_parts=spans, mode=mode,
                   confidence=0.7, src_kind=kind)
        src = _trim(toks, *src) if src else None
        if src and kind != "unspecified":
            d.src = (toks[src[0]].start, toks[src[1] - 1].end)
        d.mode = self.mode_of(content, mode)
        self.drafts.append(d)

    def nest_within_sentence(self, first: int) -> None:
        """A cue inside another claim's content (same sentence) is reported through it."""
        new = list(range(first, len(self.drafts)))
        for b in new:
            db = self.drafts[b]
            if db.via is not None or db.cue is None:
                continue
            for a in new:
                if a == b:
                    continue
                da = self.drafts[a]
                if da.cue is None or da.via is not None:
                    continue
                inside = da.content[0] <= db.cue[0] and db.cue[1] <= da.content[1]
                if inside and not (db.content[0] <= da.cue[0] < db.content[1]):
                    db.via = a
                    break

    # -- continuation and lone quotes ---------------------------------------------------------

    def continuation_or_quote(self, si: int, toks: list[Tok]) -> None:
        prev = self.previous_claim(si)
        if prev is None or self.drafts[prev].last_sent != si - 1:
            self.free_indirect(si, toks, prev)
            return
        if si - 1 in self.skip:
            return
        pd = self.drafts[prev]
        s = self.sents[si]
        starts_quote = bool(toks) and is_quote(toks[0]) and toks[0].text in "„»\"«"
        q = self.quote_at(s.start)
        if q and q[0] >= s.start and q[1] >= s.end - 2 and starts_quote:
            d = _Draft(si, (q[0], q[1]), mode="direct", inherited=True, via=pd.via, confidence=0.55)
            d.copy_source = ("draft", prev)  # type: ignore[assignment]
            self.drafts.append(d)
            return
        if q and q[0] < s.start and pd.content[1] >= s.start:
            return  # the sentence is inside a quote that an earlier claim already covers
        reportive = False
        mood = False
        for k, t in enumerate(toks):
            if t.tag in FINITE:
                prevw = toks[k - 1].text if k else ""
                nxt = toks[k + 1].text if k + 1 < len(toks) else ""
                m = verb_mood(t.text, t.lemma, prevw, nxt)
                if m == "k1" or (m == "k2" and pd.mode in ("indirect", "mixed", "reported")
                                 and t.low not in ("könnte", "könnten", "dürfte", "dürften", "sollte", "sollten")):
                    mood = True
                if t.low in ("soll", "sollen") and t.tag == "VMFIN":
                    reportive = True
            if t.low in ("angeblich",):
                reportive = True
        if not (mood or reportive):
            return
        if pd.inherited and pd.cue is None and pd.mode != "direct" and _MERGE_CONTINUATION:
            # one more sentence of the same continuation: extend it
            end = self.content_span(toks, 0, len(toks), strip_final=False)
            if end:
                pd.content = (pd.content[0], max(pd.content[1], end[1]))
                pd.upto = si
                return
        d = _Draft(si, self.content_span(toks, 0, len(toks), strip_final=False) or (s.start, s.end),
                   mode="indirect", inherited=True, via=pd.via, confidence=0.55)
        d.copy_source = ("draft", prev)  # type: ignore[assignment]
        d.mode = self.mode_of(d.content, "indirect")
        self.drafts.append(d)

    def _main_mood(self, toks: list[Tok]) -> str | None:
        """'k1' when the sentence's first finite verb is Konjunktiv I (not in a subordinate clause)."""
        for k, t in enumerate(toks):
            if t.tag in FINITE:
                if any(x.tag == "KOUS" or x.tag in ("PRELS",) for x in toks[max(0, k - 8):k]):
                    return None
                prevw = toks[k - 1].text if k else ""
                nxt = toks[k + 1].text if k + 1 < len(toks) else ""
                return verb_mood(t.text, t.lemma, prevw, nxt)
        return None

    def free_indirect(self, si: int, toks: list[Tok], prev: int | None) -> None:
        """A Konjunktiv-I sentence with no cue: reported speech of the nearest earlier speaker
        (the last claim within two sentences, else the previous sentence's subject)."""
        if si == 0 or si - 1 in self.skip or self._main_mood(toks) != "k1":
            return
        if any(t.low in ("ich", "wir") for t in toks):
            return
        s = self.sents[si]
        content = self.content_span(toks, 0, len(toks), strip_final=False) or (s.start, s.end)
        if prev is not None and self.drafts[prev].last_sent >= si - 2:
            pd = self.drafts[prev]
            d = _Draft(si, content, mode="indirect", inherited=True, via=pd.via, confidence=0.45)
            d.copy_source = ("draft", prev)  # type: ignore[assignment]
            self.drafts.append(d)
            return
        ptoks = self.toks[si - 1]
        first = next((k for k, t in enumerate(ptoks) if t.tag in FINITE), None)
        if not first:
            return
        pre = ptoks[:first]
        while pre and pre[0].low in _FOCUS:
            pre = pre[1:]
        if not pre or not looks_like_np(pre) or pre[0].tag in ("PPER", "PDS") and pre[0].low in ("es", "das", "dies"):
            return
        e = noun_phrase_forward(pre, 0, len(pre))
        if e <= 0:
            return
        d = _Draft(si, content, src=(pre[0].start, pre[e - 1].end), mode="indirect", inherited=True,
                   confidence=0.4)
        self.drafts.append(d)

    def nominal_cues(self, si: int, toks: list[Tok]) -> None:
        """A speech-act noun with its content clause: "die Forderung der Opposition, dass …",
        "die Behauptung, der Minister habe gelogen", "Seine Ankündigung: „…“". The source is the
        genitive or von-phrase after the noun, else none (unspecified)."""
        n = len(toks)
        for j, t in enumerate(toks):
            if t.tag != "NN" or t.low not in _SPEECH_NOUNS or j == 0 or toks[j - 1].tag not in (
                    "ART", "PPOSAT", "PDAT", "PIAT", "ADJA"):
                continue
            e = j + 1
            src = None
            if e < n and (toks[e].tag == "ART" and toks[e].low in ("des", "der", "eines", "einer")
                          or toks[e].low in ("von", "vom")):
                k = noun_phrase_forward(toks, e + (toks[e].low in ("von", "vom")), n, appositions=False)
                if toks[e].tag == "ART":
                    k = noun_phrase_forward(toks, e, n, appositions=False)
                if k > e:
                    src, e = (e + (toks[e].low in ("von", "vom")), k), k
            if e + 1 >= n or toks[e].text not in (",", ":"):
                continue
            nxt = toks[e + 1]
            if toks[e].text == "," and nxt.low not in ("dass", "daß", "ob"):
                continue
            if toks[e].text == ":" and not is_quote(nxt):
                continue
            cend = n
            depth = 0
            for x in range(e + 2, n - 1):
                if is_quote(toks[x]):
                    depth ^= 1
                if depth == 0 and toks[x].text == "," and toks[x + 1].tag in FINITE:
                    cend = x
                    break
            content = self.content_span(toks, e + 1, cend)
            if content is None:
                continue
            spans = [(t.start, t.end)]
            d = _Draft(si, content, cue=spans[0], cue_parts=spans, mode="indirect", confidence=0.55,
                       verb_kind="say", src_kind=None if src else "unspecified")
            if src:
                src = _trim(toks, *src)
            if src:
                d.src = (toks[src[0]].start, toks[src[1] - 1].end)
            elif d.src_kind is None:
                d.src_kind = "unspecified"
            d.mode = self.mode_of(content, "indirect")
            self.drafts.append(d)
            return

    def colon_quote(self, si: int, toks: list[Tok]) -> None:
        """'X brachte es so zum Ausdruck: „…“': a clause with a subject, a colon, then a direct
        quote; any finite verb introduces it (the cue lexicon cannot list every phrase)."""
        n = len(toks)
        colon = next((k for k, t in enumerate(toks) if t.text == ":" and k + 1 < n and is_quote(toks[k + 1])
                      and toks[k + 1].text in "„»\"" and not self.quote_at(t.start)), None)
        if colon is None or colon < 2:
            return
        q = self.quote_at(toks[colon + 1].start)
        if q is None or q[1] < toks[-1].start - 2:
            return
        fin = next((k for k in range(colon) if toks[k].tag in FINITE), None)
        if fin is None or any(toks[k].tag in ("KOUS", "PRELS") or toks[k].text == "," for k in range(fin)):
            return
        pre = toks[:fin]
        cs = 0
        while pre and pre[0].low in _FOCUS:
            pre = pre[1:]
            cs += 1
        src = None
        if pre and looks_like_np(pre) and pre[0].tag != "PDS":
            src = (cs, cs + noun_phrase_forward(pre, 0, len(pre)))
        else:
            j = fin + 1
            while j < colon and toks[j].tag in ("ADV", "PRF", "PTKNEG", "ADJD", "PROAV"):
                j += 1
            e = noun_phrase_forward(toks, j, colon)
            if e > j:
                src = (j, e)
        if src is None or src[1] <= src[0]:
            return
        src = _trim(toks, *src)
        if src is None or toks[src[0]].low in ("es", "das", "dies"):
            return
        cue_idx = [fin] + [k for k in range(fin + 1, colon) if toks[k].tag in ("PTKVZ", "VVPP", "VVINF")
                           and not (src[0] <= k < src[1])]
        spans = [(toks[x].start, toks[x].end) for x in cue_idx]
        d = _Draft(si, q, cue=_cue_span(self.text, spans, toks[fin].start), cue_parts=spans,
                   mode="direct", confidence=0.6, verb_kind="say")
        d.src = (toks[src[0]].start, toks[src[1] - 1].end)
        self.drafts.append(d)

    def link_direct_quotes_to_colon(self) -> None:
        """'X sagte:' followed by a quote in the next sentence: the quote is the content."""
        for d in self.drafts:
            if d.content != (0, 0) and d.content[1] > d.content[0]:
                continue


_TIME_NOUNS = frozenset({"tag", "tage", "woche", "wochen", "monat", "monate", "jahr", "jahre", "zeit", "morgen",
                         "abend", "nacht", "mittag", "stunde", "stunden", "minuten", "wochenende", "anfang",
                         "ende", "mitte", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                         "sonntag", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                         "september", "oktober", "november", "dezember", "vormittag", "nachmittag", "male", "mal"})
_SUBJECT_START = frozenset({"ART", "PPOSAT", "PIAT", "PIDAT", "NN", "NE", "ADJA", "CARD"})


def _prefield_subject(toks: list[Tok], v: int) -> int | None:
    """Start of a complex subject filling the whole pre-field before the finite cue verb ``v``:
    "Der Vertreter der Arbeitgeber im Aufsichtsrat der BA, Peter Clever, hat gefordert",
    "Gutachter der Gesellschaft, die die Maschine untersuchten, gehen davon aus". None when the
    pre-field holds a clause, an adverbial or a time phrase."""
    b = 0
    while b < v and toks[b].low in _FOCUS or b + 1 < v and (toks[b].low, toks[b + 1].low) in _FOCUS2:
        b += 1 if toks[b].low in _FOCUS else 2
    if v - b < 2 or v - b > 40 or toks[b].tag not in _SUBJECT_START:
        return None
    k = b
    nouns = 0
    while k < v:
        t = toks[k]
        if t.text == "," and k + 1 < v and (toks[k + 1].tag == "PRELS" or toks[k + 1].tag == "APPR"
                                           and k + 2 < v and toks[k + 2].tag == "PRELS"):
            m = k + 2
            while m < v and not (toks[m].text == "," and toks[m - 1].tag in FINITE):
                if toks[m].tag == "$.":
                    return None
                m += 1
            if m >= v and not toks[v - 1].tag in FINITE | {"$,"}:
                return None
            k = m + 1
            continue
        if t.tag in FINITE or t.tag in ("KOUS", "PWAV", "KON") and t.low != "und" or t.text in (":", ";") \
                or t.low == "so" and k > b \
                or t.tag in ("$.",) or t.low in ("dass", "daß", "ob", "laut", "zufolge", "nach"):
            return None
        if t.tag in ("NN", "NE"):
            nouns += 1
            if t.low in _TIME_NOUNS and nouns == 1:
                return None
        k += 1
    return b if nouns else None


def _name_apposition(toks: list[Tok], a: int, n: int) -> bool:
    """True when the phrase from ``a`` is followed, within its clause, by ", Name Name ," (an
    apposition naming the person: "nach den Worten der Sprecherin der FDP, Gisela Piltz, …")."""
    for k in range(a, min(n, a + 14)):
        if toks[k].text == ",":
            m = k + 1
            while m < n and toks[m].tag in ("NE", "NN") and toks[m].text[:1].isupper():
                m += 1
            return m - (k + 1) >= 2 and m < n and toks[m].text in (",", ":") and toks[m - 1].tag == "NE"
        if toks[k].tag in FINITE:
            return False
    return False


def _trim(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    """Token range without unbalanced quote marks, commas and focus adverbs at its edges."""
    while a < b and toks[a].low in _FOCUS and b - a > 1:
        a += 1
    while a < b:
        inner = [t.text for t in toks[a:b] if is_quote(t)]
        if toks[a].text in (",", "-", "(") or (is_quote(toks[a]) and len(inner) % 2 == 1):
            a += 1
        elif toks[b - 1].text in (",", "-", "(") or (is_quote(toks[b - 1]) and len(inner) % 2 == 1):
            b -= 1
        else:
            break
    return (a, b) if b > a else None


def _cue_span(text: str, spans: list[tuple[int, int]], head: int | None = None) -> tuple[int, int]:
    """The cue: the parts merged when only spaces separate them; the group holding ``head``
    (the cue verb's offset) when given, else the first group."""
    merged = _merge_adjacent(text, spans)
    if head is not None:
        for a, b in merged:
            if a <= head < b:
                return a, b
    return merged[0]


def _merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and text[out[-1][1]:a].strip() == "":
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out or [(0, 0)]


# ----------------------------------------------------------------------------------------------
# sources, certainty, polarity


def _entities_overlapping(article: Article, a: int, b: int):
    found = []
    for e in article.entities or ():
        for m in e.mentions:
            if m.start < b and a < m.end:
                found.append((e, m))
    return found


_TYPE_PREF = {"PER": 0, "MEDIA": 1, "ORG": 2, "DOC": 3, "GPE": 4, "NORP": 5, "LOC": 6}


def resolve_entity(article: Article, a: int, b: int) -> tuple[str | None, str | None]:
    """(entity id, entity type) for a source mention: persons, outlets, organisations first;
    an adjective mention ("südkoreanische") only when nothing else is there."""
    found = [(e, m) for e, m in _entities_overlapping(article, a, b)]
    if not found:
        try:
            from ..entities import entity_at  # type: ignore[attr-defined]

            e = entity_at(article, a, b)
        except (ImportError, AttributeError, TypeError, ValueError):  # helper absent or different
            e = None
        if e is None:
            return None, None
        eid = getattr(e, "id", e)
        etype = getattr(e, "type", None)
        return str(eid), etype
    found.sort(key=lambda em: (not em[1].text[:1].isupper(), _TYPE_PREF.get(em[0].type, 9),
                               -(em[1].end - em[1].start)))
    e = found[0][0]
    if e.type in ("LOC", "EVENT", "MISC") and len(found) == 1:
        return None, None
    return e.id, e.type


def classify_source(article: Article, a: int, b: int, tokens: list[Tok] | None = None) -> Source:
    """Kind, entity and anonymous class of the source mention ``text[a:b]``."""
    text = article.text
    mention = Span.of(text, a, b)
    low = mention.text.lower()
    words = re.findall(r"\w+", low)
    lex = german_lexicon()
    eid, etype = resolve_entity(article, a, b)
    if words and words[0] in ("man",):
        return Source("unspecified", mention)
    tags = [t for t in tokens or () if a <= t.start and t.end <= b]
    if tags:
        has_name = any(x.tag == "NE" and y.tag == "NE" for x, y in itertools.pairwise(tags))
    else:
        has_name = bool(re.search(r"\b(?!(?:Ein|Eine|Einen|Einem|Einer|Der|Die|Das|Den|Dem|Des)\b)"
                                  r"[A-ZÄÖÜ][a-zäöüß]+ [A-ZÄÖÜ][a-zäöüß]+\b", mention.text))
    if etype != "PER" and not (has_name and not any(w in ("sprecher", "sprecherin") for w in words[:1])):
        for pat, cls in lex.anonymous:
            if pat.search(low):
                number = "unknown"
                if words and words[0] in ("ein", "einen", "einem", "einer", "eines", "eine"):
                    number = "one"
                elif re.search(r"(kreise|kreisen|quellen|beamte|beamten|experten|kritiker|zeugen|vertreter|mitarbeiter)\b", low):
                    number = "several" if not (words and words[0].startswith("ein")) else "one"
                aff = None
                for e, m in _entities_overlapping(article, a, b):
                    if e.type in ("ORG", "GPE", "MEDIA"):
                        aff = e.id
                        break
                return Source("anonymous", mention, None, Anonymous(cls, aff, number))
    if words and words[0] in ("er", "sie", "ihr", "ich", "wir") and len(words) == 1:
        return Source("person", mention, eid)
    head_kind = None
    for w in words:
        for key, kind in lex.source_kinds:
            if w == key or (len(key) >= 5 and w.endswith(key)):
                head_kind = kind
                break
        if head_kind:
            break
    if etype == "PER" or (has_name and head_kind in (None, "government") and etype in (None, "PER")):
        return Source("person", mention, eid)
    if etype == "MEDIA" or head_kind == "outlet":
        return Source("outlet", mention, eid)
    if head_kind == "document":
        return Source("document", mention, eid)
    if head_kind:
        return Source(head_kind, mention, eid)
    if etype == "GPE":
        return Source("government", mention, eid)
    if etype == "ORG":
        return Source("organization", mention, eid)
    last = words[-1] if words else ""
    if last.endswith(_PERSON_SUFFIX) and not mention.text.isupper():
        return Source("person", mention, eid)
    return Source("organization", mention, eid)


def certainty_of(article: Article, toks_by_sent, d: _Draft, source: Source) -> tuple[Certainty, str]:
    lex = german_lexicon()
    text = article.text
    a, b = d.content
    cues: list[Span] = []
    level = 0
    if source.kind in ("unspecified",) or d.inherited and d.cue is None:
        level = _RANK["reported"]
    if d.cue and source.kind == "unspecified":
        cues.append(Span.of(text, *d.cue))
    if d.cue_level:
        level = max(level, _RANK[d.cue_level])
        if d.cue:
            cues.append(Span.of(text, *d.cue))
    indirect_speech = d.verb_kind is not None and d.mode in ("indirect", "mixed")
    negative = False
    seen_sub = False
    for si in range(d.sent, len(toks_by_sent)):
        toks = toks_by_sent[si]
        if not toks or toks[0].start >= b:
            break
        for k, t in enumerate(toks):
            if t.end <= a and not (d.mode == "reported" and t.start >= article.sentences[d.sent].start):
                continue
            if t.start >= b:
                break
            w = t.low
            if k + 1 < len(toks) and f"{w} {toks[k + 1].low}" in lex.hedges:
                continue
            hl = lex.hedges.get(w)
            if hl is None:
                if w in NEGATIONS and not seen_sub:
                    negative = True
                if w in ("dass", "daß", "ob") and t.start > a + 1:
                    seen_sub = True
                continue
            if w in ("soll", "sollen") and (indirect_speech or t.tag != "VMFIN"):
                continue
            if w in ("würde", "würden", "wäre", "wären", "hätte", "hätten") and indirect_speech:
                continue
            level = max(level, _RANK[hl])
            cues.append(Span(t.start, t.end, t.text))
    return Certainty(LEVELS[level], tuple(sorted(set(cues), key=lambda s: s.start))), (
        "negative" if negative else "positive")


# ----------------------------------------------------------------------------------------------
# unattributed statements


def _unattributed(ex: _Extractor, covered: set[int]) -> list[_Draft]:
    out = []
    for si, toks in enumerate(ex.toks):
        if si in covered or si in ex.skip or not toks or ex.is_heading_like(si):
            continue
        s = ex.sents[si]
        if not _TERMINAL.search(s.text) or s.text.rstrip().endswith("?") or "<" in s.text:
            continue
        if len(toks) < 6 or not any(t.tag in FINITE for t in toks):
            continue
        if any(t.low in ("ich", "wir", "du", "ihr", "euch", "uns") for t in toks):
            continue
        if ex.quote_at(s.start) and ex.quote_at(s.start)[0] < s.start:
            continue
        content = ex.content_span(toks, 0, len(toks))
        if content is None:
            continue
        out.append(_Draft(si, content, mode="unattributed", src_kind="author", confidence=0.5))
    return out


# ----------------------------------------------------------------------------------------------


def extract(article: Article) -> list[Claim]:
    """All German claims of an article (ids t1…; the stage renumbers them)."""
    if not article.sentences:
        return []
    ex = _Extractor(article)
    drafts = [d for d in ex.run() if d.content[1] > d.content[0]]
    # drop exact duplicates (same content, cue)
    seen = set()
    kept: list[int] = []
    for k, d in enumerate(drafts):
        key = (d.content, d.cue, d.src)
        if key in seen:
            continue
        seen.add(key)
        kept.append(k)
    covered = {d.sent for d in drafts}
    for d in drafts:
        # a multi-sentence content covers every sentence it spans
        for si, s in enumerate(ex.sents):
            if s.start >= d.content[0] and s.end <= d.content[1] + 1:
                covered.add(si)
    index = {k: n for n, k in enumerate(kept)}
    claims: list[Claim] = []
    sources: dict[int, Source] = {}
    for k in kept:
        d = drafts[k]
        sources[k] = _source_of(article, ex, drafts, d, sources)
    for k in kept:
        d = drafts[k]
        src = sources[k]
        cert, pol = certainty_of(article, ex.toks, d, src)
        via = d.via
        while via is not None and via not in index:
            via = drafts[via].via
        claims.append(Claim(
            id=f"t{index[k] + 1}", content=Span.of(article.text, *d.content), source=src,
            cue=Span.of(article.text, *d.cue) if d.cue else None,
            cue_parts=tuple(Span.of(article.text, a, b) for a, b in d.cue_parts),
            via=f"t{index[via] + 1}" if via is not None else None,
            mode=d.mode, certainty=cert, polarity=pol, inherited=d.inherited, sentence=d.sent,
            by=BY, confidence=d.confidence,
        ))
    for d in _unattributed(ex, covered):
        cert, pol = certainty_of(article, ex.toks, d, Source("author"))
        claims.append(Claim(
            id=f"u{len(claims) + 1}", content=Span.of(article.text, *d.content), source=Source("author"),
            mode="unattributed", certainty=cert, polarity=pol, sentence=d.sent, by=BY,
            confidence=d.confidence))
    return claims


def _source_of(article: Article, ex: _Extractor, drafts: list[_Draft], d: _Draft,
               done: dict[int, Source]) -> Source:
    cs = d.copy_source
    if isinstance(cs, tuple) and cs and cs[0] == "draft":
        k = cs[1]
        if k in done:
            return done[k]
        return _source_of(article, ex, drafts, drafts[k], done)
    if d.src_kind == "author":
        return Source("author")
    if d.src is None:
        return Source(d.src_kind or "unspecified")
    src = classify_source(article, *d.src, tokens=ex.toks[d.sent] if d.sent < len(ex.toks) else None)
    if src.kind == "person" and src.entity is None and src.mention and src.mention.text.lower() in ("er", "sie"):
        # pronoun: the last named person source before it
        for k in range(len(drafts) - 1, -1, -1):
            if k in done and drafts[k].sent < d.sent and done[k].kind == "person" and done[k].mention \
                    and done[k].mention.text.lower() not in ("er", "sie"):
                return Source("person", src.mention, done[k].entity)
    return src
