"""Score the temporal tagger on the Recognizers-Text DateTime specifications.

    python bench/eval_time.py [--data ../shared/data/recognizers/specs.jsonl]
                              [--models DateTimeModel] [--lang de,en] [--errors N]
                              [--breakdown N]

``--breakdown N`` prints the failures per spec file and category (date, daterange,
time, …), split by kind — missed (nothing found there), value (right span, other
value), span (found only a piece, or inside a longer or split expression), spurious
(everything expected found, plus more) — with N examples of each.

What is scored (decided once, not tuned per result):

* Models: ``DateTimeModel`` — the spec's end-to-end "extract + resolve" cases with
  default options, both languages. The option variants (CalendarMode,
  ComplexCalendar, ExperimentalMode, ExtendedTypes, SplitDateAndTime, TasksMode)
  and the component specs (DateExtractor, DateParser …) can be added with
  ``--models``; they are not part of the headline number.
* Not supported: a case whose ``NotSupported`` or ``NotSupportedByDesign`` names
  ``dotnet`` (the reference implementation the specs are written for) is excluded
  and counted. Cases that only other ports (javascript, python, java) skip are
  scored. The "strict" line also drops every case that any port skips.
* A case is correct when every expected expression is found (spans overlap) with a
  value among the spec's resolutions (its TIMEX, a resolved value, or its
  start/end interval), and nothing else is found. The spec's ReferenceDateTime is
  the published date. Result-level precision/recall/F1 are printed as well.
* Representation, not content, is mapped before comparing (``canon``): both sides are
  written out in full (``T14`` = ``14:00:00`` = ``T14:00:00``; an interval end that
  leaves out its date takes the start's date); an interval endpoint that is a year or
  month stands for its first day (our ``2014/2018`` is the spec's
  ``2014-01-01/2018-01-01``); TIMEX3 quarters, halves, decades and centuries
  (``2017-Q1``, ``2019-H2``, ``199``, ``19``) are the spec's intervals
  (``2017-01-01/2017-04-01``), and as an interval endpoint their first day;
  ``PRESENT_REF`` ("now") as an interval endpoint is the reference time or its day; a part of a day on a date (``2016-11-08TAF``) is the
  spec's hour interval for it (MO 08-12, AF 12-16, EV 16-20, NI 20-23:59:59); TIMEX3's
  unspecified count ``PXD`` ("a few days") is the spec's convention ``P3D``; the set
  ``XXXX-WXX-WE`` is ``P1WE``; a duration matches the spec's length in seconds
  (``PT15M`` = ``PT0.25H`` = 900; months and years within 2 %, as the spec's year is 365
  and its month 30 days: ``P6M`` = ``P0.5Y``). Different dates (e.g. "last Tuesday" as the
  most recent Tuesday, where the spec takes the previous week's) stay errors.
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

from zufolge.temporal import find_times

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "recognizers" / "specs.jsonl"


def not_supported(case: dict, platform: str = "dotnet") -> bool:
    for key in ("NotSupported", "NotSupportedByDesign"):
        if platform in (case.get(key) or "").lower().replace(" ", ""):
            return True
    return False


def _norm(v: str | None) -> str | None:
    if v is None:
        return None
    v = v.strip().replace(" ", "T")
    return re.sub(r"T00:00:00$", "", v) if re.match(r"\d{4}-\d\d-\d\dT00:00:00$", v) else v


def candidates(result: dict) -> set[str]:
    out: set[str] = set()
    for v in (result.get("Resolution") or {}).get("values") or []:
        timex = v.get("timex")
        if timex:
            out.add(timex)
            m = re.fullmatch(r"\(([^,]+),([^,]+),[^)]+\)", timex)
            if m:
                out.add(f"{m.group(1)}/{m.group(2)}")
        for key in ("value",):
            if v.get(key) and v[key] != "not resolved":
                out.add(_norm(v[key]))
        if v.get("start") and v.get("end"):
            out.add(f"{_norm(v['start'])}/{_norm(v['end'])}")
            # the spec's own TIMEX part of day on the resolved day ("early morning" is still TMO)
            dp = re.search(r"T(MO|AF|EV|NI)$", timex or "")
            if dp and re.match(r"\d{4}-\d\d-\d\d", v["start"]):
                out.add(f"{v['start'][:10]}T{dp.group(1)}")
        year = None
        for key in ("value", "start"):
            if v.get(key) and re.match(r"\d{4}", v[key]):
                year = v[key][:4]
                break
        if timex and year and "XXXX" in timex:
            sub = timex.replace("XXXX", year)
            out.add(sub)
            m = re.fullmatch(r"\(([^,]+),([^,]+),[^)]+\)", sub)
            if m:
                out.add(f"{m.group(1)}/{m.group(2)}")
    return {c for c in out if c}


_DAYPART = {"MO": ("08:00:00", "12:00:00"), "AF": ("12:00:00", "16:00:00"),
            "EV": ("16:00:00", "20:00:00"), "NI": ("20:00:00", "23:59:59")}


def _point(v: str, in_interval: bool) -> str:
    """One date/time written out in full: "T14" -> "T14:00:00", "2016-11-07T00:00:00" -> "2016-11-07"."""
    v = v.strip().replace(" ", "T")
    v = re.sub(r"[+-]\d\d:\d\d$|Z$", "", v) if re.search(r"T\d", v) else v
    if re.fullmatch(r"\d\d:\d\d(:\d\d)?", v):
        v = "T" + v
    m = re.fullmatch(r"(.*?)T(\d\d)(?::(\d\d))?(?::(\d\d))?", v)
    if m:
        v = f"{m.group(1)}T{m.group(2)}:{m.group(3) or '00'}:{m.group(4) or '00'}"
    v = re.sub(r"^(\d{4}-\d\d-\d\d)T00:00:00$", r"\1", v)
    if in_interval:
        span = _period(v)
        if span:
            v = span[0]
        elif re.fullmatch(r"\d{4}", v):
            v += "-01-01"
        elif re.fullmatch(r"\d{4}-\d\d", v):
            v += "-01"
    return v


def _period(v: str) -> tuple[str, str] | None:
    """TIMEX3 periods the spec writes as intervals: quarter ``2017-Q1``, half ``2019-H2``,
    decade ``199``, century ``19`` -> (first day, first day after)."""
    m = re.fullmatch(r"(\d{4})-([QH])([1-4])", v)
    if m:
        y, n = int(m.group(1)), int(m.group(3))
        size = 3 if m.group(2) == "Q" else 6
        a = (n - 1) * size + 1
        b = a + size
        end = f"{y + 1}-01-01" if b > 12 else f"{y}-{b:02d}-01"
        return f"{y}-{a:02d}-01", end
    if re.fullmatch(r"\d{3}", v):
        return f"{v}0-01-01", f"{int(v) + 1}0-01-01"
    if re.fullmatch(r"\d\d", v):  # century "19" = 1900-1999
        return f"{v}00-01-01", f"{int(v) + 1}00-01-01"
    return None


def canon(v: str | None) -> str | None:
    """A value in one written form, so that only content differences count (see module doc)."""
    if not v:
        return None
    v = v.strip()
    span = _period(v)
    if span:
        return f"{span[0]}/{span[1]}"
    m = re.fullmatch(r"\(([^,]+),([^,]+),[^)]+\)", v)
    if m:
        v = f"{m.group(1)}/{m.group(2)}"
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(MO|AF|EV|NI)", v)
    if m:
        a, b = _DAYPART[m.group(2)]
        v = f"{m.group(1)}T{a}/{m.group(1)}T{b}"
    if re.fullmatch(r"PT?X[A-Z]+", v):
        v = v.replace("X", "3")
    if v == "XXXX-WXX-WE":
        v = "P1WE"
    if "/" in v and not v.startswith("P"):
        a, _, b = v.partition("/")
        a, b = _point(a, True), _point(b, True)
        if b.startswith("T") and "T" in a and not a.startswith("T"):
            b = a.split("T")[0] + b  # "2017-12-11T13/T15": the end on the start's date
        return f"{a}/{b}"
    return _point(v, False)


_SECONDS = {"Y": 31536000, "MO": 2592000, "W": 604800, "D": 86400, "H": 3600, "MI": 60, "S": 1}


def duration_seconds(v: str) -> float | None:
    """"PT1H30M" -> 5400.0, the spec's own unit lengths (year 365 days, month 30)."""
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                     r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", v)
    if not m or not any(m.groups()):
        return None
    return sum(float(x) * _SECONDS[k] for x, k in zip(m.groups(), ("Y", "MO", "W", "D", "H", "MI", "S")) if x)


def value_ok(pred: str | None, cands: set[str], ref: str | None = None) -> bool:
    if pred is None:
        return False
    cc = {canon(c) for c in cands}
    if canon(pred) in cc:
        return True
    if "PRESENT_REF" in pred and "/" in pred and ref:
        # "between now and May 21": the spec writes the reference time (or its day) for "now"
        moment = ref.replace("T", " ")[:19]
        if any(canon(pred.replace("PRESENT_REF", r)) in cc for r in (moment, moment[:10])):
            return True
    # a duration in other units: "PT15M" is the spec's "PT0.25H" (its value: 900 seconds);
    # "P6M" is "P0.5Y" (the spec's own year of 365 and month of 30 days differ by 1.4 %)
    secs = duration_seconds(pred)
    if secs is None:
        return False
    for c in cands:
        other = float(c) if re.fullmatch(r"\d+(?:\.\d+)?", c) else duration_seconds(c)
        if other is not None and abs(other - secs) <= max(1.0, 0.02 * other):
            return True
    return False


def span_of(r: dict) -> tuple[int, int]:
    s = int(r.get("Start", 0))
    if "Length" in r:
        return s, s + int(r["Length"])
    return s, int(r.get("End", s)) + 1


def failure_kind(expected, preds, ref) -> str:
    """Why a case failed: ``missed`` (nothing found over an expected span), ``value`` (found
    at the span, other value), ``span`` (the value is right on only a part or a piece of a
    longer span: split or cut short), ``spurious`` (all expected found, plus extra ones)."""
    kinds = []
    for (s, e), cands, _r in expected:
        over = [p for p in preds if p.start < e and s < p.end]
        if any(value_ok(p.value, cands, ref) for p in over):
            continue
        if not over:
            kinds.append("missed")
        elif any(p.start == s and p.end == e for p in over):
            kinds.append("value")
        else:
            kinds.append("span")
    if not kinds:
        return "spurious"
    return max(set(kinds), key=lambda k: (kinds.count(k), k))


def print_breakdown(lang: str, fails, n: int) -> None:
    rows = [(sum(len(v) for v in kinds.values()), key, kinds) for key, kinds in fails.items()
            if key[0] == lang]
    print(f"  failures by spec file / category / kind ({lang}):")
    for total, (_lg, spec, cat), kinds in sorted(rows, key=lambda r: -r[0]):
        split = ", ".join(f"{k} {len(v)}" for k, v in sorted(kinds.items(), key=lambda kv: -len(kv[1])))
        print(f"    {spec} {cat}: {total} ({split})")
        for k, exs in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            for text, exp, got in exs[:n]:
                print(f"      [{k}] {text!r}\n          expected {exp}\n          got      {got}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--models", default="DateTimeModel")
    ap.add_argument("--lang", default="de,en")
    ap.add_argument("--errors", type=int, default=0, help="print N failing cases per language")
    ap.add_argument("--breakdown", type=int, default=None, metavar="N",
                    help="failures per spec file and category, split by kind, with N examples each")
    args = ap.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    models = set(args.models.split(","))
    langs = args.lang.split(",")
    stats: dict[str, Counter] = defaultdict(Counter)
    per_cat: dict[tuple[str, str], Counter] = defaultdict(Counter)
    errors: dict[str, list] = defaultdict(list)
    # (lang, spec file, category) -> failure kind -> examples
    fails: dict[tuple[str, str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        if row["domain"] != "DateTime" or row["model"] not in models or row["lang"] not in langs:
            continue
        lang, case = row["lang"], row["case"]
        st = stats[lang]
        st["cases"] += 1
        if not_supported(case):
            st["excluded_not_supported"] += 1
            continue
        strict = not any(case.get(k) for k in ("NotSupported", "NotSupportedByDesign"))
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        text = case["Input"]
        preds = find_times(text, lang, ref)
        expected = [(span_of(r), candidates(r), r) for r in case.get("Results") or []]
        matched_pred: set[int] = set()
        ok_all = True
        for (s, e), cands, r in expected:
            hit = None
            for k, p in enumerate(preds):
                if p.start < e and s < p.end and value_ok(p.value, cands, ref):
                    hit = k
                    break
            if hit is None:
                ok_all = False
                st["fn"] += 1
            else:
                matched_pred.add(hit)
                st["tp"] += 1
        spurious = [p for k, p in enumerate(preds) if k not in matched_pred]
        st["fp"] += len(spurious)
        correct = ok_all and not spurious
        cat = (expected[0][2].get("TypeName") or "none") if expected else "none"
        cat = cat.replace("datetimeV2.", "")
        st["scored"] += 1
        st["correct"] += correct
        if strict:
            st["strict_scored"] += 1
            st["strict_correct"] += correct
        per_cat[(lang, cat)]["n"] += 1
        per_cat[(lang, cat)]["ok"] += correct
        if not correct:
            kind = failure_kind(expected, preds, ref)
            fails[(lang, row["spec_file"].rsplit("/", 1)[-1], cat)][kind].append(
                (text, [(r.get("Text"), sorted(c)[:3]) for _, c, r in expected],
                 [(p.text, p.value) for p in preds]))
        if not correct and len(errors[lang]) < args.errors:
            errors[lang].append((text, [(r.get("Text"), sorted(c)[:3]) for _, c, r in expected],
                                 [(p.text, p.value) for p in preds]))
    print(f"models: {', '.join(sorted(models))}")
    for lang in langs:
        st = stats[lang]
        if not st["cases"]:
            continue
        p = st["tp"] / max(1, st["tp"] + st["fp"])
        r = st["tp"] / max(1, st["tp"] + st["fn"])
        f = 2 * p * r / max(1e-9, p + r)
        print(f"\n[{lang}] cases {st['cases']}, excluded (not supported by dotnet) "
              f"{st['excluded_not_supported']}, scored {st['scored']}")
        print(f"  value accuracy (case)  {st['correct'] / max(1, st['scored']):.3f}  "
              f"({st['correct']}/{st['scored']})")
        print(f"  strict subset (no port skips it)  "
              f"{st['strict_correct'] / max(1, st['strict_scored']):.3f}  "
              f"({st['strict_correct']}/{st['strict_scored']})")
        print(f"  expressions: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
        for (lg, cat), c in sorted(per_cat.items()):
            if lg == lang:
                print(f"    {cat:16s} {c['ok'] / c['n']:.3f}  ({c['ok']}/{c['n']})")
        if args.breakdown is not None:
            print_breakdown(lang, fails, args.breakdown)
        for text, exp, got in errors[lang]:
            print(f"  ✗ {text!r}\n      expected {exp}\n      got      {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
