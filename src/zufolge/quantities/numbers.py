"""Numbers written as digits or words, German and English.

Separators are decided by language, then by shape (documented choice):

* both ``.`` and ``,`` present: the last one is the decimal mark, the other
  groups thousands ("1.000,5" and "1,000.5" are both 1000.5), whatever the language;
* one kind, several times: thousands groups of three digits, else no value;
* one kind, once, followed by exactly three digits: German reads ``.`` as thousands
  and ``,`` as decimal ("2.300" = 2300, "4,800" = 4.8); English the other way round;
* otherwise the single mark is a decimal mark ("1,5" = "1.5" = 1.5).

Numbers with more than 21 digits get no value (never a crash).

More shapes, all decided by the text alone:

* a digit run that fits no grouping is a list: "192.168.1.2" (three dots or more) and
  "22,24,26" (commas only) give one number per part; dotted dates ("06.12.2004") give none;
* English only: Indian grouping "12,34,567.89"; scale letters whose case matters
  ("10M", "$5m" and "2.33 k" are scaled, "1.8m" is metres, "5G" is no scale);
* scientific notation "1.3e6", "6.2x10^-4", "1.1^23" (exponents beyond 300 give no value);
* a minus sign glued to the number ("-5", "(-3)"), or with a space only at the start of a
  line or after a bracket or comparison ("- 1 4/5", "<- 30"); "minus"/"negative" words;
* English ratios "1 over 3", "two out of five", "one in five" (not "3 in 5 games", not
  before a year); mixed numbers in words "five and a half million", "3 million and a
  half" (the fraction is of the scale), "one hundred thirty fifths" (= 100/35).

Example::

    >>> [(m.text, m.value) for m in find_numbers("drei oder vier, 1,5 Mrd. und 2.300", "de")]
    [('drei', 3), ('vier', 4), ('1,5 Mrd.', 1500000000), ('2.300', 2300)]
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "NumberMatch",
    "find_numbers",
    "lexicon",
    "number_regex",
    "parse_digits",
    "parse_number_text",
]

_DATA = Path(__file__).parent / "lexicon"
MAX_DIGITS = 21
ARTICLES = {"de": {"ein", "eine", "einen", "einem"}, "en": {"a", "an"}}
# single-letter scales ("$5m", "2bn") only count right after a digit
_SHORT_SCALES = {"m", "b", "k", "bn", "mn", "mil", "mln"}


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: int | float
    base: int | float  # the value before a separate scale word ("115" in "115 Millionen")
    scaled: bool = False  # a scale word (Millionen, billion, dozen) was applied
    words: bool = False  # written (partly) in words
    attached: bool = False  # digits glued to a following word that is no scale ("180ml", "4th")


@lru_cache(maxsize=8)
def lexicon(lang: str) -> dict[str, list[tuple[str, str]]]:
    """kind -> [(form, value)] from ``lexicon/<lang>.tsv`` (forms lower-cased)."""
    path = _DATA / f"{lang if lang in ('de', 'en') else 'en'}.tsv"
    out: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        kind, form = parts[0], parts[1].lower()
        value = parts[2] if len(parts) > 2 else ""
        out.setdefault(kind, []).append((form, value))
    return out


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _num(value: str) -> int | float:
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 1e18 else f


@lru_cache(maxsize=8)
def _tables(lang: str):
    lex = lexicon(lang)
    morphemes = {f: _num(v) for f, v in lex.get("num", [])}
    scales = {f: _num(v) for f, v in lex.get("scale", [])}
    fracs = {f: _num(v) for f, v in lex.get("frac", [])}
    return morphemes, scales, fracs


@lru_cache(maxsize=8)
def _compound_re(lang: str) -> re.Pattern:
    morphemes, _, _ = _tables(lang)
    return re.compile(f"(?:{_alt(morphemes)})+")


@lru_cache(maxsize=8)
def _morpheme_re(lang: str) -> re.Pattern:
    morphemes, _, _ = _tables(lang)
    return re.compile(_alt(morphemes))


def parse_digits(s: str, lang: str) -> int | float | None:
    """Value of a digit string such as "2.300", "1,5", "1 234 567" (see module doc)."""
    s = re.sub(r"[\s\u00a0\u202f']", "", s)
    if not s or not s[0].isdigit() or len(re.sub(r"\D", "", s)) > MAX_DIGITS:
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            dec = "." if s.rfind(".") > s.rfind(",") else ","
            thou = "," if dec == "." else "."
            intpart, frac = s.rsplit(dec, 1)
            groups = intpart.split(thou)
            if s.count(dec) != 1 or any(len(g) != 3 for g in groups[1:]) or not frac.isdigit():
                return None
            return _num("".join(groups) + "." + frac)
        sep = "." if dots else "," if commas else None
        if sep is None:
            return int(s)
        groups = s.split(sep)
        if len(groups) > 2:
            if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
                return int("".join(groups))
            return None
        head, tail = groups
        if not head or not tail:
            return None
        thousands_mark = "." if lang == "de" else ","
        if len(tail) == 3 and sep == thousands_mark and len(head) <= 3:
            return int(head + tail)
        return _num(head + "." + tail)
    except ValueError:
        return None


def _word_values(word: str, lang: str) -> list[tuple[str, int | float]] | None:
    """Morpheme values of one number word: [("add", 3), ("mul", 100), ...] or None."""
    return _word_values_lower(word.lower(), lang)


@lru_cache(maxsize=65536)
def _word_values_lower(w: str, lang: str) -> list[tuple[str, int | float]] | None:
    morphemes, scales, fracs = _tables(lang)
    if w in fracs:
        return [("add", fracs[w])]
    if w in scales and w not in morphemes:
        return [("mul", scales[w])]
    if lang == "de":
        if not _compound_re(lang).fullmatch(w) or w in ("und",):
            return None
        parts = _morpheme_re(lang).findall(w)
        out = []
        for p in parts:
            v = morphemes[p]
            if p == "und":
                continue
            out.append(("mul", v) if v in (100, 1000) else ("add", v))
        return out or None
    out = []
    for p in w.split("-"):
        if p in morphemes:
            v = morphemes[p]
            out.append(("mul", v) if v in (100, 1000) else ("add", v))
        elif p in scales:
            out.append(("mul", scales[p]))
        else:
            return None
    return out


# English fraction denominators: "two thirds", "one twenty-fifth", "three and a half"
_EN_ORD = {"half": 2, "halve": 2, "third": 3, "fourth": 4, "quarter": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
           "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
           "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
           "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
           "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
           "trillionth": 10**12}
_EN_UNIT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_DEN = re.compile(
    r"[ \t]*-?[ \t]*(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ -]"
    r"(?P<unit>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|(?P<ord>"
    + "|".join(sorted(_EN_ORD, key=len, reverse=True)) + r"))(?P<pl>s)?(?![\w-])", re.IGNORECASE)
_EN_AND_FRAC = re.compile(r"\s+and\s+(?:(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)\s+)?"
                          r"(?P<den>half|quarters?|thirds?|fourths?|fifths?|eighths?)(?![\w-])", re.IGNORECASE)
_EN_POINT = re.compile(r"\s+point((?:\s+(?:zero|oh|nought|naught|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                       r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?))+)(?![\w-])",
                       re.IGNORECASE)
_EN_HALF_A = re.compile(r"half\s+an?\s+(dozen|hundred|thousand|million|billion|trillion)s?(?![\w-])",
                        re.IGNORECASE)
_EN_HALF_BOUND = re.compile(r"(?:^|\W)(?:than|about|nearly|almost|over|under|around|roughly|least|most|"
                            r"only|just)\s+$", re.IGNORECASE)
_EN_NEG = re.compile(r"(?:^|\W)(minus|negative)\s+$", re.IGNORECASE)
_EN_PRONOUN = re.compile(r"(?:^|\W)(?:the|this|that|which|each|every|any|no|another|only|right|wrong|"
                         r"new|old|little|big|last)\s+$", re.IGNORECASE)


def _en_denominator(text: str, pos: int) -> tuple[int, bool, int] | None:
    """(denominator, plural, end) of a fraction word at ``pos`` ("fifths", "twenty-first")."""
    m = _EN_DEN.match(text, pos)
    if not m:
        return None
    if m.group("tens"):
        den = _EN_TENS[m.group("tens").lower()] + _EN_UNIT_ORD[m.group("unit").lower()]
    else:
        den = _EN_ORD[m.group("ord").lower()]
    return den, bool(m.group("pl")), m.end()


_DE_KOMMA = re.compile(r"\s+Komma((?:\s+(?:null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun))+)(?![\w-])",
                       re.IGNORECASE)


_DE_MIXED = re.compile(r"\s+und\s+([^\W\d_]+)\s+([^\W\d_]+)(?:\s+([^\W\d_]+\.?))?", re.IGNORECASE)


def _de_komma_digits(words: str) -> str | None:
    digits = ""
    for w in words.split():
        v = _word_values_lower(w.lower(), "de")
        if v is None:
            return None
        digits += str(int(_combine(v)))
    return digits or None


def _point_digits(words: str) -> str | None:
    digits = ""
    for w in words.split():
        v = _word_values_lower(w.lower().replace("oh", "zero"), "en")
        if v is None:
            return None
        val = _combine(v)
        digits += str(int(val))
    return digits or None


@lru_cache(maxsize=4)
def _unit_words(lang: str) -> frozenset[str]:
    """Unit and currency words that may follow a number word with a hyphen ("six-mile")."""
    lx = lexicon(lang)
    return frozenset(f for kind in ("unit", "currency") for f, _ in lx.get(kind, []))


def _unit_next(text: str, pos: int, lang: str) -> bool:
    """Is the next word a unit or currency ("that one mile")?"""
    m = re.match(r"\s+([^\W\d_]+)", text[pos:pos + 24])
    return bool(m) and m.group(1).lower() in _unit_words(lang)


def _combine(values: list[tuple[str, int | float]]) -> int | float:
    """Value of morphemes: adds and multipliers ("three hundred two dozen" = 300 + 2 * 12).

    A multiplier of a thousand or more closes a segment ("two million three hundred");
    one right after another larger one stacks ("lakh crore" = 10^12); "hundred"
    multiplies what came since the last big multiplier; a smaller one ("dozen")
    multiplies only what came since the last hundred.
    """
    total: float = 0
    hund: float = 0  # the hundreds part of the current segment
    grp: float = 0  # what was added since the last multiplier
    last_seg: float = 0
    prev_op, prev_v = "", 0
    for op, v in values:
        if op == "mul":
            if v >= 1000:
                if prev_op == "mul" and prev_v >= 1000 and v > prev_v and not hund and not grp:
                    total += last_seg * v - last_seg  # "lakh crore", "thousand million"
                    last_seg *= v
                else:
                    last_seg = ((hund + grp) or 1) * v
                    total += last_seg
                hund = grp = 0
            elif v == 100:
                hund, grp = ((hund + grp) or 1) * 100, 0
            else:
                grp = (grp or 1) * v
        else:
            grp += v
        prev_op, prev_v = op, v
    r = total + hund + grp
    return int(r) if float(r).is_integer() and abs(r) < 1e18 else r


_TOKEN = re.compile(
    r"(?:\d+[ ]{1,2})?\d+/\d+(?![\d/])"  # "3/4", "2 1/4"
    r"|\d+(?:[.,]\d+)?(?:[eE][+-]?\d+(?![\w.])|\s?[x×]\s?10\^[+-]?\d+|\^[+-]*\d+)"  # "1.3e6", "1.1^23"
    r"|\d+(?:[.,]\d+)*(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?"
    r"|(?<![\w.])\.\d+(?![.,]?\d)"  # ".08"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*\.?"
)
_SCI = re.compile(r"(\d+(?:[.,]\d+)?)(?:[eE]([+-]?\d+)|\s?[x×]\s?10\^([+-]?\d+)|\^([+-]*)(\d+))")
# Indian digit grouping "12,34,567.89" (English only)
_INDIAN = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?")
# scale letters whose case matters: "10M" is ten million, "10m" ten metres; "MM" is a million
_CASED_SCALES = {"M": 10**6, "MM": 10**6, "B": 10**9, "G": 10**9, "K": 1000, "k": 1000}
# a minus sign: glued to the number after a space or bracket ("-5", "(-3)"); with a space
# after it only at the start of a line or after a bracket or comparison ("- 1 4/5", "<- 30")
_NEG_BEFORE = re.compile(r"(?:(?:^|[\s(\[<>=≤≥:])([-−])|(?:^|\n|[(\[<>=≤≥])\s*([-−]\s))$")
_NEG_WORD = re.compile(r"(?:^|\W)(minus|negative)\s+$", re.IGNORECASE)


def _scientific(t: str, lang: str) -> int | float | None:
    m = _SCI.fullmatch(t)
    if not m:
        return None
    mant = parse_digits(m.group(1), lang)
    if mant is None:
        return None
    try:
        if m.group(4) is not None:
            exp = int(m.group(5)) * (-1) ** m.group(4).count("-")
            if abs(exp) > 300:
                return None
            val = float(mant) ** exp
        else:
            exp = int(m.group(2) or m.group(3))
            if abs(exp) > 300:
                return None
            val = float(mant) * 10.0 ** exp
    except (OverflowError, ZeroDivisionError):
        return None
    if not math.isfinite(val):
        return None
    val = float(f"{val:.15g}")
    return int(val) if val.is_integer() and abs(val) < 1e18 else val


def _negative(text: str, s: int, out: list[NumberMatch], lang: str) -> int | None:
    """Start of a minus sign or word before the number at ``s`` ("-5", "- 1 4/5", "minus 5")."""
    m = _NEG_BEFORE.search(text[max(0, s - 4):s])
    if m:
        dash = s - len(m.group(1) or m.group(2))
        if not out_ends_at(out, dash - 1) or (dash > 0 and text[dash - 1] in "<>=≤≥"):
            return dash
        return None
    if lang == "en" or lang == "de":
        w = _NEG_WORD.search(text[max(0, s - 10):s])
        if w and (lang == "en" or w.group(1).lower() == "minus"):
            return s - (len(text[max(0, s - 10):s]) - w.start(1))
    return None


@lru_cache(maxsize=4)
def _token_res(lang: str) -> tuple[re.Pattern, ...]:
    """Digits, and only the words that can be (part of) a number: the others are never
    looked at one by one (speed); a word between two numbers still separates them.
    Each pattern starts with a lookahead on its first character, which lets the regex
    engine skip ahead instead of trying every position."""
    morphemes, scales, fracs = _tables(lang)
    forms = set(morphemes) | set(scales) | set(fracs) | {"und", "and", "half", "halb"}
    forms = {f.rstrip(".") for f in forms if " " not in f and f.rstrip(".")}
    firsts = "".join(sorted({c for f in forms for c in (f[0].lower(), f[0].upper())}))
    digits = "(?=[\\d.])(?:" + _TOKEN.pattern.rsplit("|", 1)[0] + ")"
    trie = _trie_regex(sorted(forms))
    lead = f"(?=[{re.escape(firsts)}])(?<![^\\W\\d_])"
    if lang == "de":  # compounds: a word that starts with a number morpheme
        word = rf"{lead}(?={trie})[^\W\d_]+(?:-[^\W\d_]+)*\.?"
    else:
        word = rf"{lead}{trie}(?:-[^\W\d_]+)*(?![^\W\d_])\.?"
    cased = r"(?=[MKGBk])(?<![^\W\d_])(?:MM|M|K|G|B|k)(?![^\W\d_])\.?"
    return re.compile(digits), re.compile(word, re.IGNORECASE), re.compile(cased)


def _tokens(text: str, lang: str = "en") -> list[tuple[int, int, str]]:
    digits, words, cased = _token_res(lang)
    toks = [(m.start(), m.end(), m.group()) for m in digits.finditer(text)]
    toks += [(m.start(), m.end(), m.group()) for m in words.finditer(text)]
    if lang == "en":
        seen = {t[0] for t in toks}
        toks += [(m.start(), m.end(), m.group()) for m in cased.finditer(text) if m.start() not in seen]
    toks.sort()
    return toks


def _trie_regex(words: list[str]) -> str:
    """One alternation as a prefix tree ("a(?:cht|nd)"): fails on the first letter that fits no word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + emit(trie) + ")"




def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """Every number in ``text``: digits (with a scale word), number words, fractions.

    Indefinite articles alone ("ein", "a") are no numbers; "eine Million" is.
    """
    lang = lang if lang in ("de", "en") else "en"
    morphemes, scales, fracs = _tables(lang)
    toks = _tokens(text, lang)
    out: list[NumberMatch] = []
    i = 0
    n = len(toks)
    while i < n:
        s, e, t = toks[i]
        low = t.lower()
        if t[0] == "." and t[1:].isdigit():
            if lang == "en" and not (e < len(text) and text[e].isalpha()):
                val = float("0" + t)
                out.append(NumberMatch(s, e, t, val, val, False, False))
            i += 1
            continue
        if t[0].isdigit():
            # a space-grouped run like "1 234 567" is one token only with no digit before
            if " " in t and s > 0 and text[s - 1].isdigit():
                i += 1
                continue
            if "/" in t:
                # a fraction "3/4" or a mixed number "2 1/4"; "5/17/2018", "222/2222" are parts
                whole, _, frac = t.rpartition(" ")
                whole = whole.strip()
                num_s, den_s = frac.split("/")
                if int(den_s) == 0 or (s > 0 and text[s - 1] == "/") or len(t) > 12 or \
                        (s > 1 and text[s - 1] == "-" and text[s - 2].isalnum()) or \
                        text[e:e + 1] == "/":
                    for m in re.finditer(r"\d+", t):
                        v = int(m.group()) if len(m.group()) <= MAX_DIGITS else None
                        if v is not None:
                            out.append(NumberMatch(s + m.start(), s + m.end(), m.group(), v, v))
                    i += 1
                    continue
                val = int(num_s) / int(den_s) + (int(whole) if whole else 0)
                val = round(val, 12)
                neg = _negative(text, s, out, lang)
                if neg is not None:
                    s, val = neg, -val
                out.append(NumberMatch(s, e, text[s:e], val, val, False, False))
                i += 1
                continue
            sci = _scientific(t, lang) if ("e" in t or "E" in t or "^" in t) else None
            if sci is not None:
                neg = _negative(text, s, out, lang)
                if neg is not None:
                    s, sci = neg, -sci
                out.append(NumberMatch(s, e, text[s:e], sci, sci))
                i += 1
                continue
            val = parse_digits(t, lang)
            if val is None and lang == "en" and _INDIAN.fullmatch(t):
                val = _num(t.replace(",", ""))
            if val is None and len(t) <= 64 and (t.count(".") >= 3 or ("," in t and "." not in t)):
                # "192.168.1.2", "22,24,26,31": a list of numbers, not one
                for m in re.finditer(r"\d+", t):
                    if len(m.group()) <= MAX_DIGITS:
                        v = int(m.group())
                        out.append(NumberMatch(s + m.start(), s + m.end(), m.group(), v, v))
                i += 1
                continue
            if val is None or (s > 0 and text[s - 1].isalpha() and lang == "de"):
                i += 1
                continue
            j, end, mult = i + 1, e, 1
            words = False
            while j < n:
                s2, e2, t2 = toks[j]
                gap = text[end:s2]
                key = t2.lower()
                if key not in scales and key.rstrip(".") in scales:
                    key = key.rstrip(".")  # "254 million." at the end of a sentence
                    e2 = s2 + len(key)
                if t2.endswith(".") and t2[:-1] in _CASED_SCALES:
                    t2, e2 = t2[:-1], s2 + len(t2) - 1
                if lang == "en" and t2 in _CASED_SCALES and (
                        gap == "" or (gap in (" ", "  ") and t2 in ("k", "M", "G")) and j == i + 1):
                    if t2 == "G" and not (re.search(r"[.,]", t) or re.search(r"[$£€¥]\s?$", text[max(0, s - 3):s])):
                        break  # "5G" is a network
                    if e2 < len(text) and (text[e2].isalnum() or text[e2] in "/"):
                        break
                    mult *= _CASED_SCALES[t2]
                    end = e2
                    j += 1
                    continue
                if key in scales and gap in ("", " ", "\u00a0") and (
                        key not in _SHORT_SCALES or gap == "") and key not in ("hundert",):
                    if key in _SHORT_SCALES and lang == "de":
                        break
                    if key == "m" and not re.search(r"[$£€¥]\s?$", text[max(0, s - 3):s]):
                        break  # "1.8m tall" is metres; "$5m" is five million
                    mult *= scales[key]
                    end = e2
                    words = True
                    j += 1
                    continue
                break
            # an attached word that is no scale ("5km", "3x") still ends the number here
            value = _mul(val, mult)
            if lang == "en" and ((mult >= 10**6 and toks[j - 1][2].lower().rstrip(".") in _BIG) or
                                 (mult == 1 and isinstance(value, int))):
                af = _en_and_fraction(text, end, value, mult if mult >= 10**6 else None)
                if af:
                    value, end = af
                    while j < n and toks[j][0] < end:
                        j += 1
            attached = end < len(text) and text[end].isalpha()
            neg = _negative(text, s, out, lang)
            if neg is not None:
                s, value, val = neg, -value, -val  # "-5", "minus 5", not the dash of a range "10-20"
            out.append(NumberMatch(s, end, text[s:end], value, val, mult != 1, words, attached))
            i = j
            continue
        if "-" in t and _word_values(t.rstrip("."), lang) is None:
            parts = t.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k])
                rest = "-".join(parts[k:]).lower().rstrip(".")
                if _word_values(head, lang) is not None and head.lower() not in ARTICLES[lang] and \
                        rest in _unit_words(lang):
                    t, e = head, s + len(head)
                    low = t.lower()
                    break
        if lang == "en" and "-" in t:
            parts = t.rstrip(".").split("-")
            head_v = _word_values(parts[0], lang)
            den = _en_denominator(text, s + len(parts[0])) if head_v and len(parts) == 2 else None
            if den and den[2] <= e and (den[1] or _combine(head_v) == 1):  # "one-eighth"
                val = round(_combine(head_v) / den[0], 12)
                out.append(NumberMatch(s, den[2], text[s:den[2]], val, val, False, True))
                i += 1
                continue
            pv = [_word_values(x, lang) for x in parts]
            if len(parts) > 2 and all(pv) and not _en_valid([v for x in pv for v in x]):
                pos = s  # "three-nought-four": digits read one by one
                for x, v in zip(parts, pv, strict=True):
                    out.append(NumberMatch(pos, pos + len(x), x, _combine(v), _combine(v), False, True))
                    pos += len(x) + 1
                i += 1
                continue
        vals = _word_values(t.rstrip("."), lang) if not t.endswith(".") or low in scales else None
        if t.endswith(".") and vals is None:
            vals = _word_values(t[:-1], lang)
            if vals is not None:
                e -= 1
        if vals is None:
            i += 1
            continue
        # chain following number words
        chain = [(s, e, t, vals)]
        j = i + 1
        end = e
        while j < n:
            s2, e2, t2 = toks[j]
            gap = text[end:s2]
            if gap.strip() not in ("", "-") or len(gap) > 3:
                break
            k2 = t2.lower().rstrip(".") if not t2.lower() in scales else t2.lower()
            if k2 in ("und", "and") and j + 1 < n:
                nxt = _word_values(toks[j + 1][2].rstrip("."), lang)
                prev_ops = _flat(chain)
                if nxt and _can_follow(chain, nxt, lang) and (
                        lang == "de" or (prev_ops and prev_ops[-1][0] == "mul")):
                    chain.append((s2, e2, t2, []))
                    end = e2
                    j += 1
                    continue
                break
            v2 = _word_values(k2, lang)
            if v2 is None or not _can_follow(chain, v2, lang):
                break
            e2 = s2 + len(k2) if t2.endswith(".") and k2 not in scales else e2
            chain.append((s2, e2, t2, v2))
            end = e2
            j += 1
        # drop a trailing connector, and "and a" that no fraction follows ("one million and a dog")
        if lang == "en" and len(chain) > 2 and chain[-1][2].lower() in ("a", "an") and \
                not _en_denominator(text, chain[-1][1]):
            chain.pop()
        while chain and not chain[-1][3]:
            chain.pop()
        first = chain[0][2].lower()
        if lang == "en" and len(chain) == 1 and first in ("a", "an", "one"):
            # "a fifth of", "one third": a fraction, not an article
            den = _en_denominator(text, chain[0][1])
            if den and den[0] > 2 and not den[1] and (
                    first == "one" or re.match(r"\s*(?:of\b|[.,;:!?)]|$)", text[den[2]:den[2] + 4])):
                out.append(NumberMatch(s, den[2], text[s:den[2]], 1 / den[0], 1 / den[0], False, True))
                while j < n and toks[j][0] < den[2]:
                    j += 1
                i = j
                continue
        if lang == "en" and len(chain) == 1 and first == "one" and \
                _EN_PRONOUN.search(text[max(0, s - 12):s]) and not _unit_next(text, e, lang):
            i += 1  # "which one", "the one you mentioned": a pronoun
            continue
        if lang == "en" and len(chain) == 1 and first == "half":
            hm = _EN_HALF_A.match(text, s)
            if hm:  # "half a dozen", "half a million"
                v = _BIG.get(hm.group(1).lower().rstrip("s"), 12) / 2
                v = int(v) if float(v).is_integer() else v
                out.append(NumberMatch(s, hm.end(), text[s:hm.end()], v, v, v >= 5 * 10**5, True))
                while j < n and toks[j][0] < hm.end():
                    j += 1
                i = j
                continue
            if _EN_HALF_BOUND.search(text[max(0, s - 14):s]) and not re.match(r"-|\s+an?\b", text[e:e + 4]):
                out.append(NumberMatch(s, e, text[s:e], 0.5, 0.5, False, True))  # "more than half"
                i += 1
                continue
        if len(chain) == 1 and (first in ARTICLES[lang] or first in ("und", "and", "halb")
                                or (first in scales and first not in morphemes)
                                or first in ("hälfte", "half", "quarter", "viertel", "drittel")):
            i += 1
            continue
        flat: list[tuple[str, int | float]] = []
        for k, (_, _, tk, v) in enumerate(chain):
            if k == 0 and tk.lower() in ARTICLES[lang] and len(chain) > 1 and chain[1][3] and \
                    chain[1][2].lower().rstrip(".") in fracs:
                continue  # "ein halbes Dutzend": the article is no "one"
            if v and v[0][1] < 1 and flat and flat[-1][0] == "add" and \
                    chain[k][2].lower().rstrip(".") in fracs and fracs[chain[k][2].lower().rstrip(".")] < 1:
                _op, prev = flat.pop()
                flat.append(("add", prev * v[0][1]))  # "drei halbe" = 1.5
                continue
            flat.extend(v)
        value = _combine(flat)
        last_end = chain[-1][1]
        if lang == "de" and isinstance(value, int):
            km = _DE_KOMMA.match(text, last_end)
            digits = _de_komma_digits(km.group(1)) if km else None
            if digits:  # "zwei Komma drei"
                value, last_end = float(f"{value}.{digits}"), km.end()
            else:
                mf = _DE_MIXED.match(text, last_end)
                if mf:  # "fünf und drei Viertel Milliarden" = 5.75 Milliarden
                    nv = _word_values_lower(mf.group(1).lower(), "de")
                    fv = fracs.get(mf.group(2).lower())
                    sv = scales.get((mf.group(3) or "").lower().rstrip("."))
                    if nv and fv and fv < 1 and all(op == "add" for op, _ in nv):
                        v = round((value + _combine(nv) * fv) * (sv or 1), 9)
                        value = int(v) if float(v).is_integer() else v
                        last_end = mf.end() if sv else mf.end(2)
        if lang == "en":
            value, s, last_end = _en_tail(text, s, last_end, value, chain, flat)
        while j < n and toks[j][0] < last_end:
            j += 1
        base_flat = [x for x in flat if not (x[0] == "mul" and x[1] >= 1e6)]
        out.append(NumberMatch(s, last_end, text[s:last_end], value,
                               _combine(base_flat) if base_flat else value,
                               any(x[0] == "mul" and x[1] >= 1e6 for x in flat), True))
        i = j
    return _merge(text, out, lang) if lang == "en" and len(out) > 1 else out


_RATIO_GAP = re.compile(r"\s+(over|out\s+of|in)\s+", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+(?:and\s+)?", re.IGNORECASE)
_OF_A_GAP = re.compile(r"\s+of\s+", re.IGNORECASE)
_NOT_RATIO_AFTER = re.compile(
    r"\s*(?:minutes?|hours?|days?|weeks?|months?|years?|seconds?|games?|matches|races?|attempts?|tries|"
    r"innings|quarters?|halves|seasons?|rounds?|starts?|sets?)\b", re.IGNORECASE)


def _last_scale(m: NumberMatch, lang: str = "en") -> int:
    w = re.findall(r"[A-Za-z]+", m.text)
    return _tables(lang)[1].get(w[-1].lower(), 0) if w else 0


def _merge(text: str, found: list[NumberMatch], lang: str) -> list[NumberMatch]:
    """Join English numbers that read as one: "1 over 3", "two out of five hundred",
    "3 hundred and 21", "4 thousand 3 hundred", "two thirds of a million"."""
    out: list[NumberMatch] = []
    for m in found:
        a = out[-1] if out else None
        if a is not None and a.end <= m.start:
            gap = text[a.end:m.start]
            val = None
            r = _RATIO_GAP.fullmatch(gap)
            if r and m.value and a.value and not (a.scaled and m.scaled):
                kind = r.group(1).lower()
                yearish = not m.words and re.fullmatch(r"(?:1[5-9]|20)\d\d", m.text)
                if not yearish and not _NOT_RATIO_AFTER.match(text, m.end) and \
                        (kind == "over" or (abs(a.value) <= m.value and isinstance(a.value, int))):
                    val = a.value / m.value
            sc = _last_scale(a)
            if val is None and sc >= 100 and _AND_GAP.fullmatch(gap) and 0 < m.value < sc and \
                    isinstance(m.value, int) and ("and" in gap.lower() or _last_scale(m) >= 100) and \
                    not m.text.startswith(("-", "−")):
                val = a.value + m.value  # "3 hundred and 21", "6 crore and two hundred"
            if val is None and 0 < a.value < 1 and _OF_A_GAP.fullmatch(gap) and \
                    re.fullmatch(r"an?\s+\w+", m.text, re.IGNORECASE) and _last_scale(m) >= 100:
                val = a.value * m.value  # "two thirds of a million"
            if val is not None:
                if isinstance(val, float):
                    val = round(val, 12)
                    val = int(val) if val.is_integer() and abs(val) < 1e18 else val
                out[-1] = NumberMatch(a.start, m.end, text[a.start:m.end], val, val,
                                      a.scaled or m.scaled, a.words or m.words, m.attached)
                continue
        out.append(m)
    return out


def out_ends_at(found: list[NumberMatch], pos: int) -> bool:
    return bool(found) and found[-1].end >= pos - 1


def _mul(val: float, mult: float) -> int | float:
    r = val * mult
    if isinstance(r, float):
        rr = round(r, 6)
        return int(rr) if rr.is_integer() and abs(rr) < 1e18 else rr
    return r


def _can_follow(chain, nxt, lang: str) -> bool:
    """May the word with morpheme values ``nxt`` continue the number in ``chain``?"""
    prev = [v for c in chain for v in c[3]]
    if not prev:
        return True
    last_op, last_v = prev[-1]
    op, v = nxt[0]
    if last_op == "add" and chain[-1][2].lower() in ARTICLES[lang] and v < 1 and (lang == "de" or len(chain) == 1):
        return True  # "ein halbes (Dutzend)"
    if lang == "de":
        if op == "add" and 0 < v < 1 and last_op == "add" and last_v >= 1 and len(nxt) == 1:
            return True  # "drei halbe", "zwei Drittel"
        # German writes numbers below a million as one word: separate words join only
        # around a scale word ("zwei Millionen dreihundert", "fünf Dutzend")
        return op == "mul" or (last_op == "mul" and last_v >= 1e6) or \
            (last_op == "add" and last_v < 1 and op == "mul")
    if op == "mul":
        return True
    if last_op == "mul":
        return True
    # "twenty one" yes, "one two" no
    return last_v >= 20 and last_v % 10 == 0 and v < 10 and last_v < 100


@lru_cache(maxsize=8)
def number_regex(lang: str) -> str:
    """A regex source matching one number (digits or words), for other stages' patterns."""
    morphemes, scales, fracs = _tables(lang)
    words = set(morphemes) | set(fracs) | {f for f in scales if len(f) > 2 and not f.endswith(".")}
    words -= {"und", "and", "a", "an"} if lang == "en" else {"und"}
    if lang == "de":
        word = f"(?:{_alt(set(morphemes) - {'und'})})(?:{_alt(morphemes)})*"
        word = f"(?:{_alt(fracs)}|{word})"
    else:
        word = f"(?:{_alt(words)})(?:-(?:{_alt(words)}))*"
    digits = r"\d+(?:[.,]\d+)?"
    return rf"(?:{digits}|(?:{word})(?:(?:\s+|\s+(?:und|and)\s+)(?:{word}))*)"


def parse_number_text(text: str, lang: str) -> int | float | None:
    """Value of a whole string that is one number ("drei", "zwei Dutzend", "1,5")."""
    found = find_numbers(text, lang)
    if not found:
        low = text.strip().lower()
        if low in ARTICLES.get(lang, ()):
            return 1
        _, _, fracs = _tables(lang)
        return fracs.get(low)
    return found[0].value if len(found) == 1 else None


def _flat(chain) -> list[tuple[str, int | float]]:
    return [v for c in chain for v in c[3]]


def _en_valid(vals) -> bool:
    """Is this a well-formed English cardinal ("thirty five", "one thousand five")?"""
    if not vals or vals[0][0] != "add":
        return False
    for (pop, pv), (op, v) in itertools.pairwise(vals):
        if op == "add" and pop == "add" and not (20 <= pv < 100 and pv % 10 == 0 and v < 10):
            return False
    return True


_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_BIG_AFTER = re.compile(r"\s+(hundred|thousand|million|billion|trillion)s?(?![\w-])", re.IGNORECASE)
_EN_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _en_words_at(text: str, pos: int) -> tuple[int | float, int] | None:
    """A numerator in words at ``pos`` ("a", "three", "fifty-four") and where it ends."""
    vals: list = []
    end = pos
    for k in range(4):
        m = _EN_WORD.match(text, end if k == 0 else end + 1)
        if not m or (k and text[end] != " "):
            break
        w = m.group().lower()
        if _EN_DEN.fullmatch(w) or (k and w in ("a", "an")):
            break
        v = _word_values_lower(w, "en")
        if v is None or any(x[1] < 1 and x[1] != 0 for x in v):
            break
        vals.extend(v)
        end = m.end()
    if not vals or not _en_valid(vals):
        return None
    return _combine(vals), end


_BIG = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _en_and_fraction(text: str, end: int, value, big) -> tuple[int | float, int] | None:
    """ "... and a half", "... and three fifths" after a number; with a scale word after it or
    before it the fraction is of the scale ("five and a half million", "3 million and a half")."""
    am = _EN_AND.match(text, end)
    nw = _en_words_at(text, am.end()) if am else None
    d2 = _en_denominator(text, nw[1]) if nw else None
    if not (d2 and (d2[1] or nw[0] == 1) and d2[0] > 1 and nw[0] < d2[0]):
        return None
    frac = nw[0] / d2[0]
    e2 = d2[2]
    after = _EN_BIG_AFTER.match(text, e2)
    if after:
        sc = _BIG[after.group(1).lower()]
        value = value + frac * sc if big and big > sc else (value + frac) * sc
        e2 = after.end()
    elif big:
        value = value + frac * big  # "one million and a half"
    else:
        value = value + frac
    if isinstance(value, float):
        value = round(value, 12)
        value = int(value) if value.is_integer() and abs(value) < 1e18 else value
    return value, e2


def _den_vals(d: int) -> tuple[str, int]:
    return ("mul", d) if d in (100, 1000, 10**6, 10**9, 10**12) else ("add", d)


def _en_tail(text: str, start: int, end: int, value, chain, flat):
    """Fractions, decimals and signs around an English number in words (value, start, end)."""
    den = _en_denominator(text, end)
    cut = max((k for k, c in enumerate(chain) if not c[3]), default=None)
    head_flat = _flat(chain[:cut]) if cut is not None else []
    big_head = head_flat[-1][1] if head_flat and head_flat[-1][0] == "mul" and head_flat[-1][1] >= 10**6 \
        else None
    done = False
    if den and isinstance(value, int):
        after = _EN_BIG_AFTER.match(text, den[2])
        if big_head is not None:
            # "five billion and three quarters" = 5.75 billion
            num = _combine(_flat(chain[cut + 1:]))
            scale = _EN_ORD.get(after.group(1).lower() + "th", 0) if after else 0
            scale = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                     "trillion": 10**12}[after.group(1).lower()] if after else big_head
            value = _combine(head_flat) + num / den[0] * scale
            end = after.end() if after else den[2]
            done = True
        elif cut is not None and _combine(_flat(chain[cut + 1:])) < den[0]:
            # "one hundred and three quarters" = 100.75: a proper fraction after "and"
            value = _combine(head_flat) + _combine(_flat(chain[cut + 1:])) / den[0]
            end = den[2]
            done = True
        elif den[0] > 2 or den[1]:
            # "one hundred thirty fifths" = 100/35, "one thousand fifths" = 1000/5
            num, d = value, den[0]
            for c in range(1, len(chain)):
                if not chain[c][3] or not chain[c - 1][3]:
                    continue
                dv = _flat(chain[c:]) + [_den_vals(den[0])]
                if _en_valid(dv):
                    num, d = _combine(_flat(chain[:c])), _combine(dv)
                    break
            if den[1] or num == 1:
                value = num / d
                end = den[2]
                done = True
                after = _EN_BIG_AFTER.match(text, end)
                if after:  # "three quarters billion"
                    value *= _BIG[after.group(1).lower()]
                    end = after.end()
    if not done and isinstance(value, int):
        big = flat[-1][1] if flat and flat[-1][0] == "mul" and flat[-1][1] >= 10**6 else None
        af = _en_and_fraction(text, end, value, big)
        if af:
            value, end = af
            done = True
    if not done:
        pt = _EN_POINT.match(text, end)
        digits = _point_digits(pt.group(1)) if pt and isinstance(value, int) else None
        if digits:
            value = float(f"{value}.{digits}")
            end = pt.end()
    neg = _EN_NEG.search(text[max(0, start - 10):start])
    if neg:
        start -= len(text[max(0, start - 10):start]) - neg.start(1)
        value = -value
    if isinstance(value, float):
        value = round(value, 12)
        if value.is_integer() and abs(value) < 1e18:
            value = int(value)
    return value, start, end
