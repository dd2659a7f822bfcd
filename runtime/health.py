"""Health endpoints for balancers and Kubernetes probes.

- ``GET /health/live``: the server's event loop answers (liveness). Restart
  the process when this fails.
- ``GET /health/ready``: the model is loaded, the conversation database
  answers ``SELECT 1`` and the lock store answers ``PING`` (readiness). The
  balancer takes a replica out of rotation while this fails, and puts it back
  when it passes again. 503 lists what is failing.

Rasa's own ``GET /`` says only that the process is up, and ``/status`` needs
a token when authentication is on, so neither is a readiness check.
"""

from __future__ import annotations

import asyncio
from functools import wraps
from typing import Any, Callable, Dict, List

import sqlalchemy as sa
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

import rasa.core.run

CHECK_TIMEOUT_SECONDS = 1.5


def _database_answers(store: Any) -> bool:
    engine = getattr(store, "engine", None)
    if engine is None:
        return True  # an in-memory store is always there
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    return True


def _lock_store_answers(store: Any) -> bool:
    ping = getattr(store, "ping", None)
    return bool(ping()) if callable(ping) else True


async def _check(check: Callable[[Any], bool], target: Any) -> bool:
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(loop.run_in_executor(None, check, target), CHECK_TIMEOUT_SECONDS)
    except Exception:
        return False


async def readiness(app: Sanic) -> Dict[str, Any]:
    agent = getattr(app.ctx, "agent", None)
    failing: List[str] = []
    if agent is None or not agent.is_ready():
        failing.append("model")
    else:
        if not await _check(_database_answers, agent.tracker_store):
            failing.append("tracker_store")
        if not await _check(_lock_store_answers, agent.lock_store):
            failing.append("lock_store")
    return {"status": "ready" if not failing else "not ready", "failing": failing}


def add_routes(app: Sanic) -> None:
    @app.get("/health/live")
    async def live(_: Request) -> HTTPResponse:
        return response.json({"status": "alive"})

    @app.get("/health/ready")
    async def ready(request: Request) -> HTTPResponse:
        state = await readiness(request.app)
        return response.json(state, status=200 if not state["failing"] else 503)


def install() -> None:
    configure_app = rasa.core.run.configure_app
    if getattr(configure_app, "adds_health_routes", False):
        return

    @wraps(configure_app)
    def with_health_routes(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        add_routes(app)
        return app

    with_health_routes.adds_health_routes = True  # type: ignore[attr-defined]
    rasa.core.run.configure_app = with_health_routes
