#!/usr/bin/env python3
"""Train the shipped German NER model (CRF) on the visible GermEval 2014 data.

    .venv/bin/python bench/train_ner_de.py            # writes src/zufolge/entities/models/ner_de.crfsuite

The visible file (../shared/data/germeval14/dev.norm.jsonl) is split by sentence
index: every 5th sentence (index % 5 == 4) is held out for bench/eval_entities.py,
the rest trains the model. The shipped model never sees the held-out part, so the
numbers eval_entities.py prints are honest. GermEval 2014: CC BY 4.0,
Benikova, Biemann, Reznicek (LREC 2014).

Options: ``--all`` trains on all visible sentences (not the shipped default),
``--c1/--c2/--iterations`` set the L1/L2 penalties and the iteration cap,
``--dev`` tunes without touching the held-out part: it trains on the training part
minus its dev fold (index % 5 == 3) and prints outer-span F1 on that dev fold
(the model goes to ``--out``, default a temporary file). Features and the first-name
list are described in ``zufolge.entities.crf_de``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "germeval14" / "dev.norm.jsonl"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def load_split(path: Path = DATA) -> tuple[list[dict], list[dict]]:
    """(train, heldout) sentences; held out = every 5th line."""
    train, held = [], []
    with path.open(encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            d = json.loads(line)
            (held if k % 5 == 4 else train).append(d)
    return train, held


def main(argv: list[str] | None = None) -> int:
    import pycrfsuite

    from zufolge.entities.crf_de import MODEL_PATH, sentence_features

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="train on all visible sentences")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.2)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--dev", action="store_true", help="train without the dev fold and score on it")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)

    train, held = load_split()
    dev: list[dict] = []
    if args.dev:
        lines = [d for k, d in enumerate(_lines()) if k % 5 != 4]
        train = [d for k, d in enumerate(_lines()) if k % 5 not in (3, 4)]
        dev = [d for k, d in enumerate(_lines()) if k % 5 == 3]
        assert len(train) + len(dev) == len(lines)
    if args.all:
        train = train + held
    if args.out is None:
        args.out = "/tmp/ner_de_dev.crfsuite" if args.dev else str(MODEL_PATH)
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for d in train:
        trainer.append(sentence_features(d["tokens"]), d["ner_outer"])
    t1 = time.time()
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(args.out)
    print(f"features {t1 - t0:.1f}s, training {time.time() - t1:.1f}s on {len(train)} sentences; "
          f"model {Path(args.out).stat().st_size / 1e6:.2f} MB -> {args.out}")
    if dev:
        from eval_ner import germeval_scores

        from zufolge.entities import crf_de

        crf_de.MODEL_PATH = Path(args.out)
        crf_de._tagger.cache_clear()
        scores = germeval_scores(dev)
        for mode in ("base", "all12"):
            p, r, f = scores[mode]["ALL"]
            print(f"dev fold ({len(dev)} sentences) {mode}: P={p:.3f} R={r:.3f} F1={f:.3f}")
    return 0


def _lines(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


if __name__ == "__main__":
    sys.exit(main())
