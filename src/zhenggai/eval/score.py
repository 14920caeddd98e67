"""Scoring predictions against gold, both in the golden contract (``zhenggai-golden/1`` or ``/2``).

Pure functions over the two JSON documents, so the scorer is tested on hand-built predictions and runs the
same on any golden directory. All strings are compared after :func:`zhenggai.golden.norm`.

The version 1 metrics read only the version 1 content of either version. The version 2 labels (contract,
"Scoring version 2") are scored over the problems matched to gold and, within them, the measures matched by
normalised text and the figures matched by (text, value, unit), the k-th gold occurrence of a key with the
k-th predicted one; a gold item without a label key is not scored on that label. A prediction without the
key gave no answer: wrong for ``kind``, ``status``, ``indicator`` and ``subject`` (even where gold's subject
is null), no bodies for ``responsible``.

- ``kind``, ``status``, ``indicator``: accuracy, and macro F1 over the labels that occur in gold on the items
  (a predicted label gold never uses is only a false positive of nothing, and a miss of the gold label).
- ``responsible``: P/R/F1 over the normalised bodies, summed over the labelled measures.
- ``subject``: exact-match rate (a null on both sides is exact) and mean character-overlap F1
  (:func:`zhenggai.eval.agreement.char_f1`).

Each stands beside two baselines on the same items: ``commonest``, always giving the commonest gold answer
on those items — for the categorical labels the commonest label; for ``responsible`` the commonest whole list
of bodies (in practice ``[]``, which scores recall and F1 0); for ``subject`` the commonest subject, null
counted as one (on the dev gold a string, ``单位``: subjects rarely repeat, so this baseline is weak) — its
``answer`` is reported with it; and ``rules``, the rules-only extractor's answer, its items matched to the same
gold items the same way (an item the rules engine did not find gave no answer).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..golden import FIGURE_LABELS, match_items, measure_labels, measure_text, norm
from .agreement import char_f1

META_FIELDS = (
    "issuer",
    "inspected_unit",
    "inspection_kind",
    "inspection_team",
    "inspection_start",
    "inspection_end",
    "feedback_date",
    "published_date",
    "phones",
    "emails",
)
PROBLEM_FIELDS = ("label", "category", "group", "title", "finding")
MATCH_THRESHOLD = 0.5
CATEGORICAL = ("kind", "status", "indicator")
LABELS = ("kind", "status", "responsible", "indicator", "subject")
NO_ANSWER = "\0no answer"  # a prediction without the label key: never equal to a gold answer, null included

Json = dict[str, Any]
# The problems a miss or an extra was scored under: (gold index, predicted index), None for a side without
# one (an unmatched problem); (None, None) for a meta field.
Origin = tuple[int | None, int | None]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class DocScore:
    name: str
    meta: dict[str, bool] = field(default_factory=dict)
    problems: PRF = field(default_factory=PRF)
    fields: dict[str, Rate] = field(default_factory=lambda: {f: Rate() for f in PROBLEM_FIELDS})
    measure_count: Rate = field(default_factory=Rate)
    measures: PRF = field(default_factory=PRF)
    figures_text: PRF = field(default_factory=PRF)
    figures_full: PRF = field(default_factory=PRF)
    dates_text: PRF = field(default_factory=PRF)
    dates_full: PRF = field(default_factory=PRF)
    misses: list[Json] = field(default_factory=list)
    extras: list[Json] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # matched (gold, predicted) problem indices
    # ``misses[k]`` was scored under ``miss_origins[k]``, likewise for extras: readers locate an item by its
    # problem's index, since labels repeat within a report
    miss_origins: list[Origin] = field(default_factory=list)
    extra_origins: list[Origin] = field(default_factory=list)
    # version 2: per label, (gold answer, predicted answer, rules-only answer) of each matched labelled item
    labels: dict[str, list[tuple[Any, Any, Any]]] = field(default_factory=lambda: {k: [] for k in LABELS})

    def miss(self, origin: Origin, item: Json) -> None:
        self.misses.append(item)
        self.miss_origins.append(origin)

    def extra(self, origin: Origin, item: Json) -> None:
        self.extras.append(item)
        self.extra_origins.append(origin)


def _num(v: Any) -> Hashable:
    """Values compare as numbers: 29540000000 and 2.954e10 are the same figure."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return v
    return round(float(v), 9) if math.isfinite(float(v)) else v


def fig_text(f: Json) -> Hashable:
    return norm(f.get("text"))


def fig_full(f: Json) -> Hashable:
    return norm(f.get("text")), _num(f.get("value")), norm(f.get("unit"))


def date_text(d: Json) -> Hashable:
    return norm(d.get("text"))


def date_full(d: Json) -> Hashable:
    return norm(d.get("text")), d.get("start"), d.get("end")


def multiset_prf(
    gold: list[Json], pred: list[Json], key: Callable[[Json], Hashable]
) -> tuple[PRF, list[Json], list[Json]]:
    g, p = Counter(map(key, gold)), Counter(map(key, pred))
    tp = sum((g & p).values())
    missed = [x for x in gold if (g - p)[key(x)] > 0]
    extra = [x for x in pred if (p - g)[key(x)] > 0]
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp), missed, extra


def _similarity(g: Json, p: Json) -> float:
    def ratio(a: Any, b: Any) -> float:
        a, b = norm(a) or "", norm(b) or ""
        return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0

    return max(ratio(g.get("finding"), p.get("finding")), ratio(g.get("title"), p.get("title")))


def match_problems(gold: list[Json], pred: list[Json]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, most similar first (finding or title ≥ 0.5)."""
    pairs = sorted(
        ((_similarity(g, p), -abs(i - j), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for sim, _, i, j in pairs:
        if sim < MATCH_THRESHOLD:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return sorted(out)


def _meta_equal(g: Any, p: Any) -> bool:
    if isinstance(g, list) or isinstance(p, list):
        return [norm(x) for x in g or []] == [norm(x) for x in p or []]
    return norm(g) == norm(p) if isinstance(g, str) or isinstance(p, str) else g == p


def score_document(name: str, gold: Json, pred: Json, rules: Json | None = None) -> DocScore:
    """Every metric of one document; ``rules`` is the rules-only prediction for the labels' rules baseline
    (None: ``pred`` is the rules-only prediction)."""
    s = DocScore(name)
    gm, pm = gold.get("meta") or {}, pred.get("meta") or {}
    s.meta = {f: _meta_equal(gm.get(f), pm.get(f)) for f in META_FIELDS}
    for f in META_FIELDS:
        if not s.meta[f]:
            s.miss((None, None), {"kind": "meta", "field": f, "gold": gm.get(f), "pred": pm.get(f)})
    gps, pps = gold.get("problems") or [], pred.get("problems") or []
    pairs = s.pairs = match_problems(gps, pps)
    s.problems = PRF(len(pairs), len(pps) - len(pairs), len(gps) - len(pairs))
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, g in enumerate(gps):
        if i not in matched_g:
            s.miss((i, None), {"kind": "problem", "label": g.get("label"), "title": g.get("title")})
    for j, p in enumerate(pps):
        if j not in matched_p:
            s.extra((None, j), {"kind": "problem", "label": p.get("label"), "title": p.get("title")})
    empty: Json = {}
    everything: list[Origin] = [*pairs]
    everything += [(i, None) for i in range(len(gps)) if i not in matched_g]
    everything += [(None, j) for j in range(len(pps)) if j not in matched_p]
    for gi, pj in everything:
        g = gps[gi] if gi is not None else empty
        p = pps[pj] if pj is not None else empty
        label = (g or p).get("label")
        origin = (gi, pj)
        if gi is not None and pj is not None:
            for f in PROBLEM_FIELDS:
                ok = norm(g.get(f)) == norm(p.get(f))
                s.fields[f].add(ok)
                if not ok:
                    s.miss(origin, {"kind": f, "label": label, "gold": g.get(f), "pred": p.get(f)})
            s.measure_count.add(len(g.get("measures") or []) == len(p.get("measures") or []))
            prf, missed, extra = multiset_prf(
                [{"text": measure_text(m)} for m in g.get("measures") or []],
                [{"text": measure_text(m)} for m in p.get("measures") or []],
                fig_text,
            )
            s.measures.add(prf)
            for m in missed:
                s.miss(origin, {"kind": "measure", "label": label, "text": m["text"]})
            for m in extra:
                s.extra(origin, {"kind": "measure", "label": label, "text": m["text"]})
        for kind, items, keys in (
            ("figure", "figures", (fig_text, fig_full)),
            ("date", "dates", (date_text, date_full)),
        ):
            g_items, p_items = g.get(items) or [], p.get(items) or []
            text_prf, _, _ = multiset_prf(g_items, p_items, keys[0])
            full_prf, missed, extra = multiset_prf(g_items, p_items, keys[1])
            (s.figures_text if kind == "figure" else s.dates_text).add(text_prf)
            (s.figures_full if kind == "figure" else s.dates_full).add(full_prf)
            for x in missed:
                s.miss(origin, {"kind": kind, "label": label, **_v1(x)})
            for x in extra:
                s.extra(origin, {"kind": kind, "label": label, **_v1(x)})
    rules_pairs = pairs if rules is None else match_problems(gps, (rules.get("problems") or []))
    _score_labels(s, gps, pps, pairs, rules.get("problems") or [] if rules is not None else pps, rules_pairs)
    return s


def _v1(item: Json) -> Json:
    """A figure or date without the version 2 label keys: misses and extras name the item as version 1 does."""
    return {k: v for k, v in item.items() if k not in FIGURE_LABELS}


def _measure_key(m: Any) -> Hashable:
    return norm(measure_text(m))


def _answers(gps: list[Json], pps: list[Json], pairs: list[tuple[int, int]]) -> dict[tuple[str, int, int], Json]:
    """Each gold item matched in the prediction → the predicted item's labels: keys (``measures`` or
    ``figures``, gold problem index, gold item index)."""
    out: dict[tuple[str, int, int], Json] = {}
    for gi, pj in pairs:
        g, p = gps[gi], pps[pj]
        gm, pm = g.get("measures") or [], p.get("measures") or []
        for a, b in match_items(gm, pm, _measure_key):
            out["measures", gi, a] = measure_labels(pm[b])
        gf, pf = g.get("figures") or [], p.get("figures") or []
        for a, b in match_items(gf, pf, fig_full):
            out["figures", gi, a] = {k: pf[b][k] for k in FIGURE_LABELS if k in pf[b]}
    return out


def _answer(label: str, item: Json | None) -> Any:
    """A label's answer in comparable form: bodies and subjects normalised; NO_ANSWER where the key is absent
    (``[]`` for responsible: no bodies named)."""
    if item is None or label not in item:
        return [] if label == "responsible" else NO_ANSWER
    value = item[label]
    if label == "responsible":
        return [norm(x) for x in value if isinstance(x, str)] if isinstance(value, list) else []
    if label == "subject":
        return norm(value) if isinstance(value, str) else None
    return value


def _score_labels(
    s: DocScore,
    gps: list[Json],
    pps: list[Json],
    pairs: list[tuple[int, int]],
    rps: list[Json],
    rules_pairs: list[tuple[int, int]],
) -> None:
    pred, rules = _answers(gps, pps, pairs), _answers(gps, rps, rules_pairs)
    for key, labelled in sorted(pred.items()):
        kind, gi, index = key
        gold_item = gps[gi][kind][index]
        gold = measure_labels(gold_item) if kind == "measures" else gold_item
        for label in ("kind", "status", "responsible") if kind == "measures" else ("indicator", "subject"):
            if label in gold:
                s.labels[label].append((_answer(label, gold), _answer(label, labelled), _answer(label, rules.get(key))))


def _r(x: float) -> float:
    return round(x, 4)


def categorical(pairs: list[tuple[Any, Any]]) -> Json:
    """Accuracy and macro F1 over the labels that occur in gold, of (gold, answer) pairs."""
    if not pairs:
        return {"accuracy": None, "macro_f1": None}
    f1s = []
    for label in dict.fromkeys(g for g, _ in pairs):
        tp = sum(g == label and a == label for g, a in pairs)
        fp = sum(g != label and a == label for g, a in pairs)
        fn = sum(g == label and a != label for g, a in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return {"accuracy": _r(sum(g == a for g, a in pairs) / len(pairs)), "macro_f1": _r(sum(f1s) / len(f1s))}


def bodies(pairs: list[tuple[list[str], list[str]]]) -> Json:
    """P/R/F1 over the bodies (multisets of normalised strings) of (gold, answer) pairs, counts summed."""
    if not pairs:
        return {"precision": None, "recall": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
    prf = PRF()
    for g, a in pairs:
        gc, ac = Counter(g), Counter(a)
        tp = sum((gc & ac).values())
        prf.add(PRF(tp, sum(ac.values()) - tp, sum(gc.values()) - tp))
    return prf.as_dict()


def subjects(pairs: list[tuple[str | None, Any]]) -> Json:
    """Exact-match rate (null on both sides exact) and mean character-overlap F1 of (gold, answer) pairs."""
    if not pairs:
        return {"exact": None, "char_f1": None}
    f1 = [0.0 if a == NO_ANSWER else char_f1(g, a) for g, a in pairs]
    return {"exact": _r(sum(g == a for g, a in pairs) / len(pairs)), "char_f1": _r(sum(f1) / len(f1))}


def _commonest(gold: list[Any]) -> Any:
    """The commonest gold answer (lists compared whole); the first one seen among equally common ones."""
    counts = Counter(json.dumps(g, ensure_ascii=False) for g in gold)
    return json.loads(counts.most_common(1)[0][0]) if counts else None


def label_scores(items: dict[str, list[tuple[Any, Any, Any]]]) -> Json:
    """``summary["labels"]``: each label's score over its items beside the two baselines on the same items."""
    out: Json = {}
    for label in LABELS:
        triples = items.get(label) or []
        gold = [g for g, _, _ in triples]
        common = _commonest(gold)
        score: Callable[[list[Any]], Json] = (
            bodies if label == "responsible" else subjects if label == "subject" else categorical
        )
        out[label] = {
            "items": len(triples),
            **score([(g, p) for g, p, _ in triples]),
            "baselines": {
                "commonest": {"answer": common, **score([(g, common) for g in gold])},
                "rules": score([(g, r) for g, _, r in triples]),
            },
        }
    return out


def summarise(docs: list[DocScore]) -> Json:
    """Micro-averaged metrics over documents (counts summed before dividing)."""
    total: dict[str, PRF] = {
        k: PRF() for k in ("problems", "measures", "figures_text", "figures_full", "dates_text", "dates_full")
    }
    fields = {f: Rate() for f in PROBLEM_FIELDS}
    meta = {f: Rate() for f in META_FIELDS}
    count = Rate()
    for d in docs:
        for k, prf in total.items():
            prf.add(getattr(d, k))
        for f in PROBLEM_FIELDS:
            fields[f].hits += d.fields[f].hits
            fields[f].total += d.fields[f].total
        for f in META_FIELDS:
            meta[f].add(d.meta[f])
        count.hits += d.measure_count.hits
        count.total += d.measure_count.total
    return {
        "documents": len(docs),
        "meta": {f: round(r.value, 4) for f, r in meta.items()},
        "problems": total["problems"].as_dict(),
        "fields": {f: round(r.value, 4) for f, r in fields.items()},
        "measure_count_accuracy": round(count.value, 4),
        "measures": total["measures"].as_dict(),
        "figures": {"text": total["figures_text"].as_dict(), "text_value_unit": total["figures_full"].as_dict()},
        "dates": {"text": total["dates_text"].as_dict(), "text_start_end": total["dates_full"].as_dict()},
        "labels": label_scores({k: [x for d in docs for x in d.labels[k]] for k in LABELS}),
    }


def resolve(summary: Json, path: str) -> Any:
    """The node of a summary at a dotted path (``labels.kind.accuracy``) or one of the gates' shorthands:
    problems_f1, figures_f1, dates_f1, …; KeyError if there is none."""
    short = {
        "problems_f1": "problems.f1",
        "figures_f1": "figures.text_value_unit.f1",
        "figures_text_f1": "figures.text.f1",
        "dates_f1": "dates.text_start_end.f1",
        "dates_text_f1": "dates.text.f1",
        "measures_f1": "measures.f1",
        "grounding": "grounding.share",
    }
    node: Any = summary
    for part in short.get(path, path).split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(path)
        node = node[part]
    return node


def metric(summary: Json, path: str) -> float:
    """A metric by dotted path (see :func:`resolve`); ValueError where it has no value (a label with no
    labelled items), TypeError where the path names no number."""
    node = resolve(summary, path)
    if node is None:
        raise ValueError(f"{path}: no value (nothing was scored on it)")
    if isinstance(node, bool) or not isinstance(node, int | float):
        raise TypeError(f"{path}: not a number")
    return float(node)
