"""Source chains: from each claim's ``via`` link and source to its full chain.

Semantics (documented here because the JSON relies on them):

* ``via`` of claim B is the claim A *through which B is reported*: A's source
  passed B's content on. Two cases give the same link:
  - nesting: "Reuters berichtet, der Minister habe gesagt, dass …" – the
    minister's claim (inner) has ``via`` = the Reuters claim (outer);
  - relaying: "Nordkorea plant laut einem ISW-Bericht … Dies berichtete TV
    Chosun, der sich auf einen Regierungsbeamten berief." – the ISW claim is
    the outer report; the TV Chosun claim has the *same content* and ``via`` =
    the ISW claim; the official's claim has the same content and ``via`` = the
    TV Chosun claim.
* ``chain`` is the path the content travelled, outermost first: ``"author"``
  (the article itself), then per step an entity id, ``"anon:<class>"``,
  ``"unspecified"``, or the source mention's text when it is no entity. It is
  the chain of the ``via`` claim plus the claim's own source.
* Claims that relay the *same content* (identical content span, linked by
  ``via``) describe one path, so they all carry the longest chain of their
  group: the ISW claim's chain is ``author, ISW, TV Chosun, anon:government
  official`` although its own source is ISW.

Example: "laut einem ISW-Bericht … Dies berichtete TV Chosun, der sich auf
einen Regierungsbeamten berief" gives ``["author", "e5", "e7", "anon:government official"]``.
"""

from __future__ import annotations

from dataclasses import replace

from ..schema import Claim, Source


def source_key(source: Source) -> str | None:
    """How one source appears in a chain; ``None`` for the author itself."""
    if source.kind == "author":
        return None
    if source.kind == "anonymous" and source.anonymous is not None:
        return f"anon:{source.anonymous.cls}"
    if source.entity:
        return source.entity
    if source.mention is not None:
        return source.mention.text
    return source.kind  # "unspecified"


def _own_chain(c: Claim, by_id: dict[str, Claim]) -> tuple[str, ...]:
    steps: list[str] = []
    seen: set[str] = set()
    cur: Claim | None = c
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        key = source_key(cur.source)
        if key is not None and (not steps or steps[-1] != key):
            steps.append(key)
        cur = by_id.get(cur.via) if cur.via else None
    # `via` points to the claim that reports this one, i.e. the outer step
    return ("author", *reversed(steps))


def build_chains(claims: list[Claim]) -> list[Claim]:
    """Set ``chain`` on every claim from its ``via`` link (cycles are cut)."""
    by_id = {c.id: c for c in claims}
    own = {c.id: _own_chain(c, by_id) for c in claims}
    # relay groups: same content span, connected by via links
    parent = {c.id: c.id for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in claims:
        v = by_id.get(c.via) if c.via else None
        if v is not None and (v.content.start, v.content.end) == (c.content.start, c.content.end):
            parent[find(c.id)] = find(v.id)
    longest: dict[str, tuple[str, ...]] = {}
    for c in claims:
        root = find(c.id)
        if len(own[c.id]) > len(longest.get(root, ())):
            longest[root] = own[c.id]
    return [replace(c, chain=longest[find(c.id)]) for c in claims]
