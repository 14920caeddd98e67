"""Versioned prompt files. A prompt's version is its file name (``problem_v2``); it goes into provenance."""

from __future__ import annotations

from importlib.resources import files

PROBLEM = "problem_v2"
SEGMENT = "segment_v1"


def load(name: str) -> str:
    return (files(__package__) / f"{name}.md").read_text(encoding="utf-8").strip()
