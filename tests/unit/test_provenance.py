"""Every fact traceable to its sentence on the page, and every sentence of
the page either used by a fact or excused with a reason (issue 12)."""

from __future__ import annotations

import dataclasses
import re
from typing import List, Set

import pytest

from checks import source_page
from assistant import facts, provenance
from assistant.answers import answer, answer_part
from assistant.provenance import ANCHORS, UNUSED, Anchor, fact_text, fact_values
from assistant.questions import AboutDrugs, AboutTherapy
from assistant.topics import DRUG_TOPICS, Topic
from assistant.understanding import Message, understand
from assistant.understanding.mentions import Context
from assistant.wording.therapy import GENERAL_TOPIC_WORDING

pytestmark = pytest.mark.skipif(not source_page.STORED_PAGE.exists(), reason="source page not beside the project")

DRUG_NAMES = sorted({name.lower() for d in facts.DRUGS for name in (d.generic, *d.brands)})
# Numbers, frequencies and durations a fact must share with its sentences.
TERMS = re.compile(
    r"\b(?:once|twice|\w+ times) (?:a|per) (?:day|week|month)\b"
    r"|\bevery (?:day|week|month)\b|\b(?:daily|weekly|monthly)\b"
    r"|\b\d+ (?:days?|weeks?|months?|years?)\b"
    # A whole number, phone number included ("1-888-939-3333").
    r"|\d+(?:[-.,]\d+)*"
)
# The same frequency in other words: the fact's term, then the page's.
EQUIVALENT_TERMS = {"every day": ("daily",)}


@pytest.fixture(scope="module")
def page() -> source_page.Page:
    return source_page.read()


def anchored_text(page: source_page.Page, anchor: Anchor) -> str:
    section = page.section(anchor.section)
    assert section is not None, f"no section {anchor.section!r} on the page"
    if anchor.sentence is None:
        return section.heading
    assert anchor.sentence < len(section.sentences), f"{anchor}: the section has no such sentence"
    return section.sentences[anchor.sentence]


def terms_in(text: str) -> List[str]:
    text = source_page.normalise(text).lower()
    names = [name for name in DRUG_NAMES if re.search(rf"\b{name}\b", text)]
    return names + TERMS.findall(text)


def test_every_fact_has_an_anchor_and_every_anchor_a_fact():
    present = set(fact_values())
    missing = sorted(present - set(ANCHORS))
    assert not missing, f"facts with no anchor in assistant/provenance.py: {missing}"
    unknown = sorted(set(ANCHORS) - set(fact_values(include_empty=True)))
    assert not unknown, f"anchors for facts that don't exist: {unknown}"
    assert all(ANCHORS[fact_id] for fact_id in ANCHORS)


def _parts(value: object) -> Set[int]:
    """ids of every object inside a fact (conditions, side effects, classes)."""
    found = {id(value)}
    if isinstance(value, tuple):
        for item in value:
            found |= _parts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found |= _parts(getattr(value, field.name))
    return found


def test_every_constant_of_the_facts_module_is_walked():
    """A new fact constant can't slip past the walk (and so past anchoring)."""
    walked: Set[int] = set()
    for value in [*provenance.FACT_OBJECTS.values(), *provenance.SINGLE_FACTS.values()]:
        walked |= _parts(value)
    for name, value in vars(facts).items():
        if not name.isupper() or name in provenance.NOT_FROM_PAGE:
            continue
        items = value if isinstance(value, tuple) and not isinstance(value, str) else (value,)
        assert all(id(item) in walked for item in items), f"assistant.facts.{name} is not in assistant/provenance.py"


def test_every_anchor_points_at_its_sentence(page):
    for fact_id, anchors in ANCHORS.items():
        for anchor in anchors:
            text = anchored_text(page, anchor)
            assert source_page.digest(text) == anchor.digest, (
                f"{fact_id}: {anchor} now reads {text!r} (digest {source_page.digest(text)})"
            )


def test_names_numbers_and_durations_of_each_fact_are_in_its_sentences(page):
    for fact_id, value in fact_values().items():
        sentences = source_page.normalise(" ".join(anchored_text(page, a) for a in ANCHORS[fact_id])).lower()
        for term in terms_in(fact_text(value)):
            options = (term, *EQUIVALENT_TERMS.get(term, ()))
            assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", sentences) for o in options), (
                f"{fact_id} says {term!r}, its anchored sentences don't"
            )


def test_the_term_check_catches_a_changed_number():
    assert terms_in("taken once a day for 3 years by imatinib") == ["imatinib", "once a day", "3 years"]
    assert "twice a day" in terms_in("twice a day")


def test_every_sentence_of_the_page_is_used_or_excused(page):
    used = {(a.section, a.digest) for anchors in ANCHORS.values() for a in anchors}
    excused = {(a.section, a.digest) for a in UNUSED}
    neither = [
        f"{heading} #{position}: {sentence}"
        for heading, position, sentence in page.sentences()
        if (heading, source_page.digest(sentence)) not in used | excused
    ]
    assert not neither, "sentences no fact uses and no excuse explains:\n" + "\n".join(neither)
    assert not used & excused, "a sentence both used and excused"


def test_every_excuse_points_at_a_sentence_and_gives_a_reason(page):
    for anchor, reason in UNUSED.items():
        assert source_page.digest(anchored_text(page, anchor)) == anchor.digest, f"excuse for a changed sentence: {anchor}"
        assert len(reason.split()) >= 4


def test_section_names_are_the_page_headings(page):
    assert [s.heading for s in page.sections] == list(provenance.SECTION_ORDER)
    assert page.title == facts.SOURCE.title
    for heading in provenance.SECTION_ORDER:
        if page.section(heading) and page.section(heading).sentences:  # type: ignore[union-attr]
            assert heading in provenance.SECTION_TOPICS or heading in provenance.SECTION_PHRASES


def test_the_footer_name_is_the_parser_s():
    assert provenance.FOOTER == source_page.FOOTER


def test_typography_and_wrapping_do_not_change_a_digest():
    assert source_page.digest("everyone\u2019s   experience\n is \u201cdifferent\u201d \u2013 yes") == source_page.digest(
        "everyone's experience is \"different\" - yes"
    )
    assert source_page.digest("once a day") != source_page.digest("twice a day")


# --- answers cite their section -------------------------------------------------

def _ask(topic, drugs=(), context=Context()):
    return answer(understand(Message(topic.intent, "", tuple(drugs)), context), context)


def _context_after(result):
    return Context(drug=result.drug, group=result.group, listed=result.listed, sections=result.sections)


def test_a_factual_answer_cites_its_section_before_the_disclaimer():
    result = _ask(Topic.DRUG_ADMINISTRATION, ["votrient"])
    text = result.replies[0].message()["text"]
    assert result.sections == (provenance.TKIS,)
    lines = text.splitlines()
    assert lines[-2] == "From the section on tyrosine kinase inhibitors."
    assert lines[-1] == facts.DISCLAIMER.short


def test_an_answer_the_page_does_not_give_cites_only_what_it_does_say():
    # The page gives no length for pazopanib: the planning fact said with
    # the gap is cited from the page's start, and the drug's section only
    # for what the drug is, said in brief beside it.
    result = _ask(Topic.DRUG_DURATION, ["votrient"])
    assert result.sections == ("Targeted therapy for soft tissue sarcoma", "Tyrosine kinase inhibitors")
    assert "From the start of the page and the section on tyrosine kinase inhibitors." in result.replies[0].text
    assert "pazopanib.how_long" not in answer_part(AboutDrugs(Topic.DRUG_DURATION, (facts.PAZOPANIB,))).reply.facts


def test_where_does_this_come_from_names_the_page_the_sections_and_the_helpline():
    first = _ask(Topic.SIDE_EFFECT_TIMING)
    assert first.sections == (provenance.SIDE_EFFECTS,)
    source = _ask(Topic.SOURCE, context=_context_after(first))
    text = source.replies[0].text
    for part in (facts.SOURCE.title, facts.SOURCE.publisher, facts.SOURCE.website, facts.SOURCE.helpline,
                 "the section on side effects"):
        assert part in text
    assert "From the" not in text, "the source reply itself carries no citation line"
    # Asked again, it still names the sections of the factual answer.
    assert _ask(Topic.SOURCE, context=_context_after(source)).sections == (provenance.SIDE_EFFECTS,)


def test_every_cited_section_is_a_section_of_the_page_with_a_name():
    questions = [AboutDrugs(t, (d,)) for t in DRUG_TOPICS for d in facts.DRUGS]
    questions += [AboutTherapy(t) for t in GENERAL_TOPIC_WORDING if t not in (Topic.SOURCE, Topic.DISCLAIMER)]
    for question in questions:
        ids = answer_part(question).reply.facts
        assert set(ids) <= set(ANCHORS), question
        for section in provenance.sections_of(ids):
            assert section in provenance.SECTION_TOPICS or section in provenance.SECTION_PHRASES
        if isinstance(question, AboutTherapy):
            assert ids, f"{question.topic} cites nothing"
