"""The optional CAMEO dictionary plugin (events/cameo.py) on small dictionaries of our own."""

import pytest

from zufolge.events import (
    clear_cameo_dictionaries,
    code_cameo,
    code_events,
    load_cameo_dictionaries,
    plover_of,
)
from zufolge.events.cameo import active_dictionaries
from zufolge.schema import Article, Entity, Span
from zufolge.segment import split_sentences

VERBS = """<!-- a tiny verbs dictionary in PETRARCH format -->
&TIES
+TIES
+RELATIONS

&MONEYSYN
+DOLLARS
+SWISS FRANCS

####### VERB PATTERNS #######
--- RESTORE  [064]  ---
RESTORE    # comment
- NOT * &TIES  [112]
- * DIPLOMATIC &TIES  [064]
- * TRADE_&TIES  [---]

--- PLEDGE  [050] ---
PLEDGE
- * &MONEYSYN  [071]

--- CONDEMN  [122] ---
CONDEMN

--- MEET  [031:031] ---
MEET
MET [031:032]

--- BREAK [161] ---
BREAK { BROKE BROKEN }
+BREAK_OFF {+BROKE_OFF +BROKEN_OFF +BREAKS_OFF}

--- FREE [066] ---
FREE
- + * FROM $ [066]

--- DENOUNCE [###] ---
DENOUNCE
"""

ACTORS = """VALDORIA [VAL]
+VALDORIAN
KESTRAN_  [KES]
MARO_ISLANDS [MAR]
OLD_KING_TOBRIN
\t[TOBGOV <20000101]
\t[TOB]
"""

AGENTS = """!PERS! = MAN, MEN
GOVERNMENT [~GOV]
SOLDIER [~MIL]
POLICE {} [~COP]
RELIEF_AGENCY [NGO~]
"""

DISCARDS = """FOOTBALL MATCH
+CHESS OLYMPIAD
"""


@pytest.fixture
def dicts(tmp_path):
    paths = {}
    for name, text in [("verbs", VERBS), ("actors", ACTORS), ("agents", AGENTS), ("discards", DISCARDS)]:
        p = tmp_path / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        paths[name] = p
    yield paths
    clear_cameo_dictionaries()


def codings(text, d, date=None):
    return sorted((c.event, c.source, c.target) for c in code_cameo(text, d, date=date))


def test_reads_all_four_dictionaries(dicts):
    d = load_cameo_dictionaries(**dicts, activate=False)
    assert {"TIES", "MONEYSYN"} <= set(d.synsets)
    assert {v.head for v in d.verbs} >= {"RESTORE", "PLEDGE", "MET", "BREAK", "FREE"}
    assert len(d.actors) == 5 and len(d.discards) == 2
    assert any(g.prefix == "NGO" for g in d.agents)


@pytest.mark.parametrize("text,expected", [
    ("Valdoria restored diplomatic ties with Kestran on Monday.", [("064", "VAL", "KES")]),
    ("Valdoria did not restore relations with Kestran.", [("112", "VAL", "KES")]),
    ("Valdoria restored trade relations with Kestran.", []),  # [---] pattern: no event
    ("The Valdorian government condemned an attack by Kestran soldiers.", [("122", "VALGOV", "KESMIL")]),
    ("Valdoria and the Maro Islands condemned Kestran.", [("122", "MAR", "KES"), ("122", "VAL", "KES")]),
    ("Valdoria pledged five million swiss francs to Kestran.", [("071", "VAL", "KES")]),
    ("Valdoria pledged help to Kestran.", [("050", "VAL", "KES")]),
    ("Valdoria met Kestran.", [("031", "VAL", "KES"), ("032", "KES", "VAL")]),
    ("Valdoria broke off talks with Kestran.", [("161", "VAL", "KES")]),
    ("Valdorian sailors were freed from Kestran.", [("066", "KES", "VAL")]),
    ("Valdoria condemned Kestran after the football match.", []),  # discard
    ("Valdoria denounced Kestran.", []),  # [###]: the sentence is discarded
    ("Kestranian police condemned Valdoria.", [("122", "---COP", "VAL")]),  # KESTRAN_: whole word
    ("The government condemned the decision.", []),  # no actor on either side
])
def test_sentences(dicts, text, expected):
    d = load_cameo_dictionaries(**dicts, activate=False)
    assert codings(text, d) == expected


def test_date_restricted_actor_codes(dicts):
    d = load_cameo_dictionaries(**dicts, activate=False)
    text = "Old King Tobrin condemned Valdoria."
    assert codings(text, d, date="19990101") == [("122", "TOBGOV", "VAL")]
    assert codings(text, d, date="20100101") == [("122", "TOB", "VAL")]


def test_plover_of():
    assert plover_of("064") == "COOPERATE" and plover_of("1721") == "COERCE"
    assert plover_of("190") == "ASSAULT" and plover_of("023") is None and plover_of("903") is None


def _article(text, names):
    ents = []
    for n, name in enumerate(names):
        start = text.index(name)
        ents.append(Entity(f"e{n + 1}", "GPE", name, None, (Span(start, start + len(name), name),)))
    sents = tuple(Span(a, b, t) for a, b, t in split_sentences(text, "en"))
    return Article(id="t", text=text, language="en", sentences=sents, entities=tuple(ents))


def test_stage_uses_loaded_dictionaries_and_can_go_back(dicts):
    text = "Valdoria restored diplomatic ties with Kestran on Monday."
    art = _article(text, ["Valdoria", "Kestran"])
    load_cameo_dictionaries(**dicts)
    evs = code_events(art)
    assert [(e.type, e.cameo, e.actor, e.target) for e in evs] == [("COOPERATE", "064", "e1", "e2")]
    clear_cameo_dictionaries()
    evs = code_events(art)
    assert evs and all(e.cameo != "064" for e in evs)  # our own lexicon again


def test_environment_variables(dicts, monkeypatch):
    clear_cameo_dictionaries()
    assert active_dictionaries() is None
    monkeypatch.setenv("ZUFOLGE_CAMEO_VERBS", str(dicts["verbs"]))
    monkeypatch.setenv("ZUFOLGE_CAMEO_ACTORS", str(dicts["actors"]))
    d = active_dictionaries()
    assert d is not None and d.verbs and d.actors and not d.agents
    assert codings("Valdoria met Kestran.", d) == [("031", "VAL", "KES"), ("032", "KES", "VAL")]
    monkeypatch.delenv("ZUFOLGE_CAMEO_VERBS")
    assert active_dictionaries() is None
