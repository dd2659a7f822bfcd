"""Teaching the safety classifier sentences, not whole messages.

The classifier scores one sentence at a time, so it learns from sentences.
An ordinary message is ordinary in every sentence, so each of its sentences
is an ordinary example. A crisis or an emergency told inside a long story
is only one of its sentences, and nobody has marked which; labelling the
whole story would teach the classifier that "diagnosed", "two years" and
"my husband" mean risk. So training runs twice: a first classifier learns
from the one-sentence examples, then picks, in each longer risk example,
the sentence it finds most like its label; that sentence joins the
training data (multiple-instance learning in its simplest form) and the
rest of the story is left out.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from safety import evidence
from safety.classifier import ORDINARY, Example, SafetyClassifier
from text.sentences import sentences, units


def _parts(text: str) -> List[str]:
    """The sentences and clauses of an example, look-alikes blanked as the
    gate blanks them before scoring ("i don't want to die" is not a crisis)."""
    blank = evidence.finder().blank_look_alikes
    return [blank(u.text) for u in units(sentences(text))] or [blank(text)]


def sentence_examples(examples: Sequence[Example], c: float = 10.0) -> List[Example]:
    """The training examples as sentences (see the module's docstring)."""
    single: List[Example] = []
    stories: List[Tuple[Example, List[str]]] = []
    for example in examples:
        parts = _parts(example.text)
        if example.label == ORDINARY:
            single += [Example(p, ORDINARY, example.language) for p in parts]
        elif len(parts) == 1:
            single.append(Example(parts[0], example.label, example.language))
        else:
            stories.append((example, parts))
    if not stories:
        return single
    first = SafetyClassifier.train(single, c=c)
    picked = []
    for story, parts in stories:
        column = first.classes.index(story.label)
        best = max(parts, key=lambda part: first.probabilities(part)[column])
        picked.append(Example(best, story.label, story.language))
    return single + picked


def train(examples: Sequence[Example], c: float = 10.0) -> SafetyClassifier:
    """The sentence classifier the safety gate uses."""
    return SafetyClassifier.train(sentence_examples(examples, c), c=c)
