"""Temporal tagger: seed gold, news forms, anchors, bad input, and quality floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zufolge.schema import Article
from zufolge.temporal import find_times, temporal

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURE = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"
SPECS = SHARED / "data" / "recognizers" / "specs.jsonl"
ROOT = Path(__file__).resolve().parents[1]


def values(text, lang="de", published=None):
    return {t.text: (t.value, t.type, t.anchor) for t in find_times(text, lang, published)}


def test_seed_gold_times():
    if not FIXTURE.exists():
        pytest.skip("shared fixtures absent")
    gold = json.loads(FIXTURE.with_suffix(".gold.json").read_text(encoding="utf-8"))["times"]
    text = FIXTURE.read_text(encoding="utf-8")
    art = temporal(Article("seed", text, language="de", sentences=()))
    for want in gold["required"]:
        hits = [t for t in art.times if want["text_contains"] in t.span.text]
        assert hits, want
        t = hits[0]
        assert text[t.span.start:t.span.end] == t.span.text
        if "value" in want:
            assert t.value == want["value"], (want, t)
        if "type" in want:
            assert t.type == want["type"], (want, t)
    by_text = {t.span.text: t for t in art.times}
    assert by_text["25. Juni"].anchor == "context"
    assert by_text["Juli 2024"].anchor == "none"
    assert all(t.by == "temporal/de@0.3" for t in art.times)


def test_german_news_forms():
    v = values("Am Montag, 19. Juni 2024, um 14:30 Uhr MESZ begann es. Seit drei Wochen, "
               "jährlich und wöchentlich. Gestern und vergangene Woche, zwei Tage später. "
               "Mitte Juli, Anfang Juli, im Sommer, die Saison 2024/25, am 19.6.", published="2024-06-21")
    assert v["Montag, 19. Juni 2024, um 14:30 Uhr MESZ"][0] == "2024-06-19T14:30+02:00"
    assert v["drei Wochen"][:2] == ("P3W", "duration")
    assert v["jährlich"][:2] == ("P1Y", "set")
    assert v["wöchentlich"][:2] == ("P1W", "set")
    assert v["Gestern"] == ("2024-06-20", "date", "published")
    assert v["vergangene Woche"][0] == "2024-W24"
    assert v["zwei Tage später"][0] == "2024-06-23"
    assert v["Mitte Juli"][0] == v["Anfang Juli"][0] == "2024-07"
    assert v["Sommer"][0] == "2024-SU"
    assert v["2024/25"][0] == "2024/2025"
    assert v["19.6."][0] == "2024-06-19"


def test_english_news_forms():
    v = values("On June 19, 2024 and 19 June 2024 at 2:30 pm EST. For two years, every year. "
               "Last Tuesday, earlier this month, two days later, mid-July, yesterday. "
               "He may come.", "en", "2024-06-21")
    assert v["June 19, 2024"][0] == "2024-06-19"
    assert v["two years"][0] == "P2Y"
    assert v["every year"][:2] == ("P1Y", "set")
    assert v["Last Tuesday"][0] == "2024-06-18"
    assert v["earlier this month"][0] == "2024-06"
    assert v["two days later"][0] == "2024-06-23"
    assert v["mid-July"][0] == "2024-07"
    assert v["yesterday"][0] == "2024-06-20"
    assert "may" not in {k.lower() for k in v}


def test_anchor_none_keeps_unknown_parts():
    v = values("Am 25. Juni und am Montag.")
    assert v["25. Juni"] == ("XXXX-06-25", "date", "none")
    assert v["Montag"][0] == "XXXX-WXX-1"


@pytest.mark.parametrize("text", ["Am 31. Februar 2024.", "Im Jahr 20245.", "9" * 200,
                                  "19.6.2024.19.6", "um 25:99 Uhr", "", "1.000,5 und 1,000.5"])
def test_bad_input_never_crashes(text):
    for lang in ("de", "en"):
        for t in find_times(text, lang, "2024-06-21"):
            assert text[t.start:t.end] == t.text
    v = values("Am 31. Februar 2024 war nichts.")
    assert all(val is None for val, _, _ in v.values())


def _eval(script: str) -> str:
    return subprocess.run([sys.executable, str(ROOT / "bench" / script)], capture_output=True,
                          text=True, check=True).stdout


def _acc(out: str, lang: str, header: str = "") -> float:
    block = out.split(f"[{lang}] {header}")[1]
    return float(block.split("value accuracy (case)")[1].split()[0])


# Measured with `python bench/eval_time.py` (value accuracy per language, visible specs):
# de 0.871, en 0.852. Pinned a little below so that a drop fails.
PINNED = {"de": 0.86, "en": 0.84}
ISSUE_FLOOR = 0.85


@pytest.fixture(scope="module")
def datetime_eval() -> str:
    if not SPECS.exists():
        pytest.skip("shared recognizers specs absent")
    return _eval("eval_time.py")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_datetime_floor_regression(datetime_eval, lang):
    """Pinned at the measured level so that a drop fails."""
    assert _acc(datetime_eval, lang) >= PINNED[lang]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_datetime_issue_floor(datetime_eval, lang):
    """The issue's floor: value accuracy >= 0.85 on DateTime extract + resolve, both languages."""
    assert _acc(datetime_eval, lang) >= ISSUE_FLOOR
