"""The public surface: the Python API and every documented CLI option exist."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zufolge
from zufolge.cli import app
from zufolge.schema import Article, Rejected

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "CONTRACT.md"

PUBLIC = {
    "analyze", "analyze_many", "to_raw_document", "Article", "Span", "Caption", "Removed",
    "Entity", "Claim", "Source", "Anonymous", "Certainty", "Event", "EventDate", "TimeExpr",
    "Quantity", "Check", "RawDocument", "Rejected", "ZufolgeError", "__version__",
}


def test_public_surface_does_not_change_by_accident():
    assert set(zufolge.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(zufolge, name), name


def test_analyze_and_round_trip():
    doc = zufolge.analyze("Der Minister sagte am Montag, die Regierung werde die Hilfen erhöhen. "
                          "Die Opposition widersprach.", raw=True)
    assert isinstance(doc, Article) and doc.language == "de"
    assert Article.from_dict(doc.to_dict()) == doc


def test_analyze_many_keeps_order_and_turns_bad_input_into_rejected():
    records = [{"id": "one", "text": "Officials said the bridge would reopen on Monday. "
                                     "Residents welcomed the news."},
               {"id": "empty", "text": ""},
               {"id": "two", "text": "Die Polizei teilte mit, der Verdächtige sei gefasst worden. "
                                     "Weitere Angaben machte sie nicht."}]
    out = list(zufolge.analyze_many(records))
    assert [x.id for x in out] == ["one", "empty", "two"]
    assert isinstance(out[1], Rejected) and out[1].reason
    assert [x.language for x in (out[0], out[2])] == ["en", "de"]


def _contract_cli_lines() -> list[tuple[str, set[str]]]:
    text = CONTRACT.read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```", 2)[1]
    out = []
    for line in block.splitlines():
        m = re.match(r"\s*zufolge (\w+)(.*)", line)
        if m:
            options = set(re.findall(r"--[a-z][a-z-]*", m.group(2).split("#")[0]))
            out.append((m.group(1), options))
    return out


@pytest.mark.skipif(not CONTRACT.exists(), reason="needs ../shared/CONTRACT.md")
def test_every_contract_option_exists():
    lines = _contract_cli_lines()
    assert {cmd for cmd, _ in lines} >= {"analyze", "ingest", "query", "export", "serve", "bench"}
    for cmd, options in lines:
        r = CliRunner().invoke(app, [cmd, "--help"], terminal_width=200)
        assert r.exit_code == 0, (cmd, r.output)
        for opt in options:
            assert opt in r.output, f"zufolge {cmd}: {opt} is in CONTRACT.md but not in --help"


def test_every_option_in_the_readme_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for m in re.finditer(r"zufolge (analyze|ingest|query|export|serve|bench)\b([^\n`]*)", readme):
        r = CliRunner().invoke(app, [m.group(1), "--help"], terminal_width=200)
        for opt in re.findall(r"(?<![\w-])--[a-z][a-z-]*", m.group(2)):
            assert opt in r.output, f"README: zufolge {m.group(1)} {opt} does not exist"


def test_readme_lists_every_store_table():
    from zufolge.corpus import TABLES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"| `{table}` |" in readme, table
