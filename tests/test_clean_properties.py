"""Property tests: every span lies inside the text and matches it; cleaning is deterministic;
ingest of the same bytes twice gives the same documents and ids."""

from __future__ import annotations

import io
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zufolge.clean import clean
from zufolge.errors import InputError
from zufolge.ingest import document_id, read_stream
from zufolge.schema import Article, RawDocument

WORDS = ["Nordkorea", "plant", "Berichten", "zufolge", "Truppen", "the", "said", "Pentagon", "dpa",
         "AP", "Foto:", "Bild:", "©", "Getty", "Images", "Pool", "imago", "Reuters", "Kim", "Jong",
         "Un", "unterzeichnet.", "sagte", "er.", "„Ja“", "»Nein«", "19.", "Juni", "Maj.", "Gen.",
         "picture", "alliance", "/", "|", "(Photo", "by", "Jane", "Doe/Getty", "Images)", "-", "–"]
MARKUP = ['<span class="copyright">', "</span>", "<p>", "</p>", "<br>", "<b>", "</b>", "&amp;",
          "&nbsp;", "<h2>", "</h2>", '<div class="credit">', "</div>"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP),
                  st.text(alphabet=string.ascii_letters + "äöüÄÖÜß", min_size=1, max_size=8))
separator = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ".", "/", "\t", "\xa0"])
article_text = st.lists(st.tuples(token, separator), min_size=1, max_size=80).map(
    lambda parts: "".join(t + s for t, s in parts))


def _spans(a: Article):
    yield from (c.span for c in a.captions)
    yield from a.subheadings


def _clean_or_none(text: str) -> Article | None:
    try:
        return clean(RawDocument(origin="prop", text=text))
    except InputError:
        return None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
def test_every_span_lies_inside_text_and_matches(text):
    a = _clean_or_none(text)
    if a is None:
        return
    for span in _spans(a):
        assert 0 <= span.start <= span.end <= len(a.text)
        assert a.text[span.start:span.end] == span.text
    for span in _spans(a):  # captions and subheadings are whole paragraphs
        assert span.start == 0 or a.text[span.start - 2:span.start] == "\n\n"
        assert span.end == len(a.text) or a.text[span.end:span.end + 2] == "\n\n"
    assert "\n\n\n" not in a.text
    assert a.text == a.text.strip()
    if a.title:
        assert a.text.split("\n", 1)[0] == a.title


@settings(max_examples=100, deadline=None)
@given(article_text)
def test_cleaning_is_deterministic_and_idempotent_on_ids(text):
    a, b = _clean_or_none(text), _clean_or_none(text)
    assert a == b


@settings(max_examples=30, deadline=None)
@given(article_text)
def test_raw_mode_keeps_text_exactly(text):
    if not text.strip():
        return
    a = clean(RawDocument(origin="prop", text=text, raw=True))
    assert a.text == text


@settings(max_examples=30, deadline=None)
@given(st.lists(article_text, min_size=1, max_size=5))
def test_ingest_twice_is_ingest_once(texts):
    import json

    data = "\n".join(json.dumps({"text": t}) for t in texts).encode()

    def ids():
        return [x.id if not isinstance(x, RawDocument) else document_id(x)
                for x in read_stream(io.BytesIO(data))]

    assert ids() == ids()


@settings(max_examples=30, deadline=None)
@given(article_text)
def test_sentences_after_cleaning_lie_inside_text(text):
    from zufolge.pipeline import Pipeline

    pipe = Pipeline.default(only=["clean", "segment"])
    try:
        a = pipe(RawDocument(origin="prop", text=text))
    except InputError:
        return
    for span in a.sentences:
        assert 0 <= span.start <= span.end <= len(a.text)
        assert a.text[span.start:span.end] == span.text
