"""Quality floor for body-text extraction on a fixed 40-page sample of ../shared trafilatura_eval.

Measured (bench/eval_extraction.py --n 40): zufolge F1 0.937, trafilatura alone 0.933,
zufolge leaks no caption credit. The full visible set is the slow test below.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "eval_extraction.py"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "trafilatura_eval"
ABSOLUTE_F1_FLOOR = 0.92  # measured 0.937 on this sample
FULL_F1_FLOOR = 0.925  # measured 0.930 on all 279 visible pages

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="needs ../shared/data/trafilatura_eval")


def _bench():
    spec = importlib.util.spec_from_file_location("eval_extraction", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _check(scores, floor):
    z, t = scores["zufolge"]["all"], scores["trafilatura"]["all"]
    assert z.f1 >= t.f1 - 0.01, f"zufolge F1 {z.f1:.3f} < trafilatura {t.f1:.3f} - 0.01"
    assert z.f1 >= floor, f"zufolge F1 {z.f1:.3f} below the floor {floor}"
    assert z.leaks == 0, f"{z.leaks} caption credits leaked into the text"


def test_extraction_floor_on_fixed_sample():
    bench = _bench()
    _check(bench.evaluate(bench.load_pages("all", 40)), ABSOLUTE_F1_FLOOR)


@pytest.mark.slow
def test_extraction_floor_on_all_visible_pages():
    bench = _bench()
    scores = bench.evaluate(bench.load_pages("all"))
    _check_full = scores["zufolge"]["all"]
    assert _check_full.f1 >= scores["trafilatura"]["all"].f1
    assert _check_full.f1 >= FULL_F1_FLOOR
    assert _check_full.leaks <= 1  # one byline "Von: det/dpa" matches the leak pattern
