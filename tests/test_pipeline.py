from pathlib import Path

import pytest

import zufolge
from zufolge.pipeline import Pipeline
from zufolge.schema import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"


def test_default_pipeline_starts_with_clean_language_segment():
    names = [s.name for s in Pipeline.default().stages]
    assert names[:3] == ["clean", "language", "segment"]


def test_analyze_raw_text_keeps_text_exactly():
    text = "Nordkorea plant Berichten zufolge, Truppen zu entsenden.  Das sagte ein Beamter."
    doc = zufolge.analyze(text, raw=True)
    assert doc.text == text
    assert doc.language == "de"
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)


def test_round_trip():
    doc = zufolge.analyze("Pat Ryder said on Tuesday that the U.S. is watching closely.", raw=True)
    assert Article.from_dict(doc.to_dict()) == doc


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_seed_sentences_do_not_split_ordinals():
    doc = zufolge.analyze(SEED.read_text(encoding="utf-8"))
    texts = [s.text for s in doc.sentences]
    assert any(t.startswith("Am 25. Juni gab der Pressesprecher") for t in texts)
    assert any(t.startswith("Am 19. Juni unterzeichneten") for t in texts)
