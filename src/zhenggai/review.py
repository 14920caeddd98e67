"""The review page: a self-contained HTML document per report, for a person checking an extraction.

The source text is shown whole, with the outline (category, group, problem, title, measures), figures, dates,
the meta, validation issues and, given gold, what the prediction missed or added (located by
:mod:`zhenggai.eval.diff`), marked at their offsets. Every string from the report is HTML-escaped and the
scripts read only ``data-`` attributes, so a page runs no code taken from the source; it loads nothing from
elsewhere and works opened from disk (its CSP forbids all else).

Hooks for tests and tools: ``section.problem[data-label]`` (id ``p-N``), ``.title``, ``.measure`` (every other
one ``.alt``), ``.fig[data-start][data-end][data-value][data-unit]``, ``.date[data-start][data-end][data-iso]``
(``start/end`` for a range), both ``.loose`` outside the problems, ``.meta[data-field]`` (id ``m-N``),
``.issue[data-code]`` (id ``i-N``), ``.miss``/``.extra[data-kind]`` (id ``g-N``); on the index, ``#reports``.
A mark that crosses another is closed and reopened: its later pieces have class ``cont``, no id and no tabindex."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .eval.diff import GoldDiff, diff_tip, gold_diffs
from .eval.markdown import describe, number
from .eval.score import DocScore
from .golden import read_golden
from .rules import mentions
from .schemas import DateMention, Figure, Measure, Meta, Problem, Report, Section, Span, ValidationIssue
from .textspans import TitleIndex, field_lines, problem_extent, source_stem

Json = dict[str, Any]

# Nesting order of marks over the same span, outermost first.
PROBLEM, HEADING, ITEM, VALUE, GOLD, ISSUE = range(6)
LOOSE_NOTE = " (outside the problems: shown, not extracted or scored)"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class Mark:
    """An element wrapped around ``text[start:end]``; an empty element when ``start == end``."""

    start: int
    end: int
    cls: str
    rank: int
    tip: str = ""  # shown on hover/focus; a mark with a tip is focusable
    data: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # the id of its first piece


def _open(mark: Mark, first: bool) -> str:
    tag = "section" if mark.rank == PROBLEM else "span"
    attrs = [f'class="{mark.cls}{"" if first else " cont"}"']
    if first and mark.anchor:
        attrs.append(f'id="{_esc(mark.anchor)}"')
    if mark.rank == PROBLEM:
        attrs.append('tabindex="-1"')  # focused by keyboard navigation, not a tab stop
    elif first and mark.tip:
        attrs.append('tabindex="0"')
    attrs += [f'data-{k}="{_esc(v)}"' for k, v in mark.data.items()]
    if mark.tip:
        attrs.append(f'data-tip="{_esc(mark.tip)}"')
    return f"<{tag} {' '.join(attrs)}>"


def _close(mark: Mark) -> str:
    return "</section>" if mark.rank == PROBLEM else "</span>"


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` escaped, with ``marks`` as properly nested elements.

    At every boundary the open elements are compared with the marks covering the next character, ordered
    problems first, then outer (earlier start, later end) before inner: elements past the common prefix are
    closed and the missing ones (re)opened, so crossing marks are split instead of producing bad markup.
    """
    n = len(text)
    clamped = [replace(m, start=min(max(m.start, 0), n), end=min(max(m.end, m.start, 0), n)) for m in marks]
    ordered = sorted(clamped, key=lambda m: (m.rank != PROBLEM, m.start, -m.end, m.rank))
    starting: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(ordered):
        starting[m.start].append(i)
    cuts = sorted({0, n, *(m.start for m in ordered), *(m.end for m in ordered)})
    out: list[str] = []
    stack: list[int] = []
    active: set[int] = set()
    opened: set[int] = set()
    for pos, nxt in zip(cuts, [*cuts[1:], n], strict=False):
        active = {i for i in active if ordered[i].end > pos} | {i for i in starting[pos] if ordered[i].end > pos}
        wanted = sorted(active)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out += [_close(ordered[i]) for i in reversed(stack[keep:])]
        for i in starting[pos]:
            if ordered[i].end == pos:
                out.append(_open(ordered[i], True) + _close(ordered[i]))
        for i in wanted[keep:]:
            out.append(_open(ordered[i], i not in opened))
            opened.add(i)
        stack = wanted
        out.append(html.escape(text[pos:nxt], quote=False))
    return "".join(out)


def _span_texts(spans: list[Span]) -> str:
    return "、".join(s.text for s in spans)


def _counts(p: Problem) -> str:
    return f"{len(p.measures)} measures · {len(p.figures)} figures · {len(p.dates)} dates"


Others = Mapping[tuple[int, int], list[str]]  # an item's span → the label answers not taken, as said


def _other_answers(report: Report) -> dict[tuple[int, int], list[str]]:
    """Where the rules and the LLM gave different labels, the answer not taken (``llm_other_answer`` issues)."""
    out: dict[tuple[int, int], list[str]] = {}
    for i in report.issues:
        if i.code == "llm_other_answer" and i.start is not None and i.end is not None:
            out.setdefault((i.start, i.end), []).append(i.message)
    return out


def _sourced(value: object, item: Measure | Figure, label: str) -> object:
    """A label's value with where it came from (rules, llm, both agreeing)."""
    source = item.sources.get(label)
    return f"{value} ({source})" if value not in (None, "", []) and source else value


def _figure_mark(f: Figure, loose: bool = False, others: Others | None = None) -> Mark:
    value = f"{number(f.value)} {f.unit}" + (" (approximate)" if f.approximate else "")
    tip = field_lines(
        ("figure" + (LOOSE_NOTE if loose else ""), f.text),
        ("value", value),
        ("subject", _sourced(f.subject.text if f.subject else None, f, "subject")),
        ("indicator", _sourced(f.indicator, f, "indicator")),
        *(("both answers", o) for o in (others or {}).get((f.start, f.end), [])),
    )
    return Mark(
        f.start,
        f.end,
        "fig loose" if loose else "fig",
        VALUE,
        tip,
        {"start": str(f.start), "end": str(f.end), "value": number(f.value), "unit": f.unit},
    )


def _date_iso(d: DateMention) -> str:
    return f"{d.start_iso}/{d.end_iso}" if d.end_iso else d.start_iso


def _date_shown(d: DateMention) -> str:
    # the model has no open-end flag: 2020年9月至今 is start 2020-09 with no end, its text ending in 至今
    end = d.end_iso or ("至今" if d.text.endswith("至今") else None)
    return f"{d.start_iso} … {end}" if end else d.start_iso


def _date_mark(d: DateMention, loose: bool = False) -> Mark:
    tip = field_lines(
        ("date" + (LOOSE_NOTE if loose else ""), d.text), ("ISO", _date_shown(d)), ("precision", d.precision.value)
    )
    data = {"start": str(d.start), "end": str(d.end), "iso": _date_iso(d)}
    return Mark(d.start, d.end, "date loose" if loose else "date", VALUE, tip, data)


def _measure_marks(measures: list[Measure], owner: str, others: Others | None = None) -> list[Mark]:
    # every other measure is shaded differently, so two adjacent measures read as two
    marks = []
    for k, m in enumerate(measures):
        tip = field_lines(
            ("measure", f"{m.marker or '—'} of {owner}"),
            ("kind", _sourced(m.kind, m, "kind")),
            ("status", _sourced(m.status, m, "status")),
            ("responsible", _sourced(_span_texts(m.responsible), m, "responsible")),
            ("documents", _span_texts(m.documents)),
            *(("both answers", o) for o in (others or {}).get((m.start, m.end), [])),
        )
        cls = "measure alt" if k % 2 else "measure"
        marks.append(Mark(m.start, m.end, cls, ITEM, tip, {"start": str(m.start), "end": str(m.end)}))
    return marks


def _section_marks(name: str, section: Section) -> list[Mark]:
    marks = _measure_marks(section.measures, name)
    if section.heading is not None:
        h = section.heading
        marks.append(Mark(h.start, h.end, "heading", HEADING, f"section: {name}"))
    return marks


def _meta_spans(meta: Meta) -> list[tuple[str, Span]]:
    """The meta fields quoted from the text, as (field, span), in field order."""
    single = [(f, getattr(meta, f)) for f in ("issuer", "inspected_unit", "inspection_team")]
    listed = [(f, s) for f in ("phones", "emails", "progress") for s in getattr(meta, f)]
    return [(f, s) for f, s in single + listed if s is not None]


def _meta_marks(meta: Meta) -> list[Mark]:
    return [
        Mark(
            s.start,
            s.end,
            "meta",
            VALUE,
            field_lines(("meta", name), ("text", s.text)),
            {"field": name, "start": str(s.start), "end": str(s.end)},
            f"m-{k}",
        )
        for k, (name, s) in enumerate(_meta_spans(meta))
    ]


def _loose_marks(report: Report) -> list[Mark]:
    """Figures and dates between the problems (opening, organisation, next steps, closing), found by the
    rules' own scanners: the report model holds mentions only inside problems, and an unmarked figure would
    look like a miss. Bare numbers there are list labels, not figures."""
    text, titles = report.text, TitleIndex(report.text)
    year = report.meta.reference_year
    bounds = [0, *(x for p in report.problems for x in problem_extent(p)), len(text)]
    marks: list[Mark] = []
    for lo, hi in zip(bounds[::2], bounds[1::2], strict=True):
        if lo < hi:
            figures, dates = mentions(text, lo, hi, year, titles, meta=report.meta)
            marks += [_figure_mark(f, loose=True) for f in figures if f.unit]
            marks += [_date_mark(d, loose=True) for d in dates]
    return marks


def _report_marks(report: Report) -> list[Mark]:
    marks: list[Mark] = _meta_marks(report.meta) + _loose_marks(report)
    shared: set[tuple[str, int, int]] = set()  # one category or group heading stands over several problems
    others = _other_answers(report)
    for i, p in enumerate(report.problems):
        for cls, span in (("category", p.category), ("group", p.group)):
            if span is not None and (cls, span.start, span.end) not in shared:
                shared.add((cls, span.start, span.end))
                marks.append(Mark(span.start, span.end, cls, HEADING, f"{cls}: {span.text}"))
        start, end = problem_extent(p)
        marks.append(Mark(start, end, "problem", PROBLEM, data={"label": p.label, "index": str(i)}, anchor=f"p-{i}"))
        marks.append(
            Mark(
                p.title.start,
                p.title.end,
                "title",
                ITEM,
                f"problem {p.label}\n{_counts(p)}",
                {"start": str(p.title.start), "end": str(p.title.end)},
            )
        )
        marks += _measure_marks(p.measures, f"problem {p.label}", others)
        marks += [_figure_mark(f, others=others) for f in p.figures] + [_date_mark(d) for d in p.dates]
    for name, section in (("organisation", report.organisation), ("next steps", report.next_steps)):
        if section is not None:
            marks += _section_marks(name, section)
    for k, issue in enumerate(report.issues):
        if issue.start is not None and issue.code != "llm_other_answer":  # shown in its item's tip instead
            end = issue.end if issue.end is not None else issue.start
            marks.append(
                Mark(
                    issue.start,
                    end,
                    f"issue {issue.severity}",
                    ISSUE,
                    _issue_tip(issue),
                    {"code": issue.code, "start": str(issue.start), "end": str(end)},
                    f"i-{k}",
                )
            )
    return marks


def _issue_tip(issue: ValidationIssue) -> str:
    what = "dropped by the LLM check" if issue.code in ("llm_dropped", "llm_failed") else "validation issue"
    return field_lines((f"{issue.severity}: {what}", issue.code), ("reason", issue.message), ("path", issue.path))


# --- gold ---------------------------------------------------------------------------------------------------


def _diff_marks(diffs: list[GoldDiff]) -> list[Mark]:
    return [
        Mark(
            d.where[0],
            d.where[1],
            d.side,
            GOLD,
            diff_tip(d),
            {"kind": d.item["kind"], "start": str(d.where[0]), "end": str(d.where[1])},
            f"g-{k}",
        )
        for k, d in enumerate(diffs)
        if d.where is not None
    ]


# --- pages --------------------------------------------------------------------------------------------------

CSS = """
:root { --sans: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", system-ui, sans-serif;
  --serif: "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "WenQuanYi Micro Hei", serif; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 var(--sans); color: #1f2328; background: #f3f4f6; }
a { color: #1d4ed8; }
table { border-collapse: collapse; background: #fff; margin: 1.5rem; }
th, td { padding: .35rem .8rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th button { all: unset; cursor: pointer; font-weight: 700; }
th button:focus-visible { outline: 2px solid #4f46e5; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr.failed td { color: #b91c1c; }
.page { display: grid; grid-template-columns: minmax(16rem, 23rem) 1fr; }
aside { position: sticky; top: 0; height: 100vh; overflow: auto; background: #fff; border-right: 1px solid #d1d5db;
  padding: .8rem 1rem; font-size: 13.5px; }
aside h2 { font-size: 14px; margin: 1rem 0 .4rem; }
aside ol { list-style: none; margin: 0; padding: 0; }
aside li { padding: .25rem .3rem; border-radius: 4px; }
aside li a { text-decoration: none; color: inherit; display: block; }
aside li.current, aside li:hover { background: #eef2ff; }
aside .t { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
aside small, .muted { color: #6b7280; }
aside li.error code { color: #b91c1c; } aside li.warning code { color: #b45309; }
.keys kbd { border: 1px solid #d1d5db; border-radius: 3px; padding: 0 .3em; background: #f9fafb; }
main { padding: 1rem 2rem 4rem; min-width: 0; }
header h1 { font-size: 20px; margin: .2rem 0; word-break: break-all; }
.legend span { margin-right: .8em; }
.meta-list { display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; margin: .4rem 0; font-size: 13.5px; }
.meta-list dt { color: #6b7280; }
.meta-list dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 18px/1.95 var(--serif); letter-spacing: .02em;
  max-width: 46em; margin: 1rem auto; padding: 2rem 2.6rem; background: #fff; box-shadow: 0 1px 3px #0002; }
.problem { display: block; border-left: 3px solid #e5e7eb; margin-left: -1rem; padding-left: calc(1rem - 3px);
  scroll-margin-top: 1rem; }
.problem:focus, .problem:target { outline: none; border-left-color: #4f46e5; background: #fafaff; }
.category { font-weight: 700; color: #6d28d9; font-size: 1.08em; }
.group, .heading { font-weight: 700; color: #0f766e; }
.title { font-weight: 700; color: #111827; }
.measure { background: #fff7e0; }
.measure:not(.cont) { border-left: 3px solid #f5b041; padding-left: 2px; }
.measure.alt { background: #ffe6b3; }
.measure.alt:not(.cont) { border-left-color: #b9650e; }
.fig { background: #d6e6ff; border-bottom: 2px solid #2563eb; }
.date { background: #d3f5dd; border-bottom: 2px solid #15803d; }
.fig.loose, .date.loose { background: none; border-bottom-style: dashed; }
.meta { background: #efe4ff; border-bottom: 2px solid #7c3aed; }
.fig, .date, .meta { border-radius: 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.issue { text-decoration: underline wavy #dc2626; text-decoration-skip-ink: none; text-underline-offset: .3em; }
.issue.warning { text-decoration-color: #d97706; }
.issue:not(.cont)::before { content: "⚠"; color: #dc2626; font: 12px var(--sans); vertical-align: super; }
.issue.warning:not(.cont)::before { color: #d97706; }
.miss { outline: 2px dashed #ea580c; outline-offset: 1px; }
.extra { outline: 2px dotted #9333ea; outline-offset: 1px; }
.text [tabindex="0"]:focus { outline: 3px solid #111827; outline-offset: 2px; }
#tip { position: fixed; z-index: 10; max-width: 26rem; padding: .5rem .7rem; border-radius: 6px; background: #111827;
  color: #f9fafb; font: 13px/1.5 var(--sans); white-space: pre-line; pointer-events: none;
  box-shadow: 0 4px 12px #0004; }
@media print {
  @page { margin: 16mm; }
  body { background: #fff; }
  .page { display: block; }
  aside, #tip, .keys { display: none; }
  main { padding: 0; }
  .text { max-width: none; margin: 0; padding: 0; box-shadow: none; font-size: 11.5pt; }
  .text * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .problem { border-left: none; margin-left: 0; padding-left: 0; }
}
"""

# Tooltips show the data-tip of the item and of the items around it; j/k (n/p) move between problems, i between
# issues. It reads only data- attributes and writes only textContent.
JS = """
(() => {
  const text = document.querySelector('.text');
  const tip = document.getElementById('tip');
  const problems = [...text.querySelectorAll('.problem')];
  const issues = [...text.querySelectorAll('.issue:not(.cont)')];
  const navItems = [...document.querySelectorAll('#problems li')];
  let current = -1, issue = -1;

  function showTip(el) {
    const inner = el.closest('[data-tip]');
    if (!inner || !text.contains(inner)) { tip.hidden = true; return; }
    const lines = [];
    for (let e = inner; e && text.contains(e); e = e.parentElement.closest('[data-tip]')) lines.push(e.dataset.tip);
    lines.push(document.body.dataset.provenance);
    tip.textContent = lines.join('\\n—\\n');
    tip.hidden = false;
    const r = inner.getBoundingClientRect();
    const fitsBelow = r.bottom + 8 + tip.offsetHeight < innerHeight;
    tip.style.left = Math.max(8, Math.min(r.left, innerWidth - tip.offsetWidth - 8)) + 'px';
    tip.style.top = (fitsBelow ? r.bottom + 8 : Math.max(8, r.top - tip.offsetHeight - 8)) + 'px';
  }

  function setCurrent(i) {
    if (i < 0) return;
    current = i;
    navItems.forEach((li, k) => li.classList.toggle('current', k === i));
    navItems[i]?.scrollIntoView({block: 'nearest'});
  }

  function focusOn(el, block) {
    el.scrollIntoView({block});
    el.focus({preventScroll: true});
  }

  text.addEventListener('mouseover', e => showTip(e.target));
  text.addEventListener('mouseleave', () => { tip.hidden = true; });
  text.addEventListener('focusin', e => {
    showTip(e.target);
    setCurrent(problems.indexOf(e.target.closest('.problem')));
    if (issues.includes(e.target)) issue = issues.indexOf(e.target);
  });
  text.addEventListener('focusout', () => { tip.hidden = true; });

  function followHash() {
    const el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && text.contains(el)) el.focus({preventScroll: true});
  }
  addEventListener('hashchange', followHash);
  followHash();

  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = {j: 1, n: 1, k: -1, p: -1}[e.key];
    if (step && problems.length) {
      focusOn(problems[Math.min(Math.max(current + step, 0), problems.length - 1)], 'start');
    } else if (e.key === 'i' && issues.length) {
      focusOn(issues[issue = (issue + 1) % issues.length], 'center');
    } else {
      return;
    }
    e.preventDefault();
  });
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _document(title: str, body: str, body_attrs: str = "", script: str = "") -> str:
    # The CSP allows only this page's own style and script (by hash): no request leaves the page, and even
    # markup slipped into the text could run nothing.
    script_src = _csp_hash(script) if script else "'none'"
    csp = f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {script_src}"
    return (
        f'<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body{body_attrs}>\n{body}\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def _provenance(report: Report) -> str:
    p = report.provenance
    return " · ".join(
        x
        for x in (
            f"extractor: {p.extractor} {p.version}",
            p.model and f"model: {p.model}",
            p.prompt_version and f"prompt: {p.prompt_version}",
        )
        if x
    )


def _problem_nav(report: Report) -> str:
    items = [
        f'<li><a href="#p-{i}"><b>{_esc(p.label)}</b> <span class="t">{_esc(p.title.text)}</span>'
        f"<small>{_counts(p)}</small></a></li>"
        for i, p in enumerate(report.problems)
    ]
    return f'<h2>Problems ({len(items)})</h2>\n<ol id="problems">{"".join(items)}</ol>'


def _issue_list(report: Report) -> str:
    items = []
    for k, issue in enumerate(report.issues):
        code = (
            f'<a href="#i-{k}"><code>{_esc(issue.code)}</code></a>'
            if issue.start is not None and issue.code != "llm_other_answer"
            else f"<code>{_esc(issue.code)}</code>"
            + ("" if issue.start is not None else " <small>(no offsets)</small>")
        )
        dropped = "dropped by the LLM check: " if issue.code in ("llm_dropped", "llm_failed") else ""
        items.append(
            f'<li class="{issue.severity}">{code} {dropped}{_esc(issue.message)} <small>{_esc(issue.path)}</small></li>'
        )
    return f'<h2>Issues ({len(items)})</h2>\n<ol id="issues">{"".join(items)}</ol>'


def _gold_list(score: DocScore, diffs: list[GoldDiff]) -> str:
    f1 = (
        f"problems F1 {score.problems.f1:.3f} · figures F1 {score.figures_full.f1:.3f} · "
        f"dates F1 {score.dates_full.f1:.3f}"
    )
    parts = [f'<h2>Gold</h2>\n<p class="muted">{f1}</p>']
    for side, list_id, heading in (
        ("miss", "misses", "Missed (in gold only)"),
        ("extra", "extras", "Extra (predicted only)"),
    ):
        items = []
        for k, d in enumerate(diffs):
            if d.side == side:
                what = f"<code>{_esc(d.item['kind'])}</code> {_esc(describe(d.item))}"
                where = f'<a href="#g-{k}">{what}</a>' if d.where else f"{what} <small>(not located)</small>"
                items.append(f'<li class="{side}-item"><span class="t">{where}</span></li>')
        parts.append(f'<h2>{heading} ({len(items)})</h2>\n<ol id="{list_id}">{"".join(items)}</ol>')
    return "\n".join(parts)


LEGEND = (
    '<span class="category">category</span> <span class="group">group</span> <span class="title">title</span> '
    '<span class="measure">measure</span> <span class="measure alt">next measure</span> '
    '<span class="fig">figure</span> <span class="date">date</span> '
    '<span class="meta">meta</span> <span class="issue error">issue</span> outside the problems: '
    '<span class="fig loose">figure</span> <span class="date loose">date</span>'
)
GOLD_LEGEND = ' <span class="miss">missed</span> <span class="extra">extra</span>'


def _meta_header(report: Report) -> str:
    """The meta as a list: quoted fields link to their mark in the text, derived ones (dates) are plain."""
    m = report.meta
    quoted: dict[str, list[str]] = defaultdict(list)
    for k, (name, s) in enumerate(_meta_spans(m)):
        quoted[name].append(f'<a href="#m-{k}">{_esc(s.text)}</a>')
    inspection = " … ".join(d for d in (m.inspection_start, m.inspection_end) if d)
    rows = [
        ("inspection team", "、".join(quoted["inspection_team"])),
        ("inspected unit", "、".join(quoted["inspected_unit"])),
        ("inspection kind", _esc(m.inspection_kind or "")),
        ("inspection", _esc(inspection)),
        ("feedback", _esc(m.feedback_date or "")),
        ("published", _esc(m.published_date or "")),
        ("issuer", "、".join(quoted["issuer"])),
        ("progress", " · ".join(quoted["progress"])),
        ("phones", "、".join(quoted["phones"])),
        ("emails", "、".join(quoted["emails"])),
    ]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f'<dl class="meta-list">{items}</dl>'


def render_report(report: Report, gold: Json | None = None) -> str:
    """The review page of one report; with ``gold`` (golden contract) its misses and extras are marked too."""
    marks = _report_marks(report)
    aside = [
        '<p class="keys"><kbd>j</kbd>/<kbd>k</kbd> or <kbd>n</kbd>/<kbd>p</kbd> next/previous problem · '
        "<kbd>i</kbd> next issue · hover or focus a mark for its values</p>",
        _issue_list(report),
    ]
    if gold is not None:
        score, diffs = gold_diffs(report, gold)
        marks += _diff_marks(diffs)
        aside.append(_gold_list(score, diffs))
    aside.append(_problem_nav(report))
    facts = field_lines(
        ("status", report.status + (f" — {report.status_detail}" if report.status_detail else "")),
        ("provenance", _provenance(report)),
    )
    legend = LEGEND + (GOLD_LEGEND if gold is not None else "")
    header = (
        f"<header><h1>{_esc(report.source)}</h1>"
        f'<p class="muted">{"<br>".join(_esc(line) for line in facts.splitlines())}</p>{_meta_header(report)}'
        f'<p class="legend">{legend}</p></header>'
    )
    body = (
        f'<div class="page">\n<aside>\n{chr(10).join(aside)}\n</aside>\n<main>\n{header}\n'
        f'<div class="text" lang="zh-CN">{highlight(report.text, marks)}</div>\n</main>\n</div>\n'
        f'<div id="tip" role="tooltip" hidden></div>'
    )
    return _document(f"{report.source} — review", body, f' data-provenance="{_esc(_provenance(report))}"', JS)


# Sorts the index by the clicked column (again: the other way); a cell's data-sort, if any, is its sort key.
INDEX_JS = """
(() => {
  const table = document.getElementById('reports');
  const heads = [...table.tHead.rows[0].cells];
  const isNum = s => s !== '' && !isNaN(s);
  heads.forEach((th, col) => th.querySelector('button').addEventListener('click', () => {
    const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    heads.forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    const key = row => row.cells[col].dataset.sort ?? row.cells[col].textContent.trim();
    const rows = [...table.tBodies[0].rows].sort((a, b) => {
      const x = key(a), y = key(b);
      return dir * (isNum(x) && isNum(y) ? x - y : x.localeCompare(y, 'zh-CN'));
    });
    table.tBodies[0].append(...rows);
  }));
})();
"""

Failed = tuple[str | Path, str, str]  # an input that gave no report: (path, error code, message)


def _year(r: Report) -> str:
    m = r.meta
    return str(m.reference_year) if m.reference_year else (m.published_date or "")[:4]


def render_index(entries: list[tuple[str, Report]], failed: Sequence[Failed] = ()) -> str:
    """A sortable table of a job's reports, each linking to ``NAME.html`` beside the index, and of the inputs
    that failed, with their error."""
    rows = []
    for name, r in entries:
        m = r.meta
        errors = sum(i.severity == "error" for i in r.issues)
        plural = "" if errors == 1 else "s"
        cells = [
            f'<td><a href="{_esc(quote(name))}.html">{_esc(r.source)}</a>',
            f"<td>{_esc(m.inspected_unit.text if m.inspected_unit else '')}",
            f'<td class="n">{_esc(_year(r))}',
            f"<td>{_esc(m.inspection_team.text if m.inspection_team else '')}",
            f'<td class="n">{len(r.problems)}',
            f'<td class="n" data-sort="{len(r.issues)}">{len(r.issues)} '
            f'<small class="muted">({errors} error{plural})</small>',
            f"<td>{_esc(r.status)}",
            f"<td>{_esc(r.status_detail or '')}",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    for path, code, message in failed:
        cells = [f"<td>{_esc(path)}", "<td>", "<td>", "<td>", "<td>", "<td>", f"<td><code>{_esc(code)}</code>"]
        rows.append(f'<tr class="failed">{"".join(cells)}<td>{_esc(message)}</tr>')
    heads = ("report", "inspected unit", "year", "inspection team", "problems", "issues", "status", "detail")
    head = "".join(f'<th><button type="button">{h}</button>' for h in heads)
    title = f"Review: {len(entries)} reports" + (f", {len(failed)} failed" if failed else "")
    body = (
        f"<main><header><h1>{title}</h1></header>\n"
        f'<table id="reports"><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></main>"
    )
    return _document("Review", body, script=INDEX_JS)


def _page_names(reports: Sequence[Report]) -> list[str]:
    """A safe, unique file name per report: its source's stem, numbered on a clash (``index`` is taken)."""
    used, names = {"index"}, []
    for r in reports:
        stem = re.sub(r"[^\w.-]+", "_", source_stem(r)).strip("_.") or "report"
        name, k = stem, 1
        while name in used:
            k += 1
            name = f"{stem}-{k}"
        used.add(name)
        names.append(name)
    return names


def _gold_for(report: Report, gold_dir: Path | None) -> Json | None:
    path = gold_dir / f"{source_stem(report)}.gold.json" if gold_dir is not None else None
    return read_golden(path) if path is not None and path.exists() else None


def write_review(
    reports: Sequence[Report], out: Path, gold_dir: Path | None = None, failed: Sequence[Failed] = ()
) -> list[Path]:
    """One report, no failed inputs and ``out`` not an existing directory: the page, written to ``out``
    (``.html`` added when it has no suffix). Otherwise (``out`` an existing directory, several reports, or
    failed inputs as a job has) ``out`` is a directory of ``NAME.html`` pages and an ``index.html`` of them
    all, failures included. Gold is ``gold_dir/NAME.gold.json`` where it exists. Returns the files written."""
    if len(reports) == 1 and not failed and not out.is_dir():
        page = out if out.suffix else out.with_suffix(".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_report(reports[0], _gold_for(reports[0], gold_dir)), encoding="utf-8")
        return [page]
    out.mkdir(parents=True, exist_ok=True)
    entries = list(zip(_page_names(reports), reports, strict=True))
    written = []
    for name, report in entries:
        path = out / f"{name}.html"
        path.write_text(render_report(report, _gold_for(report, gold_dir)), encoding="utf-8")
        written.append(path)
    index = out / "index.html"
    index.write_text(render_index(entries, failed), encoding="utf-8")
    return [*written, index]
