"""German event mentions from HanTa lemmas and STTS tags (no dependency parser is available
offline for German, so arguments come from clause position and prepositions).

* Clauses: a sentence is cut at commas, semicolons, colons and dashes. A zu-infinitive or a
  dass/ob-clause is *governed* by the clause before it: that clause supplies the subject
  ("Nordkorea plant, Truppen zu entsenden") and its modality cues ("plant", "keine Hinweise").
* Actor: the first entity mention in the Vorfeld (before the finite verb) that no preposition
  governs; else the first such mention after the finite verb; in a passive clause the
  "von"/"durch" mention. Target: the next ungoverned mention, or one governed by a
  type-specific preposition ("gegen", "mit", "an", "auf"). Location: a place governed by
  "in", "nach", "bei" ….
"""

from __future__ import annotations

from ..nlp import de_tag_tokens
from ..schema import Article
from ..segment import sentence_tokens
from .core import ACTOR_TYPES, PLACE_TYPES, EntityIndex, Mention, mention_confidence, strongest_cue
from .generic import GENERIC_CONFIDENCE, generic_enabled, generic_trigger, is_eventive_noun, stop_verbs
from .lexicon import Trigger, modality_cues, noun_suffixes, triggers

__all__ = ["mentions"]

LANG = "de"
_BOUNDARY = {",", ";", ":", "–", "—", "(", ")"}
_VERB_TAGS = {"VVFIN", "VVINF", "VVIZU", "VVPP", "VVIMP"}
_FINITE = {"VVFIN", "VAFIN", "VMFIN", "VVIMP"}
# tags that may stand between a preposition and the noun it governs
_NP_INNER = {"ART", "ADJA", "ADJD", "ADV", "CARD", "PPOSAT", "PIAT", "PDAT", "NN", "TRUNC", "KON",
             "$(", "FM", "PIDAT", "APPRART", "NE"}
_LOC_PREPS = {"in", "im", "ins", "nach", "bei", "beim", "auf", "an", "am", "vor", "aus", "über"}
_AGENT_PREPS = {"durch", "von", "vom"}
_TARGET_PREPS = {
    "default": {"gegen"},
    "AGREE": {"mit"}, "CONSULT": {"mit"}, "COOPERATE": {"mit"}, "SUPPORT": {"für"},
    "AID": {"an", "für"}, "DEMAND": {"an", "von"}, "ASSAULT": {"auf", "gegen"},
    "SANCTION": {"gegen"}, "COERCE": {"gegen"}, "THREATEN": {"gegen", "mit"},
    "ACCUSE": {"gegen"}, "PROTEST": {"gegen"}, "REJECT": {"von"},
}
_SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}


def _clauses(tags) -> list[tuple[int, int]]:
    out, a = [], 0
    for i, (w, _l, t) in enumerate(tags):
        if w in _BOUNDARY or (t == "$(" and w in "-–—" and 0 < i):
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(tags):
        out.append((a, len(tags)))
    return out


def _is_subordinate(tags, clause: tuple[int, int], trigger_i: int) -> bool:
    a, b = clause
    first = tags[a][2] if a < b else ""
    if first in ("KOUS", "PWAV"):
        return True
    if tags[trigger_i][2] == "VVIZU" or (trigger_i > a and tags[trigger_i - 1][2] == "PTKZU"):
        return not any(t in _FINITE for _w, _l, t in tags[a:b])
    return False


def _lemmas(tags, a: int, b: int) -> list[str]:
    return [l.lower() for _w, l, t in tags[a:b] if t not in ("$.", "$,", "$(")]


def _governing_prep(tags, tok_i: int, clause_start: int) -> str | None:
    """The preposition that governs the noun phrase containing token ``tok_i`` (if any)."""
    j = tok_i - 1
    steps = 0
    while j >= clause_start and steps < 6:
        w, _l, t = tags[j]
        if t in ("APPR", "APPRART", "APPO"):
            return w.lower()
        if t not in _NP_INNER:
            return None
        j -= 1
        steps += 1
    return None


def _tok_index(toks, offset: int) -> int:
    for i, t in enumerate(toks):
        if t.start <= offset < t.end:
            return i
    return -1


class _Sentence:
    def __init__(self, article: Article, si: int, index: EntityIndex) -> None:
        self.si = si
        self.toks = sentence_tokens(article, si)
        self.tags = de_tag_tokens(self.toks)
        self.clauses = _clauses(self.tags)
        s = article.sentences[si]  # type: ignore[index]
        # entity mentions as (first token, last token, entity)
        self.ents = []
        for a, b, e in index.within(s.start, s.end):
            ti, tj = _tok_index(self.toks, a), _tok_index(self.toks, b - 1)
            if ti >= 0 and tj >= 0:
                self.ents.append((ti, tj, e))

    def clause_of(self, i: int) -> int:
        for k, (a, b) in enumerate(self.clauses):
            if a <= i < b:
                return k
        return -1

    def scope(self, k: int, trigger_i: int) -> list[tuple[int, int]]:
        """The trigger's clause plus the clauses that govern it, innermost first."""
        out = [self.clauses[k]]
        cur, ti = k, trigger_i
        while cur > 0 and _is_subordinate(self.tags, self.clauses[cur], ti) and len(out) < 4:
            cur -= 1
            out.append(self.clauses[cur])
            a, b = self.clauses[cur]
            ti = next((i for i in range(a, b) if self.tags[i][2] in _FINITE), a)
        return out

    def ents_in(self, a: int, b: int):
        return [(i, j, e) for i, j, e in self.ents if a <= i and j < b]


def _skip_modifier(sent: _Sentence, cand, cands) -> bool:
    """'der russische Präsident Putin': the adjective mention yields to the person after it."""
    i, j, _e = cand
    word = sent.tags[i][0]
    if not word[:1].islower():
        return False
    return any(0 < i2 - j <= 3 and e2.type == "PER" for i2, _j2, e2 in cands)


def _arguments(sent: _Sentence, scope, trig_i: int, typ: str):
    """(actor, target, location, location_type, token positions used)."""
    a, b = scope[0]
    passive = sent.tags[trig_i][2] == "VVPP" and any(
        l == "werden" for _w, l, t in sent.tags[a:b] if t.startswith("VA"))
    tprep = _TARGET_PREPS.get(typ, set()) | _TARGET_PREPS["default"]
    free, agents, targets, places = [], [], [], []
    for cand in sent.ents_in(a, b):
        i, _j, e = cand
        prep = _governing_prep(sent.tags, i, a)
        if prep is None:
            free.append(cand)
        elif prep in _AGENT_PREPS and (passive or typ == "AID" or prep == "durch"):
            agents.append(cand)
        elif prep in tprep:
            targets.append(cand)
        elif prep in _LOC_PREPS and e.type in PLACE_TYPES:
            places.append(cand)
    free = [c for c in free if not _skip_modifier(sent, c, sent.ents_in(a, b))]
    actor = target = None
    used: list[int] = []
    agentish = [c for c in free if c[2].type in ACTOR_TYPES]
    if passive:
        if agents:
            actor = agents[0]
        if agentish:
            target = agentish[0]
    else:
        fin = next((i for i in range(a, b) if sent.tags[i][2] in _FINITE), None)
        vorfeld = [c for c in agentish if fin is not None and c[1] < fin]
        vorfeld_agents = [c for c in agents if fin is not None and c[1] < fin]
        if vorfeld:
            actor = vorfeld[0]
        elif vorfeld_agents:
            actor = vorfeld_agents[0]  # "Unterstützung durch X könnte …"
        elif agentish:
            actor = agentish[0]
        elif agents:
            actor = agents[0]
        rest = [c for c in agentish if c is not actor and c[2].id != (actor[2].id if actor else None)]
        if rest and (typ in _SYMMETRIC or typ not in ("OTHER",)):
            target = rest[0]
    if actor is None and len(scope) > 1:
        # zu-infinitive / dass-clause: the subject sits in the governing clause
        for ga, gb in scope[1:]:
            gfree = [c for c in sent.ents_in(ga, gb)
                     if _governing_prep(sent.tags, c[0], ga) is None and c[2].type in ACTOR_TYPES]
            gfree = [c for c in gfree if not _skip_modifier(sent, c, sent.ents_in(ga, gb))]
            if gfree:
                actor = gfree[0]
                break
    if target is None and targets:
        target = next((c for c in targets if not actor or c[2].id != actor[2].id), None)
    location = None
    if places:
        pref = [c for c in places if c[2].type == "LOC"] or places
        location = next((c for c in pref if (not actor or c[2].id != actor[2].id)
                         and (not target or c[2].id != target[2].id)), None)
    for c in (actor, target, location):
        if c:
            used.extend((c[0], c[1]))
    return (actor[2].id if actor else None, target[2].id if target else None,
            location[2].id if location else None, location[2].type if location else None, used)


def _modality(sent: _Sentence, scope, trig_i: int) -> tuple[str, list[str]]:
    words, lemmas = modality_cues(LANG)
    found: list[str] = []
    for depth, (a, b) in enumerate(scope):
        for i in range(a, b):
            if i == trig_i:
                continue
            w, l, _t = sent.tags[i]
            m = words.get(w.lower()) or lemmas.get(l.lower())
            if not m:
                continue
            # future only with an infinitive trigger (not "wird angegriffen", a passive)
            if m == "expected" and w.lower() in ("wird", "werden", "werde") and (
                    sent.tags[trig_i][2] not in ("VVINF", "VVIZU") or depth > 0):
                continue
            if depth > 0 and m in ("ongoing",):
                continue
            found.append(m)
    return strongest_cue(found), found


def _lookup(lemma: str, tag: str) -> tuple[tuple[Trigger, ...], str]:
    table = triggers(LANG)
    if tag in _VERB_TAGS:
        return table.get((lemma, "V"), ()), lemma
    if tag == "NN":
        for suf in noun_suffixes(LANG):
            if lemma.endswith(suf) and (len(lemma) == len(suf) or len(suf) >= 4):
                return table.get((suf, "N"), ()), suf
    return (), lemma


def mentions(article: Article, index: EntityIndex, display: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    generic = generic_enabled()
    for si, span in enumerate(article.sentences or ()):
        if len(span.text) > 1500:
            continue  # not a sentence (a list or table run together)
        sent = _Sentence(article, si, index)
        tags, _toks = sent.tags, sent.toks
        fired_clauses: set[int] = set()
        pending_nouns = []
        generic_items: list = []
        for i, (w, lemma, tag) in enumerate(tags):
            if tag not in _VERB_TAGS and tag != "NN":
                continue
            k = sent.clause_of(i)
            if k < 0:
                continue
            a, b = sent.clauses[k]
            lem = lemma.lower()
            if tag in ("VVFIN", "VVIMP"):
                # separable verb: "griff … an" -> "angreifen", "gab … bekannt" -> "bekanntgeben"
                for j in range(i + 1, b):
                    if tags[j][2] == "PTKVZ":
                        lem = tags[j][1].lower() + lem
                        break
            rows, key = _lookup(lem, tag)
            scope = sent.scope(k, i)
            row = None
            if rows:
                clause_lemmas = _lemmas(tags, a, b)
                row = next((r for r in rows if r.matches(clause_lemmas)), None)
            if row is None:
                if generic and lem.isalpha() and (
                        (tag in _VERB_TAGS and lem not in stop_verbs(LANG))
                        or (tag == "NN" and is_eventive_noun(lem, LANG))):
                    g = generic_trigger(lem, "V" if tag in _VERB_TAGS else "N", LANG)
                    generic_items.append((i, k, scope, g, lem, []))
                continue
            item = (i, k, scope, row, key, clause_lemmas)
            if row.pos == "N":
                pending_nouns.append(item)
            else:
                fired_clauses.add(k)
                out.append(_make(article, sent, item, display, index))
        for item in pending_nouns:
            i, k, scope, row, key, _cl = item
            if k in fired_clauses:
                continue  # "kündigte einen Angriff an": the verb's event already covers it
            m = _make(article, sent, item, display, index)
            if row.type != "OTHER" and not (m.actor or m.target):
                if generic:  # a bare noun ("die Sanktionen") is a topic, not a coded event ...
                    generic_items.append((i, k, scope, generic_trigger(key, "N", LANG), key, []))
                continue  # ... but it is a generic one
            out.append(m)
        fired_keys = {x for m in out if m.sentence == si for x in m.keys}
        for item in generic_items:
            if item[3].pos == "N" and any(x in item[4] for x in fired_keys):
                continue  # "unterzeichneten ein Abkommen": the object is part of that event
            m = _make(article, sent, item, display, index)
            t = sent.toks[item[0]]
            m.start, m.end = t.start, t.end  # the trigger is the mention: arguments are fields
            m.confidence = min(m.confidence, GENERIC_CONFIDENCE)
            out.append(m)
    return out


def _make(article: Article, sent: _Sentence, item, display, index: EntityIndex) -> Mention:
    i, k, scope, row, key, clause_lemmas = item
    toks = sent.toks
    actor, target, location, loc_type, used = _arguments(sent, scope, i, row.type)
    modality, cues = _modality(sent, scope, i)
    a, b = sent.clauses[k]
    positions = [i] + used
    start, end = toks[min(positions)].start, toks[max(positions)].end
    clause = (toks[min(a, *(s[0] for s in scope))].start, toks[b - 1].end)
    keys = row.matched_stems(clause_lemmas) or (frozenset({key}) if row.pos == "N" else frozenset())
    conf = mention_confidence(row, actor, target, location, index)
    t0 = toks[i].start
    return Mention(
        sentence=sent.si, start=start, end=end, trigger=(t0, toks[i].end), type=row.type,
        cameo=row.cameo, mode=row.mode, label=row.label, actor=actor, target=target,
        location=location, location_type=loc_type, keys=keys, lemma=key, modality=modality,
        hedged=any(c in ("possible",) for c in cues), confidence=conf,
        display=any(x <= t0 < y for x, y in display), clause=clause, cues=cues,
    )
