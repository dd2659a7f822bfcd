"""Every fact of the source page, asked as a patient would, through the trained
model and both servers over the REST channel.

Each check is one question (in a fresh conversation) and the phrases the
answer must contain. The list follows the page from top to bottom.
"""

import pytest

from assistant.facts import DISCLAIMER

FACT_CHECKS = [
    # What targeted therapy is and why it is given
    ("what is targeted therapy", ["molecules", "proteins", "grow or divide"]),
    ("hw does targeted therapy actually work", ["signals", "normal cells"]),
    ("is molecular targeted therapy the same thing", ["molecular targeted therapy"]),
    ("why would my mum be given targeted therapy", ["growing, dividing and spreading", "symptoms"]),
    ("what does palliative mean here", ["palliative therapy", "ease pain"]),
    ("who decides the dose and schedule", ["healthcare team", "doses", "schedule"]),
    ("will i get other treatment as well as this", ["other treatments"]),
    # Drugs and classes
    ("which drugs are used for soft tissue sarcoma", ["Pazopanib (Votrient)", "Imatinib (Gleevec)", "Larotrectinib (Vitrakvi)", "Entrectinib (Rozlytrek)"]),
    ("what is a tki", ["tyrosine kinases", "signals", "no longer grows and divides"]),
    ("what are ntrk inhibitors", ["NTRK gene fusion", "Larotrectinib (Vitrakvi)"]),
    ("what is an ntrk gene fusion", ["breaks away", "different gene", "TRK fusion proteins"]),
    ("what does the ntrk gene normally do", ["nerve cells", "sensations"]),
    # Pazopanib
    ("what kind of drug is votrient", ["tyrosine kinase inhibitor"]),
    ("how does pazopanib work", ["VEGF", "blood vessels"]),
    ("when is votrient used", ["advanced", "chemotherapy", "within 1 year"]),
    ("how do i take pazopanib", ["pill", "once a day"]),
    ("what are the side effects of votrient", ["high blood pressure", "hair colour"]),
    ("can pazopanib make my hair change colour", ["My source names changes in hair colour", "Pazopanib"]),
    ("how long do people stay on votrient", ["doesn't say how long"]),
    # Imatinib
    ("what does gleevec target", ["KIT protein", "grow, divide and move around"]),
    ("what is imatinib used for", ["GIST", "unresectable or metastatic", "DFSP", "recurrent"]),
    ("how is gleevec taken", ["pill", "every day"]),
    ("how long will i be on imatinib", ["no set standard", "3 years"]),
    ("side effects of gleevec", ["doesn't say which side effects Imatinib (Gleevec) can cause"]),
    # NTRK drugs
    ("when is larotrectinib used", ["NTRK gene fusion"]),
    ("how is rozlytrek given", ["pill"]),
    ("what are the side effects of entrectinib", ["doesn't say which side effects Entrectinib (Rozlytrek) can cause"]),
    ("how does vitrakvi work", ["doesn't say exactly how Larotrectinib (Vitrakvi) acts"]),
    # Side effects in general
    ("will i get side effects", ["few or none", "does not list"]),
    ("is it easier on the body than chemo", ["fewer and milder", "radiation"]),
    ("when do side effects usually start", ["during", "right after", "days or weeks"]),
    ("can side effects show up years later", ["months or even years"]),
    ("do the side effects go away", ["clear up by themselves", "permanent"]),
    ("what do side effects depend on", ["which drug it is", "dose", "health in general"]),
    ("should i tell my team about side effects", ["healthcare team", "earlier"]),
    # Gaps, source, disclaimer
    ("what dose of imatinib is normal", ["does not give doses"]),
    ("where does your information come from", ["Canadian Cancer Society", "cancer.ca", "1-888-939-3333"]),
    ("show me the disclaimer", ["does not take the place of your relationship with your doctor", "qualified healthcare professional"]),
    ("what questions should i ask my oncologist", ["healthcare team", "side effects"]),
]


@pytest.mark.parametrize("question,phrases", FACT_CHECKS, ids=[q for q, _ in FACT_CHECKS])
def test_fact_is_answered(assistant, sender, question, phrases):
    replies = assistant.send(sender, question)
    # The first reply of a new conversation is the welcome; the answer is last.
    answer = replies[-1]["text"]
    for phrase in phrases:
        assert phrase in answer, f"{question!r}: missing {phrase!r} in {answer!r}"
    if "disclaimer" not in question:
        assert answer.endswith(DISCLAIMER.short)
