"""The LLM engine over a golden set, each document inside its cassette: replayed offline (``replay``),
recorded against a live endpoint (``record``), or live with no cassette (``live``).

A replay uses the endpoint and settings the recording was made with (``endpoint.json`` beside the
cassettes), so that its requests match the recorded ones byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from ..errors import ConfigError
from ..load import load_path
from ..pipeline import extract
from ..schemas import Report
from ..settings import DEFAULT_ATTEMPTS, Endpoint
from .score import Json

Mode = Literal["replay", "record", "live"]
RECORDING = "endpoint.json"


def recorded_endpoint(cassettes: Path) -> tuple[Endpoint, int]:
    """(endpoint, attempts) a recording was made with."""
    path = cassettes / RECORDING
    if not path.exists():
        raise ConfigError(f"{path}: no recording to replay; record with --record first")
    saved = json.loads(path.read_text(encoding="utf-8"))
    return Endpoint(base_url=saved["base_url"], model=saved["model"], provider=saved["provider"]), int(
        saved["attempts"]
    )


def evaluate_llm(
    golden: Path,
    *,
    mode: Mode,
    endpoint: Endpoint | None = None,
    attempts: int = DEFAULT_ATTEMPTS,
    cassettes: Path | None = None,
) -> Json:
    from ..agent.cassettes import use_cassette
    from ..agent.llm import LLMAgent
    from .run import evaluate

    cassettes = cassettes or Path("cassettes") / "eval" / golden.name
    if mode == "replay":
        endpoint, attempts = recorded_endpoint(cassettes)
    if endpoint is None:
        raise ConfigError("--engine llm needs an endpoint (--base-url/--model) unless it replays (--replay)")
    agent = LLMAgent(endpoint, attempts=attempts)
    if mode == "record":
        cassettes.mkdir(parents=True, exist_ok=True)
        saved = {
            "base_url": endpoint.base_url,
            "model": endpoint.model,
            "provider": endpoint.provider,
            "attempts": attempts,
        }
        (cassettes / RECORDING).write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")

    def run(path: Path) -> Report:
        if mode == "live":
            return extract(load_path(path), agent=agent)
        with use_cassette(cassettes / f"{path.stem}.yaml", "none" if mode == "replay" else "once"):
            return extract(load_path(path), agent=agent)

    return evaluate(golden, extractor=run, engine="llm")
