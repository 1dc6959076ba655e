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
``--dev 2,3`` tunes without touching the held-out part: for each named fold k it trains on
the training part minus that fold (index % 5 == k) and prints outer-span F1 on it, then the
mean (models go to ``--out`` or /tmp). Features, the first-name list and the rule layer
over the CRF are described in ``zufolge.entities.crf_de``.

Shipped model: ``c1=0.05 c2=0.2`` (the defaults), chosen by ``--dev 2,3``.
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


def _train(sentences: list[dict], out: str, c1: float, c2: float, iterations: int) -> float:
    import pycrfsuite

    from zufolge.entities.crf_de import sentence_features

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for d in sentences:
        trainer.append(sentence_features(d["tokens"]), d["ner_outer"])
    t1 = time.time()
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(out)
    print(f"features {t1 - t0:.1f}s, training {time.time() - t1:.1f}s on {len(sentences)} sentences; "
          f"model {Path(out).stat().st_size / 1e6:.2f} MB -> {out}")
    return time.time() - t0


def main(argv: list[str] | None = None) -> int:
    from zufolge.entities.crf_de import MODEL_PATH

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="train on all visible sentences")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.2)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--dev", nargs="?", const="3", default=None, metavar="FOLDS",
                    help="cross-validate on the training part: for each fold k in FOLDS (comma-separated, "
                         "0-3; default 3) train without sentences index %% 5 == k and score them")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)

    if args.dev is not None:
        from eval_ner import germeval_scores

        from zufolge.entities import crf_de

        lines = _lines()
        f1s = []
        for k in (int(x) for x in args.dev.split(",")):
            assert k != 4, "fold 4 is the held-out part"
            out = args.out or f"/tmp/ner_de_dev{k}.crfsuite"
            _train([d for n, d in enumerate(lines) if n % 5 not in (k, 4)], out, args.c1, args.c2, args.iterations)
            crf_de.MODEL_PATH = Path(out)
            crf_de._tagger.cache_clear()
            dev = [d for n, d in enumerate(lines) if n % 5 == k]
            scores = germeval_scores(dev)
            for mode in ("base", "all12"):
                p, r, f = scores[mode]["ALL"]
                print(f"dev fold {k} ({len(dev)} sentences) {mode}: P={p:.3f} R={r:.3f} F1={f:.3f}")
            f1s.append(scores["base"]["ALL"][2])
        print(f"c1={args.c1} c2={args.c2}: mean base F1 over folds {args.dev}: {sum(f1s) / len(f1s):.4f}")
        return 0
    train, held = load_split()
    if args.all:
        train = train + held
    _train(train, args.out or str(MODEL_PATH), args.c1, args.c2, args.iterations)
    return 0


def _lines(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


if __name__ == "__main__":
    sys.exit(main())
