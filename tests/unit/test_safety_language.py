"""Language detection: messages in other languages are recognised offline,
and English with typos, text-speak or drug names is never taken for one."""

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from safety.corpus import from_nlu, load_corpus
from safety.language import LanguageDetector, Vocabularies, words
from scripts.nlu_examples import nlu_examples

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ["pazopanib", "votrient", "imatinib", "gleevec", "larotrectinib", "vitrakvi", "entrectinib",
          "rozlytrek", "tki", "ntrk", "gist", "dfsp", "votreint", "glivec"]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    examples = load_corpus() + from_nlu(nlu_examples())
    return LanguageDetector(Vocabularies.build(((e.text, e.language) for e in examples), DOMAIN))


@pytest.mark.parametrize("text,language", [
    ("j'ai vraiment peur de commencer ce traitement demain", "fr"),
    ("est-ce que le votrient fait perdre les cheveux", "fr"),
    ("bonjour", "fr"),
    ("me duele mucho la cabeza desde ayer", "es"),
    ("我应该怎么吃这个药", "zh"),
    ("ਮੈਨੂੰ ਡਰ ਲੱਗਦਾ ਹੈ", "pa"),
    ("لا أستطيع النوم منذ أيام", "ar"),
    ("Votrient ਕਿਵੇਂ ਲੈਣੀ ਹੈ", "pa"),
])
def test_other_languages_are_recognised(detector, text, language):
    assert detector.detect(text) == language


@pytest.mark.parametrize("text", [
    "wat r teh sid efects of votreint", "hw lng gleevc", "votrient vs gleevec", "dfsp gist", "ok", "k thx",
    "imatinib 400mg or 600mg for GIST?", "can i take gleevec with cafe au lait", "ld50 of pazopanib",
    "c'est la vie i guess, how is votrient taken", "i'm from quebec, do you speak french?", "", "???",
])
def test_english_with_typos_names_or_borrowed_words_stays_english(detector, text):
    assert detector.detect(text) is None


def test_no_message_of_the_held_out_nlu_set_is_taken_for_another_language(detector):
    held_out = [m.get("text") for m in load_data(str(ROOT / "tests/nlu/nlu_test.yml")).intent_examples]
    assert len(held_out) > 250
    assert [t for t in held_out if detector.detect(t)] == []


def test_vocabularies_survive_storage(detector):
    vocabularies = detector.vocabularies
    assert Vocabularies.from_json(vocabularies.to_json()) == vocabularies


def test_words_ignore_single_letters_and_tokens_with_digits():
    assert words("I took 400mg of paz0panib, k?") == ["took", "of"]
