"""Messages as the NLU would read them, for unit tests of understanding:
the gap phrases and the question parts come from the same word lists the
NLU reads (``vocabulary/gaps.yml``, ``text/question_words.yml``), so a test
states only the text and the intent."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence, Tuple

from assistant.drug_names import drug_by_key, resolve_drug
from assistant.understanding import Message
from assistant.understanding.reading import Found, Mention, Part
from text.lexicon import lexicon
from text.name_finder import name_finder
from text.questions import parts
from text.sentences import sentences


def found_in(vocabulary: str, text: str) -> Tuple[Found, ...]:
    return tuple(lexicon(vocabulary).find(text))


def gaps(text: str) -> Tuple[Found, ...]:
    return found_in("gaps", text)


def question_parts(text: str, intents: Sequence[str] = ()) -> Tuple[Part, ...]:
    """The message's parts; with ``intents``, its questions carry them in
    order, as the question classifier gives them."""
    found = [Part(p.start, p.end, p.text, p.asks) for p in parts(sentences(text))]
    if intents:
        asking = [i for i, p in enumerate(found) if p.asks]
        assert len(asking) == len(intents), [found[i].text for i in asking]
        for index, intent in zip(asking, intents):
            found[index] = replace(found[index], intent=intent, ranking=(intent,))
    return tuple(found)


def nlu_message(intent: "str | None", text: str, drugs: Sequence[str] = (), classes: Sequence[str] = (),
                side_effects: Sequence[str] = (), ranking: Sequence[str] = (),
                questions: Sequence[str] = ()) -> Message:
    """``drugs`` as the entity tagger gives them; the names it would leave to
    the drug-name finder are added, as the NLU does. ``questions``: the
    intent of each question of a message of several parts, in order."""
    named = list(drugs)
    resolved = {k for k in (resolve_drug(d) for d in drugs) if k is not None}
    mentions = []
    for found in name_finder().find(text):
        drug = drug_by_key(found.key)
        mentions.append(Mention("drug", found.key, found.start, found.end))
        if drug not in resolved:
            named.append(found.key)
            resolved.add(drug)
    for effect in side_effects:
        # The side effect's span, as the entity tagger gives it.
        start = text.lower().find(effect.lower())
        if start >= 0:
            mentions.append(Mention("side_effect", effect, start, start + len(effect)))
    descriptions = found_in("descriptions", text)
    return Message(intent, text, tuple(named), tuple(classes), tuple(side_effects), tuple(ranking), gaps(text),
                   question_parts(text, questions), descriptions, found_in("beliefs", text), _named_twice(text),
                   found_in("decisions", text), tuple(mentions), feelings=found_in("feelings", text))


def _named_twice(text: str) -> Tuple[str, ...]:
    names: dict = {}
    for found in name_finder().find(text):
        names.setdefault(found.key, set()).add(found.text.lower())
    return tuple(key for key, found in names.items() if len(found) > 1)
