"""Error analysis of the German claims engine on SpkAtt (development part only).

Runs the same scorer as ``bench/eval_attribution.py`` and groups the lost
tokens by category, so that the biggest phenomena can be fixed first:

* missed annotations (no predicted claim matched) by gold form and cue word,
* spurious claims (no gold matched) by predicted cue word,
* source errors of matched pairs: missing source, wrong source, source too
  short (apposition/relative clause cut) or too long,
* content errors of matched pairs: tokens missing/extra before or after,
  in other sentences, whole content missing.

    python bench/analyse_attribution_de.py --limit 200 --examples 3
    python bench/analyse_attribution_de.py --cat src:short --examples 15

Never run it on the held-out part (documents with index % 5 == 0).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter, defaultdict
from pathlib import Path

_spec = importlib.util.spec_from_file_location("eval_attribution", Path(__file__).with_name("eval_attribution.py"))
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


def _cat_content(p: set, g: set) -> list[tuple[str, int]]:
    out = []
    if not g:
        return [("msg:gold-empty", len(p))] if p else []
    if not p:
        return [("msg:pred-empty", len(g))]
    gmin, gmax = min(g), max(g)
    miss, extra = g - p, p - g
    gsents = {k[0] for k in g}
    psents = {k[0] for k in p}
    for k in miss:
        if k[0] not in psents:
            out.append(("msg:miss-other-sentence", 1))
        elif p and k < min(p):
            out.append(("msg:miss-before", 1))
        elif p and k > max(p):
            out.append(("msg:miss-after", 1))
        else:
            out.append(("msg:miss-inside", 1))
    for k in extra:
        if k[0] not in gsents:
            out.append(("msg:extra-other-sentence", 1))
        elif k < gmin:
            out.append(("msg:extra-before", 1))
        elif k > gmax:
            out.append(("msg:extra-after", 1))
        else:
            out.append(("msg:extra-inside", 1))
    return out


def _cat_source(p: set, g: set) -> list[tuple[str, int]]:
    if not g and not p:
        return []
    if not g:
        return [("src:gold-empty", len(p))]
    if not p:
        return [("src:pred-empty", len(g))]
    if not p & g:
        return [("src:wrong", len(p) + len(g))]
    out = []
    if g - p:
        out.append(("src:short", len(g - p)))
    if p - g:
        out.append(("src:long", len(p - g)))
    return out


def _cat_cue(p: set, g: set) -> list[tuple[str, int]]:
    out = []
    if g - p:
        out.append(("cue:miss-part", len(g - p)))
    if p - g:
        out.append(("cue:extra-part", len(p - g)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--examples", type=int, default=2, help="examples per category")
    ap.add_argument("--cat", default=None, help="only this category (prefix), more examples")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    from zufolge import to_raw_document

    docs = ev.load_docs(part="dev", limit=args.limit)
    pipe = ev._pipeline()
    cats: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    miss_cues: Counter = Counter()
    fp_cues: Counter = Counter()
    results = []
    rep: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        text, offsets = ev.doc_text(doc)
        art = pipe(to_raw_document(text, lang="de", raw=True))
        preds, golds = ev.predicted(art, offsets), ev.gold(doc)
        pairs = ev.match(preds, golds)
        results.append((preds, golds, pairs))
        toks = {(s["id"], t): w for s in doc["sentences"] for t, w in enumerate(s["tokens"])}

        def txt(keys, toks=toks):
            return " ".join(toks[k] for k in sorted(keys))[:160]

        forms = [a["form"] for a in doc["annotations"] if not a["isnested"]]
        for i, j in pairs:
            p = preds[i] if i is not None else None
            g = golds[j] if j is not None else None
            found: list[tuple[str, int]] = []
            if p is None:
                cats[f"nFN:{forms[j]}"] += 1
                cw = txt(g["cue"]).lower() or "<none>"
                found.append((f"FN:{forms[j]}", sum(len(g[r]) for r in ev.ROLES)))
                miss_cues[cw] += 1
            elif g is None:
                cats[f"nFP:{p.get('kind', '')}"] += 1
                if p.get("kind") == "reported":
                    rep[p["cue_text"].lower()][1] += 1
                cw = txt(p["cue"]).lower() or "<reported>"
                found.append((f"FP:{p.get('kind', '')}", sum(len(p[r]) for r in ev.ROLES)))
                fp_cues[cw] += 1
            else:
                cats[f"nTP:{p.get('kind', '')}"] += 1
                if p.get("kind") == "reported":
                    rep[p["cue_text"].lower()][0] += 1
                found += _cat_cue(p["cue"], g["cue"])
                found += _cat_source(p["source"], g["source"])
                found += _cat_content(p["content"], g["content"])
            agg: Counter = Counter()
            for c, n in found:
                agg[c] += n
            for c, n in agg.items():
                cats[c] += n
                if len(examples[c]) < (40 if args.cat and c.startswith(args.cat) else args.examples):
                    lines = [f"  [{c} {n}] {doc['doc_id'][:50]}"]
                    for name, x in (("P", p), ("G", g)):
                        if x:
                            lines.append(f"    {name} cue=[{txt(x['cue'])}] src=[{txt(x['source'])}] "
                                         f"msg=[{txt(x['content'])}]")
                    examples[c].append("\n".join(lines))
    res = ev.score(results)
    print(f"dev part: {len(docs)} documents")
    for r in (*ev.ROLES, "joint"):
        print(f"{r:8} P {res[r]['p']:.3f} R {res[r]['r']:.3f} F1 {res[r]['f1']:.3f}")
    print("\nlost tokens by category:")
    for c, n in cats.most_common():
        if args.cat and not c.startswith(args.cat):
            continue
        print(f"{n:6d}  {c}")
        for e in examples[c]:
            print(e)
    if not args.cat:
        print("\nreported claims by cue (matched/spurious):", ", ".join(
            f"{w} {a}/{b}" for w, (a, b) in sorted(rep.items(), key=lambda kv: -sum(kv[1]))))
        print("\nmissed cue words:", ", ".join(f"{w}×{n}" for w, n in miss_cues.most_common(args.top)))
        print("\nspurious cue words:", ", ".join(f"{w}×{n}" for w, n in fp_cues.most_common(args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
