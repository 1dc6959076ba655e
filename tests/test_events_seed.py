"""The seed article's gold events, and a quality floor on the PETRARCH validation sentences.

Both read ../shared and skip cleanly without it."""

import json
import re
import sys
from pathlib import Path

import pytest

import zufolge
from zufolge.events import code_events
from zufolge.schema import Entity, Span, TimeExpr

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"
GOLD = SHARED / "fixtures" / "000_b337fd64c27bf3b4.gold.json"
PETRARCH = SHARED / "data" / "petrarch"

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared fixtures")


def _mentions(text, *words):
    out = []
    for w in words:
        out += [Span(m.start(), m.end(), m.group()) for m in re.finditer(r"\b" + re.escape(w) + r"\b", text)]
    return tuple(sorted(out, key=lambda s: s.start))


def _with_hand_layers(doc):
    """The seed with entities and times as the gold describes them (independent of those stages)."""
    t = doc.text
    ents = [("e1", "GPE", "North Korea", "Q423", ("Nordkorea", "nordkoreanische", "nordkoreanischer")),
            ("e2", "GPE", "Russia", "Q159", ("Russland", "russische", "Russlands", "russischen")),
            ("e3", "GPE", "Ukraine", "Q212", ("Ukraine",)),
            ("e4", "GPE", "Pyongyang", "Q18808", ("Pjöngjang",)),
            ("e5", "PER", "Vladimir Putin", "Q7747", ("Wladimir Putin",)),
            ("e6", "PER", "Kim Jong Un", "Q56226", ("Kim Jong Un", "Kim")),
            ("e7", "GPE", "United States", "Q30", ("USA",)),
            ("e8", "ORG", "Institute for the Study of War", None, ("ISW",)),
            ("e9", "MEDIA", "TV Chosun", None, ("TV Chosun",)),
            ("e10", "LOC", "Donetsk Oblast", "Q2012", ("Oblast Donezk", "Donezker Gebiet"))]
    entities = tuple(Entity(i, typ, n, q, _mentions(t, *ws)) for i, typ, n, q, ws in ents)
    times = tuple(TimeExpr(s, v, "date", "context")
                  for w, v in [("Juli 2024", "2024-07"), ("25. Juni", "2024-06-25"), ("19. Juni", "2024-06-19")]
                  for s in _mentions(t, w))
    return doc.replace(entities=entities, times=times)


def _check_gold(doc, events, check_actor=True, check_date=True, check_location=True):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["events"]["required"]
    wd = {e.id: e.wikidata for e in doc.entities or ()}
    names = {e.id: " ".join(m.text for m in e.mentions) + " " + e.name for e in doc.entities or ()}
    for g in gold:
        actors = g["actor_wikidata"] if isinstance(g["actor_wikidata"], list) else [g["actor_wikidata"]]
        cands = [e for e in events if e.type in g["type"]
                 and (not check_actor or wd.get(e.actor) in actors)]
        if "date" in g and check_date:
            cands_d = [e for e in cands if e.date and e.date.value == g["date"]]
        else:
            cands_d = cands
        assert len(cands_d) == 1, (g["what"], events)
        e = cands_d[0]
        assert e.modality in g["modality"], (g["what"], e)
        if "location_contains" in g and check_location:
            assert g["location_contains"] in names.get(e.location, ""), (g["what"], e)
        if not check_actor:
            assert len(cands) == 1, (g["what"], "more than one event for one happening", cands)
        assert len(e.mentions) >= 2, (g["what"], "headline/caption/body not merged")


@needs_seed
def test_seed_gold_events_with_hand_layers():
    doc = _with_hand_layers(zufolge.analyze(SEED.read_text(encoding="utf-8")))
    _check_gold(doc, code_events(doc))


@needs_seed
def test_seed_gold_events_through_the_pipeline():
    """Integration: whatever entities/temporal/claims stages are installed right now."""
    doc = zufolge.analyze(SEED.read_text(encoding="utf-8"))
    assert doc.events is not None
    has_wd = bool(doc.entities) and any(e.wikidata == "Q423" for e in doc.entities)
    has_dates = bool(doc.times)
    _check_gold(doc, doc.events, check_actor=has_wd, check_date=has_dates, check_location=has_wd)
    assert not [e for e in doc.events if e.type in ("MOBILIZE", "AID") and e.modality == "occurred"]


@pytest.mark.skipif(not PETRARCH.exists(), reason="needs ../shared/data/petrarch")
def test_petrarch_floor_with_validation_dictionaries():
    """PETRARCH's logic with the suite's own dictionaries (loaded from ../shared at run time)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from eval_events import evaluate, load_cases

    r = evaluate(load_cases(sample=60))
    # measured on this fixed sample: PLOVER type 0.945, CAMEO code exact 0.843, actor 0.841,
    # target 0.857, sentence pass 0.733; floors sit a margin below. The floors (type
    # 0.75, actor 0.70) hold with room.
    assert r["type_accuracy"] >= 0.85
    assert r["code_exact"] >= 0.76
    assert r["actor_accuracy"] >= 0.75
    assert r["target_accuracy"] >= 0.78
    assert r["sentence_pass"] >= 0.65
    assert r["type_accuracy"] >= 0.75 and r["actor_accuracy"] >= 0.70  # issue 7


@pytest.mark.skipif(not PETRARCH.exists(), reason="needs ../shared/data/petrarch")
def test_petrarch_floor_own_lexicon_on_fixed_sample():
    """zufolge's own PLOVER lexicon, no dictionaries: the suite's codes follow its dictionaries,
    so type accuracy is low by design (docs/events.md); actor/target finding is what counts."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from eval_events import evaluate_own, load_cases

    r = evaluate_own(load_cases(sample=60))
    # measured on this sample: actor 0.69, target 0.53, type 0.13
    assert r["actor_accuracy"] >= 0.62
    assert r["target_accuracy"] >= 0.45
    assert r["type_accuracy"] >= 0.08
