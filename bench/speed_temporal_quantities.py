"""Time the temporal and quantities stages per 500-word article.

    python bench/speed_temporal_quantities.py [--n 12]

English: 500-word slices of the ECB+ visible documents (../shared/data/ecbplus);
German: the seed article cut or repeated to 500 words. Prints ms per article for
``find_times`` and ``find_quantities`` (given the times, as the pipeline runs them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zufolge.quantities import find_quantities
from zufolge.temporal import find_times

SHARED = ROOT.parent / "shared"


def articles(n: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "de": []}
    words: list[str] = []
    ecb = SHARED / "data" / "ecbplus" / "visible.norm.jsonl"
    if ecb.exists():
        for line in ecb.open(encoding="utf-8"):
            words += [t["text"] for t in json.loads(line)["tokens"]]
            while len(words) >= 500 and len(out["en"]) < n:
                out["en"].append(" ".join(words[:500]))
                words = words[500:]
            if len(out["en"]) >= n:
                break
    seed = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"
    if seed.exists():
        de = seed.read_text(encoding="utf-8").split(" ")
        while len(de) < 500 * n:
            de += de
        out["de"] = [" ".join(de[k * 500:(k + 1) * 500]) for k in range(n)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=12)
    args = ap.parse_args(argv)
    for lang, texts in articles(args.n).items():
        if not texts:
            continue
        find_times(texts[0], lang, "2024-06-21")
        find_quantities(texts[0], lang, [])
        t0 = time.perf_counter()
        spans = []
        for t in texts:
            spans.append([(x.start, x.end) for x in find_times(t, lang, "2024-06-21")])
        t1 = time.perf_counter()
        for t, sp in zip(texts, spans):
            find_quantities(t, lang, sp)
        t2 = time.perf_counter()
        k = len(texts)
        print(f"[{lang}] {k} articles of 500 words: times {(t1 - t0) / k * 1000:.1f} ms, "
              f"quantities {(t2 - t1) / k * 1000:.1f} ms, both {(t2 - t0) / k * 1000:.1f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
