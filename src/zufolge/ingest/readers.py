"""Minimal readers (.txt, .jsonl); extended by the ingest issue."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..schema import RawDocument, Rejected


def read_paths(paths: Iterable[str], raw: bool = False) -> Iterator[RawDocument | Rejected]:
    for p in paths:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
                    if line.strip():
                        d = json.loads(line)
                        yield RawDocument(origin=f"{f}#{i + 1}", text=d.get("text"),
                                          html=d.get("html"), id=d.get("id"), url=d.get("url"),
                                          outlet=d.get("outlet"), title=d.get("title"),
                                          published=d.get("published"), lang=d.get("lang"), raw=raw)
            elif f.suffix in (".html", ".htm"):
                yield RawDocument(origin=str(f), html=f.read_text(encoding="utf-8"), raw=raw)
            else:
                yield RawDocument(origin=str(f), text=f.read_text(encoding="utf-8"), raw=raw)
