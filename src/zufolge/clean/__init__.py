"""Cleaning: RawDocument -> Article (placeholder until the cleaning issue lands)."""

from __future__ import annotations

import re

from ..errors import EmptyInput
from ..ingest import document_id
from ..pipeline import stage
from ..schema import Article, RawDocument

VERSION = "0.0"


@stage("clean", VERSION, requires=(), assigns=("text", "title"))
def clean(doc: RawDocument) -> Article:
    text = doc.text or ""
    if not text.strip():
        raise EmptyInput("no text")
    if not doc.raw:
        text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    title = doc.title or (text.split("\n", 1)[0] if not doc.raw else None)
    return Article(id=document_id(doc), text=text, language=doc.lang, url=doc.url,
                   outlet=doc.outlet, published=doc.published, title=title)
