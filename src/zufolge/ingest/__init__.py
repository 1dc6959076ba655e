"""Readers: files, directories, stdin → ``RawDocument`` (or ``Rejected``).

Example::

    >>> from zufolge.ingest import read_paths
    >>> for item in read_paths(["examples/"]): ...   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..schema import RawDocument, Rejected

__all__ = ["document_id", "read_paths", "RawDocument", "Rejected"]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def document_id(doc: RawDocument) -> str:
    """The stable article id: the given id, else sha256 of the url, else of the text."""
    if doc.id:
        return doc.id
    if doc.url:
        return hashlib.sha256(doc.url.strip().encode("utf-8")).hexdigest()
    body = doc.text if doc.text is not None else (doc.html or "")
    return hashlib.sha256(_normalise(body).encode("utf-8")).hexdigest()


from .readers import read_paths  # noqa: E402
