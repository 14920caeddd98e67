"""Consistency checker for a golden directory: gold must be provably consistent with its source.

Independent of the extractor's readers: its own tiny figure reader, plain string search over the normalised
source. The digits a problem's gold may leave out are the contract's exclusions, from the one table the figure
scanner uses too (:mod:`zhenggai.exclusions`, with the checker's own wider rows); a wrong row would thus go
unnoticed by both, which is why each row is tested on its own. A finding here is a line
``NAME: problem LABEL: what is wrong``.

Version 2 labels are checked where present: ``kind``, ``status`` and ``indicator`` from the contract's
vocabularies, each ``responsible`` body verbatim in its measure's text and named once, each ``subject`` a
string verbatim in its figure's sentence of the source (or null); a version 1 file carries no labels.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, get_args

from ..exclusions import Use, excluded, site_at
from ..golden import FIGURE_LABELS, FORMAT_V1, MEASURE_LABELS, GoldError, gold_pairs, measure_text, norm, read_golden
from ..load import LoadError, load_path
from ..schemas import Indicator, MeasureKind, MeasureStatus
from ..textspans import TitleIndex

# YYYY, YYYY-MM, YYYY-MM-DD, and where the report gives no year the yearless forms --MM and --MM-DD
_ISO = re.compile(r"^(?:\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")
_FIG = re.compile(r"^(\d+(?:\.\d+)?)(?:/(\d+))?(万亿|千万|百万|亿|万|千|百)?(余|多)?(万|亿)?(.*)$")
VOCABULARY: dict[str, tuple[str, ...]] = {
    "kind": get_args(MeasureKind),
    "status": get_args(MeasureStatus),
    "indicator": get_args(Indicator),
}
_SENTENCE_END = "。!?"  # after norm: full-width ！？ are ! ?; no line breaks are left
_SCALE = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100}


def figure_value(text: str, unit: str) -> Decimal | None:
    """Value of a figure's text read on its own: number, fraction, multipliers; None if it cannot be read."""
    m = _FIG.match(text)
    if not m:
        return None
    num, den, mult1, _, mult2, _rest = m.groups()
    if mult1 and unit.startswith(mult1):  # 千米, 千克, 百分点: the character belongs to the unit
        mult1 = None
    try:
        value = Decimal(num) / Decimal(den) if den else Decimal(num)
    except (InvalidOperation, ZeroDivisionError):
        return None
    for mult in (mult1, mult2):
        if mult:
            value *= _SCALE[mult]
    return value


def _locate(haystack: str, needle: str, start: int) -> int:
    return haystack.find(needle, start) if needle else -1


def _check_problem(src: str, lo: int, hi: int, p: dict[str, Any], where: str) -> list[str]:
    """Check one problem inside ``src[lo:hi]`` (its title up to the next problem's title)."""
    out = []
    window = src[lo:hi]
    for f in ("title", "finding"):
        if not isinstance(p.get(f), str) or (norm(p[f]) or "") not in window:
            out.append(f"{where}: {f} {p.get(f)!r} not found in the problem")
    if isinstance(p.get("title"), str) and (norm(p.get("finding") or "") or "") not in (norm(p["title"]) or ""):
        out.append(f"{where}: finding is not inside the title")
    # The problem's own extent: its title through its last measure; the next heading's digits are not its own.
    extent = len(norm(p.get("title") or "") or "")
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(p.get("measures") or []):
        out += _check_measure_labels(m, f"{where}: measure {i + 1}")
        text = norm(measure_text(m)) or ""
        at = _locate(window, text, spans[-1][1] if spans else 0)
        if at < 0:
            out.append(f"{where}: measure {i + 1} not found after the previous one (order or overlap)")
            continue
        spans.append((at, at + len(text)))
        extent = max(extent, at + len(text))
    region = window[:extent]
    covered = [False] * len(region)

    def cover(s: int, e: int) -> None:
        for i in range(s, min(e, len(region))):
            covered[i] = True

    for at, _ in spans:  # numbered measure items carry their own label: (1) … (2) …, 措施1: … 措施2: …
        label = re.match(r"(?:措施)?\(?\d+[).、.:]", region[at:])
        if label:
            cover(at, at + label.end())
    for kind in ("figures", "dates"):
        pos = 0
        for item in p.get(kind) or []:
            text = norm(item.get("text")) or ""
            at = _locate(region, text, pos)
            if at < 0:
                out.append(f"{where}: {kind[:-1]} {item.get('text')!r} not found in order")
                continue
            cover(at, at + len(text))
            pos = at + len(text)
            out += _check_item(kind, item, where)
            if kind == "figures":
                out += _check_figure_labels(item, _sentence(region, at, at + len(text)), where)
    titles = TitleIndex(region)
    for m in re.finditer(r"\d+(?:\.\d+)?", region):
        site = site_at(region, m.start(), m.end(), 0, len(region), titles)
        if not all(covered[m.start() : m.end()]) and not excluded(site, Use.CHECKER):
            ctx = region[max(0, m.start() - 8) : m.end() + 8]
            out.append(f"{where}: digits {m.group()!r} not accounted for (…{ctx}…)")
    return out


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of normalised ``text`` around ``[start, end)``: between the sentence ends around it."""
    lo = max(text.rfind(c, 0, start) + 1 for c in _SENTENCE_END)
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return text[lo : min(ends) + 1 if ends else len(text)]


def _vocabulary(key: str, value: Any, where: str) -> list[str]:
    if value not in VOCABULARY[key]:
        return [f"{where}: {key} {value!r} is not in the vocabulary ({', '.join(VOCABULARY[key])})"]
    return []


def _check_measure_labels(m: Any, where: str) -> list[str]:
    if not isinstance(m, dict):
        return []
    out = [f"{where}: unknown key {k!r}" for k in m if k not in ("text", *MEASURE_LABELS)]
    out += [e for k in ("kind", "status") if k in m for e in _vocabulary(k, m[k], where)]
    if "responsible" in m:
        bodies = m["responsible"]
        if not isinstance(bodies, list) or not all(isinstance(b, str) and b for b in bodies):
            return [*out, f"{where}: responsible {bodies!r} is not a list of names"]
        text = norm(m["text"]) or ""
        seen: set[str] = set()
        for b in bodies:
            body = norm(b) or ""
            if body not in text:
                out.append(f"{where}: responsible {b!r} is not in the measure's text")
            if body in seen:
                out.append(f"{where}: responsible {b!r} is named twice")
            seen.add(body)
    return out


def _check_figure_labels(item: dict[str, Any], sentence: str, where: str) -> list[str]:
    what = f"{where}: figure {item.get('text')!r}"
    out = _vocabulary("indicator", item["indicator"], what) if "indicator" in item else []
    subject = item.get("subject")
    if "subject" in item and subject is not None:
        if not isinstance(subject, str) or not subject:
            out.append(f"{what}: subject {subject!r} is neither a string nor null")
        elif (norm(subject) or "") not in sentence:
            out.append(f"{what}: subject {subject!r} is not in its sentence of the source")
    return out


def _check_item(kind: str, item: dict[str, Any], where: str) -> list[str]:
    text = item.get("text") or ""
    if kind == "figures":
        value = figure_value(norm(text) or "", item.get("unit") or "")
        try:
            gold = Decimal(str(item.get("value")))
        except InvalidOperation:
            return [f"{where}: figure {text!r} value {item.get('value')!r} is not a number"]
        if value is None or value != gold:
            return [f"{where}: figure {text!r} has value {item.get('value')}, its text reads {value}"]
        unit = norm(item.get("unit") or "") or ""
        # A unit is written in the figure's text, except for a bare number sharing a later one (2至4个 → "2").
        bare = re.fullmatch(r"[\d./]+(万亿|千万|百万|亿|万|千|百)?", norm(text) or "")
        if unit and unit not in (norm(text) or "") and not bare:
            return [f"{where}: figure {text!r} unit {item.get('unit')!r} is not in its text"]
        return []
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, str) or not _ISO.match(start) or (end is not None and not _ISO.match(str(end))):
        return [f"{where}: date {text!r} has malformed ISO {start!r}/{end!r}"]
    if end is not None and end < start and not start.startswith("--"):  # a yearless range may cross a year end
        return [f"{where}: date {text!r} ends before it starts"]
    parts = {int(x) for x in re.split("-", start) + (re.split("-", end) if end else []) if x}
    for n in re.findall(r"\d+", norm(text) or ""):
        if int(n) not in parts:
            return [f"{where}: date {text!r} number {n} does not appear in {start}…{end}"]
    return []


def check_document(source_text: str, gold: dict[str, Any], name: str) -> list[str]:
    src = norm(source_text) or ""
    out: list[str] = []
    problems = gold["problems"]
    starts: list[int] = []
    pos = 0
    for p in problems:
        at = _locate(src, norm(p.get("title") or "") or "", pos)
        if at < 0:
            out.append(f"{name}: problem {p.get('label')}: title not found after the previous problem (document order)")
            starts.append(pos)
            continue
        starts.append(at)
        pos = at + 1
    last: dict[Any, int] = {}
    for p in problems:  # numbered labels increase (within a category, for layouts that restart per category)
        digits = re.sub(r"\D", "", p.get("label") or "")
        key = (p.get("category"), p.get("group"))
        if digits and key in last and int(digits) <= last[key]:
            out.append(f"{name}: problem {p.get('label')}: label out of order after {last[key]}")
        if digits:
            last[key] = int(digits)
    for i, p in enumerate(problems):
        hi = starts[i + 1] if i + 1 < len(starts) else len(src)
        out += _check_problem(src, starts[i], hi, p, f"{name}: problem {p.get('label')}")
    return out


def _has_labels(gold: dict[str, Any]) -> bool:
    return any(not isinstance(m, str) for p in gold["problems"] for m in p.get("measures") or []) or any(
        k in f for p in gold["problems"] for f in p.get("figures") or [] for k in FIGURE_LABELS
    )


def check_gold(directory: Path) -> list[str]:
    """Every inconsistency found in a golden directory; empty when the gold is consistent. A directory that
    is no golden set (missing, no gold files, a gold file with no source) raises GoldError: a usage error."""
    findings: list[str] = []
    pairs = gold_pairs(directory)
    if not pairs:
        raise GoldError(f"{directory}: no *.gold.json files")
    for src, gold_path in pairs:
        name = gold_path.name
        try:
            gold = read_golden(gold_path)
            text = load_path(src).text
        except (GoldError, LoadError) as exc:
            findings.append(f"{name}: {exc}")
            continue
        if gold.get("source") != src.name:
            findings.append(f"{name}: 'source' should be {src.name!r}")
        if gold.get("format") == FORMAT_V1 and _has_labels(gold):
            findings.append(f"{name}: labels or measure objects need format 'zhenggai-golden/2'")
        findings += check_document(text, gold, name)
    return findings
