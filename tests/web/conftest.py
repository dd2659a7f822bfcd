import pytest

from tests.web import stack as live


@pytest.fixture(scope="session")
def stack():
    token = object()
    yield live.acquire(token)
    live.release(token)
