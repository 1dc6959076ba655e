"""Score numbers and quantities on the Recognizers-Text Number and NumberWithUnit specs.

    python bench/eval_quantities.py [--data ../shared/data/recognizers/specs.jsonl]
                                    [--lang de,en] [--errors N]

What is scored (decided once, not tuned per result):

* Number: ``NumberModel`` against the number parser (``quantities.numbers.find_numbers``),
  ``PercentModel`` and ``NumberRangeModel`` against the quantities (unit "%",
  low/high bounds). Ordinal models are out of scope (an ordinal is no quantity) and
  option variants (ExperimentalMode, PercentMode, SuppressExtendedTypes,
  EnablePreview) are not default behaviour: both are counted and listed, not scored.
* NumberWithUnit: ``CurrencyModel``, ``DimensionModel``, ``AgeModel``,
  ``TemperatureModel`` against the quantities: same value and the same unit
  (spec unit names mapped to our ISO codes and symbols by the table below).
* Not supported: cases whose ``NotSupported``/``NotSupportedByDesign`` names ``dotnet``
  (the reference implementation) are excluded and counted; "strict" also drops
  every case that any port skips.
* A case is correct when every expected result is found (spans overlap) with its
  value (and unit), and nothing else of that kind is found.

Representation conversions (Recognizers' resolution format -> ours), fixed here once:

* German spec values write the decimal comma ("0,5" -> 0.5); English the point.
* Separators in the text are decided by language (see ``quantities.numbers``): German
  reads "2.300" as 2300 and "4,800" as 4.8, English the other way round; a number with
  both marks takes the last one as the decimal mark in both languages.
* A range's open/closed ends ("[20,30)") are not compared, only the bounds; a closed
  one-point range "[20,20]" ("equal to 20") is the exact value 20 (we keep an exact
  amount as ``value`` with no bounds).
* A result without a number (a bare unit "fahrenheit", "dollar", "percent"; spec value
  null) is no quantity in our contract (a quantity has a value or bounds): such results
  are dropped from the expected list and counted ("unit-only mentions").
* NumberModel: a digit run glued to a unit word ("180ml", "29km", "4th") is a
  measurement or an ordinal, not a bare number; ``find_numbers`` marks it ``attached``
  and the NumberModel comparison leaves it out (the quantities keep it with its unit).
* A bare degree ("24 Grad", "90 degrees") is "°" (temperature, scale not said) unless an
  angle cue is near ("Winkel", "rotate", "drehen"), then "deg" (angle): the spec's
  unit "Degree" means "°" in TemperatureModel and "deg" in DimensionModel.

Failures are printed grouped by spec model and phenomenon (``--examples N`` shows N
inputs with expected and found values per group).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zufolge.quantities import find_quantities
from zufolge.quantities.numbers import find_numbers

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "recognizers" / "specs.jsonl"
SCORED = {
    "NumberModel": "Number", "PercentModel": "Number", "NumberRangeModel": "Number",
    "CurrencyModel": "NumberWithUnit", "DimensionModel": "NumberWithUnit",
    "AgeModel": "NumberWithUnit", "TemperatureModel": "NumberWithUnit",
}
# spec unit name -> our unit(s). The spec names units in English ("Dollar", "Canadian dollar",
# "Square meter"); we write ISO 4217 codes and symbols. This table only maps names: a unit we
# find differently (e.g. "Pfund" as GBP where the spec means the weight) stays an error.
UNITS = {
    "dollar": {"USD", "CAD", "AUD", "NZD", "HKD", "MXN"}, "united states dollar": "USD", "us dollar": "USD",
    "euro": "EUR", "pound": "GBP", "british pound": "GBP", "japanese yen": "JPY", "yen": "JPY",
    "chinese yuan": "CNY", "yuan": "CNY", "russian ruble": "RUB", "south korean won": "KRW",
    "swiss franc": "CHF", "franc": {"CHF", "FRF"}, "canadian dollar": "CAD", "australian dollar": "AUD",
    "new zealand dollar": "NZD", "hong kong dollar": "HKD", "mexican peso": "MXN", "turkish lira": "TRY",
    "finnish markka": "FIM", "peseta": "ESP", "netherlands guilder": "NLG", "rupee": {"INR", "LKR", "PKR"},
    "indian rupee": "INR", "sri lankan rupee": "LKR", "cambodian riel": "KHR", "bitcoin": "BTC",
    "costa rican colón": "CRC", "georgian lari": "GEL", "lao kip": "LAK",
    "cent": "cent", "pence": "GBP-pence", "penny": "GBP-pence",
    "kilometer": "km", "meter": "m", "centimeter": "cm", "millimeter": "mm", "decimeter": "dm",
    "micrometer": "µm", "nanometer": "nm", "picometer": "pm",
    "mile": "mi", "foot": "ft", "inch": "in", "yard": "yd", "ton": "t", "metric ton": "t", "kilogram": "kg",
    "gram": "g", "microgram": "µg", "milligram": "mg", "gallon": "gal", "liter": "l", "milliliter": "ml",
    "barrel": "bbl", "mile per hour": "mph", "kilometer per hour": "km/h", "meter per second": "m/s",
    "square kilometer": "km2", "square meter": "m2", "square mile": "mi2", "square foot": "ft2",
    "cubic meter": "m3", "cubic foot": "ft3", "teaspoon": "tsp", "tablespoon": "tbsp", "cup": "cup",
    "acre": "acre", "hectare": "ha", "dram": "dram", "ounce": "oz", "kilowatt hour": "kWh", "megawatt": "MW",
    "radian": "rad", "turn": "turn", "bit": "bit", "megabit": "Mbit",
    "c": "°C", "f": "°F", "k": "K", "degree": "°",
    "year": "year", "month": "month", "week": "week", "day": "day", "age": "year",
    "kilobyte": "kB", "megabyte": "MB", "gigabyte": "GB", "terabyte": "TB", "kilowatt": "kW",
    "gigawatt": "GW", "nautical mile": "nmi", "knot": "kn", "pint": "pt", "quart": "qt",
    "fluid ounce": "fl oz", "cubic centimeter": "cm3", "light year": "ly", "foot per second": "ft/s",
    "square yard": "yd2", "square inch": "in2", "square centimeter": "cm2", "cubic inch": "in3", "hectometer": "hm",
}
_AGE = ("year-old", "month-old", "week-old", "day-old")
_TEMP = ("°C", "°F", "K")


def _currency(u: str) -> bool:
    return u.isupper() and len(u) == 3 or u.endswith(("-cent", "-pence"))


CATEGORY_UNITS = {
    "CurrencyModel": lambda u: bool(u) and _currency(u),
    # "°" is a degree of temperature (scale not said), "deg" a degree of angle
    "DimensionModel": lambda u: bool(u) and u not in ("%", "pp", "°") + _TEMP + _AGE and not _currency(u)
    and u not in ("year", "month", "week", "day"),
    "AgeModel": lambda u: u in _AGE,
    "TemperatureModel": lambda u: u in _TEMP + ("°",),
    "PercentModel": lambda u: u in ("%", "pp"),  # the spec counts "Prozentpunkte" as percent
}


def not_supported(case: dict, platform: str = "dotnet") -> bool:
    return any(platform in (case.get(k) or "").lower().replace(" ", "")
               for k in ("NotSupported", "NotSupportedByDesign"))


def num(s, lang: str) -> float | None:
    if s is None:
        return None
    s = str(s).strip().rstrip("%")
    if lang == "de":
        s = s.replace(".", "").replace(",", ".") if "," in s else s
    try:
        return float(s)
    except ValueError:
        return None


def same(a, b) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def span_of(r: dict) -> tuple[int, int]:
    s = int(r.get("Start", 0))
    if "Length" in r:
        return s, s + int(r["Length"])
    return s, int(r.get("End", s)) + 1


def unit_ok(spec_res: dict, ours: str | None, model: str = "") -> bool:
    if ours is None:
        return False
    if (spec_res.get("unit") or "").lower() == "degree" and model == "DimensionModel":
        return ours == "deg"  # an angle
    if (spec_res.get("unit") or "").lower() == "pound" and model == "DimensionModel":
        return ours == "lb"  # the weight; in CurrencyModel "Pound" is money
    iso = spec_res.get("isoCurrency")
    if iso and ours == iso:
        return True
    name = (spec_res.get("unit") or "").lower()
    want = UNITS.get(name)
    if want == "cent":
        return ours.endswith("-cent")
    if want in ("year", "month", "week", "day"):
        return ours == f"{want}-old"
    if isinstance(want, set):
        return ours in want
    return want is not None and want == ours


def range_bounds(v: str):
    m = re.fullmatch(r"([\[(])([^,]*),([^)\]]*)([\])])", v.strip())
    if not m:
        return None
    return (float(m.group(2)) if m.group(2) else None, float(m.group(3)) if m.group(3) else None)


def has_value(r: dict) -> bool:
    v = (r.get("Resolution") or {}).get("value")
    return v is not None and str(v).lower() not in ("null", "none", "")


def predictions(model: str, lang: str, text: str) -> list[tuple]:
    if model == "NumberModel":
        return [(n.start, n.end, n.value, None, None, None) for n in find_numbers(text, lang)
                if not n.attached]
    qs = find_quantities(text, lang)
    if model == "NumberRangeModel":
        return [(q.start, q.end, q.value, q.low, q.high, q.unit) for q in qs]
    keep = CATEGORY_UNITS[model]
    return [(q.start, q.end, q.value, q.low, q.high, q.unit) for q in qs if keep(q.unit)]


def score_case(model: str, lang: str, case: dict) -> tuple[bool, int, int, int, int, list]:
    """(correct, tp, fp, fn, unit-only results dropped, predictions)."""
    text = case["Input"]
    expected = [r for r in case.get("Results") or [] if has_value(r)]
    dropped = len(case.get("Results") or []) - len(expected)
    preds = predictions(model, lang, text)
    used: set[int] = set()
    tp = fn = 0
    for r in expected:
        s, e = span_of(r)
        res = r.get("Resolution") or {}
        hit = None
        for k, (ps, pe, v, lo, hi, u) in enumerate(preds):
            if k in used or not (ps < e and s < pe):
                continue
            if model == "NumberRangeModel":
                b = range_bounds(str(res.get("value", "")))
                if b is not None and b[0] is not None and b[0] == b[1]:
                    ok = lo is None and hi is None and same(v, b[0])  # "[20,20]": exactly 20
                else:
                    ok = b is not None and (b[0] is None or same(lo, b[0])) and \
                        (b[1] is None or same(hi, b[1])) and (b[0] is None) == (lo is None) and \
                        (b[1] is None) == (hi is None)
            else:
                want = num(res.get("value"), lang)
                ok = want is None or any(same(x, want) for x in (v, lo, hi))
                if model not in ("NumberModel", "PercentModel") and res.get("unit"):
                    ok = ok and unit_ok(res, u, model)
            if ok:
                hit = k
                break
        if hit is None:
            fn += 1
        else:
            used.add(hit)
            tp += 1
    if model == "NumberRangeModel":
        # exact amounts are no ranges: only bounded predictions can be false positives
        fp = sum(1 for k, p in enumerate(preds) if k not in used and (p[3] is not None or p[4] is not None))
    else:
        fp = len(preds) - len(used)
    return (fn == 0 and fp == 0), tp, fp, fn, dropped, preds


_ORD = r"(?:\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|tenth|fifteenth|" \
       r"erste[nrms]?|zweite[nrms]?|dritte[nrms]?)\b)"
PHENOMENA = [  # (label, regex over the expected texts, else the input); first match wins
    ("exponent/scientific", r"\d\s*(?:[eE][+-]?\d|\^|[x×]\s*10\b)"),
    ("ratio (over, out of, in)", (r"\b(?:over|out of|in)\b\s+\S*\d|\b(?:over|out of|in)\s+(?:one|two|three|"
                                 r"five|twenty)")),
    ("mixed/digit fraction", r"\d\s*/\s*\d"),
    ("ordinal", _ORD),
    ("fraction words", r"\b(?:half|halb\w*|thirds?|quarters?|drittel|viertel|hälfte|\w+(?:th|ths|tel))\b"),
    ("suffix scale (3k, 10M, 2 dz)", r"\d\s*(?:k|K|M|MM|G|B|bn|dzs?|dozs?)\b"),
    ("scale word (1.5 million, two dozen)", (r"(?i)\b(?:hundred|thousand|million|billion|trillion|dozens?|"
                                            r"lakh|crore|tausend|hundert|mio|mrd|millionen|milliarden|"
                                            r"dutzend)\b")),
    ("negative (minus, -5)", r"(?i)(?:\bminus\b|\bnegative\b|(?:^|\s)-\s*\d)"),
    ("separators (1,234.56, 1.000,5)", r"\d[.,\u202f\u00a0 ]\d{3}\b|\d,\d|\d\.\d"),
    ("number words", (r"(?i)\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"\w+teen|\w+ty|nought|naught|null|eins?|zwei|drei|vier|fünf|sechs|sieben|acht|"
                     r"neun|zehn|elf|zwölf|\w+zig|\w+zehn)\b")),
    ("plain digits", r"\d"),
]
_PHEN_RX = [(label, re.compile(rx)) for label, rx in PHENOMENA]


def phenomenon(model: str, case: dict) -> str:
    if model != "NumberModel":
        base = {"PercentModel": "percentage", "NumberRangeModel": "range", "CurrencyModel": "currency",
                "DimensionModel": "dimension", "TemperatureModel": "temperature", "AgeModel": "age"}[model]
    else:
        base = ""
    texts = " | ".join(r.get("Text") or "" for r in case.get("Results") or [])
    if not texts:
        return (base + ": " if base else "") + "nothing to find"
    for label, rx in _PHEN_RX:
        if rx.search(texts):
            return (base + ": " if base else "") + label
    return (base + ": " if base else "") + "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--lang", default="de,en")
    ap.add_argument("--examples", "--errors", type=int, default=0,
                    help="failed inputs shown per phenomenon group")
    ap.add_argument("--groups", action="store_true", help="print the per-phenomenon table")
    args = ap.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    langs = args.lang.split(",")
    st: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_model: dict[tuple[str, str], Counter] = defaultdict(Counter)
    groups: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str, str], list] = defaultdict(list)
    unscored: Counter = Counter()
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        if row["domain"] not in ("Number", "NumberWithUnit") or row["lang"] not in langs:
            continue
        lang, model, case = row["lang"], row["model"], row["case"]
        if model not in SCORED:
            unscored[(lang, model)] += 1
            continue
        key = (lang, SCORED[model])
        c = st[key]
        c["cases"] += 1
        if not_supported(case):
            c["excluded"] += 1
            continue
        ok, tp, fp, fn, dropped, preds = score_case(model, lang, case)
        strict = not any(case.get(k) for k in ("NotSupported", "NotSupportedByDesign"))
        c["scored"] += 1
        c["correct"] += ok
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn
        c["unit_only"] += dropped
        if strict:
            c["strict"] += 1
            c["strict_ok"] += ok
        per_model[(lang, model)]["n"] += 1
        per_model[(lang, model)]["ok"] += ok
        g = (lang, SCORED[model], phenomenon(model, case))
        groups[g]["n"] += 1
        groups[g]["ok"] += ok
        if not ok and len(examples[g]) < args.examples:
            text = case["Input"]
            examples[g].append((model, text[:140],
                                [(r.get("Text"), (r.get("Resolution") or {}).get("value"),
                                  (r.get("Resolution") or {}).get("unit"))
                                 for r in case.get("Results") or [] if has_value(r)],
                                [(text[p[0]:p[1]],) + tuple(x for x in p[2:] if x is not None) for p in preds]))
    for (lang, cat), c in sorted(st.items()):
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f = 2 * p * r / max(1e-9, p + r)
        print(f"\n[{lang}] {cat}: cases {c['cases']}, excluded (not supported by dotnet) {c['excluded']}, "
              f"scored {c['scored']}, unit-only mentions not scored {c['unit_only']}")
        print(f"  value accuracy (case)  {c['correct'] / max(1, c['scored']):.3f}  ({c['correct']}/{c['scored']})")
        print(f"  strict subset (no port skips it)  {c['strict_ok'] / max(1, c['strict']):.3f}  "
              f"({c['strict_ok']}/{c['strict']})")
        print(f"  results: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
        for (lg, model), m in sorted(per_model.items()):
            if lg == lang and SCORED[model] == cat:
                print(f"    {model:18s} {m['ok'] / m['n']:.3f}  ({m['ok']}/{m['n']})")
        if args.groups or args.examples:
            print("  by phenomenon (failed/cases):")
            for (lg, ct, label), m in sorted(groups.items(), key=lambda kv: -(kv[1]["n"] - kv[1]["ok"])):
                if lg != lang or ct != cat:
                    continue
                print(f"    {m['n'] - m['ok']:3d}/{m['n']:<3d} {label}")
                for model, text, exp, got in examples[(lg, ct, label)]:
                    print(f"          ✗ {model}: {text!r}\n              expected {exp}\n              found    {got}")
    print("\nnot scored (out of scope or non-default options):",
          ", ".join(f"{lang}/{m} {n}" for (lang, m), n in sorted(unscored.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
