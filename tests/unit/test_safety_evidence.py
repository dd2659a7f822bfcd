"""Evidence before routing (safety/evidence.py, words in safety/evidence.yml)."""

import pytest

from safety.evidence import CONCERN, CRISIS, EMERGENCY, EvidenceFinder, WordLists, finder, words


@pytest.fixture(scope="module")
def find() -> EvidenceFinder:
    return finder()


@pytest.mark.parametrize("text", [
    "i want to die",
    "been thinking about sucide a lot",  # one typo
    "everyone would be better off without me",
    "i've been saving up my pills",
    "how many would stop my heart",
    "ive been cutting again",
    "my wife said she wants to end her life",
])
def test_crisis_evidence(find, text):
    assert find.has(text, CRISIS)


@pytest.mark.parametrize("text", [
    "i don't want to die before my daughter finishes school",
    "am i going to die from this",
    "my son asked if i'm going to die",
    "i'm dying to know if my hair goes back to brown",
    "this paperwork is killing me",
    "does imatinib kill the cancer cells",
    "my mum died of cancer in 2019",
    "kids are 7 and 12",
    "they say it can't be cured",
    "Error: FATAL error in the app",
    "can i cut my votrient pills in half to make them last",  # "?" stands for any one word
    "thinking of cutting my pill in half to bring my bp down",  # one pill as well as several
    "is cutting the tablets ok if she cant swallow them",
    "would cutting each one in half be safer",
    "how long do side effects usually hang around",
    "i'm the one who keeps track of all his pills",  # a carer, not an overdose
    "seems like a waste of a drive into brandon every time",  # a trip, not a car turned on oneself
    "he keeps saying they're sending me home to die",  # palliative care feared, not a wish to die
])
def test_look_alikes_are_not_crisis_evidence(find, text):
    assert not find.has(text, CRISIS), find.found(text, CRISIS)


@pytest.mark.parametrize("text", [
    "i have chest pain right now",
    "my dad cant breathe",
    "she's coughing up blood",
    "he keeps passing out when he stands",
    "my temperature is 39.2",
    "his face is drooping and he can't get his words out",
])
def test_red_flags_happening_now(find, text):
    assert find.has(text, EMERGENCY)


@pytest.mark.parametrize("text", [
    "no fever, no chest pain, just tired",
    "could votrient cause chest pain",
    "what if i get a fever on gleevec",
    "he had a stroke years ago",
    "my blood pressure is a bit high on votrient",
    "she has a blood test on friday",
    "my hair has gone white",
    # the red flag that led to the diagnosis: the story's beginning
    "in the summer he had black stools and got really weak and they found a tumour in his stomach",
    "she passed out at work and that's how they found the tumour",
])
def test_negated_asked_about_long_past_or_named_side_effects_are_not_red_flags(find, text):
    assert not find.has(text, EMERGENCY), find.found(text, EMERGENCY)


def test_hopelessness_is_concern_evidence_and_its_negation_is_not(find):
    assert find.has("honestly what's the point", CONCERN)
    assert not find.has("i'm not going to give up", CONCERN)


def test_look_alikes_are_blanked_for_the_precise_patterns(find):
    assert "dying" not in find.blank_look_alikes("dying to know if it works", CRISIS)
    blanked = find.blank_look_alikes("my blood pressure is up", EMERGENCY)
    assert len(blanked) == len("my blood pressure is up") and "blood" not in blanked


def test_a_red_flag_position_is_checked_for_negation():
    text = "no chest pain but i can't breathe"
    assert not finder().happening_now(text, text.index("chest"))
    assert finder().happening_now(text, text.index("breathe"))


def test_words_drop_apostrophes_and_keep_offsets():
    assert [w for w, _, _ in words("Can't BREATHE")] == ["cant", "breathe"]
    assert words("can't")[0][1:] == (0, 5)


def test_every_list_is_there_and_has_look_alikes():
    lists = WordLists.load()
    for kind in (CRISIS, CONCERN, EMERGENCY):
        assert lists.evidence[kind] and lists.not_evidence[kind]
    assert lists.not_now_before and lists.not_now_anywhere


def test_every_entry_is_written_as_text():
    # YAML reads a bare `no` as false and `911` as a number.
    import yaml

    from safety.evidence import EVIDENCE_FILE

    def entries(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from entries(value)
        else:
            yield from node

    assert all(isinstance(e, str) for e in entries(yaml.safe_load(EVIDENCE_FILE.read_text())))


def test_a_red_flag_in_a_named_year_is_in_the_past(find):
    assert not find.has("my dad had a mini stroke in 2020", EMERGENCY)
    assert find.has("my dad is having a stroke", EMERGENCY)


def test_a_red_flag_in_a_named_month_is_the_story_not_now(find):
    assert not find.has("in march i started throwing up blood and passed out at work", EMERGENCY)
    # Since then, it goes on.
    assert find.has("i have been throwing up blood since march", EMERGENCY)


@pytest.mark.parametrize("text", [
    "my wife and I are trying to plan our lives a bit", "I just want something to plan around.",
    "an infusion every few weeks would kill my job", "i will not survive without my morning coffee",
])
def test_stories_of_plans_jobs_and_coffee_are_not_crisis_evidence(text):
    assert finder().found(text, CRISIS) == []


def test_a_carer_who_does_all_her_meds_is_no_crisis_but_taking_them_all_is():
    assert finder().found("im my aunts caregiver and i do all her meds", CRISIS) == []
    assert finder().found("i manage all his meds for him", CRISIS) == []
    assert finder().found("she swallowed all her meds at once", CRISIS) != []
