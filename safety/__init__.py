"""Layered safety: who may be in danger, whatever words they use.

Pure Python, no Rasa types, so every layer is unit-tested on its own; the
Rasa component ``components.safety_gate.SafetyGate`` trains, persists and
runs them as the last step of the NLU pipeline.

- ``patterns``: precise patterns for wordings we know (English and French),
  and the referral nets for personal decisions (doses, missed doses);
- ``classifier``: a text classifier trained on the varied examples in
  ``safety/corpus`` (and the NLU data), for the wordings no pattern lists;
- ``language``: offline language detection, so a message in another
  language gets the emergency numbers and a word that we answer in English;
- ``decision``: how the layers combine, in one place.
"""
