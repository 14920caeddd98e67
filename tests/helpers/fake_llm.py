"""A fake OpenAI-compatible endpoint on loopback that answers from a script, one reply per request, each on
its own thread (so that concurrent calls are answered concurrently); and a fake clock for the waits."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeClock:
    """Time that passes only by sleeping: ``now`` for a clock, ``sleep`` records each wait and moves time on."""

    t: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


@dataclass
class InFlight:
    """Requests the server is answering now, and the most at once since ``peak`` was last reset."""

    now: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message; None sends `raw` instead
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish: str = "stop"


def completion(content: str, finish: str = "stop") -> bytes:
    return json.dumps(
        {
            "id": "fake",
            "object": "chat.completion",
            "created": 0,
            "model": "fake",
            "choices": [{"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }
    ).encode()


@contextmanager
def fake_endpoint(
    replies: list[Reply], in_flight: InFlight | None = None
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serve ``replies`` in order (the last one repeats); yields the base URL and the requests received.
    ``in_flight`` counts the requests being answered at once."""
    received: list[dict[str, Any]] = []
    lock = threading.Lock()
    load = in_flight or InFlight()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                received.append(body)
                reply = replies[min(len(received), len(replies)) - 1]
            load.enter()
            try:
                time.sleep(reply.delay)
                payload = reply.raw if reply.content is None else completion(reply.content, reply.finish)
                self.send_response(reply.status)
                for k, v in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload or b"")))
                self.end_headers()
                self.wfile.write(payload or b"")
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                load.leave()

    class Server(ThreadingHTTPServer):
        request_queue_size = 64  # the listen backlog: room for every connection of a concurrency benchmark

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", received
    finally:
        server.shutdown()
        server.server_close()
