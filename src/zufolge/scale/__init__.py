"""The same pipeline on Ray: a pool of actors that analyze *and* write.

``RayPool(workers=2)`` starts (or joins, with ``address="auto"`` / ``"ray://head:10001"``)
a Ray cluster and one actor per worker; each actor builds the pipeline once.
``pool.ingest(items, store)`` is the scale-out ``zufolge ingest``:

* the driver only reads the input (cheap: ~0.03 ms per JSONL article), skips the
  articles already in the store (one query per task), and sends batches of raw
  documents to whichever actor is free;
* an actor analyzes its batch, turns every article into the store's rows
  (``corpus.store.article_rows``) and writes one Parquet shard per table in the
  store's schema (plus a ``_seq`` column: the input position);
* the driver merges the shards into DuckDB in input order, ``batch_size`` articles
  per transaction, with bulk ``INSERT … SELECT FROM read_parquet(…)``; the first
  copy of an article wins, as in ``Store.add``, so the rows are exactly those of the
  local engine.

No Article ever crosses the process boundary, so the driver stays off the cores
the actors need (the old design decoded every Article on the driver and built its
rows there: ~20 % of all CPU). Shards go to a fresh directory next to the store,
removed when merged; on a multi-node cluster set ``ZUFOLGE_RAY_SHARDS`` to storage
every node sees, otherwise actors that cannot see the directory send their Arrow
tables back through Ray's object store and the driver writes the shard.

Fault tolerance: each article runs under a timeout (``timeout`` seconds) and
becomes ``Rejected(id, "timeout")`` when it hangs; an actor that dies is restarted
by Ray, its batch is retried one article at a time, and only the article that kills
a worker again is lost, as ``Rejected(id, "worker_died")``. A rerun skips articles
already in the store.

``analyze_many(docs, workers=2)`` keeps the contract of ``zufolge.analyze_many``
(Articles back to the caller, in input order) for code that wants the objects.

Example::

    >>> from zufolge.scale import RayPool
    >>> with RayPool(workers=2) as pool, Store("news.duckdb") as store:   # doctest: +SKIP
    ...     run = pool.ingest(read_paths(["crawl/"]), store)
    ...     for event in run: ...          # a Rejected, or the id of a stored article
    ...     print(run.result)              # AddResult(added=…, skipped=…, rejected=…)
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from ..errors import MissingExtra
from ..schema import Article, RawDocument, Rejected

__all__ = ["DEFAULT_TASK_SIZE", "DEFAULT_TIMEOUT", "Analyzer", "IngestRun", "RayPool",
           "analyze_many"]

DEFAULT_TIMEOUT = 120.0
#: Articles per actor call. Large enough that the per-call cost (a Ray round trip and
#: one Parquet file per table) is ~2 % of the analysis; the last batches of an input
#: are cut smaller so no actor idles long at the end.
DEFAULT_TASK_SIZE = 16
_MARKER = ".zufolge-shards"


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise MissingExtra("ray", "ray") from exc
    return ray


class _ArticleTimeout(Exception):
    pass


def _shard_schema(table: str):
    import pyarrow as pa

    from ..corpus.store import TABLES, _arrow_type

    return pa.schema([(c, _arrow_type(t)) for c, t in TABLES[table]] + [("_seq", pa.int64())])


class Analyzer:
    """One Ray actor: builds the pipeline once, analyzes batches and writes their rows."""

    def __init__(self, timeout: float, stages: list[str] | None = None) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline.default(only=stages) if stages else Pipeline.default()
        self.timeout = timeout
        import pyarrow.parquet  # noqa: F401 - loaded with the models, not on the first batch
        self.busy = 0.0  # wall seconds spent inside run/write calls (utilization)
        # fault injection for tests: the worker process exits on the article with this id
        self.crash_on = os.environ.get("ZUFOLGE_RAY_CRASH_ON")

    def _analyze(self, d: RawDocument | dict) -> Article | Rejected:
        from ..ingest import document_id

        doc = d if isinstance(d, RawDocument) else RawDocument(**d)
        if self.crash_on and doc.id == self.crash_on:
            os._exit(3)
        use_alarm = self.timeout > 0 and threading.current_thread() is threading.main_thread()
        if use_alarm:
            def _raise(signum, frame):
                raise _ArticleTimeout()
            old = signal.signal(signal.SIGALRM, _raise)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            return self.pipeline.run_safe(doc)
        except _ArticleTimeout:
            return Rejected(doc.id or document_id(doc), "timeout",
                            f"analysis took longer than {self.timeout:g} s", doc.origin)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)

    def run(self, docs: list[dict]) -> list[dict]:
        """Analyze; return each result as a dict (``{"article": …}`` or ``{"rejected": …}``)."""
        t0 = time.perf_counter()
        out = []
        for d in docs:
            result = self._analyze(d)
            out.append({"rejected": result.to_dict()} if isinstance(result, Rejected)
                       else {"article": result.to_dict()})
        self.busy += time.perf_counter() - t0
        return out

    def write(self, shards_dir: str, name: str, docs: list[tuple[int, RawDocument]]) -> dict[str, Any]:
        """Analyze ``(seq, document)`` pairs and write their store rows as Parquet shards.

        Returns a small summary: ``files`` (table -> shard path) or, when the shard
        directory is not visible on this node, ``tables`` (table -> Arrow table);
        ``articles`` as ``(seq, id)``; ``rejected`` as ``(seq, Rejected dict)``; and
        ``cpu``/``busy``, the CPU and wall seconds this call took.
        """
        import pyarrow as pa

        from ..corpus.store import _ARTICLE_TABLES, article_rows

        cpu0, t0 = time.process_time(), time.perf_counter()
        now = datetime.now(UTC).replace(tzinfo=None)
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in _ARTICLE_TABLES}
        articles, rejected = [], []
        for seq, d in docs:
            result = self._analyze(d)
            if isinstance(result, Rejected):
                rejected.append((seq, result.to_dict()))
                continue
            articles.append((seq, result.id))
            for table, trows in article_rows(result, now).items():
                for r in trows:
                    r["_seq"] = seq
                rows[table].extend(trows)
        tables = {t: pa.Table.from_pylist(r, schema=_shard_schema(t)) for t, r in rows.items() if r}
        out: dict[str, Any] = {"articles": articles, "rejected": rejected}
        if (Path(shards_dir) / _MARKER).exists():
            out["files"] = {t: _write_shard(Path(shards_dir), name, t, tab) for t, tab in tables.items()}
        else:
            out["tables"] = tables
        out["cpu"] = time.process_time() - cpu0
        out["busy"] = time.perf_counter() - t0
        self.busy += out["busy"]
        return out

    def warm(self, docs: list[dict]) -> float:
        """Analyze and build shards in memory (models and pyarrow load lazily); return the
        CPU seconds it took."""
        import io

        import pyarrow as pa
        import pyarrow.parquet as pq

        from ..corpus.store import article_rows

        cpu0 = time.process_time()
        now = datetime.now(UTC).replace(tzinfo=None)
        for d in docs:
            result = self._analyze(d)
            if isinstance(result, Article):
                for table, trows in article_rows(result, now).items():
                    if trows:
                        rows = [{**r, "_seq": 0} for r in trows]
                        pq.write_table(pa.Table.from_pylist(rows, schema=_shard_schema(table)),
                                       io.BytesIO())
        return time.process_time() - cpu0

    def stats(self) -> dict[str, float]:
        """CPU seconds of this actor's process and wall seconds spent in calls, so far."""
        return {"cpu": time.process_time(), "busy": self.busy}

    def pid(self) -> int:
        return os.getpid()


def _write_shard(directory: Path, name: str, table: str, arrow) -> str:
    import pyarrow.parquet as pq

    path = directory / f"{name}.{table}.parquet"
    tmp = path.with_suffix(".tmp")
    pq.write_table(arrow, tmp)
    os.replace(tmp, path)  # a shard is complete or absent
    return str(path)


def _start(ray, workers: int, address: str | None) -> bool:
    """Connect to Ray (or start a local one with ``workers`` CPUs); True if started here."""
    if ray.is_initialized():
        return False
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        # ZUFOLGE_RAY_TMPDIR keeps concurrent local clusters (e.g. parallel test runs) apart;
        # keep it short: Ray's socket paths have a length limit.
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 configure_logging=False, _temp_dir=os.environ.get("ZUFOLGE_RAY_TMPDIR"))
    return True


def _await_alive(ray, actor, patience: float = 300.0) -> None:
    """Wait until a (restarting) actor answers again, at most ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            ray.get(actor.stats.remote(), timeout=30)
            return
        except ray.exceptions.GetTimeoutError:
            continue
        except ray.exceptions.RayError:
            time.sleep(0.5)


def _sql_list(paths: list[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


class RayPool:
    """Ray actors with the pipeline loaded; use as a context manager.

    ``warm(docs)`` runs a few documents through every actor (models load lazily), so a
    timed run can start with ready workers. ``actor_stats()`` sums the actors' CPU seconds
    and the wall seconds they spent working (utilization = busy / (wall × workers)).
    """

    def __init__(self, workers: int = 2, address: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT, task_size: int = DEFAULT_TASK_SIZE,
                 shards_dir: str | os.PathLike[str] | None = None,
                 stages: list[str] | None = None) -> None:
        self.ray = _ray()
        self.workers = workers
        self.task_size = max(1, task_size)
        self._shards_given = shards_dir or os.environ.get("ZUFOLGE_RAY_SHARDS")
        self.address = address
        self.timeout = timeout
        self.stages = stages  # None: the default pipeline
        self._started = False
        self._actors: list[Any] = []  # started on first use: a rerun with nothing new starts no Ray

    # -- lifecycle -------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for a in self._actors:
            self.ray.kill(a)
        self._actors = []
        if self._started:
            self.ray.shutdown()
            self._started = False

    def _ensure_actors(self) -> list[Any]:
        if not self._actors:
            self._started = _start(self.ray, self.workers, self.address)
            remote = self.ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=0)(Analyzer)
            self._actors = [remote.remote(self.timeout, self.stages) for _ in range(self.workers)]
        return self._actors

    def warm(self, docs: Iterable[RawDocument]) -> float:
        """Run ``docs`` through every actor; return their CPU seconds (model loading)."""
        self._ensure_actors()
        payload = [asdict(d) for d in docs]
        return sum(self.ray.get([a.warm.remote(payload) for a in self._actors]))

    def actor_stats(self) -> dict[str, float]:
        """Summed over the actors: CPU seconds of their processes, wall seconds in calls."""
        self._ensure_actors()
        out = {"cpu": 0.0, "busy": 0.0}
        for st in self.ray.get([a.stats.remote() for a in self._actors]):
            out["cpu"] += st["cpu"]
            out["busy"] += st["busy"]
        return out

    # -- analysis back to the caller -------------------------------------
    def analyze(self, docs: Iterable[RawDocument | Rejected], batch_size: int = 8
                ) -> Iterator[Article | Rejected]:
        """Articles back to the caller, in input order (``zufolge.analyze_many``'s contract)."""
        self._ensure_actors()
        yield from _run_pool(self.ray, self._actors, docs, batch_size)

    # -- ingest ------------------------------------------------------------
    def ingest(self, items: Iterable[RawDocument | Rejected], store, batch_size: int = 200
               ) -> IngestRun:
        """Analyze ``items`` into ``store`` (a ``corpus.Store``); iterate the returned run."""
        return IngestRun(self, items, store, batch_size)


class IngestRun:
    """One ingest: iterate it to run (events in input order: a ``Rejected``, or the id of
    an article once it is stored); ``result`` is the ``AddResult`` afterwards, ``stats``
    the time and CPU split (driver reading/merging vs actors)."""

    def __init__(self, pool: RayPool, items: Iterable[RawDocument | Rejected], store,
                 batch_size: int) -> None:
        from ..corpus.store import AddResult

        self.pool, self.items, self.store = pool, items, store
        self.batch_size = max(1, batch_size)
        self.result = AddResult()
        self.stats: dict[str, float] = {"read_s": 0.0, "merge_s": 0.0, "actor_cpu_s": 0.0,
                                        "actor_busy_s": 0.0, "tasks": 0, "merges": 0}

    def __iter__(self) -> Iterator[Rejected | str]:
        pool = self.pool
        given = pool._shards_given
        shards = Path(given) if given else Path(tempfile.mkdtemp(
            prefix=".zufolge-shards-", dir=Path(self.store.path).resolve().parent))
        shards.mkdir(parents=True, exist_ok=True)
        run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=shards))
        (run_dir / _MARKER).touch()
        self.run_dir = run_dir
        con = self.store.con
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
        con.execute("SET threads = 1")  # merges must not take cores from the actors
        try:
            yield from self._run(run_dir)
        finally:
            con.execute(f"SET threads = {int(threads)}")
            shutil.rmtree(run_dir, ignore_errors=True)
            if not given:
                shutil.rmtree(shards, ignore_errors=True)

    # The driver loop: keep every actor busy (one call running, one queued), merge
    # finished units in input order.
    def _run(self, run_dir: Path) -> Iterator[Rejected | str]:
        from ..corpus.store import AddResult
        from ..ingest import document_id

        ray, stats, workers = self.pool.ray, self.stats, self.pool.workers
        source = iter(self.items)
        buffer: deque = deque()   # (seq, item, id) read ahead
        exhausted = False
        seq = 0
        lookahead = self.pool.task_size * workers * 2
        done: dict[int, dict] = {}          # unit -> summary, finished, not yet merged
        inflight: dict[Any, tuple[int, Any, list]] = {}  # ref -> (unit, actor, docs)
        load = {i: 0 for i in range(workers)}
        next_unit = merged_unit = 0
        total = AddResult()

        def fill() -> None:
            nonlocal exhausted, seq
            t = time.perf_counter()
            while not exhausted and len(buffer) < lookahead:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                doc_id = item.id if isinstance(item, Rejected) else document_id(item)
                buffer.append((seq, item, doc_id))
                seq += 1
            stats["read_s"] += time.perf_counter() - t

        def next_task() -> list | None:
            """The next batch of documents to analyze; Rejected from the reader become units."""
            nonlocal next_unit
            while True:
                fill()
                if not buffer:
                    return None
                size = self.pool.task_size
                if exhausted:  # the tail: smaller batches so no actor idles at the end
                    size = max(1, min(size, -(-len(buffer) // (2 * workers))))
                batch = []
                while buffer and len(batch) < size:
                    s, item, doc_id = buffer[0]
                    if isinstance(item, Rejected):
                        if batch:
                            break
                        buffer.popleft()
                        done[next_unit] = {"articles": [], "rejected": [(s, item.to_dict())]}
                        next_unit += 1
                        continue
                    buffer.popleft()
                    batch.append((s, item, doc_id))
                if not batch:
                    continue
                # skip what the store already holds (one query per batch)
                stored = {r[0] for r in self.store.con.execute(
                    "SELECT article_id FROM articles WHERE article_id IN "
                    "(SELECT unnest(?::VARCHAR[]))", [[b[2] for b in batch]]).fetchall()}
                fresh = [b for b in batch if b[2] not in stored]
                total_skip[0] += len(batch) - len(fresh)
                if fresh:
                    return fresh

        total_skip = [0]

        def submit() -> bool:
            nonlocal next_unit
            batch = next_task()
            if batch is None:
                return False
            i = min(load, key=load.get)
            actor = self.pool._ensure_actors()[i]
            ref = actor.write.remote(str(run_dir), f"{next_unit:09d}", [(s, d) for s, d, _ in batch])
            inflight[ref] = (next_unit, i, batch)
            load[i] += 1
            next_unit += 1
            stats["tasks"] += 1
            return True

        def collect(ref) -> None:
            unit, i, batch = inflight.pop(ref)
            load[i] -= 1
            try:
                summary = ray.get(ref)
            except ray.exceptions.RayError as exc:  # actor died or task failed: isolate the culprit
                summary = self._retry_singly(unit, batch, exc)
            stats["actor_cpu_s"] += summary.get("cpu", 0.0)
            stats["actor_busy_s"] += summary.get("busy", 0.0)
            if "tables" in summary:  # the actor could not see the shard directory
                summary["files"] = {t: _write_shard(run_dir, f"{unit:09d}", t, tab)
                                    for t, tab in summary.pop("tables").items()}
            done[unit] = summary

        while True:
            while len(inflight) < 2 * workers and submit():
                pass
            if not inflight:
                break
            ready, _ = ray.wait(list(inflight), num_returns=1)
            for ref in ready:
                collect(ref)
            # merge the finished prefix once it holds a transaction's worth of articles
            ready_units = []
            u, n = merged_unit, 0
            while u in done:
                ready_units.append(u)
                n += len(done[u]["articles"]) + len(done[u]["rejected"])
                u += 1
            if ready_units and (n >= self.batch_size or (exhausted and not buffer and not inflight)):
                total = total + (yield from self._merge([done.pop(x) for x in ready_units]))
                merged_unit = u
        rest = sorted(done)
        if rest:
            total = total + (yield from self._merge([done.pop(x) for x in rest]))
        self.result = AddResult(total.added, total.skipped + total_skip[0], total.rejected)

    def _retry_singly(self, unit: int, batch: list, exc: Exception) -> dict:
        ray, actors = self.pool.ray, self.pool._actors
        out: dict[str, Any] = {"articles": [], "rejected": [], "files": {}}
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        _await_alive(ray, actors[0])
        for k, (s, d, doc_id) in enumerate(batch):
            actor = actors[k % len(actors)]
            part = None
            for _ in range(2):  # a call can also fail on an actor that died of another article
                try:
                    part = ray.get(actor.write.remote(str(self.run_dir), f"{unit:09d}-{k}", [(s, d)]))
                    break
                except ray.exceptions.RayError as exc2:
                    detail = f"{type(exc2).__name__}: {str(exc2)[:200]}"
                    _await_alive(ray, actor)
            if part is None:
                out["rejected"].append((s, Rejected(doc_id, "worker_died", detail,
                                                    d.origin).to_dict()))
                continue
            if "tables" in part:
                part["files"] = {t: _write_shard(self.run_dir, f"{unit:09d}-{k}", t, tab)
                                 for t, tab in part.pop("tables").items()}
            out["articles"] += part["articles"]
            out["rejected"] += part["rejected"]
            for t, f in part["files"].items():
                out["files"].setdefault(t, []).append(f)
        return out

    def _merge(self, units: list[dict]):
        """Merge finished units (in input order) into the store in one transaction; yield
        their events. Returns the AddResult."""
        import pyarrow as pa

        from ..corpus.store import _ARTICLE_TABLES, TABLES, AddResult, _q

        t0 = time.perf_counter()
        files: dict[str, list[str]] = {}
        events: list[tuple[int, Rejected | str]] = []
        rejected_rows = []
        now = datetime.now(UTC).replace(tzinfo=None)
        for u in units:
            for t, f in (u.get("files") or {}).items():
                files.setdefault(t, []).extend(f if isinstance(f, list) else [f])
            for s, aid in u["articles"]:
                events.append((s, aid))
            for s, r in u["rejected"]:
                rej = Rejected(r["id"], r["reason"], r.get("detail", ""), r.get("origin"))
                events.append((s, rej))
                rejected_rows.append({"article_id": rej.id, "reason": rej.reason,
                                      "detail": rej.detail, "origin": rej.origin,
                                      "rejected_at": now, "_seq": s})
        events.sort(key=lambda e: e[0])
        n_articles = sum(len(u["articles"]) for u in units)
        con = self.store.con
        added = 0
        con.execute("BEGIN")
        try:
            if files.get("articles"):
                # the first copy of each article not yet stored wins (as in Store.add)
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE _zufolge_win AS SELECT article_id, min(_seq) AS _seq "
                    f"FROM read_parquet({_sql_list(files['articles'])}) b WHERE NOT EXISTS "
                    "(SELECT 1 FROM articles a WHERE a.article_id = b.article_id) GROUP BY article_id")
                added = con.execute("SELECT count(*) FROM _zufolge_win").fetchone()[0]
                for table in _ARTICLE_TABLES:
                    if not files.get(table):
                        continue
                    cols = TABLES[table]
                    names = ", ".join(_q(c) for c, _ in cols)
                    select = ", ".join(f"CAST(b.{_q(c)} AS {t})" for c, t in cols)
                    con.execute(
                        f"INSERT INTO {_q(table)} ({names}) SELECT {select} "
                        f"FROM read_parquet({_sql_list(files[table])}) b WHERE EXISTS (SELECT 1 FROM "
                        "_zufolge_win w WHERE w.article_id = b.article_id AND w._seq = b._seq) "
                        "ORDER BY b._seq")
                con.execute("DROP TABLE _zufolge_win")
            if rejected_rows:
                cols = TABLES["rejected"]
                arrow = pa.Table.from_pylist(rejected_rows, schema=_shard_schema("rejected"))
                con.register("_zufolge_rejected", arrow)
                names = ", ".join(_q(c) for c, _ in cols)
                select = ", ".join(f"CAST(b.{_q(c)} AS {t})" for c, t in cols)
                con.execute(
                    f"INSERT INTO rejected ({names}) SELECT {select} FROM _zufolge_rejected b "
                    "WHERE NOT EXISTS (SELECT 1 FROM rejected r WHERE r.article_id = b.article_id "
                    "AND r.reason = b.reason) "
                    "QUALIFY row_number() OVER (PARTITION BY b.article_id, b.reason ORDER BY b._seq) = 1")
                con.unregister("_zufolge_rejected")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for fs in files.values():
            for f in fs:
                Path(f).unlink(missing_ok=True)
        self.stats["merge_s"] += time.perf_counter() - t0
        self.stats["merges"] += 1
        for _, e in events:
            yield e
        return AddResult(added, n_articles - added, len(rejected_rows))


# -- Articles back to the caller (the old contract) ------------------------------

def _decode(item: dict) -> Article | Rejected:
    if "article" in item:
        return Article.from_dict(item["article"])
    r = item["rejected"]
    return Rejected(r["id"], r["reason"], r.get("detail", ""), r.get("origin"))


def analyze_many(docs: Iterable[RawDocument | Rejected], workers: int = 2,
                 address: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 batch_size: int = 8) -> Iterator[Article | Rejected]:
    """Analyze documents in a pool of Ray actors; results come back in input order."""
    with RayPool(workers=workers, address=address, timeout=timeout) as pool:
        yield from pool.analyze(docs, batch_size=batch_size)


def _run_pool(ray, actors, docs, batch_size):
    from ..ingest import document_id

    # (kind, payload): kind "ref" is a pending batch, "done" a ready result list
    pending: deque = deque()
    next_actor = 0

    def submit(batch):
        nonlocal next_actor
        actor = actors[next_actor % len(actors)]
        next_actor += 1
        pending.append(("ref", actor.run.remote([asdict(d) for d in batch]), batch))

    def drain_one():
        kind, payload, batch = pending.popleft()
        if kind == "done":
            return payload
        try:
            return [_decode(x) for x in ray.get(payload)]
        except ray.exceptions.RayError as exc:  # actor died or task failed: isolate the culprit
            if len(batch) == 1:
                d = batch[0]
                return [Rejected(d.id or document_id(d), "worker_died",
                                 f"{type(exc).__name__}: {str(exc)[:200]}", d.origin)]
            out = []
            for d in batch:
                single = actors[0].run.remote([asdict(d)])
                try:
                    out.extend(_decode(x) for x in ray.get(single))
                except ray.exceptions.RayError as exc2:
                    out.append(Rejected(d.id or document_id(d), "worker_died",
                                        f"{type(exc2).__name__}: {str(exc2)[:200]}", d.origin))
            return out

    batch: list[RawDocument] = []
    for item in docs:
        if isinstance(item, Rejected):
            if batch:
                submit(batch)
                batch = []
            pending.append(("done", [item], None))
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            submit(batch)
            batch = []
            # bounded in flight: two batches per actor
            while sum(1 for k, _, _ in pending if k == "ref") > 2 * len(actors):
                yield from drain_one()
    if batch:
        submit(batch)
    while pending:
        yield from drain_one()
