"""Cross-document event coreference on ECB+ (visible topics): zufolge's event
clusters vs the same-lemma baseline, on the same gold mentions, in one run.

    .venv/bin/python bench/eval_linking.py [--data ../shared/data/ecbplus] [--topics 1,2,3] [--json]

What is scored: the gold event mentions (ACTION_* and NEG_ACTION_*) of the
validated sentences. Each gold mention is mapped to the zufolge event whose
mention span overlaps it (the shortest such span); the system's cluster of the
gold mention is that event's ``event_clusters.cluster_id``. Gold mentions no
zufolge event covers are system singletons (they count against us) and the
share covered is reported. Baselines, on all gold mentions: same lemma across
the whole corpus (no topic knowledge, like zufolge) and same lemma within a
gold topic (the usual literature baseline, which is told the topics).
Metrics: MUC, B³, CEAF-e and CoNLL F1 (their mean).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"


# --- data -------------------------------------------------------------------------

def load_docs(data: Path, topics: set[int] | None = None):
    validated: set[tuple[str, int]] = set()
    with open(data / "ECBplus_coreference_sentences.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            validated.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    docs = []
    with open(data / "visible.norm.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if topics and d["topic"] not in topics:
                continue
            docs.append(_prepare(d, validated))
    return docs


def _prepare(d, validated):
    """Text (one sentence per line, tokens joined by spaces) and gold event mentions."""
    name = d["doc_name"].removesuffix(".xml")
    by_sent: dict[int, list] = defaultdict(list)
    for t in d["tokens"]:
        by_sent[t["sentence"]].append(t)
    offsets: dict[int, tuple[int, int]] = {}
    lines, pos = [], 0
    for s in sorted(by_sent):
        words = []
        for t in sorted(by_sent[s], key=lambda t: t["number"]):
            start = pos + sum(len(w) + 1 for w in words)
            offsets[t["t_id"]] = (start, start + len(t["text"]))
            words.append(t["text"])
        line = " ".join(words)
        lines.append(line)
        pos += len(line) + 1
    text = "\n".join(lines)
    sent_of = {t["t_id"]: t["sentence"] for t in d["tokens"]}
    instance_of: dict[str, str] = {}
    for r in d["relations"]:
        note = r["attrs"].get("note") or f"{name}:{r['targets'][0]}"
        for m in r["sources"]:
            instance_of[m] = note
    gold = []
    for m in d["mentions"]:
        if not (m["type"].startswith("ACTION") or m["type"].startswith("NEG_ACTION")) or not m["t_ids"]:
            continue
        if (name, sent_of[m["t_ids"][0]]) not in validated:
            continue
        start = min(offsets[t][0] for t in m["t_ids"])
        end = max(offsets[t][1] for t in m["t_ids"])
        gold.append({"key": f"{name}:{m['m_id']}", "start": start, "end": end,
                     "text": text[start:end], "cluster": instance_of.get(m["m_id"], f"{name}:{m['m_id']}")})
    return {"id": f"ecb:{name}", "topic": d["topic"], "text": text, "gold": gold}


# --- metrics ----------------------------------------------------------------------

def _clusters(assign: dict[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for k, c in assign.items():
        groups[c].add(k)
    return list(groups.values())


def muc(key: list[set], resp: list[set]) -> tuple[float, float, float]:
    def part(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den
    rn, rd = part(key, resp)
    pn, pd = part(resp, key)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return p, r, _f(p, r)


def b_cubed(key: list[set], resp: list[set]) -> tuple[float, float, float]:
    kof = {m: c for c in key for m in c}
    rof = {m: c for c in resp for m in c}
    mentions = list(kof)
    r = float(np.mean([len(kof[m] & rof.get(m, {m})) / len(kof[m]) for m in mentions]))
    p = float(np.mean([len(kof.get(m, {m}) & rof[m]) / len(rof[m]) for m in rof]))
    return p, r, _f(p, r)


def ceaf_e(key: list[set], resp: list[set]) -> tuple[float, float, float]:
    from scipy.optimize import linear_sum_assignment

    sim = np.zeros((len(key), len(resp)))
    rof = {m: j for j, c in enumerate(resp) for m in c}
    for i, c in enumerate(key):
        for m in c:
            j = rof.get(m)
            if j is not None:
                sim[i, j] += 1
    for i, c in enumerate(key):
        for j in set(rof[m] for m in c if m in rof):
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(resp[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    r, p = total / len(key), total / len(resp)
    return p, r, _f(p, r)


def _f(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: dict[str, str], system: dict[str, str]) -> dict[str, float]:
    key, resp = _clusters(gold), _clusters(system)
    out = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, resp)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


# --- systems ----------------------------------------------------------------------

def lemma_of(texts: list[str]) -> list[str]:
    from zufolge.nlp import en_nlp

    return [" ".join(t.lemma_.lower() for t in doc) for doc in en_nlp().pipe(texts)]


def analyze_docs(docs, cache: Path | None = None):
    """zufolge articles for the docs. With ``cache``, the analysed articles are kept in
    ``cache/<doc>.json`` and only the events stage is re-run on them (for development)."""
    import orjson

    import zufolge
    from zufolge.events import code_events
    from zufolge.schema import Article

    out, todo = {}, []
    for d in docs:
        f = cache / (d["id"].replace(":", "_") + ".json") if cache else None
        if f and f.exists():
            a = Article.from_dict(orjson.loads(f.read_bytes()))
            out[d["id"]] = a.replace(events=code_events(a))
        else:
            todo.append(d)
    records = [{"id": d["id"], "text": d["text"], "lang": "en", "raw": True} for d in todo]
    for a in zufolge.analyze_many(records, workers=1):
        if hasattr(a, "events"):
            out[a.id] = a
            if cache:
                cache.mkdir(parents=True, exist_ok=True)
                (cache / (a.id.replace(":", "_") + ".json")).write_bytes(orjson.dumps(a.to_dict()))
    return [out[d["id"]] for d in docs if d["id"] in out]


def zufolge_clusters(docs, db: Path, cache: Path | None = None) -> tuple[dict[str, str], float]:
    """Gold mention key -> zufolge event cluster, for the gold mentions a zufolge event covers."""
    from zufolge.corpus import Store
    from zufolge.corpus.linking import link

    t0 = time.perf_counter()
    articles = analyze_docs(docs, cache)
    with Store(db) as st:
        st.add(articles)
        link(st._con, [a.id for a in articles], claims=False)
        rows = st._con.execute("SELECT article_id, event_id, cluster_id FROM event_clusters").fetchall()
    cluster_of = {(a, e): c for a, e, c in rows}
    by_id = {a.id: a for a in articles}
    system: dict[str, str] = {}
    for d in docs:
        art = by_id.get(d["id"])
        for g in d["gold"]:
            best = None
            for ev in (art.events or ()) if art else ():
                for m in ev.mentions:
                    if m.start < g["end"] and g["start"] < m.end:
                        width = m.end - m.start
                        if best is None or width < best[0]:
                            best = (width, cluster_of.get((art.id, ev.id)))
            if best and best[1]:
                system[g["key"]] = best[1]
    return system, time.perf_counter() - t0


def evaluate(docs, cache: Path | None = None, generic: bool = True) -> dict:
    """Scores overall and per topic: zufolge (uncovered gold mentions as singletons), the two
    lemma baselines on all gold mentions, and both systems on the covered mentions only."""
    from zufolge.events.generic import set_generic_events

    mentions = [g for d in docs for g in d["gold"]]
    gold = {g["key"]: g["cluster"] for g in mentions}
    topic_of = {g["key"]: d["topic"] for d in docs for g in d["gold"]}
    lemmas = dict(zip((g["key"] for g in mentions), lemma_of([g["text"] for g in mentions])))
    set_generic_events(generic)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            covered, seconds = zufolge_clusters(docs, Path(tmp) / "ecb.duckdb", cache)
    finally:
        set_generic_events(None)
    system = {k: covered.get(k, f"single:{k}") for k in gold}
    systems = {
        "zufolge": system,
        "lemma_baseline": {k: lemmas[k] for k in gold},
        "lemma_in_topic_baseline": {k: f"{topic_of[k]}|{lemmas[k]}" for k in gold},
    }

    def block(keys: set[str]) -> dict:
        sub = {k: gold[k] for k in keys}
        res = {name: score(sub, {k: sysm[k] for k in keys}) for name, sysm in systems.items()}
        cov = [k for k in keys if k in covered]
        res["zufolge"]["covered"] = len(cov) / len(keys) if keys else 0.0
        if cov:
            res["zufolge_on_covered"] = score({k: gold[k] for k in cov}, {k: covered[k] for k in cov})
            res["lemma_on_covered"] = score({k: gold[k] for k in cov}, {k: lemmas[k] for k in cov})
        return res

    out = {"meta": {"docs": len(docs), "gold_mentions": len(gold), "seconds": round(seconds, 1),
                    "generic_events": generic},
           "overall": block(set(gold)), "topics": {}}
    for t in sorted({d["topic"] for d in docs}):
        out["topics"][t] = block({k for k in gold if topic_of[k] == t})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--topics", default="", help="comma-separated topic numbers (default: all visible)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep analysed articles here and re-run only the events stage (development)")
    ap.add_argument("--lexicon-only", action="store_true",
                    help="PLOVER/lexicon events only, no generic OTHER events (the default output)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "visible.norm.jsonl").exists():
        print(f"no ECB+ data at {args.data}", file=sys.stderr)
        return 2
    topics = {int(t) for t in args.topics.split(",") if t} or None
    docs = load_docs(args.data, topics)
    res = evaluate(docs, args.cache, generic=not args.lexicon_only)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    meta = res["meta"]
    print(f"ECB+ visible: {meta['docs']} docs, {meta['gold_mentions']} gold event mentions, "
          f"zufolge ran in {meta['seconds']} s (generic OTHER events: {'on' if meta['generic_events'] else 'off'})")
    print("zufolge: gold mentions no zufolge event covers count as system singletons.")
    print(f"{'':10}{'system':26} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6} {'covered':>8}")

    def show(label, block):
        for name, r in block.items():
            cov = f"{r['covered']:.3f}" if "covered" in r else ""
            print(f"{label:10}{name:26} {r['muc_f1']:6.3f} {r['b3_f1']:6.3f} {r['ceafe_f1']:7.3f} "
                  f"{r['conll_f1']:6.3f} {cov:>8}")

    for t, block in res["topics"].items():
        show(f"topic {t}", block)
    show("overall", res["overall"])
    o = res["overall"]
    delta = o["zufolge"]["conll_f1"] - o["lemma_baseline"]["conll_f1"]
    print(f"zufolge - lemma baseline: {100 * delta:+.1f} CoNLL points (floor: +2.0); "
          f"vs lemma within gold topics: "
          f"{100 * (o['zufolge']['conll_f1'] - o['lemma_in_topic_baseline']['conll_f1']):+.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
