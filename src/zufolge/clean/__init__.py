"""Cleaning: RawDocument -> Article.

* HTML: trafilatura finds the main text and the metadata (title, published date,
  outlet, url); our post-cleaning runs on its paragraphs.
* Text: markup remnants are stripped, keeping what they meant
  (``<span class="copyright">`` is a photo credit); the first line is the title
  when it looks like one.
* Both: photo captions stay once in the text as their own paragraph (a ``captions``
  span) and their credits leave it; repeated paragraphs and page furniture are
  removed; every removal is listed in ``removed``; lead and subheadings are found.
* ``raw``: the text is kept exactly as given; nothing is cleaned or guessed.

Example::

    >>> a = clean(RawDocument(origin="x", text="Kim schickt Truppen\\n\\nNordkorea plant, Truppen zu entsenden."))
    >>> a.title, a.lead
    ('Kim schickt Truppen', 'Nordkorea plant, Truppen zu entsenden.')
"""

from __future__ import annotations

from ..errors import EmptyInput, HeadlineOnly, NoBodyText
from ..ingest import document_id
from ..pipeline import stage
from ..schema import Article, RawDocument, Removed
from .html import extract_page
from .markup import has_markup, strip_markup
from .paragraphs import Cleaned, post_clean, split_paragraphs

__all__ = ["VERSION", "clean", "clean_html", "clean_text"]

VERSION = "0.1"


@stage("clean", VERSION, requires=(),
       assigns=("text", "title", "lead", "subheadings", "captions", "removed", "published", "outlet", "url"))
def clean(doc: RawDocument) -> Article:
    """Turn one raw document into an Article. Raises ``InputError`` for unusable input."""
    doc_id = document_id(doc)
    if doc.raw:
        text = doc.text if doc.text is not None else (doc.html or "")
        if not text.strip():
            raise EmptyInput("no text")
        return Article(id=doc_id, text=text, language=doc.lang, url=doc.url, outlet=doc.outlet,
                       published=doc.published, title=doc.title)
    if doc.text is None or (doc.html is not None and not doc.text.strip()):
        html = doc.html or ""
        if not html.strip():
            raise EmptyInput("no text")
        cleaned, meta = clean_html(html, url=doc.url, title=doc.title)
    else:
        if not doc.text.strip():
            raise EmptyInput("no text")
        cleaned, meta = clean_text(doc.text, title=doc.title), {}
    return Article(
        id=doc_id, text=cleaned.text, language=doc.lang,
        url=doc.url or meta.get("url"), outlet=doc.outlet or meta.get("outlet"),
        published=doc.published or meta.get("published"),
        title=cleaned.title, lead=cleaned.lead, subheadings=cleaned.subheadings,
        captions=cleaned.captions, removed=cleaned.removed,
    )


#: HTML whose main text has no paragraph of this many words is navigation, not an article
_MIN_HTML_BODY_WORDS = 4


def _check_body(cleaned: Cleaned, min_words: int = 1) -> Cleaned:
    """Reject what is left when it is not an article: nothing, or only a headline (and captions)."""
    if not cleaned.text.strip():
        raise NoBodyText("no body text left after cleaning")
    if cleaned.body_paragraphs == 0 or cleaned.longest_body_words < min_words:
        headline = cleaned.title or (cleaned.captions[0].span.text if cleaned.captions else None)
        if headline and cleaned.body_paragraphs == 0:
            raise HeadlineOnly(f"only a headline: {headline[:80]!r}")
        raise NoBodyText("no body text left after cleaning")
    return cleaned


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Clean a plain-text article (possibly with markup remnants)."""
    removed: list[Removed] = []
    credits: list[str] = []
    if has_markup(text):
        text, tags, credits = strip_markup(text)
        removed.extend(Removed("markup", t) for t in tags)
    return _check_body(post_clean(split_paragraphs(text), title=title, guess_title=title is None,
                                  markup_credits=credits, removed=removed))


def clean_html(html: str, url: str | None = None,
               title: str | None = None) -> tuple[Cleaned, dict[str, str | None]]:
    """Clean an HTML page: trafilatura's main text, then our post-cleaning."""
    page = extract_page(html, url=url)
    paragraphs = page.paragraphs
    removed: list[Removed] = []
    credits: list[str] = []
    if any(has_markup(p) for p in paragraphs):
        joined, tags, credits = strip_markup("\n".join(paragraphs))
        paragraphs = [p for p in joined.split("\n") if p.strip()]
        removed.extend(Removed("markup", t) for t in tags)
    meta = {"url": page.url, "outlet": page.outlet, "published": page.published}
    if not paragraphs:
        raise NoBodyText("no main text found in the HTML")
    cleaned = post_clean(paragraphs, title=title or page.title, guess_title=not (title or page.title),
                         headings=page.headings, markup_credits=credits, removed=removed)
    return _check_body(cleaned, _MIN_HTML_BODY_WORDS), meta
