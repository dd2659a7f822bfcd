"""Intent names the code refers to, in one place.

The NLU data, domain and rules name every intent; these are the ones that
Python code decides on (the safety gate, the safety replies, the runtime's
fallback replies).
"""

EMERGENCY = "emergency"
CRISIS = "crisis"
PERSONAL_ADVICE = "personal_advice"
# Set only by the safety gate, for a message not in English.
OTHER_LANGUAGE = "other_language"
NLU_FALLBACK = "nlu_fallback"

SAFETY_INTENTS = (EMERGENCY, CRISIS, PERSONAL_ADVICE, OTHER_LANGUAGE)

# The key the safety gate adds to a message's parse data: what it decided
# and why, e.g. {"language": "fr", "check_in": false, "reason": "pattern"}.
SAFETY_KEY = "safety"
