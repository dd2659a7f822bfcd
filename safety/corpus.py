"""The safety classifier's training examples.

``safety/corpus/*.yml`` holds examples written for this classifier, each
file a mapping from label to messages (``other_languages.yml`` one level
deeper, by language code). The NLU training data adds its own ``crisis``
and ``emergency`` examples, and every other intent's examples as
``ordinary``. The held-out safety set (``tests/safety/probes.yml``) is never
read here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Tuple

import yaml

from assistant.intents import OTHER_LANGUAGE
from safety.classifier import CRISIS, EMERGENCY, LABELS, ORDINARY, Example
from safety.language import UNDETERMINED
from safety.evidence import EVIDENCE_FILE
from text.sentences import WORDS_FILE

CORPUS_DIR = Path(__file__).with_name("corpus")

# NLU intents whose examples are crisis or emergency messages; every other
# intent is ordinary for the safety classifier.
NLU_LABELS = {CRISIS: CRISIS, EMERGENCY: EMERGENCY}


def corpus_files(folder: Path = CORPUS_DIR) -> List[Path]:
    return sorted(folder.glob("*.yml"))


def fingerprint(folder: Path = CORPUS_DIR) -> str:
    """Changes whenever an example file changes, or the words that split
    examples into sentences or blank their look-alikes, so Rasa retrains
    the gate."""
    digest = hashlib.sha256()
    for path in [*corpus_files(folder), WORDS_FILE, EVIDENCE_FILE]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _examples(mapping: Dict[str, Any], language: str) -> Iterator[Example]:
    for key, value in mapping.items():
        if key in LABELS:
            yield from (Example(str(text), key, language) for text in value or ())
        elif isinstance(value, dict):
            # other_languages.yml: language code -> label -> messages
            yield from _examples(value, key)
        else:
            raise ValueError(f"unknown safety label {key!r}")


def load_corpus(folder: Path = CORPUS_DIR) -> List[Example]:
    """Every example; a file's language is the start of its name (en_crisis.yml: en)."""
    examples: List[Example] = []
    for path in corpus_files(folder):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        examples += _examples(data, path.stem.split("_")[0])
    return examples


def from_nlu(intent_examples: Iterable[Tuple[str, str]]) -> List[Example]:
    """(text, intent) pairs from the NLU data as safety examples; all are in
    English except the `other_language` examples, which mix languages."""
    return [
        Example(text, NLU_LABELS.get(intent, ORDINARY), UNDETERMINED if intent == OTHER_LANGUAGE else "en")
        for text, intent in intent_examples
        if text
    ]

