"""Cross-article linking on hand-built articles (no other stage needed)."""

import pytest

from zufolge.corpus import Store
from zufolge.corpus.linking import link
from zufolge.corpus.queries import count_events, trace, who_says
from zufolge.schema import (
    Article, Certainty, Claim, Entity, Event, EventDate, Source, Span,
)


def _span(text, needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return Span(i, i + len(needle), needle)


def _article(aid, lang, published, text, content, country, source_name, source_qid, level,
             event_sentence=None, event_date="2024-07"):
    ents = [Entity("e1", "GPE", "North Korea", "Q423", (_span(text, country),)),
            Entity("e2", "ORG", "Institute for the Study of War", source_qid,
                   (_span(text, source_name),))]
    claim = Claim("c1", _span(text, content), Source("organization", _span(text, source_name), "e2"),
                  chain=("author", "e2"), mode="reported", certainty=Certainty(level))
    events = ()
    if event_sentence:
        events = (Event("v1", "MOBILIZE", "planned", actor="e1", date=EventDate(event_date, "month"),
                        mentions=(_span(text, event_sentence),)),)
    return Article(id=aid, text=text, language=lang, published=published,
                   sentences=(Span(0, len(text), text),), entities=tuple(ents), claims=(claim,),
                   events=events)


DE = ("Laut ISW plant Nordkorea, im Juli militärische Bautruppen in den Oblast Donezk zu entsenden.")
EN = ("According to the ISW, North Korea plans to send military construction troops to Donetsk Oblast in July.")
OTHER = ("Laut ISW hat Nordkorea seine Getreideernte im vergangenen Jahr deutlich gesteigert.")


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "c.duckdb") as st:
        yield st


def test_same_claim_across_languages_is_one_cluster_with_origin(store):
    a = _article("a-de", "de", "2024-07-01", DE,
                 "Nordkorea, im Juli militärische Bautruppen in den Oblast Donezk zu entsenden",
                 "Nordkorea", "ISW", "Q1675155", "reported", event_sentence=DE)
    b = _article("b-en", "en", "2024-07-03", EN,
                 "North Korea plans to send military construction troops to Donetsk Oblast in July",
                 "North Korea", "ISW", "Q1675155", "asserted", event_sentence=EN)
    c = _article("c-de", "de", "2024-07-02", OTHER,
                 "hat Nordkorea seine Getreideernte im vergangenen Jahr deutlich gesteigert",
                 "Nordkorea", "ISW", "Q1675155", "reported")
    store.add([a, b, c])
    stats = link(store._con, ["a-de", "b-en", "c-de"])
    assert stats.claims == 3
    rows = dict(store._con.execute(
        "SELECT article_id, cluster_id FROM claim_clusters").fetchall())
    assert rows["a-de"] == rows["b-en"] != rows["c-de"]
    t = trace(store._con, "a-de/c1")
    assert [r["article_id"] for r in t["reports"]] == ["a-de", "b-en"]
    assert t["reports"][0]["is_origin"] and t["origin_source"] == "Q1675155"
    assert t["certainty_changes"][0]["direction"] == "stronger"
    # one real-world event, two reports
    evs = count_events(store._con, actor="Q423", date_from="2024-06", date_to="2024-08")
    assert len(evs) == 1 and evs[0]["reports"] == 2
    said = who_says(store._con, "Q423")
    assert said["claims"] == 3


def test_linking_is_incremental_and_idempotent(store):
    a = _article("a-de", "de", "2024-07-01", DE,
                 "Nordkorea, im Juli militärische Bautruppen in den Oblast Donezk zu entsenden",
                 "Nordkorea", "ISW", "Q1675155", "reported")
    store.add([a])
    link(store._con, ["a-de"])
    link(store._con, ["a-de"])  # already linked: nothing changes
    assert store._con.execute("SELECT count(*) FROM claim_clusters").fetchone()[0] == 1
    b = _article("b-en", "en", "2024-07-03", EN,
                 "North Korea plans to send military construction troops to Donetsk Oblast in July",
                 "North Korea", "ISW", "Q1675155", "asserted")
    store.add([b])
    link(store._con, ["b-en"])
    assert store._con.execute("SELECT count(DISTINCT cluster_id) FROM claim_clusters").fetchone()[0] == 1


def test_near_duplicate_articles_are_linked(store):
    text = " ".join(["Das ist ein langer Agenturtext über die Lage in der Region."] * 3) + " " + DE
    a = Article(id="x1", text=text, language="de", sentences=(Span(0, len(text), text),))
    b = Article(id="x2", text=text + " Ergänzt.", language="de", sentences=(Span(0, len(text), text),))
    store.add([a, b])
    stats = link(store._con, ["x1", "x2"])
    assert stats.near_duplicates == 1
    assert store._con.execute("SELECT article_id, duplicate_of FROM near_duplicates").fetchall() == [("x2", "x1")]
