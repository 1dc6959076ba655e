"""Events stage: types, arguments, modality, coreference, robustness without other layers."""

import re
import time

import pytest

from zufolge.events import PLOVER_TYPES, cameo_to_plover, code_events
from zufolge.events.lexicon import triggers
from zufolge.schema import Article, Certainty, Claim, Entity, Source, Span, TimeExpr
from zufolge.segment import split_sentences


def make(text, lang, names=(), times=(), claims=None, title=None, with_entities=True):
    ents = []
    for n, (name, typ, qid) in enumerate(names):
        ms = tuple(Span(m.start(), m.end(), m.group()) for m in re.finditer(re.escape(name), text))
        ents.append(Entity(f"e{n + 1}", typ, name, qid, ms))
    tx = []
    for phrase, value in times:
        for m in re.finditer(re.escape(phrase), text):
            tx.append(TimeExpr(Span(m.start(), m.end(), m.group()), value, "date", "context"))
    sents = tuple(Span(a, b, t) for a, b, t in split_sentences(text, lang))
    return Article(id="t", text=text, language=lang, sentences=sents, title=title,
                   entities=tuple(ents) if with_entities else None,
                   times=tuple(tx) if times else None, claims=claims)


def names_of(article):
    return {e.id: e.name for e in article.entities or ()}


def test_lexicons_cover_all_16_plover_types_in_both_languages():
    assert len(PLOVER_TYPES) == 16
    for lang in ("de", "en"):
        types = {r.type for rows in triggers(lang).values() for r in rows}
        assert set(PLOVER_TYPES) <= types, set(PLOVER_TYPES) - types
        assert "OTHER" in types


def test_cameo_mapping():
    table = cameo_to_plover()
    assert table["057"] == "AGREE" and table["154"] == "MOBILIZE" and table["0841"] == "RETREAT"
    assert table["083"] == "CONCEDE" and table["163"] == "COERCE" and table["195"] == "ASSAULT"
    assert table["010"] is None and "345" not in table


DE = [("Russland", "GPE", "Q159"), ("Nordkorea", "GPE", "Q423"), ("Ukraine", "GPE", "Q212"),
      ("China", "GPE", "Q148"), ("Taiwan", "GPE", "Q865"), ("USA", "GPE", "Q30"),
      ("Iran", "GPE", "Q794"), ("Türkei", "GPE", "Q43")]


@pytest.mark.parametrize("text,typ,modality,actor", [
    ("Am Mittwoch unterzeichneten Russland und Nordkorea ein Abkommen.", "AGREE", "occurred", "Russland"),
    ("Nordkorea plant, Truppen in die Ukraine zu entsenden.", "MOBILIZE", "planned", "Nordkorea"),
    ("Nordkorea wird voraussichtlich Soldaten in die Ukraine schicken.", "MOBILIZE", "expected", "Nordkorea"),
    ("China könnte Taiwan angreifen.", "ASSAULT", "possible", "China"),
    ("Die USA verhängen keine Sanktionen gegen Iran.", "COERCE", "negated", "USA"),
    ("Wenn Russland die Ukraine angreifen würde, wäre das ein Fehler.", "ASSAULT", "hypothetical", "Russland"),
    ("Russland zieht seine Truppen aus der Ukraine ab.", "RETREAT", "occurred", "Russland"),
])
def test_german_sentences(text, typ, modality, actor):
    art = make(text, "de", DE)
    evs = code_events(art)
    assert [e.type for e in evs] == [typ], evs
    assert evs[0].modality == modality
    assert names_of(art)[evs[0].actor] == actor


EN = [("Russia", "GPE", "Q159"), ("North Korea", "GPE", "Q423"), ("Ukraine", "GPE", "Q212"),
      ("China", "GPE", "Q148"), ("Taiwan", "GPE", "Q865"), ("United States", "GPE", "Q30"),
      ("Iran", "GPE", "Q794"), ("Turkey", "GPE", "Q43"), ("Donetsk", "LOC", "Q2012")]


@pytest.mark.parametrize("text,typ,modality,actor,target", [
    ("Russia and North Korea signed a partnership agreement on Wednesday.", "AGREE", "occurred", "Russia", "North Korea"),
    ("North Korea plans to send troops to Donetsk.", "MOBILIZE", "planned", "North Korea", None),
    ("China could invade Taiwan.", "ASSAULT", "possible", "China", "Taiwan"),
    ("The United States did not impose sanctions on Iran.", "COERCE", "negated", "United States", "Iran"),
    ("North Korea is expected to deploy troops.", "MOBILIZE", "expected", "North Korea", None),
    ("Iran condemned the United States on Monday.", "ACCUSE", "occurred", "Iran", "United States"),
])
def test_english_sentences(text, typ, modality, actor, target):
    art = make(text, "en", EN)
    evs = code_events(art)
    assert [e.type for e in evs] == [typ], evs
    assert evs[0].modality == modality
    names = names_of(art)
    assert names[evs[0].actor] == actor
    assert names.get(evs[0].target) == target


def test_other_events_get_a_label():
    evs = code_events(make("Ein schweres Erdbeben hat die Türkei erschüttert.", "de", DE))
    assert [(e.type, e.label) for e in evs] == [("OTHER", "earthquake")]
    evs = code_events(make("An earthquake struck Turkey on Monday.", "en", EN))
    assert [(e.type, e.label) for e in evs] == [("OTHER", "earthquake")]


@pytest.mark.parametrize("text,lang", [
    ("Der Minister sagte am Dienstag, das Wetter sei gut und die Gespräche verliefen ruhig.", "de"),
    ("Das Unternehmen verdient mit Software viel Geld.", "de"),
    ("The minister said on Tuesday that the weather was fine.", "en"),
    ("Shares rose two percent in early trading.", "en"),
])
def test_no_event_in_plain_statements(text, lang):
    assert code_events(make(text, lang, DE if lang == "de" else EN)) == ()


def test_headline_and_body_are_one_event():
    title = "Nordkorea schickt Truppen in die Ukraine"
    text = title + "\n\nNordkorea plant, Truppen in die Ukraine zu entsenden. Das Wetter war gut."
    art = make(text, "de", DE, title=title)
    evs = code_events(art)
    assert len(evs) == 1
    assert len(evs[0].mentions) == 2
    assert evs[0].modality == "planned"  # the body's plan, not the headline's indicative


def test_hedged_claim_is_never_occurred():
    text = "Russland hat die Ukraine angegriffen."
    art = make(text, "de", DE)
    c = Claim("c1", Span(0, len(text), text), Source("anonymous"),
              certainty=Certainty("possible"), sentence=0)
    evs = code_events(art.replace(claims=(c,)))
    assert evs[0].modality == "possible" and evs[0].claims == ("c1",)
    c2 = Claim("c1", Span(0, len(text), text), Source("unspecified"),
               certainty=Certainty("reported"), sentence=0)
    assert code_events(art.replace(claims=(c2,)))[0].modality != "occurred"


def test_dates_come_from_times_and_most_precise_wins():
    text = ("Russland und Nordkorea unterzeichneten im Juni 2024 ein Abkommen. "
            "Am 19. Juni 2024 unterzeichneten Russland und Nordkorea das Abkommen in Pjöngjang.")
    art = make(text, "de", DE, times=[("Juni 2024", "2024-06"), ("19. Juni 2024", "2024-06-19")])
    evs = code_events(art)
    assert len(evs) == 1
    assert evs[0].date.value == "2024-06-19" and evs[0].date.precision == "day"


def test_works_without_any_optional_layer():
    for text, lang in [("Nordkorea plant, Truppen in die Ukraine zu entsenden.", "de"),
                       ("North Korea plans to send troops to Donetsk.", "en")]:
        art = make(text, lang, with_entities=False)
        evs = code_events(art)
        assert [e.type for e in evs] == ["MOBILIZE"]
        assert evs[0].actor is None and evs[0].date is None and evs[0].modality == "planned"


def test_spans_and_round_trip():
    text = "Am Mittwoch unterzeichneten Russland und Nordkorea ein Abkommen. China könnte Taiwan angreifen."
    art = make(text, "de", DE)
    art = art.replace(events=code_events(art))
    for e in art.events:
        assert 0 < e.confidence <= 1
        assert e.by == "events/de@0.1"
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    assert Article.from_dict(art.to_dict()) == art


def test_stage_is_registered_and_runs_in_the_pipeline():
    import zufolge
    doc = zufolge.analyze("Russland und Nordkorea unterzeichneten am 19. Juni ein Abkommen.", raw=True)
    assert doc.events is not None
    assert any(e.type == "AGREE" and e.modality == "occurred" for e in doc.events)
    assert any(s.startswith("events@") for s in doc.stages)


def test_speed_german_article():
    sents = ["Nordkorea plant, Truppen in die Ukraine zu entsenden.",
             "Russland und Nordkorea unterzeichneten ein Abkommen.",
             "Der Minister sagte, das Wetter sei gut.", "China könnte Taiwan angreifen."] * 5
    art = make(" ".join(sents), "de", DE)
    code_events(art)  # tagging is cached in zufolge.nlp after the first pass
    t = time.perf_counter()
    for _ in range(10):
        code_events(art)
    assert (time.perf_counter() - t) / 10 < 0.05
