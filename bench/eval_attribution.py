"""Score zufolge's German attribution against SpkAtt-2023 (task 2 data).

Each document's text is its tokens joined by single spaces (the sentences
too); zufolge runs on it with ``raw=True, lang="de"`` and its claims (all but
``unattributed``) are mapped back to token sets:

* cue     = tokens under ``cue_parts`` (or ``cue``),
* source  = tokens under ``source.mention``,
* content = tokens under ``content`` minus cue and source tokens (SpkAtt
  messages leave out the cue and the source, e.g. for "laut X …").

A claim with ``mode == "reported"`` (a speech act reported without a content
clause: "X sprach von einem Erfolg") maps to SpkAtt's form *Reported*, which
marks no cue and takes the whole sentence as the message: such claims keep
their content tokens whole and contribute no cue tokens.

Gold annotations are the non-nested ones (SpkAtt's simplified subtask; pass
``--nested`` for all). Predictions and gold annotations are matched greedily
by a score that prefers cue overlap, then message overlap (a pair needs cue
overlap or message Jaccard ≥ 0.3). Per role, matched pairs count token
overlap as true positives, the rest of their tokens as false positives /
negatives; unmatched annotations count all their tokens. Precision, recall
and F1 are micro-averaged over tokens; ``joint`` is the micro F1 over all
three roles together.

Split: documents with index % 5 == 0 (file order) are held out; the rest is
for development. Report numbers on ``--part heldout``.

    python bench/eval_attribution.py --part heldout
    python bench/eval_attribution.py --part dev --limit 100 --show 20
    python bench/eval_attribution.py --speed
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "spkatt" / "train.norm.jsonl"
ROLES = ("cue", "source", "content")


def load_docs(path: Path = DATA, part: str = "heldout", limit: int | None = None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            keep = part == "all" or (part == "heldout") == (i % 5 == 0)
            if keep:
                docs.append(json.loads(line))
    return docs[:limit] if limit else docs


def doc_text(doc: dict) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Tokens joined by spaces, and (sentence, token) -> (start, end)."""
    parts, offsets, pos = [], {}, 0
    for s in doc["sentences"]:
        for t, tok in enumerate(s["tokens"]):
            if parts:
                parts.append(" ")
                pos += 1
            offsets[(s["id"], t)] = (pos, pos + len(tok))
            parts.append(tok)
            pos += len(tok)
    return "".join(parts), offsets


def _tokens_in(spans, index) -> set:
    out = set()
    for a, b in spans:
        for key, (s, e) in index:
            if s < b and a < e:
                out.add(key)
    return out


def predicted(article, offsets) -> list[dict[str, set]]:
    index = sorted(offsets.items(), key=lambda kv: kv[1])
    out = []
    for c in article.claims or ():
        if c.mode == "unattributed":
            continue
        cue_spans = [(p.start, p.end) for p in c.cue_parts] or ([(c.cue.start, c.cue.end)] if c.cue else [])
        cue = _tokens_in(cue_spans, index)
        src = _tokens_in([(c.source.mention.start, c.source.mention.end)], index) if c.source.mention else set()
        content = _tokens_in([(c.content.start, c.content.end)], index)
        if c.mode == "reported":
            cue = set()  # SpkAtt's "Reported" form: no cue, the whole sentence is the message
        else:
            content = content - cue - src
        out.append({"cue": cue, "source": src, "content": content,
                    "kind": c.mode + ("/inherited" if c.inherited else ""), "cue_text": c.cue.text if c.cue else ""})
    return out


def gold(doc: dict, nested: bool = False) -> list[dict[str, set]]:
    out = []
    for a in doc["annotations"]:
        if a["isnested"] and not nested:
            continue
        out.append({"cue": {tuple(x) for x in a["cue"]}, "source": {tuple(x) for x in a["source"]},
                    "content": {tuple(x) for x in a["message"]}})
    return out


def _jac(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def match(preds: list[dict], golds: list[dict]) -> list[tuple[int | None, int | None]]:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            cue_hit = bool(p["cue"] & g["cue"])
            mj = _jac(p["content"], g["content"])
            if cue_hit or mj >= 0.3:
                pairs.append((2 * cue_hit + mj + 0.5 * _jac(p["source"], g["source"]), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    out += [(i, None) for i in range(len(preds)) if i not in used_p]
    out += [(None, j) for j in range(len(golds)) if j not in used_g]
    return out


def score(pairs_by_doc) -> dict[str, dict[str, float]]:
    counts = {r: [0, 0, 0] for r in ROLES}  # tp, fp, fn
    for preds, golds, pairs in pairs_by_doc:
        for i, j in pairs:
            for r in ROLES:
                p = preds[i][r] if i is not None else set()
                g = golds[j][r] if j is not None else set()
                tp = len(p & g)
                counts[r][0] += tp
                counts[r][1] += len(p) - tp
                counts[r][2] += len(g) - tp
    res = {}
    for r, (tp, fp, fn) in counts.items():
        res[r] = _prf(tp, fp, fn)
    tot = [sum(c[k] for c in counts.values()) for k in range(3)]
    res["joint"] = _prf(*tot)
    return res


def _prf(tp, fp, fn) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _pipeline():
    from zufolge.pipeline import Pipeline

    return Pipeline.default(skip=("events", "checks", "temporal", "quantities"))


def evaluate(docs: list[dict], nested: bool = False, show: int = 0) -> dict[str, dict[str, float]]:
    from zufolge import to_raw_document

    pipe = _pipeline()
    results = []
    shown = 0
    for doc in docs:
        text, offsets = doc_text(doc)
        article = pipe(to_raw_document(text, lang="de", raw=True))
        preds, golds = predicted(article, offsets), gold(doc, nested)
        pairs = match(preds, golds)
        results.append((preds, golds, pairs))
        if show and shown < show:
            shown += _show(doc, preds, golds, pairs)
    return score(results)


def _show(doc, preds, golds, pairs) -> int:
    toks = {(s["id"], t): w for s in doc["sentences"] for t, w in enumerate(s["tokens"])}

    def txt(keys):
        return " ".join(toks[k] for k in sorted(keys))[:140]

    n = 0
    for i, j in pairs:
        p = preds[i] if i is not None else None
        g = golds[j] if j is not None else None
        if p and g and all(p[r] == g[r] for r in ROLES):
            continue
        print("-" * 60, file=sys.stderr)
        for name, x in (("PRED", p), ("GOLD", g)):
            if x:
                print(f"{name} cue=[{txt(x['cue'])}] src=[{txt(x['source'])}] msg=[{txt(x['content'])}]",
                      file=sys.stderr)
        n += 1
    return n


def speed(n: int = 60) -> None:
    """Claims stage alone on ~500-word German texts (SpkAtt documents glued together)."""
    import resource

    from zufolge import to_raw_document
    from zufolge.claims import claims as claims_stage
    from zufolge.pipeline import Pipeline

    docs = load_docs(part="dev")
    texts, cur = [], []
    for d in docs:
        t, _ = doc_text(d)
        cur.append(t)
        if sum(len(x.split()) for x in cur) >= 500:
            texts.append("\n\n".join(cur))
            cur = []
        if len(texts) >= n:
            break
    pre = Pipeline.default(only=("clean", "language", "segment"))
    arts = [pre(to_raw_document(t, lang="de", raw=True)) for t in texts]
    words = sum(len(a.text.split()) for a in arts)
    t0 = time.perf_counter()
    for a in arts:
        claims_stage(a)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"claims stage: {len(arts)} articles, {words / len(arts):.0f} words avg, "
          f"{len(arts) / dt:.1f} articles/s (1 core, cold tagger cache), peak RSS {rss:.0f} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("heldout", "dev", "all"), default="heldout")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--nested", action="store_true", help="include nested annotations")
    ap.add_argument("--show", type=int, default=0, help="print N mismatches to stderr")
    ap.add_argument("--speed", action="store_true", help="measure the claims stage's throughput")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    if args.speed:
        speed()
        return 0
    docs = load_docs(part=args.part, limit=args.limit)
    res = evaluate(docs, nested=args.nested, show=args.show)
    print(f"SpkAtt-2023 task 2, {args.part} part: {len(docs)} documents")
    print(f"{'role':8} {'P':>6} {'R':>6} {'F1':>6}")
    for r in (*ROLES, "joint"):
        print(f"{r:8} {res[r]['p']:6.3f} {res[r]['r']:6.3f} {res[r]['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
