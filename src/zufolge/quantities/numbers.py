"""Numbers written as digits or words, German and English.

Separators are decided by language, then by shape (documented choice):

* both ``.`` and ``,`` present: the last one is the decimal mark, the other
  groups thousands ("1.000,5" and "1,000.5" are both 1000.5), whatever the language;
* one kind, several times: thousands groups of three digits, else no value;
* one kind, once, followed by exactly three digits: German reads ``.`` as thousands
  and ``,`` as decimal ("2.300" = 2300, "4,800" = 4.8); English the other way round;
* otherwise the single mark is a decimal mark ("1,5" = "1.5" = 1.5).

Numbers with more than 21 digits get no value (never a crash).

Example::

    >>> [(m.text, m.value) for m in find_numbers("drei oder vier, 1,5 Mrd. und 2.300", "de")]
    [('drei', 3), ('vier', 4), ('1,5 Mrd.', 1500000000), ('2.300', 2300)]
"""

from __future__ import annotations

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
_EN_POINT = re.compile(r"\s+point((?:\s+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                       r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?))+)(?![\w-])",
                       re.IGNORECASE)
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


def _combine(values: list[tuple[str, int | float]]) -> int | float:
    total: float = 0
    current: float = 0
    for op, v in values:
        if op == "mul":
            if v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current = (current or 1) * v
        else:
            current += v
    r = total + current
    return int(r) if float(r).is_integer() and abs(r) < 1e18 else r


_TOKEN = re.compile(
    r"(?:\d+[ ])?\d+/\d+(?![\d/])|\d+(?:[.,]\d+)*(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?"
    r"|(?<![\w.])\.\d+(?![.,]?\d)"  # ".08"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*\.?"
)


def _tokens(text: str):
    for m in _TOKEN.finditer(text):
        yield m.start(), m.end(), m.group()


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """Every number in ``text``: digits (with a scale word), number words, fractions.

    Indefinite articles alone ("ein", "a") are no numbers; "eine Million" is.
    """
    lang = lang if lang in ("de", "en") else "en"
    morphemes, scales, fracs = _tables(lang)
    toks = list(_tokens(text))
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
                # a fraction "3/4" or a mixed number "2 1/4"
                whole, _, frac = t.rpartition(" ")
                num_s, den_s = frac.split("/")
                if int(den_s) == 0 or (s > 0 and text[s - 1] in "/-") or len(t) > 12:
                    i += 1
                    continue
                val = int(num_s) / int(den_s) + (int(whole) if whole else 0)
                val = round(val, 12)
                out.append(NumberMatch(s, e, t, val, val, False, False))
                i += 1
                continue
            val = parse_digits(t, lang)
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
            attached = end < len(text) and text[end].isalpha()
            if s > 0 and text[s - 1] == "-" and (s == 1 or text[s - 2] in " \t\n(") and not out_ends_at(
                    out, s - 2):
                s, value, val = s - 1, -value, -val  # "-5", not the dash of a range "10-20"
            out.append(NumberMatch(s, end, text[s:end], value, val, mult != 1, words, attached))
            i = j
            continue
        if lang == "en" and "-" in t and _word_values(t.rstrip("."), lang) is None:
            parts = t.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k])
                rest = "-".join(parts[k:]).lower().rstrip(".")
                if _word_values(head, lang) is not None and head.lower() not in ARTICLES[lang] and \
                        rest in _unit_words(lang):
                    t, e = head, s + len(head)
                    low = t.lower()
                    break
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
                if nxt and _can_follow(chain, nxt, lang):
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
        # drop a trailing connector
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
                _EN_PRONOUN.search(text[max(0, s - 12):s]):
            i += 1  # "which one", "the one you mentioned": a pronoun
            continue
        if len(chain) == 1 and (first in ARTICLES[lang] or first in ("und", "and", "halb")
                                or (first in scales and first not in morphemes)
                                or first in ("hälfte", "half", "quarter", "viertel", "drittel")):
            i += 1
            continue
        flat: list[tuple[str, int | float]] = []
        for k, (_, _, tk, v) in enumerate(chain):
            if k == 0 and tk.lower() in ARTICLES[lang] and len(chain) > 1 and chain[1][3] and \
                    chain[1][2].lower() in fracs:
                continue  # "ein halbes Dutzend": the article is no "one"
            if v and v[0][1] < 1 and flat and flat[-1][0] == "add" and \
                    chain[k][2].lower() in fracs and fracs[chain[k][2].lower()] < 1:
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
        if lang == "en":
            value, s, last_end = _en_tail(text, s, last_end, value, chain, flat)
        while j < n and toks[j][0] < last_end:
            j += 1
        base_flat = [x for x in flat if not (x[0] == "mul" and x[1] >= 1e6)]
        out.append(NumberMatch(s, last_end, text[s:last_end], value,
                               _combine(base_flat) if base_flat else value,
                               any(x[0] == "mul" and x[1] >= 1e6 for x in flat), True))
        i = j
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
    if last_op == "add" and chain[-1][2].lower() in ARTICLES[lang] and v < 1:
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


def _en_tail(text: str, start: int, end: int, value, chain, flat):
    """Fractions, decimals and signs around an English number in words (value, start, end)."""
    den = _en_denominator(text, end)
    if den and den[0] > 2 and (den[1] or value == 1) and isinstance(value, int):
        # "twenty and three fifths": the fraction is the part after the last "and"
        cut = max((k for k, c in enumerate(chain) if not c[3]), default=None)
        if cut is not None:
            head = _combine([v for c in chain[:cut] for v in c[3]])
            tail_v = _combine([v for c in chain[cut + 1:] for v in c[3]])
            value = head + tail_v / den[0]
        else:
            value = value / den[0]
        end = den[2]
    else:
        fr = _EN_AND_FRAC.match(text, end)
        if fr and (fr.group("num") or fr.group("den").lower() in ("half", "quarter")):
            num = fr.group("num") or "a"
            k = 1 if num.lower() in ("a", "an", "one") else _combine(_word_values_lower(num.lower(), "en"))
            d = 2 if fr.group("den").lower() == "half" else _EN_ORD[fr.group("den").lower().rstrip("s")]
            value = value + k / d
            end = fr.end()
        else:
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
