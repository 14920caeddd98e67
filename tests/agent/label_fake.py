"""An in-process stand-in for the raw OpenAI client under instructor: each label question is answered by a
function of its last message and allowed values, so tests say what the model answers per item."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletion

Answer = Callable[[str, list[str]], Any]  # (the item's message, the allowed values) → the value answered


@dataclass
class FakeClient:
    answer: Answer
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chat(self) -> FakeClient:
        return self

    @property
    def completions(self) -> FakeClient:
        return self

    def create(self, **request: Any) -> ChatCompletion:
        self.requests.append(request)
        value = request["response_format"]["json_schema"]["schema"]["properties"]["a"]
        allowed = value.get("enum") or value["items"]["enum"]
        answer = self.answer(request["messages"][-1]["content"], allowed)
        if value["type"] == "array" and not isinstance(answer, list):
            answer = [answer]
        content = json.dumps({"a": answer}, ensure_ascii=False)
        return ChatCompletion.model_validate(
            {
                "id": "fake",
                "object": "chat.completion",
                "created": 0,
                "model": request["model"],
                "choices": [
                    {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 6, "total_tokens": 106},
            }
        )


@dataclass
class Wrapped:
    client: FakeClient


def factory(fake: FakeClient) -> Callable[..., Wrapped]:
    """A client factory for LabelAgent: the instructor client it builds holds ``fake`` as its raw client."""
    return lambda endpoint, **kw: Wrapped(fake)
