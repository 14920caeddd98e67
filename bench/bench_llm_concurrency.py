"""LLM call throughput against a remote-like endpoint: the loopback fake answering each call after an injected
latency, N independent calls through the real client stack (Caller → instructor → throttle → tenacity →
openai/httpx) with the throttle's concurrency bound at 1, 2, 4, 8, 16 — in one process, and with the
throttle's state in a shared folder as a local job's processes use it (lockf'd JSON file, flock'd slot files).

Run: .venv/bin/python bench/bench_llm_concurrency.py [--calls 48] [--latency 0.3]
Prints calls/s and the ratio to linear, throughput ÷ (concurrency × throughput at 1), from one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.fake_llm import InFlight, Reply, fake_endpoint  # noqa: E402

from zhenggai.agent.call import Caller  # noqa: E402
from zhenggai.agent.providers import Endpoint, make_client  # noqa: E402
from zhenggai.agent.throttle import Budget, Throttle  # noqa: E402

LEVELS = (1, 2, 4, 8, 16)
MESSAGES = [{"role": "user", "content": "一个数?"}]


class Pick(BaseModel):
    n: int


def rate(url: str, load: InFlight, calls: int, concurrency: int, shared: Path | None) -> tuple[float, int]:
    """Calls per second of ``calls`` questions from max(LEVELS) threads, at most ``concurrency`` in flight by
    the throttle; and the most the server answered at once."""
    throttle = Throttle(Budget(concurrency=concurrency), shared)
    endpoint = Endpoint(base_url=url, model="fake", provider="openai", transport_attempts=1)
    caller = Caller(make_client(endpoint, throttle=throttle), "fake", 0)

    def ask(_: int) -> None:
        if caller.ask(Pick, MESSAGES, max_tokens=20).answer is None:
            raise RuntimeError("the fake endpoint gave no answer")

    ask(0)  # warm: the first call builds instructor's schema and the openai client's state
    load.peak = 0
    with ThreadPoolExecutor(max(LEVELS)) as pool:
        t0 = time.perf_counter()
        list(pool.map(ask, range(calls)))
        return calls / (time.perf_counter() - t0), load.peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=48, help="calls at each concurrency")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds the endpoint takes to answer")
    args = parser.parse_args()
    load = InFlight()
    reply = Reply(content='{"n": 1}', delay=args.latency)
    with fake_endpoint([reply], load) as (url, _), tempfile.TemporaryDirectory() as tmp:
        modes = {"one process": None, "shared folder": Path(tmp)}
        results = {m: {c: rate(url, load, args.calls, c, shared) for c in LEVELS} for m, shared in modes.items()}
    print(f"{args.calls} calls at each concurrency from {max(LEVELS)} threads, {args.latency * 1000:.0f} ms latency\n")
    head = " | ".join(f"{m}: calls/s | ratio to linear | peak in flight" for m in modes)
    print(f"| concurrency | {head} |")
    print("| --- |" + " --- | --- | --- |" * len(modes))
    for c in LEVELS:
        cells = [f"{r[c][0]:.2f} | {r[c][0] / (c * r[1][0]):.2f} | {r[c][1]}" for r in results.values()]
        print(f"| {c} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
