"""Quantities: seed gold, number parsing, ranges/bounds/currencies/rates/counts, floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zufolge.quantities import find_quantities, quantities
from zufolge.quantities.numbers import find_numbers, parse_digits
from zufolge.schema import Article
from zufolge.temporal import temporal

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURE = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"
SPECS = SHARED / "data" / "recognizers" / "specs.jsonl"
ROOT = Path(__file__).resolve().parents[1]


def test_seed_gold_quantities():
    if not FIXTURE.exists():
        pytest.skip("shared fixtures absent")
    gold = json.loads(FIXTURE.with_suffix(".gold.json").read_text(encoding="utf-8"))["quantities"]
    text = FIXTURE.read_text(encoding="utf-8")
    art = quantities(temporal(Article("seed", text, language="de", sentences=())))
    for want in gold["required"]:
        hits = [q for q in art.quantities if want["text_contains"] in q.span.text]
        assert hits, want
        q = hits[0]
        for key in ("value", "low", "high", "unit", "per"):
            if key in want:
                assert getattr(q, key) == want[key], (key, want, q)
        if "counted_contains" in want:
            assert want["counted_contains"] in (q.counted or ""), q
    texts = [q.span.text for q in art.quantities]
    assert not any("2024" in t or "Juni" in t for t in texts), texts
    assert [q.id for q in art.quantities] == [f"q{i}" for i in range(1, len(texts) + 1)]


@pytest.mark.parametrize("text,lang,value", [
    ("drei", "de", 3), ("zwölf", "de", 12), ("eine Million", "de", 1_000_000),
    ("1,5 Mrd.", "de", 1_500_000_000), ("2.300", "de", 2300), ("4,800", "de", 4.8),
    ("einhunderteinunddreißig", "de", 131), ("zweieinhalb Millionen", "de", 2_500_000),
    ("two dozen", "en", 24), ("4,800", "en", 4800), ("1.5 billion", "en", 1_500_000_000),
    ("twenty-one", "en", 21), ("1.000,5", "en", 1000.5), ("1,000.5", "de", 1000.5),
])
def test_numbers(text, lang, value):
    found = find_numbers(text, lang)
    assert len(found) == 1 and found[0].value == value, found


def test_german_quantity_forms():
    qs = {q.text: q for q in find_quantities(
        "Bei dem Anschlag gab es mindestens 12 Tote und rund 40 Verletzte. Zwischen 10 und 20 Prozent. "
        "Der Konzern zahlte 1,5 Mrd. Euro pro Jahr. Am 19. Juni 2024 kamen 200 Soldaten.", "de")}
    assert qs["12 Tote"].low == 12 and qs["12 Tote"].casualty and qs["12 Tote"].counted == "Tote"
    assert qs["40 Verletzte"].casualty
    assert (qs["Zwischen 10 und 20 Prozent"].low, qs["Zwischen 10 und 20 Prozent"].high) == (10, 20)
    assert qs["Zwischen 10 und 20 Prozent"].unit == "%"
    eur = qs["1,5 Mrd. Euro"]
    assert (eur.value, eur.unit, eur.per) == (1_500_000_000, "EUR", "year")
    assert qs["200 Soldaten"].counted == "Soldat" and not qs["200 Soldaten"].casualty
    assert not any("2024" in t or "19" in t for t in qs)


def test_english_quantity_forms():
    qs = {q.text: q for q in find_quantities(
        "At least 12 people were killed. Up to $1.5 billion a year, two dozen engineer brigades, "
        "300 miles, between 10 and 20 percent, 3 or 4 rubles.", "en")}
    assert qs["12 people"].low == 12 and qs["12 people"].casualty
    usd = qs["$1.5 billion"]
    assert (usd.high, usd.unit, usd.per) == (1_500_000_000, "USD", "year")
    brigades = qs["two dozen engineer brigades"]
    assert brigades.value == 24 and brigades.counted == "engineer brigade"
    assert qs["300 miles"].unit == "mi"
    assert (qs["3 or 4 rubles"].low, qs["3 or 4 rubles"].high, qs["3 or 4 rubles"].unit) == (3, 4, "RUB")


@pytest.mark.parametrize("s,lang,value", [
    ("1.000,5", "de", 1000.5), ("1,000.5", "de", 1000.5), ("1.2.3", "de", None),
    ("9" * 200, "de", None), ("1,5", "en", 1.5), ("1.5", "de", 1.5),
])
def test_separators_decided_by_language_and_shape(s, lang, value):
    assert parse_digits(s, lang) == value


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,  abcdeuroDlMkKG€$%-^/~eEinszweidreihalfoverUSD", max_size=60),
       st.sampled_from(["de", "en"]))
def test_never_crashes_and_spans_hold(text, lang):
    for q in find_quantities(text, lang):
        assert text[q.start:q.end] == q.text


def _acc(out: str, lang: str, cat: str) -> float:
    block = out.split(f"[{lang}] {cat}:")[1]
    return float(block.split("value accuracy (case)")[1].split()[0])


# Measured with `python bench/eval_quantities.py` (value accuracy, visible specs, after the
# conversions documented in the script): de Number 0.947 (72/76), NumberWithUnit 0.989 (91/92);
# en Number 0.965 (329/341), NumberWithUnit 0.973 (330/339). Pinned just below (a case or two
# of slack) so that a drop fails.
PINNED = {("de", "Number"): 0.93, ("de", "NumberWithUnit"): 0.975,
          ("en", "Number"): 0.955, ("en", "NumberWithUnit"): 0.965}
ISSUE_FLOOR = 0.90


@pytest.fixture(scope="module")
def quantities_eval() -> str:
    if not SPECS.exists():
        pytest.skip("shared recognizers specs absent")
    return subprocess.run([sys.executable, str(ROOT / "bench" / "eval_quantities.py")],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang,cat", sorted(PINNED))
def test_number_floor_regression(quantities_eval, lang, cat):
    """Pinned at the measured level so that a drop fails."""
    assert _acc(quantities_eval, lang, cat) >= PINNED[(lang, cat)]


@pytest.mark.parametrize("lang,cat", sorted(PINNED))
def test_number_issue_floor(quantities_eval, lang, cat):
    """Issue 6: value accuracy >= 0.90 on Number and NumberWithUnit, German and English."""
    assert _acc(quantities_eval, lang, cat) >= ISSUE_FLOOR


# Own examples for the phenomena the rules cover (not taken from the specs).
@pytest.mark.parametrize("text,lang,want", [
    ("a hundred and seventeen", "en", [117]),
    ("nine hundred and four dozen eggs", "en", [948]),
    ("2.5e3 and 4x10^2", "en", [2500, 400]),
    ("7 in ten voters", "en", [0.7]),
    ("three out of four", "en", [0.75]),
    ("won 3 in 5 games", "en", [3, 5]),
    ("5 hundred and 12", "en", [512]),
    ("two billion and a half", "en", [2_500_000_000]),
    ("seven and a half thousand", "en", [7500]),
    ("half a million", "en", [500_000]),
    ("three fifths of a billion", "en", [600_000_000]),
    ("one-quarter", "en", [0.25]),
    ("four and two thirds", "en", [4 + 2 / 3]),
    ("12k", "en", [12000]), ("12 k", "en", [12000]), ("$3M", "en", [3_000_000]),
    ("the 5G rollout", "en", [5]), ("9 dozs", "en", [108]),
    ("10.0.0.1", "en", [10, 0, 0, 1]), ("pages 3,5,9", "en", [3, 5, 9]),
    ("minus 7", "en", [-7]), ("(-2 1/2)", "en", [-2.5]),
    ("8 lakh", "en", [800_000]), ("2 crore", "en", [20_000_000]),
    ("99,99,999.5", "en", [9_999_999.5]),
    ("nought point five", "en", [0.5]),
    ("zwei Millionen dreihundert", "de", [2_000_300]),
])
def test_number_phenomena(text, lang, want):
    got = [n.value for n in find_numbers(text, lang)]
    assert len(got) == len(want) and all(abs(g - w) < 1e-6 for g, w in zip(got, want, strict=True)), got


def test_quantity_phenomena():
    en = {q.text: q for q in find_quantities(
        "A 7 ft 3 in tall statue cost CAD150 or 2 MEUR; prices fell 4 percentage points. "
        "Set the dial to 30 degrees clockwise. More than 5 and fewer than 2 are no range. "
        "They lost 12 USD billion. The patient, age 64, weighs 150 pounds.", "en", [])}
    assert abs(en["7 ft 3 in"].value - 7.25) < 1e-9 and en["7 ft 3 in"].unit == "ft"
    assert (en["CAD150"].value, en["CAD150"].unit) == (150, "CAD")
    assert (en["2 MEUR"].value, en["2 MEUR"].unit) == (2_000_000, "EUR")
    assert en["4 percentage points"].unit == "pp"
    assert en["30 degrees"].unit == "deg"
    assert en["5"].low == 5 and en["2"].high == 2
    assert (en["12 USD billion"].value, en["12 USD billion"].unit) == (12_000_000_000, "USD")
    assert en["64"].unit == "year-old"
    assert en["150 pounds"].unit == "lb"
    de = {q.text: q for q in find_quantities(
        "Er kaufte ein Pfund Äpfel und zahlte einen Euro. Es hat 25 Grad im Schatten, "
        "der Mast steht im 45 Grad Winkel. Siehe https://example.org/a?x=30%2025%.", "de", [])}
    assert (de["ein Pfund"].value, de["ein Pfund"].unit) == (1, "lb")
    assert (de["einen Euro"].value, de["einen Euro"].unit) == (1, "EUR")
    assert de["25 Grad"].unit == "°" and de["45 Grad"].unit == "deg"
    assert not any("30" in t or "2025" in t for t in de)


@pytest.mark.parametrize("s,lang", [
    ("9" * 200, "de"), ("9^99999", "en"), ("1e999", "en"), ("1.1^-99999 and 0^-1", "en"),
    ("1 0/0", "en"), ("9" * 40 + "/7", "en"), ("1.2.3.4.5.6.7.8", "de"), ("--5^--3", "en"),
    ("1,000.000,5", "de"), ("1.000,000.5", "en"),
])
def test_bad_input_clear_value_or_none(s, lang):
    for n in find_numbers(s, lang):
        assert s[n.start:n.end] == n.text
        assert n.value == n.value and abs(n.value) < 1e300  # finite, never NaN
    for q in find_quantities(s, lang, []):
        assert s[q.start:q.end] == q.text
