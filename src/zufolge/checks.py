"""Checks: claims the article itself does not back up.

* ``headline_overstatement`` – the title or a subheading states as fact, in the
  indicative and without a hedge, what the body supports only as reported,
  planned or possible ("Kim schickt Bautruppen" vs "Nordkorea plant Berichten
  zufolge, … zu entsenden").
* ``unsourced_claim`` – in an article that sources most of its claims, a
  strong factual statement (a figure, an absolute or superlative) carries no
  source at all.

Headlines are matched to body claims by shared word stems (prefixes and the
heads of compounds, so "Bautruppen" meets "Ingenieurtruppen"). Each check says
why in one sentence and points at its evidence spans.

Example::

    >>> import zufolge
    >>> doc = zufolge.analyze("Kim schickt Truppen in die Ukraine\\n\\n"
    ...     "Nordkorea plant Berichten zufolge, Truppen in die Ukraine zu schicken.", raw=True, lang="de")
    >>> [c.kind for c in doc.checks]
    ['headline_overstatement']
"""

from __future__ import annotations

import re

from .pipeline import stage
from .schema import Article, Check, Claim, Span

VERSION = "0.1"
BY = f"checks@{VERSION}"

# words that make a headline itself hedged or attributed (de + en)
_HEADLINE_HEDGES = {
    "könnte", "könnten", "soll", "sollen", "dürfte", "dürften", "wohl", "angeblich", "offenbar",
    "mutmaßlich", "laut", "zufolge", "berichten", "bericht", "plant", "planen", "will", "wollen",
    "erwägt", "droht", "drohen", "vermutlich", "möglicherweise", "wahrscheinlich", "voraussichtlich",
    "could", "may", "might", "would", "reportedly", "allegedly", "plans", "plan", "considers",
    "says", "said", "according", "likely", "expected", "sagt", "warnt", "fordert", "?",
}
_PLAN_WORDS = {"plant", "planen", "plante", "will", "wollen", "wollte", "erwägt", "beabsichtigt",
               "soll", "sollen", "plans", "planned", "intends", "considers", "voraussichtlich",
               "angeblich", "expected", "könnte", "könnten"}
_STOP = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder",
    "in", "im", "an", "am", "auf", "mit", "von", "vom", "zu", "zur", "zum", "für", "nach", "bei",
    "nur", "mehr", "noch", "auch", "nicht", "sich", "ist", "sind", "hat", "haben", "wird", "werden",
    "the", "a", "of", "to", "and", "on", "for", "with", "is", "are", "was", "were",
    "steckt", "dahinter", "doch", "aber",
}
_STRONG = re.compile(
    r"\b(\d[\d.,]*\s*(?:%|Prozent|Millionen|Milliarden|Tote|Menschen|Euro|Dollar)|alle|niemals|immer|"
    r"eindeutig|zweifellos|bewiesen|beweist|sicher|größte[nr]?|höchste[nr]?|schlimmste[nr]?|"
    r"never|always|proves?|proven|largest|biggest|worst|all)\b", re.IGNORECASE)


def _stems(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[\wÄÖÜäöüß]+", text.lower()):
        if w in _STOP or len(w) < 4 or w.isdigit():
            continue
        out.add(w[:5])
        if len(w) >= 9:
            out.add("~" + w[-6:].rstrip("n"))  # compound head: Bautruppen ~ Ingenieurtruppen
    return out


def _headline_parts(article: Article) -> list[Span]:
    """Title and subheadings, each split at " - " / ":" / "?" into clauses."""
    text = article.text
    heads: list[Span] = []
    if article.title and text.startswith(article.title):
        heads.append(Span(0, len(article.title), article.title))
    heads.extend(article.subheadings)
    if not article.subheadings and article.sentences:
        # no cleaning info: short lines without terminal punctuation are headings
        for s in article.sentences[(1 if heads else 0):]:
            line_start = text.rfind("\n", 0, s.start) + 1
            line_end = text.find("\n", s.end)
            line_end = len(text) if line_end < 0 else line_end
            if (text[line_start:s.start].strip() == "" and text[s.end:line_end].strip() == ""
                    and not re.search(r"[.!?:\"“”»«)]$", s.text) and 3 <= len(s.text.split()) <= 14):
                heads.append(s)
    parts: list[Span] = []
    for h in heads:
        pos = h.start
        for piece in re.split(r"(\s*[-–—]\s|:\s|\?\s*)", h.text):
            if piece and not re.fullmatch(r"\s*[-–—]\s|:\s|\?\s*", piece):
                a = pos + (len(piece) - len(piece.lstrip(" -–—")))
                b = pos + len(piece.rstrip())
                if b > a:
                    parts.append(Span(a, b, text[a:b]))
            pos += len(piece)
    # a question is no statement
    return [p for p in parts if text[p.end:p.end + 1] != "?"]


def _states_as_fact(part: Span) -> bool:
    words = set(re.findall(r"[\wÄÖÜäöüß]+|\?", part.text.lower()))
    return len(words) >= 3 and not (words & _HEADLINE_HEDGES)


def _body_claims(article: Article, heads: list[Span]) -> list[Claim]:
    zones = [(h.start, h.end) for h in heads]
    return [c for c in article.claims or ()
            if not any(a <= c.content.start < b for a, b in zones)]


def _is_weak(c: Claim) -> bool:
    words = set(re.findall(r"[\wÄÖÜäöüß]+", c.content.text.lower()))
    return (c.certainty.level != "asserted" or c.source.kind in ("unspecified", "anonymous")
            or bool(words & _PLAN_WORDS))


def _weakness(c: Claim) -> str:
    words = set(re.findall(r"[\wÄÖÜäöüß]+", c.content.text.lower()))
    if words & _PLAN_WORDS and c.certainty.level == "asserted":
        return "a plan or expectation"
    if c.source.kind in ("unspecified", "anonymous"):
        return "an unconfirmed report"
    return {"reported": "a report", "expected": "an expectation", "possible": "a possibility",
            "doubtful": "a doubtful report", "denied": "a denied claim"}.get(c.certainty.level, "a report")


def headline_overstatement(article: Article) -> list[Check]:
    heads = _headline_parts(article)
    body = _body_claims(article, heads)
    out = []
    for h in heads:
        if not _states_as_fact(h):
            continue
        hs = _stems(h.text)
        if len(hs) < 2:
            continue
        scored = []
        for c in body:
            overlap = len(hs & _stems(c.content.text))
            if overlap >= 2 or (overlap >= 1 and len(hs) <= 3):
                scored.append((overlap, c))
        if not scored:
            continue
        best = max(o for o, _ in scored)
        support = [c for o, c in scored if o >= max(2, best - 1)] or [c for o, c in scored if o == best]
        if any(not _is_weak(c) for c in support):
            continue  # some body claim states it as plain fact
        evidence = [h]
        for c in support[:4]:
            evidence.extend(c.certainty.cues or ((c.cue,) if c.cue else (c.content,)))
        hedges = sorted({e.text for e in evidence[1:]})[:5]
        msg = (f"The headline states \"{h.text}\" as fact, but the body only has it as "
               f"{' or '.join(sorted({_weakness(c) for c in support}))} ({', '.join(hedges)}).")
        out.append(Check("headline_overstatement", msg, tuple(_dedupe(evidence)), BY))
    return out


def unsourced_claims(article: Article) -> list[Check]:
    claims = list(article.claims or ())
    attributed = [c for c in claims if c.mode != "unattributed"]
    if len(attributed) < 3 or len(attributed) < len(claims) / 2:
        return []  # not an "otherwise sourced" article
    heads = _headline_parts(article)
    out = []
    for c in _body_claims(article, heads):
        if c.mode != "unattributed" or c.certainty.level != "asserted":
            continue
        m = _STRONG.search(c.content.text)
        if not m:
            continue
        a = c.content.start + m.start()
        ev = (c.content, Span(a, a + len(m.group()), m.group()))
        out.append(Check("unsourced_claim",
                         f"A strong factual statement (\"{m.group()}\") is given without any source "
                         f"in an article that sources its other claims.", ev, BY))
        if len(out) >= 3:
            break
    return out


def _dedupe(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


@stage("checks", VERSION, requires=("claims",), assigns=("checks",))
def checks(article: Article) -> Article:
    if article.claims is None:
        return article
    return article.replace(checks=tuple(headline_overstatement(article) + unsourced_claims(article)))
