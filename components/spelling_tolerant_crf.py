"""A CRF entity tagger that also sees each word's character n-grams.

Rasa's CRFEntityExtractor describes a word by its lowercase form, a few
prefixes and suffixes and its neighbours. Patients misspell drug names
("rozlytreck", "glivek") and name drugs we never trained on ("eribulin",
"cabozantinib"); what those share with known names is pieces of spelling
("rozly", "tinib", "-ib"). Adding the word's character 3- to 5-grams as
features lets the CRF recognise them, which is what the neural DIET
tagger did with its char n-gram input, at a fraction of the cost: no
TensorFlow model has to run per message (see docs/results.md, issue 4).
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken

NGRAM_SIZES = (3, 4, 5)


def char_ngrams(word: str) -> Iterator[str]:
    """The word's character n-grams, with < and > marking its edges."""
    padded = f"<{word.lower()}>"
    for size in NGRAM_SIZES:
        for start in range(len(padded) - size + 1):
            yield padded[start:start + size]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class SpellingTolerantCRFEntityExtractor(CRFEntityExtractor):
    @classmethod
    def _create_features_for_token(
        cls,
        crf_tokens: List[CRFToken],
        token_idx: int,
        half_window_size: int,
        window_range: range,
        include_tag_features: bool,
        config: Dict[str, Any],
    ) -> Dict[Text, Any]:
        features = super()._create_features_for_token(
            crf_tokens, token_idx, half_window_size, window_range, include_tag_features, config
        )
        for gram in char_ngrams(crf_tokens[token_idx].text):
            features[f"0:ngram:{gram}"] = True
        return features
