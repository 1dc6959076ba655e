"""Cleaning: the seed's gold, our own articles with other caption/credit styles, HTML, raw, errors.

The example articles below are written for these tests (not copied from any outlet).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zufolge.clean import clean
from zufolge.errors import EmptyInput, HeadlineOnly, NoBodyText
from zufolge.schema import Article, RawDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"
SEED_GOLD = SHARED / "fixtures" / "000_b337fd64c27bf3b4.gold.json"


def _clean(text: str | None = None, html: str | None = None, **kw) -> Article:
    return clean(RawDocument(origin="test", text=text, html=html, **kw))


def _assert_spans(a: Article) -> None:
    for span in [c.span for c in a.captions] + list(a.subheadings):
        assert a.text[span.start:span.end] == span.text


# --- the seed's gold, exactly ----------------------------------------------------------------

@pytest.mark.skipif(not SEED_GOLD.exists(), reason="needs ../shared")
def test_seed_gold_cleaning_section_passes_exactly():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["cleaning"]
    a = _clean(SEED.read_text(encoding="utf-8"))
    assert a.title == gold["title"]
    assert a.text.split("\n", 1)[0] == gold["title"]
    assert a.lead == gold["lead"]
    assert [c.span.text for c in a.captions] == [gold["caption"]]
    assert a.captions[0].credit == gold["caption_credit"]
    assert [s.text for s in a.subheadings] == gold["subheadings"]
    for bad in gold["must_not_appear_in_text"]:
        assert bad not in a.text
    assert a.text.count(gold["caption"]) <= gold["caption_occurrences_in_text_at_most"]
    assert gold["caption_credit"] not in a.text
    kinds = [r.kind for r in a.removed]
    assert "credit" in kinds and "duplicate" in kinds and "markup" in kinds
    assert "\n\n".join(a.text.split("\n\n")) == a.text and "\n\n\n" not in a.text
    _assert_spans(a)


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="needs ../shared")
def test_seed_gold_through_the_json_of_the_pipeline_clean_stage():
    from zufolge.pipeline import Pipeline

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["cleaning"]
    d = Pipeline.default(only=["clean"])(RawDocument(origin=str(SEED), text=SEED.read_text())).to_dict()
    assert d["title"] == gold["title"] and d["lead"] == gold["lead"]
    assert d["captions"] == [{"span": d["captions"][0]["span"], "credit": gold["caption_credit"]}]
    assert d["captions"][0]["span"]["text"] == gold["caption"]
    assert [s["text"] for s in d["subheadings"]] == gold["subheadings"]


# --- our own articles: other caption and credit styles -----------------------------------------

ARTICLE_FOTO_LINE = """Hochwasser an der Mosel: Pegel steigt weiter

Helfer füllen in Trier Sandsäcke, um die Altstadt zu schützen.
Foto: Harald Tittel/dpa

Der Pegel der Mosel ist in der Nacht auf Dienstag um mehr als einen Meter gestiegen. Die Stadt Trier rief die Bewohner der Uferstraßen auf, Keller zu räumen.

Feuerwehr im Dauereinsatz

Nach Angaben der Feuerwehr waren mehr als 300 Einsatzkräfte unterwegs. Der Scheitel wird für Mittwoch erwartet.
"""


def test_caption_with_credit_on_its_own_line():
    a = _clean(ARTICLE_FOTO_LINE)
    assert a.title == "Hochwasser an der Mosel: Pegel steigt weiter"
    assert [(c.span.text, c.credit) for c in a.captions] == [
        ("Helfer füllen in Trier Sandsäcke, um die Altstadt zu schützen.", "Harald Tittel/dpa")]
    assert "Foto:" not in a.text and "Tittel" not in a.text
    assert a.lead.startswith("Der Pegel der Mosel")
    assert [s.text for s in a.subheadings] == ["Feuerwehr im Dauereinsatz"]
    _assert_spans(a)


ARTICLE_PHOTO_BY = """Wildfire forces thousands to flee in northern California

Firefighters battle the flames near Redding on Monday. (Photo by Jane Doe/Getty Images)

More than 5,000 residents were ordered to leave their homes as a wildfire spread across dry hills, officials said on Monday.

Winds expected to ease

The National Weather Service said winds would weaken by Wednesday, giving crews a chance to build containment lines.
"""


def test_english_photo_by_credit_in_brackets():
    a = _clean(ARTICLE_PHOTO_BY)
    assert [(c.span.text, c.credit) for c in a.captions] == [
        ("Firefighters battle the flames near Redding on Monday.", "Jane Doe/Getty Images")]
    assert "Getty" not in a.text and "Photo by" not in a.text
    assert a.lead.startswith("More than 5,000 residents")
    assert [s.text for s in a.subheadings] == ["Winds expected to ease"]
    _assert_spans(a)


ARTICLE_MARKUP = """<h1>Neue Brücke über den Rhein eröffnet</h1>
<figure><figcaption>Die neue Brücke bei Leverkusen am Eröffnungstag.<span class="image-credit">© picture alliance / Rolf Vennenbernd</span></figcaption></figure>
<p>Nach sechs Jahren Bauzeit ist die neue Rheinbrücke bei Leverkusen für den Verkehr freigegeben worden. Die Baukosten lagen bei rund 400 Millionen&nbsp;Euro.</p>
<p>Pendler hatten jahrelang Umwege in Kauf nehmen müssen, weil die alte Brücke für Lastwagen gesperrt war.</p>
<p>Pendler hatten jahrelang Umwege in Kauf nehmen müssen, weil die alte Brücke für Lastwagen gesperrt war.</p>
"""


def test_markup_remnants_credit_class_and_duplicate_paragraph():
    a = _clean(ARTICLE_MARKUP)
    assert a.title == "Neue Brücke über den Rhein eröffnet"
    assert [(c.span.text, c.credit) for c in a.captions] == [
        ("Die neue Brücke bei Leverkusen am Eröffnungstag.", "© picture alliance / Rolf Vennenbernd")]
    assert "<" not in a.text and ">" not in a.text and "Vennenbernd" not in a.text
    assert "400 Millionen\xa0Euro" in a.text  # &nbsp; decoded
    assert a.text.count("Pendler hatten jahrelang") == 1
    assert {r.kind for r in a.removed} >= {"markup", "credit", "duplicate"}
    assert a.lead.startswith("Nach sechs Jahren Bauzeit")
    _assert_spans(a)


ARTICLE_PIPE_AND_GLUE = """Streik legt Nahverkehr in München lahm

Leere Bahnsteige am Marienplatz am Montagmorgen | Bild: Max Muster/SZ Photo

Ein Warnstreik hat am Montag den Nahverkehr in München weitgehend lahmgelegt. U-Bahnen und Trambahnen blieben in den Depots.

Gewerkschaftschefin Anna Beispiel spricht vor Streikenden.Erika Musterfrau/imago images

Die Gewerkschaft fordert zwölf Prozent mehr Lohn. Die Arbeitgeber nannten das unbezahlbar.
"""


def test_pipe_separated_label_and_glued_name_list():
    a = _clean(ARTICLE_PIPE_AND_GLUE)
    assert [(c.span.text, c.credit) for c in a.captions] == [
        ("Leere Bahnsteige am Marienplatz am Montagmorgen", "Max Muster/SZ Photo"),
        ("Gewerkschaftschefin Anna Beispiel spricht vor Streikenden.", "Erika Musterfrau/imago images"),
    ]
    assert "imago" not in a.text and "SZ Photo" not in a.text and "Streikenden.Erika" not in a.text
    assert a.lead.startswith("Ein Warnstreik")
    assert a.subheadings == ()  # captions are not subheadings
    _assert_spans(a)


def test_body_sentences_that_mention_agencies_are_not_credits():
    text = ("Agenturen melden Einigung\n\nDas berichtete die Nachrichtenagentur dpa. "
            "Reuters und AFP bestätigten die Meldung am Abend.\n\n"
            "Ein Sprecher sagte, man sei zufrieden. Pat Ryder")
    a = _clean(text)
    assert a.captions == ()
    assert "Nachrichtenagentur dpa." in a.text and "Reuters und AFP" in a.text and "Pat Ryder" in a.text
    assert not [r for r in a.removed if r.kind == "credit"]


def test_hard_wrapped_plain_text_is_joined():
    text = ("Neue Regeln\n\nDie Bundesregierung hat am Montag beschlossen, dass die\n"
            "Maßnahmen bis zum Ende des Jahres verlängert werden. Das\n"
            "teilte ein Sprecher in Berlin mit.\n")
    a = _clean(text)
    assert a.text == ("Neue Regeln\n\nDie Bundesregierung hat am Montag beschlossen, dass die Maßnahmen "
                      "bis zum Ende des Jahres verlängert werden. Das teilte ein Sprecher in Berlin mit.")


# --- HTML ---------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke eröffnet | Rheinbote</title>
<meta property="og:title" content="Neue Brücke eröffnet">
<meta property="og:site_name" content="Rheinbote">
<meta property="article:published_time" content="2024-06-19T08:00:00+02:00">
<link rel="canonical" href="https://rheinbote.example/bruecke">
</head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><h1>Neue Brücke eröffnet</h1>
<figure><img src="b.jpg"><figcaption>Die Brücke am Eröffnungstag. Foto: Max Muster/dpa</figcaption></figure>
<p>Nach sechs Jahren Bauzeit ist die neue Rheinbrücke am Mittwoch für den Verkehr freigegeben worden. Der Bau
hatte am 3. März 2018 begonnen und kostete rund 400 Millionen Euro, deutlich mehr als geplant.</p>
<h2>Pendler atmen auf</h2>
<p>Pendler hatten jahrelang Umwege in Kauf nehmen müssen, weil die alte Brücke für Lastwagen gesperrt war.
Die Industrie- und Handelskammer sprach von einem guten Tag für die Region.</p>
<p>Die Stadt plant für den Sommer ein Brückenfest mit Musik und Ständen auf beiden Rheinseiten.</p>
</article>
<footer>Impressum · Datenschutz · Cookie-Einstellungen</footer>
</body></html>"""


def test_html_main_text_and_metadata():
    a = _clean(html=HTML_PAGE)
    assert a.title == "Neue Brücke eröffnet"
    assert a.text.startswith("Neue Brücke eröffnet\n\n")
    assert a.published == "2024-06-19"  # from the metadata, not the 2018 date in the body
    assert a.outlet == "Rheinbote"
    assert a.url == "https://rheinbote.example/bruecke"
    assert "Impressum" not in a.text and "Politik" not in a.text
    assert "Max Muster" not in a.text and "dpa" not in a.text
    assert "Pendler atmen auf" in [s.text for s in a.subheadings]
    _assert_spans(a)


def test_html_published_never_from_body_text():
    html = ("<html><head><title>Ohne Datum</title></head><body><article>"
            "<p>Am 12. Januar 2021 beschloss der Rat eine neue Satzung für die Stadtwerke. " * 3
            + "</p><p>Die Satzung tritt am 1. Februar 2021 in Kraft, teilte die Stadt mit. " * 3
            + "</p></article></body></html>")
    assert _clean(html=html).published is None


def test_html_without_body_text_is_rejected():
    with pytest.raises(NoBodyText):
        _clean(html="<html><head><title>Nur ein Titel</title></head><body><nav>Start</nav></body></html>")


def test_input_metadata_wins_over_page_metadata():
    a = _clean(html=HTML_PAGE, url="https://given.example/x", outlet="Given", published="2024-06-20",
               title="Gegebener Titel")
    assert (a.url, a.outlet, a.published, a.title) == (
        "https://given.example/x", "Given", "2024-06-20", "Gegebener Titel")
    assert a.text.startswith("Gegebener Titel\n\n")


# --- raw, errors ----------------------------------------------------------------------------

def test_raw_keeps_text_exactly():
    text = "  Kim schickt Truppen\n\nBild: dpa\n\n<b>Nordkorea</b> plant   Einsätze.\n"
    a = _clean(text, raw=True)
    assert a.text == text and a.title is None and a.captions == () and a.removed == ()


def test_headline_only_is_rejected():
    with pytest.raises(HeadlineOnly):
        _clean("Kim schickt militärische Bautruppen in die Ukraine\n")
    with pytest.raises(HeadlineOnly):
        _clean("Kim schickt Bautruppen\n\nFoto: Max Muster/dpa\n")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_rejected(text):
    with pytest.raises(EmptyInput):
        _clean(text)


def test_a_single_body_paragraph_without_title_is_kept():
    a = _clean("Nordkorea plant Berichten zufolge, Bautruppen zu entsenden.")
    assert a.title is None and a.text == "Nordkorea plant Berichten zufolge, Bautruppen zu entsenden."


def test_ids_and_language_pass_through():
    a = _clean("Titel\n\nEin Satz mit Inhalt, der lang genug ist.", id="given", lang="de")
    assert a.id == "given" and a.language == "de"


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_clean_is_fast():
    import time

    text = SEED.read_text(encoding="utf-8")
    _clean(text)
    t0 = time.perf_counter()
    for _ in range(50):
        _clean(text)
    per_article = (time.perf_counter() - t0) / 50
    assert per_article < 0.02, f"{per_article * 1000:.1f} ms per article"
