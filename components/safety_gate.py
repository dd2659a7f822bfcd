"""The NLU component that makes emergencies and crises win over any other reading.

Runs last in the NLU pipeline (after the FallbackClassifier). It reads each
sentence the splitter found (``components.sentence_splitter``) with the
layers of ``safety`` (precise patterns, the sentence classifier, evidence
words, language detection; ``safety.decision`` says how) and, when they
decide, sets the intent with full confidence, so the dialogue policy always
sends the safety reply. What it decided goes into the message's parse data under
``assistant.intents.SAFETY_KEY``, for the actions: the language of a message
not in English, and whether to add the gentle 988 check-in line.

Trained with the rest of the NLU model: the safety classifier learns from
``safety/corpus`` and the NLU training data, and the language vocabularies
from the same examples. Both are stored in the model, so the server needs
no training data and downloads nothing.

Checked against Rasa 3.6.21: a GraphComponent registered as an intent
classifier; `fingerprint_addon` makes Rasa retrain it when a corpus file
changes (the corpus is not part of Rasa's training data). The classifier is
stored as JSON and NumPy arrays (no pickle, no skops: loading the
scikit-learn pipeline cost about 65 MB of memory).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.intents import CRISIS, DECISIONS_KEY, EMERGENCY, NLU_FALLBACK, PERSONAL_ADVICE, SAFETY_KEY
from components.sentence_splitter import sentences_of
from safety import corpus, evidence, training
from safety.classifier import SafetyClassifier
from safety.decision import NEXT_READING, NO_DECISION_ASKED, Decision, Thresholds, decide, read_sentence
from safety.language import LanguageDetector, Vocabularies
from text.sentences import units

_VOCABULARIES_FILE = "vocabularies.json"
# Entity values naming drugs and drug classes say nothing about the language.
_DOMAIN_ENTITIES = ("drug", "drug_class")


def _domain_words(training_data: TrainingData) -> List[str]:
    from assistant.facts import DRUG_CLASSES, DRUGS

    names = [n for d in DRUGS for n in (d.generic, *d.brands, *d.misspellings)]
    names += [n for c in DRUG_CLASSES for n in (c.abbreviation, c.name, *c.aliases)]
    for message in training_data.intent_examples:
        text = message.get(TEXT) or ""
        names += [text[e["start"]:e["end"]] for e in message.get(ENTITIES) or [] if e.get("entity") in _DOMAIN_ENTITIES]
    return names


def _without_drug_names(message: Message) -> str:
    """The text with the drug names blanked: a misheard name ("emma
    tinib", "glee vec") says nothing about the language."""
    text = message.get(TEXT) or ""
    chars = list(text)
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") == "drug" and isinstance(entity.get("start"), int) and isinstance(entity.get("end"), int):
            chars[entity["start"]:entity["end"]] = " " * (entity["end"] - entity["start"])
    return "".join(chars)


def _decision_asked(message: Message) -> bool:
    """Whether the message has the words of a personal decision anywhere
    (the decision tagger's): "we're trying for a baby, is that ok on
    imatinib?" asks it in its background. Without the tagger in the
    pipeline, as before it."""
    decisions = message.get(DECISIONS_KEY)
    return True if decisions is None else bool(decisions)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafetyGate(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = Thresholds()
        return {
            "C": 10.0,
            "crisis_threshold": defaults.crisis,
            "emergency_threshold": defaults.emergency,
            "check_in_crisis_threshold": defaults.check_in_crisis,
            "concern_threshold": defaults.concern,
            "check_in_without_evidence_threshold": defaults.check_in_without_evidence,
            "other_language_threshold": defaults.other_language,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return corpus.fingerprint()

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Optional[SafetyClassifier] = None,
        language: Optional[LanguageDetector] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier
        self._language = language
        self._thresholds = Thresholds(
            crisis=config["crisis_threshold"],
            emergency=config["emergency_threshold"],
            check_in_crisis=config["check_in_crisis_threshold"],
            concern=config["concern_threshold"],
            check_in_without_evidence=config["check_in_without_evidence_threshold"],
            other_language=config["other_language_threshold"],
        )

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafetyGate":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        nlu = corpus.from_nlu((m.get(TEXT), m.get(INTENT)) for m in training_data.intent_examples)
        examples = corpus.load_corpus() + nlu
        self._classifier = training.train(examples, c=self._config["C"])
        vocabularies = Vocabularies.build(((e.text, e.language) for e in examples), _domain_words(training_data))
        self._language = LanguageDetector(vocabularies)
        with self._model_storage.write_to(self._resource) as folder:
            self._classifier.save(folder)
            (folder / _VOCABULARIES_FILE).write_text(json.dumps(vocabularies.to_json()), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SafetyGate":
        with model_storage.read_from(resource) as folder:
            classifier = SafetyClassifier.load(folder)
            vocabularies = Vocabularies.from_json(json.loads((folder / _VOCABULARIES_FILE).read_text(encoding="utf-8")))
        return cls(config, model_storage, resource, classifier, LanguageDetector(vocabularies))

    def decide(self, message: Message) -> Decision:
        if self._classifier is None or self._language is None:
            raise RuntimeError("the safety gate is not trained")
        text = message.get(TEXT) or ""
        finder = evidence.finder()
        readings = [read_sentence(u.text, self._classifier.scores, finder) for u in units(sentences_of(message))]
        return decide(
            text,
            readings,
            (message.get(INTENT) or {}).get("name"),
            self._language.detect(_without_drug_names(message)),
            self._thresholds,
            decision_asked=_decision_asked(message),
        )

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            decision = self.decide(message)
            message.set(SAFETY_KEY, decision.as_parse_data(), add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            if decision.intent == NEXT_READING:
                others = [i for i in ranking if i.get("name") not in (CRISIS, EMERGENCY)]
                message.set(INTENT, others[0] if others else {"name": NLU_FALLBACK, "confidence": 1.0},
                            add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
            elif decision.intent == NO_DECISION_ASKED:
                others = [i for i in ranking if i.get("name") not in (CRISIS, EMERGENCY, PERSONAL_ADVICE)]
                message.set(INTENT, {"name": NLU_FALLBACK, "confidence": 1.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
            elif decision.intent is not None:
                forced = {"name": decision.intent, "confidence": 1.0}
                others = [i for i in ranking if i.get("name") != decision.intent]
                message.set(INTENT, forced, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
        return messages
