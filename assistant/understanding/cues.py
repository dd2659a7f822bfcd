"""Words that show what a message asks, beyond its intent.

The intent classifier gives one reading of a message. These cues catch what
it can't: a second question in the same message, a comparison, or feelings
that deserve an acknowledgement before the facts. What the page does not
cover is not here: the NLU tags it from ``vocabulary/gaps.yml``. They are the
guard that keeps the assistant from answering a different question from the
one asked (``assistant.answers`` uses them).

Each pattern is matched case-insensitively against the whole message.
"""

from __future__ import annotations

import re
from typing import Dict, Pattern, Tuple

from assistant.topics import Topic


def _cue(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.I)


# When these topics are asked, a cue for the listed gaps is part of the
# covered question itself: "are side effects milder than with chemo?" is the
# page's comparison with chemotherapy, not a question about chemotherapy.
GAPS_PART_OF_TOPIC: Dict[Topic, Tuple[str, ...]] = {
    Topic.SIDE_EFFECT_COMPARISON: ("other_treatments", "comparing_results"),
    }

# Words that show a covered topic was really asked, so that a message with a
# gap in it ("how long is gleevec taken, and is it covered?") gets both parts.
TOPIC_CUES: Dict[Topic, Pattern[str]] = {
    Topic.DRUG_DURATION: _cue(
        r"how long\b(?![^.?!,]{0,25}\b(work|kick|effect|start|before|until|till|results|live))[^.?!]*\b(take|taken|taking|"
        r"stay|on|last|use|given|continue|need)|for how long|how long\s*(,|\?|$|and\b)|duration|3 years|three years|how many (years?|months?)|"
        r"how much time (\w+ ){0,3}(take|taken|on it)"
    ),
    Topic.DRUG_ADMINISTRATION: _cue(
        # "the pills", "her pills" only point at the drug; "a pill?" asks its form.
        r"(?<!the )(?<!this )(?<!his )(?<!her )(?<!my )(?<!these )(?<!their )(?<!your )(?<!which )(?<!what )"
        r"\b(pills?|tablets?|capsules?)\b|"
        r"how (is|are|do|does|should)\b.*\btake[ns]?\b|how (\w+ )?(must|should|do|does|to) "
        r"(\w+ )?take\b|how often|injection|"
        r"\bivs?\b|by mouth|swallow|once a day|every day|daily|\bdrip\b|how many times?|times (a|per|in a) day|per day|"
        r"a day\b|injected|needle|orally|\bform\b|\b(one|two|1|2|how many) times? (in|a|per|each) (the )?day\b"
    ),
    # The page's named side effects ask about side effects too ("can it
    # change my hair colour?").
    # "is this from the votrient?" asks whether the story's symptom is one.
    Topic.SIDE_EFFECTS: _cue(
        r"side[ -]?effects?|\bsymptoms?\b|\breactions?\b|hair colou?r|blood pressure|hypertension|"
        r"\b(is|could|can|are|would|might) (this|that|it|these|those) (be )?(from|due to|caused by|because of)\b|"
        r"\bcaus(e|ed|ing|es) (this|that|these|those)\b|\bthe (hair|pressure|bp) thing\b|"
        r"\b(watch|watching|look|looking|keep an eye) (out )?for\b|\bcould (it|this|that|they|these) (still )?be from\b|"
        r"\b(is|could|would) (it|this|that|the \w+) (be )?(the reason|why)\b|\bis (that|this) why\b|"
        r"\bhair (is )?(going|turning|gone|turned) (white|grey|gray|lighter)"
        r"|\b(blood )?pressure (is |has )?(go|goes|going|gone|went|gets|getting|got) (up|higher|high)\b"
    ),
    Topic.SIDE_EFFECT_COMPARISON: _cue(
        r"\bas (bad|rough|hard|tough|harsh|awful|strong) as\b|(worse|milder|gentler|easier|harsher) than|"
        r"less severe|fewer side|(compared|compare) (to|with) (the )?(chemo|radiation)|than (the )?(chemo|radiation)|"
        r"same as (the )?chemo|like (with |on )?(the )?(chemo|radiation)|be as (bad|rough|hard|tough)"
    ),
    Topic.DRUG_INDICATION: _cue(r"used (for|to)|what (is|are|'s) (it|they|\w+) for\b|\bwhat for\b|\btreats?\b|\bfor (gist|dfsp)"),
    Topic.DRUG_MECHANISM: _cue(
        r"how (does|do) (it|they|\w+) work|mechanism|\bfights? (the )?(tumou?r|cancer|sarcoma)|\btarget(s|ing)?\b(?! therapy)|what does (it|\w+) do|aimed at|\bvegf\b|\bkit\b|"
        r"\bproteins?\b|connection|does to the"
    ),
    Topic.DRUG_CLASS: _cue(r"\btkis?\b|kinase|ntrk inhibitor|(type|kind|class|group|sort) of|what (type|kind|class|group|sort)"),
    Topic.DRUG_OVERVIEW: _cue(r"what (is|are|'s)\b|what mean|tell me (more )?about|more about|\binfo|\bexplain|overview"),
    Topic.DOSE: _cue(r"\bdoses?\b|dosage|\bmg\b|how (much|many) (should|do|to|pills|tablets)\b"),
    # Topics of targeted therapy as a whole, asked beside a drug's.
    Topic.SIDE_EFFECT_TIMING: _cue(
        r"(side effects?|symptoms?)\b[^.?!]{0,40}\bafter\b[^.?!]{0,20}\b(stop|stopp|stopped|stopping|finish\w*|end\w*)|"
        r"after (\w+ ){0,3}(stopped|stopping|finished|finishing)\b[^.?!]{0,40}(side effects?|symptoms?)|"
        r"\blate (side )?effects?|when (do|will|does) (the )?side[ -]?effects? (\w+ )?(start|begin|show|kick|come|appear)|"
        r"side[ -]?effects? (\w+ )?(when|how soon)|the side effect when"
    ),
    Topic.SIDE_EFFECT_PERSISTENCE: _cue(
        r"(side effects?|\bhair|colou?r|pressure|\bbp\b|symptoms?)\b[^.?!]{0,60}\b(go away|permanent|last forever|"
        r"wear off|clear up|for good|stay (that way|like that|white|grey|gray)|go(es)? back to normal|come back|"
        r"hang around|stick around|linger)"
    ),
    # Other treatments given with targeted therapy: the page says you might have them.
    Topic.TREATMENT_PLANNING: _cue(
        r"\b(chemo\w*|radiation|radiotherapy|surgery|other treatments?)\b[^.?!]{0,40}\b(at the same time|together|"
        r"alongside|along with|on top|combined|as well|both)\b|"
        r"\b(at the same time as|together with|alongside|along with|on top of|combined with|as well as)\b[^.?!]{0,15}"
        r"\b(chemo\w*|radiation|radiotherapy|surgery|other treatments?)\b|\b(get|have|getting|having) both\b"
    ),
    Topic.TREATMENT_GOALS: _cue(r"\bpalliative\b|what (is|are) the (goal|aim|point)s?\b"),
    Topic.NTRK_FUSION: _cue(
        r"what (even )?(is|are|'s|does) (an? |the )?(n?trk )?(gene )?fusions?\b|(fusion|ntrk|trk)\b[^.?!]{0,10}\bmean|"
        r"what (even )?(is|'s) (an? )?n?trk\b(?! inhibitor)|what (is )?(the )?mean(ing)? (of )?(an? |the )?n?trk"
    ),
}

COMPARISON = _cue(
    r"\bvs\.?\b|\bversus\b|differen(ce|t)|\bcompar|\bor\b.*\b(better|which)\b|same (thing|as|drug)|"
    r"\bsimilar\b|\blike\b.*\?|which (is|one is) (better|best)|\bbetter than\b"
)

def asks_topic(topic: Topic, text: str) -> bool:
    cue = TOPIC_CUES.get(topic)
    return cue is not None and cue.search(text) is not None


def asks_any_topic(text: str, but: Tuple[Topic, ...] = ()) -> bool:
    """Whether the text asks any covered topic in its own words."""
    return any(asks_topic(t, text) for t in TOPIC_CUES if t not in but)


def asks_to_compare(text: str) -> bool:
    return COMPARISON.search(text) is not None


_SYMPTOM_FILLER = frozenset(
    "a an and any are about can could does do for from get gets getting give gives have has how i is it its me my "
    "of on or please side the this to what whats when while with you your effects effect efects affects tell "
    "more info information explain know need want learn anything something thanks thank hi hello hey ok okay "
    "then also just again now so cause causes causing caused make makes bring brings there normal common usual "
    "that these those fine safe alright".split()
)


def symptom_after_drug(text: str, named: "tuple", gap_words: Tuple[str, ...] = ()) -> "str | None":
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
    if len(rest) != 1 or len(rest[0]) < 4 or asks_any_topic(rest[0]) or rest[0] in gap_words:
        return None
    return rest[0]
