"""The sections of bench/results.md that each benchmark writes for itself."""

from __future__ import annotations

from pathlib import Path


def replace_section(results: Path, heading: str, section: str) -> None:
    """Writes `section` (which starts with `heading`) in place of that
    heading's old section, moved to the end; every other section stays."""
    text = results.read_text() if results.exists() else ""
    if heading in text:
        start = text.index(heading)
        following = text.find("\n## ", start + len(heading))
        text = text[:start].rstrip() + "\n" + (text[following:] if following >= 0 else "")
    results.write_text(text.rstrip() + "\n\n" + section.rstrip() + "\n")
