"""The English attribution lexicon, read once from ``claims/lexicon/en.*.tsv``.

Language knowledge lives in those data files; this module only parses them.

Example::

    >>> lex = load()
    >>> lex.verbs["say"]
    ('say', 'asserted')
    >>> ("call", "for") in lex.particles
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["EnLexicon", "load"]

_DIR = Path(__file__).parent / "lexicon"


@dataclass(frozen=True)
class EnLexicon:
    verbs: dict[str, tuple[str, str]]  # lemma -> (speech act, certainty level)
    particles: frozenset[tuple[str, str]]  # (verb lemma, particle/preposition)
    nouns: dict[str, tuple[str, str]]  # noun lemma -> (source kind, certainty level)
    hedges: tuple[tuple[tuple[str, ...], str, bool], ...]  # (tokens, level, marks hearsay)
    anonymous: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, class)
    source_kinds: dict[str, str]  # head lemma -> kind
    light_verbs: frozenset[str] = frozenset()  # "took a swipe at": the verb …
    light_nouns: frozenset[str] = frozenset()  # … and its object noun
    adjectives: dict[str, str] = field(default_factory=dict)  # "is confident that": lemma -> level
    # particles that find the content but are not part of the cue ("accused X of …")
    particles_outside: frozenset[tuple[str, str]] = frozenset()
    # nominal cues whose prepositional object is the content even with no source ("criticism of X")
    nouns_prep: frozenset[str] = frozenset()


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


@lru_cache(maxsize=1)
def load() -> EnLexicon:
    verbs = {r[0]: (r[1], r[2]) for r in _rows("en.verbs.tsv")}
    prt_rows = _rows("en.particles.tsv")
    particles = frozenset((r[0], r[1]) for r in prt_rows)
    outside = frozenset((r[0], r[1]) for r in prt_rows if len(r) > 2 and r[2] == "outside")
    noun_rows = _rows("en.nouns.tsv")
    nouns = {r[0]: (r[1], r[2]) for r in noun_rows}
    nouns_prep = frozenset(r[0] for r in noun_rows if len(r) > 3 and r[3] == "prep")
    hedges = tuple(sorted(((tuple(r[0].split()), r[1], r[2] == "1") for r in _rows("en.hedges.tsv")),
                          key=lambda h: -len(h[0])))
    anonymous = tuple((re.compile(rf"\b(?:{r[0]})"), r[1]) for r in _rows("en.anonymous.tsv"))
    kinds = {r[0]: r[1] for r in _rows("en.sources.tsv")}
    light = _rows("en.light.tsv")
    return EnLexicon(verbs, particles, nouns, hedges, anonymous, kinds,
                     frozenset(r[1] for r in light if r[0] == "verb"),
                     frozenset(r[1] for r in light if r[0] == "noun"),
                     {r[0]: r[1] for r in _rows("en.adjectives.tsv")}, outside, nouns_prep)
