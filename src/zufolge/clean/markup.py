"""Markup remnants in scraped text: strip the tags, keep what they meant.

A tag whose class says "credit" (``<span class="copyright">…</span>``) holds a photo
credit: its content leaves the text and comes back as a credit, left in place as
the marker ``CREDIT_MARK`` so that the caption it belongs to can be found. Block
tags (``<p>``, ``<br>``, ``<h2>`` …) become line breaks, inline tags vanish,
scripts and styles go with their content, entities are decoded.

Example::

    >>> text, tags, credits = strip_markup('Kim und Putin.<span class="copyright">AP/dpa</span>')
    >>> text == "Kim und Putin." + CREDIT_MARK, tags, credits
    (True, ['<span class="copyright">', '</span>'], ['AP/dpa'])
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .credits import credit_classes

__all__ = ["CREDIT_MARK", "has_markup", "strip_markup"]

#: stands where a credit element was, until the caption it belongs to is found
CREDIT_MARK = "\ue000"

#: only real HTML element names, so that text like "<config files>" stays text
_TAG = re.compile(
    r"</?(?:a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|cite|code|dd|del|div|dl|dt|em|"
    r"figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|"
    r"main|mark|meta|nav|noscript|ol|p|picture|pre|q|s|script|section|small|source|span|strong|style|sub|"
    r"sup|svg|table|tbody|td|template|th|thead|time|title|tr|u|ul|video|wbr)(?=[\s/>])(?:\s[^<>]*)?/?>",
    re.IGNORECASE)
_DROP = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|figure|figcaption|tr|table|blockquote|section|article|header|"
    r"footer|aside|main|hr|dd|dt|dl|pre)\b[^<>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@lru_cache(maxsize=1)
def _credit_element() -> re.Pattern[str]:
    classes = "|".join(re.escape(c) for c in credit_classes())
    return re.compile(
        rf"""<(?P<tag>[A-Za-z][\w-]*)\b(?P<attrs>[^<>]*?\bclass\s*=\s*["'][^"']*(?:{classes})[^"']*["'][^<>]*)>"""
        rf"""(?P<inner>.*?)</(?P=tag)\s*>""", re.DOTALL | re.IGNORECASE)


def has_markup(text: str) -> bool:
    return "<" in text and _TAG.search(text) is not None or "&" in text and _ENTITY.search(text) is not None


def strip_markup(text: str) -> tuple[str, list[str], list[str]]:
    """``(text without markup, removed tags in order, credits in order)``."""
    removed: list[str] = []
    credits: list[str] = []
    if "<" in text:

        def credit(m: re.Match[str]) -> str:
            inner = _TAG.sub("", m.group("inner"))
            inner = html.unescape(inner).strip()
            removed.append(m.group(0)[: m.start("inner") - m.start()])
            removed.append(m.group(0)[m.end("inner") - m.start():])
            if not inner:
                return ""
            credits.append(" ".join(inner.split()))
            return CREDIT_MARK

        def drop(m: re.Match[str]) -> str:
            removed.append(m.group(0))
            return "\n" if _BLOCK.fullmatch(m.group(0)) else ""

        text = _DROP.sub(drop, text)
        text = _credit_element().sub(credit, text)
        text = _TAG.sub(drop, text)
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text, removed, credits
