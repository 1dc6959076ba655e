"""Error analysis of the English claims engine on PolNeAR (dev part by default).

Usage::

    .venv/bin/python bench/analyse_attribution_en.py --limit 100
    .venv/bin/python bench/analyse_attribution_en.py --cache /tmp/polnear_spacy --top 40
    .venv/bin/python bench/analyse_attribution_en.py --examples said   # print cases for one cue

Scores like bench/eval_attribution_en.py (same matching), then breaks the cue
errors down:

* where cue tokens are lost: gold attributions with no matched prediction (missed
  cues) vs. matched pairs whose cue spans differ (span convention);
* missed gold cues by normalised cue text; unmatched predicted cues (false alarms);
* for matched pairs, the tokens gold has and we lack and vice versa (auxiliaries,
  particles, "in a statement", days …);
* source and content token losses split the same way.

``--cache DIR`` stores each document's spaCy parse (``Doc.to_bytes``) under DIR so
repeated runs skip parsing; the cache is keyed by doc id and lives outside the repo.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "eval_attribution_en.py"


def _bench():
    spec = importlib.util.spec_from_file_location("eval_attribution_en", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _lazy(fn, arg):
    box = []

    def get():
        if not box:
            box.append(fn(arg))
        return box[0]

    return get


def _cue_head(sdoc, spans):
    """The token of the cue whose syntactic head lies outside the cue (its root)."""
    if not spans:
        return None
    toks = [t for a, b in spans for t in (sdoc.char_span(a, b, alignment_mode="expand") or ())]
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head is t]
    content = [t for t in roots if t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN")]
    return (content or roots or [None])[0]


def _words(text: str, ids) -> str:
    return " ".join(text[a:b] for a, b in ids)


def _tok_text(tok, text: str, ids) -> list[str]:
    return [text[tok.starts[i]:tok.ends[i]] for i in sorted(ids)]


def _norm_cue(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("heldout", "dev", "all"), default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--examples", default="", help="print cases whose gold or predicted cue contains this")
    ap.add_argument("--role", default="cue", choices=("cue", "source", "content"))
    args = ap.parse_args(argv)

    b = _bench()
    if not b.DATA.exists():
        print(f"no data at {b.DATA}", file=sys.stderr)
        return 2
    from zufolge.claims import en
    from zufolge.schema import Article

    if args.cache:
        en.en_doc = b.cached_parser(args.cache)
    docs = b.load_docs(b.DATA, args.split)[args.offset:]
    if args.limit:
        docs = docs[: args.limit]

    role = args.role
    lex = en.load()
    missed_head, why = Counter(), Counter()
    ext = Counter()
    per_lemma = defaultdict(lambda: [0, 0])  # predicted cue head -> [predicted, matched]
    lost = Counter()  # (role, where) -> tokens
    missed, false, partial_g, partial_p, pairs_txt = Counter(), Counter(), Counter(), Counter(), Counter()
    tot = Counter()
    examples = []
    for doc in docs:
        text = doc["text"]
        sdoc = _lazy(en.en_doc, text)
        art = Article(id=doc["doc_id"], text=text, language="en")
        claims = en.extract(art)
        tok = b._Tokens(text)
        pred = b.predicted_attributions(art, claims, tok)
        gold = b.gold_attributions(doc, tok)
        pairs = b.match(pred, gold)
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        for r in b.ROLES:
            tot[r, "gold"] += sum(len(g[r]) for g in gold)
            tot[r, "pred"] += sum(len(p[r]) for p in pred)
            for j, g in enumerate(gold):
                if j not in mg:
                    lost[r, "FN unmatched gold"] += len(g[r])
            for i, p in enumerate(pred):
                if i not in mp:
                    lost[r, "FP unmatched pred"] += len(p[r])
            for i, j in pairs:
                lost[r, "FN span (matched)"] += len(gold[j][r] - pred[i][r])
                lost[r, "FP span (matched)"] += len(pred[i][r] - gold[j][r])
        nested_cues = [tok.ids([(c.cue.start, c.cue.end)]) for c in claims
                       if c.mode != "unattributed" and c.cue is not None]
        in_content = frozenset().union(*[p["content"] for p in pred]) if pred else frozenset()
        for j, g in enumerate(gold):
            if j not in mg:
                gt = _norm_cue(_words(text, g["cue_x"]))
                missed[gt] += 1
                if args.examples == "RANDOM" and hash(gt + text[:50]) % 23 == 0:
                    examples.append(("FN", gt, "SRC=" + _words(text, g["source_x"]),
                                     text[max(0, g["cue_x"][0][0] - 200):g["cue_x"][0][1] + 120] if g["cue_x"] else ""))
                if any(g["cue"] & c for c in nested_cues):
                    why["cue found, dropped as nested"] += 1
                    if args.examples == "NESTED":
                        examples.append(("NESTED", gt, _words(text, g["source_x"]), _words(text, g["content_x"])[:150],
                                         text[max(0, g["cue_x"][0][0] - 200):g["cue_x"][0][1] + 100]))
                elif g["cue"] & in_content:
                    why["cue inside a predicted content"] += 1
                else:
                    why["cue not found"] += 1
                head = _cue_head(sdoc(), g["cue_x"])
                if head is not None:
                    lem = head.lemma_.lower()
                    known = "lex" if lem in lex.verbs or lem in lex.nouns or lem in lex.adjectives else "new"
                    missed_head[f"{head.pos_:<5} {known} {lem}"] += 1
                    if args.examples == "HEAD:" + lem and not any(g["cue"] & c for c in nested_cues) \
                            and not g["cue"] & in_content:
                        examples.append(("FN", gt, _words(text, g["source_x"]), _words(text, g["content_x"])[:150],
                                         text[max(0, g["cue_x"][0][0] - 150):g["cue_x"][0][1] + 80]))
                if args.examples and args.examples in gt:
                    examples.append(("FN", gt, _words(text, g["source_x"]), _words(text, g["content_x"])[:150],
                                     text[max(0, g["cue_x"][0][0] - 150):g["cue_x"][0][1] + 80] if g["cue_x"] else ""))
        for i, p in enumerate(pred):
            head = _cue_head(sdoc(), p["cue_x"])
            if head is not None:
                k = f"{head.pos_:<5} {head.lemma_.lower()}"
                per_lemma[k][0] += 1
                per_lemma[k][1] += i in mp
        for i, p in enumerate(pred):
            if i not in mp:
                pt = _norm_cue(_words(text, p["cue_x"]))
                false[pt] += 1
                if args.examples and args.examples in pt:
                    examples.append(("FP", pt, _words(text, p["source_x"]), _words(text, p["content_x"])[:150],
                                     text[max(0, p["cue_x"][0][0] - 150):p["cue_x"][0][1] + 80]))
        for i, j in pairs:
            g, p = gold[j], pred[i]
            if g[role] != p[role]:
                for w in _tok_text(tok, text, g[role] - p[role]):
                    partial_g[w.lower()] += 1
                for w in _tok_text(tok, text, p[role] - g[role]):
                    partial_p[w.lower()] += 1
                gt, pt = _norm_cue(_words(text, g[role + "_x"])), _norm_cue(_words(text, p[role + "_x"]))
                if role == "cue":
                    pairs_txt[gt, pt] += 1
                    gi, pi = g[role], p[role]
                    if pi and gi - pi:
                        left = [i for i in gi - pi if i < min(pi)]
                        right = [i for i in gi - pi if i > max(pi)]
                        if left:
                            ext["gold extends left: " + " ".join(_tok_text(tok, text, left)).lower()] += 1
                        if right:
                            ext["gold extends right: " + " ".join(_tok_text(tok, text, right)).lower()] += 1
                    if gi and pi - gi:
                        left = [i for i in pi - gi if i < min(gi)]
                        right = [i for i in pi - gi if i > max(gi)]
                        if left:
                            ext["pred extends left: " + " ".join(_tok_text(tok, text, left)).lower()] += 1
                        if right:
                            ext["pred extends right: " + " ".join(_tok_text(tok, text, right)).lower()] += 1
                if args.examples == "SPAN" or args.examples and (args.examples in gt or args.examples in pt):
                    examples.append(("SPAN", gt[:200], pt[:200], "", ""))

    print(f"PolNeAR {args.split}: {len(docs)} docs")
    for r in b.ROLES:
        g, p = tot[r, "gold"], tot[r, "pred"]
        print(f"{r:<8} gold tokens {g:6d}  pred tokens {p:6d}  | lost recall: "
              f"unmatched {lost[r, 'FN unmatched gold'] / g:.3f}  span {lost[r, 'FN span (matched)'] / g:.3f}"
              f"  | lost precision: unmatched {lost[r, 'FP unmatched pred'] / max(p, 1):.3f}"
              f"  span {lost[r, 'FP span (matched)'] / max(p, 1):.3f}")
    t = args.top
    print(f"\n== missed gold cues (no matched prediction), top {t} of {sum(missed.values())}")
    for k, v in missed.most_common(t):
        print(f"{v:5d}  {k}")
    print("\n== why gold cues are missed: " + ", ".join(f"{k} {v}" for k, v in why.most_common()))
    print(f"\n== missed gold cues by head (POS, in lexicon?, lemma), top {t}")
    for k, v in missed_head.most_common(t):
        print(f"{v:5d}  {k}")
    low = sorted(((v[1] / v[0], v[0], k) for k, v in per_lemma.items() if v[0] >= 8), key=lambda x: x[:2])
    print("\n== predicted cue heads (>= 8 predictions) by match rate, lowest first")
    print("   " + ", ".join(f"{k.split()[-1]}/{k.split()[0]} {r:.2f} ({n})" for r, n, k in low[:t]))
    print(f"\n== false predicted cues (no matched gold), top {t} of {sum(false.values())}")
    for k, v in false.most_common(t):
        print(f"{v:5d}  {k}")
    print(f"\n== {role} span differences on matched pairs: tokens gold has, we lack")
    print("   " + ", ".join(f"{k} {v}" for k, v in partial_g.most_common(t)))
    print("== tokens we have, gold lacks")
    print("   " + ", ".join(f"{k} {v}" for k, v in partial_p.most_common(t)))
    if ext:
        print(f"\n== cue extensions on matched pairs, top {t}")
        for k, v in ext.most_common(t):
            print(f"{v:5d}  {k}")
    if pairs_txt:
        print(f"\n== (gold cue | predicted cue) on matched pairs that differ, top {t}")
        for (gt, pt), v in pairs_txt.most_common(t):
            print(f"{v:5d}  {gt!r:40} | {pt!r}")
    for e in examples[:60]:
        print("\n" + " || ".join(x.replace("\n", " ⏎ ") for x in e if x))
    return 0


if __name__ == "__main__":
    sys.exit(main())
