"""Bytes -> str for scraped news: declared charset first, then UTF-8, then a guess.

Order, because a declaration is evidence and a guess is not:
BOM, the charset the HTTP header or ``<meta>`` declares, strict UTF-8, mostly-UTF-8
with a few stray single-byte characters (each stray byte read as cp1252), then
charset-normalizer, and as the last resort cp1252.

Example::

    >>> decode_bytes("Müller".encode("latin-1"))
    'Müller'
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput

__all__ = ["declared_charset", "decode_bytes", "html_meta_charset", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
#: file signatures of formats that are certainly not text
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
          b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ", b"OggS", b"ID3", b"RIFF",
          b"\x00\x00\x01\x00", b"wOFF", b"SQLite format")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)


def _cp1252_for_stray_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "?"), exc.end


codecs.register_error("zufolge_cp1252", _cp1252_for_stray_bytes)


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, NULs)."""
    if not head or _bom(head):
        return False
    if head.startswith(_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = len(_CONTROL.findall(head))
    return controls > max(2, len(head) // 100)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'").lower())
    except LookupError:
        return None
    # pages that declare latin-1 are in practice windows-1252 (the WHATWG rule)
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def html_meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in ``<meta>`` within its first 4 KB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def declared_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP ``Content-Type`` header value, if any."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def decode_bytes(data: bytes, declared: str | None = None, html: bool = False) -> str:
    """Decode ``data`` as text. Raises ``BinaryInput`` when it is not text at all."""
    enc = _bom(data)
    if enc:
        return data.decode(enc, errors="replace")
    if looks_binary(data[:8192]):
        raise BinaryInput("the bytes are not text (NUL bytes, control characters or a binary signature)")
    for name in (declared, html_meta_charset(data) if html else None):
        codec = _codec(name)
        if codec and codec not in ("utf-8",):
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc.start
    # mostly UTF-8 with stray single-byte characters: keep the UTF-8, repair the strays
    multi = len(_UTF8_MULTI.findall(data))
    if multi and multi >= _count_invalid(data, first_error):
        return data.decode("utf-8", errors="zufolge_cp1252")
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    return data.decode("utf-8", errors="zufolge_cp1252")


def _count_invalid(data: bytes, start: int) -> int:
    text = data[start:].decode("utf-8", errors="replace")
    return text.count("\ufffd")


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    # charset-normalizer tends to pick a Central-European code page for German Latin-1;
    # when its answer is Latin script too, prefer cp1252 if that reads as more Western letters.
    if best.encoding not in ("cp1252", "latin_1", "iso8859_15") and all(ord(ch) <= 0x24F for ch in text):
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            return text
        if _western_score(western) > _western_score(text):
            return western
    return text


_WESTERN = frozenset("äöüÄÖÜßéèêàâçñáíóúëïôûœæøåÉÈÀ€–—„“”‚‘’«»°§é")


def _western_score(text: str) -> int:
    return sum(1 for ch in text if ch in _WESTERN)
