"""German claim lexicons, loaded once from ``claims/lexicon/de.*``.

All language knowledge of the German claims engine lives in those data files:
cue verbs with their speech-act kind and certainty, separable particles, hedge
words, anonymous-source patterns with their English class, source-kind head
words and nominal cue heads ("nach Angaben", "Berichten zufolge").

Example::

    >>> lex = german_lexicon()
    >>> lex.verbs["bekanntgeben"]
    ('announce', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).parent / "lexicon"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True)
class GermanLexicon:
    verbs: dict[str, tuple[str, str | None]]  # infinitive -> (kind, certainty or None)
    particles: frozenset[str]
    hedges: dict[str, str]  # lowercase word or phrase -> certainty level
    anonymous: tuple[tuple[re.Pattern[str], str], ...]  # pattern -> English class
    source_kinds: tuple[tuple[str, str], ...]  # head word -> kind
    nominal_heads: frozenset[str]
    #: light-verb phrases: verb lemma -> ((words, kind, certainty or None), …), longest first
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, str | None], ...]] = None  # type: ignore[assignment]


@lru_cache(maxsize=1)
def german_lexicon() -> GermanLexicon:
    verbs = {r[0]: (r[1], None if len(r) < 3 or r[2] == "-" else r[2]) for r in _rows("de.verbs.tsv")}
    particles = frozenset(r[0] for r in _rows("de.particles.txt"))
    hedges = {r[0]: r[1] for r in _rows("de.hedges.tsv")}
    anonymous = tuple((re.compile(r[0]), r[1]) for r in _rows("de.anonymous.tsv"))
    kinds = tuple((r[0], r[1]) for r in _rows("de.sources.tsv"))
    nominal = frozenset(r[0] for r in _rows("de.nominal.txt"))
    phrases: dict[str, list] = {}
    for r in _rows("de.phrases.tsv"):
        phrases.setdefault(r[0], []).append((tuple(r[1].split()), r[2], None if len(r) < 4 or r[3] == "-" else r[3]))
    frozen = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
    return GermanLexicon(verbs, particles, hedges, anonymous, kinds, nominal, frozen)
