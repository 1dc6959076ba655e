"""English event mentions from the spaCy dependency parse (``zufolge.nlp.en_doc``, cached).

* Trigger: a verb (or noun) lemma from ``lexicon/en.tsv``; "call_for" rows need a "for" child.
* Clause: the trigger's subtree without nested clauses (ccomp, advcl, relcl, parataxis, …).
* Actor: the entity in the subject (``nsubj``; for xcomp/conj verbs the governing verb's
  subject; in the passive the "by" agent). Target: the entity in the object or in a
  with/against/to/at/on… phrase; location: a place in an in/near/across phrase.
* Modality: negation, modal auxiliaries, "if", and the verbs the trigger depends on
  ("plans to send", "is expected to attack", "is about to restore").
"""

from __future__ import annotations

import re

from ..nlp import en_doc
from ..schema import Article
from .core import ACTOR_TYPES, PLACE_TYPES, EntityIndex, Mention, mention_confidence, strongest_cue
from .generic import (
    GENERIC_CONFIDENCE,
    generic_enabled,
    generic_trigger,
    is_eventive_noun,
    phrasal,
    stop_verbs,
)
from .lexicon import modality_cues, triggers

__all__ = ["mentions"]

LANG = "en"
_NESTED = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
_TARGET_PREPS = {"with", "against", "to", "at", "on", "toward", "towards", "into", "for", "over",
                 "between", "from", "of", "upon"}
_LOC_PREPS = {"in", "near", "inside", "across", "within", "outside", "throughout"}
_SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}


def _clause_tokens(tok) -> list:
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _NESTED or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            stack.append(c)
    return out


class _Ents:
    def __init__(self, index: EntityIndex, a: int, b: int) -> None:
        self.items = index.within(a, b)

    def first_in(self, tokens, types=None):
        """The first entity mention overlapping any of ``tokens`` (in text order)."""
        if not tokens:
            return None
        spans = sorted((t.idx, t.idx + len(t.text)) for t in tokens)
        for a, b, e in self.items:
            if types and e.type not in types:
                continue
            for x, y in spans:
                if a < y and x < b:
                    return (a, b, e)
        return None


def _subtree(tok, skip_nested: bool = True) -> list:
    return _clause_tokens(tok) if skip_nested else list(tok.subtree)


def _subject(trig):
    """(subject token, passive?) following xcomp/conj chains upwards; a pronoun subject of a
    complement clause ("Ethiopia indicated it would act") yields to the governing subject."""
    t = trig
    for _ in range(5):
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.pos_ == "PRON" and t.dep_ == "ccomp" and t.head is not t:
                    break
                return c, False
            if c.dep_ == "nsubjpass":
                # "X is expected to deploy": the raised subject is the deployer
                return c, t is trig
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") and t.head is not t:
            t = t.head
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":  # "is about to restore"
            t = t.head.head
            continue
        break
    return None, False


def _conjuncts(tok) -> list:
    return [c for c in tok.children if c.dep_ == "conj"]


def _arguments(trig, ents: _Ents, typ: str):
    subj, passive = _subject(trig)
    actor = target = location = None
    clause = _clause_tokens(trig)
    if passive:
        for c in trig.children:
            if c.dep_ == "agent":
                actor = ents.first_in(list(c.subtree), ACTOR_TYPES)
        if subj is not None:
            target = ents.first_in(_subtree(subj), ACTOR_TYPES)
    elif subj is not None:
        head_only = [t for t in subj.subtree if t.dep_ not in ("conj", "cc") or t is subj]
        conj = _conjuncts(subj)
        first = [t for t in _subtree(subj) if not any(t in c.subtree for c in conj)]
        actor = ents.first_in(first, ACTOR_TYPES) or ents.first_in(head_only, ACTOR_TYPES)
        if actor is None and conj:
            actor = ents.first_in(list(subj.subtree), ACTOR_TYPES)
        if conj and typ in _SYMMETRIC:
            for c in conj:
                e = ents.first_in(list(c.subtree), ACTOR_TYPES)
                if e and (not actor or e[2].id != actor[2].id):
                    target = e
                    break
    if target is None:
        objs = [c for c in trig.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        for o in objs:
            e = ents.first_in(_subtree(o), ACTOR_TYPES)
            if e and (not actor or e[2].id != actor[2].id):
                target = e
                break
    preps = [c for c in trig.children if c.dep_ in ("prep", "agent")]
    for o in [c for c in trig.children if c.dep_ in ("dobj", "xcomp")]:
        preps += [c for c in o.children if c.dep_ == "prep"]
    for p in preps:
        lem = p.lemma_.lower()
        if target is None and lem in _TARGET_PREPS and p.dep_ != "agent":
            e = ents.first_in(_subtree(p), ACTOR_TYPES)
            if e and (not actor or e[2].id != actor[2].id):
                target = e
        if location is None and (lem in _LOC_PREPS or lem in ("to", "into", "toward", "towards")):
            e = ents.first_in(_subtree(p), PLACE_TYPES)
            if e and (not actor or e[2].id != actor[2].id) and (not target or e[2].id != target[2].id):
                location = e
    if actor is None and typ != "OTHER":
        # "Arnor's foreign minister urged …" parses fine; a fragment without a subject
        # falls back to the first entity before the trigger in its clause
        before = [t for t in clause if t.i < trig.i]
        actor = ents.first_in(before, ACTOR_TYPES)
    return actor, target, location, clause


def _noun_arguments(noun, ents: _Ents):
    actor = target = location = None
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and actor is None:
            actor = ents.first_in(list(c.subtree), ACTOR_TYPES)
        elif c.dep_ == "prep":
            lem = c.lemma_.lower()
            if lem == "by" and actor is None:
                actor = ents.first_in(list(c.subtree), ACTOR_TYPES)
            elif lem in _TARGET_PREPS and target is None:
                target = ents.first_in(list(c.subtree), ACTOR_TYPES)
            elif lem in _LOC_PREPS and location is None:
                location = ents.first_in(list(c.subtree), PLACE_TYPES)
    return actor, target, location, list(noun.subtree)


def _modality(trig) -> tuple[str, list[str]]:
    words, lemmas = modality_cues(LANG)
    found: list[str] = []

    def look(tok, depth):
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "prt") or (
                    c.dep_ == "acomp" and depth > 0):
                m = words.get(c.text.lower()) or lemmas.get(c.lemma_.lower())
                if m:
                    found.append(m)
        if depth > 0:
            m = words.get(tok.text.lower()) or lemmas.get(tok.lemma_.lower())
            if m:
                found.append(m)

    look(trig, 0)
    t, depth = trig, 0
    while depth < 4 and t.dep_ in ("xcomp", "pcomp", "pobj", "prep", "ccomp", "conj") and t.head is not t:
        if t.dep_ == "ccomp" and t.head.lemma_.lower() not in lemmas:
            break  # "X said that …": the reporting verb's tense says nothing about the event
        t = t.head
        depth += 1
        if t.dep_ == "conj":
            continue
        look(t, depth)
    if trig.tag_ in ("VBG",) and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trig.children) \
            and "expected" not in found and "planned" not in found:
        found.append("ongoing")
    return strongest_cue(found), found


def _lookup(tok):
    table = triggers(LANG)
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
        for c in tok.children:
            if c.dep_ in ("prt", "prep"):
                rows = table.get((f"{lemma}_{c.lemma_.lower()}", "V"))
                if rows:
                    return rows, lemma
        return table.get((lemma, "V"), ()), lemma
    if tok.pos_ == "NOUN":
        return table.get((lemma, "N"), ()), lemma
    return (), lemma


def mentions(article: Article, index: EntityIndex, display: list[tuple[int, int]]) -> list[Mention]:
    doc = en_doc(article.text)
    out: list[Mention] = []
    sentences = article.sentences or ()
    bounds = [(s.start, s.end) for s in sentences]
    si = 0
    verbs_fired: list = []
    nouns: list = []
    generic = generic_enabled()
    generic_items: list = []
    retagged = _retag_titles(article, bounds) if generic else {}
    for tok in doc:
        while si < len(bounds) and tok.idx >= bounds[si][1]:
            si += 1
        if si >= len(bounds) or tok.idx < bounds[si][0]:
            continue
        rows, _lemma = _lookup(tok)
        row = None
        if rows:
            clause = _clause_tokens(tok) if tok.pos_ != "NOUN" else list(tok.subtree)
            lemmas = [t.lemma_.lower() for t in clause] + [t.text.lower() for t in clause]
            row = next((r for r in rows if r.matches(lemmas)), None)
        if row is None:
            if generic:
                g = _generic_row(tok, retagged)
                if g is not None:
                    generic_items.append((tok, si, g))
            continue
        if row.pos == "N":
            nouns.append((tok, si, row, lemmas))
            continue
        ents = _Ents(index, *bounds[si])
        actor, target, location, clause_toks = _arguments(tok, ents, row.type)
        verbs_fired.append(tok)
        out.append(_make(article, tok, si, row, lemmas, actor, target, location, clause_toks,
                         display, index, _modality(tok)))
    for tok, si, row, lemmas in nouns:
        if any(tok in list(v.children) for v in verbs_fired):
            continue  # "launched an offensive": the verb's event covers it
        ents = _Ents(index, *bounds[si])
        actor, target, location, sub = _noun_arguments(tok, ents)
        if row.type != "OTHER" and actor is None:
            if generic:  # a bare noun ("the sanctions") is a topic, not a coded event ...
                generic_items.append((tok, si, generic_trigger(tok.lemma_.lower(), "N", LANG)))
            continue  # ... but it is a generic one
        mod = _modality(tok.head) if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else ("occurred", [])
        out.append(_make(article, tok, si, row, lemmas, actor, target, location, sub,
                         display, index, mod))
    fired = {x for m in out for x in m.keys}
    for tok, si, row in generic_items:
        if row.pos == "N" and row.lemma in fired:
            continue  # "signed an agreement": the object is part of the lexicon event
        ents = _Ents(index, *bounds[si])
        if row.pos == "N":
            actor, target, location, sub = _noun_arguments(tok, ents)
            mod = _modality(tok.head) if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else ("occurred", [])
        else:
            actor, target, location, sub = _arguments(tok, ents, "OTHER")
            mod = _modality(tok)
        m = _make(article, tok, si, row, [], actor, target, location, sub, display, index, mod)
        m.start, m.end = m.trigger  # the trigger is the mention: arguments are fields
        m.confidence = min(m.confidence, GENERIC_CONFIDENCE)
        out.append(m)
    return out


_WORD = re.compile(r"[^\W\d_]+")
_INNER_CAPITAL = re.compile(r"(?<=[^\W\d_] )[A-Z][^\W\d_]+")
_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _retag_titles(article: Article, bounds) -> dict:
    """Headlines in Title Case ("Actress Checks Into Rehab") are tagged as proper nouns by the
    parser: parse them again in lower case; char offset -> token of that parse."""
    from ..nlp import en_nlp

    out: dict = {}
    titles = [(a, b) for a, b in bounds
              if b - a <= 300 and _is_title_case(article.text[a:b])]
    if not titles:
        return out
    # names: words written with a capital inside the body's sentences ("… actress Tara Reid")
    names: set[str] = set()
    for a, b in bounds:
        if (a, b) not in titles:
            names.update(m.group() for m in _INNER_CAPITAL.finditer(article.text, a, b))
    lowered = []
    for a, b in titles:
        text = article.text[a:b]
        low = _WORD.sub(lambda m: m.group() if m.group() in names else m.group().lower(), text)
        low = text[:1] + low[1:]
        if len(low) == len(text):
            lowered.append((a, low))
    for (a, _low), doc in zip(lowered, en_nlp().pipe(low for _a, low in lowered)):
        for t in doc:
            out[a + t.idx] = t
    return out


def _generic_row(tok, retagged):
    """A generic OTHER trigger for a main verb or an eventive noun the lexicon does not code."""
    tok = retagged.get(tok.idx, tok)
    pos, tag, lemma = tok.pos_, tok.tag_, tok.lemma_.lower()
    if pos == "PROPN":
        pos = "NOUN" if lemma in _title_nouns() else "PROPN"
    if pos == "VERB" or (pos == "ADJ" and tag in _VERB_TAGS):
        if lemma in stop_verbs(LANG) or not lemma.isalpha():
            return None
        label = lemma
        for c in tok.children:
            if c.dep_ == "prt":
                label = f"{lemma} {c.lemma_.lower()}"
                break
            if c.dep_ == "prep" and f"{lemma}_{c.lemma_.lower()}" in phrasal(LANG):
                label = f"{lemma} {c.lemma_.lower()}"
                break
        return generic_trigger(label, "V", LANG)
    if pos == "NOUN" and is_eventive_noun(lemma, LANG):
        return generic_trigger(lemma, "N", LANG)
    return None


def _title_nouns() -> frozenset[str]:
    from .generic import _generic_lists

    return _generic_lists(LANG).get("noun", frozenset())


def _make(article, tok, si, row, lemmas, actor, target, location, clause_toks, display,
          index: EntityIndex, mod) -> Mention:
    modality, cues = mod
    positions = [(tok.idx, tok.idx + len(tok.text))]
    for c in (actor, target, location):
        if c:
            positions.append((c[0], c[1]))
    start = min(p[0] for p in positions)
    end = max(p[1] for p in positions)
    cl = [t for t in clause_toks] or [tok]
    clause = (min(t.idx for t in cl), max(t.idx + len(t.text) for t in cl))
    keys = row.matched_stems(lemmas) or (frozenset({row.lemma}) if row.pos == "N" else frozenset())
    conf = mention_confidence(row, actor, target, location, index)
    return Mention(
        sentence=si, start=start, end=end, trigger=(tok.idx, tok.idx + len(tok.text)),
        type=row.type, cameo=row.cameo, mode=row.mode, label=row.label,
        actor=actor[2].id if actor else None, target=target[2].id if target else None,
        location=location[2].id if location else None,
        location_type=location[2].type if location else None, keys=keys, lemma=row.lemma,
        modality=modality, hedged="possible" in cues, confidence=conf,
        display=any(x <= tok.idx < y for x, y in display), clause=clause, cues=cues,
    )


def _entity_at(ents, span):
    if not span or ents is None:
        return None
    for a, b, e in ents.items:
        if a < span[1] and span[0] < b:
            return (a, b, e)
    return None


def dictionary_mentions(article: Article, index: EntityIndex, display: list[tuple[int, int]],
                        dictionaries) -> list[Mention]:
    """Mentions from loaded CAMEO dictionaries (``events.cameo``): the dictionary's code gives
    ``cameo`` and (through its root) the PLOVER type; actor/target are the entities overlapping
    the coded source/target phrases. Codes without a PLOVER type (CAMEO 01/02) are left out."""
    from .cameo import code_cameo, plover_of

    doc = en_doc(article.text)
    bounds = [(s.start, s.end) for s in article.sentences or ()]
    date = (article.published or "")[:10]
    out: list[Mention] = []
    for c in code_cameo(doc, dictionaries, date=date or None, sentences=bounds):
        typ = plover_of(c.event)
        if typ is None:
            continue
        si = next((k for k, (a, b) in enumerate(bounds) if a <= c.verb[0] < b), 0)
        ents = _Ents(index, *bounds[si]) if bounds else None
        actor, target = _entity_at(ents, c.source_span), _entity_at(ents, c.target_span)
        tok = doc.char_span(c.verb[0], c.verb[1], alignment_mode="expand")
        tok = tok.root if tok is not None else None
        mod = _modality(tok) if tok is not None else ("occurred", [])
        positions = [c.verb] + [p for p in (c.source_span, c.target_span) if p]
        clause = (min(p[0] for p in positions), max(p[1] for p in positions))
        out.append(Mention(
            sentence=si, start=clause[0], end=clause[1], trigger=c.verb, type=typ, cameo=c.event,
            actor=actor[2].id if actor else None, target=target[2].id if target else None,
            keys=frozenset({c.source, c.target}), lemma=tok.lemma_.lower() if tok is not None else "",
            modality=mod[0], hedged="possible" in mod[1], confidence=0.7,
            display=any(x <= c.verb[0] < y for x, y in display), clause=clause, cues=mod[1],
        ))
    return out
