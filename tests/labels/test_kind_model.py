"""The kind model (labels/kind_model.py): naive Bayes over character pairs, its packed scoring against the
textbook formula, when it overrules the rules, its training rows against the gold, and its source label."""

import math
import subprocess
import sys
from collections import Counter

import pytest

from tests.helpers import DEV_GOLD, ROOT
from zhenggai import extract
from zhenggai.labels.kind_model import ALPHA, MARGIN, KindModel, examples, features, model, opening, overrule
from zhenggai.labels.measures import kind_reading

# made-up rows: (kind, lead phrase, opening)
ROWS = [
    ("meeting", "召开常委会会议", "召开常委会会议专题研究整改"),
    ("meeting", "召开专题会议", "召开专题会议研究部署"),
    ("training", "举办培训班", "举办培训班培训干部"),
    ("training", "开展集中培训", "开展集中培训轮训党员"),
    ("inspection", "开展专项检查", "开展专项检查排查问题"),
]


def _model() -> KindModel:
    return KindModel([(k, features(lead_, head)) for k, lead_, head in ROWS])


def _textbook(lead_: str, head: str) -> dict[str, float]:
    """log P(kind) + Σ log P(pair | kind), additive smoothing, over the made-up rows: the formula itself."""
    counts: dict[str, Counter[str]] = {}
    for k, lp, hd in ROWS:
        lf, hf = features(lp, hd)
        counts.setdefault(k, Counter()).update(["L" + p for p in lf] + ["T" + p for p in hf])
    vocab = {f for c in counts.values() for f in c}
    lf, hf = features(lead_, head)
    feats = ["L" + p for p in lf] + ["T" + p for p in hf]
    return {
        k: math.log(sum(1 for r in ROWS if r[0] == k) / len(ROWS))
        + sum(math.log((c[f] + ALPHA) / (sum(c.values()) + ALPHA * len(vocab))) for f in feats)
        for k, c in counts.items()
    }


@pytest.mark.parametrize(
    ("lead_", "head", "kind"),
    [
        ("召开党委会议", "召开党委会议研究", "meeting"),
        ("举办轮训班", "举办轮训班培训", "training"),
        ("开展检查", "开展检查排查", "inspection"),
        # no pair seen: the kind with the fewest pairs counted, where an unseen pair is likeliest
        ("无关文字", "无关文字", "inspection"),
        # a lead that does not open the opening: each scored on its own table
        ("开展检查", "召开党委会议研究", "meeting"),
        # a lead longer than the opening it opens
        ("召开专题会议研究部署", "召开专题会议", "meeting"),
    ],
)
def test_the_packed_scores_are_the_textbook_naive_bayes(lead_: str, head: str, kind: str) -> None:
    scores = _textbook(lead_, head)
    best, margin = _model().best(lead_, head)
    ranked = sorted(scores.values(), reverse=True)
    assert best == max(scores, key=scores.__getitem__) == kind
    assert margin == pytest.approx(ranked[0] - ranked[1], abs=0.01)  # thousandths a pair


def test_it_overrules_only_a_different_kind_by_a_wide_margin() -> None:
    text = "召开会议" * 10  # many meeting pairs: a margin far above MARGIN (no mark: lead and opening are all of it)
    assert opening(text) == (text, text)
    best, margin = model().best(*opening(text))
    assert best == "meeting" and margin > MARGIN
    assert overrule("other", text) == "meeting"
    assert overrule("meeting", text) is None  # it agrees: nothing to overrule
    weak = "推进"
    assert model().best(weak, weak)[1] < MARGIN
    assert overrule("other", weak) is None  # too close to call
    # the marker is not read
    assert opening("一是" + text, "一是") == (text, text)


def test_a_report_left_out_loses_its_training_rows() -> None:
    per_report = Counter(origin for origin, *_ in examples())
    assert per_report["huiji"] > 50 and len(per_report) == 33
    rows = sum(per_report.values())
    left_out = model(frozenset({"huiji"}))
    assert sum(math.exp(p) for p in left_out.prior) == pytest.approx(1.0)
    # the priors are the kinds' shares of the rows kept
    kept = Counter(kind for origin, kind, *_ in examples() if origin != "huiji")
    assert [round(math.exp(p) * (rows - per_report["huiji"])) for p in left_out.prior] == [
        kept[k] for k in left_out.kinds
    ]


def test_the_shipped_rows_are_what_the_gold_gives() -> None:
    done = subprocess.run([sys.executable, "bench/kind_examples.py", "--check"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, "src/zhenggai/labels/kind_examples.json is stale: run bench/kind_examples.py"


def test_a_kind_the_model_gave_says_so_and_overrules_only_a_weak_reading() -> None:
    learned = 0
    for path in sorted(DEV_GOLD.glob("*.txt")):
        for p in extract(path).problems:
            for m in p.measures:
                rules_kind, weak = kind_reading(m.text, m.marker)
                if m.sources["kind"] == "learned":
                    learned += 1
                    assert weak and m.kind != rules_kind
                    assert m.kind == overrule(rules_kind, m.text, m.marker)
                else:
                    assert m.sources["kind"] == "rules" and m.kind == rules_kind
    assert learned > 0
