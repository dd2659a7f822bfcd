"""Exact lookup of the page's names on the action side; typos and dictated
names are the NLU's (tests/unit/test_name_finder.py)."""

import pytest

from assistant.drug_names import matching_side_effect, resolve_drug, resolve_drug_class
from assistant.facts import PAZOPANIB

KNOWN = {
    "pazopanib": ["pazopanib", "Votrient", "VOTRIENT", "votreint", "pazopanb", "votrient pills", "Votrient®"],
    "imatinib": ["imatinib", "Gleevec", "glivec", "gleevac", "imatinb", "imatinib mesylate", "imitinib"],
    "larotrectinib": ["larotrectinib", "Vitrakvi", "vitrakvy", "larotrectanib"],
    "entrectinib": ["entrectinib", "Rozlytrek", "rozlytreck", "entrectinb", "rozlitrek"],
}

# Real drugs that are not on the page, several of them one or two letters
# away from the page's drugs. None may be taken for one of the four.
OTHER_DRUGS = [
    "sunitinib", "sorafenib", "regorafenib", "nilotinib", "dasatinib", "erlotinib", "gefitinib",
    "lapatinib", "ponatinib", "axitinib", "bosutinib", "cabozantinib", "lenvatinib", "crizotinib",
    "repotrectinib", "ripretinib", "avapritinib", "selpercatinib", "pembrolizumab", "keytruda",
    "ibuprofen", "tylenol", "doxorubicin", "tamoxifen", "trabectedin", "eribulin", "sutent",
    "nexavar", "tasigna", "sprycel", "glucophage", "", "   ", "it",
]


@pytest.mark.parametrize("key,names", KNOWN.items())
def test_generic_brand_and_listed_misspellings_resolve_to_one_drug(key, names):
    for name in names:
        drug = resolve_drug(name)
        assert drug is not None and drug.key == key, name


@pytest.mark.parametrize("name", OTHER_DRUGS)
def test_other_drugs_are_never_mistaken_for_a_source_drug(name):
    assert resolve_drug(name) is None


@pytest.mark.parametrize("text,key", [("TKI", "tki"), ("tkis", "tki"), ("tyrosine kinase inhibitors", "tki"), ("NTRK inhibitors", "ntrk"), ("trk inhibitor", "ntrk")])
def test_drug_classes_resolve(text, key):
    assert resolve_drug_class(text).key == key


@pytest.mark.parametrize(
    "text,key",
    [("high blood pressure", "hypertension"), ("Hypertension", "hypertension"), ("my hair going grey", "hair_colour_changes"), ("hair color change", "hair_colour_changes"), ("hair change colour", "hair_colour_changes"), ("hair turned white", "hair_colour_changes")],
)
def test_listed_side_effects_are_recognised(text, key):
    assert matching_side_effect(text, PAZOPANIB.side_effects).key == key


@pytest.mark.parametrize("text", ["hair loss", "low blood pressure", "nausea", "hypotension", "hair falling out"])
def test_unlisted_side_effects_are_not_matched(text):
    assert matching_side_effect(text, PAZOPANIB.side_effects) is None
