"""Temporal rules added for the Recognizers-Text phenomena: compositions, ranges, words, bad input.

The sentences are our own; the reference time is a Monday (2024-06-17) unless stated.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zufolge.temporal import find_times

REF = "2024-06-17T10:00:00"


def vals(text: str, lang: str = "en", ref: str | None = REF) -> dict[str, str | None]:
    return {t.text: t.value for t in find_times(text, lang, ref)}


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The talks resume three weeks from tomorrow.", "three weeks from tomorrow", "2024-07-09"),
    ("It closed 2 weeks before Christmas.", "2 weeks before Christmas", "2023-12-11"),
    ("Polls open tomorrow at 9 and close at 8.", "tomorrow at 9", "2024-06-18T09"),
    ("They met on Monday between 9 and 11.", "Monday between 9 and 11", "2024-06-17T09/2024-06-17T11"),
    ("He left in the morning at 7.", "in the morning at 7", "T07"),
    ("The vote is on Tuesday of next week.", "Tuesday of next week", "2024-06-25"),
    ("We meet next week on Thursday.", "next week on Thursday", "2024-06-27"),
    ("Sales rose in the last week of July.", "the last week of July", "2024-07-29/2024-08-05"),
    ("The index fell from March to May.", "from March to May", "2024-03/2024-05"),
    ("Prices rose from May to Oct 2020.", "from May to Oct 2020", "2020-05/2020-10"),
    ("The range was 2014 to 2018.", "2014 to 2018", "2014/2018"),
    ("Revenue fell last quarter.", "last quarter", "2024-Q1"),
    ("The plan covers 2017 q1.", "2017 q1", "2017-Q1"),
    ("He was away for 3 days starting next Monday.", "3 days starting next Monday", "2024-06-24/2024-06-27"),
    ("She was born on January twenty five nineteen eighty six.", "January twenty five nineteen eighty six",
     "1986-01-25"),
    ("It opened in August two thousand and fifteen.", "August two thousand and fifteen", "2015-08"),
    ("The meeting runs from 2pm for 2 hours.", "2pm for 2 hours", "T14/T16:00"),
    ("Results for fiscal year 2008 were weak.", "fiscal year 2008", "FY2008"),
    ("Deliver it by the end of the day.", "the end of the day", "2024-06-17T23:59:59"),
    ("The festival is over labor day weekend.", "labor day weekend", "2024-W35-WE"),
    ("The bill is due on the 18th.", "the 18th", "2024-06-18"),
    ("Are you free on Monday 24?", "Monday 24", "2024-06-24"),
    ("Booked for the first 2 weeks of 2021.", "the first 2 weeks of 2021", "2021-01-04/2021-01-18"),
    ("The review comes in the 9th month of next year.", "the 9th month of next year", "2025-09"),
    ("The tour ran from the end of March to the middle of September.",
     "from the end of March to the middle of September", "2024-04-01/2024-09-16"),
    ("It happened in the 15th century.", "the 15th century", "14"),
])
def test_english_compositions(text, span, value):
    v = vals(text)
    assert span in v, v
    assert v[span] == value


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Die Messe ist in KW 31.", "KW 31", "2024-W31"),
    ("Sie kam in der letzten Woche im Juli.", "in der letzten Woche im Juli", "2024-07-29/2024-08-05"),
    ("Wir sind am 22. April von 5 bis 6 nachmittags weg.", "22. April von 5 bis 6 nachmittags",
     "2024-04-22T17/2024-04-22T18"),
    ("Es ist viertel 8.", "viertel 8", "T07:15"),
    ("Das Geschäftsjahr 2023 lief gut.", "Geschäftsjahr 2023", "FY2023"),
    ("Geöffnet von Montag 7 Uhr bis Freitag 15 Uhr.", "von Montag 7 Uhr bis Freitag 15 Uhr",
     "2024-06-17T07/2024-06-21T15"),
])
def test_german_compositions(text, span, value):
    v = vals(text, "de")
    assert span in v, v
    assert v[span] == value


def test_weak_hours_alone_are_not_times():
    """A bare hour ("at 7", "3-8") is a time only next to a day or a part of day."""
    assert vals("The score was 3-8 at 7 minutes in.") == {"7 minutes": "PT7M"}
    assert "24/7" not in vals("Der Dienst ist 24/7 erreichbar.", "de")
    assert not any("may" in k.lower() for k in vals("This may or may not help, and may fail."))
    assert vals("Latitude 40.1693, 1666.90125 east.") == {}
    assert vals("Shares closed at 6.45.") == {}  # a price
    assert "letzten Stunden" not in vals("In den letzten Stunden regnete es.", "de")


@pytest.mark.parametrize("text", [
    "Feb 30 2019", "31. Februar 2024", "Year 20245 and 9" + "9" * 200, "99/99/9999", "KW 60", "week 99",
    "the 45th day of next month", "the 13th month of 2021", "Q5 2020", "fiscal year 99999",
    "nineteen ninety ninety ninety", "between 25 and 99 tonight", "from 10/1-10/7/2018-5/5",
    "at 24:61", "the last 99999999999999999999 years", "Monday 31", "2/29", "29/2/2019",
])
def test_bad_input_gives_a_value_or_none(text):
    for lang in ("en", "de"):
        for t in find_times(text, lang, REF):
            assert text[t.start:t.end] == t.text
            assert t.value is None or isinstance(t.value, str)
    for lang in ("en", "de"):
        find_times(text, lang, None)


def test_impossible_dates_have_no_value():
    assert vals("It was Feb 30 2019.")["Feb 30 2019"] is None
    assert vals("Am 31. Februar 2024 nicht.", "de")["31. Februar 2024"] is None


_WORDS = ["the", "of", "next", "last", "week", "Monday", "May", "2024", "3", "at", "7", "-", "/", "to",
          "from", "between", "and", "morning", "days", "ago", "Juni", "19.", "Uhr", "bis", "vom", "quarter",
          "q1", "fiscal", "year", "twenty", "first", "end", "weekend", "every", "pm", ":30", "11/7"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from(["en", "de"]))
def test_random_word_salad_never_crashes(words, lang):
    text = " ".join(words)
    for t in find_times(text, lang, REF):
        assert text[t.start:t.end] == t.text
        assert 0 <= t.start < t.end <= len(text)
