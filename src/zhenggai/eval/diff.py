"""Where in a report's text each miss and extra of :func:`score_document` lies, for the review page.

Items are located under the problem the scorer scored them with (its pair indices), never by label: labels
repeat within a report (``(1)`` under every category), so a label names no single problem.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..golden import norm, to_golden
from ..schemas import Problem, Report
from ..textspans import field_lines, problem_extent, source_stem
from .markdown import describe
from .score import DocScore, Json, Origin, score_document


@dataclass
class GoldDiff:
    """A gold item the prediction missed (``miss``) or a predicted one not in gold (``extra``)."""

    side: str
    item: Json
    where: tuple[int, int] | None


def _find(text: str, needle: str, lo: int, hi: int, avoid: set[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text[lo:hi]`` compared as :func:`norm` compares (NFKC, no whitespace):
    the first occurrence not in ``avoid``, else the first one."""
    target = norm(needle) or ""
    chars: list[str] = []
    origin: list[int] = []
    for k in range(lo, hi):
        for c in norm(text[k]) or "":
            chars.append(c)
            origin.append(k)
    hay, first = "".join(chars), None
    at = hay.find(target) if target else -1
    while at >= 0:
        found = (origin[at], origin[at + len(target) - 1] + 1)
        if found not in avoid:
            return found
        first = first or found
        at = hay.find(target, at + 1)
    return first


_ITEMS = {"figure": "figures", "date": "dates", "measure": "measures"}


def gold_diffs(report: Report, gold: Json) -> tuple[DocScore, list[GoldDiff]]:
    """Misses and extras from :func:`score_document`, each located in the text where possible: a problem by
    its title; a figure, date or measure inside the predicted problem it was scored under, or, for a missed
    problem, from that problem's title to the next predicted problem."""
    score = score_document(source_stem(report), gold, to_golden(report))
    text = report.text
    heads = sorted(problem_extent(p)[0] for p in report.problems)
    missed: dict[int, tuple[int, int]] = {}  # regions of missed gold problems by gold index
    taken: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)  # spans given to (side, kind) items

    def locate(side: str, item: Json, origin: Origin) -> tuple[int, int] | None:
        kind, (gi, pj) = item["kind"], origin
        owner: Problem | None = report.problems[pj] if pj is not None else None
        if kind == "problem" and side == "miss":
            return _find(text, item.get("title") or "", 0, len(text), taken[side, kind])
        if kind == "problem":
            return (owner.title.start, owner.title.end) if owner is not None else None
        if kind not in _ITEMS:
            return None
        if side == "extra":
            spans = getattr(owner, _ITEMS[kind]) if owner is not None else []
            return next(
                (
                    (s.start, s.end)
                    for s in spans
                    if norm(s.text) == norm(item["text"]) and (s.start, s.end) not in taken[side, kind]
                ),
                None,
            )
        avoid = {(s.start, s.end) for p in report.problems for s in getattr(p, _ITEMS[kind])} | taken[side, kind]
        region = problem_extent(owner) if owner is not None else missed.get(gi) if gi is not None else None
        return _find(text, item["text"], *region, avoid) if region is not None else None

    items = [("miss", x, o) for x, o in zip(score.misses, score.miss_origins, strict=True)]
    items += [("extra", x, o) for x, o in zip(score.extras, score.extra_origins, strict=True)]
    located: dict[int, tuple[int, int] | None] = {}
    for side, item, origin in sorted(items, key=lambda x: x[1]["kind"] != "problem"):  # missed problems first
        where = located[id(item)] = locate(side, item, origin)
        if where is not None:
            taken[side, item["kind"]].add(where)
            if side == "miss" and item["kind"] == "problem" and origin[0] is not None:
                missed[origin[0]] = (where[0], next((h for h in heads if h > where[0]), len(text)))
    return score, [GoldDiff(side, item, located[id(item)]) for side, item, _ in items]


def diff_tip(d: GoldDiff) -> str:
    """The tooltip of a located miss or extra."""
    side = "missed: in gold, not predicted" if d.side == "miss" else "extra: predicted, not in gold"
    return field_lines((side, d.item["kind"]), ("gold" if d.side == "miss" else "predicted", describe(d.item)))
