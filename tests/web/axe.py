"""axe-core (npm, pinned by package-lock.json) run inside the page.

The page's Content-Security-Policy forbids inline scripts, so the browser
context that runs axe is opened with ``bypass_csp=True``; nothing else about
the page changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no A-level 2.2 rules).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Any) -> List[Dict[str, Any]]:
    """Every axe violation on the page as it is now, for the WCAG tags."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def summary(violations: List[Dict[str, Any]]) -> List[str]:
    """One line per violation: rule, impact, how many elements, and the first target."""
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} element(s), e.g. {v['nodes'][0]['target']})"
        for v in violations
    ]
