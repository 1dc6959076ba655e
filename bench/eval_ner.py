#!/usr/bin/env python3
"""Named-entity mention quality: German (GermEval 2014) and English (own gold paragraphs).

    .venv/bin/python bench/eval_ner.py            # both
    .venv/bin/python bench/eval_ner.py de         # GermEval 2014 held-out, per type and overall
    .venv/bin/python bench/eval_ner.py en         # English mention finder on tests/data/ner_en_gold.jsonl
    .venv/bin/python bench/eval_ner.py de --errors   # also list the wrong spans

German: the held-out fifth of the visible GermEval 2014 file (../shared/data/germeval14,
sentence index % 5 == 4; bench/train_ner_de.py trains the shipped CRF on the rest). Outer
chunks, exact span and label, precision/recall/F1 per type. ``base`` scores PER/ORG/LOC/OTH
(deriv/part spans removed from gold and prediction: the issue's floor, F1 >= 0.75), ``all12``
the official strict outer metric over all twelve labels.

English: no visible English data has entity spans (PolNeAR marks attribution sources only),
so tests/data/ner_en_gold.jsonl holds news-style paragraphs written for this project with
hand-marked names (PER, ORG, LOC, MISC; nationality adjectives such as "German" are MISC,
as in CoNLL-2003). The mention finder (spaCy en_core_web_sm + gazetteer, before coreference)
is scored by exact span, typed and untyped. Types map PER->PER, ORG/MEDIA->ORG, GPE/LOC->LOC,
NORP/MISC/EVENT/DOC and country adjectives/demonyms->MISC.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EN_GOLD = ROOT / "tests" / "data" / "ner_en_gold.jsonl"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

BASE = ("PER", "ORG", "LOC", "OTH")
EN_TYPES = {"PER": "PER", "ORG": "ORG", "MEDIA": "ORG", "GPE": "LOC", "LOC": "LOC",
            "NORP": "MISC", "MISC": "MISC", "EVENT": "MISC", "DOC": "MISC"}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _count(c: Counter, gold: set, pred: set) -> None:
    for x in pred & gold:
        c["tp", x[2]] += 1
        c["tp", "ALL"] += 1
    for x in pred - gold:
        c["fp", x[2]] += 1
        c["fp", "ALL"] += 1
    for x in gold - pred:
        c["fn", x[2]] += 1
        c["fn", "ALL"] += 1


def _table(c: Counter) -> dict[str, tuple[float, float, float]]:
    labels = sorted({k[1] for k in c}, key=lambda x: (x != "ALL", x))
    return {lab: prf(c["tp", lab], c["fp", lab], c["fn", lab]) for lab in labels}


def germeval_scores(sentences: list[dict], errors: list | None = None) -> dict[str, dict[str, tuple[float, float, float]]]:
    """{"base": {type: (p, r, f1), "ALL": …}, "all12": {...}} for the German tagger on ``sentences``."""
    from zufolge.entities.crf_de import tag_spans

    counts = {"base": Counter(), "all12": Counter()}
    for d in sentences:
        gold = {(e["start"], e["end"], e["label"]) for e in d["entities"] if e["level"] == "outer"}
        pred = set(tag_spans(d["tokens"]))
        for mode in ("base", "all12"):
            g = {x for x in gold if mode == "all12" or x[2] in BASE}
            p = {x for x in pred if mode == "all12" or x[2] in BASE}
            _count(counts[mode], g, p)
            if errors is not None and mode == "base":
                toks = d["tokens"]
                errors += [("FP", x[2], " ".join(toks[x[0]:x[1]]), " ".join(toks)) for x in p - g]
                errors += [("FN", x[2], " ".join(toks[x[0]:x[1]]), " ".join(toks)) for x in g - p]
    return {mode: _table(c) for mode, c in counts.items()}


def germeval_heldout() -> list[dict]:
    from train_ner_de import DATA, load_split

    return load_split(DATA)[1] if DATA.exists() else []


def run_de(show_errors: bool = False) -> float:
    held = germeval_heldout()
    if not held:
        print("de: ../shared/data/germeval14 not found, skipped")
        return 0.0
    t = time.time()
    errors: list | None = [] if show_errors else None
    scores = germeval_scores(held, errors)
    n_gold = sum(1 for d in held for e in d["entities"] if e["level"] == "outer" and e["label"] in BASE)
    print(f"GermEval 2014 held-out: {len(held)} sentences, {n_gold} outer PER/ORG/LOC/OTH spans "
          f"({time.time() - t:.1f}s); outer chunks, exact match")
    for mode in ("base", "all12"):
        for lab, (p, r, f) in scores[mode].items():
            print(f"  {mode:5s} {lab:9s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    for e in errors or ():
        print("  " + "\t".join(e))
    return scores["base"]["ALL"][2]


def en_predictions(text: str) -> set[tuple[int, int, str]]:
    """Typed character spans from the English mention finder (before coreference)."""
    import zufolge
    from zufolge.entities.mentions import find_mentions_en

    art = zufolge.analyze(text, raw=True, lang="en").replace(entities=None)
    out = set()
    for m in find_mentions_en(art):
        typ = "MISC" if m.kind in ("adjective", "demonym") else EN_TYPES.get(m.type, "MISC")
        out.add((m.start, m.end, typ))
    return out


def en_scores(path: Path = EN_GOLD, errors: list | None = None) -> dict[str, dict[str, tuple[float, float, float]]]:
    typed, untyped = Counter(), Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = {(e["start"], e["end"], e["type"]) for e in d["entities"]}
        pred = en_predictions(d["text"])
        _count(typed, gold, pred)
        _count(untyped, {(a, b, "ALL") for a, b, _ in gold}, {(a, b, "ALL") for a, b, _ in pred})
        if errors is not None:
            errors += [("FP", x[2], d["text"][x[0]:x[1]], d["id"]) for x in pred - gold]
            errors += [("FN", x[2], d["text"][x[0]:x[1]], d["id"]) for x in gold - pred]
    return {"typed": _table(typed), "untyped": _table(untyped)}


def run_en(show_errors: bool = False) -> float:
    rows = [json.loads(x) for x in EN_GOLD.read_text(encoding="utf-8").splitlines()]
    n = sum(len(d["entities"]) for d in rows)
    errors: list | None = [] if show_errors else None
    scores = en_scores(EN_GOLD, errors)
    print(f"English own gold ({EN_GOLD.relative_to(ROOT)}): {len(rows)} paragraphs, {n} mentions; "
          f"exact span")
    for mode in ("typed", "untyped"):
        for lab, (p, r, f) in scores[mode].items():
            print(f"  {mode:7s} {lab:5s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    for e in errors or ():
        print("  " + "\t".join(e))
    return scores["typed"]["ALL"][2]


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("-")]
    show = "--errors" in argv
    what = args or ["de", "en"]
    if "de" in what:
        run_de(show)
    if "en" in what:
        run_en(show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
