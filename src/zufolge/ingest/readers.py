"""Readers: .txt, .html/.htm, .jsonl, .warc/.warc.gz, directories and stdin.

Each yields ``RawDocument`` for a usable article and ``Rejected`` for a bad one;
nothing here raises on bad input, so one broken file never stops a batch.
Large inputs are streamed: a single text or HTML file is size-checked before it
is read, JSONL is read line by line and WARC record by record.

Example::

    >>> from zufolge.ingest import read_paths
    >>> [type(x).__name__ for x in read_paths(["examples/"])]   # doctest: +SKIP
    ['RawDocument', 'RawDocument']
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedRecord,
    NotFound,
    TooLarge,
    TruncatedArchive,
)
from ..schema import RawDocument, Rejected
from .encoding import declared_charset, decode_bytes, looks_binary

__all__ = ["MAX_DOCUMENT_BYTES", "SUFFIXES", "read_file", "read_paths", "read_stream"]

#: One article (a text or HTML file, a JSONL line, a WARC record) larger than this is
#: rejected as ``too_large``: real news pages are well under 5 MB.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: file suffix -> format; other files in a directory are skipped (given explicitly, sniffed)
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".warc.gz": "warc"}
_SNIFF_BYTES = 65536
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FIELDS = ("id", "url", "outlet", "title", "published", "lang")


def _origin_id(origin: str) -> str:
    return hashlib.sha256(origin.encode("utf-8")).hexdigest()


def _reject(origin: str, exc: InputError, doc_id: str | None = None) -> Rejected:
    return Rejected(doc_id or _origin_id(origin), exc.code, exc.message, origin)


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_paths(paths: Iterable[str], raw: bool = False) -> Iterator[RawDocument | Rejected]:
    """Read files, directories (recursive, sorted, hidden files skipped) and ``-`` (stdin)."""
    for p in paths:
        if str(p) == "-":
            yield from read_stream(sys.stdin.buffer, origin="<stdin>", raw=raw)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f for f in path.rglob("*")
                if f.is_file() and not _is_hidden(f, path) and (_format_of(f) or not f.suffix)
            )
            for f in files:
                yield from read_file(f, raw=raw)
        elif path.exists():
            yield from read_file(path, raw=raw)
        else:
            yield _reject(str(path), NotFound(f"no such file or directory: {path}"))


def read_file(path: Path, raw: bool = False) -> Iterator[RawDocument | Rejected]:
    """Read one file; its format comes from the suffix, or is sniffed from its first bytes."""
    origin = str(path)
    fmt = _format_of(path)
    try:
        if fmt == "jsonl":
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, origin, raw)
            return
        if fmt == "warc":
            with path.open("rb") as fh:
                yield from _read_warc(fh, origin, raw)
            return
        size = path.stat().st_size
        if size == 0:
            raise EmptyInput("the file is empty")
        if size > MAX_DOCUMENT_BYTES:
            raise TooLarge(f"{size} bytes; the limit for one article is {MAX_DOCUMENT_BYTES}")
        if fmt is None:  # unknown suffix: sniff like stdin
            with path.open("rb") as fh:
                yield from read_stream(fh, origin=origin, raw=raw)
            return
        yield _document(path.read_bytes(), origin, fmt == "html", raw)
    except InputError as exc:
        yield _reject(origin, exc)
    except OSError as exc:
        yield _reject(origin, InputError(f"cannot read: {exc}"))


def read_stream(stream: IO[bytes], origin: str = "<stdin>",
                raw: bool = False) -> Iterator[RawDocument | Rejected]:
    """Read a byte stream whose format is unknown: WARC, JSONL, HTML or plain text."""
    head = stream.read(_SNIFF_BYTES)
    rest = io.BufferedReader(_Chained(head, stream))
    try:
        fmt = sniff(head)
        if fmt == "warc":
            yield from _read_warc(rest, origin, raw)
        elif fmt == "jsonl":
            yield from _read_jsonl(rest, origin, raw)
        else:
            data = head + stream.read(MAX_DOCUMENT_BYTES + 1 - len(head))
            if len(data) > MAX_DOCUMENT_BYTES:
                raise TooLarge(f"more than {MAX_DOCUMENT_BYTES} bytes for one article")
            yield _document(data, origin, fmt == "html", raw)
    except InputError as exc:
        yield _reject(origin, exc)


def sniff(head: bytes) -> str:
    """The format of a stream from its first bytes: warc, jsonl, html, text or binary."""
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            inner = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            inner = b""
        if inner.startswith(b"WARC/"):
            return "warc"
        raise BinaryInput("gzip data that is not a WARC file")
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    low = stripped[:1024].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or (b"<body" in low and b"</" in stripped):
        return "html"
    if looks_binary(head[:8192]):
        raise BinaryInput("the bytes are not text (NUL bytes, control characters or a binary signature)")
    return "text"


def _document(data: bytes, origin: str, is_html: bool, raw: bool, declared: str | None = None,
              url: str | None = None) -> RawDocument:
    if not data.strip():
        raise EmptyInput("no text")
    text = decode_bytes(data, declared=declared, html=is_html)
    if not text.strip():
        raise EmptyInput("no text")
    if not is_html and not raw:
        head = text.lstrip()[:200].lower()
        is_html = head.startswith(("<!doctype html", "<html"))
    if is_html:
        return RawDocument(origin=origin, html=text, url=url, raw=raw)
    return RawDocument(origin=origin, text=text, url=url, raw=raw)


def _read_jsonl(stream: IO[bytes], origin: str, raw: bool) -> Iterator[RawDocument | Rejected]:
    for n, line in enumerate(stream, start=1):
        where = f"{origin}#{n}"
        if not line.strip():
            continue
        if len(line) > MAX_DOCUMENT_BYTES:
            yield _reject(where, TooLarge(f"line of {len(line)} bytes"))
            continue
        try:
            record = json.loads(decode_bytes(line))
        except (ValueError, InputError) as exc:
            yield _reject(where, MalformedRecord(f"line {n} is not JSON: {exc}"))
            continue
        try:
            yield _record_document(record, where, raw)
        except InputError as exc:
            given = record.get("id") if isinstance(record, dict) else None
            url = record.get("url") if isinstance(record, dict) else None
            doc_id = str(given) if given else (
                hashlib.sha256(str(url).strip().encode()).hexdigest() if url else None)
            yield _reject(where, exc, doc_id)


def _record_document(record: Any, origin: str, raw: bool) -> RawDocument:
    if not isinstance(record, dict):
        raise MalformedRecord(f"expected a JSON object, got {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        raise MalformedRecord("'text' and 'html' must be strings")
    if text is None and html is None:
        raise MalformedRecord("the record has neither 'text' nor 'html'")
    if not (text or "").strip() and not (html or "").strip():
        raise EmptyInput("'text'/'html' is empty")
    meta = {k: (str(record[k]) if record.get(k) not in (None, "") else None) for k in _FIELDS}
    if text is not None and text.strip():
        html = None  # text wins: it is what the record's producer already extracted
    return RawDocument(origin=origin, text=text if html is None else None, html=html, raw=raw, **meta)


def _read_warc(stream: IO[bytes], origin: str, raw: bool) -> Iterator[RawDocument | Rejected]:
    """HTML response records; a broken or truncated archive ends with one ``Rejected``.

    warcio stops silently at a truncated gzip member, so completeness is checked here:
    every record must hold its declared length, and nothing but whitespace may follow
    the last record.
    """
    from warcio.archiveiterator import ArchiveIterator

    counted = _CountingReader(stream)
    n = complete = 0
    record_end = 0
    try:
        archive = ArchiveIterator(counted)
        for record in archive:
            n += 1
            where = f"{origin}#record{n}"
            doc = _warc_record_document(record, where, raw)
            if record.raw_stream.limit > 0:  # fewer bytes than the record declares
                raise TruncatedArchive(f"record {n} is cut off")
            record_end = archive.get_record_offset() + archive.get_record_length()
            complete = n
            if doc is not None:
                yield doc
        tail = counted.drain_after(record_end)
        if tail.strip():
            raise TruncatedArchive(f"{len(tail)} bytes after record {n} are not a complete record")
    except Exception as exc:  # noqa: BLE001 -- warcio raises zlib/EOF/parse errors on a broken archive
        reason = exc if isinstance(exc, TruncatedArchive) else TruncatedArchive(
            f"archive broken after {complete} record(s): {type(exc).__name__}: {exc}")
        yield _reject(f"{origin}#broken-after-record{complete}", reason)


def _warc_record_document(record: Any, where: str, raw: bool) -> RawDocument | Rejected | None:
    if record.rec_type not in ("response", "resource"):
        record.content_stream().read()
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response" and record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or "200"
    else:
        ctype, status = record.rec_headers.get_header("Content-Type") or "", "200"
    data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        _drain(record.content_stream())
    if not status.startswith("2") or (ctype and ctype.lower().split(";")[0].strip() not in _HTML_TYPES):
        return None  # redirects, errors, images, scripts: not articles
    url_id = hashlib.sha256(url.strip().encode()).hexdigest() if url else None
    try:
        if len(data) > MAX_DOCUMENT_BYTES:
            raise TooLarge(f"WARC record larger than {MAX_DOCUMENT_BYTES} bytes")
        return _document(data, where, True, raw, declared=declared_charset(ctype), url=url)
    except InputError as exc:
        return _reject(where, exc, url_id)


def _drain(stream: IO[bytes]) -> None:
    while stream.read(1 << 20):
        pass


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from ``stream`` and keeps the last ones, to check the end."""

    _KEEP = 1 << 16

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self._tail = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        data = self._stream.read(size if size is not None and size >= 0 else 1 << 20)
        self.count += len(data)
        self._tail = (self._tail + data)[-self._KEEP:]
        return data

    def readinto(self, buf) -> int:  # type: ignore[override]
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def drain_after(self, offset: int) -> bytes:
        """Read to the end; return the bytes after ``offset`` (at most the last 64 KB)."""
        _drain(self)
        left = self.count - offset
        return self._tail[-left:] if left > 0 else b""


class _Chained(io.RawIOBase):
    """``head`` (already read for sniffing) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        if self._head:
            k = min(len(buf), len(self._head))
            buf[:k] = self._head[:k]
            self._head = self._head[k:]
            return k
        data = self._stream.read(len(buf))
        buf[: len(data)] = data
        return len(data)
