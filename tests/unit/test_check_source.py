"""scripts/check_source.py on edited copies of the page (issue 12)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import List, Tuple

import pytest

from checks import source_page
from scripts import check_source

pytestmark = pytest.mark.skipif(not source_page.STORED_PAGE.exists(), reason="source page not beside the project")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stored() -> str:
    return source_page.STORED_PAGE.read_text(encoding="utf-8")


def edited(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "new-page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path, capsys) -> Tuple[int, str, check_source.Review]:
    code = check_source.main([str(path)])
    review = check_source.compare(source_page.read(), source_page.read(path))
    return code, capsys.readouterr().out, review


def flagged(review: check_source.Review) -> List[str]:
    return [fact_id for finding in review.findings for fact_id in finding.fact_ids]


def test_the_stored_page_needs_no_review(tmp_path, stored, capsys):
    code, out, review = check(edited(tmp_path, stored), capsys)
    assert code == 0 and not review.needs_review and "nothing to review" in out


def test_once_a_day_changed_to_twice_a_day(tmp_path, stored, capsys):
    assert stored.count("once a day") == 1
    code, out, review = check(edited(tmp_path, stored.replace("once a day", "twice a day")), capsys)
    assert code == 1
    assert set(flagged(review)) == {"pazopanib.how_often", "pazopanib.how_taken"}
    (finding,) = review.findings
    assert finding.how == "changed" and "once a day" in finding.old and "twice a day" in (finding.new or "")
    assert "pazopanib.how_often" in out and "old: It is taken as a pill once a day." in out
    assert "new: It is taken as a pill twice a day." in out
    assert not review.new_sentences, "the new wording is the changed fact's, not an uncovered sentence"


def test_the_imatinib_duration_sentence_removed(tmp_path, stored, capsys):
    sentence = re.search(r" There is no standard for how long imatinib[^.]*\.", stored)
    assert sentence
    code, out, review = check(edited(tmp_path, stored.replace(sentence.group(0), "")), capsys)
    assert code == 1
    assert flagged(review) == ["imatinib.how_long"]
    assert review.findings[0].how == "disappeared" and review.findings[0].new is None
    assert "imatinib.how_long" in out and "(gone)" in out


def test_a_new_drug_paragraph_added(tmp_path, stored, capsys):
    paragraph = (
        "Sunitinib (Sutent) is another TKI that may be used to treat soft tissue sarcoma. "
        "It is taken as a pill once a day, for 4 weeks."
    )
    marker = "up to 3 years.\n"
    code, out, review = check(edited(tmp_path, stored.replace(marker, f"{marker}\n{paragraph}\n")), capsys)
    assert code == 1
    assert not review.findings, "no existing fact changed"
    new = [(item.section, item.text) for item in review.new_sentences]
    assert new == [
        ("Tyrosine kinase inhibitors", "Sunitinib (Sutent) is another TKI that may be used to treat soft tissue sarcoma."),
        ("Tyrosine kinase inhibitors", "It is taken as a pill once a day, for 4 weeks."),
    ]
    assert "New sentences no fact covers" in out and "Sunitinib (Sutent)" in out


def test_a_repeated_sentence_in_a_new_paragraph_is_still_new(tmp_path, stored, capsys):
    paragraph = "Sunitinib (Sutent) is another TKI. It is taken as a pill once a day."
    marker = "up to 3 years.\n"
    _, _, review = check(edited(tmp_path, stored.replace(marker, f"{marker}\n{paragraph}\n")), capsys)
    assert [item.text for item in review.new_sentences][-1] == "It is taken as a pill once a day."


def test_a_side_effect_added_to_the_missing_common_side_effects_list(tmp_path, stored, capsys):
    marker = "soft tissue sarcoma are:\n"
    assert stored.count(marker) == 1
    code, out, review = check(edited(tmp_path, stored.replace(marker, f"{marker}\n  • fatigue\n")), capsys)
    assert code == 1
    (item,) = review.new_sentences
    assert (item.section, item.text) == ("Side effects", "fatigue")
    assert item.after == ("side_effects.common_side_effects",)
    assert "Side effects, sentence 9" not in out.split("New sentences")[0], "the announcing sentence itself is unchanged"
    assert "fatigue  (after the sentence of side_effects.common_side_effects)" in out


def _retypeset(text: str) -> str:
    """Curly quotes, en dashes in place of hyphens around spaces, doubled
    spaces and every paragraph and list item re-wrapped at 50 columns."""
    text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    out = []
    for line in text.split("\n"):
        bullet = re.match(r"^(\s*•\s+)(.*)$", line)
        if bullet:
            out.append(textwrap.fill(bullet.group(2), 50, initial_indent=bullet.group(1), subsequent_indent="    "))
        elif len(line) > 60:
            out.append(textwrap.fill(line.replace(". ", ".  "), 50))
        else:
            out.append(line + "   ")
    return "\n".join(out)


def test_whitespace_curly_quotes_and_rewrapping_are_not_changes(tmp_path, stored, capsys):
    new = _retypeset(stored.replace("\u2019", "'"))
    assert new != stored and "\u2019" in new and max(len(line.rstrip()) for line in new.splitlines()) <= 60
    code, out, review = check(edited(tmp_path, new), capsys)
    assert (code, review.findings, review.new_sentences) == (0, [], []), out
    # And the other way: the page's curly apostrophes made straight.
    code, out, _ = check(edited(tmp_path, stored.replace("\u2019", "'")), capsys)
    assert code == 0, out


def test_a_rewrapped_page_with_a_real_change_is_still_flagged(tmp_path, stored, capsys):
    new = _retypeset(stored.replace("once a day", "twice a day"))
    code, _, review = check(edited(tmp_path, new), capsys)
    assert code == 1 and "pazopanib.how_often" in flagged(review)


def test_the_command_line(tmp_path, stored):
    run = [sys.executable, str(ROOT / "scripts" / "check_source.py")]
    same = subprocess.run(run + [str(edited(tmp_path, stored))], capture_output=True, text=True, cwd=ROOT)
    assert same.returncode == 0, same.stderr
    changed = edited(tmp_path, stored.replace("once a day", "twice a day"))
    result = subprocess.run(run + [str(changed)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "pazopanib.how_often" in result.stdout
