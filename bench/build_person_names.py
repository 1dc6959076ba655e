#!/usr/bin/env python3
"""Rebuild ``src/zufolge/entities/lexicon/person_names.tsv`` (first names and surnames, a CRF feature).

The names come from the person providers of Faker (MIT licence, https://github.com/joke2k/faker),
European locales only. Faker is needed only to rebuild the list, not at run time::

    pip install --target /tmp/fakerpkg faker
    .venv/bin/python bench/build_person_names.py /tmp/fakerpkg

Columns: name, kind (F first name, L surname, FL both).
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "zufolge" / "entities" / "lexicon" / "person_names.tsv"
LOCALES = ("de_DE", "de_AT", "de_CH", "en_US", "en_GB", "fr_FR", "it_IT", "es_ES", "pl_PL", "nl_NL", "tr_TR",
           "cs_CZ", "pt_PT", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU", "ro_RO", "hr_HR", "sk_SK", "sl_SI",
           "lt_LT", "lv_LV", "et_EE")
NAME = re.compile(r"^[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿ\-]+$")


def _names(provider, attr: str) -> set[str]:
    v = getattr(provider, attr, None) or ()
    return {n for n in (v.keys() if isinstance(v, dict) else v) if NAME.match(n) and len(n) > 2}


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        sys.path.insert(0, argv[1])
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        first |= _names(p, "first_names") | _names(p, "first_names_male") | _names(p, "first_names_female")
        last |= _names(p, "last_names")
    header = "# first names (F) and surnames (L) from Faker's person providers (MIT); rebuilt by bench/build_person_names.py"
    lines = [header]
    for n in sorted(first | last):
        lines.append(f"{n}\t{'F' if n not in last else 'L' if n not in first else 'FL'}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(last)} surnames -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
