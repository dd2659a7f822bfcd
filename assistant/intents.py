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

# The key the sentence splitter adds to a message's parse data: its
# sentences as [{"start": 0, "end": 12, "text": "..."}], read by the safety
# gate and by question understanding (text/sentences.py).
SENTENCES_KEY = "sentences"

# Questions that are not about one topic (actions/understanding).
ASK_COMPARISON = "ask_comparison"
ASK_DRUG_FOR_CONDITION = "ask_drug_for_condition"
ASK_NOT_COVERED = "ask_not_covered"
# "What about gleevec?": repeats the last topic for another drug.
INFORM_DRUG = "inform_drug"

# Conversation without facts (action_converse).
GREET = "greet"
GOODBYE = "goodbye"
THANK = "thank"
BOT_CHALLENGE = "bot_challenge"
ASK_CAPABILITIES = "ask_capabilities"
ASK_HELPLINE = "ask_helpline"
SHARE_FEELINGS = "share_feelings"
OUT_OF_SCOPE = "out_of_scope"

# Keys the vocabulary taggers add to a message's parse data: the phrases of
# vocabulary/gaps.yml and vocabulary/decisions.yml found in it, as
# [{"value": "food", "start": 10, "end": 16, "text": "coffee"}].
GAPS_KEY = "gaps"
DECISIONS_KEY = "decisions"
# ... and of vocabulary/descriptions.yml: a drug described, not named.
DESCRIPTIONS_KEY = "descriptions"
# ... and of vocabulary/beliefs.yml: a wrong belief to correct.
BELIEFS_KEY = "beliefs"
# Feelings told (vocabulary/feelings.yml).
FEELINGS_KEY = "feelings"

# The key the question finder adds: the message's parts, each marked asking
# or background, as [{"start": 0, "end": 20, "text": "...", "asks": true}]
# (text/questions.py).
PARTS_KEY = "parts"

# The patient's list of questions for the care team (action_care_list,
# assistant/care_questions.py).
ASK_CARE_QUESTIONS = "ask_care_questions"
ADD_CARE_QUESTION = "add_care_question"
REMOVE_CARE_QUESTION = "remove_care_question"
CLEAR_CARE_QUESTIONS = "clear_care_questions"
CARE_LIST_INTENTS = (ASK_CARE_QUESTIONS, ADD_CARE_QUESTION, REMOVE_CARE_QUESTION, CLEAR_CARE_QUESTIONS)
# ... and the key of vocabulary/care_list.yml's phrases: "add", which item
# ("item_2", "item_last"), and the words that stand for a drug ("with it").
CARE_LIST_KEY = "care_list"
