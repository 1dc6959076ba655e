"""Generic OTHER events (opt-in): every eventive predicate, marked, never displacing PLOVER."""

import pytest

from zufolge.events import code_events
from zufolge.events.generic import family, generic_enabled, set_generic_events
from zufolge.schema import Article, Entity, Span
from zufolge.segment import split_sentences


def make(text, lang, names=()):
    ents = []
    for n, (name, typ) in enumerate(names):
        a = text.index(name)
        ents.append(Entity(f"e{n + 1}", typ, name, None, (Span(a, a + len(name), name),)))
    sents = tuple(Span(a, b, t) for a, b, t in split_sentences(text, lang))
    return Article(id="g", text=text, language=lang, sentences=sents, entities=tuple(ents))


@pytest.fixture
def generic():
    set_generic_events(True)
    yield
    set_generic_events(None)


EN = "Arnor signed an agreement with Gondor. The singer Mira Lanz checked into a clinic on Monday, her agent said."
DE = "Arnor und Gondor unterzeichneten ein Abkommen. Die Sängerin Mira Lanz starb. Die Festnahme erfolgte am Abend."


def test_off_by_default(monkeypatch):
    monkeypatch.delenv("ZUFOLGE_EVENTS_GENERIC", raising=False)
    assert not generic_enabled()
    evs = code_events(make(EN, "en", [("Arnor", "GPE"), ("Gondor", "GPE"), ("Mira Lanz", "PER")]))
    assert [e.type for e in evs] == ["AGREE"]


def test_environment_switch(monkeypatch):
    monkeypatch.setenv("ZUFOLGE_EVENTS_GENERIC", "1")
    assert generic_enabled()
    set_generic_events(False)
    try:
        assert not generic_enabled()
    finally:
        set_generic_events(None)


def test_english_generic_events_are_marked_and_keep_plover(generic):
    art = make(EN, "en", [("Arnor", "GPE"), ("Gondor", "GPE"), ("Mira Lanz", "PER")])
    evs = code_events(art)
    plover = [e for e in evs if e.type != "OTHER"]
    assert [e.type for e in plover] == ["AGREE"] and plover[0].confidence >= 0.45
    other = {e.label: e for e in evs if e.type == "OTHER"}
    assert {"check into", "say"} <= set(other), other.keys()
    check = other["check into"]
    assert check.actor == "e3" and check.mode is None and check.cameo is None
    assert check.confidence <= 0.35
    assert [m.text for m in check.mentions] == ["checked"]  # the trigger is the mention
    assert all(art.text[m.start:m.end] == m.text for e in evs for m in e.mentions)
    # the signing is not duplicated as a generic "sign"
    assert "sign" not in other and "agreement" not in other


def test_title_case_headline_is_reparsed(generic):
    text = "Singer Mira Lanz Checks Into Clinic\nThe singer Mira Lanz checked into a clinic in Bree."
    evs = code_events(make(text, "en", [("Mira Lanz", "PER"), ("Bree", "GPE")]))
    labels = [e.label for e in evs]
    assert "check into" in labels
    heads = [e for e in evs if e.label == "check into"]
    # headline and body: one event with two mentions
    assert len(heads) == 1 and len(heads[0].mentions) == 2


def test_german_generic_events(generic):
    evs = code_events(make(DE, "de", [("Arnor", "GPE"), ("Gondor", "GPE"), ("Mira Lanz", "PER")]))
    types = [e.type for e in evs]
    assert types.count("AGREE") == 1
    labels = {e.label for e in evs if e.type == "OTHER"}
    assert "festnahme" in labels  # a bare PLOVER noun becomes a generic event
    assert "unterzeichnen" not in labels


def test_families():
    assert family("pass away", "en") == family("death", "en") == family("die", "en")
    assert family("escape", "en") == family("flee", "en")
    assert family("sterben", "de") == family("die", "en")
    assert family("unheard-of-word", "en") == "unheard-of-word"
    assert family("die", "en") != family("escape", "en")
