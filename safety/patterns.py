"""Precise safety patterns: wordings we know, caught every time.

The first layer of the safety gate. Patterns never decide alone that a
message is safe: what they miss goes on to the classifier (``classifier.py``).
Red-flag symptoms named here are for routing only; they are not drug facts
and never appear in answers as side effects.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, Optional, Pattern, Tuple

from assistant.intents import CRISIS, EMERGENCY

_I = re.IGNORECASE

# A question about an amount that could kill: always the crisis reply, never
# a dose answer (safe-messaging practice: no amounts, offer 988 and 911).
_AMOUNT = (
    r"(how (much|many)|max(imum)?|amount|dose|dosage|quantity|overdos\w*|\bod\b|\bmg\b|pills|tablets|bottle"
    r"|handful|too (much|many)|whole (box|pack|prescription|month|supply)|(week|month)'?s'? worth|all at once)"
)
# "kill" about the cancer ("how much does it kill the tumour") is not about a person.
_DEATH = (
    r"(kill(s|ed|ing)?\b(?!\s+(the\s+|off\s+)?(cancer|tumou?rs?|cells?|sarcoma|gist))"
    r"|(?<!cancer )(?<!tumour )(?<!tumor )(?<!cells )\b(die|dies|dying|death|dead)\b|(won'?t|don'?t|never|not) wake up (from|again)|never wake|peaceful(ly)?( way)?|way to go)"
)
LETHAL_AMOUNT: Pattern[str] = re.compile(
    rf"\b(lethal|fatal|deadly|deadliest)\b.{{0,40}}{_AMOUNT}|{_AMOUNT}.{{0,40}}\b(lethal|fatal|deadly)\b"
    rf"|{_AMOUNT}.{{0,60}}{_DEATH}|{_DEATH}.{{0,30}}\b(too (much|many)|(whole|entire) (bottle|box|pack)|all (of )?(my|the|them|your) (pills|tablets|meds))|\b(overdos\w*|od)\b.{{0,60}}{_DEATH}|{_DEATH}.{{0,40}}\b(overdos\w*|od)\b"
    # "if u take like 30 do u die": a number of pills and dying
    rf"|\b(take|took|swallow\w*|eat|ate) (like |about |around )?\d{{2,}}\b.{{0,40}}{_DEATH}"
    # "what happens if you take 10 at once": asking what an overdose would do
    r"|what (happens|would happen|will happen|happen) if (i|you|u|someone|somebody|a person|he|she|they)"
    r" (\w+ )?(took|take|takes|swallow\w*|ate|eat) (\d+|ten|twenty|thirty|fifty|a lot|loads|lots|all|every|a whole|the whole|a handful|a bunch)"
    r"|\bld ?50\b|(toxic|dangerous|harmful|poisonous) (amount|dose|dosage|quantity|level)|(most|more|very) dangerous\b.{0,30}\b(amount|dose|quantity)"
    r"|(enough|amount) (pills?|tablets?|of \w+ )?to (die|kill|end it|not wake)"
    r"|\b(mortelle?s?|l[ée]tales?|letal|mortal)\b|mourir d'une? (surdose|overdose)"
    r"|combien de \w+.{0,40}(mourir|tuer|ne (plus )?(jamais )?me r[ée]veiller)",
    _I,
)

_CRISIS_EN = (
    r"suicid|kill(ing)? my ?self|kms\b|unalive|end(ing)? (my|it) (own )?(life|all)|end it all"
    r"|take my (own )?life|(wants?|wanting|wanna|going) to die|(might|going to|gonna|want to|wanna|will|thinking of|planning to) (just )?(take|swallow) all (of )?my \w+( \w+)? (at once|and be done)"
    r"|don'?t want to (live|be alive|be here|wake up)|self[- ]?harm|(hurt|hurting|harm|harming|cut|cutting) my ?self"
    r"|no reason to (live|go on)|better off (dead|without me)|can'?t go on( living)?\b|(nobody|no one|no-one) would (miss|care)"
    r"|if i (was|were) gone|(all|everything|it) (to )?(stop|end) for good|(stop|end) (it all|everything) for good|(think|thought|dream|wish|want|hope)\w* (about |of )?not waking up|thoughts? of ending (things|it)"
    r"|ending things|wish i (was|were) dead|rather be dead"
    # Harm done to oneself, an ending of one's own making, a death disguised.
    r"|\b(hitting|hit|biting|bit|hurting|cutting|burning|burnt|burned|punching|scratching|starving) my ?self\b"
    r"|\bcut (my|her|his) (arms?|wrists?|legs?|thighs?|skin)\b"
    r"|\bend (this|it|things|everything) (myself|my ?self|on my own|my own way)"
    r"|\b(going|gonna|about) to (finish|end) it\b|make (my|his|her) death look like"
    r"|\bwants? ?to ?live ?= ?(false|0|no)\b"
    # An overdose taken on purpose is a crisis, not only an emergency.
    r"|\b(took|taken|swallowed|ate) (a lot|loads|lots|all|a handful|a bunch|too many|too much|extra|\d+|the whole|every|more)\b"
    r".{0,60}\b(on purpose|deliberately|intentionally)\b"
    r"|\b(on purpose|deliberately|intentionally) (took|taken|swallowed|overdosed|od'?d)\b"
    # A wish not to exist is passive suicidal ideation, however mildly put.
    r"|(wish|want|wanting|wanna|dream|daydream|fantasi[sz]e|think|thinking|long)\w* (about |of |to )?(not|stop|stopping) exist"
    r"|cease to exist|stop existing|(switch|turn) (myself|me) off (for good|forever|permanently)"
    # Having a plan is the strongest warning sign there is.
    r"|(i'?ve|i have|i'?ve got) (made|got|worked out|a) (a |my )?plan( (to|for) (end|kill|die|do it|go))?\s*[.!]*\s*$"
    r"|(have|got|made) a plan to (end|kill|die)"
)
_CRISIS_FR = (
    r"me (tuer|suicider)|mettre fin (à|a) (ma vie|mes jours)|en finir\b|(veux|veut|voudrais|envie de) mourir"
    r"|(ne )?(veux|veut) plus vivre|plus envie de vivre|me faire du mal|ne plus (jamais )?me r[ée]veiller"
)
_CRISIS_ES = r"quiero morir|matarme|quitarme la vida|no quiero vivir|suicidarme"

_EMERGENCY_EN = (
    r"chest pains?|pain in (my|his|her|their) chest|chest (is )?(tight|hurts|hurting)|chest.{0,20}(pressure|crushing|squeez)"
    r"|can'?t breathe?|cannot breathe|can'?t get (enough )?air|"
    r"(stomach|belly|abdomen|tummy) (is |feels |went )?(hard|rigid) (as a board|like a board)"
    r"|sudden(ly)? (severe|terrible|excruciating|really bad|awful|horrible) (\w+ )?pain|can not breathe|(trouble|difficulty|struggling) (to )?breath|can'?t (catch|get) (my|his|her|their) breath"
    r"|short(ness)? of breath|not breathing|stopped breathing|gasping for (air|breath)|lips (are |is |turning |going )?blue"
    r"|overdos|(took|taken|swallowed|ate) (way )?(too many|too much|a double|double|the whole|all (of )?(my|the|his|her))"
    r"|swallowed (a (bunch|handful)|some of (my|the|his|her)|\d+)"
    # too much by mistake; not the right dose at the wrong time ("took it with breakfast by mistake")
    r"|(took|taken|swallowed) (two|both|double|extra|another|a second|three|\d+|his|her|their|someone|the wrong)\b.{0,40}"
    r"\b(by (mistake|accident))|accidentally (took|taken|swallowed) (two|both|double|extra|another|a second|three|\d+|his|her"
    r"|their|someone|the wrong|too|all)\b"
    r"|(took|taken|swallowed)\b.{0,40}\binstead of (his|her|their|my) own\b"
    r"|(took|taken|swallowed) (\d+|ten|several|a lot|loads|lots) (of )?(my |his |her |their )?(\w+ )?(pills|tablets|capsules"
    r"|gleevec|glivec|imatinib|votrient|pazopanib|vitrakvi|larotrectinib|rozlytrek|entrectinib)"
    # a child given too much medicine
    r"|\b(gave|given|give)\b.{0,40}\b(child|kid|son|daughter|baby|toddler|\d+ ?(yr|year)s?[- ]?old)\b.{0,40}"
    r"\b(wrong (amount|dose)|too much|double|ten times|\d+ ?ml instead)"
    # a child who swallowed medicine
    r"|\b(toddler|baby|infant|child|kid|little one|granddaughter|grandson|grandkid|grandchild"
    r"|\d+ ?(yr|yrs|year|years|month|months)[- ]?old)\b.{0,60}"
    r"\b(ate|eaten|swallowed|chewed|got into|drank|grabbed)\b.{0,50}"
    r"\b(pills?|tablets?|capsules?|bottle|medicine|meds|solution|votrient|pazopanib|gleevec|imatinib|vitrakvi"
    r"|larotrectinib|rozlytrek|entrectinib)\b"
    r"|\bhad an? (fit|seizure|convulsion)|unconscious|unresponsive|passed out|fainted|fainting|blacked out|collaps|(woke|come|came) (up )?(to )?on the floor|(don'?t|do not) know how long i was out|won'?t wake up|seizure|convuls|having a fit"
    r"|(vomit\w*|cough\w*|throw\w* up|threw up|puk\w*|spit\w*) (up )?blood|blood in (my |his |her )?(vomit|stool|poo|poop|sick)"
    r"|(black|tarry) (stool|poo|poop)|coffee.?grounds?|(throw\w* up|threw up|vomit\w*|puk\w*)\b.{0,25}\b(dark|brown|black)\b|bleeding (heavily|a lot|won'?t stop|that won'?t stop)"
    r"|heavy bleeding|(having|think (i'?m|he'?s|she'?s) having|feels? like) a heart attack|\bstroke\b|throat (is )?(closing|swelling)|swollen (throat|tongue|lips|face)"
    r"|(face|lips?|tongue|throat|mouth)( \w+)? (is |are )?(swelling|swelled|swollen|puffing)"
    r"|(face|mouth|smile)( \w+)? (is )?(drooping|droops|lopsided|sagging)|slurr(ed|ing)|can'?t (lift|move) (my|his|her|one) (arm|leg)"
    r"|headache\b.{0,60}\b(vision|see|sight|blind|blurr\w*)|(vision|sight|blurr\w*|double)\b.{0,60}\bheadache"
    r"|(i|i'?ve|he|she|he'?s|she'?s|they|mum|mom|dad) (have|has|got|am running|is running|running)( got)?( a)? (high |bad )?(fever|temperature|temp\b)"
    r"|(fever|temp|temperature) (of|is|at|reads?|was) ?(3[89]|4[01]|10[0-5])|burning (up|hot)|teeth (are )?chattering|shaking chills|\brigou?rs\b"
)
_EMERGENCY_FR = (
    r"(mal|douleurs?) (à|a|dans) la poitrine|douleur thoracique|(n'arrive|arrive) pas (à|a) respirer|ne peu[xt] (plus )?respirer"
    r"|du mal (à|a) respirer|(é|e)touff|crise d'(é|e)pilepsie|convulsions?|(perdu|perd) connaissance|(é|e)vanoui|inconscient"
    r"|(crach|vomi)\w* du sang|selles noires|surdose|a aval(é|e)|avc\b|(l[èe]vres|gorge|visage|langue) (qui )?(enfl|gonfl)"
)
_EMERGENCY_ES = r"no puedo respirar|dolor (en el|de) pecho|convulsi|desmay|inconsciente|sobredosis|vomit\w* sangre"

PATTERNS: Dict[str, Pattern[str]] = {
    # Checked in this order: a message about both self-harm and an overdose
    # gets the crisis reply, which also starts with emergency services.
    CRISIS: re.compile("|".join((_CRISIS_EN, _CRISIS_FR, _CRISIS_ES)), _I),
    EMERGENCY: re.compile("|".join((_EMERGENCY_EN, _EMERGENCY_FR, _EMERGENCY_ES)), _I),
}


# Giving one's possessions away is a warning sign, unless the message says
# why (a move, a clear-out).
GIVING_AWAY: Pattern[str] = re.compile(
    r"(giv(e|es|ing|en)|gave) (away )?(all )?(of )?(my|his|her|their) (things|stuff|possessions|belongings|games"
    r"|jewel\w*|clothes|books|savings)", _I
)
_BENIGN_REASON = re.compile(
    r"\b(mov(e|ing)|downsiz\w*|declutter\w*|clear(ing)? out|donat\w*|sell\w*|garage sale|charity)\b", _I
)

# Putting one's affairs in order together with a time or an intention
# ("... after i'm gone. i'm going to do it this weekend") is a warning sign;
# either alone is common in a cancer service and is not.
FINAL_ARRANGEMENTS: Pattern[str] = re.compile(
    r"said my goodbyes|saying my goodbyes|(sorted|sorting|put|putting) (out )?my (affairs|will) in order"
    r"|where (the|my) (insurance|will|papers|passwords|bank)|what to do after i'?m gone",
    _I,
)
_TIME_OR_INTENT = re.compile(
    r"\b(do it|doing it|this (weekend|week)|tonight|tomorrow|won'?t be (here|around)|not be around)\b", _I
)


LETHAL = "lethal_amount"
PATTERN = "pattern"


def message_match(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """(tier, reason) of the warning signs that take two parts of a message
    ("giving my things away" without a move or a clear-out; affairs put in
    order together with a time), else None."""
    if not text:
        return None
    if GIVING_AWAY.search(text) and not _BENIGN_REASON.search(text):
        return CRISIS, PATTERN
    if FINAL_ARRANGEMENTS.search(text) and _TIME_OR_INTENT.search(text):
        return CRISIS, PATTERN
    return None


def crisis_match(sentence: str) -> Optional[str]:
    """The reason (``lethal_amount`` or ``pattern``) a sentence is a crisis, or None."""
    if LETHAL_AMOUNT.search(sentence):
        return LETHAL
    if PATTERNS[CRISIS].search(sentence):
        return PATTERN
    return None


def emergency_matches(sentence: str) -> Iterator[int]:
    """Where in a sentence each precise emergency wording starts."""
    return (m.start() for m in PATTERNS[EMERGENCY].finditer(sentence))


def match(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """(tier, reason) of the first precise pattern that matches a text, as
    one sentence: the tier is `crisis` or `emergency`, the reason
    `lethal_amount` or `pattern`. The gate uses the parts above sentence by
    sentence; this is for checks and reports."""
    if not text:
        return None
    found = message_match(text)
    if found:
        return found
    reason = crisis_match(text)
    if reason:
        return CRISIS, reason
    if next(emergency_matches(text), None) is not None:
        return EMERGENCY, PATTERN
    return None


def matched_tier(text: Optional[str]) -> Optional[str]:
    """`crisis`, `emergency`, or None when no precise pattern matches."""
    found = match(text)
    return found[0] if found else None


# --- referral nets: personal decisions go to the healthcare team -------------

# Always, whatever the classifier read: a missed or forgotten dose is a
# decision for the person's own treatment team (the source page says nothing
# about it), even when the words look like a general dose question.
MISSED_DOSE: Pattern[str] = re.compile(
    r"\b(miss|missed|missing|forgot|forget|forgotten|skip|skipped|skipping)\b.{0,40}"
    r"\b(dose|doses|pill|pills|tablet|tablets|capsule|capsules)\b",
    _I,
)

# Always: a dose brought back up. Whether to take another is a question for
# the pharmacist or the healthcare team, not an emergency; red flags with it
# (vomiting blood, can't keep fluids down) are caught before this.
VOMITED_DOSE: Pattern[str] = re.compile(
    # (not a question about vomiting as a side effect)
    r"^(?!.*\bside[- ]?effects?\b).*?(?:"
    # "brought up gleevec" is a drug mentioned; "brought the pill up" is one vomited.
    r"\b(vomited|vomiting|puked|puking|(threw|throwing|thrown)( \w+){0,2} up|(brought|bringing)( \w+){1,2} up"
    r"|(was|been|got) sick)\b.{0,60}"
    r"\b(dose|doses|pill|pills|tablet|tablets|capsule|capsules|votrient|pazopanib|gleevec|glivec|imatinib"
    r"|vitrakvi|larotrectinib|rozlytrek|entrectinib|medicine|meds?)\b"
    r"|\b(dose|doses|pill|pills|tablet|tablets|capsule|capsules|votrient|pazopanib|gleevec|glivec|imatinib"
    r"|vitrakvi|larotrectinib|rozlytrek|entrectinib|medicine|meds?)\b.{0,60}"
    r"\b(threw (it )?up|throwing up|thrown up|puked|puking|vomited|vomiting|came back up|brought it up|(was|been|got) sick)\b)",
    _I | re.DOTALL,
)

# Always: an amount of medicine ("400mg", "1.5 g", "600 milligrams") asks
# about a dose, which the page never gives, whatever else the message reads as.
DOSE_AMOUNT: Pattern[str] = re.compile(
    r"\d+(?:[.,]\d+)?\s*(mg|g|mcg|µg|ug|milligrams?|grams?|micrograms?)\b", _I
)

# Only when the classifier gave up (nlu_fallback): a message that plainly asks
# for a decision about one's own treatment gets the referral, not "sorry, I
# didn't understand".
PERSONAL_DECISION: Pattern[str] = re.compile(
    r"\bdoses?\b|dosage|\bmg\b|how (much|many)\b.*\b(take|have|get|be on|need)\b|double up"
    r"|\b(missed|forgot|skipped)\b|\blate\b|\b(stop|stopping|quit|quitting|come off|coming off)\b|\bcut\b.*\b(half|dose)\b"
    r"|\bswitch\b|break from|right for me|(good|better|best) (for|option for|choice for) me"
    r"|should i (take|have|stop|start|keep|go)|my (chances|odds)|pregnan|breast ?feed",
    _I,
)
