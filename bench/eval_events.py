"""Evaluate the events stage on the PETRARCH validation sentences (../shared/data/petrarch).

The unit-test sentences use fictional actors (ARN = Arnor, GON = Gondor …). An actor
dictionary is built at run time from PETR.Validate.actors.txt (never copied into the repo):
each name becomes an entity whose name is its code, so the coder's actor and target can be
compared with the expected codings. Expected CAMEO codes are mapped to PLOVER types with
``zufolge/events/lexicon/cameo_plover.tsv``; codings whose code is not a CAMEO code (the suite
tests the program with made-up codes such as 345 or 9xx) or is not coded in PLOVER (CAMEO 01
statements, 02 appeals) are left out and counted.

Per sentence with at least one scorable coding:
  type accuracy   some coded event has one of the expected PLOVER types
  actor accuracy  some coded event's actor has the expected source's country code (3 letters)
  target accuracy some coded event's target has the expected target's country code
Sentences that expect no event give the false-alarm rate (any PLOVER event coded).

    python bench/eval_events.py [--sample N] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from zufolge.events import cameo_to_plover, code_events
from zufolge.schema import Article, Entity, Span

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data" / "petrarch"
#: PETRARCH2's own documented pass rate on its unit tests (README of the validation suite).
PETRARCH2_PASS_RATE = 0.72


def read_actor_dictionary(path: Path) -> dict[str, str]:
    """Phrase (upper case, words joined by spaces; trailing '_' = whole word) -> actor code."""
    names: dict[str, str] = {}
    pending: list[str] = []
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8", errors="replace"), flags=re.DOTALL)
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        s = line.strip()
        code = re.search(r"\[([^\]]+)\]", s)
        head = s[: code.start()].strip() if code else s
        if s.startswith("+"):
            pending.append(head[1:].strip())
        elif head and not s.startswith("["):
            pending = [head]
        if code:
            c = code.group(1).split()[0]
            for name in pending:
                if name and c not in ("---", "+++", "###"):
                    names.setdefault(name.upper(), c)
            if not s.startswith("["):
                pending = [] if head else pending
            else:
                pending = []
    return names


def _pattern(name: str) -> re.Pattern:
    whole = name.endswith("_")
    words = [w for w in re.split(r"[_ ]+", name.strip("_ ")) if w]
    body = r"[\s_]+".join(re.escape(w) for w in words)
    tail = r"\b" if whole else r"\w*"
    return re.compile(r"\b" + body + tail, re.IGNORECASE)


def build_entities(text: str, actors: list[tuple[re.Pattern, str]]) -> tuple[Entity, ...]:
    taken: list[tuple[int, int]] = []
    by_code: dict[str, list[Span]] = {}
    for pat, code in actors:  # longest names first
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            by_code.setdefault(code, []).append(Span(m.start(), m.end(), m.group()))
    return tuple(Entity(f"e{i + 1}", "GPE", code, None, tuple(sorted(spans, key=lambda s: s.start)))
                 for i, (code, spans) in enumerate(by_code.items()))


def load_cases(sample: int | None = None) -> list[dict]:
    cases = [json.loads(line) for line in (DATA / "unittest_treebank.norm.jsonl").open(encoding="utf-8")]
    if sample:
        step = max(1, len(cases) // sample)
        cases = cases[::step][:sample]
    return cases


def evaluate(cases: list[dict], verbose: bool = False) -> dict:
    table = cameo_to_plover()
    names = read_actor_dictionary(DATA / "original" / "PETR.Validate.actors.txt")
    actors = sorted(((_pattern(n), c) for n, c in names.items()), key=lambda x: -len(x[0].pattern))
    n = type_ok = actor_ok = target_ok = 0
    n_actor = n_target = 0
    none_cases = false_alarms = skipped = 0
    coded = coded_right = 0
    t0 = time.perf_counter()
    for case in cases:
        text = case["text"]
        ents = build_entities(text, actors)
        art = Article(id=str(case.get("id")), text=text, language="en",
                      sentences=(Span(0, len(text), text),), entities=ents)
        events = [e for e in code_events(art) if e.type != "OTHER"]
        code_of = {e.id: e.name for e in ents}
        gold = []
        for c in case["codings"]:
            ev = c.get("eventcode")
            if ev and ev in table and table[ev]:
                gold.append((table[ev], (c.get("sourcecode") or "")[:3], (c.get("targetcode") or "")[:3]))
        expected_nothing = all(not c.get("eventcode") for c in case["codings"])
        if expected_nothing:
            none_cases += 1
            false_alarms += bool(events)
            continue
        if not gold:
            skipped += 1
            continue
        n += 1
        types = {g[0] for g in gold}
        src = {g[1] for g in gold if g[1] and g[1] not in ("---", "###")}
        tgt = {g[2] for g in gold if g[2] and g[2] not in ("---", "###")}
        got_types = {e.type for e in events}
        got_src = {code_of.get(e.actor or "", "")[:3] for e in events}
        got_tgt = {code_of.get(e.target or "", "")[:3] for e in events}
        ok_t = bool(types & got_types)
        type_ok += ok_t
        coded += len(events)
        coded_right += sum(e.type in types for e in events)
        if src:
            n_actor += 1
            actor_ok += bool(src & got_src)
        if tgt:
            n_target += 1
            target_ok += bool(tgt & got_tgt)
        if verbose and not ok_t:
            print(f"  {case.get('id')}: want {sorted(types)} got {sorted(got_types)} | {text[:90]}")
    dt = time.perf_counter() - t0
    return {
        "sentences_scored": n, "sentences_skipped_noncameo_or_dropped": skipped,
        "type_accuracy": type_ok / n if n else 0.0,
        "actor_accuracy": actor_ok / n_actor if n_actor else 0.0,
        "target_accuracy": target_ok / n_target if n_target else 0.0,
        "type_precision": coded_right / coded if coded else 0.0,
        "no_event_sentences": none_cases,
        "false_alarm_rate": false_alarms / none_cases if none_cases else 0.0,
        "ms_per_sentence": 1000 * dt / max(1, len(cases)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=None)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    r = evaluate(load_cases(args.sample), args.verbose)
    print(f"PETRARCH unit tests, {r['sentences_scored']} scored sentences "
          f"({r['sentences_skipped_noncameo_or_dropped']} skipped: non-CAMEO test codes or CAMEO 01/02)")
    print(f"  type accuracy    {r['type_accuracy']:.3f}   (type precision {r['type_precision']:.3f})")
    print(f"  actor accuracy   {r['actor_accuracy']:.3f}")
    print(f"  target accuracy  {r['target_accuracy']:.3f}")
    print(f"  false alarms on {r['no_event_sentences']} no-event sentences: {r['false_alarm_rate']:.3f}")
    print(f"  PETRARCH2 documented pass rate on its unit tests: {PETRARCH2_PASS_RATE:.2f} "
          "(all fields exact, CAMEO codes from its own validation dictionaries)")
    print(f"  speed: {r['ms_per_sentence']:.1f} ms per sentence (incl. spaCy parse)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
