import tempfile
from pathlib import Path

import pytest

from tests.cluster.cluster import Cluster
from tests.support.browser import browser, new_page, page  # noqa: F401  (fixtures)

REPLICAS = 3


@pytest.fixture(scope="session")
def cluster():
    with tempfile.TemporaryDirectory(prefix="cluster-") as tmp:
        Path(tmp).chmod(0o755)  # PostgreSQL runs as its own user and must reach its data
        running = Cluster(Path(tmp) / "cluster", REPLICAS)
        running.directory.mkdir()
        try:
            yield running.start()
        finally:
            running.stop()
