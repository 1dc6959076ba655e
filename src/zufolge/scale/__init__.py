"""The same pipeline on Ray: a pool of actors, each loading the models once.

``analyze_many(docs, workers=2)`` has the contract of ``zufolge.analyze_many``
(an iterator of ``Article | Rejected``, in input order) but runs the pipeline
in Ray actors — on a local Ray started with ``workers`` CPUs, or on an existing
cluster with ``address="auto"`` / ``"ray://head:10001"``.

Fault tolerance: each article runs under a timeout (``timeout`` seconds) and
becomes ``Rejected(id, "timeout")`` when it hangs; an actor that dies is
restarted by Ray, its batch is retried one article at a time, and only the
article that kills a worker again is lost, as ``Rejected(id, "worker_died")``.
A rerun of ``zufolge ingest`` skips articles already in the store.

Example::

    >>> from zufolge.scale import analyze_many
    >>> for item in analyze_many(docs, workers=2): ...        # doctest: +SKIP
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from ..errors import MissingExtra
from ..schema import Article, RawDocument, Rejected

__all__ = ["analyze_many", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 120.0


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise MissingExtra("ray", "ray") from exc
    return ray


class _ArticleTimeout(Exception):
    pass


class Analyzer:
    """One Ray actor: builds the pipeline once, analyzes batches of documents."""

    def __init__(self, timeout: float) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline.default()
        self.timeout = timeout

    def _one(self, d: dict) -> dict:
        from ..ingest import document_id

        doc = RawDocument(**d)
        use_alarm = self.timeout > 0 and threading.current_thread() is threading.main_thread()
        if use_alarm:
            def _raise(signum, frame):
                raise _ArticleTimeout()
            old = signal.signal(signal.SIGALRM, _raise)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            result = self.pipeline.run_safe(doc)
        except _ArticleTimeout:
            result = Rejected(doc.id or document_id(doc), "timeout",
                              f"analysis took longer than {self.timeout:g} s", doc.origin)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        if isinstance(result, Rejected):
            return {"rejected": result.to_dict()}
        return {"article": result.to_dict()}

    def run(self, docs: list[dict]) -> list[dict]:
        return [self._one(d) for d in docs]

    def pid(self) -> int:
        return os.getpid()


def _decode(item: dict) -> Article | Rejected:
    if "article" in item:
        return Article.from_dict(item["article"])
    r = item["rejected"]
    return Rejected(r["id"], r["reason"], r.get("detail", ""), r.get("origin"))


def analyze_many(docs: Iterable[RawDocument | Rejected], workers: int = 2,
                 address: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 batch_size: int = 8) -> Iterator[Article | Rejected]:
    """Analyze documents in a pool of Ray actors; results come back in input order."""
    ray = _ray()
    started_here = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            # ZUFOLGE_RAY_TMPDIR keeps concurrent local clusters (e.g. parallel test runs) apart
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                     configure_logging=False, _temp_dir=os.environ.get("ZUFOLGE_RAY_TMPDIR"))
        started_here = True
    try:
        yield from _run_pool(ray, docs, workers, timeout, batch_size)
    finally:
        if started_here:
            ray.shutdown()


def _run_pool(ray, docs, workers, timeout, batch_size):
    from ..ingest import document_id

    remote_cls = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=0)(Analyzer)
    actors = [remote_cls.remote(timeout) for _ in range(workers)]
    # (kind, payload): kind "ref" is a pending batch, "done" a ready result list
    pending: deque = deque()
    next_actor = 0

    def submit(batch):
        nonlocal next_actor
        actor = actors[next_actor % len(actors)]
        next_actor += 1
        pending.append(("ref", actor.run.remote([_as_dict(d) for d in batch]), batch))

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
                single = actors[0].run.remote([_as_dict(d)])
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


def _as_dict(doc: RawDocument) -> dict:
    return asdict(doc)
