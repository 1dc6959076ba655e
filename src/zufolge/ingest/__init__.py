"""Readers: files, directories, stdin → ``RawDocument`` (or ``Rejected``).

Formats: ``.txt``, ``.html``/``.htm``, ``.jsonl`` (fields per CONTRACT.md), ``.warc``/``.warc.gz``
(HTML response records), directories (recursive, sorted, hidden files skipped) and ``-``
(stdin, format sniffed). Bytes that are not UTF-8 are decoded by declared charset first,
then by detection. Bad input comes back as ``Rejected(id, reason, detail, origin)``.

Example::

    >>> from zufolge.ingest import read_paths
    >>> for item in read_paths(["examples/"]): ...   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..schema import RawDocument, Rejected

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "RawDocument",
    "Rejected",
    "decode_bytes",
    "document_id",
    "read_file",
    "read_paths",
    "read_stream",
]

_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_id(doc: RawDocument) -> str:
    """The stable article id: the given id, else sha256 of the url, else of the normalised text.

    >>> document_id(RawDocument(origin="x", text="Ein  Text.\\n")) == document_id(RawDocument(origin="y", text="Ein Text."))
    True
    """
    if doc.id:
        return doc.id
    if doc.url:
        return hashlib.sha256(doc.url.strip().encode("utf-8")).hexdigest()
    body = doc.text if doc.text is not None else (doc.html or "")
    return hashlib.sha256(_normalise(body).encode("utf-8")).hexdigest()


from .encoding import decode_bytes
from .readers import MAX_DOCUMENT_BYTES, read_file, read_paths, read_stream
