"""The label prompts as one fixed prefix per field: the Chinese instructions (system) and the few-shot pairs,
identical for every call of a field so that llama.cpp's prompt cache and hosted prefix caching reuse them; the
item is always the last message.

A prompt file (``prompts/label_FIELD_vN.md``) is the system text, then blocks after ``---`` lines, each a
``问:`` question (``候选:`` candidates on the next line where the field chooses spans) and its ``答:`` answer.
The examples are written from the golden contract's definitions, never taken from a report, so none can come
from the report being scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .. import prompts

ASK = "问:"
ANSWER = "答:"
KEY = "a"  # the answer's one key: {"a": "会议"}


@dataclass(frozen=True)
class Prompt:
    name: str  # the file's name, its version (label_kind_v1)
    system: str
    shots: tuple[tuple[str, str], ...]  # (question, answer as JSON text)

    def prefix(self) -> list[dict[str, str]]:
        """The messages every call of this field starts with."""
        out = [{"role": "system", "content": self.system}]
        for question, answer in self.shots:
            out += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        return out


def answer_json(value: object) -> str:
    return json.dumps({KEY: value}, ensure_ascii=False)


@cache
def load_prompt(name: str) -> Prompt:
    system, *blocks = prompts.load(name).split("\n---\n")
    shots = []
    for block in blocks:
        question, answer = block.strip().split(f"\n{ANSWER}")
        value = answer.strip()
        shots.append((question.strip(), answer_json(json.loads(value) if value.startswith("[") else value)))
    return Prompt(name, system.strip(), tuple(shots))
