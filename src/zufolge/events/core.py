"""Language-independent parts of the event coder: entity look-up by offset, modality from
claims, dates and quantities for a mention, and in-article coreference of mentions into events.

A language module (``de.py``, ``en.py``) finds *mentions*: one trigger in one clause with its
arguments and its local modality. ``build_events`` groups mentions that describe the same
happening (headline, lead, body, caption) into one ``Event`` with several ``mentions``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace

from ..schema import Article, Claim, Entity, Event, EventDate, Span

__all__ = [
    "MODALITY_PRECEDENCE",
    "EntityIndex",
    "Mention",
    "apply_claims",
    "attach_time_and_quantities",
    "build_events",
    "display_ranges",
    "strongest_cue",
]

#: When several modality cues govern one trigger, the first in this order wins.
MODALITY_PRECEDENCE = ("negated", "hypothetical", "possible", "expected", "planned", "ongoing")

#: Types that describe one happening from different angles ("send engineers" = MOBILIZE,
#: "help rebuild" = AID): mentions of one family may corefer.
_FAMILY = {"MOBILIZE": "deploy", "AID": "deploy", "COOPERATE": "deploy"}

#: Agent-like entity types (actors of PLOVER events); LOC is a place only.
ACTOR_TYPES = frozenset({"GPE", "ORG", "PER", "NORP", "MEDIA", "MISC"})
PLACE_TYPES = frozenset({"LOC", "GPE"})


@dataclass(slots=True)
class Mention:
    """One trigger in one clause, with its arguments: the unit that coreference groups."""

    sentence: int
    start: int  # evidence span (trigger and its arguments)
    end: int
    trigger: tuple[int, int]
    type: str
    cameo: str | None = None
    mode: str | None = None
    label: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    location_type: str | None = None
    keys: frozenset[str] = frozenset()  # object stems ("truppe", "abkommen") for coreference
    lemma: str = ""
    modality: str = "occurred"
    hedged: bool = False
    display: bool = False  # headline, subheading or caption
    confidence: float = 0.5
    claims: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    date: EventDate | None = None
    clause: tuple[int, int] = (0, 0)  # character range used for dates and quantities
    cues: list[str] = field(default_factory=list)


class EntityIndex:
    """Entity mentions sorted by offset, for "which entity is at this span?"."""

    def __init__(self, entities: tuple[Entity, ...] | None) -> None:
        self.present = entities is not None
        items = []
        for e in entities or ():
            for m in e.mentions:
                items.append((m.start, m.end, e))
        items.sort(key=lambda x: (x[0], -x[1]))
        self._items = items
        self._starts = [x[0] for x in items]
        self.by_id = {e.id: e for e in entities or ()}

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions inside [start, end), in text order (nested mentions dropped)."""
        i = bisect.bisect_left(self._starts, start)
        out: list[tuple[int, int, Entity]] = []
        while i < len(self._items) and self._items[i][0] < end:
            a, b, e = self._items[i]
            if b <= end and (not out or a >= out[-1][1]):
                out.append((a, b, e))
            i += 1
        return out

    def type_of(self, entity_id: str | None) -> str | None:
        e = self.by_id.get(entity_id or "")
        return e.type if e else None


def mention_confidence(row, actor, target, location, index: EntityIndex) -> float:
    """Confidence of one trigger match: verbs over nouns, more for each argument found."""
    conf = 0.6 if row.pos == "V" else 0.45
    if row.with_:
        conf += 0.1
    if actor:
        conf += 0.1
    if target or location:
        conf += 0.05
    if not index.present and row.type != "OTHER":
        conf -= 0.1
    return conf


def strongest_cue(found: list[str]) -> str:
    for m in MODALITY_PRECEDENCE:
        if m in found:
            return m
    return "occurred"


def _claim_for(claims: tuple[Claim, ...], offset: int, sentence: int) -> Claim | None:
    inside = [c for c in claims if c.content.start <= offset < c.content.end]
    if inside:
        return min(inside, key=lambda c: c.content.end - c.content.start)
    same = [c for c in claims if c.sentence == sentence]
    return same[0] if same else None


def apply_claims(m: Mention, article: Article) -> None:
    """Modality and hedging from the claim that reports the mention (if the layer exists)."""
    if not article.claims:
        return
    c = _claim_for(article.claims, m.trigger[0], m.sentence)
    if c is None:
        return
    m.claims = (c.id,)
    level = c.certainty.level
    if level == "denied" or c.polarity == "negative":
        m.modality = "negated"
    elif level in ("possible", "doubtful"):
        if m.modality in ("occurred", "ongoing", "expected"):
            m.modality = "possible"
    elif level == "expected" and m.modality in ("occurred", "ongoing"):
        m.modality = "expected"
    unnamed = c.source.kind in ("anonymous", "unspecified")
    if level in ("expected", "possible", "doubtful", "denied") or (level == "reported" and unnamed):
        m.hedged = True


def _precision(value: str | None) -> str:
    if not value:
        return "unknown"
    v = value.strip()
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return "day"
    if len(v) == 7 and v[4] == "-":
        return "month"
    if len(v) == 4 and v.isdigit():
        return "year"
    if "/" in v or ".." in v:
        return "range"
    return "unknown"


_PREC_RANK = {"day": 4, "month": 3, "year": 2, "range": 1, "unknown": 0}


def attach_time_and_quantities(m: Mention, article: Article) -> None:
    """Dates (TimeExpr of type date) and quantities inside the mention's clause."""
    a, b = m.clause
    if article.times:
        best: EventDate | None = None
        for t in article.times:
            if t.type != "date" or not t.value or not (a <= t.span.start and t.span.end <= b):
                continue
            d = EventDate(t.value, _precision(t.value))
            if best is None or _PREC_RANK[d.precision] > _PREC_RANK[best.precision]:
                best = d
        m.date = best
    if article.quantities:
        qs = []
        for q in article.quantities:
            if a <= q.span.start and q.span.end <= b:
                money = bool(q.unit and q.unit.isupper() and len(q.unit) == 3)
                if money and m.type in ("MOBILIZE", "ASSAULT", "PROTEST"):
                    continue  # a sum of money is not the size of a deployment or an attack
                qs.append(q.id)
        m.quantities = tuple(qs)


def display_ranges(article: Article) -> list[tuple[int, int]]:
    """Character ranges of the headline, subheadings and captions."""
    out: list[tuple[int, int]] = []
    if article.title and article.text.startswith(article.title):
        out.append((0, len(article.title)))
    out.extend((s.start, s.end) for s in article.subheadings)
    out.extend((c.span.start, c.span.end) for c in article.captions)
    return out


# ---------------------------------------------------------------------------- coreference

def _family(m: Mention) -> str:
    if m.type == "OTHER":
        return "OTHER:" + (m.label or "")
    return _FAMILY.get(m.type, m.type)


def _keys_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or x in y or y in x for x in a for y in b)


def _dates_conflict(a: EventDate | None, b: EventDate | None) -> bool:
    if not a or not b or not a.value or not b.value:
        return False
    x, y = a.value, b.value
    return not (x.startswith(y) or y.startswith(x))


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention]

    def fits(self, m: Mention) -> bool:
        first = self.mentions[0]
        if _family(first) != _family(m):
            return False
        if any(_dates_conflict(x.date, m.date) for x in self.mentions):
            return False
        if any(x.sentence == m.sentence and x.trigger == m.trigger for x in self.mentions):
            return False
        keys = frozenset().union(*(x.keys for x in self.mentions))
        if m.keys and keys and _keys_overlap(m.keys, keys):
            return True
        actors = {x.actor for x in self.mentions if x.actor}
        targets = {x.target for x in self.mentions if x.target}
        places = {x.location for x in self.mentions if x.location}
        if m.actor and m.actor in actors:
            if m.target and targets and m.target not in targets:
                return False
            return not (m.location and places and m.location not in places and not m.display)
        if _family(m).startswith("OTHER:") and not (m.actor and actors):
            # "an earthquake" twice in one article, "X checks into rehab … she checked into":
            # the same happening unless actors, dates or places differ
            return not (m.location and places and m.location not in places)
        return False


def _vote(values: list, order_hint: list | None = None):
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    for v in vals:  # first occurrence among the most frequent
        if counts[v] == top:
            return v
    return None


def _weighted(ms: list[Mention], index: EntityIndex, attr: str,
              exclude: str | None = None) -> str | None:
    """Vote for the actor (or target): states and organisations outweigh their leaders (event
    data codes "Putin signs" as Russia), and headlines and captions count half."""
    score: dict[str, float] = {}
    for m in ms:
        v = getattr(m, attr)
        if not v or v == exclude:
            continue
        w = 0.5 if m.display else 1.0
        if index.type_of(v) in ("GPE", "ORG"):
            w *= 1.5
        score[v] = score.get(v, 0.0) + w
    if not score:
        return None
    best = max(score.values())
    return next(getattr(m, attr) for m in ms if score.get(getattr(m, attr) or "") == best)


def _merge(c: _Cluster, index: EntityIndex, by: str, event_id: str) -> Event:
    ms = sorted(c.mentions, key=lambda m: m.start)
    body = [m for m in ms if not m.display] or ms
    typ = _vote([m.type for m in body])
    typed = [m for m in body if m.type == typ] or body
    actor = _weighted(ms, index, "actor")
    target = _weighted(ms, index, "target", exclude=actor)
    places = [m for m in ms if m.location]
    loc_pref = [m for m in places if m.location_type == "LOC"] or places
    location = _vote([m.location for m in loc_pref])
    date = None
    for m in ms:
        if m.date and (date is None or _PREC_RANK[m.date.precision] > _PREC_RANK[date.precision]):
            date = m.date
    modality = _vote([m.modality for m in body])
    if modality in ("occurred", "ongoing") and all(m.hedged for m in body):
        modality = "possible"  # reported only through hedged sources: never a fact
    confidence = max(m.confidence for m in ms) + 0.05 * (len(ms) - 1)
    if all(m.hedged for m in body):
        confidence -= 0.05
    spans: list[Span] = []
    seen = set()
    for m in ms:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            spans.append(Span(m.start, m.end, ""))
    claims = tuple(dict.fromkeys(cid for m in ms for cid in m.claims))
    quantities = tuple(dict.fromkeys(q for m in ms for q in m.quantities))
    return Event(
        id=event_id, type=typ, modality=modality or "occurred", cameo=typed[0].cameo,
        label=typed[0].label, mode=typed[0].mode, actor=actor, target=target, location=location,
        date=date, quantities=quantities, claims=claims, mentions=tuple(spans), by=by,
        confidence=round(max(0.05, min(0.95, confidence)), 3),
    )


def build_events(mentions: list[Mention], article: Article, index: EntityIndex,
                 by: str) -> tuple[Event, ...]:
    """Group mentions into events (body mentions first, so headlines join the body's event)."""
    clusters: list[_Cluster] = []
    by_family: dict[str, list[_Cluster]] = {}  # fits() needs the same family: look only there
    order = sorted(mentions, key=lambda m: (m.display, m.start))
    for m in order:
        same = by_family.setdefault(_family(m), [])
        for c in same:
            if c.fits(m):
                c.mentions.append(m)
                break
        else:
            clusters.append(_Cluster([m]))
            same.append(clusters[-1])
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    events = []
    for i, c in enumerate(clusters):
        ev = _merge(c, index, by, f"v{i + 1}")
        ev = replace(ev, mentions=tuple(article.span(s.start, s.end) for s in ev.mentions))
        events.append(ev)
    return tuple(events)
