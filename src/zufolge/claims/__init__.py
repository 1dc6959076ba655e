"""Claims: who says what, through whom, how sure.

The stage dispatches on the article's language to ``claims/<lang>.py``, whose
``extract(article) -> list[Claim]`` finds cues, sources, content spans and
certainty. Ids are assigned here (``c1``…, in text order) and ``via`` links are
remapped; ``chains.build_chains`` then derives each claim's source chain.
A language without a module gets no claims layer (absent, not faked).
"""

from __future__ import annotations

import importlib
from dataclasses import replace

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


def keep_in_paragraph(article: Article, claim: Claim) -> Claim:
    """An indirect claim's content never crosses a paragraph break.

    A parser may glue a headline onto the first sentence ("… as talks stall
    Dock workers walked off …, according to union officials"); only direct
    quotes legitimately run over several paragraphs.
    """
    c = claim.content
    if claim.mode in ("direct", "mixed") or "\n\n" not in c.text:
        return claim
    anchor = claim.cue.start if claim.cue else c.end - 1
    text = article.text
    start = text.rfind("\n\n", 0, anchor) + 2 if text.rfind("\n\n", 0, anchor) >= 0 else 0
    end = text.find("\n\n", anchor)
    end = len(text) if end < 0 else end
    a, b = max(c.start, start), min(c.end, end)
    if b <= a:  # the cue sits in another paragraph than the content: keep the content's last part
        a = max(c.start, text.rfind("\n\n", c.start, c.end) + 2)
        b = c.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return replace(claim, content=article.span(a, b))


@stage("claims", VERSION, requires=("sentences",), assigns=("claims",))
def claims(article: Article) -> Article:
    module = _language_module(article.language)
    if module is None:
        return article
    found = renumber([keep_in_paragraph(article, c) for c in module.extract(article)])
    return article.replace(claims=tuple(build_chains(found)))
