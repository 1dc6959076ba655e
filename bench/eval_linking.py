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


def zufolge_clusters(docs, db: Path) -> tuple[dict[str, str], float]:
    import zufolge
    from zufolge.corpus import Store
    from zufolge.corpus.linking import link

    t0 = time.perf_counter()
    records = [{"id": d["id"], "text": d["text"], "lang": "en", "raw": True} for d in docs]
    articles = [a for a in zufolge.analyze_many(records, workers=1) if hasattr(a, "events")]
    with Store(db) as st:
        st.add(articles)
        link(st._con, [a.id for a in articles])
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--topics", default="", help="comma-separated topic numbers (default: all visible)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "visible.norm.jsonl").exists():
        print(f"no ECB+ data at {args.data}", file=sys.stderr)
        return 2
    topics = {int(t) for t in args.topics.split(",") if t} or None
    docs = load_docs(args.data, topics)
    mentions = [g for d in docs for g in d["gold"]]
    gold = {g["key"]: g["cluster"] for g in mentions}
    topic_of = {g["key"]: d["topic"] for d in docs for g in d["gold"]}
    lemmas = dict(zip((g["key"] for g in mentions), lemma_of([g["text"] for g in mentions])))
    results = {
        "lemma_baseline": score(gold, {k: lemmas[k] for k in gold}),
        "lemma_in_topic_baseline": score(gold, {k: f"{topic_of[k]}|{lemmas[k]}" for k in gold}),
    }
    with tempfile.TemporaryDirectory() as tmp:
        covered, seconds = zufolge_clusters(docs, Path(tmp) / "ecb.duckdb")
    system = {k: covered.get(k, f"single:{k}") for k in gold}
    results["zufolge"] = score(gold, system)
    results["zufolge"]["covered"] = len(covered) / len(gold) if gold else 0.0
    if covered:
        sub = {k: gold[k] for k in covered}
        results["zufolge_on_covered"] = score(sub, covered)
        results["lemma_on_covered"] = score(sub, {k: lemmas[k] for k in covered})
    meta = {"docs": len(docs), "gold_mentions": len(gold), "seconds": round(seconds, 1)}
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
        return 0
    print(f"ECB+ visible: {meta['docs']} docs, {meta['gold_mentions']} gold event mentions, "
          f"zufolge ran in {meta['seconds']} s")
    print(f"{'system':28} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6} {'covered':>8}")
    for name, r in results.items():
        cov = f"{r['covered']:.3f}" if "covered" in r else ""
        print(f"{name:28} {r['muc_f1']:6.3f} {r['b3_f1']:6.3f} {r['ceafe_f1']:7.3f} {r['conll_f1']:6.3f} {cov:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
