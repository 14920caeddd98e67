"""The indicator model (labels/indicator_model.py): what it reads of a figure, its packed scoring against the
textbook naive Bayes, leave-one-out dropping a report's examples, the overrule only where the rules' indicator
is weak (and its source label), and its shipped training rows against the gold."""

import math
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.helpers import DEV_GOLD, ROOT
from zhenggai import extract
from zhenggai.labels import figures as F
from zhenggai.labels import indicator_model as M
from zhenggai.labels import label_figures
from zhenggai.schemas import Figure

# made-up examples: (origin, indicator, unit, the rules' subject, the segment's words before the number)
TABLE = [
    ("a", "inspections", "家", "企业", "检查企业"),
    ("a", "inspections", "家", "单位", "抽查单位"),
    ("b", "inspections", "个", "项目", "审计项目"),
    ("b", "meetings", "次", "专题会议", "召开专题会议"),
    ("c", "meetings", "次", "集中学习", "集中学习"),
    ("c", "other", "个", "教学班", "新增"),
]


def _model(rows: list[tuple[str, str, str, str, str]]) -> M.IndicatorModel:
    return M.IndicatorModel([(ind, M.features(u, s, b)) for _, ind, u, s, b in rows])  # type: ignore[misc]


def _textbook(unit: str, subject: str, before: str) -> dict[str, float]:
    """log P(indicator) + Σ log P(feature | indicator), additive smoothing, over TABLE: the formula itself."""

    def feats(u: str, s: str, b: str) -> list[str]:
        s, b = s[-M.SUBJECT_CHARS :], b[-M.BEFORE_CHARS :]
        return (
            ["U" + u]
            + ["S" + s[i : i + 2] for i in range(len(s) - 1)]
            + ["B" + b[i : i + 2] for i in range(len(b) - 1)]
        )

    counts: dict[str, Counter[str]] = {}
    for _, ind, u, s, b in TABLE:
        counts.setdefault(ind, Counter()).update(feats(u, s, b))
    vocab = {f for c in counts.values() for f in c}
    return {
        k: math.log(sum(1 for r in TABLE if r[1] == k) / len(TABLE))
        + sum(
            math.log((c[f] + M.ALPHA) / (sum(c.values()) + M.ALPHA * len(vocab))) for f in feats(unit, subject, before)
        )
        for k, c in counts.items()
    }


@pytest.mark.parametrize(
    ("unit", "subject", "segment", "expected"),
    [
        # the subject's last three characters (its head noun) and the segment's last six before the number
        (
            "个",
            "软弱涣散村党组织",
            "排查整顿软弱涣散村党组织",
            ("个", ["党组", "组织"], ["涣散", "散村", "村党", "党组", "组织"]),
        ),
        ("人", "", "", ("人", [], [])),  # no subject, a segment that opens at the number
        ("次", "学习", "开展学习", ("次", ["学习"], ["开展", "展学", "学习"])),
    ],
)
def test_it_reads_the_unit_the_subject_end_and_the_words_before(
    unit: str, subject: str, segment: str, expected: tuple[str, list[str], list[str]]
) -> None:
    assert M.features(*M.reading(unit, subject, segment)) == expected


@pytest.mark.parametrize(
    ("unit", "subject", "before", "indicator"),
    [
        ("家", "企业", "检查企业", "inspections"),
        ("次", "会议", "召开会议", "meetings"),
        ("个", "教学班", "新增", "other"),
        # nothing seen: other, with the fewest features counted, where an unseen one is likeliest (its one row
        # outweighs the three of inspections: 3 features unseen at 0.1/(4+αV) against 0.1/(15+αV))
        ("元", "无关", "无关", "other"),
    ],
)
def test_the_packed_scores_are_the_textbook_naive_bayes(unit: str, subject: str, before: str, indicator: str) -> None:
    scores = _textbook(unit, subject, before)
    best, margin = _model(TABLE).best(M.features(unit, subject, before))
    ranked = sorted(scores.values(), reverse=True)
    assert best == max(scores, key=scores.__getitem__) == indicator
    assert margin == pytest.approx(ranked[0] - ranked[1], abs=0.01)  # thousandths a feature


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The model trained on TABLE instead of the shipped examples."""
    monkeypatch.setattr(M, "examples", lambda: tuple(TABLE))
    M.model.cache_clear()
    yield
    M.model.cache_clear()


@pytest.mark.usefixtures("made_up")
@pytest.mark.parametrize(
    ("skip", "indicators", "rows"),
    [
        (frozenset(), ("inspections", "meetings", "other"), 6),
        (frozenset({"a"}), ("inspections", "meetings", "other"), 4),
        (frozenset({"c"}), ("inspections", "meetings"), 4),  # c's was the only row of other
        (frozenset({"b", "c"}), ("inspections",), 2),
    ],
)
def test_a_report_left_out_loses_its_examples(skip: frozenset[str], indicators: tuple[str, ...], rows: int) -> None:
    m = M.model(skip)
    assert m is not None and m.indicators == indicators
    kept = Counter(ind for origin, ind, *_ in TABLE if origin not in skip)
    assert [round(math.exp(p) * rows) for p in m.prior] == [kept[k] for k in indicators]


@pytest.mark.usefixtures("made_up")
def test_no_examples_left_no_second_reading() -> None:
    assert M.model(frozenset("abc")) is None
    assert M.overrule("other", "家", "企业", "检查企业", frozenset("abc")) is None


# made-up rows that teach 教学班 and 督查小组 after 今年新增 as inspections, beside other rows of other
INSPECTED = [
    *TABLE[:5],
    *[("a", "inspections", "个", subject, "今年新增") for subject in ("教学班", "督查小组") for _ in range(8)],
    *[("c", "other", "个", "园区", "新建")] * 2,
]


@pytest.mark.parametrize(
    ("text", "figure", "unit", "indicator", "source"),
    [
        # no row hits 教学班 (the rules' weak fallback, other): the model's reading overrules it
        ("今年新增6个教学班。", "6个", "个", "inspections", "learned"),
        # a row does (新增…小组 is a group formed, figures.INDICATOR): the rules' reading stands whatever the model says
        ("今年新增6个督查小组。", "6个", "个", "other", "rules"),
    ],
)
def test_it_overrules_only_where_no_row_hits(
    monkeypatch: pytest.MonkeyPatch, text: str, figure: str, unit: str, indicator: str, source: str
) -> None:
    monkeypatch.setattr(M, "examples", lambda: tuple(INSPECTED))
    M.model.cache_clear()
    try:
        at = text.index(figure)
        assert M.overrule("other", unit, text[at + 2 : -1], text[:at]) == "inspections"  # what the model says
        f = Figure(text=figure, start=at, end=at + len(figure), value=6, unit=unit)
        label_figures(text, [f], 0, len(text))
        assert f.subject is not None
        rules, weak = F.indicator_reading(f, f.subject, text[:at], text[: at + len(figure)])
        assert weak == (source == "learned") and rules == "other"
        assert f.indicator == indicator and f.sources["indicator"] == source
    finally:
        M.model.cache_clear()


def test_it_keeps_a_reading_it_agrees_with_or_cannot_call() -> None:
    m = _model(TABLE)
    best, margin = m.best(M.features("家", "企业", "检查企业"))
    assert best == "inspections" and margin > M.MARGIN
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(M, "model", lambda skip=frozenset(): m)
        assert M.overrule("other", "家", "企业", "检查企业") == "inspections"
        assert M.overrule("inspections", "家", "企业", "检查企业") is None  # it agrees: nothing to overrule
        # one unit and one pair seen with inspections, once each: too close to call
        assert m.best(M.features("家", "单位", ""))[1] < M.MARGIN
        assert M.overrule("other", "家", "单位", "") is None


def test_the_shipped_rows_are_what_the_gold_gives() -> None:
    done = subprocess.run([sys.executable, "bench/indicator_examples.py", "--check"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, "src/zhenggai/labels/indicator_examples.json is stale: run bench/indicator_examples.py"


def test_on_the_dev_reports_a_learned_indicator_replaces_the_units_fallback() -> None:
    learned = 0
    for path in sorted(DEV_GOLD.glob("*.txt")):
        for p in extract(path).problems:
            for f in p.figures:
                if f.sources["indicator"] == "learned":
                    learned += 1
                    assert f.indicator != ("people" if f.unit in F.PEOPLE_UNITS else "other")
                else:
                    assert f.sources["indicator"] == "rules"
    assert learned > 0
