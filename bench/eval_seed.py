"""Check an analyzed article against a hand-made gold file (the seed's format).

    .venv/bin/python bench/eval_seed.py [../shared/fixtures/000_b337fd64c27bf3b4.txt]

Prints one line per gold item (PASS/FAIL and why) for every section —
cleaning, entities, claims, checks, events, times, quantities — and a summary.
The gold matches strings as substrings of zufolge's output text; offsets are
not given. ``check(article, gold)`` returns the same as data for tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "fixtures" / "000_b337fd64c27bf3b4.txt"


def _entity_by_id(doc: dict) -> dict[str, dict]:
    return {e["id"]: e for e in doc.get("entities") or []}


def _entity_texts(doc: dict, eid: str | None) -> set[str]:
    e = _entity_by_id(doc).get(eid or "")
    if not e:
        return set()
    return {m["text"] for m in e["mentions"]} | {e["name"]} | ({e["wikidata"]} if e.get("wikidata") else set())


def _chain_texts(doc: dict, step: str) -> set[str]:
    return {step} | _entity_texts(doc, step)


def check_cleaning(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    out = []
    g = gold["cleaning"]
    out.append(("cleaning.title", doc.get("title") == g["title"], repr(doc.get("title"))))
    out.append(("cleaning.lead", doc.get("lead") == g["lead"], repr(doc.get("lead"))))
    caps = doc.get("captions") or []
    out.append(("cleaning.caption", any(c["span"]["text"] == g["caption"] for c in caps), str(caps)[:120]))
    out.append(("cleaning.caption_credit", any(c.get("credit") == g["caption_credit"] for c in caps), ""))
    subs = [s["text"] for s in doc.get("subheadings") or []]
    out.append(("cleaning.subheadings", subs == g["subheadings"], repr(subs)))
    for bad in g["must_not_appear_in_text"]:
        out.append((f"cleaning.not_in_text {bad!r}", bad not in doc["text"], ""))
    n = doc["text"].count(g["caption"])
    out.append(("cleaning.caption_once", n <= g["caption_occurrences_in_text_at_most"] and n >= 1, f"{n}x"))
    return out


def check_entities(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    out = []
    ents = doc.get("entities")
    if ents is None:
        return [("entities", False, "no entities layer")]
    for g in gold["entities"]["required"]:
        ok_ent = None
        for e in ents:
            texts = {m["text"] for m in e["mentions"]}
            if not all(any(gm == t or gm in t for t in texts) for gm in g["mentions"]):
                continue
            if e["type"] != g["type"]:
                continue
            if "wikidata" in g and e.get("wikidata") != g["wikidata"]:
                continue
            if "name_contains" in g and g["name_contains"] not in e["name"]:
                continue
            ok_ent = e
            break
        out.append((f"entities {g['mentions'][0]}", ok_ent is not None,
                    "" if ok_ent else str([(e['name'], e['type'], e.get('wikidata')) for e in ents
                                           if any(g['mentions'][0] in m['text'] for m in e['mentions'])])))
    all_mentions = {m["text"] for e in ents for m in e["mentions"]}
    for bad in gold["entities"]["must_not_be_entities"]:
        out.append((f"entities not {bad!r}", not any(bad == t or bad in t for t in all_mentions), ""))
    return out


def _claim_matches(doc: dict, c: dict, g: dict) -> tuple[bool, str]:
    if g["content_contains"] not in c["content"]["text"]:
        return False, "content"
    why = []
    if "cue" in g:
        cue_texts = [(c.get("cue") or {}).get("text", "")] + [p["text"] for p in c.get("cue_parts") or []]
        joined = " ".join(cue_texts)
        if not all(w in joined for w in g["cue"].split()):
            why.append(f"cue {cue_texts}")
    src = c["source"]
    if "source_kind" in g and src["kind"] != g["source_kind"]:
        why.append(f"kind {src['kind']}")
    if "source_mention_contains" in g:
        mention = (src.get("mention") or {}).get("text", "")
        if g["source_mention_contains"] not in mention:
            why.append(f"source {mention!r}")
    if "source_resolves_to_mentions" in g:
        texts = _entity_texts(doc, src.get("entity"))
        if not all(any(x in t for t in texts) for x in g["source_resolves_to_mentions"]):
            why.append(f"resolves {sorted(texts)}")
    if "chain_contains_in_order" in g:
        pos = 0
        chain = c["chain"]
        for want in g["chain_contains_in_order"]:
            while pos < len(chain) and not any(want in t for t in _chain_texts(doc, chain[pos])):
                pos += 1
            if pos >= len(chain):
                why.append(f"chain {chain}")
                break
            pos += 1
    if "certainty" in g and c["certainty"]["level"] not in g["certainty"]:
        why.append(f"certainty {c['certainty']['level']}")
    if "certainty_cues" in g:
        cues = " ".join(x["text"] for x in c["certainty"]["cues"])
        missing = [w for w in g["certainty_cues"] if w not in cues]
        if missing:
            why.append(f"certainty cues missing {missing}")
    if "polarity" in g and c["polarity"] != g["polarity"]:
        why.append(f"polarity {c['polarity']}")
    if "mode" in g and c["mode"] not in g["mode"]:
        why.append(f"mode {c['mode']}")
    if "inherited" in g and c["inherited"] != g["inherited"]:
        why.append(f"inherited {c['inherited']}")
    return not why, "; ".join(why)


def check_claims(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    claims = doc.get("claims")
    if claims is None:
        return [("claims", False, "no claims layer")]
    out, used = [], set()
    for g in gold["claims"]["required"]:
        best = (False, "no claim with that content")
        for c in claims:
            ok, why = _claim_matches(doc, c, g)
            if ok:
                best = (True, c["id"])
                used.add(c["id"])
                break
            if why != "content":
                best = (False, f"{c['id']}: {why}")
                used.add(c["id"])
        out.append((f"claims {g['content_contains'][:40]!r}", *best))
    for g in gold["claims"].get("optional", []):
        for c in claims:
            if g["content_contains"] in c["content"]["text"]:
                used.add(c["id"])
    extra = [c["content"]["text"][:60] for c in claims if c["id"] not in used]
    # claims about the same statement (e.g. nested parts) count as found, not false
    out.append((f"claims false <= {gold['claims']['max_false_claims']}",
                len(extra) <= gold["claims"]["max_false_claims"], f"{len(extra)}: {extra}"))
    return out


def check_checks(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    kinds = [c["kind"] for c in doc.get("checks") or []]
    return [(f"checks {g['kind']}", g["kind"] in kinds, str(kinds)) for g in gold["checks"]["required"]]


def check_events(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    events = doc.get("events")
    if events is None:
        return [("events", False, "no events layer")]
    ents = _entity_by_id(doc)
    out = []
    for g in gold["events"]["required"]:
        found = []
        for e in events:
            if e["type"] not in g["type"]:
                continue
            actors = {ents.get(e.get("actor") or "", {}).get("wikidata"),
                      ents.get(e.get("target") or "", {}).get("wikidata")}
            want = g["actor_wikidata"] if isinstance(g["actor_wikidata"], list) else [g["actor_wikidata"]]
            if not actors & set(want):
                continue
            found.append(e)
        ok = len(found) == 1
        why = f"{len(found)} matching events"
        if found:
            e = found[0]
            date = (e.get("date") or {}).get("value")
            if date != g["date"]:
                ok, why = False, f"date {date}"
            elif e["modality"] not in g["modality"]:
                ok, why = False, f"modality {e['modality']}"
            elif "location_contains" in g:
                loc = _entity_texts(doc, e.get("location"))
                if not any(g["location_contains"] in t for t in loc):
                    ok, why = False, f"location {sorted(loc)}"
        out.append((f"events {g['what'][:50]!r}", ok, why))
    return out


def check_times(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    times = doc.get("times")
    if times is None:
        return [("times", False, "no times layer")]
    out = []
    for g in gold["times"]["required"]:
        ok = any(g["text_contains"] in t["span"]["text"] and
                 ("value" not in g or t["value"] == g["value"]) and
                 ("type" not in g or t["type"] == g["type"]) for t in times)
        out.append((f"times {g['text_contains']!r}", ok, ""))
    out.append(("times published null", doc.get("published") is None, str(doc.get("published"))))
    return out


def check_quantities(doc: dict, gold: dict) -> list[tuple[str, bool, str]]:
    qs = doc.get("quantities")
    if qs is None:
        return [("quantities", False, "no quantities layer")]
    out = []
    for g in gold["quantities"]["required"]:
        ok = False
        for q in qs:
            if g["text_contains"] not in q["span"]["text"]:
                continue
            if all(q.get(k) == v for k, v in g.items() if k in ("value", "low", "high", "unit", "per")) and \
                    ("counted_contains" not in g or g["counted_contains"] in (q.get("counted") or "")):
                ok = True
        out.append((f"quantities {g['text_contains']!r}", ok, ""))
    return out


SECTIONS = {"cleaning": check_cleaning, "entities": check_entities, "claims": check_claims,
            "checks": check_checks, "events": check_events, "times": check_times,
            "quantities": check_quantities}


def check(doc: dict, gold: dict) -> dict[str, list[tuple[str, bool, str]]]:
    return {name: fn(doc, gold) for name, fn in SECTIONS.items() if name in gold}


def main(argv: list[str] | None = None) -> int:
    import zufolge

    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else SEED
    gold_path = path.with_suffix(".gold.json")
    if not path.exists() or not gold_path.exists():
        print(f"no article/gold at {path}", file=sys.stderr)
        return 2
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = zufolge.analyze(path.read_text(encoding="utf-8")).to_dict()
    results = check(doc, gold)
    total = passed = 0
    for section, items in results.items():
        ok = sum(1 for _, p, _ in items if p)
        total += len(items)
        passed += ok
        print(f"== {section}: {ok}/{len(items)}")
        for name, p, why in items:
            print(f"  {'PASS' if p else 'FAIL'} {name}" + (f"  ({why})" if why and not p else ""))
    print(f"seed gold: {passed}/{total} items pass")
    return 0 if passed == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
