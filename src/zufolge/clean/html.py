"""HTML pages -> body paragraphs and metadata, with trafilatura.

trafilatura finds the main text and the metadata (title, date, site name, url);
zufolge's own post-cleaning (``zufolge.clean.paragraphs``) runs on its output.
The date comes from the page's metadata only (htmldate without its extensive
search, which would read dates out of the body text).

Example::

    >>> page = extract_page("<html><head><title>T</title></head><body><article><p>" + "Satz. " * 30 + "</p></article></body></html>")
    >>> page.paragraphs[0][:5]
    'Satz.'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EXTRACTION_OPTIONS", "Page", "extract_page"]

#: trafilatura settings, measured on ../shared/data/trafilatura_eval (bench/eval_extraction.py):
#: the balanced default beat favor_precision on F1 (0.927 vs 0.921), and post-cleaning adds precision.
EXTRACTION_OPTIONS = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


@dataclass
class Page:
    paragraphs: list[str]
    headings: set[str] = field(default_factory=set)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None) -> Page:
    """The main text of ``html`` as paragraphs, plus its metadata. Empty when none is found."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, **EXTRACTION_OPTIONS)
    if doc is None:
        return Page(paragraphs=[])
    headings: set[str] = set()
    body = getattr(doc, "body", None)
    if body is not None:
        for head in body.iter("head"):
            t = " ".join("".join(head.itertext()).split())
            if t:
                headings.add(t)
    text = doc.text or ""
    return Page(
        paragraphs=[line for line in text.split("\n") if line.strip()],
        headings=headings, title=(doc.title or None), published=(doc.date or None),
        outlet=(doc.sitename or None), url=(doc.url or None),
    )
