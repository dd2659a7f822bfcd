"""The classifier learns sentences (safety/training.py): every sentence of
an ordinary story, and only the risky sentence of a risky one."""

from safety.classifier import CONCERN, CRISIS, EMERGENCY, ORDINARY, Example
from safety.corpus import load_corpus
from safety.training import sentence_examples

STORY = ("my husband is 79 and on votrient for a sarcoma in his leg. we have three grandchildren. "
         "he sleeps badly. i want to end my life.")
ORDINARY_STORY = "my dad is 81. he had surgery in may. how long is votrient used?"


def test_sentences_not_stories_are_learnt():
    examples = [e for e in load_corpus() if e.language == "en"] + [
        Example(STORY, CRISIS), Example(ORDINARY_STORY, ORDINARY)]
    learnt = sentence_examples(examples)
    texts = {e.text: e.label for e in learnt}
    assert texts["i want to end my life."] == CRISIS
    assert STORY not in texts and "we have three grandchildren." not in texts
    assert {texts[s] for s in ("my dad is 81.", "he had surgery in may.", "how long is votrient used?")} == {ORDINARY}
    assert {CRISIS, EMERGENCY, CONCERN, ORDINARY} <= set(texts.values())


def test_one_sentence_examples_are_kept_as_written():
    examples = [Example("i can't breathe", EMERGENCY), Example("how is it taken", ORDINARY),
                Example("i'm so tired of all this", CONCERN), Example("i want to die", CRISIS)]
    assert sentence_examples(examples) == examples
