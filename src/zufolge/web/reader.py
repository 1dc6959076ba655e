"""Read-only queries over a zufolge store, for the web pages and the JSON API.

The web app never writes: the store is opened with ``read_only=True`` and every
request works on its own cursor (DuckDB cursors are independent connections to
the same database, which keeps concurrent requests thread-safe). All values
reach SQL as bound parameters, never by string formatting.

Entities are addressed across articles by an *entity key*: the Wikidata id when
there is one (``Q423``), else ``TYPE:name`` (``MEDIA:TV Chosun``).

Example::

    >>> reader = StoreReader("news.duckdb")                          # doctest: +SKIP
    >>> rows, total = reader.search_articles(q="Nordkorea", limit=10)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import NotFound, StoreError

__all__ = ["ArticleFilter", "StoreReader", "entity_key", "parse_entity_key"]

_QID = re.compile(r"^Q[1-9][0-9]*$")


def entity_key(wikidata: str | None, type_: str | None, name: str | None) -> str:
    """The corpus-wide key of an entity: ``Q423`` or ``GPE:North Korea``."""
    if wikidata and _QID.match(wikidata):
        return wikidata
    return f"{type_ or 'MISC'}:{name or ''}"


def parse_entity_key(key: str) -> tuple[str, Any] | None:
    """``("wikidata", "Q423")`` or ``("typed", ("MEDIA", "TV Chosun"))``; None when malformed."""
    if _QID.match(key):
        return ("wikidata", key)
    type_, sep, name = key.partition(":")
    if not sep or not name or not re.fullmatch(r"[A-Z]{2,10}", type_):
        return None
    return ("typed", (type_, name))


def _like(q: str) -> str:
    """A LIKE pattern matching ``q`` literally (``%``, ``_`` and ``\\`` escaped)."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class ArticleFilter:
    """Search filters for articles; every field optional."""

    q: str | None = None
    lang: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None  # an entity key
    source: str | None = None  # text in a claim's source mention or anonymous class
    certainty: str | None = None  # a claim certainty level

    def sql(self, tables: set[str]) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if self.q:
            where.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
            params += [_like(self.q)] * 2
        if self.lang:
            where.append("a.language = ?")
            params.append(self.lang)
        if self.outlet:
            where.append("a.outlet = ?")
            params.append(self.outlet)
        if self.date_from:
            where.append("CAST(a.published AS VARCHAR) >= ?")
            params.append(self.date_from)
        if self.date_to:
            # "2024-07" as an upper bound includes every day of July.
            where.append("CAST(a.published AS VARCHAR) <= ?")
            params.append(self.date_to + "\uffff")
        if self.entity:
            cond, p = _entity_condition(self.entity, "e")
            if "entities" not in tables:
                where.append("FALSE")
            else:
                where.append(f"EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.article_id AND {cond})")
                params += p
        if self.source or self.certainty:
            if "claims" not in tables:
                where.append("FALSE")
            else:
                sub = ["c.article_id = a.article_id"]
                if self.source:
                    sub.append("(c.source_text ILIKE ? ESCAPE '\\' OR c.anonymous_class ILIKE ? ESCAPE '\\')")
                    params += [_like(self.source)] * 2
                if self.certainty:
                    sub.append("c.certainty = ?")
                    params.append(self.certainty)
                where.append(f"EXISTS (SELECT 1 FROM claims c WHERE {' AND '.join(sub)})")
        return (" WHERE " + " AND ".join(where)) if where else "", params


def _entity_condition(key: str, alias: str) -> tuple[str, list[Any]]:
    parsed = parse_entity_key(key)
    if parsed is None:
        return "FALSE", []
    kind, value = parsed
    if kind == "wikidata":
        return f"{alias}.wikidata = ?", [value]
    type_, name = value
    return f"({alias}.type = ? AND {alias}.name = ?)", [type_, name]


def _snippet(text: str, q: str | None, width: int = 110) -> str:
    if not text:
        return ""
    pos = text.lower().find(q.lower()) if q else -1
    if pos < 0:
        # skip the title line: it is shown anyway
        first = text.find("\n\n")
        start = first + 2 if 0 <= first < 300 else 0
        body = text[start:start + 2 * width]
        return body + ("…" if len(text) > start + 2 * width else "")
    a = max(0, pos - width)
    b = min(len(text), pos + len(q or "") + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


@dataclass
class StoreReader:
    """Opens a store read-only once; hands out one cursor per request."""

    path: str | os.PathLike[str]
    tables: set[str] = field(default_factory=set)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        import duckdb

        from ..corpus.store import Store

        self.path = Path(self.path)
        # Store validates that this is a zufolge store of a known schema version.
        with Store(self.path, read_only=True):
            pass
        try:
            self._con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path} read-only: {exc}") from exc
        self.tables = {r[0] for r in self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self.cursor() as cur:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [dict(zip(cols, row, strict=True)) for row in res.fetchall()]

    def _count(self, table: str) -> int:
        if table not in self.tables:
            return 0
        with self.cursor() as cur:
            return cur.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    # -- overview --------------------------------------------------------
    def overview(self) -> dict[str, Any]:
        # The store cannot change while we hold it open read-only (DuckDB locks out writers),
        # so corpus-wide summaries are computed once.
        if self._cache.get("overview") is None:
            self._cache["overview"] = self._overview()
        return self._cache["overview"]

    def _overview(self) -> dict[str, Any]:
        counts = {t: self._count(t) for t in ("articles", "entities", "claims", "events", "rejected")}
        langs = self._rows("SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 20")
        outlets = self._rows("SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
                             "GROUP BY 1 ORDER BY 2 DESC LIMIT 20")
        certainty = (self._rows("SELECT certainty, count(*) AS n FROM claims GROUP BY 1 ORDER BY 2 DESC")
                     if "claims" in self.tables else [])
        top_entities = []
        if "entities" in self.tables:
            top_entities = self._rows(
                "SELECT any_value(type) AS type, any_value(name) AS name, any_value(wikidata) AS wikidata, "
                "count(DISTINCT article_id) AS articles FROM entities "
                "GROUP BY coalesce(wikidata, type || ':' || name) ORDER BY 4 DESC, 2 LIMIT 20")
            for e in top_entities:
                e["key"] = entity_key(e["wikidata"], e["type"], e["name"])
        latest, _ = self.search_articles(ArticleFilter(), limit=15, offset=0)
        return {"counts": counts, "languages": langs, "outlets": outlets, "certainty": certainty,
                "entities": top_entities, "latest": latest}

    # -- articles --------------------------------------------------------
    def search_articles(self, flt: ArticleFilter, limit: int = 20,
                        offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        where, params = flt.sql(self.tables)
        # Two steps: find, count and order the matching ids (narrow rows), then read the
        # wide columns (text for the snippet) of just this page.
        with self.cursor() as cur:
            found = cur.execute(
                "SELECT a.article_id, count(*) OVER () AS total FROM articles a"
                f"{where} ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?",
                params + [limit, offset]).fetchall()
            if found:
                total = found[0][1]
            elif offset:
                total = cur.execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]
            else:
                total = 0
        if not found:
            return [], total
        ids = [r[0] for r in found]
        rows = self._rows(
            "SELECT a.article_id AS id, a.url, a.outlet, a.language, "
            "CAST(a.published AS VARCHAR) AS published, a.title, "
            "CAST(a.ingested_at AS VARCHAR) AS ingested_at, a.text "
            "FROM articles a WHERE a.article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        order = {aid: i for i, aid in enumerate(ids)}
        rows.sort(key=lambda r: order[r["id"]])
        for r in rows:
            r["snippet"] = _snippet(r.pop("text") or "", flt.q)
        return rows, total

    def article_doc(self, article_id: str) -> dict[str, Any]:
        """The stored article JSON; raises NotFound."""
        with self.cursor() as cur:
            row = cur.execute("SELECT doc FROM articles WHERE article_id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        return orjson.loads(row[0])

    def outlets_and_languages(self) -> tuple[list[str], list[str]]:
        if "facets" not in self._cache:
            self._cache["facets"] = self._facets()
        return self._cache["facets"]

    def _facets(self) -> tuple[list[str], list[str]]:
        outlets = [r["outlet"] for r in self._rows(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1 LIMIT 200")]
        langs = [r["language"] for r in self._rows(
            "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY 1")]
        return outlets, langs

    # -- claims ----------------------------------------------------------
    def claims(self, q: str | None = None, entity: str | None = None, source: str | None = None,
               certainty: str | None = None, limit: int = 50,
               offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Claims matching: content text, an entity anywhere in the chain, source text, certainty."""
        if "claims" not in self.tables:
            return [], 0
        where, params, ctes = [], [], ""
        if q:
            where.append("c.content_text ILIKE ? ESCAPE '\\'")
            params.append(_like(q))
        if entity:
            # the entity is in the chain (it says so, or passes it on) or is named in the content;
            # as a join against the few matching entity rows, not a correlated subquery
            cond, p = _entity_condition(entity, "e")
            about = ("UNION SELECT c.article_id, c.claim_id FROM claims c JOIN mentions m "
                     "ON m.article_id = c.article_id AND m.start >= c.content_start "
                     "AND m.\"end\" <= c.content_end JOIN ents ON ents.article_id = m.article_id "
                     "AND ents.entity_id = m.entity_id") if "mentions" in self.tables else ""
            ctes = (f"WITH ents AS (SELECT e.article_id, e.entity_id FROM entities e WHERE {cond}), "
                    "hits AS (SELECT c.article_id, c.claim_id FROM claims c JOIN ents USING (article_id) "
                    f"WHERE list_contains(c.chain, ents.entity_id) {about}) ")
            params = p + params
            where.append("(c.article_id, c.claim_id) IN (SELECT (article_id, claim_id) FROM hits)")
        if source:
            where.append("(c.source_text ILIKE ? ESCAPE '\\' OR c.anonymous_class ILIKE ? ESCAPE '\\')")
            params += [_like(source)] * 2
        if certainty:
            where.append("c.certainty = ?")
            params.append(certainty)
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        # Two steps, as for articles: order and count narrow keys, then read one page of details.
        with self.cursor() as cur:
            found = cur.execute(
                f"{ctes}SELECT c.article_id, c.claim_id, count(*) OVER () FROM claims c "
                f"JOIN articles a USING (article_id){sql_where} "
                "ORDER BY a.published DESC NULLS LAST, c.article_id, c.content_start LIMIT ? OFFSET ?",
                params + [limit, offset]).fetchall()
        if not found:
            return [], 0
        total = found[0][2]
        keys = [f"{aid}\u0000{cid}" for aid, cid, _ in found]
        rows = self._rows(
            "SELECT c.article_id, c.claim_id, c.content_start, c.content_end, c.content_text, c.cue_text, "
            "c.source_text, c.source_kind, c.source_entity, c.anonymous_class, c.via, c.chain, c.certainty, "
            "c.polarity, c.mode, c.inherited, c.confidence, a.title, a.outlet, "
            "CAST(a.published AS VARCHAR) AS published "
            "FROM claims c JOIN articles a USING (article_id) "
            "WHERE c.article_id IN (SELECT DISTINCT split_part(k, chr(0), 1) FROM unnest(?::VARCHAR[]) t(k)) "
            "AND c.article_id || chr(0) || c.claim_id IN (SELECT unnest(?::VARCHAR[]))", [keys, keys])
        order = {k: i for i, k in enumerate(keys)}
        rows.sort(key=lambda r: order[f"{r['article_id']}\u0000{r['claim_id']}"])
        self._name_chains(rows)
        return rows, total

    def _entity_names(self, article_ids: set[str]) -> dict[tuple[str, str], dict[str, Any]]:
        if not article_ids or "entities" not in self.tables:
            return {}
        rows = self._rows("SELECT article_id, entity_id, type, name, wikidata FROM entities "
                          "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(article_ids)])
        return {(r["article_id"], r["entity_id"]): r for r in rows}

    def _name_chains(self, rows: list[dict[str, Any]]) -> None:
        """Add ``chain_names`` (readable) next to each row's ``chain`` of ids."""
        names = self._entity_names({r["article_id"] for r in rows})
        for r in rows:
            readable = []
            for link in r.get("chain") or ():
                ent = names.get((r["article_id"], link))
                readable.append(ent["name"] if ent else link)
            r["chain_names"] = readable
            ent = names.get((r["article_id"], r.get("source_entity")))
            r["source_entity_key"] = entity_key(ent["wikidata"], ent["type"], ent["name"]) if ent else None

    def claim_cluster(self, article_id: str, claim_id: str) -> list[dict[str, Any]]:
        """Every claim in the same cluster (across articles), origin first; [] when none."""
        if "claim_clusters" not in self.tables:
            return []
        return self._rows(
            "SELECT k.cluster_id, k.article_id, k.claim_id, k.is_origin, k.first_seen, a.title, a.outlet, "
            "a.language, CAST(a.published AS VARCHAR) AS published, c.content_text, c.certainty "
            "FROM claim_clusters k JOIN articles a USING (article_id) "
            "LEFT JOIN claims c ON c.article_id = k.article_id AND c.claim_id = k.claim_id "
            "WHERE k.cluster_id IN (SELECT cluster_id FROM claim_clusters WHERE article_id = ? AND claim_id = ?) "
            "ORDER BY k.is_origin DESC, k.first_seen NULLS LAST, a.published NULLS LAST LIMIT 200",
            [article_id, claim_id])

    # -- events ----------------------------------------------------------
    def events(self, actor: str | None = None, type_: str | None = None, date_from: str | None = None,
               date_to: str | None = None, q: str | None = None, dated_only: bool = False,
               limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        if "events" not in self.tables:
            return [], 0
        where, params = [], []
        if actor:
            cond, p = _entity_condition(actor, "ea")
            where.append(cond)
            params += p
        if type_:
            where.append("v.type = ?")
            params.append(type_)
        if date_from:
            where.append("v.date >= ?")
            params.append(date_from)
        if date_to:
            where.append("v.date <= ?")
            params.append(date_to + "\uffff")
        if q:
            where.append("(v.label ILIKE ? ESCAPE '\\' OR a.title ILIKE ? ESCAPE '\\')")
            params += [_like(q)] * 2
        if dated_only:
            where.append("v.date IS NOT NULL")
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        join_e = "entities" in self.tables
        if actor and not join_e:
            return [], 0
        actor_join = ("JOIN entities ea ON ea.article_id = v.article_id AND ea.entity_id = v.actor "
                      if actor else "")
        # Two steps: order and count the matching events, then name the entities of one page.
        rows = self._rows(
            "SELECT v.article_id, v.event_id, v.type, v.cameo, v.label, v.actor, v.target, v.location, "
            "v.date, v.date_precision, v.modality, v.confidence, a.title, a.outlet, "
            "CAST(a.published AS VARCHAR) AS published, count(*) OVER () AS _total "
            f"FROM events v JOIN articles a USING (article_id) {actor_join}{sql_where} "
            "ORDER BY v.date NULLS LAST, v.article_id, v.event_id LIMIT ? OFFSET ?",
            params + [limit, offset])
        total = rows[0]["_total"] if rows else 0
        names = self._entity_names({r["article_id"] for r in rows})
        for r in rows:
            r.pop("_total")
            for role in ("actor", "target", "location"):
                ent = names.get((r["article_id"], r[role])) if r[role] else None
                r[f"{role}_name"] = ent["name"] if ent else None
                r[f"{role}_key"] = entity_key(ent["wikidata"], ent["type"], ent["name"]) if ent else None
        return rows, total

    def event_types(self) -> list[str]:
        if "events" not in self.tables:
            return []
        if "event_types" not in self._cache:
            self._cache["event_types"] = [r["type"] for r in self._rows(
                "SELECT DISTINCT type FROM events ORDER BY 1 LIMIT 100")]
        return self._cache["event_types"]

    # -- entities --------------------------------------------------------
    def entity(self, key: str, limit: int = 100) -> dict[str, Any]:
        """Who says what about this entity, what it says, and its events; raises NotFound."""
        if "entities" not in self.tables:
            raise NotFound(f"no entity {key!r}")
        cond, params = _entity_condition(key, "e")
        with self.cursor() as cur:
            article_count, = cur.execute(
                f"SELECT count(DISTINCT e.article_id) FROM entities e WHERE {cond}", params).fetchone()
        if not article_count:
            raise NotFound(f"no entity {key!r}")
        occurrences = self._rows(
            "SELECT e.article_id, e.entity_id, e.type, e.name, e.wikidata, e.mention_count, a.title, "
            "a.outlet, CAST(a.published AS VARCHAR) AS published "
            f"FROM entities e JOIN articles a USING (article_id) WHERE {cond} "
            "ORDER BY a.published DESC NULLS LAST, e.article_id LIMIT ?", params + [limit])
        first = occurrences[0]
        names = [r["name"] for r in self._rows(
            f"SELECT name, count(*) AS n FROM entities e WHERE {cond} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
            params)]
        says: list[dict[str, Any]] = []
        if "claims" in self.tables:
            says = self._rows(
                "SELECT c.article_id, c.claim_id, c.content_text, c.cue_text, c.source_text, c.certainty, "
                "c.polarity, c.chain, a.title, a.outlet, CAST(a.published AS VARCHAR) AS published "
                "FROM claims c JOIN entities e ON e.article_id = c.article_id AND e.entity_id = c.source_entity "
                f"JOIN articles a ON a.article_id = c.article_id WHERE {cond} "
                "ORDER BY a.published DESC NULLS LAST, c.article_id, c.content_start LIMIT ?", params + [limit])
            self._name_chains(says)
        about = self._claims_about(occurrences, limit)
        events: list[dict[str, Any]] = []
        if "events" in self.tables:
            events = self._rows(
                "SELECT v.article_id, v.event_id, v.type, v.label, v.date, v.modality, "
                "CASE WHEN v.actor = e.entity_id THEN 'actor' ELSE 'target' END AS role, a.title "
                "FROM events v JOIN entities e ON e.article_id = v.article_id "
                "AND (e.entity_id = v.actor OR e.entity_id = v.target) "
                f"JOIN articles a ON a.article_id = v.article_id WHERE {cond} "
                "ORDER BY v.date NULLS LAST, v.article_id LIMIT ?", params + [limit])
        return {
            "id": key, "name": first["name"], "type": first["type"], "wikidata": first["wikidata"],
            "names": names, "article_count": article_count, "articles": occurrences, "says": says, "about": about, "events": events,
        }

    def _claims_about(self, occurrences: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
        """Claims whose content contains a mention of the entity (from the mentions table)."""
        if not occurrences or not {"claims", "mentions"} <= self.tables:
            return []
        pairs = [f"{o['article_id']}\u0000{o['entity_id']}" for o in occurrences]
        rows = self._rows(
            "SELECT DISTINCT c.article_id, c.claim_id, c.content_start, c.content_text, c.cue_text, "
            "c.source_text, c.source_kind, c.certainty, c.polarity, c.chain, a.title, a.outlet, "
            "CAST(a.published AS VARCHAR) AS published "
            "FROM mentions m JOIN claims c ON c.article_id = m.article_id "
            "AND m.start >= c.content_start AND m.\"end\" <= c.content_end "
            "JOIN articles a ON a.article_id = c.article_id "
            "WHERE m.article_id || chr(0) || m.entity_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY published DESC NULLS LAST, c.article_id, c.content_start LIMIT ?", [pairs, limit])
        self._name_chains(rows)
        return rows
