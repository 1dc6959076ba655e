"""The checks stage: headline overstatement and unsourced claims."""

import zufolge


def de(text):
    return zufolge.analyze(text, raw=True, lang="de")


def test_headline_overstatement_on_reported_plan():
    doc = de("Russland schickt Panzer nach Serbien\n\n"
             "Russland plant laut einem Medienbericht, Panzer nach Serbien zu schicken.")
    ks = [k for k in doc.checks if k.kind == "headline_overstatement"]
    assert ks and ks[0].evidence[0].text == "Russland schickt Panzer nach Serbien"
    assert ks[0].message.endswith(".")


def test_no_overstatement_when_body_states_it_plainly():
    doc = de("Russland und Serbien unterzeichnen Abkommen\n\n"
             "Am Montag unterzeichneten Russland und Serbien in Belgrad ein Abkommen über Gaslieferungen.")
    assert not [k for k in doc.checks if k.kind == "headline_overstatement"]


def test_hedged_headline_is_no_overstatement():
    doc = de("Russland könnte Panzer nach Serbien schicken\n\n"
             "Russland plant laut einem Medienbericht, Panzer nach Serbien zu schicken.")
    assert not [k for k in doc.checks if k.kind == "headline_overstatement"]


def test_unsourced_claim_in_sourced_article():
    doc = de("Der Minister sagte, die Lage sei ernst. Laut Polizei gab es Festnahmen. "
             "Ein Sprecher erklärte, man prüfe den Fall. Der Bürgermeister betonte, die Stadt helfe. "
             "Bei dem Unglück starben 45 Menschen in der Innenstadt der Stadt.")
    ks = [k for k in doc.checks if k.kind == "unsourced_claim"]
    assert ks and "45 Menschen" in ks[0].message
