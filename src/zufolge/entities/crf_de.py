"""German named-entity tagger: a linear-chain CRF (python-crfsuite) over
word-shape, affix, HanTa POS/lemma, gazetteer and first-name/surname features
in a ±2 token window (see docs/gazetteer.md for the full list).

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

__all__ = ["MODEL_PATH", "bio_to_spans", "sentence_features", "tag_spans", "usable_matches"]

MODEL_PATH = Path(__file__).parent / "models" / "ner_de.crfsuite"


def _shape(w: str) -> str:
    out: list[str] = []
    for ch in w:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:  # collapse runs: "Xxxxx" -> "Xx"
            out.append(c)
    return "".join(out)


#: HanTa tags a one-word gazetteer hit may carry (a pronoun "Man" is not the Isle of Man).
NAME_TAGS = frozenset({"NE", "NN", "FM", "XY", "TRUNC", "ADJA", "ADJD", "CARD"})


def usable_matches(words: list[str], tagged, matches: list) -> list:
    """Gazetteer hits minus the ones HanTa contradicts: a one-word hit on a pronoun or function
    word ("Man"), and a one-word hit only reached by stripping an inflection ending from a
    common noun whose lemma is no alias ("Mann" is not "Man" + genitive)."""
    if not tagged:
        return matches
    out = []
    g = None
    for m in matches:
        if m.kind == "name" and m.j - m.i == 1:
            pos = tagged[m.i][2]
            if pos not in NAME_TAGS:
                continue
            if pos == "NN":
                g = g or gazetteer()
                lemma = tagged[m.i][1]
                if g.by_alias.get((words[m.i],)) is None and g.by_alias.get((lemma,)) is None:
                    continue  # "Mann"/"Mannes" (lemma Mann), but "Pentagons" (lemma Pentagon) stays
        out.append(m)
    return out


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


#: German word endings that mark common nouns, demonyms and derived adjectives (OTH/LOCderiv cues).
DE_SUFFIXES = ("ung", "heit", "keit", "ismus", "isten", "ist", "isch", "ische", "ischen", "ischer", "isches",
               "er", "ern", "erin", "innen", "land", "burg", "berg", "stadt", "dorf", "haus", "bank", "verein",
               "partei", "ministerium", "amt", "gmbh", "ag", "ski", "ow", "ova", "mann", "ing", "sen", "son")
QUOTES = frozenset(('"', "„", "“", "”", "»", "«"))
#: Optional feature groups; the shipped model was trained with FEATURES (bench/train_ner_de.py).
FEATURES = frozenset({"names", "affix", "window", "quote"})


@lru_cache(maxsize=1)
def person_names() -> dict[str, str]:
    """First names (F), surnames (L) or both (FL): ``lexicon/person_names.tsv`` (from Faker, MIT)."""
    out: dict[str, str] = {}
    path = Path(__file__).parent / "lexicon" / "person_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, kind = line.partition("\t")
            out[name] = kind
    return out


@lru_cache(maxsize=65536)
def _token_features(w: str, pos: str, lemma: str, gaz: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(own features, (word, pos, shape, gaz, name kind, suffix, lemma) for the neighbours' windows)."""
    lw = w.lower()
    shape = _shape(w)
    f = ["w:" + lw, "shape:" + shape, "pos:" + pos, "suf3:" + lw[-3:], "suf4:" + lw[-4:],
         "pre3:" + lw[:3], "gaz:" + gaz, "pos_shape:" + pos + shape[:2]]
    if "affix" in FEATURES:
        f += ["suf2:" + lw[-2:], "pre2:" + lw[:2], "pre4:" + lw[:4], "suf5:" + lw[-5:]]
        f += ["desuf:" + x for x in DE_SUFFIXES if len(lw) > len(x) + 1 and lw.endswith(x)]
    pn = person_names().get(w, "") if "names" in FEATURES else ""
    if pn:
        f.append("pn:" + pn)
    if w[:1].isupper():
        f.append("title")
    if w.isupper() and len(w) > 1:
        f.append("caps")
    if "-" in w:
        f.append("head:" + w.partition("-")[0].lower())
        f.append("tail_suf3:" + w.rsplit("-", 1)[-1][-3:].lower())
        if "window" in FEATURES:
            f.append("tail:" + w.rsplit("-", 1)[-1].lower())
            f.append("headgaz:" + ("1" if gaz.startswith("P-") else "0"))
    if any(c.isdigit() for c in w):
        f.append("digit")
    if lemma and lemma != "--" and lemma.lower() != lw:
        f.append("lemma:" + lemma.lower())
    return tuple(f), (lw, pos, shape, gaz, pn, lw[-3:], (lemma if lemma and lemma != "--" else w).lower())


def _quoted(words: list[str]) -> list[bool]:
    """Tokens inside a short quotation (titles of works, named things: often OTH)."""
    inq = [False] * len(words)
    q = [k for k, w in enumerate(words) if w in QUOTES]
    for a, b in zip(q[::2], q[1::2]):
        if b - a <= 8:
            for k in range(a + 1, b):
                inq[k] = True
    return inq


def sentence_features(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None,
                      gaz_matches=None) -> list[list[str]]:
    """CRF features for one sentence (HanTa tags and gazetteer hits are computed when not given)."""
    if tagged is None:
        tagged = de_tag(tuple(words))
    if gaz_matches is None:
        gaz_matches = gazetteer().match(words, "de")
    gaz = _gaz_tags(words, usable_matches(words, tagged, gaz_matches))
    base = [_token_features(w, t[2], t[1], g) for w, t, g in zip(words, tagged, gaz)]
    inq = _quoted(words) if "quote" in FEATURES else None
    feats: list[list[str]] = []
    n = len(words)
    window = "window" in FEATURES
    for i, (own, (lw, pos, shape, g, pn, _s3, _lem)) in enumerate(base):
        d = list(own)
        if i == 0:
            d.append("BOS")
        elif "title" in own:
            d.append("title_inside")
        if i > 0:
            pw, ppos, pshape, pg, ppn, ps3, plem = base[i - 1][1]
            d += ["-1w:" + pw, "-1pos:" + ppos, "-1shape:" + pshape, "-1gaz:" + pg,
                  "pos_bi-:" + ppos + "|" + pos]
            if window:
                d += ["-1suf3:" + ps3, "-1lem:" + plem, "w_bi-:" + pw + "|" + lw]
            if ppn:
                d.append("-1pn:" + ppn)
        if i > 1:
            pw, ppos, pshape, pg = base[i - 2][1][:4]
            d += ["-2w:" + pw, "-2pos:" + ppos]
            if window:
                d += ["-2shape:" + pshape, "-2gaz:" + pg]
        if i + 1 < n:
            nw, npos, nshape, ng, npn, ns3, nlem = base[i + 1][1]
            d += ["+1w:" + nw, "+1pos:" + npos, "+1shape:" + nshape, "+1gaz:" + ng,
                  "pos_bi+:" + pos + "|" + npos]
            if window:
                d += ["+1suf3:" + ns3, "+1lem:" + nlem, "w_bi+:" + lw + "|" + nw]
                if i > 0:
                    d.append("pos_tri:" + base[i - 1][1][1] + "|" + pos + "|" + npos)
            if npn:
                d.append("+1pn:" + npn)
        else:
            d.append("EOS")
        if i + 2 < n:
            nw, npos, nshape, ng = base[i + 2][1][:4]
            d += ["+2w:" + nw, "+2pos:" + npos]
            if window:
                d += ["+2shape:" + nshape, "+2gaz:" + ng]
        if inq is not None and inq[i]:
            d.append("inq")
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


#: Gazetteer types -> GermEval labels (GermEval calls every country and city LOC, agencies ORG).
GAZ_LABELS = {"GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "MEDIA": "ORG", "PER": "PER"}
POST = frozenset({"relabel", "add_org"})


def postprocess(spans: list[tuple[int, int, str]], matches: list) -> list[tuple[int, int, str]]:
    """The rule layer over the CRF: a span that is exactly a gazetteer name takes the gazetteer's
    type ("USA" is LOC even where the model says ORG); an organisation or news agency the model
    missed entirely ("laut dpa") is added."""
    out = list(spans)
    for m in matches:
        lab = GAZ_LABELS.get(m.entry.type) if m.kind == "name" else None
        if lab is None:
            continue
        over = [k for k, s in enumerate(out) if s[0] < m.j and m.i < s[1]]
        if not over:
            if "add_org" in POST and lab == "ORG":
                out.append((m.i, m.j, lab))
        elif "relabel" in POST and len(over) == 1:
            i, j, old = out[over[0]]
            if (i, j) == (m.i, m.j) and old in ("PER", "ORG", "LOC", "OTH"):
                out[over[0]] = (i, j, lab)
    return sorted(out)


def tag_spans(words: list[str], tagged: tuple[tuple[str, str, str], ...] | None = None,
              gaz_matches=None) -> list[tuple[int, int, str]]:
    """Entity spans ``(i, j, label)`` over ``words`` from the shipped CRF model plus ``postprocess``."""
    if not words:
        return []
    if tagged is None:
        tagged = de_tag(tuple(words))
    matches = usable_matches(words, tagged, gazetteer().match(words, "de") if gaz_matches is None else gaz_matches)
    labels = _tagger().tag(sentence_features(words, tagged, matches))
    return postprocess(bio_to_spans(labels), matches)
