"""One structured question to the LLM (instructor's call with its reasks), every way it can end turned into one
:class:`Outcome`: the validated answer; or, when there is none, why — with the last answer's raw text when the
model did answer, so that the caller can salvage what validates of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
REASON_CHARS = 300  # a validation error lists every input; the reason is kept to its start


@dataclass(frozen=True)
class Outcome(Generic[M]):
    answer: M | None = None
    failed: bool = False  # no answer came back at all (transport or client error): nothing to salvage
    content: str = ""  # the last answer's text when it did not validate ("" if it had none)
    reason: str = ""  # why there is no answer
    attempts: int = 1


@dataclass(frozen=True)
class Caller:
    client: instructor.Instructor
    model: str
    attempts: int  # instructor's max_retries: reasks after the first answer

    def ask(
        self,
        response_model: type[M],
        messages: list[dict[str, str]],
        *,
        max_tokens: int,
        context: dict[str, Any] | None = None,
    ) -> Outcome[M]:
        """``context`` reaches the answer model's validators (what the answer must be grounded in)."""
        try:
            answer = self.client.chat.completions.create(
                model=self.model,
                response_model=response_model,
                messages=messages,  # type: ignore[arg-type]
                max_retries=self.attempts,
                context=context,
                temperature=0,
                max_tokens=max_tokens,
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            # an API error instructor gave up on (transport retries exhausted, a 4xx); a response the openai
            # client could not read did come back, so it goes the way of an answer that did not validate
            if isinstance(cause, openai.APIError) and not isinstance(cause, openai.APIResponseValidationError):
                return Outcome(failed=True, reason=str(cause), attempts=exc.n_attempts)
            return Outcome(content=last_content(exc), reason=str(exc)[:REASON_CHARS], attempts=exc.n_attempts)
        except IncompleteOutputException as exc:  # the answer hit max_tokens: instructor does not reask it
            return Outcome(content=last_content(exc), reason=str(exc)[:REASON_CHARS])
        except Exception as exc:
            return Outcome(failed=True, reason=f"{type(exc).__name__}: {exc}")
        return Outcome(answer=answer)


def last_content(exc: InstructorRetryException | IncompleteOutputException) -> str:
    """The text of the last answer instructor saw before giving up ("" if there was none)."""
    last = exc.last_completion
    return (last.choices[0].message.content or "") if last is not None and getattr(last, "choices", None) else ""
