"""Fast German tagging for the claims engine: HanTa, without its slow paths.

HanTa spends most of its time on words that are not in its precomputed
lexicon (a morphological search of ~5 ms each) and on lemmatising every word.
The claims rules need POS tags everywhere but lemmas only for verbs, so here

* unknown *capitalised* words are scored as noun/name (NN, NE) without the
  morphological search — German capitalises nouns, and the claims rules never
  need more than "noun-ish" for them;
* unknown lowercase words that are forms of a cue verb (conjugated with
  ``ablaut`` from ``lexicon/de.verbs.tsv``) get verb tags and their lemma
  directly; other unknown lowercase words get a spread of open-class tags and
  the tagger's transition model picks one from the context;
* every per-word tag analysis is memoised for the process;
* lemmas are computed lazily, only for verbs (and memoised).

The HanTa tagger itself is the one ``zufolge.nlp`` loads; its per-word method
is swapped only for the duration of one ``tag_sentence`` call.

Example::

    >>> [t[2] for t in tag_sentence(("Er", "deutete", "an", "."))]
    ['PPER', 'VVFIN', 'PTKVZ', '$.']
"""

from __future__ import annotations

from functools import lru_cache

_WORD_TAGS: dict[tuple, list] = {}
_MAX_WORDS = 200_000


@lru_cache(maxsize=1)
def _tagger():
    from ..nlp import _hanta

    return _hanta()


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, tuple[str, str]]:
    """Inflected form -> (STTS tag, lemma) for every cue verb (split particles keep the base lemma)."""
    import ablaut

    from .de_lexicon import german_lexicon

    lex = german_lexicon()
    out: dict[str, tuple[str, str]] = {}
    for full in list(lex.verbs) + ["sein", "haben", "werden"]:
        particle = ""
        for p in sorted(lex.particles, key=len, reverse=True):
            if full.startswith(p) and len(full) - len(p) >= 4:
                particle = p
                break
        base = full[len(particle):]
        try:
            c = ablaut.conjugate(base)
        except ValueError:  # not a conjugable verb
            continue
        split_lemma = base if particle else full
        for form in list(c.present) + list(c.preterite) + list(c.konjunktiv1) + list(c.konjunktiv2):
            out.setdefault(form, ("VVFIN", split_lemma))
            if particle:
                out.setdefault(particle + form, ("VVFIN", full))  # verb-final: "bekanntgab"
        for form in (c.past_participle,):
            out.setdefault(particle + form if not form.startswith(particle) else form, ("VVPP", full))
        out.setdefault(full, ("VVINF", full))
        try:
            out.setdefault(c.zu_infinitive.replace(" ", ""), ("VVIZU", full))
        except (ValueError, AttributeError):  # no zu-infinitive for this verb
            pass
    return out


def _internal(h, stts: str) -> int | None:
    """HanTa's tag id for an STTS tag (HanTa writes "ADJ(A)", "VV(FIN)" for ADJA, VVFIN)."""
    if stts in h.tag2int:
        return h.tag2int[stts]
    for k in (stts[:3] + "(" + stts[3:] + ")", stts[:2] + "(" + stts[2:] + ")"):
        if k in h.tag2int:
            return h.tag2int[k]
    return None


def _fast_tag_word(h, original):
    nn, ne = h.tag2int.get("NN"), h.tag2int.get("NE")
    vfin = _internal(h, "VVFIN")
    forms = verb_forms()
    # unknown lowercase words: ADV only (measured on SpkAtt dev: a spread over ADJA/ADJD/VV* tags
    # by context was no better and slower); attributive adjectives are re-tagged by the claims rules
    open_class = [(_internal(h, t), p) for t, p in (("ADV", -26.0),) if _internal(h, t) is not None]
    form_tags = {t: _internal(h, t) for t in ("VVFIN", "VVPP", "VVINF", "VVIZU")}

    def tag_word(word, cutoff=5, casesensitive=True, conditional=False):
        key = (word, cutoff, casesensitive, conditional)
        hit = _WORD_TAGS.get(key)
        if hit is not None:
            return hit
        norm = h.normalize(word)
        if (norm not in h.cache and word[:1].isupper() and len(word) > 1 and nn is not None
                and ne is not None and "-" not in word[-1:]):
            # an unknown capitalised word: a noun or a name (no morphological search)
            res = [(nn, -25.0), (ne, -25.0)] if word[1:].islower() else [(ne, -25.0), (nn, -26.0)]
        elif norm not in h.cache and norm in forms:
            tag = form_tags.get(forms[norm][0])
            res = [(tag, -20.0)] if tag is not None else original(word, cutoff, casesensitive, conditional)
        elif norm not in h.cache and word.isalpha() and word.islower() and word.endswith("e") and vfin is not None \
                and _is_verb_entry(h, h.cache.get(h.normalize(word + "n"))):
            # an unknown Konjunktiv I form of a known verb: "diene" (dienen), "funktioniere"
            _GUESSED_LEMMA[word] = word + "n"
            res = [(vfin, -20.0)]
        elif norm not in h.cache and word.replace("-", "").isalpha() and word.islower() and open_class:
            res = list(open_class)
        else:
            res = original(word, cutoff, casesensitive, conditional)
        if len(_WORD_TAGS) < _MAX_WORDS:
            _WORD_TAGS[key] = res
        return res

    return tag_word


_GUESSED_LEMMA: dict[str, str] = {}


def _is_verb_entry(h, entry) -> bool:
    """True when a cached HanTa analysis lists a full-verb infinitive/finite reading."""
    if not entry:
        return False
    try:
        return any(h.int2tag[t] in ("VV(INF)", "VV(FIN)", "VVINF", "VVFIN") for t, _ in entry)
    except (TypeError, ValueError, KeyError):
        return False


@lru_cache(maxsize=65536)
def _lemma(word: str, tag_int: int) -> str:
    known = verb_forms().get(word.lower())
    if known is not None:
        return known[1]
    guessed = _GUESSED_LEMMA.get(word)
    if guessed is not None:
        return guessed
    h = _tagger()
    if h.normalize(word) not in h.cache and word.islower():
        # an unknown word given a verb tag by context: no morphological search (slow), a guess
        return word + "n" if word.endswith("e") else word
    return _tagger()._analyze(word, tag_int, taglevel=1)[0]


@lru_cache(maxsize=16384)
def tag_sentence(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(word, lemma, STTS tag) per word; lemmas only for verbs, else the word itself."""
    if not words:
        return ()
    h = _tagger()
    original = h._tag_word
    h._tag_word = _fast_tag_word(h, original)
    try:
        tags = h.tag_sent_viterbi(list(words), True)
    finally:
        try:
            del h._tag_word  # back to the class method
        except AttributeError:
            h._tag_word = original
    out = []
    for w, t in zip(words, tags):
        stts = h.int2tag[t].replace("(", "").replace(")", "")
        lemma = _lemma(w, t) if stts.startswith("V") else w
        out.append((w, lemma, stts))
    return tuple(out)
