"""The highlighted article HTML: escaped, well nested, and text-preserving."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from zufolge.schema import Article, Certainty, Claim, Entity, Source, Span
from zufolge.web.render import _Mark, _render, chain_links, highlight, safe_url, timeline_layout
from zufolge.web.sample import sample_articles


class _Nesting(HTMLParser):
    """Checks that every element closes in the order it opened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "a" in self.stack:
            self.ok = False  # a link inside a link is invalid HTML
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> _Nesting:
    p = _Nesting()
    p.feed(markup)
    p.close()
    return p


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", markup)))


marks = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 4),
                           st.sampled_from(["span", "a"])), max_size=12)


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40), raw=marks)
def test_render_nests_properly_and_keeps_the_text(text, raw):
    ms = [_Mark(min(a, b), max(a, b), p, i, tag, (("class", "x"),))
          for i, (a, b, p, tag) in enumerate(raw) if min(a, b) < max(a, b) <= len(text)]
    out = str(_render(text, 0, len(text), ms))
    parsed = _parse(out)
    assert parsed.ok and parsed.stack == []
    assert _visible(out) == text


def test_crossing_spans_are_split_not_broken():
    text = "Der Sender TV Chosun meldete es."
    claim = Claim("c1", Span(4, 20, text[4:20]), Source("outlet"), certainty=Certainty("reported"))
    ent = Entity("e1", "MEDIA", "TV Chosun", None, (Span(11, 28, text[11:28]),))  # crosses the claim's end
    a = Article(id="x", text=text, claims=(claim,), entities=(ent,))
    block = str(highlight(a).blocks[0]["html"])
    assert _parse(block).ok
    assert block.count('data-entity="e1"') == 2  # one piece inside the claim, one after it
    assert _visible(block) == text


def test_blocks_title_caption_subheading():
    de = sample_articles()[0]
    kinds = [b["kind"] for b in highlight(de).blocks]
    assert kinds == ["title", "caption", "p", "p", "subheading", "p"]
    cap = highlight(de).blocks[1]
    assert cap["credit"] == "Beispiel Fotograf/Agentur"


def test_everything_escaped_in_hostile_article():
    hostile = sample_articles()[2]
    for b in highlight(hostile).blocks:
        s = str(b["html"])
        assert "<script" not in s and "<img" not in s and "<b " not in s and "<ok>" not in s
        assert _visible(s) == hostile.text[b["start"]:b["end"]]


def test_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example",
                'https://x.org/"onmouseover="x', None, ""):
        assert safe_url(bad) is None


def test_chain_links_readable():
    de = sample_articles()[0]
    ents = {e.id: e for e in de.entities}
    links = chain_links(de.claims[1].chain, ents)
    assert [x["label"] for x in links] == ["author (the article)", "Institute for the Study of War",
                                           "TV Chosun", "anonymous: government official"]
    assert links[1]["href"] == "/entities/ORG%3AInstitute%20for%20the%20Study%20of%20War"


def test_timeline_layout_orders_by_date_and_skips_undated():
    layout = timeline_layout([{"date": "2024-07"}, {"date": None}, {"date": "2024-06-01"}, {"date": "bad"}])
    assert [p["day"] for p in layout["points"]] == ["2024-06-01", "2024-07-01"]
    assert layout["points"][0]["x"] < layout["points"][1]["x"]
