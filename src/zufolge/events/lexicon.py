"""Trigger and modality lexicons, read from ``events/lexicon/<lang>*.tsv``.

A trigger row says which PLOVER type (and CAMEO code, mode) a lemma signals, and under which
condition: ``with`` stems one of which must occur in the trigger's clause, ``without`` stems
that block it. Several rows may share a lemma; the first row whose condition holds wins.

Example::

    >>> rows = triggers("de")[("unterzeichnen", "V")]
    >>> rows[0].type, rows[0].matches(["partnerschaftsabkommen"])
    ('AGREE', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["PLOVER_TYPES", "Trigger", "cameo_to_plover", "modality_cues", "triggers"]

_DIR = Path(__file__).parent / "lexicon"

#: The 16 PLOVER 0.7 event types, by quad class.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",            # verbal cooperation
    "COOPERATE", "AID", "RETREAT",                       # material cooperation
    "DEMAND", "ACCUSE", "REJECT", "THREATEN",            # verbal conflict
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",  # material conflict
)


def _rows(name: str) -> list[list[str]]:
    path = _DIR / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


def _stems(cell: str) -> tuple[str, ...]:
    return () if cell in ("", "-") else tuple(s for s in cell.split("|") if s)


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # V|N
    type: str
    cameo: str | None
    mode: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]
    label: str | None
    exact: bool  # stems must equal a lemma (English) instead of occurring inside one (German)

    def _hit(self, stem: str, lemmas: Iterable[str]) -> str | None:
        for lemma in lemmas:
            if (lemma == stem) if self.exact else (stem in lemma):
                return lemma
        return None

    def matches(self, lemmas: list[str]) -> bool:
        if any(self._hit(s, lemmas) for s in self.without):
            return False
        return not self.with_ or any(self._hit(s, lemmas) for s in self.with_)

    def matched_stems(self, lemmas: list[str]) -> frozenset[str]:
        """The ``with`` stems found in ``lemmas``: the event's object keys for coreference."""
        return frozenset(s for s in self.with_ if self._hit(s, lemmas))


@lru_cache(maxsize=8)
def triggers(lang: str) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, pos) -> trigger rows in file order."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    for r in _rows(f"{lang}.tsv"):
        r = (r + ["-"] * 8)[:8]
        lemma, pos, typ, cameo, mode, with_, without, label = (c.strip() for c in r)
        t = Trigger(lemma.lower(), pos, typ, None if cameo == "-" else cameo,
                    None if mode == "-" else mode, _stems(with_), _stems(without),
                    None if label == "-" else label, exact=(lang == "en"))
        table.setdefault((t.lemma, pos), []).append(t)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=8)
def noun_suffixes(lang: str) -> tuple[str, ...]:
    """Noun triggers, longest first (for compound-head matching in German)."""
    return tuple(sorted({k[0] for k in triggers(lang) if k[1] == "N"}, key=len, reverse=True))


@lru_cache(maxsize=8)
def modality_cues(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(word cues, lemma cues): lower-cased cue -> modality."""
    words: dict[str, str] = {}
    lemmas: dict[str, str] = {}
    for r in _rows(f"{lang}.modality.tsv"):
        if len(r) < 3:
            continue
        (words if r[1].strip() == "word" else lemmas)[r[0].strip().lower()] = r[2].strip()
    return words, lemmas


@lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, str | None]:
    """Every CAMEO code -> PLOVER type (None: not coded in PLOVER, i.e. CAMEO 01 and 02)."""
    return {r[0]: (None if r[1].strip() == "-" else r[1].strip()) for r in _rows("cameo_plover.tsv")}
