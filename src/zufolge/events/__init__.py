"""Events: who did what to whom, where, when — and did it happen at all.

The stage codes PLOVER event types (with the CAMEO root where the mapping is clear) from
per-language trigger lexicons (``events/lexicon/<lang>.tsv``), finds actor, target and
location among the entities, the date among the times and counts among the quantities, and
sets the **modality** (occurred, ongoing, planned, expected, possible, hypothetical, negated)
from the claims layer, modal and plan verbs, Konjunktiv and negation. The headline, lead,
body and captions that describe one happening become one event with several mentions.

Users who own CAMEO dictionaries in PETRARCH/TABARI format can load them for English
(``load_cameo_dictionaries(verbs=…, actors=…, agents=…, discards=…)`` or the
``ZUFOLGE_CAMEO_VERBS``/``_ACTORS``/``_AGENTS``/``_DISCARDS`` variables): the dictionaries then
code the PLOVER events (type from the CAMEO root, ``cameo`` = the dictionary's code), and
``code_cameo`` gives the CAMEO actor codes. See ``events/cameo.py``.

Every other layer is optional: without entities there are no actors, without times no dates,
without claims the modality comes from the sentence alone.

Example::

    >>> import zufolge
    >>> doc = zufolge.analyze("Russland und Nordkorea unterzeichneten ein Abkommen.", raw=True)
    >>> [(e.type, e.modality) for e in doc.events]
    [('AGREE', 'occurred')]
"""

from __future__ import annotations

import importlib

from ..pipeline import stage
from ..schema import Article
from .cameo import (
    CameoCoding,
    CameoDictionaries,
    active_dictionaries,
    clear_cameo_dictionaries,
    code_cameo,
    load_cameo_dictionaries,
    plover_of,
)
from .core import EntityIndex, apply_claims, attach_time_and_quantities, build_events, display_ranges
from .generic import as_generic, generic_enabled, set_generic_events
from .lexicon import PLOVER_TYPES, cameo_to_plover

__all__ = [
    "PLOVER_TYPES", "VERSION", "CameoCoding", "CameoDictionaries", "cameo_to_plover",
    "clear_cameo_dictionaries", "code_cameo", "code_events", "load_cameo_dictionaries", "plover_of",
    "set_generic_events",
]

VERSION = "0.1"


def _language_module(lang: str | None):
    if lang not in ("de", "en"):
        return None
    return importlib.import_module(f"{__name__}.{lang}")


def code_events(article: Article) -> tuple:
    """The events of an article (needs ``sentences``; uses entities/times/quantities/claims)."""
    module = _language_module(article.language)
    if module is None or not article.sentences:
        return ()
    index = EntityIndex(article.entities)
    display = display_ranges(article)
    found = module.mentions(article, index, display)
    dictionaries = active_dictionaries() if article.language == "en" else None
    coded: list = []
    if dictionaries is not None and dictionaries.verbs:
        # user-loaded CAMEO dictionaries code the PLOVER events (their codings are dyads of
        # dictionary actors already); our lexicon adds OTHER happenings only
        found = [m for m in found if m.type == "OTHER"]
        coded = module.dictionary_mentions(article, index, display, dictionaries)
    generic = generic_enabled()
    if index.present:
        # PLOVER codes who did what to whom: with entities known, a trigger with neither actor
        # nor target ("crowds trashed its embassy") is not coded (with generic events on, it
        # is a generic one)
        kept = []
        for m in found:
            if m.type == "OTHER" or m.actor or m.target:
                kept.append(m)
            elif generic:
                kept.append(as_generic(m))
        found = kept
    if generic:
        for m in found:  # the trigger word, for linking reports that use other words
            m.label = m.label or m.lemma.replace("_", " ") or None
    found = sorted(found + coded, key=lambda m: m.trigger)
    for m in found:
        apply_claims(m, article)
        attach_time_and_quantities(m, article)
    return build_events(found, article, index, by=f"events/{article.language}@{VERSION}")


@stage("events", VERSION, requires=("sentences",), assigns=("events",))
def events(article: Article) -> Article:
    if _language_module(article.language) is None:
        return article  # no lexicon for this language: layer absent, not faked
    return article.replace(events=code_events(article))
