"""zufolge — who says what, through whom, how sure: news analysis for German and English.

The whole public API::

    >>> import zufolge
    >>> doc = zufolge.analyze("Nordkorea plant Berichten zufolge, Truppen zu entsenden.", raw=True)
    >>> doc.language
    'de'
    >>> for doc in zufolge.analyze_many(records, workers=2): ...   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .errors import ZufolgeError
from .schema import (
    Anonymous, Article, Caption, Certainty, Check, Claim, Entity, Event, EventDate, Quantity,
    RawDocument, Rejected, Removed, Source, Span, TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "analyze", "analyze_many", "to_raw_document", "Article", "Span", "Caption", "Removed",
    "Entity", "Claim", "Source", "Anonymous", "Certainty", "Event", "EventDate", "TimeExpr",
    "Quantity", "Check", "RawDocument", "Rejected", "ZufolgeError", "__version__",
]


def _looks_like_html(s: str) -> bool:
    head = s.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in s)


def to_raw_document(record: str | Mapping[str, Any] | RawDocument, *, lang: str | None = None,
                    url: str | None = None, raw: bool = False) -> RawDocument:
    """Turn a string (text or HTML), a JSONL-style dict or a RawDocument into a RawDocument."""
    if isinstance(record, RawDocument):
        return record
    if isinstance(record, str):
        is_html = not raw and _looks_like_html(record)
        return RawDocument(origin="<string>", text=None if is_html else record,
                           html=record if is_html else None, url=url, lang=lang, raw=raw)
    if isinstance(record, Mapping):
        return RawDocument(
            origin=str(record.get("origin", "<record>")), text=record.get("text"),
            html=record.get("html"), id=record.get("id"), url=record.get("url", url),
            outlet=record.get("outlet"), title=record.get("title"),
            published=record.get("published"), lang=record.get("lang", lang),
            raw=bool(record.get("raw", raw)),
        )
    raise TypeError(f"cannot analyze a {type(record).__name__}; give text, html, a dict or a RawDocument")


def analyze(text_or_html: str | Mapping[str, Any] | RawDocument, lang: str | None = None,
            url: str | None = None, raw: bool = False) -> Article:
    """Analyze one article. Raises a ``zufolge.errors.InputError`` for unusable input."""
    return _pipeline()(to_raw_document(text_or_html, lang=lang, url=url, raw=raw))


_PIPE = None


def _pipeline():
    global _PIPE
    if _PIPE is None:
        from .pipeline import Pipeline

        _PIPE = Pipeline.default()
    return _PIPE


def _run_one(doc: RawDocument) -> Article | Rejected:
    return _pipeline().run_safe(doc)


def analyze_many(records: Iterable[str | Mapping[str, Any] | RawDocument], workers: int = 1,
                 lang: str | None = None, raw: bool = False,
                 chunksize: int = 4) -> Iterator[Article | Rejected]:
    """Analyze a stream of articles, in order. Bad ones come back as ``Rejected``.

    ``workers > 1`` runs the pipeline in that many worker processes, each loading
    its models once.
    """
    docs = (r if isinstance(r, Rejected) else to_raw_document(r, lang=lang, raw=raw)
            for r in records)
    if workers <= 1:
        for d in docs:
            yield _run_or_pass(d)
        return
    import multiprocessing as mp

    import logging

    ctx = mp.get_context("forkserver")
    # workers log like the caller (the CLI silences stage tracebacks unless --verbose)
    level = logging.getLogger("zufolge").level
    with ctx.Pool(workers, initializer=_init_worker, initargs=(level,)) as pool:
        # Rejected records from ingest pass through the pool untouched, keeping order.
        yield from pool.imap(_run_or_pass, docs, chunksize=chunksize)


def _init_worker(log_level: int) -> None:
    import logging

    logging.getLogger("zufolge").setLevel(log_level)


def _run_or_pass(item: RawDocument | Rejected) -> Article | Rejected:
    return item if isinstance(item, Rejected) else _run_one(item)
