"""deploy/cluster.env, read strictly: one NAME=value a line, each name once."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict

CLUSTER_ENV = Path(__file__).resolve().parents[2] / "deploy" / "cluster.env"


@lru_cache(maxsize=None)
def cluster_env(path: Path = CLUSTER_ENV) -> Dict[str, str]:
    values: Dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Z][A-Z0-9_]*", name), f"{path}:{number}: not NAME=value: {raw!r}"
        assert name not in values, f"{path}:{number}: {name} is set twice"
        values[name] = value
    return values
