"""The facts module: complete for the page, silent where the page is silent."""

import dataclasses
import re
from pathlib import Path

import pytest

from assistant import facts, facts_query
from assistant.facts import DRUGS, ENTRECTINIB, IMATINIB, LAROTRECTINIB, PAZOPANIB, SIDE_EFFECTS

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PAGE = ROOT.parent / "shared" / "source" / "targeted-therapy-soft-tissue-sarcoma.txt"


def test_the_four_drugs_of_the_page_and_no_other():
    assert [d.generic for d in DRUGS] == ["pazopanib", "imatinib", "larotrectinib", "entrectinib"]
    assert [d.brands for d in DRUGS] == [("Votrient",), ("Gleevec",), ("Vitrakvi",), ("Rozlytrek",)]


def test_drug_classes_match_the_page():
    assert PAZOPANIB.drug_class is IMATINIB.drug_class is facts.TKI
    assert LAROTRECTINIB.drug_class is ENTRECTINIB.drug_class is facts.NTRK_INHIBITOR


def test_facts_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PAZOPANIB.how_taken = "twice a day"  # type: ignore[misc]


def test_only_pazopanib_has_side_effects_listed_and_no_common_ones_are_invented():
    assert [e.key for e in PAZOPANIB.side_effects] == ["hypertension", "hair_colour_changes"]
    assert IMATINIB.side_effects == LAROTRECTINIB.side_effects == ENTRECTINIB.side_effects == ()
    assert SIDE_EFFECTS.common_side_effects == ()


def test_gaps_of_the_page_stay_gaps():
    assert PAZOPANIB.how_long is None and LAROTRECTINIB.how_long is None and ENTRECTINIB.how_long is None
    assert "3 years" in IMATINIB.how_long
    assert LAROTRECTINIB.targets is None and ENTRECTINIB.how_it_works is None
    assert LAROTRECTINIB.how_often is None and ENTRECTINIB.how_often is None
    assert (PAZOPANIB.how_often, IMATINIB.how_often) == ("once a day", "every day")


def test_indications_as_the_page_gives_them():
    assert any("chemotherapy" in i.text for i in PAZOPANIB.indications)
    assert any("within 1 year" in i.text for i in PAZOPANIB.indications)
    gist, dfsp = IMATINIB.indications
    assert "GIST" in gist.text and "unresectable or metastatic" in gist.text
    assert "DFSP" in dfsp.text and "unresectable, recurrent or metastatic" in dfsp.text
    for drug in (LAROTRECTINIB, ENTRECTINIB):
        assert [i.text for i in drug.indications] == ["soft tissue sarcoma that has an NTRK gene fusion"]


def test_indications_are_typed_conditions_for_reverse_lookups():
    assert facts_query.drugs_for(facts.GIST) == (IMATINIB,) == facts_query.drugs_for(facts.DFSP)
    assert facts_query.drugs_for(facts.ADVANCED_STS) == (PAZOPANIB,)
    assert facts_query.drugs_for(facts.NTRK_FUSION_STS) == (LAROTRECTINIB, ENTRECTINIB)
    assert {use.condition for drug in facts.DRUGS for use in drug.indications} == set(facts.CONDITIONS)


def test_source_and_helpline():
    assert facts.SOURCE.publisher == "Canadian Cancer Society"
    assert facts.SOURCE.website == "cancer.ca"
    assert facts.SOURCE.helpline == "1-888-939-3333"


def _words(text: str) -> list:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not SOURCE_PAGE.exists(), reason="source page not beside the project")
def test_no_sentence_of_the_page_is_copied_into_the_code():
    """Facts carry over, the page's sentences do not (9 words in a row)."""
    source = _words(SOURCE_PAGE.read_text())
    grams = {tuple(source[i : i + 9]) for i in range(len(source) - 8)}
    for path in sorted((ROOT / "actions").glob("*.py")) + [ROOT / "data" / "nlu.yml"]:
        words = _words(path.read_text())
        copied = [" ".join(words[i : i + 9]) for i in range(len(words) - 8) if tuple(words[i : i + 9]) in grams]
        assert not copied, f"{path.name} copies the page: {copied[:3]}"
