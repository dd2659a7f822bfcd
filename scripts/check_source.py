#!/usr/bin/env python3
"""What to review when the source page changes.

    python scripts/check_source.py NEW_PAGE.txt          # compare with the stored copy
    python scripts/check_source.py --list [PAGE.txt]     # every sentence: section, position, digest

Compares a new copy of the page (plain text, the format of the stored one)
with the stored copy and prints:

- the facts whose anchored sentence changed, moved to another section or
  disappeared, by fact id, with the old and the new wording;
- the new sentences no fact covers (and new section headings).

Exits 1 when anything needs review, 0 when nothing does. Spacing, line
wrapping, curly quotes and dashes are not changes (``checks.source_page``).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checks import source_page  # noqa: E402
from assistant.provenance import ANCHORS, Anchor  # noqa: E402
from checks.source_page import Page, digest  # noqa: E402

# A new sentence this similar to a lost one is taken as its new wording.
SAME_SENTENCE_RATIO = 0.5


@dataclass(frozen=True)
class Finding:
    """One anchored sentence that needs review, and the facts resting on it."""

    fact_ids: Tuple[str, ...]
    anchor: Anchor
    old: str
    new: Optional[str]
    # "changed", "disappeared", "heading changed" or "moved to the section …".
    how: str


@dataclass(frozen=True)
class NewSentence:
    section: str
    position: int
    text: str
    # Facts anchored to the sentence just before it, to say where it landed.
    after: Tuple[str, ...] = ()


@dataclass
class Review:
    findings: List[Finding] = field(default_factory=list)
    new_sentences: List[NewSentence] = field(default_factory=list)
    new_sections: List[str] = field(default_factory=list)
    # Same wording at another position: only the anchor's number is stale.
    renumbered: List[Tuple[Tuple[str, ...], Anchor, int]] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.findings or self.new_sentences or self.new_sections or self.renumbered)


def _text(page: Page, anchor: Anchor) -> str:
    section = page.section(anchor.section)
    if section is None or (anchor.sentence is not None and anchor.sentence >= len(section.sentences)):
        raise ValueError(f"the stored page has no {anchor}: update assistant/provenance.py")
    return section.heading if anchor.sentence is None else section.sentences[anchor.sentence]


def _closest(old: str, candidates: Sequence[Tuple[str, int, str]]) -> Optional[Tuple[str, int, str]]:
    scored = [(difflib.SequenceMatcher(None, old, c[2]).ratio(), c) for c in candidates]
    best = max(scored, default=None, key=lambda pair: pair[0])
    return best[1] if best and best[0] >= SAME_SENTENCE_RATIO else None


def _inserted(old: Page, new: Page) -> List[Tuple[str, int, str]]:
    """Sentences of the new page that the stored one doesn't have, as
    (section, position, text). Sections are aligned sentence by sentence, so
    a sentence repeated in a new paragraph counts as new; one that only
    moved in from another section does not (its anchors report the move)."""
    old_digests = {digest(s) for _, _, s in old.sentences()}
    found = []
    for section in new.sections:
        before = old.section(section.heading)
        old_here = [digest(s) for s in before.sentences] if before else []
        new_here = [digest(s) for s in section.sentences]
        matcher = difflib.SequenceMatcher(None, old_here, new_here, autojunk=False)
        for tag, _, _, j1, j2 in matcher.get_opcodes():
            if tag in ("insert", "replace"):
                found += [
                    (section.heading, p, section.sentences[p])
                    for p in range(j1, j2)
                    if new_here[p] not in old_digests or new_here[p] in old_here
                ]
    return found


def _anchor_index() -> Dict[Anchor, List[str]]:
    by_anchor: Dict[Anchor, List[str]] = defaultdict(list)
    for fact_id, anchors in ANCHORS.items():
        for anchor in anchors:
            by_anchor[anchor].append(fact_id)
    return by_anchor


def compare(old: Page, new: Page) -> Review:
    review = Review()
    old_digests = {digest(s) for _, _, s in old.sentences()} | {digest(s.heading) for s in old.sections}
    new_anywhere = {digest(s): h for h, _, s in reversed(list(new.sentences()))}
    new_headings = {digest(s.heading) for s in new.sections}
    unseen = _inserted(old, new)
    claimed: Set[Tuple[str, int]] = set()
    by_anchor = _anchor_index()

    for anchor, fact_ids in by_anchor.items():
        old_text = _text(old, anchor)
        here = new.section(anchor.section)
        if anchor.sentence is None:
            if anchor.digest in new_headings:
                continue
            headings = [(s.heading, -1, s.heading) for s in new.sections if digest(s.heading) not in old_digests]
            match = _closest(old_text, headings)
            how = "heading changed" if match else "heading disappeared"
            review.findings.append(Finding(tuple(fact_ids), anchor, old_text, match[2] if match else None, how))
            continue
        positions = [p for p, s in enumerate(here.sentences) if digest(s) == anchor.digest] if here else []
        if anchor.sentence in positions:
            continue
        if positions:
            review.renumbered.append((tuple(fact_ids), anchor, positions[0]))
            continue
        new_text: Optional[str] = old_text
        if anchor.digest in new_anywhere:
            how = f"moved to the section {new_anywhere[anchor.digest]!r}"
        else:
            # Changed: the most similar sentence the stored page doesn't have.
            match = _closest(old_text, [c for c in unseen if c[0] == anchor.section]) or _closest(old_text, unseen)
            if match:
                claimed.add((match[0], match[1]))
            how, new_text = ("changed", match[2]) if match else ("disappeared", None)
        review.findings.append(Finding(tuple(fact_ids), anchor, old_text, new_text, how))

    by_digest = {(a.section, a.digest): ids for a, ids in by_anchor.items()}
    for heading, position, text in unseen:
        if (heading, position) in claimed:
            continue
        section = new.section(heading)
        previous = section.sentences[position - 1] if section and position else None
        after = tuple(by_digest.get((heading, digest(previous)), ())) if previous else ()
        review.new_sentences.append(NewSentence(heading, position, text, after))
    old_headings = {s.heading for s in old.sections}
    review.new_sections = [s.heading for s in new.sections if s.heading not in old_headings
                           and not any(f.new == s.heading for f in review.findings)]
    return review


def _where(anchor: Anchor) -> str:
    return f"{anchor.section}, " + ("heading" if anchor.sentence is None else f"sentence {anchor.sentence}")


def report(review: Review) -> str:
    if not review.needs_review:
        return "The page says the same as the stored copy: nothing to review."
    lines: List[str] = []
    if review.findings:
        lines.append("Facts whose sentence changed or disappeared:")
        for finding in review.findings:
            lines += [
                f"  {', '.join(finding.fact_ids)}  ({_where(finding.anchor)}: {finding.how})",
                f"    old: {finding.old}",
                f"    new: {finding.new if finding.new is not None else '(gone)'}",
            ]
    if review.new_sections:
        lines.append("New sections:")
        lines += [f"  {heading}" for heading in review.new_sections]
    if review.new_sentences:
        lines.append("New sentences no fact covers:")
        for item in review.new_sentences:
            after = f"  (after the sentence of {', '.join(item.after)})" if item.after else ""
            lines.append(f"  {item.section}, sentence {item.position}: {item.text}{after}")
    if review.renumbered:
        lines.append("Same wording, new position (update the anchor's number):")
        lines += [f"  {', '.join(ids)}  ({_where(anchor)} is now sentence {position})"
                  for ids, anchor, position in review.renumbered]
    lines.append(
        "Update assistant/facts.py (in your own words) and the anchors in assistant/provenance.py, "
        "then copy the new page over the stored one and run the tests (README: Updating the source page)."
    )
    return "\n".join(lines)


def list_sentences(page: Page) -> str:
    lines = []
    for section in page.sections:
        lines.append(f"{section.heading}  [heading {digest(section.heading)}]")
        lines += [f"  {position:>2} {digest(s)}  {s}" for position, s in enumerate(section.sentences)]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", nargs="?", type=Path, help="the new copy of the page (plain text)")
    parser.add_argument("--stored", type=Path, default=source_page.STORED_PAGE, help="the stored copy")
    parser.add_argument("--list", action="store_true", help="list the page's sentences with positions and digests")
    args = parser.parse_args(argv)
    if args.list:
        print(list_sentences(source_page.read(args.page or args.stored)))
        return 0
    if args.page is None:
        parser.error("give the new copy of the page")
    review = compare(source_page.read(args.stored), source_page.read(args.page))
    print(report(review))
    return 1 if review.needs_review else 0


if __name__ == "__main__":
    sys.exit(main())
