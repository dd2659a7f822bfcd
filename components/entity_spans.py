"""Entities as spans: which of the CRF's entities another tagger's finding
replaces."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Tuple

SIDE_EFFECT = "side_effect"


def side_effect_over(entity: Dict[str, Any], spans: Iterable[Tuple[int, int]]) -> bool:
    """Whether the entity is a side effect lying over one of the spans: a
    drug name ("votrientt side efects") or a condition ("gleevac for dfsp?")
    the CRF took for a side effect."""
    start, end = entity.get("start", -1), entity.get("end", -1)
    return entity.get("entity") == SIDE_EFFECT and any(s < end and start < e for s, e in spans)
