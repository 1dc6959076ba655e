"""Quality floors on SpkAtt-2023 (German speaker attribution), held-out part of our split.

The scorer is bench/eval_attribution.py (documents with index % 5 == 0 are
held out from development). Floors are the measured scores minus a small
margin. On the full held-out part the issue's floors (cue 0.70, source
0.60, content 0.68) are reached.
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data" / "spkatt" / "train.norm.jsonl"

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="needs ../shared/data/spkatt")


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_attribution", ROOT / "bench" / "eval_attribution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_floor_on_fixed_heldout_sample():
    """First 25 held-out documents; measured cue 0.699, source 0.640, content 0.719, joint 0.706."""
    ev = _scorer()
    res = ev.evaluate(ev.load_docs(DATA, part="heldout", limit=25))
    assert res["cue"]["f1"] >= 0.68
    assert res["source"]["f1"] >= 0.62
    assert res["content"]["f1"] >= 0.70
    assert res["joint"]["f1"] >= 0.69


@pytest.mark.slow
def test_floor_on_full_heldout():
    """All 140 held-out documents; measured cue 0.709, source 0.648, content 0.688, joint 0.683.

    The issue's floors (cue 0.70, source 0.60, content 0.68) are reached and asserted here."""
    ev = _scorer()
    res = ev.evaluate(ev.load_docs(DATA, part="heldout"))
    assert res["cue"]["f1"] >= 0.70
    assert res["source"]["f1"] >= 0.63
    assert res["content"]["f1"] >= 0.68
    assert res["joint"]["f1"] >= 0.67


@pytest.mark.slow
def test_claims_stage_speed():
    """Claims stage alone on ~500-word German texts (measured ~5 articles/s cold, 1 core)."""
    import time

    import zufolge
    from zufolge.claims import claims as claims_stage
    from zufolge.pipeline import Pipeline

    ev = _scorer()
    texts, cur = [], []
    for d in ev.load_docs(DATA, part="dev", limit=120):
        cur.append(ev.doc_text(d)[0])
        if sum(len(x.split()) for x in cur) >= 500:
            texts.append("\n\n".join(cur))
            cur = []
    pre = Pipeline.default(only=("clean", "language", "segment"))
    arts = [pre(zufolge.to_raw_document(t, lang="de", raw=True)) for t in texts[:20]]
    claims_stage(arts[0])
    t0 = time.perf_counter()
    for a in arts[1:]:
        claims_stage(a)
    rate = (len(arts) - 1) / (time.perf_counter() - t0)
    assert rate >= 2.0, rate
