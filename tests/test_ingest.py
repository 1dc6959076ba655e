"""Ingest: every format, every kind of bad input (a Rejected, never an exception), stable ids."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
import time
from pathlib import Path

import pytest

from zufolge.ingest import MAX_DOCUMENT_BYTES, decode_bytes, document_id, read_paths, read_stream
from zufolge.schema import RawDocument, Rejected

GERMAN = "Die Bürgermeisterin von Köln eröffnete am Montag die neue Rheinbrücke. Sie kostete 40 Millionen Euro."


def _read(*paths: Path | str, raw: bool = False) -> list[RawDocument | Rejected]:
    return list(read_paths([str(p) for p in paths], raw=raw))


def _warc(records: int = 3, charset: str = "utf-8", gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(records):
        body = (f'<html><head><meta charset="{charset}"><title>Brücke {i}</title></head><body>'
                f"<article><p>{GERMAN} Artikel {i}.</p></article></body></html>").encode(charset)
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/artikel/{i}", "response", payload=io.BytesIO(body), http_headers=headers))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://example.org/bild.png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=image))
    return buf.getvalue()


# --- formats -------------------------------------------------------------------------------

def test_txt_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{GERMAN}</p></body></html>", encoding="utf-8")
    a, b = _read(tmp_path / "a.txt", tmp_path / "b.html")
    assert a.text == GERMAN and a.html is None and a.origin.endswith("a.txt")
    assert b.html.startswith("<html>") and b.text is None


def test_txt_file_that_is_a_whole_html_page_is_read_as_html(tmp_path):
    (tmp_path / "page.txt").write_text(f"<!DOCTYPE html><html><body><p>{GERMAN}</p></body></html>")
    (doc,) = _read(tmp_path / "page.txt")
    assert doc.html is not None


def test_jsonl_fields_and_a_broken_line_among_good_ones(tmp_path):
    lines = [
        json.dumps({"id": "k1", "url": "https://ex.org/1", "outlet": "Ex", "title": "Brücke", "text": GERMAN,
                    "published": "2024-07-01", "lang": "de"}),
        '{"id": "k2", "text": "unterminated',
        "",
        json.dumps({"url": "https://ex.org/3", "html": f"<html><body><p>{GERMAN}</p></body></html>"}),
        json.dumps({"id": "k4"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "k6", "text": "   "}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read(tmp_path / "batch.jsonl")
    assert [type(x).__name__ for x in out] == ["RawDocument", "Rejected", "RawDocument", "Rejected",
                                               "Rejected", "Rejected"]
    first = out[0]
    assert (first.id, first.url, first.outlet, first.title, first.published, first.lang) == (
        "k1", "https://ex.org/1", "Ex", "Brücke", "2024-07-01", "de")
    assert out[1].reason == "malformed_record" and out[1].origin.endswith("batch.jsonl#2")
    assert out[1].id == hashlib.sha256(out[1].origin.encode()).hexdigest()
    assert out[2].html and out[2].origin.endswith("#4")
    assert out[3].reason == "malformed_record" and out[3].id == "k4"
    assert out[4].reason == "malformed_record"
    assert out[5].reason == "empty" and out[5].id == "k6"


def test_warc_gz_yields_html_responses_only(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(_warc(3, charset="iso-8859-1"))
    out = _read(tmp_path / "crawl.warc.gz")
    assert len(out) == 3 and all(isinstance(x, RawDocument) for x in out)
    assert out[0].url == "https://example.org/artikel/0"
    assert "Bürgermeisterin" in out[0].html  # declared latin-1 decoded correctly
    assert out[1].origin.endswith("crawl.warc.gz#record2")


def test_plain_warc(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(_warc(2, gz=False))
    assert [type(x).__name__ for x in _read(tmp_path / "crawl.warc")] == ["RawDocument"] * 2


@pytest.mark.parametrize("cut", [0.35, 0.6, 0.85])
def test_truncated_warc_gz_keeps_records_before_the_break_then_one_rejected(tmp_path, cut):
    data = _warc(3)
    full = _read_bytes_as(tmp_path, "full.warc.gz", data)
    assert all(isinstance(x, RawDocument) for x in full)
    out = _read_bytes_as(tmp_path, "cut.warc.gz", data[: int(len(data) * cut)])
    assert isinstance(out[-1], Rejected) and out[-1].reason == "truncated_archive"
    assert sum(isinstance(x, Rejected) for x in out) == 1
    good = out[:-1]
    assert [d.url for d in good] == [d.url for d in full[: len(good)]]
    assert all(d.html == f.html for d, f in zip(good, full))


def _read_bytes_as(tmp_path: Path, name: str, data: bytes) -> list:
    (tmp_path / name).write_bytes(data)
    return _read(tmp_path / name)


def test_directory_recursive_sorted_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Zwei. " + GERMAN)
    (tmp_path / "a.txt").write_text("Eins. " + GERMAN)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("versteckt")
    (tmp_path / ".hidden.txt").write_text("versteckt")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    out = _read(tmp_path)
    assert [Path(d.origin).name for d in out] == ["a.txt", "2.txt"]


def test_missing_path_is_rejected_not_raised(tmp_path):
    (rej,) = _read(tmp_path / "nope.txt")
    assert rej.reason == "not_found"


# --- stdin ---------------------------------------------------------------------------------

@pytest.mark.parametrize("payload, expect", [
    (json.dumps({"text": GERMAN}) + "\n" + json.dumps({"text": GERMAN + " Zwei."}) + "\n", "jsonl"),
    (f"<!doctype html><html><body><p>{GERMAN}</p></body></html>", "html"),
    (GERMAN, "text"),
])
def test_stdin_sniffs_the_format(monkeypatch, payload, expect):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode("utf-8"))))
    out = _read("-")
    assert all(isinstance(x, RawDocument) for x in out)
    if expect == "jsonl":
        assert len(out) == 2 and out[0].origin == "<stdin>#1"
    elif expect == "html":
        assert out[0].html and out[0].origin == "<stdin>"
    else:
        assert out[0].text == GERMAN


def test_stdin_warc_gz_and_binary():
    out = list(read_stream(io.BytesIO(_warc(2)), origin="<stdin>"))
    assert [type(x).__name__ for x in out] == ["RawDocument", "RawDocument"]
    (rej,) = read_stream(io.BytesIO(gzip.compress(b"just a gzip")), origin="<stdin>")
    assert rej.reason == "binary"


# --- bad input -----------------------------------------------------------------------------

def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\t\n")
    out = _read(tmp_path / "empty.txt", tmp_path / "blank.html")
    assert [r.reason for r in out] == ["empty", "empty"]
    assert out[0].id == hashlib.sha256(out[0].origin.encode()).hexdigest()


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"text with a NUL \x00 byte inside",
    bytes(range(32)) * 50,
])
def test_binary_file_is_rejected(tmp_path, data):
    (tmp_path / "x.txt").write_bytes(data)
    (rej,) = _read(tmp_path / "x.txt")
    assert rej.reason == "binary"


def test_huge_html_is_rejected_without_reading_it(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:  # a sparse 50 MB file
        fh.write(b"<html><body><p>" + GERMAN.encode() + b"</p>")
        fh.seek(50 * 1024 * 1024)
        fh.write(b"</body></html>")
    t0 = time.perf_counter()
    (rej,) = _read(big)
    assert rej.reason == "too_large" and "20971520" in rej.detail
    assert time.perf_counter() - t0 < 0.5
    assert MAX_DOCUMENT_BYTES == 20 * 1024 * 1024


def test_latin1_and_invalid_utf8_are_decoded_not_rejected(tmp_path):
    text = "Müller sagte: Die Straße über den Fluß ist größer als erwartet. Äußerst teuer!"
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes(("„" + text + "“ – 5 €").encode("cp1252"))
    # valid UTF-8 with one stray Latin-1 byte (a classic copy-paste accident)
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8") + b" Caf\xe9.")
    a, b, c = _read(tmp_path / "latin1.txt", tmp_path / "cp1252.txt", tmp_path / "mixed.txt")
    assert a.text == text
    assert b.text == "„" + text + "“ – 5 €"
    assert c.text == text + " Café."


def test_declared_charset_wins_over_guessing():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
    data = (html + "<body>Grüße aus Köln – „Zitat“</body></html>").encode("cp1252")
    assert "Grüße aus Köln – „Zitat“" in decode_bytes(data, html=True)
    assert decode_bytes("Привет, мир".encode("koi8-r"), declared="koi8-r") == "Привет, мир"


def test_utf16_with_bom(tmp_path):
    (tmp_path / "u16.txt").write_bytes(GERMAN.encode("utf-16"))
    (doc,) = _read(tmp_path / "u16.txt")
    assert doc.text == GERMAN


def test_other_single_byte_encodings_via_detection():
    text = "Президент России заявил журналистам, что переговоры продолжатся на следующей неделе."
    assert decode_bytes(text.encode("cp1251")) == text


# --- ids -----------------------------------------------------------------------------------

def test_ids_are_stable_given_then_url_then_normalised_text():
    assert document_id(RawDocument(origin="x", id="given", url="https://a", text="t")) == "given"
    by_url = document_id(RawDocument(origin="x", url="https://ex.org/a", text="t"))
    assert by_url == hashlib.sha256(b"https://ex.org/a").hexdigest()
    a = document_id(RawDocument(origin="x", text="Ein  Text.\n\n"))
    b = document_id(RawDocument(origin="y", text="Ein Text."))
    assert a == b and len(a) == 64


def test_reading_twice_gives_the_same_ids(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": GERMAN + " Zwei."}) + "\n{bad\n")
    ids1 = [x.id if isinstance(x, Rejected) else document_id(x) for x in _read(tmp_path)]
    ids2 = [x.id if isinstance(x, Rejected) else document_id(x) for x in _read(tmp_path)]
    assert ids1 == ids2 and len(set(ids1)) == 3


def test_raw_flag_is_passed_through(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN)
    (doc,) = _read(tmp_path / "a.txt", raw=True)
    assert doc.raw is True
