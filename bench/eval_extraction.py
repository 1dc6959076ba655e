"""Body-text extraction: zufolge's cleaned text vs trafilatura alone, on the same pages.

Data: ../shared/data/trafilatura_eval (visible half; German and English pages with
"with" snippets that must be in the text and "without" snippets that must not).
Scoring as in trafilatura's own evaluation: a `with` snippet found is a true positive,
missing a false negative; a `without` snippet found is a false positive.
P = TP/(TP+FP), R = TP/(TP+FN). Also counts caption credits that leak into the text
(an independent pattern, not zufolge's own detector) and the time per page.

    python bench/eval_extraction.py                 # all visible pages
    python bench/eval_extraction.py --n 40 --lang de
    python bench/eval_extraction.py --show-misses   # the snippets zufolge gets wrong
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data" / "trafilatura_eval"

#: credit lines in output text, written independently of zufolge.clean.credits
_LEAK = re.compile(
    r"(?im)(?:^|[.!?]\s*|\s[|–]\s*|\()(?:Fotos?|Bild(?:quelle)?|Photo(?:graph)?|Image|Credit)\s*:\s*[^\n]{1,80}$"
    r"|©\s*[^\n]{1,80}$"
    r"|(?:^|[.!?])[^\n.!?]{0,80}/(?:dpa|AP|AFP|Reuters|Getty Images|imago(?: images)?|Pool|EPA)\s*$"
    r"|\((?:Photo|Image) by [^\n)]{1,80}\)\s*$")


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    leaks: int = 0
    pages: int = 0
    seconds: float = 0.0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, url: str, text: str, item: dict, keep_misses: bool = False) -> None:
        self.pages += 1
        for s in item["with"]:
            if s in text:
                self.tp += 1
            else:
                self.fn += 1
                if keep_misses:
                    self.misses.append(("FN", url, s))
        for s in item["without"]:
            if s in text:
                self.fp += 1
                if keep_misses:
                    self.misses.append(("FP", url, s))
        self.leaks += len(_LEAK.findall(text))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_pages(lang: str = "all", n: int | None = None) -> list[tuple[str, dict, bytes]]:
    """``(url, item, html bytes)`` for the visible pages, sorted by file name; every k-th
    page when ``n`` is given, so a sample covers the whole set and stays fixed."""
    evaldata = json.loads((DATA / "evaldata_visible.json").read_text(encoding="utf-8"))
    items = sorted(((u, it) for u, it in evaldata.items() if lang in ("all", it["lang"])),
                   key=lambda x: x[1]["file"])
    if n is not None and n < len(items):
        step = len(items) / n
        items = [items[int(i * step)] for i in range(n)]
    return [(u, it, (DATA / it["local_path"]).read_bytes()) for u, it in items]


def trafilatura_text(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def zufolge_text(html: bytes, url: str) -> str:
    from zufolge.clean import clean
    from zufolge.errors import InputError
    from zufolge.ingest import decode_bytes
    from zufolge.schema import RawDocument

    try:
        doc = RawDocument(origin=url, html=decode_bytes(html, html=True), url=url)
        return clean(doc).text
    except InputError:
        return ""


SYSTEMS = {"trafilatura": trafilatura_text, "zufolge": zufolge_text}


def evaluate(pages: list[tuple[str, dict, bytes]],
             keep_misses: bool = False) -> dict[str, dict[str, Score]]:
    """scores[system][lang or "all"]"""
    scores: dict[str, dict[str, Score]] = {s: {} for s in SYSTEMS}
    for name, run in SYSTEMS.items():
        run(pages[0][2], pages[0][0])  # warm up imports and caches
        for url, item, html in pages:
            t0 = time.perf_counter()
            text = run(html, url)
            dt = time.perf_counter() - t0
            for key in (item["lang"], "all"):
                sc = scores[name].setdefault(key, Score())
                sc.add(url, text, item, keep_misses and name == "zufolge" and key == "all")
                sc.seconds += dt
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", choices=("de", "en", "all"), default="all")
    ap.add_argument("--n", type=int, default=None, help="a fixed, evenly spread sample of N pages")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 2
    pages = load_pages(args.lang, args.n)
    scores = evaluate(pages, keep_misses=args.show_misses)
    print(f"{'system':12} {'lang':4} {'pages':>5} {'TP':>5} {'FN':>5} {'FP':>5} "
          f"{'P':>6} {'R':>6} {'F1':>6} {'leaks':>5} {'ms/page':>8}")
    for name, by_lang in scores.items():
        for lang in ("de", "en", "all"):
            if lang not in by_lang:
                continue
            s = by_lang[lang]
            print(f"{name:12} {lang:4} {s.pages:5d} {s.tp:5d} {s.fn:5d} {s.fp:5d} {s.precision:6.3f} "
                  f"{s.recall:6.3f} {s.f1:6.3f} {s.leaks:5d} {1000 * s.seconds / max(s.pages, 1):8.1f}")
    if args.show_misses:
        for kind, url, snippet in scores["zufolge"]["all"].misses:
            print(f"{kind} {url} {snippet!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
