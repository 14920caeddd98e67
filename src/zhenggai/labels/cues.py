"""What the rules labelers share: a cue table row's origin and the regex built from a table's rows.

A row is ``(pattern, label, origin)`` and a word list is ``(pattern, origin)`` pairs: ``origin`` is ``""`` for
what was read off the contract's tables, or the reports whose misses suggested it (dev: ``huiji``,
``xiangcheng``, ``xuchang``; held-out: ``provdept``, ``province``, ``county``, ``insurer``).
``bench/rules_labels.py`` leaves a report's rows out when it scores that report, so its held-out score comes
from rules written without it. Production uses every row.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any, cast

from pydantic import BaseModel

from ..schemas import Span

Skip = frozenset[str]
_VALIDATE_SPAN = Span.__pydantic_validator__.validate_python
NO_SKIP: Skip = frozenset()
Words = tuple[tuple[str, str], ...]  # (regex fragment, origin)
H, XC, XU = "huiji", "xiangcheng", "xuchang"
PD, PV, CO, IN = "provdept", "province", "county", "insurer"  # the held-out reports (golden/heldout)


def kept(origin: str, skip: Skip) -> bool:
    """Whether a row stays with the reports of ``skip`` left out: a row from the contract always does; one tagged
    with several reports (``huiji+xuchang``: their misses suggested it, or it helps their scores) goes whenever
    any of them is left out, so no held-out score counts a row fitted to that report."""
    return not origin or all(o not in skip for o in origin.split("+"))


@cache
def alternation(words: Words, skip: Skip, template: str = "(?:{})") -> re.Pattern[str]:
    """One regex from the rows of ``words`` not from a report in ``skip``, put into ``template``."""
    return re.compile(template.format("|".join(w for w, origin in words if kept(origin, skip)) or "(?!)"))


def shipped(name: str) -> list[list[Any]]:
    """The example rows of ``labels/NAME``, the trained readings' data (written from the gold by
    ``bench/*_examples.py``), each with its origin first."""
    rows: list[list[Any]] = json.loads(files("zhenggai.labels").joinpath(name).read_text(encoding="utf-8"))["examples"]
    return rows


def span(text: str, start: int, end: int) -> Span:
    """``Span(text=text, start=start, end=end)``, validated by the same validator (the one the model's
    ``__init__`` calls) without the keyword call through ``__init__``: a third less, on the spans the labelers
    make (a subject a figure, each body and document issued)."""
    return cast(Span, _VALIDATE_SPAN({"text": text, "start": start, "end": end}))


def set_labels(model: BaseModel, **values: Any) -> None:
    """``model.name = value`` for each of ``values``, as pydantic's own assignment does it where assignments are
    not validated (the models' config): into the instance's ``__dict__`` and its fields set, without the
    attribute call through ``BaseModel.__setattr__`` (0.40 µs for a measure's four labels against 0.75;
    for one label the call costs more than it saves)."""
    model.__dict__.update(values)
    model.__pydantic_fields_set__.update(values)
