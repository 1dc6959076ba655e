"""Turning an analyzed article into safe HTML: highlighted text, chains, timeline.

Article text is untrusted. The highlighted text is the only HTML built outside
a template, so it is built here from escaped pieces: every text segment and
every attribute value passes through ``markupsafe.escape``; tags and class
names are fixed strings. Nothing from the article ever becomes a tag.

Overlapping annotations are rendered as properly nested elements: at every
boundary the open elements that must end are closed and the ones that go on
are reopened (so a mention crossing a claim's edge becomes two pieces).

Example::

    >>> from zufolge.schema import Article
    >>> str(highlight(Article(id="x", text="<b>hi</b>")).blocks[0]["html"])
    '&lt;b&gt;hi&lt;/b&gt;'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..schema import Article, Claim, Entity
from .reader import entity_key

__all__ = [
    "Highlighted",
    "chain_links",
    "chain_svg",
    "entity_href",
    "highlight",
    "safe_url",
    "timeline_layout",
]

# Outer marks first: claim content wraps cue/source, which wrap entities, which wrap dates.
_P_CLAIM, _P_PART, _P_ENTITY, _P_VALUE, _P_HEDGE = range(5)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    priority: int
    order: int  # tie-breaker, keeps reopened pieces in the same nesting order
    tag: str  # "span" or "a"
    attrs: tuple[tuple[str, str], ...]

    def open(self, first: bool = False) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
        # the first piece of a claim is marked, so two adjacent claims can be told apart
        return f"<{self.tag}{attrs}{' data-first' if first and self.priority == _P_CLAIM else ''}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def entity_href(key: str) -> str:
    return "/entities/" + quote(key, safe="")


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None (``javascript:`` and friends are never links)."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE):
        return url
    return None


@dataclass
class Highlighted:
    blocks: list[dict[str, Any]] = field(default_factory=list)  # {"kind", "html", "credit"}


def _claim_marks(c: Claim, n: int) -> list[_Mark]:
    level = c.certainty.level if c.certainty else "asserted"
    marks = [_Mark(c.content.start, c.content.end, _P_CLAIM, n, "span",
                   (("class", f"claim cert-{level}"), ("data-claim", c.id), ("tabindex", "0")))]
    cues = list(c.cue_parts) or ([c.cue] if c.cue else [])
    for cue in cues:
        marks.append(_Mark(cue.start, cue.end, _P_PART, n, "span",
                           (("class", "cue"), ("data-claim", c.id), ("title", "cue"))))
    if c.source.mention:
        m = c.source.mention
        marks.append(_Mark(m.start, m.end, _P_PART, n, "span",
                           (("class", "src"), ("data-claim", c.id), ("title", f"source ({c.source.kind})"))))
    for h in (c.certainty.cues if c.certainty else ()):
        marks.append(_Mark(h.start, h.end, _P_HEDGE, n, "span",
                           (("class", "hedge"), ("data-claim", c.id), ("title", f"certainty: {level}"))))
    return marks


def _entity_marks(e: Entity, n: int) -> list[_Mark]:
    label = e.name + (f" · {e.wikidata}" if e.wikidata else "") + f" · {e.type}"
    href = entity_href(entity_key(e.wikidata, e.type, e.name))
    return [_Mark(m.start, m.end, _P_ENTITY, n, "a",
                  (("class", f"ent ent-{e.type}"), ("href", href), ("title", label), ("data-entity", e.id)))
            for m in e.mentions]


def _all_marks(a: Article) -> list[_Mark]:
    marks: list[_Mark] = []
    for n, c in enumerate(a.claims or ()):
        marks += _claim_marks(c, n)
    for n, e in enumerate(a.entities or ()):
        marks += _entity_marks(e, n)
    for n, t in enumerate(a.times or ()):
        marks.append(_Mark(t.span.start, t.span.end, _P_VALUE, n, "span",
                           (("class", "time"), ("title", f"{t.type}: {t.value or '?'} ({t.anchor})"))))
    for n, q in enumerate(a.quantities or ()):
        unit = f" {q.unit}" if q.unit else ""
        per = f" per {q.per}" if q.per else ""
        marks.append(_Mark(q.span.start, q.span.end, _P_VALUE, 1000 + n, "span",
                           (("class", "qty"), ("title", f"{q.value}{unit}{per}"))))
    n_text = len(a.text)
    return [m for m in marks if 0 <= m.start < m.end <= n_text]


def _render(text: str, start: int, end: int, marks: list[_Mark]) -> Markup:
    """HTML for ``text[start:end]`` with ``marks`` (clipped to the range) nested properly."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    bounds = sorted(cuts)
    out: list[str] = []
    stack: list[_Mark] = []
    for a, b in pairwise(bounds):
        want = sorted((m for m in inside if m.start <= a and m.end >= b),
                      key=lambda m: (m.priority, m.start, -m.end, m.order))
        # an <a> inside an <a> is invalid HTML: keep the outermost link only
        seen_link, keep = False, []
        for m in want:
            if m.tag == "a":
                if seen_link:
                    continue
                seen_link = True
            keep.append(m)
        k = 0
        while k < len(stack) and k < len(keep) and stack[k] is keep[k]:
            k += 1
        for m in reversed(stack[k:]):
            out.append(m.close())
        for m in keep[k:]:
            out.append(m.open(first=m.start == a))
        stack = keep
        out.append(str(escape(text[a:b])).replace("\n", "<br>"))
    for m in reversed(stack):
        out.append(m.close())
    return Markup("".join(out))


def highlight(a: Article) -> Highlighted:
    """The article's text as blocks (title, paragraphs, subheadings, captions) of safe HTML."""
    marks = _all_marks(a)
    captions = {(c.span.start, c.span.end): c for c in a.captions}
    subheads = {(s.start, s.end) for s in a.subheadings}
    result = Highlighted()
    for i, m in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", a.text)):
        s, e = m.start(), m.end()
        # trim trailing blanks so a block matches a span exactly
        while e > s and a.text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        kind, credit = "p", None
        cap = captions.get((s, e)) or next(
            (c for (cs, ce), c in captions.items() if cs <= s and e <= ce or s <= cs and ce <= e), None)
        if cap is not None:
            kind, credit = "caption", cap.credit
        elif (s, e) in subheads:
            kind = "subheading"
        elif i == 0 and a.title and a.text[s:e].strip() == a.title.strip():
            kind = "title"
        result.blocks.append({"kind": kind, "html": _render(a.text, s, e, marks), "credit": credit,
                              "start": s, "end": e})
    return result


def chain_links(chain: tuple[str, ...] | list[str], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    """Each link of a claim's chain, readable: {"label", "kind", "href"}."""
    links = []
    for link in chain:
        if link == "author":
            links.append({"label": "author (the article)", "kind": "author", "href": None})
        elif link.startswith("anon:"):
            links.append({"label": "anonymous: " + link[5:], "kind": "anonymous", "href": None})
        elif link in entities:
            e = entities[link]
            links.append({"label": e.name, "kind": "entity", "wikidata": e.wikidata,
                          "href": entity_href(entity_key(e.wikidata, e.type, e.name))})
        else:
            links.append({"label": link, "kind": "mention", "href": None})
    return links


def chain_svg(links: list[dict[str, Any]]) -> dict[str, Any]:
    """Box positions for drawing a chain left to right (author first, origin last)."""
    x, boxes = 10, []
    for link in links:
        label = link["label"] if len(link["label"]) <= 40 else link["label"][:39] + "…"
        w = max(70, 8 * len(label) + 24)
        boxes.append({**link, "text": label, "x": x, "w": w, "cx": x + w // 2})
        x += w + 46
    arrows = [{"x1": b["x"] + b["w"], "x2": nb["x"]} for b, nb in pairwise(boxes)]
    return {"boxes": boxes, "arrows": arrows, "width": max(x - 36, 100), "height": 64}


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _to_date(value: str | None) -> date | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def timeline_layout(events: list[dict[str, Any]], width: int = 900) -> dict[str, Any]:
    """SVG coordinates for dated events on one axis; undated events are left out."""
    dated = [(d, e) for e in events if (d := _to_date(e.get("date")))]
    if not dated:
        return {"points": [], "ticks": [], "width": width, "height": 80}
    lo = min(d for d, _ in dated).toordinal()
    hi = max(d for d, _ in dated).toordinal()
    span = max(hi - lo, 1)
    left, right = 30, width - 30
    points = []
    for row, (d, e) in enumerate(sorted(dated, key=lambda x: x[0])):
        x = left + (d.toordinal() - lo) * (right - left) / span if hi > lo else (left + right) / 2
        points.append({**e, "x": round(x, 1), "y": 50 + row * 26, "day": d.isoformat()})
    ticks = []
    for i in range(6):
        o = lo + span * i // 5
        ticks.append({"x": round(left + (o - lo) * (right - left) / span, 1),
                      "label": date.fromordinal(o).isoformat()})
    return {"points": points, "ticks": ticks, "width": width, "height": 70 + 26 * len(points)}
