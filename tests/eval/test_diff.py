"""Misses and extras located in the text under the problem the scorer paired them with, on hand-built reports."""

from __future__ import annotations

from typing import Any

from zhenggai.eval.diff import gold_diffs
from zhenggai.golden import to_golden
from zhenggai.schemas import Figure, Meta, Problem, Provenance, Report, Span

# Two problems labelled (1), under two categories. The second one's figure 3次 also occurs inside the first
# one's 13次, so a search by label through both problems finds it in the wrong one.
TEXT = "一、党的领导方面\n(1)学习不深入。开展学习13次。\n二、作风建设方面\n(1)作风不实。开展督查3次。\n"


def _span(needle: str, after: int = 0) -> Span:
    start = TEXT.index(needle, after)
    return Span(text=needle, start=start, end=start + len(needle))


def _problem(category: str, title: str, body_to: str, figure: str | None) -> Problem:
    cat = _span(category)
    head = _span("(1)" + title, cat.end)
    body_end = TEXT.index(body_to, head.end) + len(body_to)
    figures = []
    if figure is not None:
        f = _span(figure, head.end)
        figures.append(Figure(text=f.text, start=f.start, end=f.end, value=int(figure[:-1]), unit="次"))
    return Problem(
        label="(1)",
        category=cat,
        title=_span(title, cat.end),
        finding=_span(title, cat.end),
        body=Span(text=TEXT[head.start : body_end], start=head.start, end=body_end),
        figures=figures,
    )


def _report(*problems: Problem) -> Report:
    return Report(
        source="t.txt",
        sha256="0" * 64,
        status="ok",
        text=TEXT,
        meta=Meta(),
        problems=list(problems),
        provenance=Provenance(extractor="rules", version="0"),
    )


def test_a_miss_is_placed_in_its_own_problem_when_labels_repeat() -> None:
    first = _problem("一、党的领导方面", "学习不深入。", "13次。", "13次")
    gold: dict[str, Any] = to_golden(_report(first, _problem("二、作风建设方面", "作风不实。", "3次。", "3次")))
    _, diffs = gold_diffs(_report(first, _problem("二、作风建设方面", "作风不实。", "3次。", None)), gold)

    [miss] = [d for d in diffs if d.side == "miss" and d.item["kind"] == "figure"]
    at = TEXT.index("督查3次") + 2
    assert miss.where == (at, at + 2)


def test_a_missed_problems_items_are_placed_after_its_title() -> None:
    first = _problem("一、党的领导方面", "学习不深入。", "13次。", "13次")
    gold = to_golden(_report(first, _problem("二、作风建设方面", "作风不实。", "3次。", "3次")))
    _, diffs = gold_diffs(_report(first), gold)

    where = {d.item["kind"]: d.where for d in diffs if d.side == "miss"}
    title, at = TEXT.index("作风不实。"), TEXT.index("督查3次") + 2
    assert where["problem"] == (title, title + len("作风不实。")) and where["figure"] == (at, at + 2)
