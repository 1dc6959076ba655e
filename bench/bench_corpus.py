"""Write a speed-test corpus of distinct ~500-word news articles from ../shared/data.

    .venv/bin/python bench/bench_corpus.py /tmp/zufolge-bench --n 60 --words 500
    .venv/bin/zufolge bench --corpus /tmp/zufolge-bench --n 57

The shipped examples are few and short, so ``zufolge bench`` without ``--corpus``
cycles variants of them; their words repeat, which flatters every per-word cache
(HanTa's analyses above all). This corpus has no repeats: German articles join
consecutive SpkAtt news documents, English ones cut PolNeAR articles, each to
about ``--words`` words at a sentence end. The files go to OUTDIR only (the
data's licences forbid copying them into the repository).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _german(n: int, words: int):
    with open(DATA / "spkatt" / "train.norm.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    out, cur, count = [], [], 0
    for d in docs:
        for s in d["sentences"]:
            cur.append(_detokenize(s["tokens"]))
            count += len(cur[-1].split())
            if count >= words:
                out.append(cur)
                cur, count = [], 0
                if len(out) == n:
                    return out
                break  # the next article starts with the next document
    return out


def _detokenize(tokens: list[str]) -> str:
    """SpkAtt's tokens back to running text: no space before punctuation or after an opening bracket."""
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def _english(n: int, words: int):
    out = []
    with open(DATA / "polnear" / "train.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    for text in texts:
        paras, count = [], 0
        for p in (p.strip() for p in text.split("\n") if p.strip()):
            paras.append(p)
            count += len(p.split())
            if count >= words:
                break
        if count >= 0.8 * words:
            out.append(paras)
        if len(out) == n:
            break
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--n", type=int, default=60, help="articles per language")
    ap.add_argument("--words", type=int, default=500)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    for lang, arts in (("de", _german(args.n, args.words)), ("en", _english(args.n, args.words))):
        for i, paras in enumerate(arts):
            # German sentences come pre-tokenised; three to a paragraph reads like news
            if lang == "de":
                paras = [" ".join(paras[k:k + 3]) for k in range(0, len(paras), 3)]
            (args.outdir / f"{lang}_{i:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        words = sum(len(p.split()) for a in arts for p in a) / max(1, len(arts))
        print(f"{lang}: {len(arts)} articles, {words:.0f} words each on average -> {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
