"""The corpus store: analyzed articles in one DuckDB file.

One row per article in ``articles`` (with the full article JSON in ``doc``, so
any tool can reload it), and one table per layer with the JSON ids qualified
by article (``article_id``, ``claim_id`` …). Writing is idempotent: adding an
article that is already stored changes nothing, not even ``ingested_at``.
Each batch is written in one transaction, so a kill mid-ingest leaves the
store as it was after the last full batch. Single writer; any number of
read-only readers when no writer holds the file.

Example::

    >>> from zufolge.corpus import Store
    >>> with Store("news.duckdb") as store:                      # doctest: +SKIP
    ...     result = store.add(zufolge.analyze_many(records))
    ...     columns, rows = store.query("SELECT count(*) FROM claims")
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from ..errors import NotFound, StoreError, StoreVersionError, UsageError
from ..schema import Article, Rejected

__all__ = ["SCHEMA_VERSION", "TABLES", "AddResult", "Store"]

#: Bumped whenever a table or column changes; older stores are migrated or refused with a how-to.
SCHEMA_VERSION = 1

# Column types once, as (name, DuckDB type); the Arrow types follow from them.
_V, _I, _D, _B, _L = "VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN", "VARCHAR[]"
_SPAN = [("start", _I), ("end", _I), ("text", _V)]

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("article_id", _V), ("url", _V), ("outlet", _V), ("language", _V), ("published", _V),
        ("title", _V), ("lead", _V), ("text", _V), ("stages", _L),
        ("ingested_at", "TIMESTAMP"), ("doc", "JSON"),
    ],
    "entities": [
        ("article_id", _V), ("entity_id", _V), ("type", _V), ("name", _V), ("wikidata", _V),
        ("mention_count", _I), ("by", _V), ("confidence", _D),
    ],
    "mentions": [("article_id", _V), ("entity_id", _V), *_SPAN],
    "claims": [
        ("article_id", _V), ("claim_id", _V), ("content_start", _I), ("content_end", _I),
        ("content_text", _V), ("cue_text", _V), ("source_text", _V), ("source_kind", _V),
        ("source_entity", _V), ("anonymous_class", _V), ("anonymous_affiliation", _V),
        ("via", _V), ("chain", _L), ("certainty", _V), ("polarity", _V), ("mode", _V),
        ("inherited", _B), ("sentence", _I), ("by", _V), ("confidence", _D),
    ],
    "events": [
        ("article_id", _V), ("event_id", _V), ("type", _V), ("cameo", _V), ("label", _V),
        ("mode", _V), ("actor", _V), ("target", _V), ("location", _V), ("date", _V),
        ("date_precision", _V), ("modality", _V), ("claim_ids", _L), ("quantity_ids", _L),
        ("by", _V), ("confidence", _D),
    ],
    "times": [
        ("article_id", _V), ("time_index", _I), *_SPAN, ("value", _V), ("type", _V),
        ("anchor", _V), ("by", _V),
    ],
    "quantities": [
        ("article_id", _V), ("quantity_id", _V), *_SPAN, ("value", _D), ("low", _D), ("high", _D),
        ("unit", _V), ("per", _V), ("counted", _V), ("casualty", _B), ("by", _V),
    ],
    "checks": [
        ("article_id", _V), ("check_index", _I), ("kind", _V), ("message", _V), ("evidence", _L),
        ("by", _V),
    ],
    "rejected": [
        ("article_id", _V), ("reason", _V), ("detail", _V), ("origin", _V),
        ("rejected_at", "TIMESTAMP"),
    ],
    # Corpus level: created empty here, filled by corpus linking.
    "entity_index": [
        ("entity_key", _V), ("name", _V), ("type", _V), ("wikidata", _V),
        ("article_count", _I), ("mention_count", _I), ("first_seen", _V),
    ],
    "claim_clusters": [
        ("cluster_id", _V), ("article_id", _V), ("claim_id", _V), ("is_origin", _B),
        ("first_seen", _V),
    ],
    "event_clusters": [("cluster_id", _V), ("article_id", _V), ("event_id", _V), ("first_seen", _V)],
}

#: Tables written per article by ``Store.add`` (in this order).
_ARTICLE_TABLES = ("articles", "entities", "mentions", "claims", "events", "times", "quantities",
                   "checks")


def _arrow_type(duck: str):
    import pyarrow as pa

    return {
        _V: pa.string(), _I: pa.int64(), _D: pa.float64(), _B: pa.bool_(),
        _L: pa.list_(pa.string()), "TIMESTAMP": pa.timestamp("us"), "JSON": pa.string(),
    }[duck]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class AddResult:
    """What ``Store.add`` did: articles newly added, already present, and rejected records."""

    added: int = 0
    skipped: int = 0
    rejected: int = 0

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(self.added + other.added, self.skipped + other.skipped,
                         self.rejected + other.rejected)


def _num(x: Any) -> float | None:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def article_rows(a: Article, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """The rows one article adds to each table. Layers that are None add none."""
    import orjson

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in _ARTICLE_TABLES}
    aid = a.id
    rows["articles"].append({
        "article_id": aid, "url": a.url, "outlet": a.outlet, "language": a.language,
        "published": a.published, "title": a.title, "lead": a.lead, "text": a.text,
        "stages": list(a.stages), "ingested_at": now,
        "doc": orjson.dumps(a.to_dict()).decode("utf-8"),
    })
    for e in a.entities or ():
        rows["entities"].append({"article_id": aid, "entity_id": e.id, "type": e.type,
                                 "name": e.name, "wikidata": e.wikidata,
                                 "mention_count": len(e.mentions), "by": e.by,
                                 "confidence": e.confidence})
        for m in e.mentions:
            rows["mentions"].append({"article_id": aid, "entity_id": e.id, "start": m.start,
                                     "end": m.end, "text": m.text})
    for c in a.claims or ():
        src, anon = c.source, c.source.anonymous
        rows["claims"].append({
            "article_id": aid, "claim_id": c.id, "content_start": c.content.start,
            "content_end": c.content.end, "content_text": c.content.text,
            "cue_text": " … ".join(p.text for p in c.cue_parts) if c.cue_parts
            else (c.cue.text if c.cue else None),
            "source_text": src.mention.text if src.mention else None, "source_kind": src.kind,
            "source_entity": src.entity, "anonymous_class": anon.cls if anon else None,
            "anonymous_affiliation": anon.affiliation if anon else None, "via": c.via,
            "chain": list(c.chain), "certainty": c.certainty.level, "polarity": c.polarity,
            "mode": c.mode, "inherited": c.inherited, "sentence": c.sentence, "by": c.by,
            "confidence": c.confidence,
        })
    for v in a.events or ():
        rows["events"].append({
            "article_id": aid, "event_id": v.id, "type": v.type, "cameo": v.cameo,
            "label": v.label, "mode": v.mode, "actor": v.actor, "target": v.target,
            "location": v.location, "date": v.date.value if v.date else None,
            "date_precision": v.date.precision if v.date else None, "modality": v.modality,
            "claim_ids": list(v.claims), "quantity_ids": list(v.quantities), "by": v.by,
            "confidence": v.confidence,
        })
    for i, t in enumerate(a.times or ()):
        rows["times"].append({"article_id": aid, "time_index": i, "start": t.span.start,
                              "end": t.span.end, "text": t.span.text, "value": t.value,
                              "type": t.type, "anchor": t.anchor, "by": t.by})
    for q in a.quantities or ():
        rows["quantities"].append({
            "article_id": aid, "quantity_id": q.id, "start": q.span.start, "end": q.span.end,
            "text": q.span.text, "value": _num(q.value), "low": _num(q.low), "high": _num(q.high),
            "unit": q.unit, "per": q.per, "counted": q.counted, "casualty": q.casualty, "by": q.by,
        })
    for i, k in enumerate(a.checks or ()):
        rows["checks"].append({"article_id": aid, "check_index": i, "kind": k.kind,
                               "message": k.message, "evidence": [e.text for e in k.evidence],
                               "by": k.by})
    return rows


class Store:
    """A DuckDB file holding analyzed articles. Use as a context manager.

    ``Store(path)`` creates the file when missing; ``Store(path, read_only=True)``
    opens an existing store for reading only (``query``, ``get_article``, ``export_parquet``).
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        self.read_only = read_only
        self._local = threading.local()
        self._cursors: list[Any] = []
        if read_only and not self.path.exists():
            raise NotFound(f"no store at {self.path}: create one with `zufolge ingest … --db {self.path}`")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        try:
            self._check_schema()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle -------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            for cur in self._cursors:
                cur.close()
            self._cursors.clear()
            self._con.close()
            self._con = None  # type: ignore[assignment]

    @property
    def con(self):
        """The DuckDB connection, for corpus-level code (linking) that writes its own tables."""
        return self._con

    # -- schema ----------------------------------------------------------
    def _tables(self) -> set[str]:
        return {r[0] for r in self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}

    def _check_schema(self) -> None:
        existing = self._tables()
        if "meta" in existing:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else None
            if version == SCHEMA_VERSION:
                if not self.read_only:
                    self._create_missing(existing)
                return
            if version is not None and version > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"{self.path} has store schema version {version}, but this zufolge knows only "
                    f"up to {SCHEMA_VERSION}: upgrade zufolge (pip install -U zufolge), or export the "
                    "store with the newer version and re-ingest")
            raise StoreVersionError(
                f"{self.path} has an unknown store schema version {version!r}: re-create it with "
                f"`zufolge ingest … --db NEW.duckdb` (schema version {SCHEMA_VERSION})")
        if existing:
            raise StoreVersionError(
                f"{self.path} is a DuckDB file but not a zufolge store (no meta table); "
                "use a new file name for --db")
        if self.read_only:
            raise StoreVersionError(f"{self.path} is empty, not a zufolge store")
        self._con.execute("BEGIN")
        self._con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self._con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
                          [str(SCHEMA_VERSION), datetime.now(UTC).isoformat()])
        self._create_missing(set())
        self._con.execute("COMMIT")

    def _create_missing(self, existing: set[str]) -> None:
        for name, cols in TABLES.items():
            if name in existing:
                continue
            body = ", ".join(f"{_q(c)} {t}" for c, t in cols)
            if name == "articles":
                body += ", PRIMARY KEY (article_id)"
            self._con.execute(f"CREATE TABLE {_q(name)} ({body})")

    # -- writing ---------------------------------------------------------
    def add(self, items: Iterable[Article | Rejected], batch_size: int = 200) -> AddResult:
        """Write articles and rejected records; each batch of ``batch_size`` in one transaction.

        An article already in the store is skipped (nothing changes); a rejected
        record is written once per (id, reason).
        """
        if self.read_only:
            raise UsageError("this store is open read-only")
        total = AddResult()
        batch: list[Article | Rejected] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                total = total + self._write_batch(batch)
                batch = []
        if batch:
            total = total + self._write_batch(batch)
        return total

    def _write_batch(self, batch: list[Article | Rejected]) -> AddResult:
        import pyarrow as pa

        now = datetime.now(UTC).replace(tzinfo=None)
        articles = [x for x in batch if isinstance(x, Article)]
        rejected = [x for x in batch if isinstance(x, Rejected)]
        others = [x for x in batch if not isinstance(x, (Article, Rejected))]
        if others:
            raise UsageError(f"Store.add takes Article or Rejected, not {type(others[0]).__name__}")
        con = self._con
        con.execute("BEGIN")
        try:
            ids = [a.id for a in articles]
            present = {r[0] for r in con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [ids]).fetchall()} if ids else set()
            rows: dict[str, list[dict[str, Any]]] = {t: [] for t in _ARTICLE_TABLES}
            added = skipped = 0
            for a in articles:
                if a.id in present:
                    skipped += 1
                    continue
                present.add(a.id)  # the same article twice in one batch counts once
                added += 1
                for table, trows in article_rows(a, now).items():
                    rows[table].extend(trows)
            seen: set[tuple[str, str]] = set()
            for r in rejected:
                key = (r.id, r.reason)
                if key not in seen:
                    seen.add(key)
                    rows.setdefault("rejected", []).append({
                        "article_id": r.id, "reason": r.reason, "detail": r.detail,
                        "origin": r.origin, "rejected_at": now})
            for table, trows in rows.items():
                if not trows:
                    continue
                cols = TABLES[table]
                schema = pa.schema([(c, _arrow_type(t)) for c, t in cols])
                arrow = pa.Table.from_pylist(trows, schema=schema)
                con.register("_zufolge_batch", arrow)
                names = ", ".join(_q(c) for c, _ in cols)
                select = ", ".join(f"CAST(b.{_q(c)} AS {t})" for c, t in cols)
                where = ""
                if table == "rejected":
                    where = (" WHERE NOT EXISTS (SELECT 1 FROM rejected r WHERE r.article_id = "
                             "b.article_id AND r.reason = b.reason)")
                con.execute(f"INSERT INTO {_q(table)} ({names}) SELECT {select} "
                            f"FROM _zufolge_batch b{where}")
                con.unregister("_zufolge_batch")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return AddResult(added, skipped, len(rejected))

    # -- reading ---------------------------------------------------------
    def has(self, article_id: str) -> bool:
        """True when an article with this id is stored (committed). Safe from any thread."""
        return self._thread_cursor().execute("SELECT 1 FROM articles WHERE article_id = ?",
                                             [article_id]).fetchone() is not None

    def _thread_cursor(self):
        # A DuckDB connection must not be shared across threads; ``has`` is called from the
        # worker pool's feeder thread while the main thread writes a batch.
        if threading.current_thread() is threading.main_thread():
            return self._con
        local = self._local
        if getattr(local, "cursor", None) is None:
            local.cursor = self._con.cursor()
            self._cursors.append(local.cursor)
        return local.cursor

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, exactly as analyzed, or None."""
        import orjson

        row = self._con.execute("SELECT doc FROM articles WHERE article_id = ?",
                                [article_id]).fetchone()
        return Article.from_dict(orjson.loads(row[0])) if row else None

    def article_ids(self) -> Iterator[str]:
        for (aid,) in self._con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall():
            yield aid

    def counts(self) -> dict[str, int]:
        """Row count per table."""
        return {t: self._con.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in TABLES}

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run read-only SQL (SELECT, EXPLAIN, DESCRIBE, SHOW); return (columns, rows).

        Anything that would change the store or write files is refused with a ``UsageError``.
        """
        import duckdb

        try:
            statements = self._con.extract_statements(sql)
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {exc}") from exc
        if not statements:
            raise UsageError("no SQL statement given")
        allowed = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
        for st in statements:
            if st.type not in allowed:
                kind = st.type.name
                raise UsageError(f"query is read-only: {kind} statements are not allowed "
                                 "(only SELECT, EXPLAIN, DESCRIBE, SHOW)")
        try:
            cur = None
            for st in statements:
                cur = self._con.execute(st.query, params or []) if params else self._con.execute(st.query)
            assert cur is not None
            columns = [d[0] for d in cur.description] if cur.description else []
            return columns, cur.fetchall()
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {exc}") from exc

    def export_parquet(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write every table to ``DIR/<table>.parquet`` (zstd); return the files written."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in ("meta", *TABLES):
            target = out / f"{table}.parquet"
            path_sql = str(target).replace("'", "''")
            self._con.execute(f"COPY (SELECT * FROM {_q(table)}) TO '{path_sql}' "
                              "(FORMAT parquet, COMPRESSION zstd)")
            written.append(target)
        return written
