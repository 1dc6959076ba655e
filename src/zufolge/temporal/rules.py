"""Rule-based temporal tagger for German and English news.

Two passes. The first finds candidate expressions with regular expressions built
from the per-language tables in ``lexicon/<lang>.tsv`` (months, weekdays, number
words, units …); each candidate carries a resolver that turns an anchor into a
TIMEX3-style value. Overlaps are settled longest-first, then a date and a
following time ("am 19. Juni um 14:30 Uhr") and two dates joined by "bis"/"to"
merge. The second pass resolves: the anchor is the published date when there is
one, otherwise the nearest explicit date with a year in the text ("context").

Values:

* dates ``2024-06-19``, ``2024-06``, ``2024``, weeks ``2024-W25``, weekends
  ``2024-W25-WE``, seasons ``2024-SU``, quarters ``2024-Q1``, decades ``199``;
  unknown parts stay ``X`` (``XXXX-06-19``, ``XXXX-WXX-1`` for "Montag" without anchor);
* ranges as ISO intervals ``2024-09-03/2024-09-12``, ``2024/2025``;
* times ``T14:30`` (``T14:30+02:00`` with a zone), with a date ``2024-06-19T14:30``,
  parts of day ``2024-06-19TEV``;
* durations ``P3W``, ``PT2H``, ``PXD`` ("einige Tage");
* sets ``P1Y`` (jährlich), ``P1W``, ``P2D`` (alle zwei Tage), ``XXXX-WXX-1`` (montags).

Example::

    >>> [(t.text, t.value, t.anchor) for t in find_times("Am 25. Juni, nach dem Juli 2024.", "de")]
    [('25. Juni', '2024-06-25', 'context'), ('Juli 2024', '2024-07', 'none')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from ..quantities.numbers import number_regex, parse_number_text

__all__ = ["Anchor", "FoundTime", "find_times", "parse_anchor"]

_DATA = Path(__file__).parent / "lexicon"


@dataclass(frozen=True, slots=True)
class Anchor:
    moment: datetime
    precision: str  # day|month|year
    kind: str  # published|context

    @property
    def day(self) -> date:
        return self.moment.date()


@dataclass(frozen=True, slots=True)
class FoundTime:
    start: int
    end: int
    text: str
    value: str | None
    type: str  # date|duration|set|time
    anchor: str  # published|context|none


Resolver = Callable[["Anchor | None"], "str | None"]


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str
    resolve: Resolver
    needs_anchor: bool = False
    # an explicit date with a year: (date, precision), usable as a context anchor
    explicit: tuple[date, str] | None = None
    kind: str = ""  # rule name, for merging (date|time|…)
    day_level: bool = False  # resolves to a single day (may take a time after it)
    dur: str | None = None  # a shift's length ("3 days from" -> P3D), for "for 3 days from today"
    part: str = ""  # START|MID|END of a month or year ("the end of 2008"), for range ends


# --------------------------------------------------------------------------- tables

@lru_cache(maxsize=4)
def _lex(lang: str) -> dict[str, dict[str, str]]:
    path = _DATA / f"{lang}.tsv"
    out: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out.setdefault(parts[0], {})[parts[1].lower()] = parts[2] if len(parts) > 2 else ""
    return out


def _alt(forms) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+")
                    for f in sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=4)
def _placeholders(lang: str) -> dict[str, str]:
    lx = _lex(lang)
    ords = lx.get("ordinal", {})
    if lang == "de":
        ordinal = f"(?:{_alt(ords)})(?:en|er|em|es|e)"
    else:
        ordinal = f"(?:{_alt(ords)})".replace(r"\-", r"[-\s]+")  # "twenty-third", "twenty third"
    return {
        "MONTH": f"(?:{_alt(lx['month'])})(?![\\w])",
        "WD": f"(?:{_alt(lx['weekday'])})(?![\\w])",
        "WDB": f"(?:{_alt(k for k in lx['weekday'] if not k.endswith('.'))})",
        "WDSET": f"(?:{_alt(lx['weekday_set'])})",
        "SEASON": f"(?:{_alt(lx['season'])})",
        "PART": f"(?:{_alt(lx['part'])})",
        "RELDAY": f"(?:{_alt(lx['relday'])})",
        "RELMOD": f"(?:{_alt(lx['relmod'])})",
        "UNIT": f"(?:{_alt(lx['unit'])})(?![\\w])",
        "SET": f"(?:{_alt(lx['set'])})",
        "SETP": f"(?:{_alt(lx['set_prefix'])})",
        "DP": f"(?:{_alt(lx['daypart'])})",
        "TZ": f"(?:{_alt(k for k in lx['tz'])})(?![\\w])",
        "ORD": ordinal,
        "HOL": f"(?:{_alt(lx['holiday'])})",
        "N": number_regex(lang),
        "DAYW": ("(?:(?:twenty|thirty)(?:[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|"
                 "five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                 "eighteen|nineteen)(?![\\w-])(?!\\s+(?:thousand|hundred))"),
        "YW": ("(?:(?:nineteen|eighteen|seventeen|sixteen|fifteen|twenty|two\\s+thousand)(?:[\\s-]+(?:and[\\s-]+)?"
               "(?:hundred|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
               "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
               "ninety)(?![\\w-])){0,4}(?![\\w-]))"),
        "HW": ("(?:twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one)(?!\\w)" if lang == "en" else
               "(?:zwölf|elf|zehn|neun|acht|sieben|sechs|fünf|vier|drei|zwei|eins)(?!\\w)"),
        "MW": "(?:(?:twenty|thirty|forty|fifty)(?:[\\s-]*(?:one|two|three|four|five|six|seven|eight|nine))?"
              "|fifteen|thirteen|fourteen|sixteen|seventeen|eighteen|nineteen|ten|eleven|twelve|"
              "o'?\\s?(?:one|two|three|four|five|six|seven|eight|nine))(?:\\s+minutes)?(?![\\w-])",
        "Y": r"(?:1[5-9]\d\d|20\d\d)(?!\d)",
        "D": r"(?:[12]\d|3[01]|0?[1-9])",
    }


def _month(lang: str, s: str) -> int:
    lx = _lex(lang)["month"]
    s = re.sub(r"\s+", " ", s.lower())
    return int(lx.get(s) or lx.get(s.rstrip(".")) or lx[s + "."])


def _look(lang: str, kind: str, s: str) -> str:
    table = _lex(lang)[kind]
    s = re.sub(r"\s+", " ", s.lower())
    return table.get(s, table.get(s.rstrip("."), ""))


# --------------------------------------------------------------------------- rules

# (name, German template, English template); {X} placeholders as above
_RULES: list[tuple[str, str | None, str | None]] = [
    ("dmy", r"(?:(?P<wd>{WD}),?\s+(?:(?:den|dem)\s+)?)?(?:(?:den|dem)\s+)?(?P<d>{D})\.\s*(?P<m>{MONTH})(?:,?\s+(?P<y>{Y}))?",
     r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{D})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\.?(?:\s*,?\s+(?:(?:of|in)\s+(?:the\s+year\s+)?)?(?P<y>{Y})|\s+of\s+'?(?P<y2d>\d\d)(?![\d:]))?"),
    ("dmy_ord", r"(?:(?:den|dem|der)\s+)?(?P<dw>{ORD})\s+(?P<m>{MONTH})(?:\s+(?P<y>{Y}))?",
     r"(?:the\s+)?(?P<dw>{ORD})\s+(?:of\s+)?(?P<m>{MONTH})(?:\s*,?\s+(?:(?:of|in)\s+(?:the\s+year\s+)?)?(?P<y>{Y}))?"),
    ("mdy", None,
     r"(?:(?P<wd>{WD}),?\s+)?(?P<m>{MONTH})\.?,?\s*(?:the\s+)?(?P<d>{D})(?:st|nd|rd|th)?(?![\d:])(?:\s*,?\s+(?:(?:of|in)\s+(?:the\s+year\s+)?)?(?P<y>{Y}))?"),
    ("mdy_ord", None, r"(?P<m>{MONTH})\s+(?:the\s+)?(?P<dw>{ORD})(?:\s*,?\s+(?:(?:of|in)\s+(?:the\s+year\s+)?)?(?P<y>{Y}))?"),
    ("num_dmy", r"(?:(?P<wd>{WD}),?\s+)?(?:(?:den|dem)\s+)?(?P<d>{D})\.(?P<mo>1[0-2]|0?[1-9])\.(?P<y>{Y}|\d\d(?!\d))?",
     r"(?P<d>{D})\.(?P<mo>1[0-2]|0?[1-9])\.(?P<y>{Y})"),
    ("num_mdy", r"(?P<d>{D})/(?P<mo>1[0-2]|0?[1-9])/(?P<y>{Y})",
     r"(?:(?P<wd>{WD}),?\s+)?(?:(?P<mo>1[0-2]|0?[1-9])/(?P<d>{D})|(?P<d2>1[3-9]|2\d|3[01])/(?P<mo2>1[0-2]|0?[1-9]))/(?P<y>{Y}|\d\d(?!\d))|(?P<mo3>1[0-2]|0?[1-9])-(?P<d3>{D})-(?P<y3>{Y})"),
    ("md_slash", r"(?<!/)(?P<d>{D})/(?P<mo>1[0-2]|0?[1-9])(?![/\d.])",
     r"(?<!/)(?:(?P<mo>1[0-2]|0?[1-9])/(?P<d>{D})|(?P<d2>1[3-9]|2\d|3[01])/(?P<mo2>1[0-2]|0?[1-9]))(?![/\d])(?:,\s*(?P<y>{Y}))?"),
    ("iso_compact", r"(?P<y>(?:19|20)\d\d)(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
     r"(?P<y>(?:19|20)\d\d)(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    ("sep_dmy", r"(?P<d>{D})[-/](?P<m>{MONTH})[-/](?P<y>{Y})", r"(?P<d>{D})[-/](?P<m>{MONTH})[-/](?P<y>{Y})"),
    ("sep_ymd", r"(?P<y>{Y})[-/](?P<m>{MONTH})[-/](?P<d>{D})(?!\d)", r"(?P<y>{Y})[-/](?P<m>{MONTH})[-/](?P<d>{D})(?!\d)"),
    ("sep_mdy", None, r"(?P<m>{MONTH})[-/](?P<d>{D})(?:[-/](?P<y>{Y}))?(?![\d/])"),
    ("dom", None, r"(?:(?<=on\s)|(?<=by\s)|(?<=until\s)|(?<=before\s)|(?<=after\s)|(?<=since\s))the\s+(?P<d>{D})(?:st|nd|rd|th)(?!\s*(?:century|centuries|day|week|month|year|time|floor|place|anniversary|of|in|amendment|edition|round|minute|hour|\w+(?:ed|ing)\b))"),
    ("iso", r"(?P<y>{Y})-(?P<mo>1[0-2]|0[1-9])-(?P<d>[0-3]\d)", r"(?P<y>{Y})-(?P<mo>1[0-2]|0[1-9])-(?P<d>[0-3]\d)"),
    ("dayrange",
     r"(?:(?:vom|zwischen(?:\s+dem)?)\s+)?(?P<d1>{D})\.?\s*(?:bis(?:\s+zum)?|-|–|und(?:\s+dem)?)\s*(?P<d2>{D})\.\s*(?P<m>{MONTH})(?:\s+(?P<y>{Y}))?",
     r"(?:(?:from|between)\s+)?(?P<m>{MONTH})\s+(?:the\s+)?(?:(?P<d1>{D})(?:st|nd|rd|th)?|(?P<dw1>{ORD}))\s*(?:-|–|to|through|and|until|till)\s*(?:the\s+)?(?:(?P<d2>{D})(?:st|nd|rd|th)?|(?P<dw2>{ORD}))(?![\d:])(?:,?\s+(?P<y>{Y}))?"),
    ("dayrange_en", r"(?P<m>{MONTH})\s+(?P<d1>{D})\.?\s*(?:-|–|bis)\s*(?P<d2>{D})\.?(?:\s+(?P<y>{Y}))?",
     r"(?:(?:from|between)\s+)?(?:the\s+)?(?:(?P<d1>{D})(?:st|nd|rd|th)?|(?P<dw1>{ORD}))\s*(?:-|–|to|through|and|until|till)\s*(?:the\s+)?(?:(?P<d2>{D})(?:st|nd|rd|th)?|(?P<dw2>{ORD}))\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{Y}))?"),
    ("my", r"(?:(?P<part>{PART})\s+)?(?P<m>{MONTH})\s*(?:/\s*)?(?P<y>{Y})",
     r"(?:(?P<part>{PART})[-\s]+)?(?P<m>{MONTH})\.?\s*(?:,|/|of|-)?\s*(?P<y>{Y})"),
    ("ym", None, r"(?P<y>{Y})\s+(?P<m>{MONTH})"),
    ("m", r"(?:(?P<mod>{RELMOD})\s+|(?P<part>{PART})\s+)?(?P<m>{MONTH})",
     r"(?:(?P<mod>{RELMOD})\s+|(?P<part>{PART})[-\s]+)?(?P<m>{MONTH})"),
    ("y", r"(?:(?P<part>{PART})\s+(?:des\s+Jahres\s+)?)?(?:(?:das|im)\s+Jahre?s?\s+)?(?P<y>{Y})(?:\s*/\s*(?P<y2>\d\d(?!\d)|{Y}))?",
     r"(?:(?P<part>{PART})[-\s]+)?(?:the\s+year\s+)?(?P<y>{Y})(?:\s*(?:/|-|–|~)\s*(?P<y2>\d\d(?!\d)|{Y})|\s+(?:to|through|until|till)\s+(?P<y4>{Y}))?"),
    ("decade", r"(?:(?:in\s+)?den\s+)?(?P<dec>1[5-9]\d0|20\d0)er(?:\s+Jahren?)?",
     r"(?:the\s+)?(?:(?P<dec>1[5-9]\d0|20\d0)\s?'?s|'?(?P<dec2>[0-9]0)\s?'?s|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
    ("quarter", r"(?:im\s+)?(?P<qo>ersten|zweiten|dritten|vierten|1\.|2\.|3\.|4\.)\s+Quartals?(?:\s+(?P<y>{Y}))?|(?P<qq>Q[1-4])(?:\s*/?\s*(?P<y2>{Y}))?",
     r"(?:the\s+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+(?:of\s+)?(?P<y>{Y})|\s+of\s+(?:the|this)\s+year)?|(?P<qq>Q[1-4])(?:\s*(?:[-/]|of)?\s*(?P<y2>{Y}))?|(?P<y3>{Y})\s*[-\s]\s*(?P<qq3>q[1-4])|(?P<y5>{Y})\s*[-\s]\s*(?P<hh>H[12])|(?P<hh2>H[12])\s*(?:[-/]|of)?\s*(?P<y6>{Y})"),
    ("season", r"(?:(?P<part>{PART})\s+(?:des\s+)?)?(?:(?P<mod>{RELMOD})\s+)?(?P<s>{SEASON})(?:\s+(?P<y>{Y}))?",
     r"(?:(?P<part>{PART})[-\s]+)?(?:(?P<mod>{RELMOD})\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{Y}))?"),
    ("holiday", r"(?:(?P<mod>{RELMOD})\s+)?(?P<hol>{HOL})(?:\s+(?:(?:im\s+|des\s+)?(?:Jahre?s?\s+)?(?P<y>{Y})|(?:im\s+)?(?P<ymod>{RELMOD})\s+Jahr(?:es|e|s)?))?",
     r"(?P<wkpre>(?:the\s+)?weekend\s+of\s+(?:the\s+)?)?(?:(?P<mod>{RELMOD})\s+)?(?P<hol>{HOL})(?:\s+(?:(?:of\s+|in\s+)?(?:the\s+year\s+)?(?P<y>{Y})|(?:of\s+)?(?P<ymod>{RELMOD})\s+year))?(?P<wk>\s+weekend)?(?:\s+(?P<y7>{Y}))?"),
    ("relday", r"(?P<r>{RELDAY})(?:\s+(?P<dp>{DP}))?",
     r"(?P<r>{RELDAY})(?:\s+(?P<dp>{DP}))?"),
    ("weekday", r"(?:(?P<mod>{RELMOD})\s+(?:Woche\s+)?)?(?:(?P<wd>{WD})(?:,?\s+(?:der|den)\s+(?P<dom>[12]\d|3[01]|0?[1-9])\.?(?![\d.]*\s*{MONTH}|\.\d))?(?:\s*(?P<dp>{DP}))?|(?P<wdc>{WDB})s?(?P<dpc>{DP}))",
     r"(?:(?P<mod>{RELMOD})\s+(?:week\s+)?)?(?P<wd>{WD})(?:,?\s+(?:the\s+(?P<domw>{ORD})|(?:the\s+)?(?P<dom>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|(?P<dom2>[12]\d|3[01]|0?[1-9])(?=\s*(?:\.(?!\d)|[!?;)]|$|at\b|between\b|from\b))|(?P<nmo>1[0-2]|0?[1-9])\.(?P<nd>[12]\d|3[01]|0?[1-9])(?![\d.-])))?(?:\s+(?:in\s+the\s+|early\s+|late\s+)?(?P<dp>{DP}))?"),
    ("wdset", r"(?:(?:{SETP})\s+)?(?P<wds>{WDSET})|(?:{SETP})\s+(?P<wd>{WD})",
     r"(?:on\s+)?(?P<wds>{WDSET})|(?:{SETP})\s+(?:other\s+)?(?P<wd>{WD})|(?P<wd2>{WD})\s+(?P<dps>mornings|afternoons|evenings|nights)"),
    ("relunit", r"(?:am|übers|nach\s+dem|vor\s+dem)\s+(?P<u3>Wochenende)|(?P<mod>{RELMOD})\s+(?P<u>{UNIT})|(?P<part>{PART})\s+(?:des|der|dieses|dieser|nächsten|vergangenen|letzten|kommenden)\s+(?P<u2>{UNIT})",
     r"(?:(?P<el>earlier|later)\s+)?(?:(?:the\s+)?(?P<part>{PART})\s+)?(?P<mod>{RELMOD})\s+(?P<u>{UNIT})|(?P<part2>{PART})\s+(?:the\s+)?(?P<u2>week|month|year)(?!\s*(?:'s|of\b|before|after|\d))"),
    ("before", r"vor\s+(?:(?P<n>{N})|(?P<art>einem|einer)|(?P<few>einigen|mehreren|wenigen))\s+(?P<u>{UNIT})",
     r"(?:(?P<n>{N})|(?P<art>an?)|(?P<few>several|a\s+few|few|many))\s+(?P<u>{UNIT})\s+ago"),
    ("after", r"(?:in|binnen)\s+(?:(?P<n>{N})|(?P<art>einem|einer))\s+(?P<u>{UNIT})",
     r"in\s+(?:(?P<n>{N})|(?P<art>an?)|(?P<halfa>half\s+an?))\s+(?P<u>{UNIT})"),
    ("shift", r"(?:(?P<n>{N})|(?P<art>einen|eine|ein))\s+(?P<u>{UNIT})\s+(?P<dir>später|danach|darauf|zuvor|davor|früher|vorher)",
     r"(?:(?P<n>{N})|(?P<art>an?)|(?P<halfa>half\s+an?))\s+(?P<u>{UNIT})\s+(?P<dir>later|earlier|before|after|from\s+now|from)"),
    ("duration", r"(?:(?P<n>{N})|(?P<art>einen|eine|einem|ein)|(?P<few>einige|einigen|mehrere|mehreren|wenige|wenigen|ein\s+paar))\s+(?:(?P<half>halbe|halben)\s+)?(?P<u>{UNIT})|(?P<whole>ganzen|ganze)\s+(?P<u2>Tag|Woche|Monat|Jahr|Nacht)",
     r"(?:(?P<n>{N})|(?P<art>an?|another)|(?P<few>several|a\s+few|few|some|many|a\s+couple\s+of))(?:\s+and\s+(?:a\s+)?(?P<frac>half|quarter))?(?:[\s-]+|(?<=\d))(?:(?P<half>half\s+an?)\s+)?(?P<u>{UNIT})(?:\s+and\s+(?:a\s+)?(?P<frac2>half|quarter))?|(?P<whole>all|whole|entire)\s+(?:the\s+)?(?P<u2>day|week|month|year|night)|(?P<half3>half\s+an?)\s+(?P<u3>hour|minute|day|year)"),
    ("nextn", r"(?:(?:in\s+|innerhalb\s+|während\s+)?(?:den|die|der)\s+)?(?P<mod>nächsten|kommenden|letzten|vergangenen|folgenden)\s+(?P<n>{N}|beiden|paar)\s+(?P<u>{UNIT})",
     r"(?:(?P<within>within)\s+(?:the\s+)?)?(?:(?:the\s+)?(?P<mod>next|last|past|coming|previous|following)\s+)?(?P<n>{N}|couple(?:\s+of)?)\s*(?P<u>{UNIT})|(?P<n2>{N})\s+(?P<mod2>next|last|past|coming|upcoming|previous|following)\s+(?P<u2>{UNIT})"),
    ("set", r"(?P<sw>{SET})|(?:{SETP})\s+(?:(?P<n>{N})\s+)?(?P<u>{UNIT})|(?:pro|je)\s+(?P<u2>{UNIT})",
     r"(?P<sw>{SET})|(?:{SETP})\s+(?:(?P<n>{N})\s+)?(?:other\s+)?(?P<u>{UNIT})|(?:a|an|per)\s+(?P<u2>year|month|week|day)(?!\w)"),
    ("clock", r"(?:(?P<dp0>{DP})\s+(?=um|gegen|ab))?(?:(?:um|gegen|ab)\s+)?(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d)\s*Uhr|\s*Uhr(?:\s+(?:und\s+)?(?P<mi2>[0-5]?\d)(?!\d)(?!\s*(?:Uhr|[.:]\d)))?)(?:\s+(?P<dp>{DP}))?(?:\s*\(?(?P<tz>{TZ})\)?)?",
     r"(?:at\s+)?(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?|(?P<h4>[01]\d|2[0-3]|[1-9])(?P<mi4>[0-5]\d))\.?\s*(?P<ap>[ap]\.?\s?m\.?(?![\w]))(?:\s*\(?(?P<tz>{TZ})\)?)?"),
    ("clock2", r"(?:(?:um|gegen|ab)\s+)?(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s+(?P<dp>{DP}))?(?:\s*\(?(?P<tz>{TZ})\)?)?",
     r"(?:at\s+)?(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s*(?P<ap>[ap]\.?\s?m\.?(?![\w])))?(?:\s+(?:in\s+the\s+)?(?P<dp>{DP}))?(?:\s*\(?(?P<tz>{TZ})\)?)?"),
    ("hours", r"(?:(?:von|zwischen)\s+)?(?P<h1>[01]?\d|2[0-3])(?::(?P<m1>[0-5]\d))?\s*(?:Uhr\s*)?(?:-|–|bis|und)\s*(?P<h2>[01]?\d|2[0-4])(?::(?P<m2>[0-5]\d))?\s*Uhr(?:\s+(?P<dp>{DP}))?",
     r"(?:(?:from|between)\s+)?(?P<h1>[01]?\d|2[0-3])(?::(?P<m1>[0-5]\d))?\s*(?P<ap1>[ap]\.?m\.?)?\s*(?:-|–|to|until|till|and)\s*(?P<h2>[01]?\d|2[0-4])(?::(?P<m2>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?(?![\w])|o'?\s?clock)(?:\s+in\s+the\s+(?P<dp>{DP}))?"),
    ("wclock", None,
     r"(?P<pre>at|around|about|circa|by|@|before|after|from|since|until|till)\s+(?:(?P<h>[01]?\d|2[0-3])(?:[.:](?P<mi>[0-5]\d))?(?![/\d]|[.:]\d|-\d|\s*(?:{MONTH}|of\b|st\b|nd\b|rd\b|th\b))(?:\s*(?P<ap>[ap])(?![\w']))?|(?P<hw>{HW})(?:[\s-]+(?P<mw>{MW}))?(?:\s+(?P<ap2>[ap])\s?m\b\.?)?)(?:\s+in\s+the\s+(?P<dp>{DP})|\s+at\s+(?P<dpn>night))?|(?P<hw5>{HW})(?:[\s-]+(?P<mw5>{MW})(?:\s+(?P<ap5>[ap])\.?\s?m\b\.?)?|\s+(?P<ap6>[ap])\.?\s?m\b\.?|\s+in\s+the\s+(?P<dp5>morning|afternoon|evening|night))"),
    ("wrange", r"(?:von|zwischen)\s+(?:(?P<h1>[01]?\d|2[0-3])(?:[.:](?P<m1>[0-5]\d))?|(?P<hw1>{HW}))(?P<mw1>)\s+(?:bis|und)\s+(?:(?P<h2>[01]?\d|2[0-4])(?:[.:](?P<m2>[0-5]\d))?|(?P<hw2>{HW}))(?P<mw2>)(?!\s*(?:Uhr|\.\d|\d|{MONTH}))(?:\s+(?P<dp>{DP}))?(?P<dp1>)",
     r"(?:(?:from|between)\s+)?(?:(?P<h1>[01]?\d|2[0-3])(?:[.:](?P<m1>[0-5]\d))?(?![/\d]|[.:]\d|\s*{MONTH})|(?P<hw1>{HW})(?:[\s-]+(?P<mw1>{MW}))?)(?:\s+in\s+the\s+(?P<dp1>{DP}))?\s*(?:-|–|to|and|until|till)\s*(?:(?P<h2>[01]?\d|2[0-4])(?:[.:](?P<m2>[0-5]\d))?(?![/\d]|[.:]\d|\s*{MONTH})|(?P<hw2>{HW})(?:[\s-]+(?P<mw2>{MW}))?)(?!\s*(?:[ap]\.?m\b|o'?\s?clock|/|\.\d|\d))(?:\s+in\s+the\s+(?P<dp>{DP}))?"),
    ("wdate", None,
     (r"(?:(?P<m>{MONTH})\.?\s+(?:the\s+)?(?:(?P<dc>{DAYW})|(?P<dw>{ORD})|(?P<d>{D})(?:st|nd|rd|th)?)(?:\s*,?\s+(?P<yw>{YW}))?"
     r"|(?:the\s+)?(?:(?P<dc2>{DAYW})|(?P<dw2>{ORD})|(?P<d2>{D})(?:st|nd|rd|th)?)\s+(?:of\s+)?(?P<m2>{MONTH})\.?(?:\s*,?\s+(?P<yw2>{YW}))?"
     r"|(?P<m3>{MONTH})\s+(?:of\s+)?(?:(?P<yw3>{YW})|'?(?P<y3>\d\d)(?![\d:]))|(?<=\bin\s)(?P<yw4>{YW}))")),
    ("partof", None,
     (r"(?:the\s+)?(?:(?P<fl>first|last)\s+(?P<n>{N})\s+(?P<u>days|weeks|months)|(?:(?P<o>{ORD})|"
      r"(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th))\s+(?P<u1>day|month))\s+of(?=\s+(?:the\s+)?(?:this|last|next|"
      r"previous|coming|following|current|{MONTH}|{Y}|year\b|month\b))")),
    ("meal", None,
     (r"(?:(?P<pre>at|after|before|around|during|over)\s+)?(?P<meal>breakfast|brunch|lunch|dinner|supper)(?P<time>time)?"
      r"|in\s+the\s+(?P<dt>daytime)")),
    ("eod", None, r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?day|eod|(?P<eoy>eoy))"),
    ("fy", r"(?:(?P<mod>{RELMOD})\s+)?(?P<k>Geschäfts|Haushalts|Schul|Kalender)jahr(?:es|s)?(?:\s+(?P<y>{Y}))?",
     r"(?:(?P<mod>{RELMOD})\s+)?(?P<k>fiscal|financial|school|calendar)\s+year(?:\s+(?P<y>{Y}))?|(?P<k2>fy|sy|cy)\s*'?(?P<y2>\d\d(?:\d\d)?)(?!\d)"),
    ("theunit", r"unter\s+der\s+(?P<u>Woche)|(?:des|dem|das)\s+(?P<u5>Jahr(?:es)?)(?!\s*(?:\d|zuvor|davor|danach|darauf|später|früher))",
     (r"(?P<wan>the\s+week\s+after\s+next)|"
      r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bover\s))the\s+(?P<u>week|month|year|day)"
      r"(?!\s*(?:'s|of\b|to\b|\d|before|after|when|that|\w+ed\b))|(?P<same>the\s+same|that)\s+(?P<u2>week|month|year|weekend)(?!\s*'s)")),
    ("century", r"(?P<c>[12]?\d)\.\s+Jahrhunderts?", r"(?:the\s+)?(?P<c>[12]?\d)(?:st|nd|rd|th)\s+century"),
    ("ym_num", r"(?P<y>{Y})-(?P<mo>0?[1-9]|1[0-2])(?![\d-])|(?P<mo2>0?[1-9]|1[0-2])-(?P<y2>{Y})(?![\d-])",
     r"(?P<y>{Y})-(?P<mo>0?[1-9]|1[0-2])(?![\d-])|(?P<mo2>0?[1-9]|1[0-2])-(?P<y2>{Y})(?![\d-])"),
    ("weekord", r"(?:(?:in\s+)?der\s+)?(?P<o>ersten|zweiten|dritten|vierten|fünften|letzten)\s+Woche\s+(?:im|des|von|vom)",
     r"(?:the\s+)?(?P<o>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+week\s+(?:of|in)"),
    ("weeknum", r"(?:KW|Kalenderwoche)\s*(?P<wn>[1-9]|[1-4]\d|5[0-3])(?!\d)(?:\s*/\s*(?P<y>{Y})|\s+(?P<y2>{Y}))?",
     r"(?:the\s+)?week\s+(?P<wn>[1-9]|[1-4]\d|5[0-3])(?![\d:.])(?:\s*(?:of|,)?\s*(?P<y>{Y}))?"),
    ("milrange", None, r"(?:between|from)\s+(?P<h1>[01]\d|2[0-3])(?P<m1>[0-5]\d)\s*[-–]\s*(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)(?!\d)"),
    ("now", r"(?P<now>jetzt|derzeit|gegenwärtig|zurzeit|momentan)", r"(?P<now>now|right\s+now|currently|at\s+present|at\s+(?:the\s+)?(?:moment|minute|present\s+time)|at\s+this\s+time|(?<!up\s)(?:till|to|until)\s+(?:the\s+)?(?:current\s+)?date(?!\s*\d))|(?P<ytd>(?:the\s+)?year\s+to\s+date|ytd)"),
    ("clockw", r"(?:(?:um|gegen|ab)\s+)?(?P<hw>{N})\s+(?:Uhr(?:\s+(?P<dp>{DP}))?|(?P<dp3>nachts|abends|morgens|nachmittags|vormittags))|(?:(?:um|nach|vor|gegen|bis)\s+)?(?P<nm>Mitternacht|mitternachts|Mittagszeit)|(?P<q>halb|viertel\s+nach|viertel\s+vor|dreiviertel|viertel)\s+(?P<hw2>{N}|\d{1,2})(?:\s+(?:Uhr\s+)?(?P<dp2>{DP}))?",
     r"(?P<hw>{N})\s+o'?\s?clock(?:\s+in\s+the\s+(?P<dp>{DP}))?|(?P<q>half\s+past|quarter\s+past|quarter\s+to|(?P<mw>{N})\s+(?:min(?:ute)?s?\s+(?:past|to)|past))\s+(?P<hw2>{N}|\d{1,2})(?:\s+in\s+the\s+(?P<dp2>{DP}))?|(?P<nm>noon|mid\s?night|midday)(?:ish)?|(?P<hish>[01]?\d|2[0-3])ish"),
    ("daypart", r"(?:(?P<pre>am|gegen|heute|gestern|morgen|dieser|diesen|diesem)\s+)(?P<dp>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|früh)|(?P<dpa>früh|spät)?(?P<dpw>morgens|vormittags|nachmittags|abends|nachts)",
     r"(?:(?P<pre>in\s+the|this|that|tomorrow|yesterday|last|next|in\s+(?:the\s+)?(?:early|late)|in)\s+)(?P<dp>morning|afternoon|evening|night)|(?P<tn>tonight)"),
]


# after "x-", a match may start with a letter ("Jan-Feb 2017") or a numeric date ("5/1-5/7")
_HYPHEN_OK = re.compile(r"[^\W\d_]|\d{1,2}/\d|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d\d-\d\d|\d{8}(?!\d)")


_HYPHEN_AFTER = re.compile(r"(?:(?<!\d)\d{4}|/\d{1,2}|[A-Za-z_]|^)-$")


@lru_cache(maxsize=4)
def _compiled(lang: str) -> list[tuple[str, re.Pattern]]:
    ph = _placeholders(lang)
    out = []
    for name, de, en in _RULES:
        tpl = de if lang == "de" else en
        if tpl is None:
            continue
        src = tpl
        for k, v in ph.items():
            src = src.replace("{" + k + "}", v)
        # a match starts after no word character or "-" (but see _HYPHEN_OK: "Jan-Feb", "5/1-5/7");
        # lookbehinds only, so that the engine can still skip ahead fast (speed)
        out.append((name, re.compile(rf"(?<![\w.,/:$€£])(?<![^A-Za-z0-9]-)(?:{src})(?![\w])",
                                      re.IGNORECASE)))
    return out


_HOURS_EN = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# What a rule's match must contain (a cheap search per window before the rule runs: speed).
_NEEDS_COMMON = {
    "num_mdy": r"\d[/-]\d", "md_slash": r"\d/\d", "iso": r"\d-[01]\d-", "iso_compact": r"(?:19|20)\d{6}",
    "sep_dmy": r"[a-z][-/]\d|\d[-/][a-z]", "sep_ymd": r"\d[-/][a-z]", "sep_mdy": r"[a-z][-/]\d",
    "y": r"(?:1[5-9]|20)\d\d", "ym_num": r"\d-\d", "clock2": r"\d[:.]\d\d", "my": r"(?:1[5-9]|20)\d\d", "ym": r"(?:1[5-9]|20)\d\d",
}
_NEEDS_LANG = {
    "de": {"num_dmy": r"\d\.\d", "decade": r"\d0er", "quarter": r"quartal|q[1-4]", "clock": r"uhr",
           "hours": r"uhr", "weeknum": r"kw|kalenderwoche", "weekord": r"woche\s+(?:im|des|von|vom)",
           "before": r"\bvor\s", "after": r"\bin\s|binnen",
           "shift": r"später|danach|darauf|zuvor|davor|früher|vorher",
           "nextn": r"nächsten|kommenden|letzten|vergangenen|folgenden",
           "clockw": r"uhr|nachts|abends|morgens|nachmittags|vormittags|mitternacht|mittagszeit|halb|viertel",
           "wrange": r"\b(?:von|zwischen)\s+(?:\d|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)"},
    "en": {"num_dmy": r"\d\.\d", "decade": r"\d0\s?'?s|ties\b", "quarter": r"quarter|q[1-4]|h[12]",
           "clock": r"\d\s*[ap]\.?\s?m", "hours": r"\d\s*(?:[ap]\.?\s?m|o'?\s?clock)", "weeknum": r"week\s*\d",
           "weekord": r"week\s+(?:of|in)", "milrange": r"\d{4}\s*[-–]\s*\d{4}", "partof": r"(?:days?|weeks|months?)\s+of\s", "now": r"\bnow\b|currently|present|moment|minute|this\s+time|\bdate\b|ytd", "before": r"\bago\b", "after": r"\bin\s",
           "shift": r"later|earlier|before|after|from", "dom": r"\bthe\s+\d",
           "nextn": r"next|last|past|coming|previous|following|within|upcoming",
           "clockw": r"o'?\s?clock|\bpast\b|quarter\s+to|min(?:ute)?s?\s+to|noon|mid\s?night|midday|\dish\b",
           "wclock": (r"\b(?:at|around|about|circa|by|before|after|from|since|until|till)\s+(?:\d|(?:HW)\b)|@\s*\d|"
                      r"\b(?:HW)[\s-]+(?:twenty|thirty|forty|fifty|fifteen|ten|eleven|twelve|thirteen|fourteen|sixteen|"
                      r"seventeen|eighteen|nineteen|o'?\s?\w|[ap]\.?\s?m\b|in\s+the\s)").replace("HW", _HOURS_EN),
           "wrange": (r"(?:\d|\b(?:HW))(?:[.:]\d\d)?(?:[\s-]+\w+)?\s*(?:-|–|to|and|until|till)\s*(?:\d|(?:HW)\b)|"
                      r"\d\s+in\s+the\s+\w+\s+(?:to|until|till)").replace("HW", _HOURS_EN)},
}


@lru_cache(maxsize=4)
def _needs(lang: str) -> dict[str, re.Pattern]:
    table = {**_NEEDS_COMMON, **_NEEDS_LANG.get(lang, {})}
    return {k: re.compile(v, re.IGNORECASE) for k, v in table.items()}


@lru_cache(maxsize=4)
def _trigger_words(lang: str) -> frozenset[str]:
    """Words every rule needs one of; rules run only in windows around them (speed)."""
    lx = _lex(lang)
    from ..quantities.numbers import lexicon as qlex
    words: set[str] = set()
    for kind in ("month", "weekday", "weekday_set", "season", "relday", "unit", "set", "holiday",
                 "daypart", "ordinal"):
        words.update(w.split()[-1].rstrip(".") for w in lx.get(kind, {}))
    words |= {f for f, _ in qlex(lang).get("num", []) if f not in ("ein", "eine", "einen", "einem",
                                                                     "a", "an", "und")}
    words |= {f for f, _ in qlex(lang).get("frac", [])}
    if lang == "de":
        words |= {o + end for o in lx.get("ordinal", {}) for end in ("e", "en", "er", "em", "es")}
    words |= {"quartal", "quartals", "quarter", "q1", "q2", "q3", "q4", "noon", "midnight", "midday",
              "clock", "uhr", "halb", "viertel", "jahrzehnt", "jahrzehnte", "jahrzehnten",
              "jetzt", "derzeit", "gegenwärtig", "zurzeit", "momentan", "now", "currently", "present",
              "mitternacht", "mitternachts", "mittagszeit", "spätabends", "frühmorgens",
              "spätnachmittags"}
    return frozenset(words)


@lru_cache(maxsize=4)
def _compound_prefixes(lang: str) -> tuple[str, ...]:
    """German compounds start with a weekday ("Dienstagmorgen") or a unit ("Viertelstunde")."""
    if lang != "de":
        return ()
    return tuple(w for w in _lex(lang)["weekday"] if not w.endswith("."))


_WORD = re.compile(r"\w+")
# words after the month "May" (the modal is followed by a verb or adverb)
_MAY_FOLLOWERS = frozenset(["and", "or", "to", "through", "until", "till", "of", "the", "this", "last", "next", "when", "as", "after", "before", "in", "at", "on", "for", "with", "a", "an"])
_BACK, _AHEAD = 45, 70


# which trigger kinds each rule needs (a match always contains a word of one of them)
_RULE_KINDS: dict[str, frozenset[str]] = {
    **{r: frozenset({"month"}) for r in ("dmy", "dmy_ord", "mdy", "mdy_ord", "dayrange", "dayrange_en",
                                           "my", "ym", "m")},
    **{r: frozenset({"num"}) for r in ("num_dmy", "num_mdy", "md_slash", "iso", "decade", "y", "dom", "iso_compact")},
    **{r: frozenset({"month"}) for r in ("sep_dmy", "sep_ymd", "sep_mdy")},
    "quarter": frozenset({"num", "quarter"}), "season": frozenset({"season"}),
    "holiday": frozenset({"holiday"}), "relday": frozenset({"relday"}),
    "weekday": frozenset({"weekday"}), "wdset": frozenset({"weekday"}),
    **{r: frozenset({"unit"}) for r in ("relunit", "before", "after", "shift", "duration", "nextn")},
    "set": frozenset({"set", "unit"}),
    **{r: frozenset({"num", "clock"}) for r in ("clock", "clock2", "hours", "clockw", "wclock", "wrange")},
    "now": frozenset({"now"}), "daypart": frozenset({"daypart"}),
    "weekord": frozenset({"unit"}), "weeknum": frozenset({"unit", "week"}),
    "partof": frozenset({"unit"}), "milrange": frozenset({"num"}), "meal": frozenset({"meal"}), "wdate": frozenset({"month", "yearword"}), "eod": frozenset({"unit", "eod"}), "fy": frozenset({"unit", "fy"}), "theunit": frozenset({"unit"}), "century": frozenset({"century"}),
    "ym_num": frozenset({"num"}),
}


@lru_cache(maxsize=4)
def _word_kinds(lang: str) -> dict[str, frozenset[str]]:
    """Trigger word -> the kinds of rules it may start or end."""
    lx = _lex(lang)
    from ..quantities.numbers import lexicon as qlex
    kinds: dict[str, set[str]] = {}

    def add(word: str, kind: str) -> None:
        kinds.setdefault(word, set()).add(kind)
    for lex_kind, kind in (("month", "month"), ("weekday", "weekday"), ("weekday_set", "weekday"),
                           ("season", "season"), ("relday", "relday"), ("unit", "unit"),
                           ("set", "set"), ("holiday", "holiday"), ("daypart", "daypart"),
                           ("ordinal", "num")):
        for w in lx.get(lex_kind, {}):
            add(w.split()[-1].rstrip("."), kind)
    for f, _ in qlex(lang).get("num", []) + qlex(lang).get("frac", []):
        if f not in ("ein", "eine", "einen", "einem", "a", "an", "und"):
            add(f, "num")
    if lang == "de":
        for o in lx.get("ordinal", {}):
            for end in ("e", "en", "er", "em", "es"):
                add(o + end, "num")
    for w in ("quartal", "quartals", "quarter", "q1", "q2", "q3", "q4"):
        add(w, "quarter")
    for w in ("noon", "midnight", "midday", "clock", "uhr", "halb", "viertel", "mitternacht",
              "mitternachts", "mittagszeit", "oclock"):
        add(w, "clock")
    for w in ("jahrzehnt", "jahrzehnte", "jahrzehnten"):
        add(w, "unit")
    for w in ("kw", "kalenderwoche"):
        add(w, "week")
    for w in ("fiscal", "financial", "fy", "sy", "cy", "geschäftsjahr", "geschäftsjahres", "haushaltsjahr",
              "haushaltsjahres", "schuljahr", "schuljahres", "kalenderjahr", "kalenderjahres"):
        add(w, "fy")
    for w in ("century", "jahrhundert", "jahrhunderts"):
        add(w, "century")
    for w in ("nineteen", "eighteen", "seventeen", "sixteen", "thousand"):
        add(w, "yearword")
    add("eod", "eod")
    add("eoy", "eod")
    for w in ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"):
        add(w, "num")
    for w in ("breakfast", "brunch", "lunch", "dinner", "supper", "lunchtime", "dinnertime", "daytime"):
        add(w, "meal")
    for w in ("jetzt", "derzeit", "gegenwärtig", "zurzeit", "momentan", "now", "currently", "present", "moment",
              "minute", "time", "date", "ytd"):
        add(w, "now")
    for w in ("spätabends", "frühmorgens", "spätnachmittags", "morgens", "abends", "nachts",
              "nachmittags", "vormittags"):
        add(w, "daypart")
        add(w, "clock")
    return {w: frozenset(k) for w, k in kinds.items()}


_KIND_CACHE: dict[str, dict[str, frozenset[str]]] = {"de": {}, "en": {}}
_NO_KIND: frozenset[str] = frozenset()


def _kinds_of(w: str, lang: str) -> frozenset[str]:
    """The trigger kinds of one word (cached per word form)."""
    from ..quantities.numbers import _word_values_lower
    table = _word_kinds(lang)
    if w[0].isdigit():
        suffix = w.lstrip("0123456789").lower()
        return _NUM_KIND | table.get(suffix, _NO_KIND) if suffix else _NUM_KIND  # "3h", "5years"
    lw = w.lower()
    kinds = table.get(lw, _NO_KIND)
    if not kinds and lw[-1].isdigit():  # "sy18", "fy2024"
        kinds = table.get(lw.rstrip("0123456789"), _NO_KIND)
    if lang == "de" and not kinds and len(lw) > 4:
        if lw.startswith(_compound_prefixes(lang)):
            kinds = _WEEKDAY_KIND
        elif _word_values_lower(lw, lang) is not None:
            kinds = _NUM_KIND
    return kinds


def _kind_windows(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger kind, the merged text windows around its words (rules run only there)."""
    cache = _KIND_CACHE.setdefault(lang, {})
    if len(cache) > 200_000:
        cache.clear()
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        w = m.group()
        kinds = cache.get(w)
        if kinds is None:
            kinds = cache[w] = _kinds_of(w, lang)
        if not kinds:
            continue
        s, e = m.start() - _BACK, m.end() + _AHEAD
        s, e = (max(0, s)), (min(n, e))
        for k in kinds:
            lst = out.get(k)
            if lst is None:
                out[k] = [(s, e)]
            elif s <= lst[-1][1]:
                lst[-1] = (lst[-1][0], max(lst[-1][1], e))
            else:
                lst.append((s, e))
    return out


_NUM_KIND = frozenset({"num"})
_WEEKDAY_KIND = frozenset({"weekday"})


def _rule_windows(kind_windows: dict[str, list[tuple[int, int]]], rule: str) -> list[tuple[int, int]]:
    spans = sorted(w for k in _RULE_KINDS[rule] for w in kind_windows.get(k, ()))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _windows(text: str, lang: str) -> list[tuple[int, int]]:
    from ..quantities.numbers import _word_values_lower
    words = _trigger_words(lang)
    prefixes = _compound_prefixes(lang)
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not w[0].isdigit():
            lw = w.lower()
            if lw not in words and not (lang == "de" and len(lw) > 4 and (
                    _word_values_lower(lw, lang) is not None or lw.startswith(prefixes))):
                continue
        s, e = max(0, m.start() - _BACK), min(len(text), m.end() + _AHEAD)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# --------------------------------------------------------------------------- resolution helpers

_TEENS = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}


def _year_words(s: str, lang: str) -> int | None:
    """A year in words: "nineteen eighty six" 1986, "nineteen hundred ninety three" 1993,
    "two thousand and fifteen" 2015, "twenty oh five" 2005; None when it is no year."""
    words = re.sub(r"[\s-]+", " ", s.lower()).strip().split()
    if not words:
        return None
    if "thousand" in words:
        v = parse_number_text(" ".join(words), lang)
    else:
        if len(words) < 2 or words[0] not in _TEENS:
            return None
        rest = words[1:]
        if rest[0] == "hundred":
            rest = rest[1:]
        if rest and rest[0] == "and":
            rest = rest[1:]
        if rest and rest[0] == "oh":
            rest = rest[1:]
            if len(rest) != 1:
                return None
        tail = parse_number_text(" ".join(rest), lang) if rest else 0
        if tail is None or not 0 <= tail < 100 or (not rest and words[1] != "hundred"):
            return None
        v = _TEENS[words[0]] * 100 + tail
    return int(v) if v is not None and float(v).is_integer() and 1000 <= v <= 2100 else None


def _ord_day(lang: str, word: str) -> int | None:
    """"seventeenth" -> 17, "twenty third" -> 23, "siebten" -> 7."""
    dw = re.sub(r"[\s-]+", "-", word.lower())
    ords = _lex(lang)["ordinal"]
    return next((int(v) for k, v in sorted(ords.items(), key=lambda x: -len(x[0]))
                 if dw.startswith(k) and len(dw) - len(k) <= 2), None)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


def _month_day_resolver(mon: int, day: int):
    """A resolver for a day and month without a year: the nearest such date to the anchor."""
    def resolve(a):
        if a is None:
            return f"XXXX-{mon:02d}-{day:02d}"
        d0 = _nearest(mon, day, a)
        return d0.isoformat() if d0 else None
    return resolve


def _nearest(m: int, d: int, a: Anchor) -> date | None:
    best = None
    years = (a.day.year - 1, a.day.year, a.day.year + 1)
    if (m, d) == (2, 29):  # the nearest leap year
        years = tuple(range(a.day.year - 4, a.day.year + 5))
    for y in years:
        if _valid(y, m, d):
            c = date(y, m, d)
            if best is None or abs((c - a.day).days) < abs((best - a.day).days):
                best = c
    return best


def _nearest_month(m: int, a: Anchor) -> int:
    y = a.day.year
    diff = (y * 12 + m) - (a.day.year * 12 + a.day.month)
    if diff > 6:
        y -= 1
    elif diff < -6:
        y += 1
    return y


def _year(s: str) -> int:
    y = int(s)
    return y + (2000 if y < 40 else 1900) if len(s) == 2 else y  # "'87" 1987, "'21" 2021


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    day = min(d.day, [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30,
                      31, 31, 30, 31, 30, 31][m])
    return date(y, m + 1, day)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _iso_week_value(y: int, wn: int) -> str | None:
    try:
        date.fromisocalendar(y, wn, 1)
    except ValueError:
        return None
    return f"{y}-W{wn:02d}"


def _part_of(spec: str, v: str | None) -> str | None:
    """A part of a year or month: "nth:15:day" of "2020-08" -> 2020-08-15; "nth:3:month" of
    "2021" -> 2021-03; "first:2:w" of "2021" -> its first two ISO weeks as an interval."""
    if not v:
        return None
    kind, k, unit = spec.split(":")
    k = int(k)
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?", v)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2) or 0)
    if kind == "nth":
        if unit == "day" and mo:
            return f"{y}-{mo:02d}-{k:02d}" if _valid(y, mo, k) else None
        if unit == "month" and not mo:
            return f"{y}-{k:02d}" if 1 <= k <= 12 else None
        return None
    start = date(y, mo or 1, 1)
    end = _add_months(start, 1) if mo else date(y + 1, 1, 1)
    if unit == "w":
        if mo:
            return None
        first, last = date.fromisocalendar(y, 1, 1), date.fromisocalendar(y, date(y, 12, 28).isocalendar()[1], 1)
        x = first if kind == "first" else last + timedelta(weeks=1) - timedelta(weeks=k)
        return f"{x.isoformat()}/{(x + timedelta(weeks=k)).isoformat()}"
    if unit == "m":
        if mo:
            return None
        return (f"{start.isoformat()}/{_add_months(start, k).isoformat()}" if kind == "first"
                else f"{_add_months(end, -k).isoformat()}/{end.isoformat()}")
    x, z = (start, start + timedelta(days=k)) if kind == "first" else (end - timedelta(days=k), end)
    return f"{x.isoformat()}/{z.isoformat()}"


def _week_of(k: int, v: str | None) -> str | None:
    """The k-th (-1: last) week of a month ("2016-07": the week of its first or last day, as
    an interval Monday/Monday) or of a year ("2015": ISO week k, the last ISO week)."""
    if not v:
        return None
    if re.fullmatch(r"\d{4}", v):
        y = int(v)
        if k == -1:
            k = date(y, 12, 28).isocalendar()[1]
        return _iso_week_value(y, k)
    m = re.fullmatch(r"(\d{4})-(\d\d)", v)
    if not m:
        return None
    first = date(int(m.group(1)), int(m.group(2)), 1)
    d0 = _add_months(first, 1) - timedelta(days=1) if k == -1 else first + timedelta(weeks=k - 1)
    if k != -1 and d0.month != first.month:
        return None
    mon = d0 - timedelta(days=d0.weekday())
    return f"{mon.isoformat()}/{(mon + timedelta(days=7)).isoformat()}"


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _holiday_date(code: str, y: int) -> date | None:
    """The day of a holiday in year ``y``. Codes (lexicon ``holiday``): ``12-25`` fixed;
    ``E-2`` Easter plus days; ``N:05:7`` the N-th (``-1`` last) ISO weekday of a month;
    ``B:11-26:7`` the weekday on or before a date (Totensonntag)."""
    plus = re.fullmatch(r"(\d.*|-1.*|B.*)\+(\d+)", code)
    if plus:  # "4:11:4+1": the day after Thanksgiving
        d0 = _holiday_date(plus.group(1), y)
        return d0 + timedelta(days=int(plus.group(2))) if d0 else None
    try:
        if code.startswith("E"):
            return _easter(y) + timedelta(days=int(code[1:] or 0))
        if code.startswith("B:"):
            _, md, wd = code.split(":")
            d0 = date(y, int(md[:2]), int(md[3:]))
            return d0 - timedelta(days=(d0.isoweekday() - int(wd)) % 7)
        if ":" in code:
            n, mo, wd = (int(x) for x in code.split(":"))
            if n > 0:
                d0 = date(y, mo, 1)
                return d0 + timedelta(days=(int(wd) - d0.isoweekday()) % 7 + 7 * (n - 1))
            d0 = _add_months(date(y, mo, 1), 1) - timedelta(days=1)
            return d0 - timedelta(days=(d0.isoweekday() - wd) % 7)
        return date(y, int(code[:2]), int(code[3:5]))
    except (ValueError, OverflowError):
        return None


_UNIT_P = {"S": "S", "MIN": "M", "H": "H", "D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "DE",
           "CE": "CE", "WE": "WE"}


def _duration(n: float | None, unit: str) -> str | None:
    if unit == "WE":
        return None if n is None else f"P{_fmt_num(n)}WE"  # "three weekends"
    if unit == "Q":  # a quarter of a year
        n, unit = (None if n is None else n * 3), "M"
    if unit == "FN":  # a fortnight
        n, unit = (None if n is None else n * 2), "W"
    if unit.startswith("MIN") and unit[3:].isdigit():  # "Viertelstunde": 15 minutes
        n, unit = (n or 1) * int(unit[3:]), "MIN"
    num = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if unit in ("S", "MIN", "H"):
        return f"PT{num}{_UNIT_P[unit]}"
    return f"P{num}{_UNIT_P[unit]}"


def _fmt_num(n) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


# --------------------------------------------------------------------------- handlers

def _handle(name: str, m: re.Match, lang: str, text: str) -> _Cand | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    prefix = text[max(0, s - 30):s].lower()

    def cand(typ, resolve, **kw):
        return _Cand(s, e, typ, resolve, kind=name, **kw)

    if name == "dom":  # "on the 18th": that day of the anchor's month
        day = int(g["d"])

        def res_dom(a, day=day):
            if a is None or a.precision == "year":
                return f"XXXX-XX-{day:02d}"
            return f"{a.day.year}-{a.day.month:02d}-{day:02d}" if _valid(a.day.year, a.day.month, day) else None
        return cand("date", res_dom, needs_anchor=True, day_level=True)

    if name in ("dmy", "dmy_ord", "mdy", "mdy_ord", "num_dmy", "num_mdy", "md_slash", "iso", "iso_compact", "sep_dmy",
                "sep_ymd", "sep_mdy"):
        if g.get("dw"):
            day = _ord_day(lang, g["dw"])
            if day is None:
                return None
        else:
            day = int(g.get("d") or g.get("d2") or g["d3"])
        if g.get("y3") or g.get("y2d"):
            g["y"] = g.get("y3") or g["y2d"]
        mo = g.get("mo") or g.get("mo2") or g.get("mo3")
        mon = int(mo) if mo else _month(lang, g["m"])
        if name == "md_slash" and lang == "en" and not re.search(
                r"(?:\b(?:on|by|until|till|since|from|before|after|to|and|through|between|this|"
                r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)\s*|\d-|^)$", prefix) and \
                not re.match(r"\s*[-–]\s*\d{1,2}/\d", text[e:e + 8]):
            return None
        if name == "md_slash" and lang == "de" and (m.group() == "24/7" or not re.search(
                r"(?:^|\b(?:am|vom|bis|zum|ab|den|dem)\s*|\d-)$", prefix)):
            return None  # "24/7" is "rund um die Uhr"
        if name in ("mdy", "mdy_ord") and g["m"].lower() in ("may", "march", "mar", "sat", "sun") \
                and not g["m"][0].isupper():
            return None
        if g.get("y"):
            y = _year(g["y"])
            if not _valid(y, mon, day):
                return cand("date", lambda a: None)  # "31. Februar 2024": found, no value
            d0 = date(y, mon, day)
            return cand("date", lambda a, d0=d0: d0.isoformat(), explicit=(d0, "day"), day_level=True)
        if not _valid(2024, mon, day):
            return cand("date", lambda a: None)

        def res(a, mon=mon, day=day):
            if a is None:
                return f"XXXX-{mon:02d}-{day:02d}"
            d0 = _nearest(mon, day, a)
            return d0.isoformat() if d0 else None
        return cand("date", res, needs_anchor=True, day_level=True)

    if name in ("dayrange", "dayrange_en"):
        d1 = int(g["d1"]) if g.get("d1") else _ord_day(lang, g["dw1"])
        d2 = int(g["d2"]) if g.get("d2") else _ord_day(lang, g["dw2"])
        if d1 is None or d2 is None:
            return None
        mon = _month(lang, g["m"])
        if d2 < d1 or not _valid(2024, mon, d2):
            return None
        if g.get("y"):
            y = int(g["y"])
            if not _valid(y, mon, d2):
                return None
            v = f"{y}-{mon:02d}-{d1:02d}/{y}-{mon:02d}-{d2:02d}"
            return cand("date", lambda a, v=v: v, explicit=(date(y, mon, d1), "day"))

        def res(a, mon=mon, d1=d1, d2=d2):
            if a is None:
                return f"XXXX-{mon:02d}-{d1:02d}/XXXX-{mon:02d}-{d2:02d}"
            d0 = _nearest(mon, d1, a)
            return f"{d0.isoformat()}/{d0.year}-{mon:02d}-{d2:02d}" if d0 else None
        return cand("date", res, needs_anchor=True)

    if name in ("my", "ym"):
        mon = _month(lang, g["m"])
        y = int(g["y"])
        v = f"{y}-{mon:02d}"
        return cand("date", lambda a, v=v: v, explicit=(date(y, mon, 15), "month"), part=_look(lang, "part", g["part"]) if g.get("part") else "")

    if name == "m":
        mw = g["m"]
        low = mw.lower()
        prep = re.search(r"(?:^|\W)(im|in|seit|bis|ab|vom|von|zum|of|since|until|till|by|from|during|"
                         r"through|to|after|before|early|late|mid|this|last|next|diesen|letzten|nächsten|kommenden|"
                         r"anfang|mitte|ende|zwischen|between|and|und)\s+$", prefix)
        if lang == "en":
            nxt = re.match(r"\s*([A-Za-z]+)", text[e:e + 20])
            if low == "may" and nxt and nxt.group(1).islower() and nxt.group(1) not in _MAY_FOLLOWERS:
                return None  # the modal: "this may take longer", "and may also be"
            if low == "may" and mw[0] == "m" and (g.get("mod") or (prep and prep.group(1) == "and")):
                return None  # "this may or may not", "and may at its discretion"
            nxt2 = re.match(r"\s*(?:-|–|to|through|thru|until|till)\s*([A-Za-z]+)", text[e:e + 25])
            if nxt2 and nxt2.group(1).lower() in _lex(lang)["month"]:
                prep = True  # "May to March", "Jan-Feb 2017"
            if not (prep or g.get("part") or g.get("mod")) and (low in ("may", "march", "mar", "jan", "sat",
                                                                         "sun", "dec", "sept", "sep",
                                                                         "oct", "aug", "nov", "jun", "jul",
                                                                         "feb", "apr") or not mw[0].isupper()):
                return None
        elif not (prep or g.get("part") or g.get("mod")) and (low == "august" or "." in low or
                                                              low in ("sep", "sept", "okt", "nov", "dez")):
            return None  # "August" is also a first name; "Jan." an abbreviation of more
        mon = _month(lang, mw)
        shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else None
        if shift is not None:
            name = "mrel"  # "this May": not a month whose year a range end may lend (see _CAL_KINDS)

        def res(a, mon=mon, shift=shift):
            if a is None:
                return f"XXXX-{mon:02d}"
            if shift is None:
                y = _nearest_month(mon, a)
            else:
                y = a.day.year + (shift if shift else 0)
                if shift == -1 and mon < a.day.month:
                    y = a.day.year
                if shift == 1 and mon > a.day.month:
                    y = a.day.year
            return f"{y}-{mon:02d}"
        return cand("date", res, needs_anchor=True, part=_look(lang, "part", g["part"]) if g.get("part") else "")

    if name == "y":
        y = int(g["y"])
        y2 = g.get("y2") or g.get("y4")
        prep = re.search(r"(?:^|\W)(im|in|seit|bis|ab|von|vor|nach|jahr|jahre|jahres|anfang|mitte|ende|"
                         r"sommer|winter|herbst|frühjahr|frühling|zwischen|und|um|since|until|till|by|of|"
                         r"from|year|before|after|during|early|late|mid|between|and|to|through|for|"
                         r"spring|summer|fall|autumn|, )\s*$", prefix)
        after = text[e:e + 3]
        if re.match(r"[.,-]\d", after) or re.search(r"\d\s*-\s*$", prefix):
            return None  # "1666.90125", "+86 2010-2015-86", "32 - 2015"
        looks_year = bool(prep or g.get("part") or y2 or re.match(r"\s*(?:[.,;:!?)\]]|$)", after)
                          or "jahr" in m.group().lower() or "year" in m.group().lower())
        if not looks_year or (not prep and re.search(
                r"(?:^|\W)(?:below|above|(?:more|less|fewer|greater|mehr|weniger)\s+(?:than|als)|under|over|unter|über|around|about|approximately|rund|"
                r"etwa|nearly|almost|exactly|genau|knapp|fast)\s*$", prefix) and not re.search(r"year|jahr", prefix)):
            return None  # "below 1500", "mehr als 2000": an amount, not a year
        if re.match(r"\s*(?:%|prozent|percent|euro|dollar|€|\$)", text[e:e + 10], re.IGNORECASE):
            return None
        if y2:
            y2i = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
            if y2i != y + 1 and not (len(y2) == 4 and y < y2i <= y + 50):
                return None
            v = f"{y}/{y2i}"
            return cand("date", lambda a, v=v: v, explicit=(date(y, 7, 1), "year"))
        return cand("date", lambda a, v=str(y): v, explicit=(date(y, 7, 1), "year"), part=_look(lang, "part", g["part"]) if g.get("part") else "")

    if name == "decade":
        if g.get("decw"):
            k = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                 "nineties"].index(g["decw"].lower()) + 2
            return cand("date", lambda a, v=f"19{k}": v)
        if g.get("dec2"):  # "the '90s": the 1990s, "the 10s": the 2010s
            d2 = int(g["dec2"])
            return cand("date", lambda a, v=f"{19 if d2 >= 20 else 20}{d2 // 10}": v)
        dec = g["dec"]
        return cand("date", lambda a, v=dec[:3]: v)

    if name == "quarter":
        q = None
        if g.get("qo"):
            q = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "first": 1, "second": 2,
                 "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(
                g["qo"].lower(), None) or int(g["qo"].rstrip(".") or 0)
        hh = g.get("hh") or g.get("hh2")
        if hh:
            v = f"{g.get('y5') or g.get('y6')}-H{hh[1]}"
            return cand("date", lambda a, v=v: v)
        qq = g.get("qq") or g.get("qq3")
        if qq:
            q = int(qq[1])
        ys = g.get("y") or g.get("y2") or g.get("y3")
        if ys:
            v = f"{ys}-Q{q}"
            return cand("date", lambda a, v=v: v, explicit=(date(int(ys), 3 * q - 1, 15), "month"))
        return cand("date", lambda a, q=q: f"{a.day.year}-Q{q}" if a else f"XXXX-Q{q}", needs_anchor=True)

    if name == "season":
        code = _look(lang, "season", g["s"])
        if g.get("y"):
            v = f"{g['y']}-{code}"
            return cand("date", lambda a, v=v: v, explicit=(date(int(g["y"]), 7, 1), "year"))
        if lang == "de" and not re.search(r"(?:^|\W)(im|in|seit|bis|ab|diesen|letzten|vergangenen|"
                                          r"nächsten|kommenden)\s+$", prefix) and not g.get("mod") \
                and not g.get("part"):
            return None
        if lang == "en" and not (g.get("mod") or g.get("part") or re.search(
                r"(?:^|\W)(in|this|last|next|since|until|during|the)\s+$", prefix)):
            return None
        shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else 0
        return cand("date", lambda a, c=code, sh=shift: f"{a.day.year + sh}-{c}" if a else f"XXXX-{c}",
                    needs_anchor=True)

    if name == "holiday":
        code = _look(lang, "holiday", g["hol"])
        weekend = bool(g.get("wkpre") or g.get("wk"))
        if g.get("y7") and not (weekend and not g.get("y")):
            return None
        g["y"] = g.get("y") or g.get("y7")
        if weekend:  # "labor day weekend", "the weekend of halloween"
            inner = _handle_holiday(g, lang, code, cand)
            if inner is None:
                return None
            return cand("date", lambda a, r=inner.resolve: _weekend_of(r(a)), needs_anchor=inner.needs_anchor)
        return _handle_holiday(g, lang, code, cand)
    return _handle_rest(name, m, g, lang, text, s, e, prefix, cand)


def _weekend_of(v: str | None) -> str | None:
    """The weekend at a day: the one before a Monday holiday, else the one of its week."""
    if not v or not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        return None
    d0 = date.fromisoformat(v)
    if d0.isoweekday() == 1:
        d0 -= timedelta(days=1)
    return _iso_week(d0) + "-WE"


def _handle_holiday(g, lang, code, cand):
    """A holiday's day: with its year, or the nearest one to the anchor (or the one it names)."""
    if g.get("y"):
        d0 = _holiday_date(code, int(g["y"]))
        if d0 is None:
            return None
        return cand("date", lambda a, d0=d0: d0.isoformat(), explicit=(d0, "day"))
    shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else None
    yshift = int(_look(lang, "relmod", g["ymod"])) if g.get("ymod") else None

    def res(a, code=code, shift=shift, yshift=yshift):
        if a is None:
            fixed = re.fullmatch(r"\d\d-\d\d", code)
            return f"XXXX-{code}" if fixed else None
        y = a.day.year
        if yshift is not None:
            d0 = _holiday_date(code, y + yshift)
            return d0.isoformat() if d0 else None
        options = [d for d in (_holiday_date(code, k) for k in (y - 1, y, y + 1)) if d]
        if not options:
            return None
        if shift is None:
            d0 = min(options, key=lambda d: abs((d - a.day).days))
        elif shift < 0:
            d0 = max((d for d in options if d < a.day), default=None)
        elif shift > 0:
            d0 = min((d for d in options if d > a.day), default=None)
        else:
            d0 = _holiday_date(code, y)
        return d0.isoformat() if d0 else None
    return cand("date", res, needs_anchor=True)


def _handle_rest(name, m, g, lang, text, s, e, prefix, cand):
    """The handlers after the holiday (split from ``_handle`` only to keep functions short)."""
    if name == "relday":
        r = g["r"]
        if lang == "de" and r.lower() == "morgen" and (r[0].isupper() and s > 0 and not
                                                       re.search(r"[.!?\n]\s*$", text[:s])):
            return None  # "der Morgen" is the morning
        if lang == "de" and r.lower() == "morgen" and re.search(r"(?:am|jeden|den|guten)\s+$", prefix):
            return None
        off = int(_look(lang, "relday", r))
        dp = _look(lang, "daypart", g["dp"]) if g.get("dp") else ""
        if r.lower() in ("tonight", "tonite"):
            dp = "NI"

        def res(a, off=off, dp=dp):
            if a is None or a.precision != "day":
                return None
            d0 = (a.day + timedelta(days=off)).isoformat()
            return d0 + (f"T{dp}" if dp else "")
        return cand("time" if dp else "date", res, needs_anchor=True, day_level=not dp)

    if name == "weekday":
        if g.get("wdc"):
            g["wd"], g["dp"] = g["wdc"], g["dpc"]
        wdtxt = g["wd"]
        wend = m.end("wd") if g.get("wd") and m.start("wd") >= 0 else e
        if lang == "en" and len(wdtxt.rstrip(".")) <= 4 and not wdtxt.endswith(".") and \
                not re.match(r",?\s*(?:\d|(?:at|the)\s+\w)", text[wend:wend + 8]):
            return None
        if lang == "de" and "." in wdtxt and not re.match(r",?\s*\d", text[e:e + 3]):
            return None
        wd = int(_look(lang, "weekday", wdtxt))
        shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else None
        dp = _look(lang, "daypart", g["dp"]) if g.get("dp") else ""
        if g.get("nmo"):  # "Friday 7.6": month and day, the date decides ("Monday 3-8" is hours)
            mon, day = int(g["nmo"]), int(g["nd"])
            if not _valid(2024, mon, day):
                return None
            return cand("date", _month_day_resolver(mon, day), needs_anchor=True, day_level=True)
        dom = g.get("dom") or g.get("dom2") or (_ord_day(lang, g["domw"]) if g.get("domw") else None)
        if dom:  # "Monday 21", "Dienstag, der 25.": the nearest 21st that is a Monday
            def res_dom(a, wd=wd, dom=int(dom), dp=dp):
                if a is None or a.precision != "day":
                    return f"XXXX-WXX-{wd}" + (f"T{dp}" if dp else "")
                best = None
                for k in range(-14, 15):
                    d0 = _add_months(a.day.replace(day=1), k)
                    if _valid(d0.year, d0.month, dom) and date(d0.year, d0.month, dom).isoweekday() == wd:
                        c0 = date(d0.year, d0.month, dom)
                        if best is None or abs((c0 - a.day).days) < abs((best - a.day).days):
                            best = c0
                return best.isoformat() + (f"T{dp}" if dp else "") if best else None
            return cand("time" if dp else "date", res_dom, needs_anchor=True, day_level=not dp)

        def res(a, wd=wd, shift=shift, dp=dp):
            if a is None or a.precision != "day":
                return f"XXXX-WXX-{wd}" + (f"T{dp}" if dp else "")
            delta = wd - a.day.isoweekday()
            if shift is None:
                if delta > 3:
                    delta -= 7
                elif delta < -3:
                    delta += 7
            elif shift < 0:
                if delta >= 0:
                    delta -= 7
            elif shift > 0:
                if delta <= 0:
                    delta += 7
            else:
                pass  # "diesen Montag": the one in this week
            return (a.day + timedelta(days=delta)).isoformat() + (f"T{dp}" if dp else "")
        return cand("time" if dp else "date", res, needs_anchor=True, day_level=not dp)

    if name == "wdset":
        w = g.get("wds") or g.get("wd") or g.get("wd2")
        table = "weekday_set" if g.get("wds") else "weekday"
        wd = _look(lang, table, w)
        dp = "T" + _look(lang, "daypart", g["dps"][:-1]) if g.get("dps") else ""
        return cand("set", lambda a, v=f"XXXX-WXX-{wd}{dp}": v)

    if name == "relunit":
        unit = _look(lang, "unit", g.get("u") or g.get("u2") or g.get("u3"))
        shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else 0
        if (g.get("u") or "").lower().startswith(("night", "nacht")):
            return None  # "last night": a part of day (rule daypart)
        if unit == "H" and shift and (g.get("u") or "").lower() != "hour":
            return None  # "in den letzten Stunden": recent hours, not one
        if unit == "H" and shift:  # "next hour", "the last hour": the hour from or up to now
            def res_h(a, shift=shift):
                if a is None or a.precision != "day":
                    return None
                x, y = (a.moment, a.moment + timedelta(hours=1)) if shift > 0 else \
                    (a.moment - timedelta(hours=1), a.moment)
                return f"{x:%Y-%m-%dT%H:%M:%S}/{y:%Y-%m-%dT%H:%M:%S}"
            return cand("time", res_h, needs_anchor=True)
        if unit not in ("W", "M", "Y", "WE", "D", "DE", "Q"):
            return None

        def res(a, unit=unit, shift=shift):
            if a is None:
                return None
            if unit == "Q":
                if a.precision == "year":
                    return None
                d0 = _add_months(a.day.replace(day=1), 3 * shift)
                return f"{d0.year}-Q{(d0.month - 1) // 3 + 1}"
            if unit in ("W", "WE", "D"):
                if a.precision != "day":
                    return None
                if unit == "D":
                    return (a.day + timedelta(days=shift)).isoformat()
                w = _iso_week(a.day + timedelta(weeks=shift))
                return w + ("-WE" if unit == "WE" else "")
            if unit == "M":
                if a.precision == "year":
                    return None
                d0 = _add_months(a.day.replace(day=1), shift)
                return f"{d0.year}-{d0.month:02d}"
            if unit == "DE":
                return str((a.day.year + 10 * shift) // 10)
            return str(a.day.year + shift)
        return cand("date", res, needs_anchor=True)

    if name in ("before", "after", "shift"):
        unit = _look(lang, "unit", g["u"])
        if g.get("n"):
            n = parse_number_text(g["n"], lang)
        elif g.get("art"):
            n = 1
        elif g.get("halfa"):
            n = 0.5
        else:
            n = None
        if unit == "Q":
            unit, n = "M", (None if n is None else n * 3)
        if unit == "FN":
            unit, n = "W", (None if n is None else n * 2)
        if name == "before":
            sign = -1
        elif name == "after":
            sign = 1
        else:
            sign = 1 if g["dir"].lower() in ("später", "danach", "darauf", "later", "after", "from") or \
                "now" in g["dir"].lower() else -1

        def res(a, n=n, unit=unit, sign=sign):
            if a is not None and n is not None and unit in ("H", "MIN") and a.precision == "day":
                t = a.moment + timedelta(seconds=n * sign * (3600 if unit == "H" else 60))
                return t.strftime("%Y-%m-%dT%H:%M:%S")  # "in half an hour"
            if a is None or n is None or not float(n).is_integer():
                return None
            k = int(n) * sign
            if unit in ("D", "W", "WE"):
                if a.precision != "day":
                    return None
                return (a.day + timedelta(days=k * (7 if unit != "D" else 1))).isoformat()
            if unit == "M":
                if a.precision == "year":
                    return None
                d0 = _add_months(a.day, k)
                return d0.isoformat() if a.precision == "day" else f"{d0.year}-{d0.month:02d}"
            if unit == "Y":
                if a.precision == "day":
                    try:
                        return a.day.replace(year=a.day.year + k).isoformat()
                    except ValueError:
                        return a.day.replace(year=a.day.year + k, day=28).isoformat()
                return str(a.day.year + k)
            if unit in ("H", "MIN", "S"):
                if a.precision != "day":
                    return None
                secs = {"H": 3600, "MIN": 60, "S": 1}[unit] * k
                t = a.moment + timedelta(seconds=secs)
                return t.strftime("%Y-%m-%dT%H:%M:%S")
            if unit == "DE":
                return str((a.day.year + 10 * k) // 10)
            return None
        typ = "time" if unit in ("H", "MIN", "S") else "date"
        return cand(typ, res, needs_anchor=True, day_level=unit in ("D", "W"),
                    dur=_duration(n, unit) if n is not None else None)

    if name == "duration":
        unit = _look(lang, "unit", g.get("u") or g.get("u2") or g.get("u3"))
        if g.get("half3"):
            v = _duration(0.5, unit)
            return cand("duration", lambda a, v=v: v)
        if g.get("art") and unit == "S" and not re.match(r"\s*(?:[.,;:!?)]|$|later|ago|or\b|and\b)",
                                                         text[e:e + 8]):
            return None  # "a second wave"
        if unit == "Q" or (unit == "WE" and not g.get("n")):
            return None  # "a quarter of voters", "three quarters"; "a weekend" is a date
        if g.get("whole"):
            n = 1
        elif g.get("n"):
            n = parse_number_text(g["n"], lang)
            fm = re.fullmatch(r"(.+?)\s+(?:and|und)\s+(?:an?\s+|eine?\s+)?(half|quarter|halb|viertel)", g["n"],
                              re.IGNORECASE)
            if n is None and fm:  # "one and a half"
                n = parse_number_text(fm.group(1), lang)
                if n is not None:
                    n += 0.5 if fm.group(2).lower().startswith("hal") else 0.25
            if n is None:
                return None
        elif g.get("art"):
            n = 1
        else:
            n = None
        if g.get("half"):
            n = (n or 1) * 0.5 if g.get("art") or not g.get("n") else n + 0.5
        frac = g.get("frac") or g.get("frac2")
        if frac and n is not None:
            n += 0.5 if frac.lower() == "half" else 0.25
        v = _duration(n, unit)
        if v is None:
            return None
        return cand("duration", lambda a, v=v: v)

    if name == "nextn":
        if g.get("n2"):
            if not g["u2"].lower().endswith("s"):
                return None  # "only 3 next week": 3 of something, next week
            g["n"], g["mod"], g["u"] = g["n2"], g["mod2"], g["u2"]
        unit = _look(lang, "unit", g["u"])
        mod = (g.get("mod") or "").lower()
        if not mod and not g.get("within"):
            return None
        n = 2 if g["n"].lower() in ("beiden", "couple", "couple of") or g["n"].lower().startswith("couple") \
            else parse_number_text(g["n"], lang)
        quarters = unit == "Q"
        if quarters and n is not None:
            unit, n = "M", n * 3
        if unit == "FN" and n is not None:
            unit, n = "W", n * 2
        if n is None or not float(n).is_integer() or unit not in ("D", "W", "M", "Y", "H", "MIN", "S"):
            return None
        n = int(n)
        if lang == "en" and mod == "last" and re.search(
                r"\b(?:will|would|should|shall|can|could|may|might|must|to|n't|not|did|does|do)\s+$", prefix):
            return None  # "it shouldn't last two hours": the verb
        back = mod in ("last", "past", "previous", "letzten", "vergangenen")
        if mod == "upcoming":
            mod = "next"
        within = bool(g.get("within"))

        def res(a, n=n, unit=unit, back=back, within=within, quarters=quarters):
            if a is None or a.precision != "day":
                return None
            if quarters:  # whole calendar quarters before or after the current one
                q0 = date(a.day.year, (a.day.month - 1) // 3 * 3 + 1, 1)
                x, y = (_add_months(q0, -n), q0) if back else (_add_months(q0, 3), _add_months(q0, 3 + n))
                return f"{x.isoformat()}/{y.isoformat()}"
            if unit in ("H", "MIN", "S"):
                step = timedelta(seconds=n * {"H": 3600, "MIN": 60, "S": 1}[unit])
                x, y = (a.moment - step, a.moment) if back else (a.moment, a.moment + step)
                return f"{x:%Y-%m-%dT%H:%M:%S}/{y:%Y-%m-%dT%H:%M:%S}"
            first = a.day if back or within else a.day + timedelta(days=1)
            if unit in ("D", "W"):
                step = timedelta(days=n * (7 if unit == "W" else 1))
                x, y = (a.day - step, a.day) if back else (first, first + step)
            else:
                k = n * (12 if unit == "Y" else 1)
                x, y = (_add_months(a.day, -k), a.day) if back else (first, _add_months(first, k))
            return f"{x.isoformat()}/{y.isoformat()}"
        return cand("date", res, needs_anchor=True)

    if name == "set":
        if g.get("sw"):
            v = _look(lang, "set", g["sw"])
            return cand("set", lambda a, v=v: v)
        unit = _look(lang, "unit", g.get("u") or g.get("u2"))
        n = parse_number_text(g["n"], lang) if g.get("n") else 1
        if "other" in m.group().lower():
            n = 2
        if unit == "WE":
            wv = "XXXX-WXX-WE" if n == 1 else f"P{_fmt_num(n)}WE"
            return cand("set", lambda a, v=wv: v)
        v = _duration(n, unit)
        return cand("set", lambda a, v=v: v) if v else None

    if name in ("clock", "clock2", "clockw"):
        h = mi = sec = None
        if g.get("hish"):
            g["h"] = g["hish"]
        if g.get("nm"):
            g["nm"] = re.sub(r"\s+", "", g["nm"])
            h, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0), "mitternacht": (0, 0),
                     "mitternachts": (0, 0), "mittagszeit": (12, 0)}[g["nm"].lower()]
        elif g.get("h4"):
            h, mi = int(g["h4"]), int(g["mi4"])
        elif g.get("h") is not None:
            h = int(g["h"])
            mi = int(g.get("mi") or g.get("mi2") or 0)
            sec = int(g["s"]) if g.get("s") else None
        elif g.get("hw"):
            hv = parse_number_text(g["hw"], lang)
            if hv is None or not float(hv).is_integer() or not 0 <= hv <= 24:
                return None
            h, mi = int(hv), 0
        elif g.get("hw2"):
            hv = parse_number_text(g["hw2"], lang)
            if hv is None or not float(hv).is_integer() or not 0 < hv <= 24:
                return None
            q = g["q"].lower()
            if q.startswith("halb"):
                h, mi = int(hv) - 1, 30
            elif "nach" in q or "past" in q:
                h, mi = int(hv), 30 if "half" in q else 15
                if g.get("mw"):
                    mw = parse_number_text(g["mw"], lang)
                    mi = int(mw) if mw is not None and float(mw).is_integer() and mw < 60 else 0
            elif "vor" in q or " to" in q or q.endswith("to"):
                h, mi = int(hv) - 1, 45
                if g.get("mw"):
                    mw = parse_number_text(g["mw"], lang)
                    mi = 60 - int(mw) if mw is not None and float(mw).is_integer() and 0 < mw < 60 else 0
            elif q.startswith("dreiviertel"):
                h, mi = int(hv) - 1, 45
            elif q == "viertel":  # "viertel 8": a quarter past seven (eastern German)
                h, mi = int(hv) - 1, 15
        if h is None:
            return None
        if name == "clock2" and lang == "de" and "." in m.group():
            return None
        ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
        if ap:
            if h > 12 or h == 0:
                return None
            h = (h % 12) + (12 if ap == "pm" else 0)
        dp = (g.get("dp") or g.get("dp2") or g.get("dp3") or g.get("dp0") or "")
        dpc = _look(lang, "daypart", dp) if dp else ""
        if dpc in ("EV", "NI") and h == 12:
            h = 0  # "12 Uhr nachts" is midnight
        elif dpc in ("AF", "EV") and h < 12:
            h += 12
        if dpc == "NI" and 6 <= h < 12:
            h += 12
        if h == 24:
            h = 0
        if not (0 <= h <= 23 and 0 <= (mi or 0) <= 59):
            return None
        tz = g.get("tz")
        off = _look(lang, "tz", tz) if tz else ""
        v = f"T{h:02d}" + (f":{mi:02d}" if mi or name != "clockw" or g.get("hw2") else "")
        if name == "clock" and not g.get("mi") and not g.get("mi2") and not g.get("mi4"):
            v = f"T{h:02d}"
        if name == "clockw" and not mi:
            v = f"T{h:02d}"
        if sec is not None:
            v += f":{sec:02d}"
        v += off
        return _Cand(s, e, "time", lambda a, v=v: v, kind="clock")

    if name == "now":
        if g.get("ytd"):
            return cand("date", lambda a: f"{a.day.year}-01-01/{a.day.isoformat()}" if a and a.precision == "day"
                        else None, needs_anchor=True)
        return cand("date", lambda a: "PRESENT_REF")

    if name == "wdate":
        if g.get("yw4"):
            y = _year_words(g["yw4"], lang)
            return cand("date", lambda a, v=str(y): v, explicit=(date(y, 7, 1), "year")) if y else None
        mw = g.get("m") or g.get("m2") or g.get("m3")
        mon = _month(lang, mw)
        yw = g.get("yw") or g.get("yw2") or g.get("yw3")
        y = _year_words(yw, lang) if yw else (_year(g["y3"]) if g.get("y3") else None)
        if (yw or g.get("y3")) and y is None:
            return None
        dc, dw, d = g.get("dc") or g.get("dc2"), g.get("dw") or g.get("dw2"), g.get("d") or g.get("d2")
        if not (dc or dw or d):
            if y is None:
                return None
            return cand("date", lambda a, v=f"{y}-{mon:02d}": v, explicit=(date(y, mon, 15), "month"))
        if d and not yw:
            return None  # "May 25th", "15 April": the digit rules
        if dc and not yw and mw.lower() in ("may", "march") and mw[0].islower():
            return None  # "one may ask"
        day = int(d) if d else (_ord_day(lang, dw) if dw else parse_number_text(dc.replace("-", " "), lang))
        if day is None or not float(day).is_integer():
            return None
        day = int(day)
        if y is not None:
            if not _valid(y, mon, day):
                return cand("date", lambda a: None)
            d0 = date(y, mon, day)
            return cand("date", lambda a, d0=d0: d0.isoformat(), explicit=(d0, "day"), day_level=True)
        if not _valid(2024, mon, day):
            return None
        return cand("date", _month_day_resolver(mon, day), needs_anchor=True, day_level=True)

    if name == "milrange":  # "between 0730-0930"
        if re.fullmatch(r"(?:19|20)\d\d", g["h1"] + g["m1"]):
            return None  # "between 2014-2018": years
        h1, m1, h2, m2 = (int(g[k]) for k in ("h1", "m1", "h2", "m2"))
        if (h2, m2) < (h1, m1) and h2 < 12:
            h2 += 12
        v = f"T{h1:02d}:{m1:02d}/T{h2 % 24:02d}:{m2:02d}"
        return _Cand(s, e, "time", lambda a, v=v: v, kind="clock")

    if name == "partof":
        if g.get("u1"):
            k = int(g["d"]) if g.get("d") else _ord_day(lang, g["o"])
            spec = f"nth:{k}:{g['u1'].lower()}"
        else:
            n = parse_number_text(g["n"], lang)
            if n is None or not float(n).is_integer() or not 0 < n < 400:
                return None
            spec = f"{g['fl'].lower()}:{int(n)}:{g['u'].lower()[0]}"
        return _Cand(s, e, "date", lambda a, v=spec: v, kind="partof")

    if name == "meal":  # TIMEX3-style parts of day of a meal: "at lunchtime" TMEL
        if g.get("dt"):
            return cand("time", lambda a: "TDT")
        if not (g.get("pre") or g.get("time")):
            return None  # "lunch" alone is the meal, not a time
        code = {"breakfast": "TMEB", "brunch": "TMEB", "lunch": "TMEL", "dinner": "TMED", "supper": "TMED"}[
            g["meal"].lower()]
        return cand("time", lambda a, v=code: v)

    if name == "eod":
        if g.get("eoy"):
            return cand("date", lambda a: str(a.day.year) if a else None, needs_anchor=True)
        return cand("time", lambda a: (a.day.isoformat() + "T23:59:59") if a and a.precision == "day" else None,
                    needs_anchor=True)

    if name == "fy":
        k = (g.get("k") or g.get("k2") or "").lower()
        pre = "" if k.startswith(("calendar", "cy", "kalender")) else ("SY" if k.startswith(("school", "sy", "schul"))
                                                                       else "FY")
        ys = g.get("y") or g.get("y2")
        if ys:
            y = _year(ys) if len(ys) == 2 else int(ys)
            return cand("date", lambda a, v=f"{pre}{y}": v, explicit=(date(y, 7, 1), "year"))
        shift = int(_look(lang, "relmod", g["mod"])) if g.get("mod") else None
        if shift is None and not pre:
            return None  # "calendar year" alone: no time
        return cand("date", lambda a, sh=shift, pre=pre: (f"{pre}{a.day.year + sh}" if a and sh is not None
                                                          else (f"{pre}XXXX" if pre else None)), needs_anchor=True)

    if name == "theunit":
        if g.get("wan"):
            return cand("date", lambda a: _iso_week(a.day + timedelta(weeks=2)) if a and a.precision == "day"
                        else None, needs_anchor=True)
        unit = (g.get("u") or g.get("u2") or g.get("u5")).lower()
        unit = {"woche": "week", "jahr": "year", "jahres": "year"}.get(unit, unit)
        if g.get("same"):  # "the same week", "that weekend": a time named before, not known here
            v = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "weekend": "XXXX-WXX-WE"}[unit]
            return cand("date", lambda a, v=v: v)

        def res_unit(a, unit=unit):
            if a is None or a.precision != "day":
                return None
            return {"week": _iso_week(a.day), "month": f"{a.day.year}-{a.day.month:02d}",
                    "year": str(a.day.year), "day": a.day.isoformat()}[unit]
        return cand("date", res_unit, needs_anchor=True)

    if name == "century":
        c = int(g["c"])
        return cand("date", lambda a, v=f"{c - 1:02d}": v) if 1 <= c <= 30 else None

    if name == "ym_num":
        y, mo = int(g.get("y") or g.get("y2")), int(g.get("mo") or g.get("mo2"))
        return cand("date", lambda a, v=f"{y}-{mo:02d}": v, explicit=(date(y, mo, 15), "month"))

    if name == "weekord":
        o = g["o"].lower()
        k = -1 if o in ("last", "letzten") else \
            {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "ersten": 1, "zweiten": 2,
             "dritten": 3, "vierten": 4, "fünften": 5}.get(o) or int(o[0])
        return _Cand(s, e, "date", lambda a, k=k: str(k), kind="weekord")

    if name == "weeknum":
        wn = int(g["wn"])
        ys = g.get("y") or g.get("y2")
        if ys:
            v = _iso_week_value(int(ys), wn)
            return cand("date", lambda a, v=v: v) if v else None
        return cand("date", lambda a, wn=wn: _iso_week_value(a.day.year, wn) if a else f"XXXX-W{wn:02d}",
                    needs_anchor=True)

    if name in ("wclock", "wrange"):
        # bare hours ("at 7", "3-8", "between five and six"): kept only when they join a day
        # or a part of day (see _finalize), or when the part of day is part of the match
        def hm(h, mi, hw, mw):
            if h is not None:
                return int(h), int(mi or 0)
            hv = parse_number_text(hw, lang)
            mv = 0
            if mw:
                mv = parse_number_text(re.sub(r"^o'?\s?|\s+minutes$", "", mw, flags=re.IGNORECASE).replace("-", " "), lang)
                if mv is None or not float(mv).is_integer() or not 0 <= mv < 60:
                    return None
            return int(hv), int(mv)
        if name == "wrange":
            ends = [hm(g["h" + k], g["m" + k], g["hw" + k], g["mw" + k]) for k in ("1", "2")]
        elif g.get("hw5"):
            ends = [hm(None, None, g["hw5"], g["mw5"])]
            g["ap"] = g.get("ap5") or g.get("ap6")
        else:
            ends = [hm(g["h"], g["mi"], g["hw"], g["mw"])]
        if any(x is None for x in ends):
            return None
        ap = (g.get("ap") or g.get("ap2") or "").lower()
        dp = g.get("dp") or g.get("dpn") or g.get("dp5") or ""
        dpc = _look(lang, "daypart", dp) if dp else ""
        out = []
        for k, (h, mi) in enumerate(ends):
            if h > 24 or (ap and not 0 < h <= 12):
                return None
            if ap:
                h = h % 12 + (12 if ap == "p" else 0)
            elif dpc in ("AF", "EV") and h < 12 or dpc == "NI" and 6 <= h < 12:
                h += 12
            elif dpc == "NI" and h == 12:
                h = 0
            out.append((h % 24, mi))
        if name == "wrange" and not dpc and g.get("dp1"):
            dpc = _look(lang, "daypart", g["dp1"])
            if dpc in ("AF", "EV", "NI") and out[0][0] < 12:
                out[0] = (out[0][0] + 12, out[0][1])
        if name == "wrange" and not dpc and out[1] < out[0] and out[1][0] < 12:
            out[1] = (out[1][0] + 12, out[1][1])  # "12-4", "11-4": the end in the afternoon

        def fmt(h, mi):
            return f"T{h:02d}" + (f":{mi:02d}" if mi else "")
        v = "/".join(fmt(h, mi) for h, mi in out)
        strong = bool(ap or dpc)
        if name == "wclock" and g.get("mi") and (g.get("pre") or "").lower() in ("at", "around", "by", "until", "till") \
                and ":" in m.group() and re.match(r"\s*(?:[.?!,;)]|$)", text[e:e + 2]):
            strong = True  # "by 10:30." ("closed at 6.45." is a price)
        if name == "wrange" and re.match(r"(?:from|between)\s", m.group(), re.IGNORECASE) and \
                all(g[k] or (g["h" + k[-1]] and ":" in m.group()) for k in ("mw1", "mw2")):
            strong = True  # "from three thirty to four thirty", "between 10:30 and 11:45"
        return _Cand(s, e, "time", lambda a, v=v: v, kind="clock" if strong else name)

    if name == "hours":
        h1, h2 = int(g["h1"]), int(g["h2"])
        m1, m2 = int(g.get("m1") or 0), int(g.get("m2") or 0)
        ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
        ap1 = (g.get("ap1") or "").lower().replace(".", "")
        dpc = _look(lang, "daypart", g["dp"]) if g.get("dp") else ""
        pm = ap == "pm" or dpc in ("AF", "EV")
        if ap in ("am", "pm"):
            if h2 > 12 or (h1 > 12 and not ap1):
                return None
            h2 = h2 % 12 + (12 if ap == "pm" else 0)
            if ap1:
                h1 = h1 % 12 + (12 if ap1 == "pm" else 0)
            elif pm and h1 + 12 <= h2:
                h1 += 12
        elif pm:
            h1, h2 = (h1 + 12 if h1 < 12 else h1), (h2 + 12 if h2 < 12 else h2)
        h2 = 0 if h2 == 24 else h2

        def fmt(h, mi):
            return f"T{h:02d}" + (f":{mi:02d}" if mi or g.get("m1") or g.get("m2") else "")
        v = f"{fmt(h1, m1)}/{fmt(h2, m2)}"
        return _Cand(s, e, "time", lambda a, v=v: v, kind="clock")

    if name == "daypart":
        if g.get("tn"):
            dp, pre = "NI", "this"
        else:
            if g.get("dpw"):
                if lang == "de" and g["dpw"][0].islower() and not g.get("dpa") and \
                        not re.search(r"(?:^|[.,;:!?]|\b(?:und|oder|immer))\s*$", text[:s]):
                    return None  # "morgens" inside a clause usually belongs to a clock or verb
                dp = _look(lang, "daypart", g["dpw"])
                return cand("time", lambda a, dp=dp: f"T{dp}")
            dp = _look(lang, "daypart", g["dp"])
            pre = (g.get("pre") or "").lower()
        off = {"gestern": -1, "morgen": 1, "yesterday": -1, "tomorrow": 1, "last": -1, "next": 1}.get(
            pre.split()[0] if pre else "", 0)
        if pre in ("am", "gegen", "in the", "that", "in") or pre.startswith("in "):
            return cand("time", lambda a, dp=dp: f"T{dp}")

        def res(a, off=off, dp=dp):
            if a is None or a.precision != "day":
                return f"T{dp}"
            return (a.day + timedelta(days=off)).isoformat() + f"T{dp}"
        return cand("time", res, needs_anchor=True)
    return None


# --------------------------------------------------------------------------- merging

_DT_GLUE = {"de": re.compile(r"\s*(?:,\s*)?(?:(?:um|gegen|ab)\s+)?$", re.IGNORECASE),
            "en": re.compile(r"\s*(?:,\s*|@\s*|-\s*)?(?:(?:at|around|by|before|after|(?:no\s+)?later\s+than|"
                             r"earlier\s+than|in\s+the|from)\s+)?$", re.IGNORECASE)}
_RANGE_GLUE = {"de": re.compile(r"\s*(?:bis(?:\s+(?:zum|zur|zu))?|-|–|und(?:\s+dem)?)\s*$", re.IGNORECASE),
               "en": re.compile(r"\s*(?:to|until|till|through|thru|-|–|and)\s*$", re.IGNORECASE)}
_RANGE_OPEN = {"de": re.compile(r"(?:vom|von|zwischen(?:\s+dem)?|ab\s+dem)\s+$", re.IGNORECASE),
               "en": re.compile(r"(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)}


_CLOCK_RANGE_GLUE = {"de": re.compile(r"\s*(?:Uhr\s*)?(?:bis(?:\s+(?:um|zum|zur))?|-|–|und)\s*$", re.IGNORECASE),
                     "en": re.compile(r"\s*(?:to|until|till|through|thru|-|–|~|and)\s*$", re.IGNORECASE)}
_CLOCK_OPEN = {"de": re.compile(r"(?:von|zwischen|ab)\s+$", re.IGNORECASE),
               "en": re.compile(r"(?:from|between)\s+$", re.IGNORECASE)}
_TIME_DATE_GLUE = {"de": re.compile(r"\s*(?:,\s*)?(?:(?:am|an|dem)\s+)?$", re.IGNORECASE),
                   "en": re.compile(r"\s*(?:,\s*)?(?:(?:on|of)\s+(?:the\s+)?)?$", re.IGNORECASE)}
_HM = re.compile(r"T(\d\d)(?::(\d\d))?(?::(\d\d))?")
_CLOCKS = ("clock", "wclock", "wrange")
_WEAK = frozenset({"wclock", "wrange", "partof"})
_WD_OF_WEEK = {"de": re.compile(r"\s*(?:,\s*)?(?:der|in\s+der)?\s*", re.IGNORECASE),
               "en": re.compile(r"\s*(?:(?:of|in)\s+(?:the\s+)?)?", re.IGNORECASE)}
_WEEK_ON_WD = {"de": re.compile(r"\s*(?:,\s*)?(?:am)?\s*", re.IGNORECASE),
               "en": re.compile(r"\s*(?:on|-|,)?\s*", re.IGNORECASE)}
_DUR_START = {"de": re.compile(r"\s*,?\s*(?:ab|beginnend(?:\s+(?:am|mit))?)\s*$", re.IGNORECASE),
              "en": re.compile(r"\s*,?\s*(?:starting|beginning|from|commencing)(?:\s+(?:from|on|with))?\s*$",
                               re.IGNORECASE)}


def _week_at(v: str | None) -> str | None:
    """The Monday-to-Monday week holding a day."""
    if not v or not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        return None
    d0 = date.fromisoformat(v)
    mon = d0 - timedelta(days=d0.weekday())
    return f"{mon.isoformat()}/{(mon + timedelta(days=7)).isoformat()}"


_DUR_RANK = {"Y": 0, "M": 1, "W": 2, "D": 3, "TH": 4, "TM": 5, "TS": 6}
_DUR_PART = re.compile(r"(\d+(?:\.\d+)?)([YMWDHS])")


def _dur_parts(v: str) -> list[tuple[str, str]] | None:
    m = re.fullmatch(r"P((?:\d+(?:\.\d+)?[YMWD])*)(?:T((?:\d+(?:\.\d+)?[HMS])+))?", v or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    return ([(n, u) for n, u in _DUR_PART.findall(m.group(1) or "")] +
            [(n, "T" + u) for n, u in _DUR_PART.findall(m.group(2) or "")])


def _sum_durations(x: str | None, y: str | None) -> str | None:
    """"PT1H" + "PT30M" -> "PT1H30M"; units must fall in order (not "2 hours and 3 years")."""
    px, py = _dur_parts(x or ""), _dur_parts(y or "")
    if not px or not py or _DUR_RANK[px[-1][1]] >= _DUR_RANK[py[0][1]]:
        return None
    parts = px + py
    date_part = "".join(n + u for n, u in parts if not u.startswith("T"))
    time_part = "".join(n + u[1] for n, u in parts if u.startswith("T"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def _clock_plus(tv: str | None, dur: str | None) -> str | None:
    """"T09" + "PT2.5H" -> "T09/T11:30" (within the day); a day before the clock stays on both ends."""
    day = ""
    if tv and re.match(r"\d{4}-\d\d-\d\dT", tv):
        day, tv = tv[:10], tv[10:]
    m = _HM.fullmatch(tv or "")
    d = re.fullmatch(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?", dur or "")
    if not m or not d or not (d.group(1) or d.group(2)):
        return None
    start = int(m.group(1)) * 60 + int(m.group(2) or 0)
    end = start + round(float(d.group(1) or 0) * 60 + float(d.group(2) or 0))
    if end >= 24 * 60:
        return None
    return f"{day}{tv}/{day}T{end // 60:02d}:{end % 60:02d}"


def _interval_from(start: str | None, dur: str | None) -> str | None:
    """A day and a length in days, weeks, months or years: "2019-10-14" + "P3D" -> "2019-10-14/2019-10-17"."""
    if not start or not dur or not re.fullmatch(r"\d{4}-\d\d-\d\d", start):
        return None
    m = re.fullmatch(r"P(\d+)([DWMY])", dur)
    if not m:
        return None
    n, u = int(m.group(1)), m.group(2)
    d0 = date.fromisoformat(start)
    try:
        end = d0 + timedelta(days=n * (7 if u == "W" else 1)) if u in "DW" else _add_months(d0, n * (12 if u == "Y" else 1))
    except (ValueError, OverflowError):
        return None
    return f"{d0.isoformat()}/{end.isoformat()}"
_SHIFT_GLUE = {"de": re.compile(r"\s*(?:nach|vor)?\s*(?:dem|der)?\s*$", re.IGNORECASE),
               "en": re.compile(r"\s*(?:the\s+)?$", re.IGNORECASE)}
_HALF_OF_DAY = re.compile(r"[ap]\.?\s?m\b|\d\s?[ap]\b|morning|afternoon|evening|night|morgens|vormittags|"
                          r"nachmittags|abends|nachts", re.IGNORECASE)
_BARE_CLOCK = re.compile(r"[ap]\.?\s?m\b|\d\s?[ap]\b|uhr\s+\w+", re.IGNORECASE)


def _dayish(c: _Cand) -> bool:
    """A single day, maybe with its part of day ("tomorrow", "Monday evening", "tonight")."""
    return c.day_level or (c.kind in ("relday", "weekday", "daypart") and c.needs_anchor)


def _daypart_time(dp: str | None, tv: str | None, bare: bool) -> str | None:
    """A part of day alone ("in the morning": "TMO") and a bare clock: "T07" -> "T19" in the evening."""
    if not dp or not tv or not re.fullmatch(r"T(MO|AF|EV|NI|MI)", dp):
        return None
    part = dp[1:]

    def lift(t):
        m = _HM.fullmatch(t)
        if not m:
            return None
        h = int(m.group(1))
        if bare and (part in ("AF", "EV") and h < 12 or part == "NI" and 6 <= h < 12):
            h += 12
        elif bare and part == "NI" and h == 12:
            h = 0
        return f"T{h:02d}" + t[3:]
    parts = [lift(t) for t in tv.split("/")]
    return None if None in parts else "/".join(parts)


def _clock_range(x: str | None, y: str | None, bare_start: bool = True) -> str | None:
    """"T05" + "T18" -> "T05/T18"; an afternoon end lifts a bare morning start ("5 to 6pm"),
    not one with its own half of day ("3 in the morning until 5pm") nor past the end."""
    if not x or not y or "/" in x or "/" in y:
        return None
    mx, my = _HM.fullmatch(x), _HM.fullmatch(y)
    if not mx or not my:
        return None
    h1, h2 = int(mx.group(1)), int(my.group(1))
    m1, m2 = int(mx.group(2) or 0), int(my.group(2) or 0)
    if bare_start and h1 < 12 <= h2 and (h1 + 12, m1) <= (h2, m2):
        x = f"T{h1 + 12:02d}" + x[3:]
    return f"{x}/{y}"


def _join_day_time(dv: str | None, tv: str | None, bare: bool = True) -> str | None:
    """A day ("2016-11-07" or "2016-11-07TMO") and a clock time or clock range; a part of
    day lifts a bare clock ("tonight at 10" is 22:00, "tonight at 1am" stays 01:00)."""
    if not dv or not tv or "/" in dv:
        return None
    day = dv.split("T")[0]
    if not re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d|WXX)-\d\d?", day):
        return None
    part = dv[len(day) + 1:] if "T" in dv else ""
    if part:
        tv = _daypart_time("T" + part, tv, bare) or tv
    if "/" in tv:
        a, b = tv.split("/")
        return f"{day}{a}/{day}{b}"
    return day + tv


def _merge_clock_ranges(cands: list[_Cand], text: str, lang: str) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if i + 1 < len(cands) and c.kind == "clock" and cands[i + 1].kind == "clock":
            n = cands[i + 1]
            gap = text[c.end:n.start]
            x, y = c.resolve(None), n.resolve(None)
            bare = not _HALF_OF_DAY.search(text[c.start:c.end])
            v = _clock_range(x, y, bare) if _CLOCK_RANGE_GLUE[lang].fullmatch(gap) and len(gap) < 12 else None
            before = text[max(0, c.start - 12):c.start]
            opener = _CLOCK_OPEN[lang].search(before)
            if v and not opener and re.search(r"\b(?:und|and)\b", gap, re.IGNORECASE):
                v = None  # "um 22.20 Uhr und 23.23 Uhr": two times; "zwischen 4 und 6 Uhr": a range
            if v:
                start = c.start - (len(before) - opener.start()) if opener else c.start
                out.append(_Cand(start, n.end, "time", lambda a, v=v: v, kind="clock"))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _merge(cands: list[_Cand], text: str, lang: str) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if i + 1 < len(cands):
            n = cands[i + 1]
            gap = text[c.end:n.start]
            # a date and its time of day
            if _dayish(c) and n.kind in _CLOCKS and _DT_GLUE[lang].fullmatch(gap) and len(gap) < 16:
                rc, rn = c.resolve, n.resolve
                bare = not _BARE_CLOCK.search(text[n.start:n.end])

                def res(a, rc=rc, rn=rn, bare=bare):
                    return _join_day_time(rc(a), rn(a), bare)
                merged = _Cand(c.start, n.end, "time", res, c.needs_anchor, c.explicit, "datetime")
                out.append(merged)
                i += 2
                continue
            # a time of day and then its day: "3pm today", "13:00 February 28", "8am this morning"
            if c.kind in _CLOCKS and (n.day_level or n.kind in ("relday", "weekday", "daypart")) and \
                    n.type in ("date", "time") and _TIME_DATE_GLUE[lang].fullmatch(gap) and len(gap) < 10:
                rc, rn = c.resolve, n.resolve
                bare = not _BARE_CLOCK.search(text[c.start:c.end])
                if n.kind == "daypart" and not n.needs_anchor:  # "5 to seven in the morning"
                    v = _daypart_time(rn(None), rc(None), bare)
                    if v:
                        out.append(_Cand(c.start, n.end, "time", lambda a, v=v: v, kind="clock"))
                        i += 2
                        continue

                def res(a, rc=rc, rn=rn, bare=bare):
                    return _join_day_time(rn(a), rc(a), bare)
                out.append(_Cand(c.start, n.end, "time", res, n.needs_anchor, n.explicit, "datetime"))
                i += 2
                continue
            # a part of day and then its clock: "in the morning at 7", "this evening at 8"
            if c.kind == "daypart" and n.kind in _CLOCKS and _DT_GLUE[lang].fullmatch(gap) and len(gap) < 8:
                bare = not _BARE_CLOCK.search(text[n.start:n.end])
                if c.needs_anchor:
                    rc, rn = c.resolve, n.resolve

                    def res(a, rc=rc, rn=rn, bare=bare):
                        return _join_day_time(rc(a), rn(a), bare)
                    out.append(_Cand(c.start, n.end, "time", res, True, None, "datetime"))
                    i += 2
                    continue
                v = _daypart_time(c.resolve(None), n.resolve(None), bare)
                if v:
                    out.append(_Cand(c.start, n.end, "time", lambda a, v=v: v, kind="clock"))
                    i += 2
                    continue
            # one length in two units: "1 hour and 30 minutes"
            if c.type == "duration" and n.type == "duration" and re.fullmatch(r"\s*(?:,|and|und)?\s*", gap):
                v = _sum_durations(c.resolve(None), n.resolve(None))
                if v:
                    out.append(_Cand(c.start, n.end, "duration", lambda a, v=v: v, kind="duration"))
                    i += 2
                    continue
            # a clock time and a length: "from 9 for 2.5 hrs", "for 2 hours from 2pm"
            pair = None
            if (c.kind in _CLOCKS or c.kind == "datetime") and n.type == "duration" and \
                    re.fullmatch(r"\s*for\s*", gap, re.IGNORECASE):
                pair = (c, n)
            elif c.type == "duration" and n.kind in _CLOCKS and \
                    re.match(r"(?:from|starting(?:\s+at)?)\s", text[n.start:n.end] if not gap.strip() else gap.strip(),
                             re.IGNORECASE):
                pair = (n, c)
            elif c.kind == "shift" and c.dur and c.dur.startswith("PT") and n.kind in _CLOCKS and not gap.strip() \
                    and text[c.end - 4:c.end].lower() == "from":
                pair = (n, _Cand(c.start, c.end, "duration", lambda a, v=c.dur: v))
            if pair and pair[0].kind == "datetime":
                rp, dv = pair[0].resolve, pair[1].resolve(None)
                out.append(_Cand(c.start, n.end, "time", lambda a, rp=rp, dv=dv: _clock_plus(rp(a), dv),
                                 True, pair[0].explicit, "range"))
                i += 2
                continue
            if pair:
                v = _clock_plus(pair[0].resolve(None), pair[1].resolve(None))
                if v:
                    out.append(_Cand(c.start, n.end, "time", lambda a, v=v: v, kind="clock"))
                    i += 2
                    continue
            # a weekday and its date: "friday 5/12", "this Friday (jun-15)"; the date decides
            if c.kind == "weekday" and n.day_level and n.kind in _CAL_KINDS and \
                    re.fullmatch(r"\s*[,(-]?\s*(?:the\s+|den\s+|der\s+)?", gap):
                out.append(_Cand(c.start, n.end, n.type, n.resolve, n.needs_anchor, n.explicit, n.kind, True))
                i += 2
                continue
            # a weekday in a given week: "tuesday of next week", "next week on Tuesday"
            wk = None
            if c.kind == "weekday" and n.kind == "relunit" and _WD_OF_WEEK[lang].fullmatch(gap):
                wk, wdc = n, c
            elif c.kind == "relunit" and n.kind == "weekday" and _WEEK_ON_WD[lang].fullmatch(gap):
                wk, wdc = c, n
            if wk is not None and re.search(r"week|woche", text[wk.start:wk.end], re.IGNORECASE):
                wdv = wdc.resolve(None) or ""
                mw = re.fullmatch(r"XXXX-WXX-([1-7])(T(?:MO|AF|EV|NI))?", wdv)
                if mw:
                    rw, wd0, dp0 = wk.resolve, int(mw.group(1)), mw.group(2) or ""

                    def res(a, rw=rw, wd=wd0, dp=dp0):
                        w = rw(a)
                        m = re.fullmatch(r"(\d{4})-W(\d\d)", w or "")
                        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), wd).isoformat() + dp if m else None
                    out.append(_Cand(c.start, n.end, "time" if mw.group(2) else "date", res, True, None, "weekday",
                                     not mw.group(2)))
                    i += 2
                    continue
            # "the 15th day of next month", "the third month of 2021", "the first 2 weeks of 2021"
            if c.kind == "partof" and n.type == "date" and not gap.strip():
                spec, rn = c.resolve(None), n.resolve
                out.append(_Cand(c.start, n.end, "date", lambda a, sp=spec, rn=rn: _part_of(sp, rn(a)),
                                 n.needs_anchor, n.explicit, "partof_merged", spec.startswith("nth") and "day" in spec))
                i += 2
                continue
            # "the last week of July", "the first week of 2015"
            if c.kind == "weekord" and n.type == "date" and not gap.strip():
                k, rn = int(c.resolve(None)), n.resolve
                out.append(_Cand(c.start, n.end, "date", lambda a, k=k, rn=rn: _week_of(k, rn(a)),
                                 n.needs_anchor, n.explicit, "weekof"))
                i += 2
                continue
            # "the week beginning February 4"
            if c.kind == "theunit" and re.search(r"week$", text[c.start:c.end], re.IGNORECASE) and _dayish(n) and \
                    n.type == "date" and _DUR_START[lang].fullmatch(gap):
                rn = n.resolve
                out.append(_Cand(c.start, n.end, "date", lambda a, rn=rn: _week_at(rn(a)), True, n.explicit, "span"))
                i += 2
                continue
            # a duration and its first day: "for 3 days starting next Monday", "a week from today"
            if c.type == "duration" and _dayish(n) and n.type == "date" and _DUR_START[lang].fullmatch(gap):
                dv, rn = c.resolve(None), n.resolve
                out.append(_Cand(c.start, n.end, "date", lambda a, dv=dv, rn=rn: _interval_from(rn(a), dv),
                                 True, n.explicit, "span"))
                i += 2
                continue
            if c.kind == "shift" and c.dur and text[c.end - 4:c.end].lower() == "from" and \
                    re.search(r"\bfor\s+$", text[max(0, c.start - 6):c.start], re.IGNORECASE) and \
                    _dayish(n) and _SHIFT_GLUE[lang].fullmatch(gap):
                rn = n.resolve
                out.append(_Cand(c.start, n.end, "date", lambda a, dv=c.dur, rn=rn: _interval_from(rn(a), dv),
                                 True, n.explicit, "span"))
                i += 2
                continue
            # a shift from another day: "three weeks from tomorrow", "2 weeks before Christmas"
            if c.kind == "shift" and n.type == "date" and (n.day_level or n.kind in ("relday", "weekday",
                                                                                    "holiday")) \
                    and _SHIFT_GLUE[lang].fullmatch(gap) and \
                    re.search(r"(?:before|after|from|vor|nach)$", text[c.start:c.end], re.IGNORECASE):
                rc, rn = c.resolve, n.resolve

                def res(a, rc=rc, rn=rn):
                    x = rn(a)
                    if not x or not re.fullmatch(r"\d{4}-\d\d-\d\d", x):
                        return None
                    d0 = date.fromisoformat(x)
                    return rc(Anchor(datetime(d0.year, d0.month, d0.day), "day", a.kind if a else "context"))
                out.append(_Cand(c.start, n.end, "date", res, True, n.explicit, "shifted", True))
                i += 2
                continue
            # a range and the year after it: "from April to June in 2017"
            if c.kind == "range" and n.kind == "y" and re.fullmatch(r"\s*(?:,|in|of|im)?\s*", gap, re.IGNORECASE):
                rc, yv = c.resolve, n.resolve(None)

                def res(a, rc=rc, yv=yv):
                    v = rc(a)
                    if not v or not yv or not re.fullmatch(r"\d{4}", yv):
                        return v
                    x, _, y = v.partition("/")
                    if not (_YMD.fullmatch(x) and _YMD.fullmatch(y)):
                        return v
                    yx = int(yv) - (1 if x[4:] > y[4:] else 0)
                    return f"{yx}{x[4:]}/{yv}{y[4:]}"
                out.append(_Cand(c.start, n.end, "date", res, c.needs_anchor, n.explicit, "range"))
                i += 2
                continue
            # a set and its time of day: "jeden Mittwoch um 16 Uhr" -> XXXX-WXX-3T16
            # a clock time every day: "3pm each day", "6am everyday"
            if c.kind == "clock" and n.type == "set" and n.resolve(None) == "P1D" and len(gap) < 3 and \
                    not gap.strip():
                out.append(_Cand(c.start, n.end, "set", c.resolve, kind="set"))
                i += 2
                continue
            if c.type == "set" and n.kind in _CLOCKS and _DT_GLUE[lang].fullmatch(gap) and len(gap) < 12:
                sv, tv = c.resolve(None), n.resolve(None)
                if sv and tv and "/" not in tv:
                    v = tv if sv in ("P1D", "TMO", "TAF", "TEV", "TNI") else (sv + tv if sv.startswith("XXXX") else None)
                    if v:
                        out.append(_Cand(c.start, n.end, "set", lambda a, v=v: v, kind="set"))
                        i += 2
                        continue
            # two dates joined into a range
            both_days = c.type == "date" and n.type == "date" or c.kind == n.kind == "datetime"
            to_now = not gap.strip() and n.kind == "now" and re.match(r"(?:to|till|until)\s", text[n.start:n.end])
            if both_days and c.kind not in ("relunit",) and (_RANGE_GLUE[lang].fullmatch(gap) or to_now) \
                    and len(gap) < 14:
                before = text[max(0, c.start - 16):c.start]
                opener = _RANGE_OPEN[lang].search(before)
                if opener or not re.search(r"\bund|\band\b", gap, re.IGNORECASE):
                    rc, rn = c.resolve, n.resolve

                    cal = c.kind in _CAL_KINDS and n.kind in _CAL_KINDS

                    def res(a, rc=rc, rn=rn, fx=c.explicit is not None, fy=n.explicit is not None, cal=cal,
                            px=c.part, py=n.part):
                        x, y = rc(a), rn(a)
                        if not x or not y:
                            return None
                        if cal:
                            x, y = _align_years(x, y, fx, fy)
                        if x == "PRESENT_REF" and a is not None and not fy and re.fullmatch(r"\d{4}-\d\d-\d\d", y) \
                                and y < a.day.isoformat():
                            y = f"{int(y[:4]) + 1}{y[4:]}"  # "between now and November 15th": the next one
                        if y == "PRESENT_REF" and a is not None and not fx and _YMD.fullmatch(x) and \
                                x[:7] > a.day.isoformat()[:7]:
                            x = f"{int(x[:4]) - 1}{x[4:]}"  # "from March to date": the last March
                            y = a.day.isoformat()
                        x, y = _part_point(x, px), _part_point(y, py)
                        # weekdays: the end is the first such day on or after the start
                        if re.match(r"\d{4}-\d\d-\d\d(?:T|$)", x) and re.match(r"\d{4}-\d\d-\d\d(?:T|$)", y):
                            dx, dy = date.fromisoformat(x[:10]), date.fromisoformat(y[:10])
                            if dy < dx and (dx - dy).days < 7:
                                y = (dy + timedelta(days=7)).isoformat() + y[10:]
                        return f"{x}/{y}"
                    start = c.start - (len(before) - opener.start()) if opener else c.start
                    out.append(_Cand(start, n.end, "date" if c.type == "date" else "time", res,
                                     c.needs_anchor or n.needs_anchor, c.explicit or n.explicit, "range"))
                    i += 2
                    continue
        out.append(c)
        i += 1
    return out


# calendar dates (not weekdays or relative days), whose year a range end may lend the other
_CAL_KINDS = frozenset({"dmy", "dmy_ord", "mdy", "mdy_ord", "num_dmy", "num_mdy", "md_slash", "iso", "iso_compact", "m",
                        "ym_num", "wdate",
                        "sep_dmy", "sep_ymd", "sep_mdy",
                        "my", "ym", "y", "dayrange", "dayrange_en"})
_YMD = re.compile(r"(\d{4})(-\d\d(?:-\d\d)?)")


def _part_point(v: str, part: str) -> str:
    """A range end given as a part of a month or year: "the end of 2008" ends at 2009-01-01,
    "the middle of March" is the 16th, "the beginning of 2007" its first day."""
    if not part or not v:
        return v
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?", v)
    if not m:
        return v
    y, mo = int(m.group(1)), int(m.group(2) or 0)
    if part == "END":
        return (_add_months(date(y, mo, 1), 1) if mo else date(y + 1, 1, 1)).isoformat()
    if part == "MID":
        return (date(y, mo, 16) if mo else date(y, 7, 2)).isoformat()
    return v


def _align_years(x: str, y: str, fixed_x: bool, fixed_y: bool) -> tuple[str, str]:
    """Two ends of a range where one has no year of its own: "from May to Oct 2020" is
    2020-05/2020-10, "from November to March" runs into the next year."""
    mx, my = _YMD.fullmatch(x), _YMD.fullmatch(y)
    if not mx or not my or (fixed_x and fixed_y):
        return x, y
    if fixed_y and not fixed_x:
        yx = int(my.group(1)) - (1 if mx.group(2) > my.group(2) else 0)
        return f"{yx}{mx.group(2)}", y
    yy = int(mx.group(1)) + (1 if my.group(2) < mx.group(2) else 0)
    return x, f"{yy}{my.group(2)}"


def _finalize(cands: list[_Cand], text: str, lang: str) -> list[_Cand]:
    """Drop bare hours that joined no day or part of day ("at 7" alone may be anything); a
    shift "3 days from" with no day after it is the duration "3 days"."""
    out = []
    for c in cands:
        if c.kind in ("wclock", "wrange", "partof"):
            continue
        if c.kind == "shift" and c.dur and text[c.end - 4:c.end].lower() == "from":
            end = c.start + len(text[c.start:c.end - 4].rstrip())
            c = _Cand(c.start, end, "duration", lambda a, v=c.dur: v, kind="duration")
        end_of = _END_OF.get(lang)
        if end_of and c.kind in ("relday", "weekday") and c.type == "date" and c.day_level:
            mo = end_of.search(text, max(0, c.start - 20), c.start)
            if mo:  # "end of tomorrow", "the end of this sunday": its last second
                c = _Cand(mo.start(), c.end, "time", lambda a, r=c.resolve: (r(a) + "T23:59:59") if r(a) and
                          re.fullmatch(r"\d{4}-\d\d-\d\d", r(a)) else None, True, None, "datetime")
        if c.kind == "weekord":  # no month or year after it: "the last week" is the previous one
            if c.resolve(None) != "-1":
                continue
            c = _Cand(c.start, c.end, "date", _last_week, True, None, "relunit")
        out.append(c)
    return out


_END_OF = {"en": re.compile(r"(?:the\s+)?end\s+of\s+(?:the\s+)?$", re.IGNORECASE)}


def _last_week(a: Anchor | None) -> str | None:
    if a is None or a.precision != "day":
        return None
    return _iso_week(a.day - timedelta(weeks=1))


# --------------------------------------------------------------------------- public

def parse_anchor(published: str | None) -> Anchor | None:
    """An anchor from an ISO date/datetime string ("2024-07-01", "2016-11-07T16:12:00")."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip())
        moment = moment.replace(tzinfo=None)
    except ValueError:
        mm = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", published)
        if not mm:
            return None
        try:
            moment = datetime(int(mm.group(1)), int(mm.group(2)), int(mm.group(3) or 1))
        except ValueError:
            return None
        if not mm.group(3):
            return Anchor(moment, "month", "published")
    return Anchor(moment, "day", "published")


def find_times(text: str, lang: str, published: str | Anchor | None = None) -> list[FoundTime]:
    """Temporal expressions in ``text`` with normalised values (see module doc)."""
    lang = lang if lang in ("de", "en") else "en"
    pub = published if isinstance(published, Anchor) else parse_anchor(published)
    found: list[_Cand] = []
    seen: set[tuple[str, int, int]] = set()
    kind_windows = _kind_windows(text, lang)
    needs = _needs(lang)
    for name, rx in _compiled(lang):
        need = needs.get(name)
        for ws, we in _rule_windows(kind_windows, name):
            if need is not None and need.search(text, ws, we) is None:
                continue
            for m in rx.finditer(text, ws, we):
                if (name, m.start(), m.end()) in seen:
                    continue
                if m.start() and text[m.start() - 1] == "-" and (
                        not _HYPHEN_OK.match(text, m.start()) or text[m.start()].isdigit() and
                        not _HYPHEN_AFTER.search(text, max(0, m.start() - 7), m.start())):
                    continue
                seen.add((name, m.start(), m.end()))
                try:
                    c = _handle(name, m, lang, text)
                except (ValueError, KeyError, OverflowError):
                    c = None
                if c is not None:
                    found.append(c)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    strong = [(c.start, c.end) for c in found if c.kind not in _WEAK]
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        if c.kind in _WEAK and any(c.start < e and s < c.end and (s < c.start or e > c.end) for s, e in strong):
            continue  # a bare hour never cuts a sure expression: "from 7:00" in "from 7:00 am"
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    chosen = _merge_clock_ranges(chosen, text, lang)
    for _ in range(3):  # a merged pair may merge again: "next week on Thursday" + "between 4 and 6"
        merged = _merge(chosen, text, lang)
        if len(merged) == len(chosen):
            break
        chosen = merged
    chosen = _finalize(chosen, text, lang)
    explicit = [(c.start, c.explicit) for c in chosen if c.explicit]
    out: list[FoundTime] = []
    for c in chosen:
        anchor: Anchor | None = None
        if c.needs_anchor:
            if pub is not None:
                anchor = pub
            elif explicit:
                _pos, (d0, prec) = min(explicit, key=lambda x: abs(x[0] - c.start))
                anchor = Anchor(datetime(d0.year, d0.month, d0.day), prec, "context")
        try:
            value = c.resolve(anchor)
        except (ValueError, OverflowError):
            value = None
        used = anchor.kind if anchor is not None and value is not None and "X" not in value[:4] else "none"
        out.append(FoundTime(c.start, c.end, text[c.start:c.end], value, c.type, used))
    return out
