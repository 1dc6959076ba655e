"""German named-entity tagger: a linear-chain CRF (python-crfsuite) over
word-shape, affix, HanTa POS/lemma and gazetteer features.

The model is trained in-repo on the visible GermEval 2014 data
(``bench/train_ner_de.py``) and shipped as ``entities/models/ner_de.crfsuite``.
GermEval 2014 is CC BY 4.0 (Benikova, Biemann, Reznicek 2014); see
docs/gazetteer.md for the attribution.

Labels are GermEval's outer level: PER ORG LOC OTH and their ``deriv``/``part``
variants, in BIO.

Example::

    >>> spans = tag_spans(["Wladimir", "Putin", "besuchte", "Pjöngjang", "."])
    >>> [(i, j, label) for i, j, label in spans]
    [(0, 2, 'PER'), (3, 4, 'LOC')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..nlp import de_tag
from .gazetteer import gazetteer

__all__ = ["sentence_features", "tag_spans", "bio_to_spans", "MODEL_PATH"]

MODEL_PATH = Path(__file__).parent / "models" / "ner_de.crfsuite"

_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÄÖÜ]")
_LOWER = re.compile(r"[a-zäöüß]")


def _shape(w: str) -> str:
    s = _UPPER.sub("X", w)
    s = _LOWER.sub("x", s)
    s = _DIGIT.sub("d", s)
    # collapse runs: "Xxxxx" -> "Xx"
    return re.sub(r"(.)\1+", r"\1", s)


def _gaz_tags(words: list[str]) -> list[str]:
    """Per token: gazetteer BIO + type (B-GPE, I-PER, A-GPE for adjectives, P- for prefixes)."""
    tags = ["O"] * len(words)
    for m in gazetteer().match(words, "de"):
        if m.kind == "name":
            tags[m.i] = "B-" + m.entry.type
            for k in range(m.i + 1, m.j):
                tags[k] = "I-" + m.entry.type
        elif m.kind in ("adjective", "demonym"):
            tags[m.i] = "A-" + m.entry.type
        else:
            tags[m.i] = "P-" + m.entry.type
    return tags


def _token_features(w: str, pos: str, lemma: str, gaz: str) -> dict[str, float | str]:
    lw = w.lower()
    f: dict[str, float | str] = {
        "w": lw,
        "shape": _shape(w),
        "pos": pos,
        "suf2": lw[-2:],
        "suf3": lw[-3:],
        "suf4": lw[-4:],
        "pre2": lw[:2],
        "pre3": lw[:3],
        "gaz": gaz,
    }
    if w[:1].isupper():
        f["title"] = 1.0
    if w.isupper() and len(w) > 1:
        f["caps"] = 1.0
    if "-" in w:
        f["hyph"] = 1.0
        head, _, tail = w.partition("-")
        f["head"] = head.lower()
        f["tail_suf3"] = w.rsplit("-", 1)[-1][-3:].lower()
    if any(c.isdigit() for c in w):
        f["digit"] = 1.0
    if lemma and lemma != "--":
        f["lemma"] = lemma.lower()
    if len(w) <= 2:
        f["short"] = 1.0
    return f


def sentence_features(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None
                      ) -> list[dict[str, float | str]]:
    """CRF features for one sentence (HanTa tags are computed when not given)."""
    if tagged is None:
        tagged = de_tag(tuple(words))
    gaz = _gaz_tags(words)
    base = [_token_features(w, t[2], t[1], g) for w, t, g in zip(words, tagged, gaz)]
    feats: list[dict[str, float | str]] = []
    n = len(words)
    for i, f in enumerate(base):
        d = dict(f)
        if i == 0:
            d["BOS"] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                o = base[j]
                d[f"{off}:w"] = o["w"]
                d[f"{off}:pos"] = o["pos"]
                d[f"{off}:shape"] = o["shape"]
                if abs(off) == 1:
                    d[f"{off}:gaz"] = o["gaz"]
                    d[f"{off}:suf3"] = o["suf3"]
        if i + 1 < n:
            d["pos_bi+"] = f["pos"] + "|" + base[i + 1]["pos"]
        if i > 0:
            d["pos_bi-"] = base[i - 1]["pos"] + "|" + f["pos"]
        if i == n - 1:
            d["EOS"] = 1.0
        feats.append(d)
    return feats


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def bio_to_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """``["B-PER", "I-PER", "O"]`` -> ``[(0, 2, "PER")]`` (a stray I- starts a span)."""
    spans: list[tuple[int, int, str]] = []
    start, cur = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != cur):
            if cur is not None and start is not None:
                spans.append((start, i, cur))
            start, cur = (i, lab[2:]) if lab != "O" else (None, None)
    return spans


def tag_spans(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None
              ) -> list[tuple[int, int, str]]:
    """Entity spans ``(i, j, label)`` over ``words`` from the shipped CRF model."""
    if not words:
        return []
    labels = _tagger().tag(sentence_features(words, tagged))
    return bio_to_spans(labels)
