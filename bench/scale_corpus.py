"""Corpus-size run: ingest N synthetic articles into one store and time linking.

    .venv/bin/python bench/scale_corpus.py --sizes 1000,2000,5000,10000 [--workers 2]

The articles recombine real sentences from ../shared/data (SpkAtt German news,
PolNeAR English news): each article is a title plus 6-12 sentences drawn from
one source document and a neighbour, so claims and entities recur across
articles the way agency copy does. Nothing is written to the repository.
For each size the corpus grows to that many articles (analysis with local
workers, then incremental ``link_pending``) and the script prints: articles,
analysis seconds, linking seconds for the new articles, linking ms per article
(wall clock, and CPU time of this process, which a busy machine does not
inflate), and the store size — linking cost per article should stay flat as the corpus
grows (near-linear total cost).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _documents() -> list[tuple[str, list[str]]]:
    docs = []
    with open(DATA / "spkatt" / "train.norm.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            sents = [" ".join(s["tokens"]) for s in d["sentences"]]
            if len(sents) >= 6:
                docs.append(("de", sents))
    with open(DATA / "polnear" / "train.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            sents = [s.strip() for s in d["text"].replace("\n", " ").split(". ") if len(s.split()) > 5]
            if len(sents) >= 6:
                docs.append(("en", [s + "." for s in sents[:40]]))
    return docs


def synthetic(n: int, start: int = 0, seed: int = 11):
    rnd = random.Random(seed + start)
    docs = _documents()
    for i in range(start, start + n):
        k = rnd.randrange(len(docs))
        lang, sents = docs[k]
        _, other = docs[(k + 1) % len(docs)] if docs[(k + 1) % len(docs)][0] == lang else docs[k]
        body = rnd.sample(sents, min(len(sents), rnd.randint(6, 12)))
        if rnd.random() < 0.3:
            body += rnd.sample(other, min(len(other), 2))
        title = " ".join(body[0].split()[:8]).rstrip(".,")
        yield {"id": f"syn{i:06d}", "title": title, "lang": lang,
               "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "text": title + "\n\n" + "\n\n".join(body)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", type=Path, default=None, help="store path (default: a temporary file)")
    args = ap.parse_args(argv)
    if not (DATA / "spkatt").exists():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    import zufolge
    from zufolge.corpus import Store
    from zufolge.corpus.linking import link_pending

    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "scale.duckdb"
    print(f"{'articles':>9} {'analyze s':>10} {'link s':>8} {'link ms/article':>16} "
          f"{'link CPU ms/article':>20} {'store MB':>9}", flush=True)
    have = 0
    with Store(db) as st:
        for size in sizes:
            t0 = time.perf_counter()
            st.add(zufolge.analyze_many(synthetic(size - have, start=have), workers=args.workers))
            t1, c1 = time.perf_counter(), time.process_time()
            stats = link_pending(st.con)
            t2, c2 = time.perf_counter(), time.process_time()
            st.con.execute("CHECKPOINT")
            mb = db.stat().st_size / 1e6
            new = max(1, stats.articles)
            print(f"{size:9d} {t1 - t0:10.1f} {t2 - t1:8.1f} {1000 * (t2 - t1) / new:16.1f} "
                  f"{1000 * (c2 - c1) / new:20.1f} {mb:9.1f}", flush=True)
            have = size
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
