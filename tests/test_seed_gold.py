"""The seed article end to end: every section of its gold passes (needs ../shared)."""

import importlib.util
import json
from pathlib import Path

import pytest

import zufolge

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "fixtures" / "000_b337fd64c27bf3b4.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/fixtures")


@pytest.fixture(scope="module")
def results():
    spec = importlib.util.spec_from_file_location("eval_seed", ROOT / "bench" / "eval_seed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    doc = zufolge.analyze(SEED.read_text(encoding="utf-8")).to_dict()
    return mod.check(doc, gold)


@pytest.mark.parametrize("section", ["cleaning", "entities", "claims", "checks", "events", "times",
                                     "quantities"])
def test_seed_gold_section(results, section):
    failed = [(name, why) for name, ok, why in results[section] if not ok]
    assert not failed, failed
