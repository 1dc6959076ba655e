"""The ``temporal`` stage: dates, times, durations and sets, normalised against an anchor.

The anchor is ``Article.published`` when there is one, otherwise the nearest
explicit date with a year in the text; each expression records which it used
(``anchor``: published|context|none). The rules live in ``rules.py``, the
language knowledge in ``lexicon/<lang>.tsv``.

Example::

    >>> from zufolge.schema import Article
    >>> from zufolge.temporal import temporal
    >>> a = Article("x", "Im Juli 2024 kam er. Am 25. Juni hatte er gewarnt.", language="de")
    >>> [(t.span.text, t.value, t.anchor) for t in temporal(a).times]
    [('Juli 2024', '2024-07', 'none'), ('25. Juni', '2024-06-25', 'context')]
"""

from __future__ import annotations

from ..pipeline import stage
from ..schema import Article, TimeExpr
from .rules import Anchor, FoundTime, find_times, parse_anchor

__all__ = ["VERSION", "Anchor", "FoundTime", "find_times", "parse_anchor", "temporal"]

VERSION = "0.3"


@stage("temporal", VERSION, requires=("sentences",), assigns=("times",))
def temporal(article: Article) -> Article:
    lang = article.language if article.language in ("de", "en") else "en"
    by = f"temporal/{lang}@{VERSION}"
    times = tuple(
        TimeExpr(article.span(t.start, t.end), t.value, t.type, t.anchor, by)
        for t in find_times(article.text, lang, article.published)
    )
    return article.replace(times=times)
