"""Multi-turn conversations over the REST channel, as a patient has them."""

from assistant.facts import DISCLAIMER, SAFETY, SOURCE


def texts(replies):
    return [r.get("text", "") for r in replies]


def test_new_conversation_opens_with_welcome_and_full_disclaimer(assistant, sender):
    replies = assistant.send(sender, "hi")
    assert "Medical disclaimer" in replies[0]["text"]
    assert replies[0]["buttons"]
    # A second message in the same conversation is not welcomed again.
    assert all("Medical disclaimer" not in t for t in texts(assistant.send(sender, "hello again")))


def test_follow_ups_stay_on_the_drug(assistant, sender):
    assistant.send(sender, "tell me about pazopanib")
    taken = assistant.send(sender, "how is it taken?")[-1]["text"]
    assert "once a day" in taken and taken.endswith(DISCLAIMER.short)
    effects = assistant.send(sender, "what are its side effects?")[-1]["text"]
    assert "high blood pressure" in effects


def test_answers_cite_their_section_and_say_where_they_come_from(assistant, sender):
    """Issue 12: a citation line before the disclaimer; the source, the last
    answer's section and the helpline when asked (kept across a re-ask)."""
    # How long: the drug's section, and the planning fact from the page's start.
    taken = assistant.send(sender, "how long do people stay on gleevec")[-1]["text"]
    assert taken.endswith(f"From the start of the page and the section on tyrosine kinase inhibitors.\n"
                          f"{DISCLAIMER.short}")
    for question in ("where does this come from?", "and where is that on the page"):
        where = assistant.send(sender, question)[-1]["text"]
        for part in (SOURCE.title, SOURCE.publisher, SOURCE.website, SOURCE.helpline,
                     "the section on tyrosine kinase inhibitors"):
            assert part in where


def test_switching_drug_keeps_the_topic(assistant, sender):
    assistant.send(sender, "side effects of votrient")
    switched = assistant.send(sender, "what about Gleevec?")[-1]["text"]
    assert "doesn't say which side effects Imatinib (Gleevec) can cause" in switched


def test_misspelled_drug_names(assistant, sender):
    assert "GIST" in assistant.send(sender, "wat is gleevac used for")[-1]["text"]
    assert "once a day" in assistant.send(sender, "how do u take votreint")[-1]["text"]


def test_unknown_drug_is_not_answered_as_a_known_one(assistant, sender):
    assistant.send(sender, "tell me about imatinib")
    reply = assistant.send(sender, "what are the side effects of sunitinib")[-1]["text"]
    assert "I don't have information about sunitinib" in reply
    assert "Imatinib (Gleevec)" in reply  # named as one of the four it covers
    assert "3 years" not in reply


def test_personal_advice_goes_to_the_healthcare_team(assistant, sender):
    reply = assistant.send(sender, "i forgot my votrient this morning should i take two tonight")[-1]["text"]
    assert "healthcare team" in reply and SOURCE.helpline in reply


def test_emergency_wins_over_a_drug_question(assistant, sender):
    assistant.send(sender, "how does pazopanib work")
    reply = assistant.send(sender, "does votrient cause chest pain because i have really bad chest pain now")[-1]["text"]
    assert reply.startswith("This sounds like it could be an emergency") and SAFETY.emergency in reply


def test_crisis_gets_emergency_and_crisis_line(assistant, sender):
    reply = assistant.send(sender, "i dont see the point anymore i want to end my life")[-1]["text"]
    assert SAFETY.emergency in reply and SAFETY.crisis_line in reply


def test_out_of_scope_is_honest(assistant, sender):
    reply = assistant.send(sender, "what's the weather like in toronto")[-1]
    assert "I don't have information on that" in reply["text"] or "not sure I understood" in reply["text"]
    assert reply["buttons"]


def test_button_payload_works(assistant, sender):
    reply = assistant.send(sender, '/ask_drug_administration{"drug": "imatinib"}')[-1]["text"]
    assert "every day" in reply
