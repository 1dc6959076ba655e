"""Sentences and tokens, tuned for German and English news.

Our own rules (MIT like the rest of zufolge; SoMaJo would make the core GPL):
paragraph and line breaks always end a sentence; ``.!?`` end one unless the
word before is a known abbreviation (per-language lists in
``segment/abbreviations/``), an initial ("J. R."), or an ordinal before a month
("19. Juni"). Closing quotes and brackets stay with their sentence.

Example::

    >>> from zufolge.segment import split_sentences
    >>> [t for _, _, t in split_sentences("Am 19. Juni sprach Maj. Gen. Pat Ryder. Er sagte „Ja.“ Dann ging er.", "de")]
    ['Am 19. Juni sprach Maj. Gen. Pat Ryder.', 'Er sagte „Ja.“', 'Dann ging er.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..pipeline import stage
from ..schema import Article, Span

__all__ = ["Token", "split_sentences", "tokenize", "sentence_tokens"]

VERSION = "0.1"
_DATA = Path(__file__).parent / "abbreviations"

CLOSERS = "\"'“”’‘»«)]›‹"
OPENERS = "\"'„“‚‘»«([›‹"


def _read_list(name: str) -> frozenset[str]:
    path = _DATA / name
    if not path.exists():
        return frozenset()
    return frozenset(
        line.strip() for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=8)
def abbreviations(lang: str | None) -> frozenset[str]:
    """Abbreviations for ``lang``; unknown languages get German + English."""
    if lang in ("de", "en"):
        return _read_list(f"{lang}.txt") | _read_list("en.txt" if lang == "de" else "de.txt")
    return _read_list("de.txt") | _read_list("en.txt")


_MONTHS = _read_list("months.txt")

# a candidate sentence end: terminal punctuation, optional closers, then space
_END = re.compile(r"[.!?…]+[" + re.escape(CLOSERS) + r"]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(OPENERS) + r"]*([\w\-]+)")


def _is_boundary(text: str, end_punct_start: int, match_end: int, lang: str | None) -> bool:
    punct = text[end_punct_start:match_end]
    nxt = _NEXT_WORD.match(text, match_end)
    if nxt is None:
        return True
    next_word = nxt.group(1)
    if next_word[:1].islower() and punct[0] != "?":
        # "z. B. der" / "u. a. in" / "19. juni": lowercase after a period rarely starts a sentence
        return False
    if punct[0] != ".":
        return True
    m = _WORD_BEFORE.search(text, 0, end_punct_start)
    if m is None:
        return True
    word = m.group(1)
    last = word.rsplit(".", 1)[-1] if "." in word else word
    if word in abbreviations(lang) or last in abbreviations(lang):
        return False
    if len(last) == 1 and last.isalpha() and last.isupper():
        return False  # initial: "J. R. R. Tolkien", "George W. Bush"
    if last.isdigit() and len(last) <= 2 and (next_word in _MONTHS or next_word[:1].isdigit()):
        return False  # "19. Juni", "3. 4."
    return True


def split_sentences(text: str, lang: str | None = None, start: int = 0,
                    end: int | None = None) -> list[tuple[int, int, str]]:
    """Sentences of ``text[start:end]`` as ``(start, end, text)``, stripped of space."""
    end = len(text) if end is None else end
    out: list[tuple[int, int, str]] = []
    for para in re.finditer(r"[^\n]+", text[start:end]):
        p0, p1 = start + para.start(), start + para.end()
        s0 = p0
        for m in _END.finditer(text, p0, p1):
            if _is_boundary(text, m.start(), m.end(), lang):
                _append(out, text, s0, m.end())
                s0 = m.end()
        _append(out, text, s0, p1)
    return out


def _append(out: list[tuple[int, int, str]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b, text[a:b]))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


# URLs, e-mails, numbers with separators ("2.300", "1,5", "14:30"), abbreviations with
# inner periods ("U.S.", "z.B."), words with inner hyphens/apostrophes ("Bau-", "ISW-Bericht",
# "Russia's"), then any single non-space character.
_TOKEN = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\d+(?:[.,:/]\d+)*\.?(?=\s+(?:[A-ZÄÖÜ][a-zäöü]+))"  # "19." before a word: ordinal kept
    r"|\d+(?:[.,:/]\d+)*"
    r"|(?:[A-Za-z]\.){2,}"
    r"|\w+(?:[-'’]\w+)*-?"
    r"|\S",
    re.UNICODE,
)


def tokenize(text: str, start: int = 0, end: int | None = None,
             lang: str | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``; abbreviations keep their period."""
    end = len(text) if end is None else end
    abbr = abbreviations(lang)
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.start(), m.end()
        tok = m.group()
        if tok[-1] == "." and tok[:-1].isdigit():
            # ordinal only when not the sentence's last period
            if b >= end or text[b:end].strip() == "":
                out.append(Token(a, b - 1, tok[:-1]))
                out.append(Token(b - 1, b, "."))
                continue
        if tok == "." and out and out[-1].end == a and out[-1].text in abbr and b < end:
            prev = out.pop()
            out.append(Token(prev.start, b, text[prev.start:b]))
            continue
        out.append(Token(a, b, tok))
    return out


def sentence_tokens(article: Article, index: int) -> list[Token]:
    """Tokens of sentence ``index`` of an article (cached per sentence)."""
    s = article.sentences[index]  # type: ignore[index]
    return list(_cached_tokens(s.text, article.language)) and [
        Token(t.start + s.start, t.end + s.start, t.text) for t in _cached_tokens(s.text, article.language)
    ]


@lru_cache(maxsize=4096)
def _cached_tokens(sentence: str, lang: str | None) -> tuple[Token, ...]:
    return tuple(tokenize(sentence, lang=lang))


@stage("segment", VERSION, requires=("text",), assigns=("sentences",))
def segment(article: Article) -> Article:
    spans = tuple(Span(a, b, t) for a, b, t in split_sentences(article.text, article.language))
    return article.replace(sentences=spans)
