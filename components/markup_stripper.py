"""Takes markup out of each message first, before language detection and
classification (``text.markup``): a pasted ``<iframe>`` must not make a
question look like another language, and ``<b>gleevec</b>`` is gleevec.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from components.text_rewriter import TextRewriter
from text.markup import strip_markup


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MarkupStripper(TextRewriter):
    def rewrite(self, text: str) -> str:
        return strip_markup(text)
