"""Cross-language claim linking on German/English pairs we wrote ourselves.

Each line of tests/data/crosslang_pairs.jsonl is one statement reported in
German and in English. All 40 short articles go into one store; the German
and the English report of a pair must share a claim cluster (recall), and no
cluster may join two different pairs (precision).
"""

import json
from pathlib import Path

import pytest

import zufolge
from zufolge.corpus import Store
from zufolge.corpus.linking import link

PAIRS = [json.loads(x) for x in
         (Path(__file__).parent / "data" / "crosslang_pairs.jsonl").read_text("utf-8").splitlines() if x]


def _records() -> list[dict]:
    """Each pair as a German and an English article, the English one a day later."""
    records = []
    for i, p in enumerate(PAIRS):
        records.append({"id": f"p{i}-de", "text": p["de"], "lang": "de", "raw": True,
                        "published": f"2024-05-{i + 1:02d}"})
        records.append({"id": f"p{i}-en", "text": p["en"], "lang": "en", "raw": True,
                        "published": f"2024-05-{i + 2:02d}"})
    return records


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    records = _records()
    articles = list(zufolge.analyze_many(records))
    if not all(getattr(a, "claims", None) for a in articles[:2]):
        pytest.skip("the claims stage is not installed")
    db = tmp_path_factory.mktemp("x") / "x.duckdb"
    with Store(db) as st:
        st.add(articles)
        link(st._con, [a.id for a in articles])
        rows = st._con.execute("SELECT article_id, cluster_id FROM claim_clusters").fetchall()
    return rows


def test_crosslang_pairs_share_a_cluster(linked):
    clusters: dict[str, set[str]] = {}
    for aid, cid in linked:
        clusters.setdefault(aid, set()).add(cid)
    hits = sum(bool(clusters.get(f"p{i}-de", set()) & clusters.get(f"p{i}-en", set()))
               for i in range(len(PAIRS)))
    recall = hits / len(PAIRS)
    assert recall >= 0.9, f"cross-language cluster recall {recall:.2f}"


def test_no_cluster_joins_two_different_statements(linked):
    members: dict[str, set[str]] = {}
    for aid, cid in linked:
        members.setdefault(cid, set()).add(aid.split("-")[0])
    mixed = [sorted(m) for m in members.values() if len(m) > 1]
    assert not mixed, f"clusters joining different statements: {mixed}"


if __name__ == "__main__":  # print the figures: python tests/test_corpus_crosslang.py
    import tempfile

    records = _records()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "x.duckdb") as st:
        st.add(zufolge.analyze_many(records))
        link(st.con, [r["id"] for r in records])
        rows = st.con.execute("SELECT article_id, cluster_id FROM claim_clusters").fetchall()
    clusters: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    for aid, cid in rows:
        clusters.setdefault(aid, set()).add(cid)
        members.setdefault(cid, set()).add(aid.split("-")[0])
    hits = sum(bool(clusters.get(f"p{i}-de", set()) & clusters.get(f"p{i}-en", set()))
               for i in range(len(PAIRS)))
    mixed = sum(1 for m in members.values() if len(m) > 1)
    print(f"cross-language pairs: {len(PAIRS)}, same cluster: {hits} (recall {hits / len(PAIRS):.2f}); "
          f"clusters joining different statements: {mixed}")
