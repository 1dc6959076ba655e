"""Claims: who says what, through whom, how sure.

The stage dispatches on the article's language to ``claims/<lang>.py``, whose
``extract(article) -> list[Claim]`` finds cues, sources, content spans and
certainty. Ids are assigned here (``c1``…, in text order) and ``via`` links are
remapped; ``chains.build_chains`` then derives each claim's source chain.
A language without a module gets no claims layer (absent, not faked).
"""

from __future__ import annotations

import importlib

from ..pipeline import stage
from ..schema import Article, Claim
from .chains import build_chains

VERSION = "0.1"


def _language_module(lang: str | None):
    if not lang:
        return None
    try:
        return importlib.import_module(f"{__name__}.{lang}")
    except ModuleNotFoundError:
        return None


def renumber(claims: list[Claim]) -> list[Claim]:
    """Give claims ids c1… in text order and remap their ``via`` links."""
    ordered = sorted(claims, key=lambda c: (c.content.start, c.content.end))
    new_ids = {c.id: f"c{i + 1}" for i, c in enumerate(ordered)}
    return [c.__class__(**{**{f: getattr(c, f) for f in c.__slots__},
                           "id": new_ids[c.id],
                           "via": new_ids.get(c.via) if c.via else None})
            for c in ordered]


@stage("claims", VERSION, requires=("sentences",), assigns=("claims",))
def claims(article: Article) -> Article:
    module = _language_module(article.language)
    if module is None:
        return article
    found = renumber(list(module.extract(article)))
    return article.replace(claims=tuple(build_chains(found)))
