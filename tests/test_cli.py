"""The command line: exit codes, bad input through ingest, read-only query, export, formats."""

import json
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from zufolge.cli import app
from zufolge.schema import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REJECTED_LINE = re.compile(r"^rejected (\S+) (\S+): ", re.MULTILINE)

GOOD_DE = ("Stadt eröffnet neue Brücke\n\nDie Stadt hat am Montag die neue Brücke über den Fluss "
           "eröffnet. Nach Angaben der Bürgermeisterin kostete der Bau 12 Millionen Euro.\n\n"
           "Anwohner sagten, der Verkehr sei seitdem deutlich ruhiger geworden.")
GOOD_EN = ("Council approves new budget\n\nThe city council approved the budget on Tuesday, "
           "officials said. According to the mayor, spending will rise by 3 percent.\n\n"
           "Opposition members said the plan was too expensive.")


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "rejected", "mentions", "claims", "claim_clusters",
                          "event_clusters")}
    finally:
        con.close()


def test_help_lists_every_command():
    r = run("--help")
    assert r.exit_code == 0
    for cmd in ("analyze", "ingest", "query", "export", "serve", "bench"):
        assert cmd in r.output


def test_analyze_ok_exits_0_and_json_round_trips(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD_DE, encoding="utf-8")
    r = run("analyze", src, "--format", "json")
    assert r.exit_code == 0, r.output
    docs = json.loads(r.stdout)
    assert len(docs) == 1
    a = Article.from_dict(docs[0])
    assert a.to_dict() == docs[0]
    assert a.language == "de"
    for s in a.sentences:
        assert a.text[s.start:s.end] == s.text


def test_analyze_raw_keeps_the_text_exactly(tmp_path):
    text = "  Nordkorea plant laut einem Bericht, Truppen zu entsenden.\n\nDas ist alles.  "
    src = tmp_path / "raw.txt"
    src.write_text(text, encoding="utf-8")
    r = run("analyze", src, "--raw", "--format", "jsonl", "--lang", "de")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout.splitlines()[0])
    assert d["text"] == text and d["language"] == "de"


def test_analyze_out_file_and_examples_directory(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("analyze", EXAMPLES / "de_nordkorea.txt", EXAMPLES / "en_report.txt",
            "--format", "jsonl", "--out", out)
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["language"] for x in lines] == ["de", "en"]
    assert r.stdout == ""


def test_missing_path_is_a_usage_error():
    r = run("analyze", "does/not/exist.txt")
    assert r.exit_code == 2
    assert "no such file" in r.stderr


def test_unknown_format_and_unknown_command_are_usage_errors(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD_EN, encoding="utf-8")
    assert run("analyze", src, "--format", "pdf").exit_code == 2
    assert run("frobnicate").exit_code == 2
    assert run("ingest", src).exit_code == 2  # --db missing


def test_a_rejected_article_exits_1_and_the_rest_is_written(tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(GOOD_EN, encoding="utf-8")
    empty.write_bytes(b"")
    r = run("analyze", good, empty, "--format", "jsonl")
    assert r.exit_code == 1
    assert len(r.stdout.strip().splitlines()) == 1
    assert len(REJECTED_LINE.findall(r.stderr)) == 1


def test_table_format_reads_like_a_summary():
    r = run("analyze", EXAMPLES / "de_nordkorea.txt", "--format", "table")
    assert r.exit_code == 0, r.output
    assert "Nordkorea soll Pioniere an die Front schicken" in r.stdout
    assert "language: de" in r.stdout
    assert "{" not in r.stdout.splitlines()[0]


def test_html_format_is_standalone_and_escaped(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("Schlagzeile mit <b>Markup</b>\n\nDer Sprecher sagte, <script>alert(1)</script> "
                   "sei ein Test & mehr nicht. Die Polizei bestätigte den Vorfall am Montag.",
                   encoding="utf-8")
    r = run("analyze", src, "--raw", "--format", "html", "--lang", "de")
    assert r.exit_code == 0, r.output
    page = r.stdout
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp; mehr" in page


# -- ingest: bad input, idempotence ------------------------------------------------------

def _bad_batch(d: Path) -> tuple[int, int]:
    """Write good and bad inputs; return (good articles, inputs that must be rejected)."""
    d.mkdir()
    (d / "good_de.txt").write_text(GOOD_DE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "headline_only.txt").write_text("Nur eine Schlagzeile ohne Text\n", encoding="utf-8")
    (d / "nobody.html").write_text(
        "<!doctype html><html><head><title>Leer</title></head><body><nav><a href='/'>Start</a>"
        "</nav></body></html>", encoding="utf-8")
    lines = [json.dumps({"id": "j-good-1", "text": GOOD_EN}),
             '{"id": "j-broken", "text": "unterminated',
             json.dumps({"id": "j-good-2", "lang": "de", "text": GOOD_DE.replace("Montag", "Dienstag")})]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 3, 5


def _encoding_files(d: Path) -> None:
    d.mkdir()
    (d / "latin1.txt").write_bytes(GOOD_DE.replace("Brücke", "Fußgängerbrücke").encode("latin-1"))
    bad_utf8 = GOOD_EN.encode("utf-8").replace(b"percent", b"percent \xff\xfe")
    (d / "invalid_utf8.txt").write_bytes(bad_utf8)


def test_ingest_bad_input_is_rejected_and_reported_rest_is_written(tmp_path):
    good, bad = _bad_batch(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    r = run("ingest", tmp_path / "in", "--db", db, "--workers", "1", "--no-link")
    assert r.exit_code == 1, r.output
    reported = REJECTED_LINE.findall(r.stderr)
    assert len(reported) == bad, r.stderr
    assert all(rid for rid, _ in reported)
    c = counts(db)
    assert c["articles"] == good
    assert c["rejected"] == bad
    con = duckdb.connect(str(db), read_only=True)
    ids = {x[0] for x in con.execute("SELECT article_id FROM articles").fetchall()}
    con.close()
    assert {"j-good-1", "j-good-2"} <= ids


def test_ingest_decodes_latin1_and_invalid_utf8_without_mojibake(tmp_path):
    _encoding_files(tmp_path / "enc")
    db = tmp_path / "s.duckdb"
    r = run("ingest", tmp_path / "enc", "--db", db, "--workers", "1", "--no-link")
    assert r.exit_code in (0, 1), r.output
    con = duckdb.connect(str(db), read_only=True)
    texts = [x[0] for x in con.execute("SELECT text FROM articles").fetchall()]
    n_rejected = con.execute("SELECT count(*) FROM rejected").fetchone()[0]
    con.close()
    assert len(texts) + n_rejected == 2
    for t in texts:
        assert "Ã" not in t and "\ufffd" not in t
    latin = [t for t in texts if "Fußgängerbrücke" in t]
    assert latin, "Latin-1 text must be decoded (encoding detection), not rejected"


def test_ingest_twice_equals_once_and_keeps_what_was_stored(tmp_path):
    db = tmp_path / "s.duckdb"
    first = run("ingest", EXAMPLES, "--db", db, "--workers", "1")  # with corpus linking
    assert first.exit_code in (0, 1), first.output
    before = counts(db)
    assert before["articles"] >= 3
    _bad_batch(tmp_path / "bad")
    r = run("ingest", tmp_path / "bad", "--db", db, "--workers", "1")
    assert r.exit_code == 1
    after_bad = counts(db)
    added = int(re.search(r"(\d+) added", r.stderr).group(1))
    assert added >= 3 and after_bad["articles"] == before["articles"] + added
    again = run("ingest", EXAMPLES, tmp_path / "bad", "--db", db, "--workers", "1")
    assert counts(db) == after_bad, again.output
    assert "0 added" in again.stderr


@pytest.mark.slow  # starts two worker processes that each load every model
def test_ingest_with_two_workers_gives_the_same_rows(tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    a = run("ingest", EXAMPLES, "--db", one, "--workers", "1", "--no-link")
    b = run("ingest", EXAMPLES, "--db", two, "--workers", "2", "--no-link")
    assert a.exit_code == b.exit_code
    q = "SELECT article_id, text, language FROM articles ORDER BY 1"
    c1, c2 = duckdb.connect(str(one), read_only=True), duckdb.connect(str(two), read_only=True)
    try:
        assert c1.execute(q).fetchall() == c2.execute(q).fetchall()
    finally:
        c1.close()
        c2.close()


# -- query / export ------------------------------------------------------------------------

@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    r = run("ingest", EXAMPLES / "de_nordkorea.txt", EXAMPLES / "en_report.txt", "--db", path,
            "--workers", "1", "--no-link")
    assert r.exit_code == 0, r.output
    return path


def test_query_formats(db):
    r = run("query", "--db", db, "SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1",
            "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"language": "de", "n": 1}, {"language": "en", "n": 1}]
    r = run("query", "--db", db, "SELECT language FROM articles ORDER BY 1", "--format", "csv")
    assert r.stdout.splitlines() == ["language", "de", "en"]
    r = run("query", "--db", db, "SELECT title FROM articles ORDER BY 1")
    assert r.exit_code == 0 and "Brückenbau" in r.stdout


@pytest.mark.parametrize("sql", ["INSERT INTO articles (article_id, text) VALUES ('x', 'y')",
                                 "DROP TABLE articles", "DELETE FROM claims",
                                 "UPDATE articles SET title = 'x'"])
def test_query_is_read_only(db, sql):
    before = counts(db)
    r = run("query", "--db", db, sql)
    assert r.exit_code == 2
    assert "read-only" in r.stderr
    assert counts(db) == before


def test_query_on_a_missing_store_is_a_usage_error(tmp_path):
    r = run("query", "--db", tmp_path / "none.duckdb", "SELECT 1")
    assert r.exit_code == 2 and "no store" in r.stderr


def test_export_writes_parquet(db, tmp_path):
    out = tmp_path / "pq"
    r = run("export", "--db", db, "--parquet", out)
    assert r.exit_code == 0, r.output
    assert pq.read_table(out / "articles.parquet").num_rows == 2
    for t in ("claims", "entities", "events", "rejected", "claim_clusters", "event_clusters"):
        assert (out / f"{t}.parquet").exists()


def test_engine_ray_without_its_parts_says_what_to_do(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("ray", "zufolge.scale") else real(name, *a))
    r = run("ingest", EXAMPLES / "en_report.txt", "--db", tmp_path / "r.duckdb", "--engine", "ray")
    assert r.exit_code == 2
    assert "not yet available" in r.stderr or "zufolge[ray]" in r.stderr


def test_not_a_terminal_means_no_progress_output(tmp_path):
    """Under the test runner stderr is no terminal: no progress bar, stdout is pure JSON."""
    r = run("analyze", EXAMPLES / "en_report.txt", "--format", "jsonl")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["language"] == "en"
    assert r.stderr == ""


def test_serve_without_a_store_is_a_usage_error(tmp_path):
    r = run("serve", "--db", tmp_path / "none.duckdb")
    assert r.exit_code == 2
    assert "no store" in r.stderr or "zufolge[web]" in r.stderr or "not yet available" in r.stderr
