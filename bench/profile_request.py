"""Where does a request's time go? Profiles the Rasa side of real messages.

Loads the trained model in-process with the same endpoints as `make run`
(action server on a free port, the project's tracker store in a temp folder),
sends patient messages through `Agent.handle_text`, and prints
  1. the wall time per stage (NLU parse, the whole message), and
  2. cProfile's top functions by cumulative time.
Usage: python -m bench.profile_request [model] [messages]
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rasa.core.agent import load_agent
from rasa.core.utils import AvailableEndpoints

from bench.run import test_messages
from runtime import install
from tests.support.servers import MODEL, Assistant, free_port, write_endpoints


async def profile(model: Path, count: int) -> None:
    install()
    messages = test_messages()[:count]
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        actions = Assistant(rasa_url="", action_url=f"http://127.0.0.1:{port}", workdir=Path(tmp),
                            endpoints=Path(tmp), rasa_port=0, action_port=port, log_dir=Path(tmp))
        actions.start_actions()
        try:
            # The project's endpoints (tracker store included), on this port.
            endpoints = AvailableEndpoints.read_endpoints(
                str(write_endpoints(Path(tmp) / "endpoints.yml", port, Path(tmp) / "t.db")))
            agent = await load_agent(model_path=str(model), endpoints=endpoints)
            for text in messages[:5]:  # warm-up
                await agent.handle_text(text, sender_id="warmup")
            parse, whole = [], []
            profiler = cProfile.Profile()
            profiler.enable()
            for i, text in enumerate(messages):
                started = time.perf_counter()
                await agent.parse_message(text)
                parse.append(time.perf_counter() - started)
                started = time.perf_counter()
                await agent.handle_text(text, sender_id=f"user-{i // 8}")
                whole.append(time.perf_counter() - started)
            profiler.disable()
        finally:
            actions.stop_all()
    print(f"{len(messages)} messages: NLU parse median {statistics.median(parse) * 1000:.1f} ms, "
          f"whole message median {statistics.median(whole) * 1000:.1f} ms "
          f"(so dialogue + tracker store + action call ≈ {(statistics.median(whole) - statistics.median(parse)) * 1000:.1f} ms)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    print(out.getvalue())


if __name__ == "__main__":
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    asyncio.run(profile(model, count))
