"""Hand-made analyzed articles, for the web tests, demos and the latency benchmark.

The layers are written by hand (not by the pipeline), so the pages can be
tested for every layer before every stage exists, and stay stable while the
stages improve. The texts are our own sentences. One article is hostile on
purpose: markup, ``javascript:`` links and event handlers in every field.

Example::

    >>> from zufolge.web.sample import sample_articles
    >>> [a.language for a in sample_articles()]
    ['de', 'en', 'de']
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..schema import (
    Anonymous,
    Article,
    Caption,
    Certainty,
    Check,
    Claim,
    Entity,
    Event,
    EventDate,
    Quantity,
    Removed,
    Source,
    Span,
    TimeExpr,
)

__all__ = ["DE_ID", "EN_ID", "HOSTILE_ID", "build_sample_store", "sample_articles"]

DE_ID = "sample-de-pioniere"
EN_ID = "sample-en-engineers"
HOSTILE_ID = "sample-hostile"
BY = "sample@1"


def _sp(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _all(text: str, needle: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end(), needle) for m in re.finditer(re.escape(needle), text))


def _german() -> Article:
    title = "Pioniere für die Front? - Nordkorea schickt Tausende Soldaten nach Donezk"
    caption = "Kim Jong Un besichtigt eine Baustelle in Pjöngjang."
    lead = "Nordkorea will Berichten zufolge Bautrupps in das besetzte Gebiet Donezk schicken."
    p1 = ("Nordkorea plant laut einem Bericht des ISW, im Sommer Pioniereinheiten nach Donezk zu verlegen. "
          "Das meldete der südkoreanische Sender TV Chosun unter Berufung auf einen Regierungsbeamten. "
          "Die Einheiten sollen angeblich Straßen und Brücken reparieren.")
    sub = "Washington beobachtet die Lage"
    p2 = ("Am 25. Juni sagte Pentagon-Sprecher Pat Ryder, die USA verfolgten die Entwicklung genau. "
          "Nordkorea könnte mit dem Einsatz bis zu 100 Millionen Dollar im Jahr verdienen, schätzte TV Chosun.")
    text = f"{title}\n\n{caption}\n\n{lead}\n\n{p1}\n\n{sub}\n\n{p2}"
    ents = (
        Entity("e1", "GPE", "North Korea", "Q423", _all(text, "Nordkorea"), BY),
        Entity("e2", "PER", "Kim Jong Un", "Q56226", _all(text, "Kim Jong Un"), BY),
        Entity("e3", "GPE", "Pyongyang", "Q18808", _all(text, "Pjöngjang"), BY),
        Entity("e4", "LOC", "Donetsk Oblast", None, _all(text, "Donezk"), BY),
        Entity("e5", "ORG", "Institute for the Study of War", None, _all(text, "ISW"), BY),
        Entity("e6", "MEDIA", "TV Chosun", None, _all(text, "TV Chosun"), BY),
        Entity("e7", "PER", "Pat Ryder", None, _all(text, "Pat Ryder"), BY),
        Entity("e8", "GPE", "United States", "Q30", _all(text, "USA"), BY),
    )
    chain_isw = ("author", "e5", "e6", "anon:government official")
    claims = (
        Claim("c1", _sp(text, "Bautrupps in das besetzte Gebiet Donezk schicken"), Source("unspecified"),
              cue=_sp(text, "Berichten zufolge"), chain=("author",), mode="reported",
              certainty=Certainty("reported"), sentence=2, by=BY, confidence=0.9),
        Claim("c2", _sp(text, "im Sommer Pioniereinheiten nach Donezk zu verlegen"),
              Source("document", _sp(text, "einem Bericht des ISW"), "e5"), cue=_sp(text, "laut"),
              chain=chain_isw, mode="reported", certainty=Certainty("reported"), sentence=3, by=BY,
              confidence=0.85),
        Claim("c3", _sp(text, "Die Einheiten sollen angeblich Straßen und Brücken reparieren"),
              Source("anonymous", None, None, Anonymous("government official", None, "one")),
              via="c2", chain=chain_isw, mode="reported",
              certainty=Certainty("doubtful", (_sp(text, "sollen"), _sp(text, "angeblich"))),
              inherited=True, sentence=5, by=BY, confidence=0.7),
        Claim("c4", _sp(text, "die USA verfolgten die Entwicklung genau"),
              Source("person", _sp(text, "Pentagon-Sprecher Pat Ryder"), "e7"), cue=_sp(text, "sagte"),
              chain=("author", "e7"), mode="indirect", certainty=Certainty("reported"), sentence=7, by=BY),
        Claim("c5", _sp(text, "Nordkorea könnte mit dem Einsatz bis zu 100 Millionen Dollar im Jahr verdienen"),
              Source("outlet", _sp(text, "TV Chosun", 1), "e6"), cue=_sp(text, "schätzte"),
              chain=("author", "e6"), mode="indirect",
              certainty=Certainty("possible", (_sp(text, "könnte"),)), sentence=8, by=BY),
    )
    return Article(
        id=DE_ID, text=text, language="de", url="https://example.org/de/pioniere", outlet="Beispielblatt",
        published="2024-06-27", title=title, lead=lead, subheadings=(_sp(text, sub),),
        captions=(Caption(_sp(text, caption), "Beispiel Fotograf/Agentur"),),
        removed=(Removed("credit", "Beispiel Fotograf/Agentur"), Removed("duplicate", caption)),
        sentences=(), entities=ents, claims=claims,
        events=(Event("v1", "MOBILIZE", "planned", label="engineer units to Donetsk", actor="e1",
                      location="e4", date=EventDate("2024-07", "month"), claims=("c2",),
                      mentions=(_sp(text, "verlegen"),), by=BY, confidence=0.6),),
        times=(TimeExpr(_sp(text, "25. Juni"), "2024-06-25", "date", "published", BY),
               TimeExpr(_sp(text, "im Sommer"), "2024-SU", "date", "published", BY)),
        quantities=(Quantity("q1", _sp(text, "bis zu 100 Millionen Dollar"), 100_000_000, None, 100_000_000,
                             "USD", "year", None, False, BY),),
        checks=(Check("headline_overstatement",
                      "The headline states as a fact what the text only reports, second-hand and hedged: "
                      "a plan, from an unnamed official via TV Chosun and the ISW.",
                      (_sp(text, "Nordkorea schickt Tausende Soldaten nach Donezk"),), BY),
                Check("unsourced_claim", "One figure has no source of its own.", (), BY)),
        stages=(BY,),
    )


def _english() -> Article:
    title = "Pentagon watches North Korean engineers closely"
    p1 = ("Pentagon spokesman Pat Ryder said on Tuesday that the United States was closely watching "
          "reports that North Korea had sent engineers to Donetsk. According to South Korean officials, "
          "the first engineers arrived in June.")
    p2 = "North Korea reportedly plans to send military construction troops to occupied Donetsk."
    text = f"{title}\n\n{p1}\n\n{p2}"
    ents = (
        Entity("e1", "GPE", "North Korea", "Q423", _all(text, "North Korea"), BY),
        Entity("e2", "PER", "Pat Ryder", None, _all(text, "Pat Ryder"), BY),
        Entity("e3", "GPE", "United States", "Q30", _all(text, "United States"), BY),
        Entity("e4", "LOC", "Donetsk Oblast", None, _all(text, "Donetsk"), BY),
        Entity("e5", "GPE", "South Korea", "Q884", _all(text, "South Korea"), BY),
    )
    claims = (
        Claim("c1", _sp(text, "the United States was closely watching reports that North Korea had sent "
                              "engineers to Donetsk"),
              Source("person", _sp(text, "Pentagon spokesman Pat Ryder"), "e2"), cue=_sp(text, "said"),
              chain=("author", "e2"), mode="indirect", certainty=Certainty("reported"), sentence=1, by=BY),
        Claim("c2", _sp(text, "the first engineers arrived in June"),
              Source("anonymous", _sp(text, "South Korean officials"), None,
                     Anonymous("government official", "e5", "several")),
              cue=_sp(text, "According to"), chain=("author", "anon:government official"), mode="reported",
              certainty=Certainty("reported"), sentence=2, by=BY),
        Claim("c3", _sp(text, "North Korea reportedly plans to send military construction troops to "
                              "occupied Donetsk"),
              Source("unspecified"), cue=_sp(text, "reportedly"), chain=("author",), mode="reported",
              certainty=Certainty("reported"), sentence=3, by=BY),
    )
    return Article(
        id=EN_ID, text=text, language="en", url="https://example.com/en/engineers", outlet="Example Wire",
        published="2024-06-20", title=title, sentences=(), entities=ents, claims=claims,
        events=(Event("v1", "MOBILIZE", "occurred", label="engineers arrived", actor="e1", location="e4",
                      date=EventDate("2024-06", "month"), claims=("c2",), by=BY),
                Event("v2", "OTHER", "possible", label="construction deployment", actor="e1", target="e4",
                      date=EventDate("2024-08-01", "day"), claims=("c3",), by=BY)),
        times=(TimeExpr(_sp(text, "Tuesday"), "2024-06-18", "date", "published", BY),),
        quantities=(), checks=(), stages=(BY,),
    )


def _hostile() -> Article:
    title = '<script>window.__xss = "title"</script> Hostile <b>headline</b>'
    p1 = ('Er schrieb: <img src=x onerror="window.__xss = 1"> und </textarea>'
          '<a href="javascript:window.__xss = 3">klick</a> <script>window.__xss = 2</script> Ende.')
    p2 = 'Der Sender <b onmouseover="window.__xss = 4">Evil TV</b> meldete, "alles" sei & bleibe <ok>.'
    text = f"{title}\n\n{p1}\n\n{p2}"
    evil = '<b onmouseover="window.__xss = 4">Evil TV</b>'
    ents = (Entity("e1", "MEDIA", '<img src=x onerror="window.__xss = 5">Evil', None, _all(text, evil), BY),)
    claims = (
        Claim("c1", _sp(text, '"alles" sei & bleibe <ok>'), Source("outlet", _sp(text, evil), "e1"),
              cue=_sp(text, "meldete"), chain=("author", "e1", "anon:<script>x</script>"),
              certainty=Certainty("reported"), mode="indirect", by=BY),
        Claim("c2", _sp(text, '<img src=x onerror="window.__xss = 1"> und </textarea>'), Source("author"),
              certainty=Certainty("asserted"), by=BY),
    )
    return Article(
        id=HOSTILE_ID, text=text, language="de", url="javascript:window.__xss = 6",
        outlet='<img src=x onerror="window.__xss = 7">', published="2024-06-01", title=title,
        removed=(Removed("markup", '<script>window.__xss = 8</script>'),),
        sentences=(), entities=ents, claims=claims, events=(), times=(), quantities=(),
        checks=(Check("headline_overstatement", '<script>window.__xss = 9</script> overstated',
                      (_sp(text, "Hostile <b>headline</b>"),), BY),),
        stages=(BY,),
    )


def sample_articles() -> list[Article]:
    """Three analyzed articles: German (seed-like chain), English, and a hostile one."""
    return [_german(), _english(), _hostile()]


def build_sample_store(path: str | os.PathLike[str], extra: list[Article] | None = None) -> Path:
    """Write the sample articles (plus ``extra``) into a new store, with one claim cluster."""
    import duckdb

    from ..corpus.store import Store

    path = Path(path)
    with Store(path) as store:
        store.add([*sample_articles(), *(extra or [])])
    # Corpus linking fills claim_clusters in real stores; here one cluster is written by hand:
    # the English report (earlier) and the German one say the same thing.
    con = duckdb.connect(str(path))
    try:
        con.execute("DELETE FROM claim_clusters WHERE cluster_id = 'k-sample-1'")
        con.execute("INSERT INTO claim_clusters VALUES ('k-sample-1', ?, 'c3', TRUE, '2024-06-20'), "
                    "('k-sample-1', ?, 'c1', FALSE, '2024-06-27')", [EN_ID, DE_ID])
    finally:
        con.close()
    return path
