"""The Ray engine gives exactly the rows the local engine gives (issue: scale)."""

import importlib.util
import json
import random

import duckdb
import pytest

ray_missing = importlib.util.find_spec("ray") is None
pytestmark = [pytest.mark.ray, pytest.mark.skipif(ray_missing, reason="needs zufolge[ray]")]

SENTENCES_DE = [
    "Nordkorea plant laut einem Bericht, Bautruppen in den Osten der Ukraine zu entsenden.",
    "Dies berichtete der Sender KBS, der sich auf einen Regierungsbeamten berief.",
    "Der Minister sagte am Montag, die Regierung werde die Hilfen um 12 Millionen Euro erhöhen.",
    "Nach Angaben der Polizei wurden bei dem Unfall drei Menschen verletzt.",
    "Die Opposition wies den Vorwurf zurück.",
]
SENTENCES_EN = [
    "The minister said on Monday that the government would raise aid by 12 million euros.",
    "According to police, three people were injured in the crash.",
    "Officials who spoke on condition of anonymity said the talks had stalled.",
    "The company denied the report.",
]


def _corpus(path, n=200):
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            pool = SENTENCES_DE if i % 3 else SENTENCES_EN
            body = " ".join(rnd.sample(pool, k=3))
            f.write(json.dumps({"id": f"a{i:04d}", "title": f"Meldung {i}",
                                "text": f"Meldung {i}\n\n{body}"}, ensure_ascii=False) + "\n")
    # one bad line and one empty article: rejected the same way by both engines;
    # an id given twice: the first copy wins in both engines
    with open(path, "a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": "empty", "text": ""}) + "\n")
        f.write(json.dumps({"id": "a0003", "text": "Ein anderer Text. Er sagte, das sei neu."}) + "\n")


def _rows(db):
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for table, key in [("articles", "article_id"), ("claims", "article_id, claim_id"),
                       ("entities", "article_id, entity_id"), ("sentences_count", None)]:
        if key is None:
            continue
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
        out[table] = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} "
                                 f"FROM {table} ORDER BY {key}").fetchall()
    out["rejected"] = con.execute("SELECT article_id, reason FROM rejected ORDER BY 1").fetchall()
    con.close()
    return out


def test_ray_engine_matches_local_engine(tmp_path, monkeypatch):
    import tempfile

    # a Ray session directory of its own (short path: Ray's socket names have a length limit)
    monkeypatch.setenv("ZUFOLGE_RAY_TMPDIR", tempfile.mkdtemp(prefix="zr", dir="/tmp"))
    from typer.testing import CliRunner

    from zufolge.cli import app

    src = tmp_path / "corpus.jsonl"
    _corpus(src)
    runner = CliRunner()
    local = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "local.duckdb"), "--no-link",
                                "--workers", "2"])
    assert local.exit_code == 1, local.output  # two rejected records
    ray_run = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "ray.duckdb"), "--no-link",
                                  "--engine", "ray", "--workers", "2"])
    assert ray_run.exit_code == 1, ray_run.output
    a, b = _rows(tmp_path / "local.duckdb"), _rows(tmp_path / "ray.duckdb")
    assert len(a["articles"]) == 200
    assert a == b
    assert "200 added, 1 already stored, 2 rejected" in ray_run.output
    assert not list(tmp_path.glob(".zufolge-shards*"))  # merged shards are removed
    # a rerun skips what is stored and changes nothing
    again = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "ray.duckdb"), "--no-link",
                                "--engine", "ray", "--workers", "2"])
    assert _rows(tmp_path / "ray.duckdb") == b, again.output


def test_a_hanging_article_becomes_rejected_timeout():
    import time
    from dataclasses import asdict

    from zufolge.scale import Analyzer
    from zufolge.schema import RawDocument

    an = Analyzer(timeout=0.3)

    def slow(doc):
        time.sleep(5)

    an.pipeline.run_safe = slow  # a stage that hangs
    t0 = time.perf_counter()
    out = an.run([asdict(RawDocument(origin="x", text="Hallo Welt. Das ist ein Text.", id="h1"))])
    assert time.perf_counter() - t0 < 2
    assert out[0]["rejected"]["reason"] == "timeout" and out[0]["rejected"]["id"] == "h1"


def test_a_worker_that_dies_loses_only_its_article(tmp_path, monkeypatch):
    import tempfile

    from zufolge.corpus import Store
    from zufolge.scale import RayPool
    from zufolge.schema import RawDocument

    monkeypatch.setenv("ZUFOLGE_RAY_TMPDIR", tempfile.mkdtemp(prefix="zr", dir="/tmp"))
    monkeypatch.setenv("ZUFOLGE_RAY_CRASH_ON", "boom")  # the actor process exits on this article
    docs = [RawDocument(origin=f"t#{i}", id=f"d{i}", text=f"Meldung {i}. {SENTENCES_DE[i % 5]}")
            for i in range(6)]
    docs.insert(3, RawDocument(origin="t#boom", id="boom", text=SENTENCES_DE[0]))
    light = ["clean", "segment"]  # a restarted actor loads no big models
    with RayPool(workers=1, task_size=4, stages=light) as pool, Store(tmp_path / "s.duckdb") as store:
        run = pool.ingest(docs, store)
        events = list(run)
        ids = sorted(store.article_ids())
    assert [e if isinstance(e, str) else (e.id, e.reason) for e in events] == [
        "d0", "d1", "d2", ("boom", "worker_died"), "d3", "d4", "d5"]
    assert ids == [f"d{i}" for i in range(6)]
    assert (run.result.added, run.result.rejected) == (6, 1)
    # a rerun skips the stored articles without starting Ray at all
    with RayPool(workers=1) as pool, Store(tmp_path / "s.duckdb") as store:
        again = pool.ingest([d for d in docs if d.id != "boom"], store)
        assert list(again) == [] and again.result.skipped == 6
        assert not pool._actors


def test_an_actor_writes_shards_in_the_store_schema_or_returns_arrow(tmp_path):
    import pyarrow.parquet as pq

    from zufolge.corpus.store import TABLES
    from zufolge.pipeline import Pipeline
    from zufolge.scale import _MARKER, Analyzer
    from zufolge.schema import RawDocument

    an = Analyzer.__new__(Analyzer)  # the actor class, run in-process with a light pipeline
    an.pipeline, an.timeout, an.busy, an.crash_on = Pipeline.default(only=["clean", "segment"]), 0, 0.0, None
    docs = [(5, RawDocument(origin="x", id="s1", text=SENTENCES_DE[2])),
            (6, RawDocument(origin="y", id="s2", text=""))]
    (tmp_path / _MARKER).touch()
    out = an.write(str(tmp_path), "u1", docs)
    assert out["articles"] == [(5, "s1")] and out["rejected"][0][0] == 6
    shard = pq.read_table(out["files"]["articles"])
    assert shard.column_names == [c for c, _ in TABLES["articles"]] + ["_seq"]
    assert shard.column("_seq").to_pylist() == [5]
    # a node that cannot see the shard directory sends Arrow tables back instead
    back = an.write(str(tmp_path / "elsewhere"), "u2", docs[:1])
    assert "files" not in back and back["tables"]["articles"].num_rows == 1
