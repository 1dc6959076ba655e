"""The DuckDB store: schema, idempotent batches, read-only queries, export."""

import tempfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zufolge.corpus import SCHEMA_VERSION, TABLES, Store
from zufolge.errors import NotFound, StoreVersionError, UsageError
from zufolge.schema import (
    Anonymous,
    Article,
    Certainty,
    Check,
    Claim,
    Entity,
    Event,
    EventDate,
    Quantity,
    Rejected,
    Source,
    Span,
    TimeExpr,
)

TEXT = ("Nordkorea plant laut einem Bericht, im Juli 2024 rund 2000 Pioniere zu entsenden. "
        "Dies berichtete der Sender NHK, der sich auf einen Beamten berief.")


def _span(text, needle):
    i = text.index(needle)
    return Span(i, i + len(needle), needle)


def full_article(aid="a1", text=TEXT):
    """An article with every layer, built by hand (no stage needed)."""
    nk, nhk = _span(text, "Nordkorea"), _span(text, "der Sender NHK")
    ents = (Entity("e1", "GPE", "North Korea", "Q423", (nk,), by="test@0"),
            Entity("e2", "MEDIA", "NHK", "Q461", (nhk,)))
    c1 = Claim("c1", _span(text, "im Juli 2024 rund 2000 Pioniere zu entsenden"),
               Source("anonymous", _span(text, "einen Beamten"),
                      anonymous=Anonymous("government official")),
               cue=_span(text, "berief"), via=None,
               chain=("author", "e2", "anon:government official"), mode="reported",
               certainty=Certainty("reported", (_span(text, "plant"),)), sentence=0,
               confidence=0.8)
    return Article(
        id=aid, text=text, language="de", url=f"https://example.org/{aid}", outlet="Beispiel",
        published="2024-07-01", title="Titel", sentences=(Span(0, 10, text[:10]),),
        entities=ents, claims=(c1,),
        events=(Event("v1", "MOBILIZE", "planned", actor="e1", date=EventDate("2024-07", "month"),
                      claims=("c1",), quantities=("q1",), mentions=(nk,)),),
        times=(TimeExpr(_span(text, "im Juli 2024"), "2024-07", "date", "none"),),
        quantities=(Quantity("q1", _span(text, "2000 Pioniere"), 2000, counted="Pioniere"),),
        checks=(Check("unsourced_claim", "a message", (nk,)),),
        stages=("clean@0", "claims@0"),
    )


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def test_every_contract_table_exists_with_its_columns(store):
    counts = store.counts()
    assert set(counts) == set(TABLES)
    required = {
        "articles": "article_id url outlet language published title text ingested_at doc",
        "claims": "article_id claim_id content_start content_end cue_text source_text source_kind "
                  "source_entity chain certainty polarity mode",
        "events": "article_id event_id type actor target location date modality",
        "event_clusters": "cluster_id article_id event_id first_seen",
        "claim_clusters": "cluster_id article_id claim_id is_origin first_seen",
        "rejected": "article_id reason detail origin rejected_at",
        "mentions": "article_id entity_id start end text",
    }
    for table, cols in required.items():
        columns, _ = store.query(f"SELECT * FROM {table} LIMIT 0")
        assert set(cols.split()) <= set(columns), table


def test_add_writes_every_layer_and_reloads_the_article(store):
    a = full_article()
    result = store.add([a])
    assert (result.added, result.skipped, result.rejected) == (1, 0, 0)
    counts = store.counts()
    for table in ("articles", "claims", "events", "times", "quantities", "checks"):
        assert counts[table] == 1, table
    assert counts["entities"] == 2 and counts["mentions"] == 2
    assert store.get_article("a1") == a
    assert store.has("a1") and not store.has("nope")
    assert store.get_article("nope") is None
    _, rows = store.query("SELECT chain, source_kind, anonymous_class, certainty FROM claims")
    assert rows == [(["author", "e2", "anon:government official"], "anonymous",
                     "government official", "reported")]


def test_layers_that_are_none_add_no_rows(store):
    bare = Article(id="bare", text="Nur ein Text.")
    store.add([bare])
    counts = store.counts()
    assert counts["articles"] == 1
    assert sum(v for k, v in counts.items() if k != "articles") == 0
    assert store.get_article("bare") == bare


def test_adding_again_changes_nothing_not_even_ingested_at(store):
    store.add([full_article("a1"), Rejected("bad", "empty", "no text")])
    before = store.query("SELECT article_id, ingested_at FROM articles")
    counts = store.counts()
    again = store.add([full_article("a1"), full_article("a1"), Rejected("bad", "empty", "no text")])
    assert again.added == 0 and again.skipped == 2
    assert store.counts() == counts
    assert store.query("SELECT article_id, ingested_at FROM articles") == before


def test_a_failing_batch_is_rolled_back_and_earlier_batches_stay(store):
    def items():
        yield full_article("a1")
        yield full_article("a2")
        yield full_article("a3")
        raise RuntimeError("killed mid-ingest")

    with pytest.raises(RuntimeError):
        store.add(items(), batch_size=2)
    counts = store.counts()
    assert counts["articles"] == 2 and counts["claims"] == 2 and counts["mentions"] == 4
    _, orphans = store.query("SELECT count(*) FROM mentions WHERE article_id NOT IN "
                             "(SELECT article_id FROM articles)")
    assert orphans == [(0,)]
    store.add([full_article("a3")])
    assert store.counts()["articles"] == 3


def test_query_is_read_only(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add([full_article()])
    with Store(path, read_only=True) as s:
        for sql in ("INSERT INTO articles (article_id, text) VALUES ('x', 'y')", "DROP TABLE claims",
                    "DELETE FROM articles", "COPY articles TO 'x.csv'",
                    "SELECT 1; DROP TABLE claims", "CREATE TABLE t (a INT)"):
            with pytest.raises(UsageError, match="read-only"):
                s.query(sql)
        with pytest.raises(UsageError, match="SQL error"):
            s.query("SELEC nonsense")
        assert s.query("SELECT count(*) AS n FROM articles") == (["n"], [(1,)])
        with pytest.raises(UsageError):
            s.add([full_article("a2")])
    with Store(path, read_only=True) as s:
        assert s.counts()["articles"] == 1


def test_read_only_on_a_missing_file_says_how(tmp_path):
    with pytest.raises(NotFound, match="zufolge ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_export_writes_one_parquet_per_table(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add([full_article("a1"), full_article("a2"), Rejected("r1", "binary", "NUL bytes")])
    with Store(path, read_only=True) as s:
        files = s.export_parquet(tmp_path / "pq")
    names = {f.name for f in files}
    assert {f"{t}.parquet" for t in TABLES} <= names
    assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 2
    assert pq.read_table(tmp_path / "pq" / "claims.parquet").column("chain").to_pylist()[0] == [
        "author", "e2", "anon:government official"]
    assert pq.read_table(tmp_path / "pq" / "rejected.parquet").num_rows == 1


def test_newer_schema_version_is_refused_with_a_how_to(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreVersionError, match="upgrade zufolge"):
        Store(path)


def test_a_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE x (a INT)")
    con.close()
    with pytest.raises(StoreVersionError, match="not a zufolge store"):
        Store(path)


def test_schema_version_is_recorded(store):
    assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[1] == [
        (str(SCHEMA_VERSION),)]


# -- property: ingest twice = once, whatever the batching -------------------------------

_ids = st.sampled_from([f"a{i}" for i in range(6)])
_items = st.lists(st.one_of(_ids.map(lambda i: ("ok", i)), _ids.map(lambda i: ("bad", i))),
                  max_size=14)


def _materialise(spec):
    return [full_article(i) if kind == "ok" else Rejected(i, "empty", "no text") for kind, i in spec]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_items, st.integers(1, 5))
def test_property_ingest_twice_equals_once(spec, batch_size):
    with tempfile.TemporaryDirectory() as d, Store(Path(d) / "p.duckdb") as s:
        s.add(_materialise(spec), batch_size=batch_size)
        once = s.counts()
        ids = {i for kind, i in spec if kind == "ok"}
        assert once["articles"] == len(ids)
        assert once["claims"] == len(ids)
        assert once["rejected"] == len({i for kind, i in spec if kind == "bad"})
        s.add(_materialise(spec), batch_size=batch_size + 1)
        assert s.counts() == once
