"""The ``quantities`` stage: amounts, ranges, bounds, currencies, units, rates and counts.

Numbers come from ``numbers.py`` (digits and words, both languages). Around each
number the rules read, all from ``lexicon/<lang>.tsv``:

* a range or alternative with a second number ("drei oder vier" -> low 3, high 4;
  "zwischen 10 und 20"; "100 bis 300 Milliarden" gives the scale to both ends);
* a bound before it ("bis zu" -> high, "mindestens" -> low, "rund" -> approximate);
* a currency (ISO 4217 code), percent sign or unit before or after it;
* a rate period next to it ("jährlich", "pro Jahr", "a year" -> per "year");
* the counted noun after it, lemmatised ("10 Ingenieurbrigaden" -> "Ingenieurbrigade"),
  with casualty counts flagged ("mindestens 12 Tote").

Dates, years and clock times are no quantities: numbers inside the ``times``
layer (or, when the temporal stage did not run, inside what it would find) are skipped,
and so are numbers inside web addresses, ordinals ("2nd", "19. Juni") and identifiers
("F-16", "Covid-19"). An age is kept ("a 5-year-old", "im Alter von 62").

Units the words alone do not settle: a bare degree is "°" (temperature, scale not said)
unless an angle cue is near ("Winkel", "rotate") - then "deg"; "pounds"/"Pfund" is the
weight "lb" unless money is near (a money word, "Sterling", pence, a scale word).
German "ein" is also the numeral: "einen Euro", "ein Pfund Hack" are one unit.

Example::

    >>> [(q.text, q.low, q.high, q.unit, q.per) for q in
    ...  find_quantities("Sie verdienen jährlich bis zu 115 Millionen Dollar.", "de")]
    [('115 Millionen Dollar', None, 115000000, 'USD', 'year')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..errors import MissingExtra
from ..pipeline import stage
from ..schema import Article, Quantity
from .numbers import NumberMatch, find_numbers, lexicon

__all__ = ["VERSION", "FoundQuantity", "find_numbers", "find_quantities", "quantities"]

VERSION = "0.2"


@dataclass(frozen=True, slots=True)
class FoundQuantity:
    start: int
    end: int
    text: str
    value: int | float | None
    low: int | float | None = None
    high: int | float | None = None
    unit: str | None = None
    per: str | None = None
    counted: str | None = None
    casualty: bool = False


def _alt(forms) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+")
                    for f in sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=4)
def _rx(lang: str) -> dict[str, re.Pattern]:
    lx = lexicon(lang)
    # prefixes: symbols ("$", "US$", "€") and ISO codes ("EUR 5")
    symbols = [f for f, v in lx["currency"] if not f.isalpha() or f.upper() == v] + \
        [f for f, _ in lx.get("currency_prefix", [])]  # written before the amount only ("Rs 500")
    units = [f for f, _ in lx["currency"]] + [f for f, _ in lx["percent"]] + [f for f, _ in lx["unit"]]
    return {
        "bound": re.compile(rf"(?:(?<![\w])|(?=[<>=≤≥]))({_alt(f for f, _ in lx['bound'])})\s*$", re.IGNORECASE),
        "bound_after": re.compile(rf"^\s*({_alt(f for f, _ in lx.get('bound_after', []))})(?![\w])",
                                  re.IGNORECASE),
        "bound_join": re.compile(rf"^\s*,?\s*(?:and|but|und|aber|or|oder)?\s*"
                                 rf"({_alt(f for f, _ in lx['bound'])})\s*$", re.IGNORECASE),
        "cur_prefix": re.compile(rf"(?:^|[^\w$])({_alt(symbols)})\s?$", re.IGNORECASE),
        "after": re.compile(rf"^(\s?|\s?-\s?)({_alt(units)})(?![\w])", re.IGNORECASE),
        "per_after": re.compile(rf"^\s*(?:,\s*)?({_alt(f for f, _ in lx['per'])})(?![\w])", re.IGNORECASE),
        "per_before": re.compile(rf"(?:^|[^\w])({_alt(f for f, _ in lx['per'])})\s*$", re.IGNORECASE),
        "sep": re.compile(r"^\s*(oder|or|bis|to|through|und|and|-|–|~)\s*(?:(" + _alt(symbols) + r")\s?)?$",
                          re.IGNORECASE),
        "opener": re.compile(r"(?:^|[^\w])(zwischen|between|von|from)\s*$", re.IGNORECASE),
        "casualty": re.compile(rf"(?<![\w])({_alt(f for f, _ in lx['casualty'])})(?![\w])", re.IGNORECASE),
    }


@lru_cache(maxsize=4)
def _maps(lang: str) -> dict[str, dict[str, str]]:
    lx = lexicon(lang)
    out = {k: {f: v for f, v in lx.get(k, [])} for k in
           ("currency", "percent", "unit", "per", "bound", "bound_after", "casualty")}
    out["currency"].update({f: v for f, v in lx.get("currency_prefix", [])})
    out["iso"] = {v: v for v in out["currency"].values() if len(v) == 3 and v.isupper()}
    out["angle"] = {f: f for f, _ in lx.get("angle", [])}
    return out


_PERSONS = {
    "menschen", "mensch", "personen", "person", "zivilisten", "zivilist", "soldaten", "soldat",
    "kinder", "kind", "frauen", "männer", "polizisten", "kämpfer", "bewohner", "einwohner",
    "people", "persons", "civilians", "soldiers", "children", "women", "men", "troops",
    "fighters", "residents", "migrants", "passengers", "workers", "police", "officers",
}
_EN_STOP = {
    "of", "the", "a", "an", "in", "on", "at", "to", "for", "and", "or", "but", "were", "was", "are",
    "is", "be", "been", "have", "has", "had", "will", "would", "could", "should", "may", "might",
    "said", "from", "by", "with", "per", "who", "that", "which", "than", "as", "more", "less",
    "percent", "each", "this", "these", "those", "it", "its", "their", "his", "her", "they", "we",
    "he", "she", "i", "you", "there", "here", "so", "also", "not", "no", "into", "over", "about",
    "after", "before", "since", "during", "while", "when", "if", "because", "out", "up", "down",
    "among", "between", "across", "against", "through", "via", "amid", "toward", "towards", "under",
    "within", "without", "including", "say", "says",
}
_DE_DET = {"der", "die", "das", "den", "dem", "des", "am", "im", "zum", "zur", "vom", "beim", "ihr", "sein"}


_WORD_BEFORE_DASH = re.compile(r"(?<![\w.,])(?!\d+(?:[.,]\d+)?(?:k|K|m|M|bn|b|B)$)\w*[^\W\d_]\w*$")
# a currency code glued before the number ("USD115"); "M" before or after a code is millions ("30 MUSD")
_ISO_GLUED = re.compile(r"(?<![A-Za-z])(M?)([A-Z]{3})$")
_M_ISO_AFTER = re.compile(r"\s?M([A-Z]{3})(?![\w])")
_SCALE_AFTER_UNIT = re.compile(r"\s(million|billion|trillion|mn|bn|Mio\.?|Mrd\.?|Millionen|Milliarden)(?![\w])",
                               re.IGNORECASE)
_BRACKET_UNIT = re.compile(r"\s?[(\[{<]\s?([^\W\d][\w/^]*)\s?[)\]}>]")
_FT_IN = re.compile(r"\s+(?:and\s+)?(\d+(?:\.\d+)?)\s?(?:in|inch|inches|\")(?![\w])", re.IGNORECASE)


def _scaled(v, k):
    r = v * k
    if isinstance(r, float):
        r = round(r, 6)
        r = int(r) if r.is_integer() and abs(r) < 1e18 else r
    return r


def lexicon_scale(lang: str, word: str) -> int | float | None:
    from .numbers import _tables
    return _tables(lang)[1].get(word.lower())


def _angle(text: str, start: int, end: int, maps) -> bool:
    """Is a bare degree an angle? Cue words in the same clause around it."""
    left = re.split(r"[.;:!?\n]", text[max(0, start - 40):start])[-1]
    right = re.split(r"[.;:!?,\n]", text[end:end + 30])[0]
    words = re.findall(r"[^\W\d_]+", (left + " " + right).lower())
    return any(w in maps["angle"] for w in words)


def _iso_before(text: str, s: int, maps) -> bool:
    m = _ISO_GLUED.search(text[max(0, s - 4):s])
    return bool(m) and m.group(2) in maps["iso"]


def _number_kind_text(text: str, s: int) -> bool:
    """True when the number is glued into an identifier ("F-16", "G7", "Covid-19")."""
    if s == 0:
        return False
    prev = text[s - 1]
    if prev.isalpha():
        return True
    # "F-16", "Covid-19", "scp2-173", "24/7"; a dash after a plain number is a range ("1000-5000")
    if s >= 2 and prev == "/" and text[s - 2].isalnum():
        return True
    return prev == "-" and bool(_WORD_BEFORE_DASH.search(text[max(0, s - 16):s - 1]))


def _is_ordinal_de(text: str, n: NumberMatch) -> bool:
    if n.words or text[n.end:n.end + 1] != ".":
        return False
    nxt = re.match(r"\.\s*(\w+)", text[n.end:n.end + 40])
    if not nxt:
        return False
    word = nxt.group(1)
    if word[0].islower():
        return True
    before = re.search(r"(\w+)\s*$", text[max(0, n.start - 20):n.start])
    return bool(before and before.group(1).lower() in _DE_DET)


def _singular_en(w: str) -> str:
    lw = w.lower()
    if lw in ("people", "police", "dead", "wounded", "injured", "missing", "killed", "news", "series"):
        return w
    if lw.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if lw.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if lw.endswith("s") and not lw.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _counted(text: str, end: int, lang: str) -> tuple[str, int] | None:
    """The counted noun after ``end`` (lemma) and where it ends."""
    rest = text[end:end + 80]
    if lang == "de":
        m = re.match(r"\s+((?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2})([A-ZÄÖÜ][\w-]*[\w])", rest)
        if not m:
            return None
        word = m.group(2)
        try:
            from ..nlp import de_tag
            (_, lemma, tag), = de_tag((word,))
        except (ImportError, MissingExtra):  # HanTa missing: the word as written
            return word, end + m.end()
        if tag.startswith("NN") or tag == "NE":
            return lemma, end + m.end()
        return None
    m = re.match(r"\s+((?:[a-z][\w-]*\s+){0,2})?([a-z][\w-]*)", rest)
    if not m:
        return None
    words = ((m.group(1) or "").split() + [m.group(2)])
    offsets = [end + w.end() for w in re.finditer(r"[a-z][\w-]*", rest[:m.end()])]
    keep: list[str] = []
    for w in words:
        if w in _EN_STOP or w.endswith("ly") or w in ("percent",):
            break
        keep.append(w)
    if not keep:
        return None
    # verbs right after the number end the noun phrase ("12 died")
    if keep[0].endswith("ed") and keep[0] not in ("dead", "wounded", "injured", "killed"):
        return None
    stop = offsets[len(keep) - 1]
    keep[-1] = _singular_en(keep[-1])
    return " ".join(keep), stop


_PERCENT_OF = re.compile(r"(?:^|\W)((?:per\s?cents?|percents?|percentage)\s+of\s+)$", re.IGNORECASE)
_EN_ORD_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\bAlter\s+(?:von\s+)?|\bage\s+(?:of\s+)?|\baged\s+)$", re.IGNORECASE)
_MONEY_CUE = re.compile(r"(?:cost|pay|paid|fine|worth|price|spen[dt]|earn|sold|bought|budget|salary|wage|"
                        r"fee|fund|loan|debt|bid|offer|value|profit|revenue|sterling|£|kost|zahl|preis|gehalt|lohn|verdien|"
                        r"ausgeb|umsatz|gewinn|schuld|wert|spende|britisch|euro|dollar)", re.IGNORECASE)


def _weight_pounds(text: str, start: int, a: NumberMatch) -> bool:
    """"pounds", "Pfund": weight unless the amount is scaled or near a money word."""
    if a.scaled or re.match(r"\s*(?:pounds?|pfund)\s+(?:and\s+|und\s+)?(?:\d+\s*)?(?:sterling|pence|p)\b",
                            text[a.end:a.end + 40], re.IGNORECASE):
        return False
    return not _MONEY_CUE.search(text[max(0, start - 60):start])


def find_quantities(text: str, lang: str, time_spans: list[tuple[int, int]] | None = None
                    ) -> list[FoundQuantity]:
    """Quantities in ``text``; ``time_spans`` are skipped (found here when not given)."""
    lang = lang if lang in ("de", "en") else "en"
    if time_spans is None:
        from ..temporal import find_times
        time_spans = [(t.start, t.end) for t in find_times(text, lang)]
    # an age ("29 Jahre alt", "ten years old") is a quantity, not a duration
    time_spans = [(s, e) for s, e in time_spans
                  if not re.match(r"[\s-]*(?:alt|old|of\s+age)\b", text[e:e + 10], re.IGNORECASE)
                  and not _AGE_BEFORE.search(text[max(0, s - 25):s])]
    rx, maps = _rx(lang), _maps(lang)
    if "://" in text or "www." in text:  # numbers inside a web address are none
        time_spans = time_spans + [m.span() for m in _URL.finditer(text)]
    nums = [n for n in find_numbers(text, lang)
            if not any(n.start < e and s < n.end for s, e in time_spans)
            and (not _number_kind_text(text, n.start) or _iso_before(text, n.start, maps))
            and not (lang == "de" and _is_ordinal_de(text, n))
            and not (lang == "en" and n.attached and _EN_ORD_SUFFIX.match(text, n.end))]
    out: list[FoundQuantity] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        start, end = a.start, a.end
        value: int | float | None = a.value
        low = high = None
        cur_pre = None
        # a currency symbol before the number ("$5", "US$ 10", "€ 2")
        floor = out[-1].end if out else 0
        pm = rx["cur_prefix"].search(text[max(floor, start - 6):start])
        scale_pre = 1
        if pm:
            cur_pre = maps["currency"].get(pm.group(1).lower())
            start -= len(text[max(floor, a.start - 6):a.start]) - pm.start(1)
        else:
            gm = _ISO_GLUED.search(text[max(floor, start - 5):start].rstrip())
            if gm and gm.group(2) in maps["iso"]:
                cur_pre = gm.group(2)  # "USD115", "MAUD 60"
                scale_pre = 10**6 if gm.group(1) else 1
                start -= len(text[max(floor, a.start - 5):a.start]) - gm.start(1)
                if scale_pre != 1:
                    value = _scaled(value, scale_pre)
        # a second number: range or alternative
        j = i + 1
        if j < len(nums):
            b = nums[j]
            sep = rx["sep"].match(text[a.end:b.start])
            if sep:
                word = sep.group(1).lower()
                opener = rx["opener"].search(text[max(0, start - 12):start])
                ok = word not in ("und", "and", "-", "–") or opener is not None or \
                    (word in ("-", "–", "~") and text[a.end:b.start].strip() == word)
                if word in ("to", "bis", "-", "–", "~", "or", "oder") and not opener and a.value > b.value:
                    ok = False
                if cur_pre and sep.group(2) and maps["currency"].get(sep.group(2).lower()) != cur_pre:
                    ok = False  # "Rs 500 or ¥1000": two currencies, no range
                if word in ("-", "–") and (re.search(r"[-+/]\d*$", text[max(0, a.start - 3):a.start]) or
                                           re.match(r"[-/]\d", text[b.end:b.end + 2])):
                    ok = False  # "+1-222-2222": a phone number, no range
                if ok:
                    lo = a.value
                    if not a.scaled and b.scaled and b.base and a.value <= b.base:
                        lo = a.value * (b.value / b.base)
                        lo = int(lo) if float(lo).is_integer() else lo
                    low, high, value = lo, b.value, None
                    end = b.end
                    if opener and (opener.group(1).lower() in ("zwischen", "between")) == \
                            (word in ("und", "and")) and word not in ("oder", "or"):
                        start -= len(text[max(0, start - 12):start]) - opener.start(1)
                    j += 1
                    if cur_pre is None and sep.group(2):
                        cur_pre = maps["currency"].get(sep.group(2).lower())
        # unit, currency or percent after
        unit = cur_pre
        am = rx["after"].match(text[end:end + 40])
        bm_unit = None
        if not am and unit is None:
            mi = _M_ISO_AFTER.match(text, end)
            if mi and mi.group(1) in maps["iso"]:  # "30 MUSD": thirty million dollars
                unit, end = mi.group(1), mi.end()
                value, low, high = (_scaled(x, 10**6) if x is not None else None for x in (value, low, high))
            else:
                bm_unit = _BRACKET_UNIT.match(text, end)  # "20 (kg)"
                if bm_unit:
                    key = bm_unit.group(1).lower()
                    u = maps["unit"].get(key) or maps["currency"].get(key)
                    if u:
                        unit, end = u, bm_unit.end()
        if am:
            key = re.sub(r"\s+", " ", am.group(2).lower())
            u = maps["currency"].get(key) or maps["percent"].get(key) or maps["unit"].get(key)
            if u == "GBP" and lang == "en" and key.startswith("pound") and _weight_pounds(text, start, a):
                u = "lb"  # "lost 25 pounds": weight, not money
            # "5 m" after a number is metres; a space is allowed, a line break is not
            if u and cur_pre and not key[0].isalnum() and re.match(r"\s?[-+]?\d", text[end + am.end():end + am.end() + 3]):
                u = None  # "$ 20,000.00 $ 37,305.97": the symbol belongs to the next amount
            if u == "GBP" and lang == "de" and key == "pfund" and _weight_pounds(text, start, a):
                u = "lb"  # "12 Pfund Kaffee": weight
            if u and (unit is None or u == unit):
                unit = u
                end = end + am.end()
                sm = _SCALE_AFTER_UNIT.match(text, end) if len(u) == 3 and u.isupper() else None
                if sm and not a.scaled:  # "75 USD million"
                    k = lexicon_scale(lang, sm.group(1))
                    if k:
                        value, low, high = (_scaled(x, k) if x is not None else None for x in (value, low, high))
                        end = sm.end()
        if unit == "°" and _angle(text, start, end, maps):
            unit = "deg"  # "rotate 90 degrees", "45 Grad Winkel"
        if unit is None and lang == "en":
            pm2 = _PERCENT_OF.search(text[max(floor, start - 20):start])
            if pm2:  # "per cent of 22"
                unit = "%"
                start -= len(text[max(floor, start - 20):start]) - pm2.start(1)
        # "im Alter von 95 Jahren", "at the age of 6 weeks": an age
        if unit in ("year", "month", "week", "day") and _AGE_BEFORE.search(text[max(0, start - 25):start]):
            unit = f"{unit}-old"
        elif unit is None and low is None and high is None and isinstance(value, int) and 0 < value < 130 and \
                _AGE_BEFORE.search(text[max(0, start - 25):start]):
            unit = "year-old"  # "a man of age 87", "im Alter von 87"
        # a bound before
        bm = rx["bound"].search(text[max(0, start - 25):start])
        if bm and bm.group(1)[0] in "<>=" and bm.start(1) > 0 and bm.string[bm.start(1) - 1] in "<>=":
            bm = None  # "<>30", "=>30": no comparison we know
        bound = None
        if bm and low is None and high is None:
            bound = maps["bound"].get(re.sub(r"\s+", " ", bm.group(1).lower()))
            if bound == "high":
                high = value
            elif bound == "low":
                low = value
        if bound in (None, "approx") and low is None and high is None and value is not None:
            ba = rx["bound_after"].match(text[end:end + 20])
            if ba and (re.match(r"\s*than\b", text[end + ba.end():end + ba.end() + 8]) or (
                    ba.group(1).lower().endswith("than") and j < len(nums) and
                    nums[j].start - (end + ba.end()) <= 3)):
                ba = None  # "5000 or less than 6000": the bound belongs to the next number
            if ba:  # "200 or more", "fünfhundert oder weniger"
                bound = maps["bound_after"].get(re.sub(r"\s+", " ", ba.group(1).lower()))
                if bound == "low":
                    low = value
                elif bound == "high":
                    high = value
                end += ba.end()
        # a rate period after the unit or before the bound/number
        per = None
        pa = rx["per_after"].match(text[end:end + 30])
        if pa:
            per = maps["per"].get(re.sub(r"\s+", " ", pa.group(1).lower()))
        else:
            lead = start - (len(text[max(0, start - 25):start]) - bm.start(1)) if bm else start
            pb = rx["per_before"].search(text[max(0, lead - 25):lead])
            if pb:
                per = maps["per"].get(re.sub(r"\s+", " ", pb.group(1).lower()))
        counted = None
        casualty = False
        if unit is None:
            found_noun = _counted(text, end, lang)
            if found_noun and found_noun[0].split():  # a counted noun of letters only
                counted, end = found_noun
                low_c = counted.lower()
                tail = low_c.split()[-1]
                if rx["casualty"].fullmatch(low_c) or rx["casualty"].fullmatch(tail) or \
                        tail in ("tote", "toter", "todesopfer", "verletzte", "verletzter"):
                    casualty = True
                elif tail in _PERSONS or low_c in _PERSONS or \
                        (lang == "de" and (low_c.rstrip("n") + "n") in _PERSONS):
                    window = re.split(r"[.;!?]", text[end:end + 90], maxsplit=1)[0]
                    casualty = bool(rx["casualty"].search(window))
        if counted and not pa:
            pa2 = rx["per_after"].match(text[end:end + 30])
            if pa2:
                per = maps["per"].get(re.sub(r"\s+", " ", pa2.group(1).lower()))
        # a lone year-like number with nothing around it is no quantity
        if unit is None and counted is None and low is None and high is None and not a.words \
                and re.fullmatch(r"(?:1[5-9]|20)\d\d", a.text):
            i = j
            continue
        out.append(FoundQuantity(start, end, text[start:end], value, low, high, unit, per, counted,
                                 casualty))
        while j < len(nums) and nums[j].start < end:
            j += 1  # a scale word read after the unit ("12 USD billion") is no number of its own
        i = j
    out = _join_subunits(_join_bounds(out, text, rx), text)
    if lang == "de":
        out = _de_article_units(text, out, time_spans, maps)
    return out


def _de_article_units(text: str, found: list[FoundQuantity], skip, maps) -> list[FoundQuantity]:
    """German "ein" is also the numeral: "einen Euro", "eine Tonne", "ein Pfund Hack" are 1 unit."""
    extra = []
    for m in _de_unit_rx().finditer(text):
        s, e = m.span()
        if any(s < qe and qs < e for qs, qe in skip) or any(s < q.end and q.start < e for q in found):
            continue
        key = re.sub(r"\s+", " ", m.group(2).lower())
        u = maps["currency"].get(key) or maps["unit"].get(key) or maps["percent"].get(key)
        if not u or u in ("year", "month", "week", "day"):
            continue
        if u == "GBP" and key == "pfund" and not _MONEY_CUE.search(text[max(0, s - 60):s]):
            u = "lb"
        extra.append(FoundQuantity(s, e, text[s:e], 1, unit=u))
    if not extra:
        return found
    return sorted(found + extra, key=lambda q: q.start)


@lru_cache(maxsize=1)
def _de_unit_rx() -> re.Pattern:
    lx = lexicon("de")
    forms = [f for k in ("currency", "unit", "percent") for f, _ in lx.get(k, [])
             if len(f) >= 4 and f.replace(" ", "").isalpha()]
    from .numbers import _trie_regex
    return re.compile(rf"(?=[eE])(?<![\w])(ein(?:e[nmr]?)?)\s+({_trie_regex(sorted(forms))})(?![\w])",
                      re.IGNORECASE)


def _join_subunits(found: list[FoundQuantity], text: str) -> list[FoundQuantity]:
    """"zwei Euro und fünfzig Cent", "3 dollars 50 cents", "15 Dollar 50", "5 feet 2 inches": one amount."""
    out: list[FoundQuantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == "ft" and prev.value is not None and prev.low is None and \
                prev.high is None and q.value is not None and q.low is None and q.high is None and \
                0 <= q.value < 12 and re.fullmatch(r"\s+(?:and\s+)?", text[prev.end:q.start]):
            tail = re.match(r"\s?(?:in|inch|inches|\")(?![\w])", text[q.end:q.end + 8]) if q.unit is None else None
            if q.unit == "in" or tail:
                end = q.end + (tail.end() if tail else 0)
                value = round(prev.value + q.value / 12, 12)
                out[-1] = replace(prev, end=end, text=text[prev.start:end], value=value, counted=None)
                continue
        if prev is not None and prev.unit and len(prev.unit) == 3 and prev.unit.isupper() and \
                isinstance(prev.value, int) and not text[q.end:q.end + 1].isalpha() and \
                prev.value is not None and prev.low is None and prev.high is None and \
                q.value is not None and q.low is None and q.high is None and q.counted is None and \
                isinstance(q.value, int) and 0 < q.value < 100 and \
                (q.unit is None or q.unit.endswith(("-cent", "-pence"))) and \
                re.fullmatch(r"\s*(?:und|and)?\s*", text[prev.end:q.start]):
            value = round(prev.value + q.value / 100, 2)
            out[-1] = replace(prev, end=q.end, text=text[prev.start:q.end], value=value)
            continue
        out.append(q)
    return out


def _join_bounds(found: list[FoundQuantity], text: str, rx) -> list[FoundQuantity]:
    """"above 1000 and below 1500", "at most 100 and at least 20": one range."""
    out: list[FoundQuantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == q.unit and prev.value is not None and q.value is not None and \
                ((prev.low is not None) != (prev.high is not None)) and \
                ((q.low is not None) != (q.high is not None)) and \
                (prev.low is None) != (q.low is None) and rx["bound_join"].match(text[prev.end:q.start]) and \
                (prev.low if prev.low is not None else q.low) < (prev.high if prev.high is not None else q.high):
            low = prev.low if prev.low is not None else q.low
            high = prev.high if prev.high is not None else q.high
            out[-1] = replace(prev, end=q.end, text=text[prev.start:q.end], value=None, low=low, high=high,
                              counted=prev.counted or q.counted)
            continue
        out.append(q)
    return out


@stage("quantities", VERSION, requires=("sentences",), assigns=("quantities",))
def quantities(article: Article) -> Article:
    lang = article.language if article.language in ("de", "en") else "en"
    by = f"quantities/{lang}@{VERSION}"
    spans = None
    if article.times is not None:
        spans = [(t.span.start, t.span.end) for t in article.times]
    found = find_quantities(article.text, lang, spans)
    return article.replace(quantities=tuple(
        Quantity(f"q{k}", article.span(q.start, q.end), q.value, q.low, q.high, q.unit, q.per,
                 q.counted, q.casualty, by)
        for k, q in enumerate(found, 1)
    ))
