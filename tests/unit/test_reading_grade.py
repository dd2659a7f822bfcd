"""The reading-grade measure (scripts/reading_grade.py): offline, and fair to lists."""

import nltk
import pytest

from scripts import reading_grade


def test_it_never_downloads_a_dictionary(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", no_download)
    reading_grade._offline_cmudict.cache_clear()
    assert reading_grade.grade("The nurse will check your blood pressure at each visit.") < 8


def test_each_line_and_bullet_counts_as_a_sentence():
    reply = "It may cause:\n• tiredness\n• nausea\n• a rash"
    assert reading_grade.as_sentences(reply) == "It may cause: tiredness. nausea. a rash."


def test_long_sentences_and_long_words_grade_higher():
    plain = "Take it with water. Ask your nurse if you are not sure."
    dense = ("Individualised pharmacological considerations necessitate comprehensive consultation "
             "with multidisciplinary healthcare professionals regarding administration.")
    assert reading_grade.grade(plain) < 6 < 12 < reading_grade.grade(dense)


def test_the_distribution_reports_the_share_at_the_target():
    spread = reading_grade.Distribution((4.0, 7.9, 8.0, 9.5))
    assert spread.share_at_or_below() == pytest.approx(0.75)
    assert dict(spread.bands()) == {"≤ 6": 1, "6–8": 2, "8–10": 1, "10–12": 0, "> 12": 0}
