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
  value (and unit), and nothing else of that kind is found. German spec values
  write the decimal comma ("0,5").
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
    "acre": "acre", "hectare": "ha", "ounce": "oz", "kilowatt hour": "kWh", "megawatt": "MW",
    "radian": "rad", "turn": "turn", "bit": "bit", "megabit": "Mbit",
    "c": "°C", "f": "°F", "k": "K", "degree": "°",
    "year": "year", "month": "month", "week": "week", "day": "day", "age": "year",
    "kilobyte": "kB", "megabyte": "MB", "gigabyte": "GB",
}
_AGE = ("year-old", "month-old", "week-old", "day-old")
_TEMP = ("°C", "°F", "K")


def _currency(u: str) -> bool:
    return u.isupper() and len(u) == 3 or u.endswith(("-cent", "-pence"))


CATEGORY_UNITS = {
    "CurrencyModel": lambda u: bool(u) and _currency(u),
    # a bare degree ("90 Grad", "90°") may be an angle or a temperature: it counts for both
    "DimensionModel": lambda u: bool(u) and u not in ("%", "pp") + _TEMP + _AGE and not _currency(u)
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


def unit_ok(spec_res: dict, ours: str | None) -> bool:
    if ours is None:
        return False
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


def score_case(model: str, lang: str, case: dict) -> tuple[bool, int, int, int]:
    text = case["Input"]
    expected = case.get("Results") or []
    if model == "NumberModel":
        preds = [(n.start, n.end, n.value, None, None, None) for n in find_numbers(text, lang)]
    else:
        qs = find_quantities(text, lang)
        if model == "NumberRangeModel":
            preds = [(q.start, q.end, q.value, q.low, q.high, q.unit) for q in qs
                     if q.low is not None or q.high is not None]
        else:
            keep = CATEGORY_UNITS[model]
            preds = [(q.start, q.end, q.value, q.low, q.high, q.unit) for q in qs if keep(q.unit)]
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
                ok = b is not None and (b[0] is None or same(lo, b[0])) and \
                    (b[1] is None or same(hi, b[1])) and (b[0] is None) == (lo is None) and \
                    (b[1] is None) == (hi is None)
            else:
                want = num(res.get("value"), lang)
                ok = want is None or any(same(x, want) for x in (v, lo, hi))
                if model not in ("NumberModel", "PercentModel") and res.get("unit"):
                    ok = ok and unit_ok(res, u)
            if ok:
                hit = k
                break
        if hit is None:
            fn += 1
        else:
            used.add(hit)
            tp += 1
    fp = len(preds) - len(used)
    return (fn == 0 and fp == 0), tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--lang", default="de,en")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    langs = args.lang.split(",")
    st: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_model: dict[tuple[str, str], Counter] = defaultdict(Counter)
    unscored: Counter = Counter()
    errors: list = []
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
        ok, tp, fp, fn = score_case(model, lang, case)
        strict = not any(case.get(k) for k in ("NotSupported", "NotSupportedByDesign"))
        c["scored"] += 1
        c["correct"] += ok
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn
        if strict:
            c["strict"] += 1
            c["strict_ok"] += ok
        per_model[(lang, model)]["n"] += 1
        per_model[(lang, model)]["ok"] += ok
        if not ok and len(errors) < args.errors:
            errors.append((lang, model, case["Input"][:120],
                           [(r.get("Text"), r.get("Resolution")) for r in case.get("Results") or []]))
    for (lang, cat), c in sorted(st.items()):
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f = 2 * p * r / max(1e-9, p + r)
        print(f"\n[{lang}] {cat}: cases {c['cases']}, excluded (not supported by dotnet) {c['excluded']}, "
              f"scored {c['scored']}")
        print(f"  value accuracy (case)  {c['correct'] / max(1, c['scored']):.3f}  ({c['correct']}/{c['scored']})")
        print(f"  strict subset (no port skips it)  {c['strict_ok'] / max(1, c['strict']):.3f}  "
              f"({c['strict_ok']}/{c['strict']})")
        print(f"  results: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
        for (lg, model), m in sorted(per_model.items()):
            if lg == lang and SCORED[model] == cat:
                print(f"    {model:18s} {m['ok'] / m['n']:.3f}  ({m['ok']}/{m['n']})")
    print("\nnot scored (out of scope or non-default options):",
          ", ".join(f"{lang}/{m} {n}" for (lang, m), n in sorted(unscored.items())))
    for lang, model, text, exp in errors:
        print(f"  ✗ [{lang} {model}] {text!r}\n      expected {exp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
