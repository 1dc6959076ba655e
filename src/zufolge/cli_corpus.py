"""Corpus commands: link, trace, who-says, events (registered on the main CLI app).

Examples::

    zufolge link --db news.duckdb
    zufolge trace 3f2a9c…/c2 --db news.duckdb
    zufolge who-says --entity Q423 --db news.duckdb
    zufolge events --actor Q423 --from 2024-06 --to 2024-08 --db news.duckdb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import ZufolgeError


def _open(db: Path, read_only: bool):
    from .corpus import Store

    try:
        return Store(db, read_only=read_only)
    except ZufolgeError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        raise typer.Exit(2) from exc


def _answer(db: Path, question, *args, usage_exit: int = 1):
    """Run a corpus query on a read-only store; a query error exits with its message."""
    with _open(db, read_only=True) as st:
        try:
            return question(st.con, *args)
        except ZufolgeError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            raise typer.Exit(usage_exit if exc.code == "usage" else 1) from exc


def _emit(obj, as_json: bool, render) -> None:
    if as_json:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        render(obj)


def register(app: typer.Typer) -> None:
    @app.command()
    def link(db: Annotated[Path, typer.Option("--db", help="the DuckDB store")]) -> None:
        """Link stored articles across the corpus (near-duplicates, claim and event clusters).

        Incremental: only articles not linked yet are looked at. `ingest` runs it for you.
        """
        from .corpus.linking import link_pending

        with _open(db, read_only=False) as st:
            stats = link_pending(st.con)
        print(f"{db}: linked {stats.articles} articles ({stats.near_duplicates} near-duplicates, "
              f"{stats.claims} claims, {stats.events} events)", file=sys.stderr)

    @app.command()
    def trace(
        claim: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="ARTICLE_ID/CLAIM_ID, e.g. 3f2a…/c2")],
        db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """The provenance tree of a claim: every report of it, earliest first, with its chain."""
        from .corpus.queries import trace as _trace

        _emit(_answer(db, _trace, claim, usage_exit=2), as_json, _print_trace)

    @app.command("who-says")
    def who_says(
        entity: Annotated[str, typer.Option("--entity", help="a Wikidata id (Q423) or a name")],
        db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """What is claimed about an entity, and by whom."""
        from .corpus.queries import who_says as _who

        _emit(_answer(db, _who, entity), as_json, _print_who)

    @app.command()
    def events(
        db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
        actor: Annotated[str | None, typer.Option("--actor", help="Wikidata id or name")] = None,
        type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. MOBILIZE")] = None,
        date_from: Annotated[str | None, typer.Option("--from", help="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """Counted events — one per real-world happening, however many reports."""
        from .corpus.queries import count_events

        res = _answer(db, lambda con: count_events(con, actor=actor, type=type, date_from=date_from,
                                                   date_to=date_to))
        _emit(res, as_json, _print_events)


def _print_trace(tree) -> None:
    print(f"cluster {tree['cluster_id']} — originating source: {tree['origin_source'] or 'unknown'}")
    for r in tree["reports"]:
        mark = "origin" if r["is_origin"] else "      "
        chain = " ← ".join(r["chain"])
        print(f"  {mark} {r['first_seen'] or '?':19.19} {r['outlet'] or r['article_id'][:12]:20.20} "
              f"[{r['certainty']}] {chain}")
        print(f"         {r['content'][:100]}")
    for ch in tree["certainty_changes"]:
        print(f"  certainty {ch['direction']}: {ch['from']} → {ch['to']} in {ch['article_id'][:12]}/{ch['claim_id']}")


def _print_who(res) -> None:
    print(f"{res['claims']} claims about {res['entity']}")
    for g in res["sources"]:
        print(f"  {g['source']} ({g['kind']}): {len(g['claims'])}")
        for c in g["claims"][:5]:
            print(f"     [{c['certainty']}{'' if c['polarity'] == 'positive' else ', negated'}] {c['content'][:90]}")


def _print_events(rows) -> None:
    print(f"{len(rows)} events")
    for r in rows:
        date = r["date_from"] or "?"
        print(f"  {date:10} {r['type']:10} {','.join(r['modalities']):18} {r['reports']:3} reports  "
              f"{(r['example'] or '')[:70]}")
