"""Events: who did what to whom, where, when — and did it happen at all.

The stage codes PLOVER event types (with the CAMEO root where the mapping is clear) from
per-language trigger lexicons (``events/lexicon/<lang>.tsv``), finds actor, target and
location among the entities, the date among the times and counts among the quantities, and
sets the **modality** (occurred, ongoing, planned, expected, possible, hypothetical, negated)
from the claims layer, modal and plan verbs, Konjunktiv and negation. The headline, lead,
body and captions that describe one happening become one event with several mentions.

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
from .core import EntityIndex, apply_claims, attach_time_and_quantities, build_events, display_ranges
from .lexicon import PLOVER_TYPES, cameo_to_plover

__all__ = ["PLOVER_TYPES", "VERSION", "cameo_to_plover", "code_events"]

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
    found = module.mentions(article, index, display_ranges(article))
    if index.present:
        # PLOVER codes who did what to whom: with entities known, a trigger with neither actor
        # nor target ("crowds trashed its embassy") is not coded
        found = [m for m in found if m.type == "OTHER" or m.actor or m.target]
    for m in found:
        apply_claims(m, article)
        attach_time_and_quantities(m, article)
    return build_events(found, article, index, by=f"events/{article.language}@{VERSION}")


@stage("events", VERSION, requires=("sentences",), assigns=("events",))
def events(article: Article) -> Article:
    if _language_module(article.language) is None:
        return article  # no lexicon for this language: layer absent, not faked
    return article.replace(events=code_events(article))
