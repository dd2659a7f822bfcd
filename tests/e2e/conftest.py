import uuid
from pathlib import Path

import pytest

from tests.support.servers import Assistant, running_assistant

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    with running_assistant(ROOT / "results" / "e2e-logs") as running:
        yield running


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"
