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

from functools import lru_cache
from pathlib import Path

from ..nlp import de_tag
from .gazetteer import gazetteer

__all__ = ["MODEL_PATH", "bio_to_spans", "sentence_features", "tag_spans"]

MODEL_PATH = Path(__file__).parent / "models" / "ner_de.crfsuite"


def _shape(w: str) -> str:
    out: list[str] = []
    for ch in w:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:  # collapse runs: "Xxxxx" -> "Xx"
            out.append(c)
    return "".join(out)


def _gaz_tags(words: list[str], matches=None) -> list[str]:
    """Per token: gazetteer BIO + type (B-GPE, I-PER, A-GPE for adjectives, P- for prefixes)."""
    tags = ["O"] * len(words)
    for m in (gazetteer().match(words, "de") if matches is None else matches):
        if m.kind == "name":
            tags[m.i] = "B-" + m.entry.type
            for k in range(m.i + 1, m.j):
                tags[k] = "I-" + m.entry.type
        elif m.kind in ("adjective", "demonym"):
            tags[m.i] = "A-" + m.entry.type
        else:
            tags[m.i] = "P-" + m.entry.type
    return tags


@lru_cache(maxsize=65536)
def _token_features(w: str, pos: str, lemma: str, gaz: str) -> tuple[tuple[str, ...], tuple[str, str, str, str]]:
    """(own features, (word, pos, shape, gaz) for the neighbours' windows), as crfsuite strings."""
    lw = w.lower()
    shape = _shape(w)
    f = ["w:" + lw, "shape:" + shape, "pos:" + pos, "suf3:" + lw[-3:], "suf4:" + lw[-4:],
         "pre3:" + lw[:3], "gaz:" + gaz, "pos_shape:" + pos + shape[:2]]
    if w[:1].isupper():
        f.append("title")
    if w.isupper() and len(w) > 1:
        f.append("caps")
    if "-" in w:
        f.append("head:" + w.partition("-")[0].lower())
        f.append("tail_suf3:" + w.rsplit("-", 1)[-1][-3:].lower())
    if any(c.isdigit() for c in w):
        f.append("digit")
    if lemma and lemma != "--" and lemma.lower() != lw:
        f.append("lemma:" + lemma.lower())
    return tuple(f), (lw, pos, shape, gaz)


def sentence_features(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None,
                      gaz_matches=None) -> list[list[str]]:
    """CRF features for one sentence (HanTa tags and gazetteer hits are computed when not given)."""
    if tagged is None:
        tagged = de_tag(tuple(words))
    gaz = _gaz_tags(words, gaz_matches)
    base = [_token_features(w, t[2], t[1], g) for w, t, g in zip(words, tagged, gaz)]
    feats: list[list[str]] = []
    n = len(words)
    for i, (own, (lw, pos, shape, g)) in enumerate(base):
        d = list(own)
        if i == 0:
            d.append("BOS")
        elif own[-1] != "digit" and "title" in own:
            d.append("title_inside")
        if i > 0:
            pw, ppos, pshape, pg = base[i - 1][1]
            d += ["-1w:" + pw, "-1pos:" + ppos, "-1shape:" + pshape, "-1gaz:" + pg,
                  "pos_bi-:" + ppos + "|" + pos]
        if i > 1:
            pw, ppos = base[i - 2][1][:2]
            d += ["-2w:" + pw, "-2pos:" + ppos]
        if i + 1 < n:
            nw, npos, nshape, ng = base[i + 1][1]
            d += ["+1w:" + nw, "+1pos:" + npos, "+1shape:" + nshape, "+1gaz:" + ng,
                  "pos_bi+:" + pos + "|" + npos]
        else:
            d.append("EOS")
        if i + 2 < n:
            nw, npos = base[i + 2][1][:2]
            d += ["+2w:" + nw, "+2pos:" + npos]
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


def tag_spans(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None,
              gaz_matches=None) -> list[tuple[int, int, str]]:
    """Entity spans ``(i, j, label)`` over ``words`` from the shipped CRF model."""
    if not words:
        return []
    labels = _tagger().tag(sentence_features(words, tagged, gaz_matches))
    return bio_to_spans(labels)
