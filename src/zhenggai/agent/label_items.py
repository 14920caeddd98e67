"""The questions of the label pass: one per measure or figure and field, each with the answers it allows.

Kind, status and indicator are answered in Chinese words from fixed lists; responsible bodies and subjects are
chosen from candidate spans cut from the source (:mod:`~zhenggai.agent.candidates`, plus the rules' own answer
so that the LLM can always agree with it), each kept with its offset so that what is chosen is grounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ..schemas import Figure, Indicator, Measure, Report, Span
from ..textspans import sentence_of
from .answer import KINDS, STATUSES
from .candidates import body_options, subject_options
from .label_prompts import ASK

Field = Literal["kind", "status", "responsible", "subject", "indicator"]
FIELDS: tuple[Field, ...] = ("kind", "status", "responsible", "subject", "indicator")
MEASURE_FIELDS = frozenset({"kind", "status", "responsible"})

INDICATORS: dict[str, Indicator] = {
    "问题": "problems",
    "已整改": "problems_done",
    "线索": "leads",
    "案件": "cases",
    "处分": "punished",
    "问责": "accountable",
    "追缴资金": "funds_recovered",
    "投入资金": "funds_spent",
    "制度": "rules",
    "文件": "documents",
    "会议": "meetings",
    "培训": "training",
    "检查": "inspections",
    "人数": "people",
    "其他": "other",
}
WORDS: dict[str, Mapping[str, str]] = {"kind": KINDS, "status": STATUSES, "indicator": INDICATORS}
PROMPTS: dict[Field, str] = {f: f"label_{f}_v1" for f in FIELDS}
NONE = "无"  # a subject: the clause names no counted thing

KIND_CHARS = 120  # the lead phrase decides a kind; the rest is bounded to keep the call small
STATUS_CHARS = 200  # a completion cue can stand anywhere, but a measure this long has shown it by then
BODY_CHARS = 200
MAX_BODIES = 3
CONTEXT_CHARS = 40  # a figure's sentence, this far either side at most: its near words decide, and each token costs


@dataclass(frozen=True)
class Question:
    field: Field
    problem: int
    index: int  # of the measure or figure in its problem
    start: int
    end: int
    text: str  # the user message: the item, and its candidates where the field chooses spans
    options: tuple[str, ...]  # the answers allowed (Chinese words, or candidate texts)
    spans: tuple[Span, ...] = ()  # where each candidate stands, parallel to ``options`` (span fields)
    many: bool = False  # a list of options (responsible bodies)

    @property
    def path(self) -> str:
        kind = "measures" if self.field in MEASURE_FIELDS else "figures"
        return f"problems[{self.problem}].{kind}[{self.index}]"


# llama-cpp-python's schema-to-grammar conversion escapes a quote or backslash inside an enum value twice, and
# its server crashes on the grammar it then cannot parse: a candidate shows those in their full-width forms (an
# option is only the label of its span, which keeps the source text).
GRAMMAR_SAFE = str.maketrans({'"': "\uff02", "\\": "\uff3c"})


def _candidates(found: list[Span]) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    seen: dict[str, Span] = {}
    for s in found:
        seen.setdefault(s.text.translate(GRAMMAR_SAFE), s)
    return tuple(seen), tuple(seen.values())


def _at(text: str, start: int) -> Span:
    return Span(text=text, start=start, end=start + len(text))


def measure_question(field: Field, p: int, k: int, m: Measure) -> Question | None:
    if field in ("kind", "status"):
        chars = KIND_CHARS if field == "kind" else STATUS_CHARS
        return Question(field, p, k, m.start, m.end, ASK + m.text[:chars], tuple(WORDS[field]))
    bodies = [_at(b, m.start + m.text.index(b)) for b in body_options(m.text)] + list(m.responsible)
    options, spans = _candidates(sorted(bodies, key=lambda s: s.start))
    if not options:  # nothing to choose from: no question (the rules have none either)
        return None
    text = f"{ASK}{m.text[:BODY_CHARS]}\n候选:{'|'.join(options)}"
    return Question(field, p, k, m.start, m.end, text, options, spans, many=True)


def figure_question(
    field: Field, p: int, k: int, f: Figure, figures: list[Figure], src: str, lo: int, hi: int
) -> Question:
    s, e = sentence_of(src, f.start, f.end, lo, hi)
    s, e = max(s, f.start - CONTEXT_CHARS), min(e, f.end + CONTEXT_CHARS)
    shown = f"{src[s : f.start]}【{f.text}】{src[f.end : e]}".strip()
    if field == "indicator":
        return Question(field, p, k, f.start, f.end, ASK + shown, tuple(WORDS[field]))
    near_lo = max(s, figures[k - 1].end if k else s)  # a subject never reaches into the next figure
    near_hi = min(e, figures[k + 1].start if k + 1 < len(figures) else e)
    found = [
        _at(c, f.start - len(c)) if src[f.start - len(c) : f.start] == c else _at(c, f.end)
        for c in subject_options(src, f.start, f.end, near_lo, near_hi)
    ]
    found += [f.subject] if f.subject else []
    options, spans = _candidates(found)
    text = f"{ASK}{shown}\n候选:{'|'.join(options) or NONE}"
    return Question(field, p, k, f.start, f.end, text, (*options, NONE), spans)


def questions(report: Report, field: Field, problems: int | None = None) -> Iterator[Question]:
    """The questions of one field over a report (its first ``problems`` only, where given), in reading order."""
    for i, p in enumerate(report.problems[:problems]):
        if field in MEASURE_FIELDS:
            for k, m in enumerate(p.measures):
                q = measure_question(field, i, k, m)
                if q is not None:
                    yield q
            continue
        lo, hi = p.title.start, p.body.end if p.body else p.finding.end
        for k, fig in enumerate(p.figures):
            yield figure_question(field, i, k, fig, p.figures, report.text, lo, hi)
