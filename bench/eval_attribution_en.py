"""Score zufolge's English claims against PolNeAR (source / cue / content).

Usage::

    .venv/bin/python bench/eval_attribution_en.py                 # held-out part (every 5th doc)
    .venv/bin/python bench/eval_attribution_en.py --split dev --limit 50
    .venv/bin/python bench/eval_attribution_en.py --split all --json
    .venv/bin/python bench/eval_attribution_en.py --split dev --cache /tmp/polnear_spacy   # reuse parses

Data: ../shared/data/polnear/train.jsonl (see SOURCES.md). One annotator file per
document (the first annotator id in sorted order). Fixed split: documents sorted
by id, every 5th one (index % 5 == 4) is held out; the rest is development data.

Scoring. Predicted attributions are the claims with a cue (mode != unattributed)
whose cue does not lie inside another predicted claim's content (PolNeAR annotates
no nested attributions; ``--nested split`` instead keeps them and takes their tokens out of
the outer content, which scores lower). Predicted and gold attributions are matched one-to-one,
greedily: first pairs whose cues share a token (most shared tokens first), then
pairs whose contents share a token. Per role:

* token overlap: P = shared tokens over all predicted tokens of that role,
  R = shared tokens over all gold tokens of that role (unmatched attributions
  count fully against P or R); ``joint`` pools the three roles;
* exact: a matched pair counts when the role's spans are equal after trimming
  spaces and edge punctuation (. , ; :); P over predicted attributions that have
  the role, R over gold attributions that have it.

A claim's content is one contiguous span in zufolge; where it runs across its own
attribution ("“A,” she said, “B.”") the tokens of its own cue and source are not
counted as content.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train.jsonl"
ROLES = ("cue", "source", "content")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_EDGE = " \t\n.,;:"


def load_docs(path: Path = DATA, split: str = "heldout") -> list[dict]:
    """One annotation file per document, in doc-id order, restricted to ``split``."""
    by_doc: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            cur = by_doc.get(row["doc_id"])
            if cur is None or row["annotator"] < cur["annotator"]:
                by_doc[row["doc_id"]] = row
    docs = [by_doc[k] for k in sorted(by_doc)]
    if split == "all":
        return docs
    held = split == "heldout"
    return [d for i, d in enumerate(docs) if (i % 5 == 4) == held]


def cached_parser(cache: Path):
    """An ``en_doc`` replacement that keeps each parse (``Doc.to_bytes``) under ``cache``,
    keyed by a hash of the text, so repeated evaluations skip spaCy."""
    import hashlib

    from spacy.tokens import Doc

    from zufolge.nlp import en_nlp

    cache.mkdir(parents=True, exist_ok=True)
    nlp = en_nlp()

    def en_doc(text: str):
        path = cache / (hashlib.sha1(text.encode("utf-8")).hexdigest()[:16] + ".bin")
        if path.exists():
            return Doc(nlp.vocab).from_bytes(path.read_bytes())
        doc = nlp(text)
        path.write_bytes(doc.to_bytes())
        return doc

    return en_doc


class _Tokens:
    def __init__(self, text: str):
        self.starts = [m.start() for m in _TOKEN.finditer(text)]
        self.ends = [m.end() for m in _TOKEN.finditer(text)]

    def ids(self, spans) -> frozenset[int]:
        import bisect
        out: set[int] = set()
        for a, b in spans:
            i = bisect.bisect_left(self.ends, a + 1)
            while i < len(self.starts) and self.starts[i] < b:
                out.add(i)
                i += 1
        return frozenset(out)


def _norm(text: str, spans) -> tuple:
    out = []
    for a, b in sorted(spans):
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and text[b - 1] in _EDGE:
            b -= 1
        if b > a:
            out.append((a, b))
    # adjacent pieces separated only by spaces/punctuation are one span
    merged: list[list[int]] = []
    for a, b in out:
        if merged and not text[merged[-1][1]:a].strip(_EDGE):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return tuple(tuple(x) for x in merged)


def gold_attributions(doc: dict, tok: _Tokens) -> list[dict]:
    out = []
    text = doc["text"]
    for a in doc["attributions"]:
        item = {}
        for role in ROLES:
            spans = [(s["start"], s["end"]) for x in a[role] for s in x["spans"]]
            item[role] = tok.ids(spans)
            item[role + "_x"] = _norm(text, spans)
        out.append(item)
    return out


def predicted_attributions(article, claims, tok: _Tokens, nested_mode: str = "drop") -> list[dict]:
    cand = [c for c in claims if c.mode != "unattributed" and c.cue is not None]
    nested = set()
    for c in cand:
        for o in cand:
            if o is not c and o.content.start <= c.cue.start < o.content.end:
                nested.add(c.id)
                break
    out = []
    text = article.text
    for c in cand:
        if c.id in nested and nested_mode == "drop":
            continue
        cue_spans = [(p.start, p.end) for p in c.cue_parts] or [(c.cue.start, c.cue.end)]
        src_spans = [(c.source.mention.start, c.source.mention.end)] if c.source.mention else []
        cue, src = tok.ids(cue_spans), tok.ids(src_spans)
        content = tok.ids([(c.content.start, c.content.end)]) - cue - src
        out.append({"cue": cue, "source": src, "content": content,
                    "cue_x": _norm(text, cue_spans), "source_x": _norm(text, src_spans),
                    "content_x": _norm(text, [(c.content.start, c.content.end)])})
    if nested_mode == "split":
        # every token belongs to one attribution: an outer content loses the inner claim's tokens
        for p in out:
            for q in out:
                if q is not p and q["cue"] & p["content"]:
                    p["content"] = p["content"] - q["cue"] - q["source"] - q["content"]
    return out


def match(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            cue = len(p["cue"] & g["cue"])
            con = len(p["content"] & g["content"])
            if cue:
                pairs.append((2, cue, con, i, j))
            elif con:
                pairs.append((1, con, 0, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _prf(tp: float, np_: float, ng: float) -> dict:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def evaluate(docs: list[dict], nested_mode: str = "drop") -> dict:
    """Run ``claims.en.extract`` on each document and score it; returns the score table."""
    from zufolge.claims.en import extract
    from zufolge.schema import Article

    tok_tp, tok_np, tok_ng = defaultdict(int), defaultdict(int), defaultdict(int)
    ex_tp, ex_np, ex_ng = defaultdict(int), defaultdict(int), defaultdict(int)
    n_match = n_pred = n_gold = 0
    words = 0
    t0 = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        words += len(text.split())
        article = Article(id=doc["doc_id"], text=text, language="en")
        claims = extract(article)
        for c in claims:  # offsets must line up with the text
            assert text[c.content.start:c.content.end] == c.content.text
        tok = _Tokens(text)
        pred = predicted_attributions(article, claims, tok, nested_mode)
        gold = gold_attributions(doc, tok)
        pairs = match(pred, gold)
        n_match += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        for role in ROLES:
            tok_np[role] += sum(len(p[role]) for p in pred)
            tok_ng[role] += sum(len(g[role]) for g in gold)
            ex_np[role] += sum(1 for p in pred if p[role + "_x"])
            ex_ng[role] += sum(1 for g in gold if g[role + "_x"])
            for i, j in pairs:
                tok_tp[role] += len(pred[i][role] & gold[j][role])
                if pred[i][role + "_x"] and pred[i][role + "_x"] == gold[j][role + "_x"]:
                    ex_tp[role] += 1
    secs = time.perf_counter() - t0
    result = {
        "docs": len(docs), "words": words, "seconds": round(secs, 2),
        "articles_per_s": round(len(docs) / secs, 2) if secs else None,
        "attributions": {"pred": n_pred, "gold": n_gold, **_prf(n_match, n_pred, n_gold)},
        "token": {r: _prf(tok_tp[r], tok_np[r], tok_ng[r]) for r in ROLES},
        "exact": {r: _prf(ex_tp[r], ex_np[r], ex_ng[r]) for r in ROLES},
    }
    result["token"]["joint"] = _prf(sum(tok_tp.values()), sum(tok_np.values()), sum(tok_ng.values()))
    result["exact"]["joint"] = _prf(sum(ex_tp.values()), sum(ex_np.values()), sum(ex_ng.values()))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("heldout", "dev", "all"), default="heldout")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--nested", choices=("drop", "split"), default="drop")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep spaCy parses in this directory (outside the repo) to rerun faster")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    if args.cache:
        import zufolge.claims.en

        zufolge.claims.en.en_doc = cached_parser(args.cache)
    docs = load_docs(args.data, args.split)
    if args.limit:
        docs = docs[: args.limit]
    res = evaluate(docs, args.nested)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    print(f"PolNeAR {args.split}: {res['docs']} docs, {res['words']} words, {res['seconds']} s "
          f"({res['articles_per_s']} articles/s)")
    a = res["attributions"]
    print(f"attributions  pred {a['pred']}  gold {a['gold']}  matched P {a['p']:.3f} R {a['r']:.3f} "
          f"F1 {a['f1']:.3f}")
    print(f"{'role':<8} {'tok P':>6} {'tok R':>6} {'tok F1':>6}   {'ex P':>6} {'ex R':>6} {'ex F1':>6}")
    for role in (*ROLES, "joint"):
        t, e = res["token"][role], res["exact"][role]
        print(f"{role:<8} {t['p']:6.3f} {t['r']:6.3f} {t['f1']:6.3f}   {e['p']:6.3f} {e['r']:6.3f} {e['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
