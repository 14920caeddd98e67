"""How well the rules labelers (zhenggai.labels) give the version-2 labels of the dev and held-out gold, per label, beside
always answering the commonest gold label — over all seven reports, and leave-one-report-out: each report is
labelled without the table rows whose origin is that report, so its score comes from rules written without it.

    .venv/bin/python bench/rules_labels.py [--wild] [--errors REPORT]

``--wild`` adds the fourteen wild reports (``wild01`` … ``wild14``, rows fitted to them tagged so) to the pool;
``--wild2`` adds the twelve of golden/wild2 as well (``w2a_01`` … ``w2c_04``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from zhenggai.eval.agreement import char_f1
from zhenggai.golden import match_items, norm
from zhenggai.labels import label_problem
from zhenggai.load import load_path
from zhenggai.rules import extract_rules
from zhenggai.schemas import Figure, Measure

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
# short name (a cue row's origin tag) → report; the held-out reports were labelled (and first scored unseen,
# golden/heldout/NOTES.md) after the dev ones, and count here as four more reports to leave out one at a time
REPORTS = {
    "huiji": "dev/huiji_2021",
    "xiangcheng": "dev/xiangcheng_2020",
    "xuchang": "dev/xuchang_2017",
    "provdept": "heldout/ho_provdept_2021",
    "province": "heldout/ho_province_2019",
    "county": "heldout/ho_county_xuncha_2023",
    "insurer": "heldout/ho_insurer_2022",
}
WILD = {
    p.name.split("_")[0]: f"wild/{p.name.removesuffix('.gold.json')}"
    for p in sorted((GOLDEN / "wild").glob("*.gold.json"))
}
# golden/wild2 (scored unseen first, golden/wild2/README.md) joins the pool with --wild2: its tags are the
# file names' first two parts (``w2a_01`` …)
WILD2 = {
    "_".join(p.name.split("_")[:2]): f"wild2/{p.name.removesuffix('.gold.json')}"
    for p in sorted((GOLDEN / "wild2").glob("*.gold.json"))
}
Json = dict[str, Any]
Pairs = tuple[list[tuple[Json, Measure]], list[tuple[Json, Figure]]]


def pairs(short: str, skip: frozenset[str]) -> Pairs:
    """Gold items of a report matched to the extracted ones (problem label, then text in order), labelled with
    the rows of ``skip`` left out."""
    name = (REPORTS | WILD | WILD2)[short]
    gold = json.loads((GOLDEN / f"{name}.gold.json").read_text(encoding="utf-8"))
    report = extract_rules(load_path(GOLDEN / f"{name}.txt"))
    ms: list[tuple[Json, Measure]] = []
    fs: list[tuple[Json, Figure]] = []
    # the k-th problem of a label to the k-th (numbering restarts in each category of some reports)
    labels = [norm(g["label"]) for g in gold["problems"]], [norm(p.label) for p in report.problems]
    for a, b in match_items(*labels, key=lambda label: label):
        gp, p = gold["problems"][a], report.problems[b]
        label_problem(report.text, p, skip)
        for gm in gp["measures"]:
            if isinstance(gm, dict) and "kind" in gm:
                m = next((m for m in p.measures if norm(m.text) == norm(gm["text"])), None)
                if m is not None:
                    ms.append((gm, m))
        used: set[int] = set()
        for gf in gp["figures"]:
            if "indicator" not in gf:
                continue
            i = next((i for i, f in enumerate(p.figures) if f.text == gf["text"] and i not in used), None)
            if i is not None:
                used.add(i)
                fs.append((gf, p.figures[i]))
    return ms, fs


def macro_f1(gold: list[str], got: list[str]) -> float:
    scores = []
    for lab in sorted(set(gold)):
        tp = sum(g == lab == p for g, p in zip(gold, got, strict=True))
        fp = sum(p == lab != g for g, p in zip(gold, got, strict=True))
        fn = sum(g == lab != p for g, p in zip(gold, got, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def prf(gold: list[list[str]], got: list[list[str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for g, p in zip(gold, got, strict=True):
        cg, cp = Counter(norm(x) for x in g), Counter(norm(x) for x in p)
        tp, fp, fn = tp + sum((cg & cp).values()), fp + sum((cp - cg).values()), fn + sum((cg - cp).values())
    pr = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def score(ms: list[tuple[Json, Measure]], fs: list[tuple[Json, Figure]]) -> dict[str, tuple[float, float]]:
    """Per metric: (rules, commonest-label baseline)."""
    out: dict[str, tuple[float, float]] = {}
    for key in ("kind", "status"):
        gold = [g[key] for g, _ in ms]
        got = [str(getattr(m, key)) for _, m in ms]
        common = [Counter(gold).most_common(1)[0][0]] * len(gold)
        out[f"{key} accuracy"] = (_acc(gold, got), _acc(gold, common))
        out[f"{key} macro F1"] = (macro_f1(gold, got), macro_f1(gold, common))
    rg = [g["responsible"] for g, _ in ms]
    rp = [[s.text for s in m.responsible] for _, m in ms]
    empty: list[list[str]] = [[] for _ in ms]
    for name, i in (("P", 0), ("R", 1), ("F1", 2)):
        out[f"responsible {name}"] = (prf(rg, rp)[i], prf(rg, empty)[i])
    gs = [norm(g["subject"]) for g, _ in fs]
    ps = [norm(f.subject.text) if f.subject else None for _, f in fs]
    cs = Counter(gs).most_common(1)[0][0]
    out["subject exact"] = (_acc(gs, ps), _acc(gs, [cs] * len(gs)))
    out["subject char F1"] = (_mean(char_f1(g, p) for g, p in zip(gs, ps, strict=True)),
                              _mean(char_f1(g, cs) for g in gs))  # fmt: skip
    gi = [g["indicator"] for g, _ in fs]
    pi = [str(f.indicator) for _, f in fs]
    ci = [Counter(gi).most_common(1)[0][0]] * len(gi)
    out["indicator accuracy"] = (_acc(gi, pi), _acc(gi, ci))
    out["indicator macro F1"] = (macro_f1(gi, pi), macro_f1(gi, ci))
    return out


def _acc(a: list[Any], b: list[Any]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a) if a else 0.0


def _mean(xs: Any) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else 0.0


def errors(short: str, skip: frozenset[str]) -> None:
    ms, fs = pairs(short, skip)
    for g, m in ms:
        resp = [s.text for s in m.responsible]
        if g["kind"] != m.kind or g["status"] != m.status or resp != g["responsible"]:
            print(f"K {g['kind']}/{m.kind} S {g['status']}/{m.status} R {g['responsible']}/{resp} | {m.text[:90]}")
    for g, f in fs:
        sub = f.subject.text if f.subject else None
        if g["subject"] != sub or g["indicator"] != f.indicator:
            print(f"F {f.text} sub {g['subject']}/{sub} ind {g['indicator']}/{f.indicator}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--errors", choices=sorted(REPORTS | WILD | WILD2), help="print the misses on one report (all rows)"
    )
    ap.add_argument("--wild", action="store_true", help="pool the wild reports too (columns per set, not report)")
    ap.add_argument("--wild2", action="store_true", help="pool golden/wild2 too (implies --wild)")
    args = ap.parse_args()
    if args.errors:
        errors(args.errors, frozenset())
        return
    args.wild = args.wild or args.wild2
    pool = list(REPORTS) + (list(WILD) if args.wild else []) + (list(WILD2) if args.wild2 else [])
    full = {r: pairs(r, frozenset()) for r in pool}
    held = {r: pairs(r, frozenset({r})) for r in pool}

    def pooled(reports: list[str], source: dict[str, Pairs]) -> dict[str, tuple[float, float]]:
        return score([x for r in reports for x in source[r][0]], [x for r in reports for x in source[r][1]])

    allm = [x for r in pool for x in full[r][0]]
    allf = [x for r in pool for x in full[r][1]]
    tables = {"all reports": pooled(pool, full), "leave-one-report-out": pooled(pool, held)}
    if args.wild:
        tables |= {"left out: dev+heldout": pooled(list(REPORTS), held), "left out: wild": pooled(list(WILD), held)}
    if args.wild2:
        tables |= {"left out: wild2": pooled(list(WILD2), held)}
    else:
        tables |= {f"held out: {r}": score(*held[r]) for r in REPORTS}
    print(f"{len(allm)} measures, {len(allf)} figures")
    print("| metric | " + " | ".join(tables) + " | commonest label |")
    print("| --- |" + " --- |" * (len(tables) + 1))
    for metric in tables["all reports"]:
        cells = " | ".join(f"{t[metric][0]:.3f}" for t in tables.values())
        print(f"| {metric} | {cells} | {tables['all reports'][metric][1]:.3f} |")


if __name__ == "__main__":
    main()
