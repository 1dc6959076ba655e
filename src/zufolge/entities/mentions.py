"""Mention finders: German (CRF + gazetteer) and English (spaCy NER + gazetteer).

A mention is a character span with a type and, when the gazetteer knows it, a
gazetteer entry. Pronouns, surnames and role descriptions are added later by
``resolve``. Photo credits ("Kristina Kormilitsyna/Pool Sputnik Kremlin/AP/dpa")
and capitalised sentence-initial function words ("Nur", "Bisher", "Doch") are
never mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..schema import Article
from ..segment import Token, sentence_tokens
from .gazetteer import GazEntry, GazMatch, gazetteer

__all__ = ["Mention", "credit_regions", "find_mentions", "lexicon"]

LEXICON = Path(__file__).parent / "lexicon"

#: GermEval labels -> zufolge types (deriv/part spans only count through the gazetteer)
CRF_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
               "EVENT": "EVENT", "WORK_OF_ART": "MISC", "LAW": "DOC", "FAC": "LOC", "PRODUCT": "MISC"}
# Agencies and photo-service words that mark a slash-separated credit line.
CREDIT_WORDS = {"AP", "dpa", "DPA", "AFP", "Reuters", "REUTERS", "Getty", "Images", "Imago", "IMAGO",
                "picture", "alliance", "Pool", "Sputnik", "EPA", "Keystone", "KEYSTONE", "ZUMA", "Anadolu",
                "TASS", "Xinhua", "KCNA", "Yonhap", "AA", "SIPA", "Shutterstock", "iStock", "istockphoto"}
_CREDIT_CHUNK = re.compile(r"[^\s/<>\"'„“”]+(?: [^\s/<>\"'„“”]+){0,4}(?: ?/ ?[^\s/<>\"'„“”]+(?: [^\s/<>\"'„“”]+){0,4})+")
_CREDIT_LABEL = re.compile(r"(?:\b(?:Foto|Fotos|Bild|Bilder|Photo|Credit|Quelle|Image)\s*:|©)[^\n]*")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    type: str
    entry: GazEntry | None = None
    kind: str = "name"  # name|adjective|demonym|prefix|model|surname|pronoun|role
    sentence: int = 0
    ref: Mention | None = None  # for pronouns/roles/surnames: the mention it refers to
    head_tokens: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def lexicon(lang: str) -> dict[str, frozenset[str]]:
    path = LEXICON / f"{lang}.tsv"
    out: dict[str, set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                kind, _, word = line.partition("\t")
                out.setdefault(kind.strip(), set()).add(word.strip())
    return {k: frozenset(v) for k, v in out.items()}


def credit_regions(article: Article) -> list[tuple[int, int]]:
    """Character ranges of photo credits left in the text (never entities)."""
    text = article.text
    regions: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        if "/" in body:  # only lines with a slash can hold a slash-separated credit
            for m in _CREDIT_CHUNK.finditer(body):
                parts = re.split(r"[ /.]+", m.group())
                if any(p in CREDIT_WORDS for p in parts):
                    regions.append((line.start() + m.start(), line.start() + m.end()))
        if ":" in body or "©" in body:
            for m in _CREDIT_LABEL.finditer(body):
                regions.append((line.start() + m.start(), line.start() + m.end()))
    for cap in article.captions:
        if cap.credit:
            k = text.find(cap.credit)
            while k >= 0:
                regions.append((k, k + len(cap.credit)))
                k = text.find(cap.credit, k + 1)
    return regions


def _in_regions(a: int, b: int, regions: list[tuple[int, int]]) -> bool:
    return any(a < r1 and r0 < b for r0, r1 in regions)


def _merge(gaz: list[GazMatch], model: list[tuple[int, int, str]],
           trust_model: bool = False) -> list[tuple[int, int, str, GazMatch | None]]:
    """Gazetteer hits win over model spans they overlap, except when a model ORG/MISC span
    strictly contains them ("Deutsche Bank", "Universität Moskau"). With ``trust_model``
    (English, spaCy), a person/organisation span that is exactly an unlinked place of the
    generated city list keeps the model's reading ("Toyota" the company, not the city)."""
    out: list[tuple[int, int, str, GazMatch | None]] = []
    used: set[int] = set()
    for i, j, label in model:
        inside = [k for k, g in enumerate(gaz) if g.i < j and i < g.j]
        if not inside:
            out.append((i, j, label, None))
            continue
        if trust_model and label in ("ORG", "PERSON") and len(inside) == 1:
            g = gaz[inside[0]]
            if (g.i, g.j) == (i, j) and g.entry.source == "places" and g.entry.type in ("GPE", "LOC"):
                out.append((i, j, label, None))
                used.add(inside[0])
                continue
        contains = all(i <= gaz[k].i and gaz[k].j <= j for k in inside)
        longer = (j - i) > max(gaz[k].j - gaz[k].i for k in inside)
        if label in ("ORG", "OTH", "MISC") and contains and longer and all(gaz[k].kind == "name" for k in inside):
            out.append((i, j, label, None))
            used.update(inside)
    for k, g in enumerate(gaz):
        if k not in used:
            out.append((g.i, g.j, g.entry.type, g))
    out.sort(key=lambda x: (x[0], -x[1]))
    return out


def _trim(tokens: list[Token], i: int, j: int, lex: dict[str, frozenset[str]], tags: tuple | None,
          sentence_start: bool, label: str) -> tuple[int, int]:
    """Drop sentence-initial function words and, for persons, leading titles."""
    never = lex.get("never", frozenset())
    titles = lex.get("title", frozenset())
    while i < j:
        w = tokens[i].text
        if i == 0 and sentence_start and (w in never or (tags is not None and tags[i][2] not in
                                                          ("NE", "NN", "FM", "XY", "ADJA", "TRUNC"))):
            i += 1
            continue
        if label in ("PER", "PERSON") and w in titles and j - i > 1:
            i += 1
            continue
        break
    while j > i and tokens[j - 1].text in ("'s", "’s", "-"):
        j -= 1
    return i, j


def _finish(article: Article, mentions: list[Mention], regions: list[tuple[int, int]]) -> list[Mention]:
    text = article.text
    out = []
    for m in mentions:
        while m.end > m.start and text[m.end - 1] in ".,;:!?\"'“”„»«)":
            if text[m.end - 1] == "." and "." in text[m.start:m.end - 1]:
                break  # "U.S.", "Maj. Gen." keep their period
            m.end -= 1
        if text[m.start:m.end].endswith(("'s", "’s")) and m.end - m.start > 2:
            m.end -= 2  # English possessive: "Russia's" -> "Russia"
        if m.end <= m.start or _in_regions(m.start, m.end, regions):
            continue
        out.append(m)
    return out


def find_mentions_de(article: Article) -> list[Mention]:
    from ..nlp import de_tag
    from .crf_de import tag_spans, usable_matches

    lex = lexicon("de")
    gz = gazetteer()
    regions = credit_regions(article)
    out: list[Mention] = []
    for si in range(len(article.sentences or ())):
        tokens = sentence_tokens(article, si)
        if not tokens:
            continue
        words = [t.text for t in tokens]
        tags = de_tag(tuple(words))
        gaz = usable_matches(words, tags, gz.match(words, "de"))
        model = [(i, j, lab) for i, j, lab in tag_spans(words, tags, gaz) if lab in CRF_TYPES]
        for i, j, label, g in _merge(gaz, model):
            if g is None:
                i, j = _trim(tokens, i, j, lex, tags, True, label)
                if i >= j:
                    continue
                # a person name cut short: take following proper nouns ("Hans" + "Kowalski")
                while label == "PER" and j < len(words) and tags[j][2] == "NE" and words[j][:1].isupper() \
                        and words[j] not in lex.get("never", ()) and not any(x.i == j for x in gaz):
                    j += 1
                if j - i == 1 and tokens[i].text in lex.get("never", ()):
                    continue
                typ = CRF_TYPES.get(label, label)
                out.append(Mention(tokens[i].start, tokens[j - 1].end, typ, None, "model", si,
                                   head_tokens=tuple(words[i:j])))
            else:
                typ = g.entry.type
                start, end = tokens[i].start, tokens[j - 1].end
                if g.kind == "prefix":  # "ISW-Bericht": the mention is "ISW"
                    end = start + tokens[i].text.index("-")
                out.append(Mention(start, end, typ, g.entry, g.kind, si, head_tokens=tuple(words[i:j])))
    return _finish(article, out, regions)


def find_mentions_en(article: Article) -> list[Mention]:
    from ..nlp import en_doc

    lex = lexicon("en")
    gz = gazetteer()
    regions = credit_regions(article)
    doc = en_doc(article.text)
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    sents = article.sentences or ()
    for ent in doc.ents:
        typ = SPACY_TYPES.get(ent.label_)
        if typ is None:
            continue
        si = article.sentence_of(ent.start_char)
        if si is None:
            continue
        by_sentence.setdefault(si, []).append((ent.start_char, ent.end_char, ent.label_))
    out: list[Mention] = []
    for si in range(len(sents)):
        tokens = sentence_tokens(article, si)
        if not tokens:
            continue
        words = [t.text for t in tokens]
        # spaCy spans -> token index spans on our tokens
        model = []
        for a, b, label in by_sentence.get(si, ()):
            idx = [k for k, t in enumerate(tokens) if t.start < b and a < t.end]
            if idx:
                model.append((idx[0], idx[-1] + 1, label))
        gaz = gz.match(words, "en")
        for i, j, label, g in _merge(gaz, [(i, j, "ORG" if lab == "ORG" else lab) for i, j, lab in model], True):
            if g is not None and j - i > 1 and words[i] in ("the", "The"):
                i += 1  # "the United States" -> "United States"
            if g is None:
                if words[i] in ("the", "The") and j - i > 1:
                    i += 1
                i, j = _trim(tokens, i, j, lex, None, False, label)
                if i >= j or (j - i == 1 and words[i] in lex.get("never", ())):
                    continue
                typ = SPACY_TYPES.get(label, label)
                entry = None
                if typ == "NORP":
                    entry = gz.en_demonyms.get(" ".join(words[i:j]))
                out.append(Mention(tokens[i].start, tokens[j - 1].end, typ, entry,
                                   "demonym" if entry else "model", si, head_tokens=tuple(words[i:j])))
            else:
                out.append(Mention(tokens[i].start, tokens[j - 1].end, g.entry.type, g.entry, g.kind, si,
                                   head_tokens=tuple(words[i:j])))
    return _finish(article, out, regions)


def find_mentions(article: Article) -> list[Mention]:
    if article.language == "en":
        return find_mentions_en(article)
    return find_mentions_de(article)
