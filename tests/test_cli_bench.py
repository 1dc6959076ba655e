"""zufolge bench: its inputs (fast) and one small real run (slow)."""

import json

import pytest
from typer.testing import CliRunner

from zufolge import bench
from zufolge.cli import app


def test_sample_texts_gives_n_distinct_texts_per_language():
    texts = bench.sample_texts(12)
    assert set(texts) == {"de", "en"}
    for items in texts.values():
        assert len(items) == 12 and len(set(items)) == 12


def test_as_html_escapes_and_wraps_in_boilerplate():
    page = bench.as_html("Titel <b>\n\nEin Absatz & mehr.", "de")
    assert "<h1>Titel &lt;b&gt;</h1>" in page and "<p>Ein Absatz &amp; mehr.</p>" in page
    assert "<nav>" in page and "<footer>" in page


@pytest.mark.slow
def test_bench_json_report_has_every_job():
    r = CliRunner().invoke(app, ["bench", "--n", "5", "--json", "--no-scaling"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    jobs = {(x["language"], x["job"]) for x in report["results"]}
    for lang in ("de", "en"):
        for job in ("clean+segment, text", "trafilatura alone, html", "full pipeline"):
            assert (lang, job) in jobs
    assert ("en", "spaCy sm alone") in jobs
    assert all("error" not in x for x in report["results"]), report["results"]
