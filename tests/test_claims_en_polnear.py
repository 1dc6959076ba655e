"""Quality floors for English attribution on PolNeAR (../shared/data/polnear).

The scorer is bench/eval_attribution_en.py (token-overlap F1 per role, see its
docstring). The default test scores a fixed sample of the held-out part (every
5th document; the first 15 of them, < 40 s on a loaded 2-core machine); the full
held-out evaluation is marked slow.
Floors are the measured numbers minus a small margin: raise them as rules improve.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train.jsonl"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "eval_attribution_en.py"

# measured on the 15-document sample: cue 0.558, source 0.661, content 0.651 (minus ~0.015-0.02)
SAMPLE_FLOORS = {"cue": 0.545, "source": 0.645, "content": 0.635}
# measured on the whole held-out part (168 documents): cue 0.567, source 0.706, content 0.711
HELDOUT_FLOORS = {"cue": 0.557, "source": 0.70, "content": 0.70}
# the targets set in issue 4: source and content are reached, cue is not
TARGET_FLOORS = {"cue": 0.75, "source": 0.70, "content": 0.60}


def _bench():
    if not DATA.exists():
        pytest.skip("PolNeAR data not available (../shared/data/polnear)")
    spec = importlib.util.spec_from_file_location("eval_attribution_en", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _check(result: dict, floors: dict) -> None:
    got = {role: result["token"][role]["f1"] for role in floors}
    low = {r: (got[r], f) for r, f in floors.items() if got[r] < f}
    assert not low, f"token-overlap F1 below floor (got, floor): {low}"


def test_polnear_sample_floor():
    bench = _bench()
    docs = bench.load_docs(DATA, "heldout")[:15]
    _check(bench.evaluate(docs), SAMPLE_FLOORS)


@pytest.mark.slow
def test_polnear_heldout_floor():
    bench = _bench()
    _check(bench.evaluate(bench.load_docs(DATA, "heldout")), HELDOUT_FLOORS)


@pytest.mark.slow
def test_polnear_heldout_issue_targets_source_content():
    bench = _bench()
    _check(bench.evaluate(bench.load_docs(DATA, "heldout")),
           {r: TARGET_FLOORS[r] for r in ("source", "content")})


@pytest.mark.slow
@pytest.mark.xfail(strict=False, reason="issue 4 cue target: cue token F1 is 0.567 on held-out; PolNeAR "
                   "annotates a long tail of evaluative and multi-word cues ('is upbeat about', 'campaigned "
                   "on', 'sides with') and nested attributions the rules miss")
def test_polnear_heldout_issue_target_cue():
    bench = _bench()
    _check(bench.evaluate(bench.load_docs(DATA, "heldout")), {"cue": TARGET_FLOORS["cue"]})
