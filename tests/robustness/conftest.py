"""Shared fixture of the robustness suites.

`robust_assistant` is one running assistant (action server + Rasa server on
free loopback ports, temporary SQLite tracker store) shared by the suites
that do not break it (bad input, security). test_faults.py starts its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support.servers import Assistant, running_assistant


@pytest.fixture(scope="session")
def robust_assistant(tmp_path_factory) -> Assistant:
    # ASSISTANT_URL (+ ASSISTANT_LOG_DIR) reuses an assistant that is already running.
    if os.environ.get("ASSISTANT_URL"):
        url = os.environ["ASSISTANT_URL"].rstrip("/")
        yield SimpleNamespace(rasa_url=url, webhook=f"{url}/webhooks/rest/webhook",
                              log_dir=Path(os.environ.get("ASSISTANT_LOG_DIR", ".")), action_url=None)
        return
    with running_assistant(tmp_path_factory.mktemp("robustness-logs")) as running:
        yield running
