"""The slots the action server keeps, in one place (domain.yml declares them).

The context slots are what "it", "the other one" and "where is that from?"
are read against. They, and the patient's list of questions for the care
team, are carried into every new session: the one after a patient comes
back (action_session_start) and the one a long conversation goes on in
(runtime/session_rollover.py).
"""

DRUG_SLOT = "drug"
TOPIC_SLOT = "topic"
# Keys of the drugs last discussed together ("they", "the other one").
GROUP_SLOT = "drug_group"
# Keys of the drugs in the last list shown ("the second one").
LISTED_SLOT = "listed_drugs"
# Headings of the page sections the last factual answer came from, for
# "where does this come from?" (assistant.provenance).
SECTIONS_SLOT = "sections"
# What the last answer covered, as kinds and keys only (scripts/gap_report.py).
# A record of one answer, not context: never carried, or the report would
# count the answer again in the next session.
ANSWERED_SLOT = "answered"

CONTEXT_SLOTS = (DRUG_SLOT, GROUP_SLOT, LISTED_SLOT, TOPIC_SLOT, SECTIONS_SLOT)

# The patient's questions for the care team, as [{"question", "ask"}]
# (assistant/care_questions.py), and whether the list was offered yet. They
# belong to the whole conversation: kept across sessions like the context,
# gone when the conversation is (scripts/retention.py,
# scripts/forget_conversation.py), and never read by the gap report.
CARE_QUESTIONS_SLOT = "care_questions"
CARE_OFFERED_SLOT = "care_list_offered"

# Carried into every new session of the same conversation.
CARRIED_SLOTS = CONTEXT_SLOTS + (CARE_QUESTIONS_SLOT, CARE_OFFERED_SLOT)
