"""Generic event mentions: every eventive predicate, not only the PLOVER lexicon's.

Off by default. ``set_generic_events(True)`` (or ``ZUFOLGE_EVENTS_GENERIC=1`` in the
environment, which worker processes inherit) makes the events stage also emit an ``OTHER``
event for each main verb and eventive noun that no lexicon row codes: English from the spaCy
parse (``VERB`` tokens, nouns that are deverbal, end in an eventive suffix or are listed in
``lexicon/en.generic.tsv``), German from HanTa's STTS tags (full verbs ``VV*``, nouns with an
eventive suffix or listed in ``lexicon/de.generic.tsv``). Such an event has ``label`` = the
trigger lemma (with its particle: "pass away", "check into"), no ``mode`` and no ``cameo``,
a confidence of at most :data:`GENERIC_CONFIDENCE` (lexicon events start at 0.45: filter on
``confidence >= 0.4`` to leave generic ones out) and its trigger as its only mention span;
actor, target, location, date and modality come from the same argument logic as PLOVER
events. They never displace a lexicon event: a token that a lexicon row codes is never
generic.

Corpus linking (``corpus/linking.py``) groups them across articles by lemma family
(``lexicon/<lang>.families.tsv``: words that name the same kind of happening, e.g. die,
death, pass away) within one story, split by conflicting arguments and dates.

Example::

    >>> from zufolge.events.generic import family
    >>> family("passed away", "en") == family("death", "en")
    True
"""

from __future__ import annotations

import os
from functools import lru_cache

from .lexicon import Trigger, _rows

__all__ = ["GENERIC_CONFIDENCE", "as_generic", "family", "generic_enabled", "generic_trigger",
           "is_eventive_noun", "phrasal", "set_generic_events"]

GENERIC_CONFIDENCE = 0.35
_ENV = "ZUFOLGE_EVENTS_GENERIC"
_override: bool | None = None


def set_generic_events(on: bool | None) -> None:
    """Emit generic ``OTHER`` events (True), not (False), or follow the environment (None)."""
    global _override
    _override = on


def generic_enabled() -> bool:
    if _override is not None:
        return _override
    return os.environ.get(_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _lines(name: str) -> list[list[str]]:
    """The lexicon file's rows (as ``lexicon._rows`` reads them), cells stripped."""
    return [[c.strip() for c in row] for row in _rows(name)]


@lru_cache(maxsize=4)
def _generic_lists(lang: str) -> dict[str, frozenset[str]]:
    """``lexicon/<lang>.generic.tsv``: kind (noun|stopverb|suffix|phrasal) -> words."""
    out: dict[str, set[str]] = {}
    for row in _lines(f"{lang}.generic.tsv"):
        if len(row) >= 2:
            out.setdefault(row[0], set()).update(w.strip().lower() for w in row[1].split("|") if w.strip())
    return {k: frozenset(v) for k, v in out.items()}


def stop_verbs(lang: str) -> frozenset[str]:
    """Verbs that are never events on their own (auxiliary-like, copular, light)."""
    return _generic_lists(lang).get("stopverb", frozenset())


def phrasal(lang: str) -> frozenset[str]:
    """Verb + preposition pairs that name their own happening ("check into", "pass away")."""
    return _generic_lists(lang).get("phrasal", frozenset())


@lru_cache(maxsize=1)
def _en_verbs() -> frozenset[str]:
    try:
        from ..nlp import en_nlp

        table = en_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except (KeyError, ValueError, AttributeError):  # a model without lookup tables
        return frozenset()


def is_eventive_noun(lemma: str, lang: str) -> bool:
    """A noun that names a happening: listed, deverbal (English: also a verb) or with an
    eventive suffix (-tion, -ment …; -ung, -ion … in German)."""
    lists = _generic_lists(lang)
    lemma = lemma.lower()
    if lemma in lists.get("noun", ()):
        return True
    if lemma in lists.get("notnoun", ()):
        return False
    if len(lemma) > 5 and lemma.endswith(tuple(lists.get("suffix", ()))):
        return True
    return lang == "en" and len(lemma) > 2 and lemma in _en_verbs()


@lru_cache(maxsize=4096)
def generic_trigger(lemma: str, pos: str, lang: str) -> Trigger:
    """A lexicon-like row for a generic trigger (type OTHER, label = lemma)."""
    return Trigger(lemma, pos, "OTHER", None, None, (), (), lemma, exact=(lang == "en"))


def as_generic(m):
    """A lexicon mention that is not coded (no actor, no target) as a generic one."""
    m.type, m.cameo, m.mode = "OTHER", None, None
    m.label = m.lemma.replace("_", " ") if m.lemma else m.label
    m.start, m.end = m.trigger
    m.confidence = min(m.confidence, GENERIC_CONFIDENCE)
    return m


@lru_cache(maxsize=4)
def _families(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _lines(f"{lang}.families.tsv"):
        words = [w.strip().lower().replace("_", " ") for w in row[0].split("|") if w.strip()]
        for w in words:
            out.setdefault(w, words[0])
    return out


_IRREGULAR_EN = {"said": "say", "died": "die", "dies": "die", "passed": "pass"}


def family(label: str | None, lang: str | None = None) -> str:
    """The lemma family of an event label: its first word in ``<lang>.families.tsv``, else the
    lower-cased label itself (both languages are looked up when ``lang`` is None)."""
    if not label:
        return ""
    key = " ".join(label.lower().split())
    langs = (lang,) if lang else ("en", "de")
    for lg in langs:
        fam = _families(lg).get(key) or (_families(lg).get(key[:-1]) if key.endswith("s") else None)
        if fam:
            return fam
    if lang in (None, "en"):
        first = key.split(" ")[0]
        key2 = " ".join([_IRREGULAR_EN.get(first, first)] + key.split(" ")[1:])
        for lg in langs:
            fam = _families(lg).get(key2)
            if fam:
                return fam
        return _stem(key2)
    return key


_SUFFIXES = ("ations", "ation", "itions", "ition", "ions", "ion", "ments", "ment", "ances", "ance",
             "ences", "ence", "ings", "ing", "ates", "ate", "als", "al", "es", "s", "e")


def _stem(word: str) -> str:
    """A crude English stem for words no family lists, so that a verb and its nominalisation
    meet: negotiate / negotiation -> "negoti", treat / treatment -> "treat"."""
    if " " in word:
        return word
    for _ in range(2):
        for suf in _SUFFIXES:
            if word.endswith(suf) and len(word) - len(suf) >= 4:
                word = word[: -len(suf)]
                break
        if word.endswith("at") and len(word) > 6:
            word = word[:-2]
    return word
