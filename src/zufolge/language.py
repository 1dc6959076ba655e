"""Language identification with lingua, restricted to the languages news comes in.

German and English are analyzed fully; another detected language is recorded
(ISO 639-1) and analyzed as far as language-neutral stages go; text too short
or too mixed to tell gives ``None`` rather than a guess.

Example::

    >>> detect("Nordkorea plant Berichten zufolge, Truppen zu entsenden.")
    'de'
"""

from __future__ import annotations

from functools import lru_cache

from .pipeline import stage
from .schema import Article

VERSION = "0.1"
#: languages fully analyzed; others are only identified
FIRST_CLASS = ("de", "en")
_CANDIDATES = ("GERMAN", "ENGLISH", "FRENCH", "SPANISH", "ITALIAN", "DUTCH", "RUSSIAN",
               "UKRAINIAN", "POLISH", "PORTUGUESE", "TURKISH")
_MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, n) for n in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when unsure."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 3:
        return None
    det = _detector()
    values = det.compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


@stage("language", VERSION, requires=("text",), assigns=("language",))
def language(article: Article) -> Article:
    if article.language:  # given by the input (--lang or a JSONL field)
        return article
    return article.replace(language=detect(article.text))
