"""The gap and decision vocabularies (vocabulary/gaps.yml, vocabulary/decisions.yml):
every gap is found in wordings its list doesn't spell out word for word
(typos, other forms), and never in its look-alikes."""

import pytest

from assistant import not_covered
from text.lexicon import lexicon

GAPS = lexicon("gaps")
DECISIONS = lexicon("decisions")

# (gap, a message that asks about it, a look-alike that must not).
CASES = [
    ("cost", "how much does gleevec cost in ontario", "pay attention to any rash on imatinib?"),
    ("cost", "will my insurence pay for votrient", "how much does it help with the pain"),
    ("food", "can i drink coffee with it", "this cancer is eating me up inside, what is gleevec for"),
    ("food", "do i take imatinib with breakfast", "how fast is votrient taken"),
    ("alcohol", "is a glass of wine ok with rozlytrek", "they told me to drink plenty of water on votrient"),
    ("alcohol", "can i have a few beers on gleevec", "can i drink coffee with it"),
    ("other_medicines", "is it ok to take ibuprofen alongside my votrient", "i have mixed feelings about starting gleevec"),
    ("other_medicines", "can i take my vitamins with imatinib", "i take it at the same time every day"),
    ("onset", "how soon does larotrectinib kick in", "how long is imatinib taken"),
    ("success", "what are my chances with votrient", "is there any chance you know how it is taken"),
    ("success", "will it really work for her", "how does it work"),
    ("cure", "can gleevec cure a gist", "what is gleevec used for"),
    ("cure", "will votrient kill the cancer or just slow it down", "does votrient slow down how fast i walk"),
    ("cure", "his dfsp came back. will imatinib make it go away for good?", "do the side effects go away for good?"),
    ("children", "can my 8 year old take larotrectinib", "my kids are 8 and 11 and i want to go to their games"),
    ("children", "is vitrakvi given to toddlers", "my son is driving me to my appointments, how is votrient taken"),
    ("older_people", "is rozlytrek ok for someone in her 80s", "how old is this drug"),
    ("older_people", "my gran is 90, can she take gleevec", "my son is 12, what is vitrakvi for"),
    ("children", "my 12 year old has an ntrk fusion, can she have vitrakvi", "my dad is 78, what is vitrakvi for"),
    ("fertility", "can i get pregnant while on imatinib", "what is imatinib for"),
    ("fertility", "pregnant 3 month, they say maybe gleevec. is ok for the baby?", "my baby sister drives me to clinic"),
    ("children", "can babies take vitrakvi", "my daughter helps me with my pills in the mornings before work"),
    ("children", "my daughter is 4. is this drug even for little kids??", "my son is 4, how is gleevec taken"),
    ("children", "my son is 14, is it safe for kids his age", "my kids love the little ones at daycare"),
    ("breastfeeding", "can i breastfeed on votrient", "what is votrient for"),
    ("vaccines", "can i get my flu shot while on gleevec", "is votrient a pill"),
    ("driving", "can i drive on entrectinib", "this is driving me crazy, how long do i take gleevec"),
    ("travel", "we are flying to spain next month, can i take votrient on the plane", "time flies, how long is imatinib given"),
    ("storage", "where should i keep the pills, in the fridge?", "i get a heat rash on my arms with imatinib, is that normal?"),
    ("generics", "is there a generic version of gleevec", "what kind of drug is gleevec"),
    ("clinical_trials", "are there trials for ntrk drugs", "it has been trial and error with the nausea"),
    ("prescription", "how do i get a prescription for vitrakvi", "my doctor prescribed me gleevec, how long will i take it"),
    ("stops_working", "what happens if votrient stops working", "how does votrient work"),
    ("long_term_effects", "any long term damage from gleevec", "how long is gleevec taken"),
    ("hair_loss", "will votrient make me lose my hair", "can it change my hair colour"),
    ("hair_loss", "since gleevec is basically chemo im gonna lose all my hair right?", "all my hair went grey on votrient"),
    ("other_treatments", "should i get radiation instead of votrient", "i had chemo last year, how is votrient taken"),
    ("caring", "i want to help but i dont even know what the drug does", "i joined a support group, how is gleevec taken"),
    ("languages", "is there information in punjabi for my mother", "she is from punjab, how is gleevec taken"),
    ("languages", "can someone translate this for my dad", "my dad speaks some english, what is votrient for"),
    ("caring", "how can i support my husband while he's on votrient", "does votrient support the immune system"),
    ("other_treatments", "is immunotherapy an option", "the tumour is too big to operate, what is gleevec for"),
    ("comparing_results", "which is better, vitrakvi or rozlytrek", "what is the difference in how they are taken"),
    ("sleep", "will votrient affect my sleep", "how is votrient taken"),
    ("work", "should i tell my boss i'm on imatinib", "how does it work"),
    ("exercise", "is it fine to go swimming while i'm taking rozlytrek", "i ran out of pills, what do i do"),
    ("sun", "can i sit in the sun on votrient", "what is votrient for"),
    ("sex", "is sex ok while on gleevec", "what is gleevec"),
    ("pets", "is it safe around my dog", "they did a ct scan and a pet scan, what is imatinib for"),
    ("beauty", "can i dye my hair while on votrient", "can i make up a missed dose"),
    ("smoking", "can i still smoke on imatinib", "what is imatinib"),
    ("dental", "i need a root canal, is that ok on votrient", "what is votrient"),
    ("contact", "can my kids be around me while i take it", "how is it taken"),
    ("inheritance", "could my sister inherit the ntrk fusion", "what is an ntrk fusion"),
    ("inheritance", "my ntrk fusion is something i got from my parents obviously", "my parents drive me to the clinic"),
    ("crushing", "she cant swallow tablets, can i crush her gleevec into yogurt?", "the tiredness is crushing, is that normal on gleevec"),
    ("handling", "should i wear gloves when i give dad his votrient", "i handle all his appointments, how is votrient taken"),
    ("healing", "i have surgery soon, will my wound heal ok on votrient?", "is votrient healthy for my heart"),
    ("food", "is it ok to drink kombucha with entrectinib", "how is entrectinib taken"),
    ("sun", "we have a hot tub at the cottage, is it ok on pazopanib", "i get hot flashes on pazopanib"),
    ("storage", "should i keep my imatinib in the bathroom cabinet", "i keep forgetting my imatinib"),
    ("other_medicines", "can i keep taking my thyroid pills with gleevec", "can pazopanib mess with my thyroid"),
    ("cost", "i cant afford the votrient on my pension", "i cant afford to nod off on the 401, does it make you drowsy"),
    ("driving", "am i ok to keep driving on larotrectinib", "i drive my neighbour to her appointments, she's on votrient"),
    ("sleep", "imatinib keeps me awake at night", "tell me a bedtime story about how pazopanib fights the tumour"),
]


def test_every_gap_has_a_wording_and_a_look_alike_here():
    assert {gap for gap, _, _ in CASES} == {gap.key for gap in not_covered.TOPIC_GAPS}


@pytest.mark.parametrize("gap,asks,look_alike", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_gap_is_found_in_its_wording_and_not_in_its_look_alike(gap, asks, look_alike):
    assert gap in GAPS.keys_in(asks)
    assert gap not in GAPS.keys_in(look_alike)


@pytest.mark.parametrize("text", [
    "how is votrient taken", "what is gleevec used for", "how does it work", "what is votrient prescribed for",
    "how long is imatinib taken", "what are the side effects of pazopanib", "is larotrectinib a pill",
    "can gleevec cause side effects?", "what is an ntrk gene fusion", "which drugs are tkis",
])
def test_questions_the_page_answers_name_no_gap(text):
    assert GAPS.keys_in(text) == ()


def test_a_found_phrase_has_its_span():
    (found,) = GAPS.find("can i drink coffee with it")
    assert (found.value, found.text) == ("food", "coffee")


@pytest.mark.parametrize("text", [
    "should i stop taking votrient if i feel sick", "can i skip a dose of gleevec", "what dose of imatinib should i take",
    "is larotrectinib right for me", "should i double up tomorrow", "is it ok to take ibuprofen alongside my votrient",
    "can i take half a pill", "should i start the votrient or wait",
    "i want to take a week off my votrient for my birthday",
])
def test_personal_decisions_are_found(text):
    assert DECISIONS.keys_in(text), text


@pytest.mark.parametrize("text", [
    "should i tell my boss i'm on imatinib?", "is it fine to go swimming while i'm taking rozlytrek?",
    "what happens if votrient stops working", "how does gleevec stop cancer from growing",
    "how is votrient taken", "can i take it with food", "what are the side effects",
    "can side effects show up after you stop", "do they go away once i stop",
    "i also take two pills for blood pressure, will it mix with those",
])
def test_questions_that_only_look_like_decisions_are_not(text):
    assert DECISIONS.keys_in(text) == (), text


@pytest.mark.parametrize("text,gap", [
    ("the ntrk fusion came from my moms side right? should they get tested", "inheritance"),
    ("is it ok to use a hot tub on votrient", "sun"),
])
def test_more_wordings_of_gaps(text, gap):
    assert gap in GAPS.keys_in(text)


def test_the_pill_is_no_other_medicine():
    assert "other_medicines" not in GAPS.keys_in("is the hair thing from the pill?")
