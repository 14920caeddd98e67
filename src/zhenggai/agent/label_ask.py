"""One label question to the endpoint: the field's fixed prefix with the item last, the answer constrained by a
JSON schema to the item's allowed values (a llama.cpp server turns the enum into a grammar), temperature 0,
and a confidence from the returned ``logprobs`` where the endpoint gives them."""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any

import openai

from ..schemas import Usage
from .label_items import MAX_BODIES, Question
from .label_prompts import KEY, Prompt
from .providers import ServerClock

TOP_LOGPROBS = 10


def schema(q: Question) -> dict[str, Any]:
    """The answer's JSON schema: one key holding one allowed value, or (responsible) a short list of them."""
    one: dict[str, Any] = {"type": "string", "enum": list(q.options)}
    value = {"type": "array", "items": one, "maxItems": MAX_BODIES} if q.many else one
    return {"type": "object", "properties": {KEY: value}, "required": [KEY], "additionalProperties": False}


def max_tokens(q: Question) -> int:
    """Room for the longest allowed answer (about a token a character, and the JSON around it)."""
    longest = max(map(len, q.options), default=0)
    return 12 + longest * (MAX_BODIES if q.many else 1) + (4 * MAX_BODIES if q.many else 0)


@dataclass(frozen=True)
class Reply:
    value: Any  # one option, or a list of options
    confidence: float | None  # the chosen first token's share among the allowed ones, from logprobs


@dataclass
class Asker:
    """Asks questions over one OpenAI-compatible client and counts what they cost."""

    client: Any  # the raw openai.OpenAI client under instructor (its create adapted and retried)
    model: str
    clock: ServerClock
    usage: Usage = field(default_factory=Usage)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(self, prompt: Prompt, q: Question) -> tuple[Reply | None, str]:
        """The reply to ``q``, or None and why."""
        request: dict[str, Any] = {
            "model": self.model,
            "messages": [*prompt.prefix(), {"role": "user", "content": q.text}],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema(q), "strict": True},
            },
            "temperature": 0,
            "max_tokens": max_tokens(q),
            "logprobs": True,
            "top_logprobs": TOP_LOGPROBS,
        }
        try:
            response = self.client.chat.completions.create(**request)
        except openai.OpenAIError as exc:
            return None, f"{type(exc).__name__}: {exc}"
        with self.lock:
            self.usage.calls += 1
            if response.usage is not None:
                self.usage.prompt_tokens += response.usage.prompt_tokens
                self.usage.completion_tokens += response.usage.completion_tokens
        choice = response.choices[0]
        content = choice.message.content or ""
        try:
            value = json.loads(content)[KEY]
        except (ValueError, KeyError, TypeError):
            return None, f"no answer in {content[:80]!r}"
        values = value if q.many and isinstance(value, list) else [value]
        if q.many != isinstance(value, list) or not all(isinstance(v, str) and v in q.options for v in values):
            return None, f"not an allowed answer: {value!r}"
        tokens = choice.logprobs.content if choice.logprobs and choice.logprobs.content else []
        first = values[0] if values else None
        conf = confidence(content, tokens, first, q.options) if first is not None else None
        return Reply(list(dict.fromkeys(values)) if q.many else value, conf), ""


def confidence(content: str, tokens: list[Any], value: str, options: tuple[str, ...]) -> float | None:
    """How sure the model was of ``value``: at the token where the value starts, the probability of the token
    chosen over that of the alternatives (``top_logprobs``) that also begin an allowed answer. The returned
    probabilities are the model's before the grammar, so the share is renormalised over what was allowed."""
    at = content.find(json.dumps(value, ensure_ascii=False)) + 1
    if at <= 0 or not tokens:
        return None
    pos = 0
    for tok in tokens:
        end = pos + len(tok.token)
        if pos <= at < end:
            before = content[pos:at]  # the part of this token that precedes the value (' "')
            allowed = []
            for alt in [tok, *(tok.top_logprobs or [])]:
                rest = alt.token[len(before) :] if alt.token.startswith(before) else None
                if rest and any(o.startswith(rest) or rest.startswith(o) for o in options):
                    allowed.append((alt.token, alt.logprob))
            total = sum(math.exp(lp) for _, lp in dict(allowed).items())
            return round(math.exp(tok.logprob) / total, 4) if total > 0 else None
        pos = end
    return None
