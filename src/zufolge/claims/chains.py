"""Source chains: from each claim's ``via`` link and source to its full chain.

The chain is outermost first: ``"author"`` (the article itself), then for each
reporting step an entity id, ``"anon:<class>"``, ``"unspecified"``, or the
source mention's text when the source is no entity.

Example: "laut einem ISW-Bericht … Dies berichtete TV Chosun, der sich auf
einen Regierungsbeamten berief" gives
``["author", "e5", "e7", "anon:government official"]``.
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


def build_chains(claims: list[Claim]) -> list[Claim]:
    """Set ``chain`` on every claim from its ``via`` link (cycles are cut)."""
    by_id = {c.id: c for c in claims}
    out = []
    for c in claims:
        steps: list[str] = []
        seen: set[str] = set()
        cur: Claim | None = c
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            key = source_key(cur.source)
            if key is not None:
                steps.append(key)
            cur = by_id.get(cur.via) if cur.via else None
        # `via` points to the claim that reports this one, i.e. the outer step
        out.append(replace(c, chain=("author", *reversed(steps))))
    return out
