"""Photo credits: tell a credit line from text, and split a credit off a caption.

The vocabulary (agencies, labels like ``Foto:``, name particles) is data, in
``credits.txt``; this module only says how the pieces combine:

* a labelled credit: ``Foto: Max Muster/dpa``, ``(Photo: Reuters)``, ``© Getty Images``;
* a name list: ``Kristina Kormilitsyna/Pool Sputnik Kremlin/AP/dpa`` (slash- or
  pipe-separated names, at least one an agency, or at least two names);
* glued onto a caption without a space: ``…unterzeichnet.Kristina Kormilitsyna/AP/dpa``.

Example::

    >>> split_credit("Putin und Kim unterzeichnen.Kristina Kormilitsyna/Pool Sputnik Kremlin/AP/dpa")
    ('Putin und Kim unterzeichnen.', 'Kristina Kormilitsyna/Pool Sputnik Kremlin/AP/dpa')
    >>> split_credit("Die Kanzlerin in Berlin. Foto: Michael Kappeler/dpa")
    ('Die Kanzlerin in Berlin.', 'Michael Kappeler/dpa')
    >>> is_credit("Foto: picture alliance / dpa")
    True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["credit_classes", "is_credit", "split_credit"]

_DATA = Path(__file__).with_name("credits.txt")
_MAX_CREDIT = 160
_MAX_WORDS = 16
_TERMINAL = ".!?…"
_CLOSING = "\"'“”»«’‘)"


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    vocab: dict[str, list[str]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        kind, value = line.split("\t", 1)
        vocab.setdefault(kind.strip(), []).append(value.strip())
    return vocab


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    v = _vocabulary()
    agency = rf"(?<![\w-])(?:{_alternation(v.get('agency', []))}|(?i:{_alternation(v.get('agency_i', []))}))(?![\w-])"
    label = rf"(?i:{_alternation(v.get('prefix', []))})\s*:"
    marker = rf"(?i:{_alternation(v.get('marker', []))})"
    opener = r"(?:^|(?<=\s)|(?<=[(\[|/:]))"
    return {
        "agency": re.compile(agency),
        # a labelled credit at the end of a paragraph: "… Foto: X/dpa", "… (Photo: Reuters)"
        "labelled_tail": re.compile(
            rf"{opener}[(\[]?\s*(?:{label}|{marker})\s*(?P<credit>[^\n]{{1,{_MAX_CREDIT}}}?)[\s.)\]]*$"),
        # sentence end glued to the next capitalised word: "unterzeichnet.Kristina"
        "glue": re.compile(rf"[{_TERMINAL}][{re.escape(_CLOSING)}]?(?=[A-ZÄÖÜÀ-Þ])"),
        # sentence end, or a separator, then a space: "… unterzeichnet. Kristina"
        "break": re.compile(rf"(?:[{_TERMINAL}][{re.escape(_CLOSING)}]?\s+|\s+[|–—]\s+|\s+-\s+)"),
        "separator": re.compile(r"\s*(?:/|\||\s,\s|;)\s*"),
        "word": re.compile(r"[^\s]+"),
        "strip_edges": re.compile(r"^[\s|–—\-:,(\[]+|[\s|–—\-:,)\]]+$"),
    }


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(w.lower() for w in _vocabulary().get("particle", []))


@lru_cache(maxsize=1)
def _label_keys() -> tuple[str, ...]:
    """Cheap substrings one of which every labelled credit contains (labels end in ":")."""
    return (":", *{m.lower() for m in _vocabulary().get("marker", [])})


def credit_classes() -> tuple[str, ...]:
    """HTML class substrings whose element holds a credit (``copyright``, ``credit`` …)."""
    return tuple(_vocabulary().get("class", []))


def _name_like(segment: str) -> bool:
    """A photographer's or agency's name: 1-6 capitalised words (particles allowed)."""
    p = _patterns()
    rest = p["agency"].sub(" ", segment)
    words = p["word"].findall(rest)
    if len(words) > 6:
        return False
    particles = _particles()
    for w in words:
        w = w.strip(".,&+()")
        if not w:
            continue
        if w.lower() in particles or w[0].isupper() or w[0].isdigit() and len(w) <= 4:
            continue
        return False
    return True


def _is_name_list(text: str) -> bool:
    """``Kristina Kormilitsyna/Pool Sputnik Kremlin/AP/dpa``, ``AFP``, ``Jane Doe | Reuters``."""
    text = text.strip()
    if not text or len(text) > _MAX_CREDIT or text[-1] in _TERMINAL or ":" in text:
        return False
    p = _patterns()
    segments = [s for s in p["separator"].split(text) if s.strip()]
    if not segments or not all(_name_like(s) for s in segments):
        return False
    if p["agency"].search(text):
        return True
    # no known agency: only a list of at least two multi-word names counts
    return len(segments) >= 2 and sum(len(s.split()) >= 2 for s in segments) >= 2


_INNER_STOP = re.compile(r"[a-zäöüß]{2}[.!?]\s+[A-ZÄÖÜ]")


def _labelled_body_ok(body: str, whole_line: bool) -> bool:
    body = body.strip()
    if not body or len(body) > _MAX_CREDIT:
        return False
    words = body.split()
    if len(words) > _MAX_WORDS:
        return False
    if whole_line:  # "Foto: Getty Images / Photographer is my life." on its own line
        return len(words) <= 10 or not _INNER_STOP.search(body)
    # a whole sentence after "Bild:" inside running text is text, not a credit
    return not _INNER_STOP.search(body) and not (body[-1] in ".!?" and len(words) > 5)


def _balance(credit: str) -> str:
    """Drop a closing bracket that the credit never opened: "(Foto: X (Y))" -> "X (Y)"."""
    while credit.endswith((")", "]")) and credit.count("(") + credit.count("[") < (
            credit.count(")") + credit.count("]")):
        credit = credit[:-1].rstrip()
    return credit


def is_credit(line: str) -> bool:
    """True when the whole line is a photo credit."""
    line = line.strip()
    if not line or len(line) > _MAX_CREDIT + 20:
        return False
    m = _patterns()["labelled_tail"].search(line)
    if m and m.start() == 0 and _labelled_body_ok(m.group("credit"), True):
        return True
    return _is_name_list(line)


def split_credit(paragraph: str) -> tuple[str, str] | None:
    """Split a credit off the end of ``paragraph``: ``(text before, credit)``, or None.

    The text before may be empty when the whole paragraph is a credit.
    """
    if len(paragraph) < 2:
        return None
    p = _patterns()
    # 1. a labelled credit ("Foto:", "©", "Photo by") at the end
    lo = max(0, len(paragraph) - _MAX_CREDIT - 40)
    tail = paragraph[lo:].lower()
    m = p["labelled_tail"].search(paragraph, lo) if any(k in tail for k in _label_keys()) else None
    before = paragraph[: m.start()].rstrip(" |–—-([") if m else ""
    if before.endswith(":") and len(before.split()) <= 3:
        before = ""  # "Quelle: © X", "Symbolgrafik:© X": a label of our own kind
    if m and _labelled_body_ok(m.group("credit"), not before):
        credit = _balance(paragraph[m.start("credit"):].strip().rstrip(" .|–—-:,"))
        bracketed = paragraph[m.start()] in "(["
        if not before or bracketed or before[-1] in _TERMINAL + _CLOSING or _short_caption(before):
            return before, credit
        # else "Bild: …" in the middle of running text: not a caption credit
    if paragraph.rstrip()[-1:] in tuple(_TERMINAL + ":;,"):
        return None  # a name list never ends a sentence: the common body paragraph stops here
    # 2. the whole paragraph is a name list
    if _is_name_list(paragraph):
        return "", paragraph.strip()
    # 3. a name list glued to the sentence end, or after a sentence end and a space
    lo = max(0, len(paragraph) - _MAX_CREDIT - 2)
    for rx, need_agency in ((p["glue"], False), (p["break"], True)):
        for g in rx.finditer(paragraph, lo):
            tail = paragraph[g.end():]
            if _is_name_list(tail) and (not need_agency or p["agency"].search(tail) or "/" in tail):
                before = paragraph[: g.end()].rstrip(" |–—-")
                return before, tail.strip()
    return None


def _short_caption(text: str) -> bool:
    return len(text) <= 300
