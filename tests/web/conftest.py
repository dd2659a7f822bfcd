import pytest

from tests.support.browser import browser, new_page, page  # noqa: F401  (fixtures)
from tests.web import stack as live


@pytest.fixture(scope="session")
def stack():
    token = object()
    yield live.acquire(token)
    live.release(token)
