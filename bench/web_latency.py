"""Latency of `zufolge serve` on a 10,000-article store: p50/p95 per kind of request.

Builds a store of N varied copies of the hand-made sample articles (or uses
--db), starts the server in its own process on 127.0.0.1, and times requests
with one client. The issue's target: p95 < 150 ms for search and article pages.

    .venv/bin/python bench/web_latency.py --n 10000 --requests 60
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from zufolge.corpus.store import Store
from zufolge.web.sample import sample_articles

OUTLETS = ["Beispielblatt", "Example Wire", "Musterpost", "Daily Sample", "Testkurier"]
WORDS = ["Brücke", "Hafen", "Pioniere", "Wahl", "Gesetz", "Streik", "Gipfel", "Dürre", "Flut", "Zoll"]


def build(db: Path, n: int) -> None:
    rnd = random.Random(7)
    base = sample_articles()

    def gen():
        for i in range(n):
            a = base[i % len(base)]
            word = rnd.choice(WORDS)
            day = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            # a distinct word at the end keeps offsets valid and makes searches selective
            yield a.replace(id=f"bench-{i}", text=a.text + f"\n\n{word} {i}.", published=day,
                            outlet=rnd.choice(OUTLETS), title=f"{a.title} ({word} {i})")

    with Store(db) as store:
        store.add(gen(), batch_size=1000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the generated store")
    ap.add_argument("--db", type=Path, help="use this store instead of generating one")
    ap.add_argument("--requests", type=int, default=60, help="requests per kind")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = Path(tmp.name) / "bench.duckdb"
        t = time.perf_counter()
        build(db, args.n)
        print(f"built {args.n} articles in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.query("SELECT article_id FROM articles USING SAMPLE 200 ROWS")[1]]
        total = store.query("SELECT count(*) FROM articles")[1][0][0]

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c",
                               f"from zufolge.web.app import serve; serve({str(db)!r}, port={port})"])
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    client.get("/api/overview")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            rnd = random.Random(1)
            kinds = {
                "search page /search?q=word": lambda: f"/search?q={rnd.choice(WORDS)}",
                "search page, filters": lambda: (f"/search?q={rnd.choice(WORDS)}&lang=de&from=2024-03"
                                                 f"&to=2024-09&outlet={rnd.choice(OUTLETS)}"),
                "search page, entity+certainty": lambda: "/search?entity=Q423&certainty=reported",
                "article page": lambda: f"/articles/{rnd.choice(ids)}",
                "claim page": lambda: f"/claims/{rnd.choice(ids)}/c1",
                "api articles ?q": lambda: f"/api/articles?q={rnd.choice(WORDS)}&limit=20",
                "api claims ?source": lambda: "/api/claims?source=TV%20Chosun&limit=50",
                "api article json": lambda: f"/api/articles/{rnd.choice(ids)}",
                "entity page /entities/Q423": lambda: "/entities/Q423",
                "timeline": lambda: "/timeline?from=2024-06&to=2024-07",
                "overview /": lambda: "/",
            }
            print(f"store: {total} articles; {args.requests} requests per kind, one client\n")
            print(f"{'request':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for name, make in kinds.items():
                times = []
                for _ in range(args.requests):
                    url = make()
                    t = time.perf_counter()
                    r = client.get(url, headers={"accept": "text/html"})
                    times.append((time.perf_counter() - t) * 1000)
                    if r.status_code != 200:
                        print(f"  {url} -> {r.status_code}", file=sys.stderr)
                print(f"{name:34} {statistics.median(times):8.1f} {pct(times, 95):8.1f} {max(times):8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
