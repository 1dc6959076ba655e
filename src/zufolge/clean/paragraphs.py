"""Post-cleaning of body text: paragraphs, captions and credits, duplicates, title, lead, subheadings.

Runs on the paragraphs of a plain-text article (after markup stripping) and on
trafilatura's output for HTML alike. The result's ``text`` is laid out as the
title on the first line, then paragraphs separated by a blank line; every caption
and subheading is a span into it.

Example::

    >>> c = post_clean(["Kim schickt Bautruppen", "Putin in Pjöngjang.Max Muster/AP/dpa",
    ...                 "Nordkorea plant, Bautruppen zu entsenden."], guess_title=True)
    >>> c.text
    'Kim schickt Bautruppen\\n\\nPutin in Pjöngjang.\\n\\nNordkorea plant, Bautruppen zu entsenden.'
    >>> c.captions[0].credit, c.lead
    ('Max Muster/AP/dpa', 'Nordkorea plant, Bautruppen zu entsenden.')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..schema import Caption, Removed, Span
from .credits import is_credit, split_credit
from .markup import CREDIT_MARK

__all__ = ["Cleaned", "normalise_space", "post_clean", "split_paragraphs"]

_BOILERPLATE = Path(__file__).with_name("boilerplate.txt")
_SPACES = re.compile(r"[ \t\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u00ad\u2060\ufeff\u200e\u200f]")
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
_TERMINAL = ".!?…:;,"
_CLOSERS = "\"'“”’‘»«)]"
#: a caption is a short paragraph; a longer one with a credit line after it stays body text
_MAX_CAPTION = 400
_MAX_TITLE = 250
_MAX_SUBHEADING = 120
_MAX_HTML_HEADING = 200
_MIN_LEAD = 40


@lru_cache(maxsize=1)
def _boilerplate() -> frozenset[str]:
    return frozenset(
        line.strip().casefold() for line in _BOILERPLATE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def normalise_space(line: str) -> str:
    """One space between words, no invisible characters, NFC."""
    if line.isascii():
        return _SPACES.sub(" ", line).strip() if "  " in line or "\t" in line else line.strip()
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    return unicodedata.normalize("NFC", line)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines and line breaks separate them, except that
    hard-wrapped lines (all of similar width, ≤ 100 columns, mid-sentence) are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = [normalise_space(x) for x in block.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        width = max(len(x) for x in lines)
        hard_wrapped = len(lines) >= 2 and 50 <= width <= 100
        current = last = lines[0]
        for nxt in lines[1:]:
            if (hard_wrapped and len(last) >= 0.7 * width and last[-1] not in _TERMINAL + _CLOSERS
                    and not is_credit(nxt)):
                dehyphen = current.endswith("-") and nxt[:1].islower()
                current = current[:-1] + nxt if dehyphen else current + " " + nxt
            else:
                out.append(current)
                current = nxt
            last = nxt
        out.append(current)
    return out


@dataclass
class _Item:
    text: str
    kind: str = "body"  # title|body|caption
    credit: str | None = None


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    lead: str | None = None
    subheadings: tuple[Span, ...] = ()
    captions: tuple[Caption, ...] = ()
    removed: tuple[Removed, ...] = ()
    body_paragraphs: int = 0
    longest_body_words: int = 0


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_boilerplate(text: str) -> bool:
    if len(text) > 60:
        return False
    return _key(text).rstrip(":…» ").strip() in _boilerplate()


def _title_like(text: str) -> bool:
    return len(text) <= _MAX_TITLE and text[-1] not in ".,;:" and len(text.split()) >= 1


def _subheading_like(text: str) -> bool:
    if len(text) > _MAX_SUBHEADING or text[-1] in _TERMINAL + _CLOSERS + "-–—":
        return False
    words = text.split()
    return 2 <= len(words) <= 16 and (text[0].isupper() or text[0].isdigit())


def post_clean(paragraphs: Iterable[str], *, title: str | None = None, guess_title: bool = False,
               headings: set[str] | frozenset[str] | None = None,
               markup_credits: Iterable[str] = (), removed: Iterable[Removed] = ()) -> Cleaned:
    """Clean ``paragraphs`` into the article layout.

    ``title``: known from metadata (put first unless the text already starts with it);
    ``guess_title``: else take the first paragraph when it looks like a headline;
    ``headings``: paragraphs known to be headings (from HTML); None: guess them from the layout;
    ``markup_credits``: the credits that ``strip_markup`` replaced with ``CREDIT_MARK``.
    """
    out_removed = list(removed)
    credit_iter: Iterator[str] = iter(markup_credits)
    items: list[_Item] = []
    seen: dict[str, _Item] = {}
    for raw in paragraphs:
        para = normalise_space(raw)
        credits: list[str] = []
        if CREDIT_MARK in para:
            for _ in range(para.count(CREDIT_MARK)):
                credit = next(credit_iter, None)
                if credit:
                    credits.append(credit)
                    out_removed.append(Removed("credit", credit))
            para = normalise_space(para.replace(CREDIT_MARK, " "))
        while para:
            split = split_credit(para)
            if split is None:
                break
            before, credit = split
            out_removed.append(Removed("credit", para[len(before):].strip()))
            credits.append(credit)
            para = before.strip()
        if not para:
            # the first paragraph of a text without known title is its headline, not a caption
            if not (len(items) == 1 and guess_title and not title):
                _attach_credits(items, credits)
            continue
        if _is_boilerplate(para):
            out_removed.append(Removed("boilerplate", para))
            continue
        key = _key(para)
        if key in seen:
            first = seen[key]
            out_removed.append(Removed("duplicate", para))
            if credits and first.kind == "body" and len(first.text) <= _MAX_CAPTION:
                first.kind = "caption"
            if credits and first.kind == "caption" and not first.credit:
                first.credit = _join_credits(credits)
            continue
        item = _Item(para)
        if credits and len(para) <= _MAX_CAPTION:
            item.kind, item.credit = "caption", _join_credits(credits)
        seen[key] = item
        items.append(item)

    title = normalise_space(title) if title else None
    if title:
        if items and _key(items[0].text) == _key(title):
            items[0].kind = "title"
            title = items[0].text
        else:
            items.insert(0, _Item(title, "title"))
    elif guess_title and items and items[0].kind == "body" and _title_like(items[0].text):
        # a lone short line is a headline too: the caller rejects it as headline-only
        items[0].kind = "title"
        title = items[0].text

    return _assemble(items, title, headings, out_removed)


def _attach_credits(items: list[_Item], credits: list[str]) -> None:
    """A credit line on its own belongs to the caption just before it."""
    if not credits or not items:
        return
    prev = items[-1]
    if prev.kind == "body" and len(prev.text) <= _MAX_CAPTION:
        prev.kind = "caption"
    if prev.kind == "caption" and not prev.credit:
        prev.credit = _join_credits(credits)


def _join_credits(credits: list[str]) -> str:
    unique = list(dict.fromkeys(credits))
    return " / ".join(unique)


def _assemble(items: list[_Item], title: str | None, headings: set[str] | frozenset[str] | None,
              removed: list[Removed]) -> Cleaned:
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for it in items:
        offsets.append(pos)
        parts.append(it.text)
        pos += len(it.text) + 2
    text = "\n\n".join(parts)
    body = [i for i, it in enumerate(items) if it.kind != "title"]
    lead_index = next((i for i in body if items[i].kind == "body" and len(items[i].text) >= _MIN_LEAD
                       and (items[i].text[-1] in ".!?…" + _CLOSERS or len(items[i].text) >= 120)), None)
    captions = tuple(
        Caption(Span(offsets[i], offsets[i] + len(items[i].text), items[i].text), items[i].credit)
        for i in body if items[i].kind == "caption"
    )
    subheadings: list[Span] = []
    if lead_index is not None:
        for n, i in enumerate(body):
            it = items[i]
            if i <= lead_index or it.kind != "body":
                continue
            following = [items[j] for j in body[n + 1:] if items[j].kind == "body"]
            if not following:
                continue
            if headings is not None:
                is_head = it.text in headings and len(it.text) <= _MAX_HTML_HEADING
            else:
                is_head = _subheading_like(it.text) and not _subheading_like(following[0].text)
            if is_head:
                subheadings.append(Span(offsets[i], offsets[i] + len(it.text), it.text))
    heads = {s.start for s in subheadings}
    lead = items[lead_index].text if lead_index is not None and offsets[lead_index] not in heads else None
    body_texts = [items[i].text for i in body if items[i].kind == "body" and offsets[i] not in heads]
    return Cleaned(text=text, title=title, lead=lead, subheadings=tuple(subheadings), captions=captions,
                   removed=tuple(removed), body_paragraphs=len(body_texts),
                   longest_body_words=max((len(t.split()) for t in body_texts), default=0))
