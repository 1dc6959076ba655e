"""The analyzed article and its layers, as frozen dataclasses.

Every class maps one-to-one onto the JSON in CONTRACT.md: ``to_dict()`` gives
exactly that JSON and ``from_dict()`` reads it back, so
``Article.from_dict(a.to_dict()) == a`` always holds.

A layer that no stage produced is ``None`` and is left out of ``to_dict()``:
a stage that is not installed is absent from the output, never faked.

Example::

    >>> s = Span(0, 9, "Nordkorea")
    >>> Span.from_dict(s.to_dict()) == s
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

__all__ = [
    "Span", "Caption", "Removed", "Entity", "Anonymous", "Source", "Certainty",
    "Claim", "EventDate", "Event", "TimeExpr", "Quantity", "Check", "Article",
    "RawDocument", "Rejected", "LAYERS",
]

#: Layers that stages add after cleaning, in pipeline order.
LAYERS = ("sentences", "entities", "times", "quantities", "claims", "events", "checks")


@dataclass(frozen=True, slots=True)
class Span:
    """A character span into ``Article.text``: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), d["text"])

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``, clamped into the text."""
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        return cls(start, end, text[start:end])


def _span_or_none(d: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(d) if d else None


def _spans(items: Any) -> tuple[Span, ...]:
    return tuple(Span.from_dict(x) for x in (items or ()))


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption kept once in the text; its credit is kept here only."""

    span: Span
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "credit": self.credit}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Caption:
        return cls(Span.from_dict(d["span"]), d.get("credit"))


@dataclass(frozen=True, slots=True)
class Removed:
    """Something cleaning took out of the text: markup, credit, duplicate, boilerplate."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Removed:
        return cls(d["kind"], d["text"])


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str  # PER|ORG|GPE|LOC|MEDIA|DOC|NORP|EVENT|MISC
    name: str
    wikidata: str | None = None
    mentions: tuple[Span, ...] = ()
    by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "type": self.type, "name": self.name, "wikidata": self.wikidata,
            "mentions": [m.to_dict() for m in self.mentions],
        }
        return _annot(d, self.by, self.confidence)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(d["id"], d["type"], d["name"], d.get("wikidata"), _spans(d.get("mentions")),
                   d.get("by"), d.get("confidence"))


@dataclass(frozen=True, slots=True)
class Anonymous:
    """An unnamed source, as a class: ``ein Regierungsbeamter`` → government official."""

    cls: str  # serialised as "class"
    affiliation: str | None = None  # an entity id
    number: str = "unknown"  # one|several|unknown

    def to_dict(self) -> dict[str, Any]:
        return {"class": self.cls, "affiliation": self.affiliation, "number": self.number}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Anonymous:
        return cls(d["class"], d.get("affiliation"), d.get("number", "unknown"))


@dataclass(frozen=True, slots=True)
class Source:
    kind: str  # person|organization|outlet|government|document|anonymous|unspecified|author
    mention: Span | None = None
    entity: str | None = None
    anonymous: Anonymous | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict() if self.mention else None,
            "entity": self.entity, "kind": self.kind,
            "anonymous": self.anonymous.to_dict() if self.anonymous else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        anon = d.get("anonymous")
        return cls(d["kind"], _span_or_none(d.get("mention")), d.get("entity"),
                   Anonymous.from_dict(anon) if anon else None)


@dataclass(frozen=True, slots=True)
class Certainty:
    level: str  # asserted|reported|expected|possible|doubtful|denied
    cues: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "cues": [c.to_dict() for c in self.cues]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Certainty:
        return cls(d["level"], _spans(d.get("cues")))


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    content: Span
    source: Source
    cue: Span | None = None
    cue_parts: tuple[Span, ...] = ()
    via: str | None = None
    chain: tuple[str, ...] = ("author",)
    mode: str = "unattributed"  # direct|indirect|mixed|reported|unattributed
    certainty: Certainty = field(default_factory=lambda: Certainty("asserted"))
    polarity: str = "positive"
    inherited: bool = False
    sentence: int | None = None
    by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id, "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "cue_parts": [c.to_dict() for c in self.cue_parts],
            "source": self.source.to_dict(), "via": self.via, "chain": list(self.chain),
            "mode": self.mode, "certainty": self.certainty.to_dict(),
            "polarity": self.polarity, "inherited": self.inherited, "sentence": self.sentence,
        }
        return _annot(d, self.by, self.confidence)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"], content=Span.from_dict(d["content"]),
            source=Source.from_dict(d["source"]), cue=_span_or_none(d.get("cue")),
            cue_parts=_spans(d.get("cue_parts")), via=d.get("via"),
            chain=tuple(d.get("chain") or ()), mode=d.get("mode", "unattributed"),
            certainty=Certainty.from_dict(d["certainty"]) if d.get("certainty") else Certainty("asserted"),
            polarity=d.get("polarity", "positive"), inherited=bool(d.get("inherited", False)),
            sentence=d.get("sentence"), by=d.get("by"), confidence=d.get("confidence"),
        )


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    precision: str = "unknown"  # day|month|year|range|unknown

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventDate:
        return cls(d.get("value"), d.get("precision", "unknown"))


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str  # a PLOVER type or OTHER
    modality: str  # occurred|ongoing|planned|expected|possible|hypothetical|negated
    cameo: str | None = None
    label: str | None = None
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    date: EventDate | None = None
    quantities: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id, "type": self.type, "cameo": self.cameo, "label": self.label,
            "mode": self.mode, "actor": self.actor, "target": self.target,
            "location": self.location, "date": self.date.to_dict() if self.date else None,
            "modality": self.modality, "quantities": list(self.quantities),
            "claims": list(self.claims), "mentions": [m.to_dict() for m in self.mentions],
        }
        return _annot(d, self.by, self.confidence)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], type=d["type"], modality=d["modality"], cameo=d.get("cameo"),
            label=d.get("label"), mode=d.get("mode"), actor=d.get("actor"),
            target=d.get("target"), location=d.get("location"),
            date=EventDate.from_dict(d["date"]) if d.get("date") else None,
            quantities=tuple(d.get("quantities") or ()), claims=tuple(d.get("claims") or ()),
            mentions=_spans(d.get("mentions")), by=d.get("by"), confidence=d.get("confidence"),
        )


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    value: str | None
    type: str  # date|duration|set|time
    anchor: str = "none"  # published|context|none
    by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"span": self.span.to_dict(), "value": self.value, "type": self.type,
             "anchor": self.anchor}
        return _annot(d, self.by, self.confidence)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeExpr:
        return cls(Span.from_dict(d["span"]), d.get("value"), d["type"], d.get("anchor", "none"),
                   d.get("by"), d.get("confidence"))


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    span: Span
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    unit: str | None = None
    per: str | None = None
    counted: str | None = None
    casualty: bool = False
    by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "span": self.span.to_dict(), "value": self.value, "low": self.low,
             "high": self.high, "unit": self.unit, "per": self.per, "counted": self.counted,
             "casualty": self.casualty}
        return _annot(d, self.by, self.confidence)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(d["id"], Span.from_dict(d["span"]), d.get("value"), d.get("low"),
                   d.get("high"), d.get("unit"), d.get("per"), d.get("counted"),
                   bool(d.get("casualty", False)), d.get("by"), d.get("confidence"))


@dataclass(frozen=True, slots=True)
class Check:
    kind: str  # headline_overstatement|unsourced_claim|…
    message: str
    evidence: tuple[Span, ...] = ()
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "message": self.message,
             "evidence": [e.to_dict() for e in self.evidence]}
        return _annot(d, self.by, None)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Check:
        return cls(d["kind"], d["message"], _spans(d.get("evidence")), d.get("by"))


def _annot(d: dict[str, Any], by: str | None, confidence: float | None) -> dict[str, Any]:
    if by is not None:
        d["by"] = by
    if confidence is not None:
        d["confidence"] = round(float(confidence), 4)
    return d


_LAYER_TYPES: dict[str, Any] = {
    "sentences": Span, "entities": Entity, "claims": Claim, "events": Event,
    "times": TimeExpr, "quantities": Quantity, "checks": Check,
}


@dataclass(frozen=True, slots=True)
class Article:
    """One analyzed article. Layers a stage has not produced are ``None``."""

    id: str
    text: str
    language: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    lead: str | None = None
    subheadings: tuple[Span, ...] = ()
    captions: tuple[Caption, ...] = ()
    removed: tuple[Removed, ...] = ()
    sentences: tuple[Span, ...] | None = None
    entities: tuple[Entity, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    events: tuple[Event, ...] | None = None
    times: tuple[TimeExpr, ...] | None = None
    quantities: tuple[Quantity, ...] | None = None
    checks: tuple[Check, ...] | None = None
    #: stage name -> "name@version" for every stage that ran, in order
    stages: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "url": self.url, "outlet": self.outlet, "language": self.language,
            "published": self.published, "title": self.title, "lead": self.lead,
            "subheadings": [s.to_dict() for s in self.subheadings],
            "captions": [c.to_dict() for c in self.captions],
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
        }
        for name in LAYERS:
            layer = getattr(self, name)
            if layer is not None:
                d[name] = [x.to_dict() for x in layer]
        d["stages"] = list(self.stages)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        kw: dict[str, Any] = {}
        for name, typ in _LAYER_TYPES.items():
            if d.get(name) is not None:
                kw[name] = tuple(typ.from_dict(x) for x in d[name])
        return cls(
            id=d["id"], text=d["text"], language=d.get("language"), url=d.get("url"),
            outlet=d.get("outlet"), published=d.get("published"), title=d.get("title"),
            lead=d.get("lead"), subheadings=_spans(d.get("subheadings")),
            captions=tuple(Caption.from_dict(c) for c in d.get("captions") or ()),
            removed=tuple(Removed.from_dict(r) for r in d.get("removed") or ()),
            stages=tuple(d.get("stages") or ()), **kw,
        )

    def replace(self, **changes: Any) -> Article:
        """A copy with some fields changed (the article itself is immutable)."""
        return replace(self, **changes)

    def span(self, start: int, end: int) -> Span:
        """The span ``text[start:end]``, clamped into the text."""
        return Span.of(self.text, start, end)

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence that contains character ``offset``."""
        for i, s in enumerate(self.sentences or ()):
            if s.start <= offset < s.end:
                return i
        return None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What ingest hands to cleaning: one article's bytes decoded, plus metadata."""

    origin: str  # file path, "path#line", "path#record", or "<stdin>"
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    raw: bool = False  # the text is already clean body text


@dataclass(frozen=True, slots=True)
class Rejected:
    """An article that could not be analyzed, and why. A result, not a crash."""

    id: str
    reason: str  # a stable error code, e.g. "empty", "binary", "too_large"
    detail: str = ""
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason, "detail": self.detail,
                "origin": self.origin}


def field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]
