"""The questions users ask of a corpus, as plain functions over a store connection.

* ``trace(con, "ARTICLE_ID/c2")`` — the provenance tree of a claim: its cluster's
  reports in time order, each with its source chain, the originating source,
  and where certainty changed along the way.
* ``who_says(con, "Q423")`` — what is claimed about an entity, grouped by who says it.
* ``count_events(con, actor="Q423", date_from="2024-06", date_to="2024-08")`` —
  counted events (clusters), not reports.

Example::

    >>> with Store("news.duckdb", read_only=True) as st:       # doctest: +SKIP
    ...     tree = trace(st.con, "3f2a…/c2")
"""

from __future__ import annotations

from typing import Any

from ..errors import NotFound, UsageError

__all__ = ["trace", "who_says", "count_events", "certainty_drift", "split_claim_key"]

_RANK = {"denied": 0, "doubtful": 1, "possible": 2, "expected": 3, "reported": 4, "asserted": 5}


def split_claim_key(key: str) -> tuple[str, str]:
    """``"ARTICLE/c2"`` or ``"ARTICLE:c2"`` → (article_id, claim_id)."""
    for sep in ("/", ":"):
        if sep in key:
            a, c = key.rsplit(sep, 1)
            if a and c:
                return a, c
    raise UsageError(f"a claim is named ARTICLE_ID/CLAIM_ID (e.g. 3f2a…/c2), not {key!r}")


def _resolve_article(con, prefix: str) -> str:
    rows = con.execute("SELECT article_id FROM articles WHERE article_id LIKE ? || '%' LIMIT 2",
                       [prefix]).fetchall()
    if not rows:
        raise NotFound(f"no article {prefix!r} in the store")
    if len(rows) > 1 and rows[0][0] != prefix:
        raise UsageError(f"article id prefix {prefix!r} is ambiguous; give more characters")
    return rows[0][0]


def trace(con, claim_key: str) -> dict[str, Any]:
    """The provenance of one claim across the corpus, earliest report first."""
    article_id, claim_id = split_claim_key(claim_key)
    article_id = _resolve_article(con, article_id)
    row = con.execute("SELECT cluster_id FROM claim_clusters WHERE article_id = ? AND claim_id = ?",
                      [article_id, claim_id]).fetchone()
    if row is None:
        exists = con.execute("SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?",
                             [article_id, claim_id]).fetchone()
        if not exists:
            raise NotFound(f"no claim {claim_id} in article {article_id}")
        raise NotFound(f"claim {article_id}/{claim_id} is not linked yet: run `zufolge link --db …`")
    cluster_id = row[0]
    reports = con.execute(
        """SELECT cc.article_id, cc.claim_id, cc.first_seen, cc.is_origin, a.outlet, a.title,
                  a.language, c.content_text, c.source_text, c.source_kind, c.chain, c.certainty,
                  c.polarity, cc.origin_source
           FROM claim_clusters cc JOIN claims c USING (article_id, claim_id)
           JOIN articles a USING (article_id)
           WHERE cc.cluster_id = ? ORDER BY cc.first_seen NULLS LAST, cc.article_id, cc.claim_id""",
        [cluster_id]).fetchall()
    cols = ["article_id", "claim_id", "first_seen", "is_origin", "outlet", "title", "language",
            "content", "source", "source_kind", "chain", "certainty", "polarity", "origin_source"]
    items = [dict(zip(cols, r)) for r in reports]
    for it in items:
        it["first_seen"] = str(it["first_seen"]) if it["first_seen"] is not None else None
        it["chain"] = list(it["chain"] or [])
    return {
        "cluster_id": cluster_id,
        "origin_source": items[0]["origin_source"] if items else None,
        "earliest": items[0] if items else None,
        "reports": items,
        "certainty_changes": _changes(items),
    }


def _changes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for prev, cur in zip(items, items[1:]):
        if prev["certainty"] != cur["certainty"]:
            direction = "stronger" if _RANK.get(cur["certainty"], 0) > _RANK.get(prev["certainty"], 0) \
                else "weaker"
            out.append({"from": prev["certainty"], "to": cur["certainty"], "direction": direction,
                        "article_id": cur["article_id"], "claim_id": cur["claim_id"]})
    return out


def certainty_drift(con, limit: int = 50) -> list[dict[str, Any]]:
    """Clusters hedged at the origin and asserted in a later report: findings to surface."""
    rows = con.execute(
        """WITH o AS (SELECT cluster_id, certainty AS origin_certainty FROM claim_clusters
                      WHERE is_origin)
           SELECT cc.cluster_id, o.origin_certainty, count(*) AS asserted_reports,
                  min(cc.first_seen) AS first_asserted
           FROM claim_clusters cc JOIN o USING (cluster_id)
           WHERE o.origin_certainty IN ('reported','expected','possible','doubtful')
             AND cc.certainty = 'asserted' AND NOT cc.is_origin
           GROUP BY ALL ORDER BY asserted_reports DESC LIMIT ?""", [limit]).fetchall()
    return [{"cluster_id": r[0], "origin_certainty": r[1], "asserted_reports": r[2],
             "first_asserted": str(r[3])} for r in rows]


def _entity_ids(con, entity: str) -> list[tuple[str, str]]:
    """(article_id, entity_id) pairs for a Wikidata id or an entity name."""
    rows = con.execute(
        "SELECT article_id, entity_id FROM entities WHERE wikidata = ? OR lower(name) = lower(?)",
        [entity, entity]).fetchall()
    return [(a, e) for a, e in rows]


def who_says(con, entity: str, limit: int = 200) -> dict[str, Any]:
    """Claims about ``entity`` (Wikidata id or name), grouped by their source."""
    if not _entity_ids(con, entity):
        raise NotFound(f"no entity {entity!r} in the store")
    rows = con.execute(
        """WITH target AS (SELECT article_id, entity_id FROM entities
                           WHERE wikidata = $1 OR lower(name) = lower($1)),
                about AS (SELECT DISTINCT c.article_id, c.claim_id FROM claims c
                          JOIN target t USING (article_id)
                          JOIN mentions m ON m.article_id = c.article_id AND m.entity_id = t.entity_id
                          WHERE m.start >= c.content_start AND m."end" <= c.content_end)
           SELECT coalesce(se.name, c.source_text, c.source_kind) AS who, c.source_kind,
                  c.article_id, c.claim_id, c.content_text, c.certainty, c.polarity, a.outlet,
                  a.published, cc.cluster_id
           FROM about JOIN claims c USING (article_id, claim_id) JOIN articles a USING (article_id)
           LEFT JOIN entities se ON se.article_id = c.article_id AND se.entity_id = c.source_entity
           LEFT JOIN claim_clusters cc ON cc.article_id = c.article_id AND cc.claim_id = c.claim_id
           ORDER BY who, a.published NULLS LAST LIMIT $2""", [entity, limit]).fetchall()
    by_source: dict[str, dict[str, Any]] = {}
    for who, kind, aid, cid, content, certainty, polarity, outlet, published, cluster in rows:
        group = by_source.setdefault(who or "unknown", {"source": who, "kind": kind, "claims": []})
        group["claims"].append({"article_id": aid, "claim_id": cid, "content": content,
                                "certainty": certainty, "polarity": polarity, "outlet": outlet,
                                "published": published, "cluster_id": cluster})
    groups = sorted(by_source.values(), key=lambda g: -len(g["claims"]))
    return {"entity": entity, "sources": groups,
            "claims": sum(len(g["claims"]) for g in groups)}


def count_events(con, actor: str | None = None, type: str | None = None,
                 date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Events counted once per real-world happening (cluster), with how many reports."""
    where, params = ["TRUE"], []
    if actor:
        where.append("(ec.actor_key = ? OR lower(ec.actor_key) LIKE '%:' || lower(?))")
        params += [actor, actor]
    if type:
        where.append("upper(ec.type) = upper(?)")
        params.append(type)
    if date_from:
        where.append("(ec.date IS NULL OR ec.date >= ?)")
        params.append(date_from)
    if date_to:
        # "2024-08" includes every day of August
        where.append("(ec.date IS NULL OR substr(ec.date, 1, ?) <= ?)")
        params += [len(date_to), date_to]
    rows = con.execute(
        f"""SELECT ec.cluster_id, any_value(ec.type), min(ec.date), max(ec.date),
                   list(DISTINCT ec.modality), count(*) AS reports,
                   count(DISTINCT ec.article_id) FILTER (WHERE NOT coalesce(ec.is_duplicate, false)),
                   min(ec.first_seen), any_value(ec.event_text)
            FROM event_clusters ec WHERE {' AND '.join(where)}
            GROUP BY ec.cluster_id ORDER BY min(ec.date) NULLS LAST, ec.cluster_id""",
        params).fetchall()
    return [{"cluster_id": r[0], "type": r[1], "date_from": r[2], "date_to": r[3],
             "modalities": sorted(m for m in r[4] if m), "reports": r[5], "articles": r[6],
             "first_seen": str(r[7]), "example": r[8]} for r in rows]
