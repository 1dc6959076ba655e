"""The ``zufolge`` command line: analyze, ingest, query, export, serve, bench.

The CLI owns all output: results go to stdout (or ``--out``), progress and
rejected articles to stderr. Exit codes: 0 all fine, 1 some articles were
rejected (each reported as ``rejected <id> <reason>: <detail>``), 2 usage error.

Example::

    $ zufolge analyze examples/de_nordkorea.txt --format table
    $ zufolge ingest examples/ --db news.duckdb
    $ zufolge query --db news.duckdb "SELECT source_text, content_text FROM claims"
"""

from __future__ import annotations

import csv
import dataclasses
import html
import importlib.util
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Self, TextIO

import typer

from .errors import StoreError, UsageError, ZufolgeError
from .schema import Article, RawDocument, Rejected

app = typer.Typer(
    name="zufolge",
    help="Who says what, through whom, how sure: claims, sources, events and entities in "
         "German and English news.\n\nExit codes: 0 all fine, 1 some articles rejected "
         "(reported on stderr), 2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _options(
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="show warnings and tracebacks of failing stages")] = False,
) -> None:
    import logging

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    else:
        # a failing stage is already reported as `rejected <id> stage_failed: …`
        logging.getLogger("zufolge").setLevel(logging.CRITICAL)


class AnalyzeFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    html = "html"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Lang(str, Enum):
    de = "de"
    en = "en"
    auto = "auto"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


# -- shared helpers ---------------------------------------------------------

def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error for the user and return the Exit to raise."""
    print(f"zufolge: error: {message}", file=sys.stderr)
    return typer.Exit(code)


def _check_paths(paths: list[str]) -> None:
    if not paths:
        raise _fail("give at least one PATH (a file, a directory, or - for stdin)")
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise _fail(f"no such file or directory: {p}")


def _read(paths: list[str], raw: bool, lang: Lang) -> Iterator[RawDocument | Rejected]:
    from .ingest import read_paths

    forced = None if lang == Lang.auto else lang.value
    for item in read_paths(paths, raw=raw):
        if forced and isinstance(item, RawDocument):
            item = dataclasses.replace(item, lang=forced)
        yield item


def _report_rejected(r: Rejected, console: Any | None = None) -> None:
    detail = " ".join(str(r.detail).split())
    line = f"rejected {r.id} {r.reason}: {detail}"
    if console is not None:
        console.print(line, markup=False, highlight=False)
    else:
        print(line, file=sys.stderr, flush=True)


class _Progress:
    """A progress bar on stderr when it is a terminal; silent when piped."""

    def __init__(self, label: str) -> None:
        self.enabled = sys.stderr.isatty()
        self.label = label
        self.done = 0
        self.rejected = 0
        self._progress = None
        self._task = None

    def __enter__(self) -> Self:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"),
                TextColumn("{task.completed} done, {task.fields[rejected]} rejected"),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task(self.label, total=None, rejected=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    @property
    def console(self):
        return self._progress.console if self._progress is not None else None

    def tap(self, items: Iterable[Article | Rejected]) -> Iterator[Article | Rejected]:
        for item in items:
            if isinstance(item, Rejected):
                self.rejected += 1
                _report_rejected(item, self.console)
            else:
                self.done += 1
            if self._progress is not None:
                self._progress.update(self._task, completed=self.done + self.rejected,
                                      rejected=self.rejected)
            yield item


def _json_bytes(obj: Any, indent: bool = False) -> bytes:
    import orjson

    opts = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(obj, option=opts, default=str)


# -- analyze ----------------------------------------------------------------

@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help=".txt, .html, .jsonl, .warc(.gz), a directory, or - for stdin")],
    format: Annotated[AnalyzeFormat, typer.Option(
        "--format", "-f", help="json (a list), jsonl (one per line), table (a readable summary), "
                               "html (an annotated page)")] = AnalyzeFormat.json,
    raw: Annotated[bool, typer.Option(
        "--raw", help="the input is already clean body text: no cleaning, offsets match it")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="the articles' language; auto detects it")]
    = Lang.auto,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of stdout")]
    = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="worker processes")] = 1,
) -> None:
    """Analyze articles and print or save the result.

    Finds claims with their sources and attribution chains, entities, events,
    dates, quantities and checks. Example: zufolge analyze examples/de_nordkorea.txt --format table
    """
    import zufolge

    _check_paths(paths)
    stream: TextIO = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        with _Progress("analyzing") as progress:
            results = progress.tap(zufolge.analyze_many(_read(paths, raw, lang), workers=workers))
            articles = (x for x in results if isinstance(x, Article))
            if format == AnalyzeFormat.jsonl:
                for a in articles:
                    stream.write(_json_bytes(a.to_dict()).decode("utf-8") + "\n")
                    stream.flush()
            elif format == AnalyzeFormat.json:
                stream.write("[")
                for i, a in enumerate(articles):
                    stream.write(("," if i else "") + "\n" + _json_bytes(a.to_dict(), indent=True)
                                 .decode("utf-8"))
                stream.write("\n]\n")
            elif format == AnalyzeFormat.table:
                from rich.console import Console

                console = Console(file=stream, width=None if stream.isatty() else 110,
                                  highlight=False, soft_wrap=False)
                for i, a in enumerate(articles):
                    if i:
                        console.rule()
                    print_table(a, console)
            else:
                stream.write(render_html(list(articles)))
    except ZufolgeError as exc:
        raise _fail(exc.message) from exc
    finally:
        if out:
            stream.close()
    if progress.rejected:
        raise typer.Exit(1)


# -- ingest -----------------------------------------------------------------

@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help=".txt, .html, .jsonl, .warc(.gz), a directory, or - for stdin")],
    db: Annotated[Path, typer.Option("--db", help="the DuckDB store (created when missing)")],
    raw: Annotated[bool, typer.Option("--raw", help="the input is already clean body text")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="the articles' language; auto detects it")]
    = Lang.auto,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, show_default=False,
        help="worker processes (default: number of cores)")] = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local worker processes, or ray (pip install 'zufolge[ray]')")]
    = Engine.local,
    address: Annotated[str | None, typer.Option(
        "--address", help="with --engine ray: auto or ray://host:port (default: a local Ray)")]
    = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="articles per transaction")] = 200,
    link: Annotated[bool, typer.Option(
        "--link/--no-link", help="link new articles into claim and event clusters across the corpus")]
    = True,
) -> None:
    """Analyze articles into a DuckDB store.

    Idempotent: articles already stored are skipped (a rerun resumes); rejected ones are
    recorded in the `rejected` table and reported on stderr. Example:
    zufolge ingest examples/ --db news.duckdb
    """
    import zufolge

    from .corpus import Store
    from .ingest import document_id

    _check_paths(paths)
    workers = workers or os.cpu_count() or 1
    if engine == Engine.ray:
        if importlib.util.find_spec("zufolge.scale") is None:
            raise _fail("--engine ray is not yet available in this version of zufolge; "
                        "use --engine local (the default)")
        if importlib.util.find_spec("ray") is None:
            raise _fail("Ray is not installed: pip install 'zufolge[ray]'")
    try:
        store = Store(db)
    except ZufolgeError as exc:
        raise _fail(exc.message) from exc
    skipped_early = 0
    with store, _Progress(f"ingesting into {db}") as progress:

        def fresh() -> Iterator[RawDocument | Rejected]:
            # Articles already stored are not analyzed again (a rerun resumes).
            nonlocal skipped_early
            for item in _read(paths, raw, lang):
                if isinstance(item, RawDocument) and store.has(document_id(item)):
                    skipped_early += 1
                    continue
                yield item

        try:
            if engine == Engine.ray:
                from . import scale  # type: ignore[attr-defined]

                # Ray actors analyze and write Parquet shards; the driver merges them (docs/scale.md)
                with scale.RayPool(workers=workers, address=address) as pool:
                    run = pool.ingest(_read(paths, raw, lang), store, batch_size=batch_size)
                    for _ in progress.tap(run):
                        pass
                result = run.result
            else:
                result = store.add(progress.tap(zufolge.analyze_many(fresh(), workers=workers)),
                                   batch_size=batch_size)
        except StoreError as exc:
            raise _fail(exc.message) from exc
        linked = None
        if link and importlib.util.find_spec("zufolge.corpus.linking") is not None:
            from .corpus.linking import link_pending

            linked = link_pending(store.con)
    print(f"{db}: {result.added} added, {result.skipped + skipped_early} already stored, "
          f"{result.rejected} rejected", file=sys.stderr)
    if linked is not None and linked.articles:
        print(f"linked {linked.articles} articles: {linked.claims} claims, {linked.events} events, "
              f"{linked.near_duplicates} near-duplicates", file=sys.stderr)
    if result.rejected:
        raise typer.Exit(1)


# -- query / export / serve ---------------------------------------------------

@app.command()
def query(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="one read-only SELECT statement")],
    db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="table, csv or json")]
    = QueryFormat.table,
) -> None:
    """Run read-only SQL on a store.

    Example: zufolge query --db news.duckdb "SELECT source_text, certainty, content_text FROM claims"
    """
    from .corpus import Store

    try:
        with Store(db, read_only=True) as store:
            columns, rows = store.query(sql)
    except ZufolgeError as exc:
        raise _fail(exc.message) from exc
    if format == QueryFormat.json:
        sys.stdout.write(_json_bytes([dict(zip(columns, r)) for r in rows], indent=True)
                         .decode("utf-8") + "\n")
    elif format == QueryFormat.csv:
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow(["|".join(map(str, v)) if isinstance(v, list) else v for v in r])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for r in rows:
            table.add_row(*(_cell(v) for v in r))
        Console(highlight=False).print(table)
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return " → ".join(map(str, v))
    return str(v)


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
    parquet: Annotated[Path, typer.Option("--parquet", help="directory for one .parquet per table")],
) -> None:
    """Export every table of a store to Parquet files."""
    from .corpus import Store

    try:
        with Store(db, read_only=True) as store:
            files = store.export_parquet(parquet)
    except ZufolgeError as exc:
        raise _fail(exc.message) from exc
    print(f"wrote {len(files)} Parquet files to {parquet}", file=sys.stderr)


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="the DuckDB store")],
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
) -> None:
    """Browse a store in the web browser (needs the web extra)."""
    if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("uvicorn") is None:
        raise _fail("the web app needs FastAPI and uvicorn: pip install 'zufolge[web]'")
    if importlib.util.find_spec("zufolge.web") is None or \
            importlib.util.find_spec("zufolge.web.app") is None:
        raise _fail("the web app is not yet available in this version of zufolge")
    if not db.exists():
        raise _fail(f"no store at {db}: create one with `zufolge ingest … --db {db}`")
    from .web import app as web_app  # type: ignore[attr-defined]

    print(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    if hasattr(web_app, "serve"):
        web_app.serve(db, host=host, port=port)
    else:
        import uvicorn

        uvicorn.run(web_app.create_app(db), host=host, port=port)


@app.command()
def bench(
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="a directory of articles (default: the examples, varied)")] = None,
    n: Annotated[int, typer.Option("--n", min=1, help="articles per language")] = 60,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
    scaling: Annotated[bool, typer.Option(
        "--scaling/--no-scaling", help="also compare local workers and Ray with 1 and 2 workers")]
    = True,
) -> None:
    """Measure speed (articles/s per core) and peak memory.

    Per stage and for the whole pipeline, German and English separately, with trafilatura
    extraction and spaCy's small English pipeline alone as peers on the same texts.
    """
    from . import bench as bench_mod

    if corpus is not None and not corpus.exists():
        raise _fail(f"no such directory: {corpus}")
    try:
        report = bench_mod.run(corpus=corpus, n=n, scaling=scaling)
    except UsageError as exc:
        raise _fail(exc.message) from exc
    if json_out:
        sys.stdout.write(_json_bytes(report, indent=True).decode("utf-8") + "\n")
    else:
        bench_mod.print_report(report)


# -- the readable summary (--format table) -------------------------------------

def _entity_names(a: Article) -> dict[str, str]:
    return {e.id: e.name for e in a.entities or ()}


def chain_text(chain: Iterable[str], names: dict[str, str]) -> str:
    """``["author", "e5", "anon:government official"]`` → ``article → ISW → (anonymous) …``."""
    parts = []
    for link in chain:
        if link == "author":
            parts.append("article")
        elif link.startswith("anon:"):
            parts.append(f"(anonymous) {link[5:]}")
        else:
            parts.append(names.get(link, link))
    return " → ".join(parts)


def _short(s: str | None, n: int = 180) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _source_text(c, names: dict[str, str]) -> str:
    src = c.source
    if src.mention is not None:
        who = src.mention.text
    elif src.entity:
        who = names.get(src.entity, src.entity)
    elif src.anonymous is not None:
        who = f"(anonymous) {src.anonymous.cls}"
    elif src.kind == "author":
        who = "the article itself"
    else:
        who = f"({src.kind})"
    if src.entity and src.mention is not None and names.get(src.entity) \
            and names[src.entity] != src.mention.text:
        who += f" [{names[src.entity]}]"
    if c.inherited:
        who += " (from context)"
    return who


def print_table(a: Article, console) -> None:
    """A summary a reader understands: what the article says and who says it."""
    from rich.table import Table
    from rich.text import Text

    names = _entity_names(a)
    console.print(Text(a.title or "(untitled)", style="bold"))
    meta = [f"language: {a.language or 'unknown'}"]
    for label, value in (("outlet", a.outlet), ("published", a.published), ("url", a.url)):
        if value:
            meta.append(f"{label}: {value}")
    meta.append(f"id: {a.id[:16]}")
    console.print(Text(" · ".join(meta), style="dim"))
    if a.lead:
        console.print(Text("Lead: ", style="bold") + Text(_short(a.lead, 400)))
    for cap in a.captions:
        line = Text("Caption: ", style="bold") + Text(_short(cap.span.text, 300))
        if cap.credit:
            line += Text(f"  (credit: {cap.credit})", style="dim")
        console.print(line)
    if a.subheadings:
        console.print(Text("Subheadings: ", style="bold") +
                      Text(" | ".join(s.text for s in a.subheadings)))

    def section(title: str, columns: list[str], rows: list[list[str]], lines: bool = False) -> None:
        console.print()
        if not rows:
            console.print(Text(f"{title}: none found", style="bold"))
            return
        table = Table(*columns, title=f"{title} ({len(rows)})", title_justify="left",
                      title_style="bold", show_lines=lines, expand=False)
        for r in rows:
            table.add_row(*r)
        console.print(table)

    if a.claims is not None:
        console.print()
        console.print(Text(f"Claims — who says what, through whom, how sure ({len(a.claims)})",
                           style="bold"))
        if not a.claims:
            console.print("none found")
        for c in a.claims:
            sure = c.certainty.level
            if c.certainty.cues:
                sure += " (" + ", ".join(x.text for x in c.certainty.cues) + ")"
            if c.polarity == "negative":
                sure += ", negated"
            cue = " … ".join(p.text for p in c.cue_parts) if c.cue_parts else (
                c.cue.text if c.cue else "")
            who = Text(_source_text(c, names), style="bold")
            if cue:
                who += Text(f"  [{cue}]", style="dim")
            block = Table.grid(padding=(0, 1))
            block.add_column(width=4, justify="right", style="bold")
            block.add_column()
            block.add_row(c.id, who)
            block.add_row("", Text("“" + _short(c.content.text, 300) + "”"))
            block.add_row("", Text(f"via {chain_text(c.chain, names)} · {sure} · {c.mode}",
                                   style="dim"))
            console.print(block)
    if a.entities is not None:
        rows = [[e.name, e.type, e.wikidata or "", str(len(e.mentions)),
                 _short(", ".join(dict.fromkeys(m.text for m in e.mentions)), 80)]
                for e in a.entities]
        section("Entities", ["name", "type", "Wikidata", "mentions", "as written"], rows)
    if a.events is not None:
        rows = []
        for v in a.events:
            what = v.type + (f" ({v.label})" if v.label else "")
            when = (f"{v.date.value} ({v.date.precision})" if v.date and v.date.value else "")
            rows.append([what, names.get(v.actor or "", v.actor or ""),
                         names.get(v.target or "", v.target or ""),
                         names.get(v.location or "", v.location or ""), when, v.modality,
                         ", ".join(v.claims)])
        section("Events", ["what", "who", "to whom", "where", "when", "status", "reported in"], rows)
    if a.times is not None:
        rows = [[t.span.text, t.value or "", t.type, t.anchor] for t in a.times]
        section("Dates and times", ["as written", "means", "type", "relative to"], rows)
    if a.quantities is not None:
        rows = []
        for q in a.quantities:
            value = "" if q.value is None else f"{q.value:,}"
            if q.low is not None and q.high is not None and q.low != q.high:
                value = f"{q.low:,}–{q.high:,}"
            elif q.value is None and q.high is not None:
                value = f"up to {q.high:,}"
            rows.append([q.span.text, value, q.unit or "", q.per or "", q.counted or ""])
        section("Quantities", ["as written", "value", "unit", "per", "of what"], rows)
    if a.checks is not None:
        rows = [[k.kind, k.message, _short("; ".join(e.text for e in k.evidence), 120)]
                for k in a.checks]
        section("Checks", ["check", "finding", "evidence"], rows)
    missing = [n for n in ("entities", "claims", "events", "times", "quantities", "checks")
               if getattr(a, n) is None]
    if missing:
        console.print()
        console.print(Text("Not analyzed in this install: " + ", ".join(missing), style="dim"))


# -- the annotated page (--format html) ----------------------------------------

_CSS = """
body{font:16px/1.55 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em}.meta{color:#666;font-size:.9em}
.text{white-space:pre-wrap;border-top:1px solid #ddd;padding-top:1em;margin-top:1em}
.ent{border-bottom:2px solid #3a7bd5}.claim{background:#fff3c4}.cue{font-weight:600;color:#9a3412}
.source{background:#d9f2e6}.hedge{text-decoration:underline wavy #c026d3}.time{border-bottom:2px dotted #0e7490}
.qty{border-bottom:2px dashed #15803d}.caption{font-style:italic;color:#555}.subheading{font-weight:700}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top}
th{background:#f5f5f5;text-align:left}.legend span{margin-right:1em}
"""


def _marks(a: Article) -> list[tuple[int, int, str, str]]:
    names = _entity_names(a)
    marks: list[tuple[int, int, str, str]] = []
    for cap in a.captions:
        marks.append((cap.span.start, cap.span.end, "caption",
                      "photo caption" + (f" (credit: {cap.credit})" if cap.credit else "")))
    for s in a.subheadings:
        marks.append((s.start, s.end, "subheading", "subheading"))
    for e in a.entities or ():
        for m in e.mentions:
            marks.append((m.start, m.end, "ent", f"{e.type} {e.name}" +
                          (f" ({e.wikidata})" if e.wikidata else "")))
    for c in a.claims or ():
        marks.append((c.content.start, c.content.end, "claim",
                      f"claim {c.id}: {chain_text(c.chain, names)}; {c.certainty.level}"))
        for cue in (c.cue_parts or ((c.cue,) if c.cue else ())):
            marks.append((cue.start, cue.end, "cue", f"cue of {c.id}"))
        if c.source.mention:
            marks.append((c.source.mention.start, c.source.mention.end, "source",
                          f"source of {c.id} ({c.source.kind})"))
        for h in c.certainty.cues:
            marks.append((h.start, h.end, "hedge", f"certainty cue of {c.id}: {c.certainty.level}"))
    for t in a.times or ():
        marks.append((t.span.start, t.span.end, "time", f"date: {t.value}"))
    for q in a.quantities or ():
        marks.append((q.span.start, q.span.end, "qty", f"quantity: {q.value} {q.unit or ''}".strip()))
    return [m for m in marks if 0 <= m[0] < m[1] <= len(a.text)]


def annotated_text_html(a: Article) -> str:
    """The article text with every annotation as nested-safe spans (all text escaped)."""
    marks = _marks(a)
    cuts = sorted({0, len(a.text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for lo, hi in itertools.pairwise(cuts):
        piece = html.escape(a.text[lo:hi])
        active = [m for m in marks if m[0] <= lo and hi <= m[1]]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(m[2] for m in active))
        title = html.escape("; ".join(dict.fromkeys(m[3] for m in active)), quote=True)
        out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
    return "".join(out)


def _html_table(columns: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(articles: list[Article]) -> str:
    """A standalone HTML page with each article annotated; every text is escaped."""
    parts = []
    for a in articles:
        names = _entity_names(a)
        meta = " · ".join(html.escape(f"{k}: {v}") for k, v in (
            ("language", a.language), ("outlet", a.outlet), ("published", a.published),
            ("url", a.url), ("id", a.id)) if v)
        sec = [f"<article><h1>{html.escape(a.title or '(untitled)')}</h1>",
               f'<p class="meta">{meta}</p>']
        sec.append('<p class="legend"><span class="claim">claim</span><span class="source">source</span>'
                   '<span class="cue">cue</span><span class="hedge">hedge</span><span class="ent">entity'
                   '</span><span class="time">date</span><span class="qty">quantity</span></p>')
        sec.append(f'<div class="text">{annotated_text_html(a)}</div>')
        if a.claims:
            sec.append("<h2>Claims</h2>" + _html_table(
                ["#", "who", "says what", "through", "how sure"],
                [[c.id, _source_text(c, names), c.content.text, chain_text(c.chain, names),
                  c.certainty.level] for c in a.claims]))
        if a.entities:
            sec.append("<h2>Entities</h2>" + _html_table(
                ["name", "type", "Wikidata", "mentions"],
                [[e.name, e.type, e.wikidata or "", len(e.mentions)] for e in a.entities]))
        if a.events:
            sec.append("<h2>Events</h2>" + _html_table(
                ["what", "who", "to whom", "when", "status"],
                [[v.type + (f" ({v.label})" if v.label else ""), names.get(v.actor or "", v.actor or ""),
                  names.get(v.target or "", v.target or ""),
                  v.date.value if v.date and v.date.value else "", v.modality] for v in a.events]))
        sec.append("</article>")
        parts.append("\n".join(sec))
    title = html.escape(articles[0].title or "zufolge") if len(articles) == 1 else "zufolge"
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
            + "\n<hr>\n".join(parts) + "\n</body></html>\n")


# Corpus commands (link, trace, who-says, events) live with the corpus code.
if importlib.util.find_spec("zufolge.cli_corpus") is not None:
    from .cli_corpus import register as _register_corpus_commands

    _register_corpus_commands(app)


def main() -> None:
    """Entry point of the ``zufolge`` command."""
    try:
        app()
    except BrokenPipeError:  # e.g. `zufolge analyze … | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
