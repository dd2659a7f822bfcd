"""Words that show what a message asks, beyond its intent.

The intent classifier gives one reading of a message. These cues catch what
it can't: a question about something the page does not cover ("grapefruit
juice and pazopanib?"), a second question in the same message, a comparison,
or feelings that deserve an acknowledgement before the facts. They are the
guard that keeps the assistant from answering a different question from the
one asked (``assistant.answers`` uses them).

Each pattern is matched case-insensitively against the whole message.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Pattern, Tuple

from assistant.topics import Topic


def _cue(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.I)


# One pattern per entry of assistant.not_covered.TOPIC_GAPS.
GAP_CUES: Dict[str, Pattern[str]] = {
    "cost": _cue(
        r"\bcosts?\b|costing|\bprice|pricey|expensive|afford|\bpay(s|ing)?\b|insurance|insurer|drug plan|"
        r"\bcovered\b|coverage|ohip|pharmacare|trillium|reimburs|how much (is|does|are|do|would)\b(?!.*\b(dose|mg|take)\b)|"
        r"\bcheap|out of pocket|\bfunding\b|\bfunded\b"
    ),
    "food": _cue(
        r"\bfoods?\b|\beat(ing)?\b|grapefruit|\bjuice|\bdiet\b|\bmeals?\b|empty stomach|full stomach|"
        r"breakfast|dinner|lunch|\bsnack|dairy|\bmilk\b"
    ),
    "alcohol": _cue(r"alcohol|\bbeers?\b|\bwine\b|booze|\bdrinking\b|\bdrinks?\b|liquor|vodka|whisk|\bpints?\b|\bbooz"),
    "other_medicines": _cue(
        r"interact|interfer|supplement|vitamin|herbal|\bherbs?\b|turmeric|\bcbd\b|cannabis|marijuana|"
        r"pain ?killers?|ibuprofen|advil|tylenol|aspirin|acetaminophen|paracetamol|antibiotic|antacid|"
        r"blood thinner|warfarin|st\.? john|\bother (meds|medications?|medicines?|drugs|pills|tablets)\b|"
        r"\bmy (other|usual|regular|daily|heart|thyroid|diabetes) (meds|medications?|pills|tablets)\b|together with|"
        r"at the same time as|"
        r"\bmix(ed|ing)?\b|\bcombin(e|ed|ing)\b|\bomega|\bfish oil|probiotic|\bremed(y|ies)\b|metformin|statin|"
        r"blood pressure (pills|meds|medication)"
    ),
    "onset": _cue(
        r"how (fast|quickly|soon)|\bstarts? (to )?work|start(ed|ing)? working|kicks? in|take effect|"
        r"takes? to work|before (it|they|\w+) (works?|helps?|does anything)|when will (it|they|i) "
        r"(work|notice|see|feel|know)|how long (until|till|before)|see (any )?(results|a difference)|"
        r"straight away|right away|immediately|take (weeks|months)|how long does it take"
    ),
    "success": _cue(
        r"success|chances?\b|how (well|effective)|effective(ness)?\b|\bpercent|%|prognosis|outlook|"
        r"life expectancy|surviv|\bodds\b|likely to work|response rate|(?<!how )does (it|this|\w+) (really |actually )?work\b|"
        r"will (it|this|they) (really |actually )?work\b|works? for (most|everyone|everybody)|how many people|"
        r"how long (do|will|would|can|does) (people|patients|you|i|he|she|they|someone|one)? ?(usually |normally )?live|"
        r"live longer|years (to|left to) live|extend (his|her|my|their) life"
    ),
    "cure": _cue(r"\bcur(e|ed|es|able|ing)\b|get rid of|gone for good|\bremission|cancer[- ]free"),
    "children": _cue(
        r"(?<!have )(?<!having )(?<!more )\b(child|children|kids?)\b|teen|paediatric|pediatric|toddler|infant|(?<!a )(?<!having )\bbab(y|ies)\b|\b\d{1,2}[- ]?(year|yr)s?[- ]old\b(?<!\b[4-9]\d year old)"
    ),
    "older_people": _cue(
        r"older (people|adults|patients|person|folks)|elderly|seniors?\b|too old|old age|"
        r"\bin (his|her|their|my) (70|80|90)s|\b(is|am|he'?s|she'?s|turned|turning|aged?) [6-9]\d\b|"
        r"\b[6-9]\d ?(yo|y/o)\b|\bage\b|\bmy age\b|\b[7-9]\d[- ]?(years?|yrs?)[- ]old|grandm|grandp|grandad|granny|grandfather"
    ),
    "fertility": _cue(
        r"fertil|pregnan|conceiv|(have|having|want|wanting) (a baby|babies|kids|children)|(trying|try|want|wanting|plan\w*|hoping) (for|to have) a baby|"
        r"start a family|father a child|\bsperm|\bivf\b|contracept|birth control"
    ),
    "breastfeeding": _cue(r"breast ?-?feed|nursing (my|a|the) baby|breast ?milk|\bnursing\b"),
    "vaccines": _cue(r"vaccin|flu shot|covid shot|booster|\bjabs?\b|immuni[sz]ation|\bshots?\b"),
    "driving": _cue(r"\bdriv(e|es|ing)\b|behind the wheel|driving licen[cs]e"),
    "travel": _cue(r"travel|\bfly(ing)?\b|flights?\b|\bplane\b|airport|abroad|vacation|holiday|\btrips?\b|cross the border"),
    "storage": _cue(r"\bstor(e|ed|ing|age)\b|where (do|should|can) (i|we|you) keep|go(es)? bad|get hot|in the car|\bheat\b|expir|fridge|refrigerat|room temperature|keep (it|them|the (pills|tablets|bottle))|\bhumid"),
    "generics": _cue(r"generic|non[- ]?brand|no[- ]name|cheaper version|biosimilar|copy version|\bsandoz\b|\bapotex\b"),
    "clinical_trials": _cue(r"\btrials?\b|\bstudy\b|\bstudies\b|experimental"),
    "prescription": _cue(
        r"prescri(be|bes|ption)\b|prescribed\b(?! for)|write (a|the) (script|prescription)|\bscript\b|where (can|do) (i|we|you) (get|buy)|\bbuy\b|\border (it|them) online|"
        r"how (do|can) (i|we) get (it|them|on|access|hold)|get access to|who (can )?(gives|hands out)"
    ),
    "stops_working": _cue(
        r"stops? working|stopped working|no longer work|(doesn'?t|does not|don'?t|isn'?t|is not) work(ing)? anymore|"
        r"stops? helping|resistan|\bfails?\b|if (it|this|they) (doesn'?t|does not|don'?t) work|plan b|"
        r"isn'?t working|not working any ?more"
    ),
    "long_term_effects": _cue(r"long[- ]?term|years down the (road|line)|permanent damage|down the line|lasting effects|decades|years later"),
    "hair_loss": _cue(
        r"hair ?loss|los(e|ing) (my |his |her |their |all )?hair|\bbald|hair (fall(ing)?|thinn|coming out)|thinning hair"
    ),
    "other_treatments": _cue(
        r"chemo|radiation|radiotherapy|\bsurgery|operation|immunotherapy|instead of|alternatives?\b|natural (remed|treatment|cure)|"
        r"other treatments?|natural treatment|\bproton"
    ),
    "comparing_results": _cue(
        r"\b(better|stronger|more effective|best|worse|safer|gentler|milder) (than|drug|one|option|choice)|"
        r"which (one )?(is|works) (better|best|stronger|safer)|which (is|one is) (the )?(best|strongest)|"
        r"what'?s (better|best)|(is|are) (it|they|\w+) better\b"
    ),
}

# When these topics are asked, a cue for the listed gaps is part of the
# covered question itself: "are side effects milder than with chemo?" is the
# page's comparison with chemotherapy, not a question about chemotherapy.
GAPS_PART_OF_TOPIC: Dict[Topic, Tuple[str, ...]] = {
    Topic.SIDE_EFFECT_COMPARISON: ("other_treatments", "comparing_results"),
    Topic.TREATMENT_PLANNING: ("other_treatments",),
    }

# Words that show a covered topic was really asked, so that a message with a
# gap in it ("how long is gleevec taken, and is it covered?") gets both parts.
TOPIC_CUES: Dict[Topic, Pattern[str]] = {
    Topic.DRUG_DURATION: _cue(
        r"how long\b(?![^.?!,]{0,25}\b(work|kick|effect|start|before|until|till|results|live))[^.?!]*\b(take|taken|taking|"
        r"stay|on|last|use|given|continue|need)|for how long|duration|3 years|three years|how many (years|months)"
    ),
    Topic.DRUG_ADMINISTRATION: _cue(
        r"\bpills?\b|tablets?|capsules?|how (is|are|do|does|should)\b.*\btake[ns]?\b|how (\w+ )?(must|should|do|does|to) "
        r"(\w+ )?take\b|how often|injection|"
        r"\bivs?\b|by mouth|swallow|once a day|every day|daily|\bdrip\b|how many times?|times (a|per|in a) day|per day|"
        r"a day\b|injected|needle|orally|\bform\b"
    ),
    Topic.SIDE_EFFECTS: _cue(r"side[ -]?effects?|\bsymptoms?\b|\breactions?\b"),
    Topic.DRUG_INDICATION: _cue(r"used (for|to)|what (is|are|'s) (it|they|\w+) for\b|\btreats?\b|\bfor (gist|dfsp)"),
    Topic.DRUG_MECHANISM: _cue(
        r"how (does|do) (it|they|\w+) work|mechanism|\btarget(s|ing)?\b(?! therapy)|what does (it|\w+) do|aimed at|\bvegf\b|\bkit\b|"
        r"\bproteins?\b|connection|does to the"
    ),
    Topic.DRUG_CLASS: _cue(r"\btkis?\b|kinase|ntrk inhibitor|(type|kind|class|group|sort) of|what (type|kind|class|group|sort)"),
    Topic.DRUG_OVERVIEW: _cue(r"what (is|are|'s)\b|tell me (more )?about|more about|\binfo|\bexplain|overview"),
    Topic.DOSE: _cue(r"\bdoses?\b|dosage|\bmg\b|how (much|many) (should|do|to|pills|tablets)\b"),
}

COMPARISON = _cue(
    r"\bvs\.?\b|\bversus\b|differen(ce|t)|\bcompar|\bor\b.*\b(better|which)\b|same (thing|as|drug)|"
    r"\bsimilar\b|\blike\b.*\?|which (is|one is) (better|best)|\bbetter than\b"
)

FEELINGS = _cue(
    r"\b(scared|scary|terrified|terrifying|frightened|frightening|afraid|fear(ful)?|overwhelm\w*|"
    r"shock(ed)?|devastat\w*|alone|lonely|panic\w*|anxious|anxiety|worried|worrying|nervous|"
    r"freak\w* out|crying|in tears|heartbroken|upset|numb|a mess|falling apart|too much to take|"
    r"(so|really|very) hard|can'?t cope|struggling|helpless|cried|cry|froze|no one understands|"
    r"nobody understands|heavy heart|gutted|distraught|beside myself)\b"
)


@lru_cache(maxsize=1024)
def gaps_in(text: str, topic: "Topic | None" = None) -> Tuple[str, ...]:
    """Keys of the uncovered topics a message asks about, in list order."""
    part_of_topic = GAPS_PART_OF_TOPIC.get(topic, ()) if topic else ()
    return tuple(key for key, cue in GAP_CUES.items() if key not in part_of_topic and cue.search(text))


def asks_topic(topic: Topic, text: str) -> bool:
    cue = TOPIC_CUES.get(topic)
    return cue is not None and cue.search(text) is not None


def expresses_feelings(text: str) -> bool:
    return FEELINGS.search(text) is not None


def asks_to_compare(text: str) -> bool:
    return COMPARISON.search(text) is not None


_SYMPTOM_FILLER = frozenset(
    "a an and any are about can could does do for from get gets getting give gives have has how i is it its me my "
    "of on or please side the this to what whats when while with you your effects effect efects affects tell "
    "more info information explain know need want learn anything something thanks thank hi hello hey ok okay "
    "then also just again now so".split()
)


def symptom_after_drug(text: str, named: "tuple") -> "str | None":
    """The symptom in a short message that is only a drug and a symptom word.

    >>> from assistant.facts import IMATINIB
    >>> symptom_after_drug("gleevec itchy??", (IMATINIB,))
    'itchy'
    >>> symptom_after_drug("what about gleevec", (IMATINIB,)) is None
    True
    """
    words = re.findall(r"[a-z]+", text.lower())
    if not named or len(words) > 5:
        return None
    drug_words = {name.lower() for drug in named for name in (drug.generic, *drug.brands, *drug.misspellings)}
    rest = [w for w in words if w not in drug_words and w not in _SYMPTOM_FILLER]
    if len(rest) != 1 or len(rest[0]) < 4 or any(asks_topic(t, rest[0]) for t in TOPIC_CUES) or gaps_in(rest[0]):
        return None
    return rest[0]
