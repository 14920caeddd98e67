"""The soft-break view: which line breaks are wraps, the view's text, and the offset map back to the loaded
text. Expected views are read off the wrapped inputs: the paragraph as one line."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import TEXT
from zhenggai.unwrap import Layout, _width, is_soft, layout, unwrap

WRAPPED = Layout(full=36, indented=True)  # full lines reach 36 columns (18 Chinese characters)
UNINDENTED = Layout(full=36, indented=False)
FULL = "根据省委统一部署省委第一巡视组对某县进"  # 19 characters: 38 columns, a full line


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("abc", 3),
        ("整改", 4),  # two columns a Chinese character
        ("  整改", 8),  # and a blank of the indent
        ("整 改", 5),  # but not one inside the line
        ("整改,完成", 10),  # a comma the loader narrowed was full-width
        ("a(1)", 6),
        ("。:", 4),  # a full-width mark, and a colon the loader narrowed
        ("é", 1),  # two UTF-8 bytes: a narrow letter
    ],
)
def test_width_in_columns(line: str, columns: int) -> None:
    assert _width(line) == columns


@pytest.mark.parametrize(
    ("before", "after", "wrapped", "quoted", "soft"),
    [
        # a full line runs on into the next
        (FULL, "行了巡视。", WRAPPED, False, True),
        (FULL + ";", "二是建立制度3项。", WRAPPED, False, True),  # a clause runs on into its marker
        ("(一)关于落实意识形态工作责任制和党中央重大", "决策部署方面的问题", WRAPPED, False, True),
        (FULL + "。", "二次会议召开。", WRAPPED, False, True),  # indented paragraphs: no indent, no paragraph
        ("编制《相城区减税降费政策答复汇编(一)、", "(二)》,在网上公布。", WRAPPED, False, True),
        # ... except where the next line opens a paragraph or an entry
        (FULL, "  局党组坚决扛起整改责任。", WRAPPED, False, False),  # an indent
        (FULL, "一、整改落实情况", WRAPPED, False, False),
        (FULL, "(1)针对“学习不够”的问题", WRAPPED, False, False),
        (FULL, "一是开展学习。", WRAPPED, False, False),
        (FULL, "完成情况:已完成", WRAPPED, False, False),
        (FULL, "问题:厅属单位网站底数不清。", WRAPPED, False, False),
        # one blank after a full line may be the text's own: 关于 “…” 的问题
        ("反馈问题一:关于 “贯彻落实上级决策部署打折扣、搞变通”", " 的问题。", WRAPPED, False, True),
        # unindented, a closed sentence runs on into a line that is no heading of its own
        (FULL + "。", "二次会议召开。", UNINDENTED, False, True),
        (FULL + "。", "组织建设和选人用人方面", UNINDENTED, False, False),  # a short line with no closing mark
        # one blank opens a paragraph, unless a full line ends with a quotation mark before it
        (FULL, " 局党组坚决扛起整改责任。", WRAPPED, False, False),
        # a label inside an open quotation or title is the sentence's
        ("编制并印发《相城区减税降费政策答复汇编", "(一)、(二)》,在网上公布。", WRAPPED, True, True),
        # an address or a code cut in two
        ("举报电子邮箱:hjqxcb@126.com,xszg5678@", "163.com。", WRAPPED, False, True),
        # a lead word after a quotation's close is the heading's tail
        ("(12)针对“村党组织‘三会一课’落实不到位”", "问题:一是制定计划。", WRAPPED, False, True),
        (
            "(2)针对“贯彻落实中央和省委关于脱贫攻坚的决策部署不到位。",
            "前期工作存在基础工作不扎实”的问题",
            UNINDENTED,
            True,
            True,
        ),
        # unindented, a full heading above a full paragraph line keeps its line; its wrapped tail does not
        (
            "(2)针对“落实防范化解重大金融风险要求不到位”问题",
            "集团公司党委召开专题会议研究风险化解工作逐项制定",
            UNINDENTED,
            False,
            False,
        ),
        ("7.关于“落实‘共抓大保护、不搞大开发’存在差距”问题", "的整改", UNINDENTED, False, True),
        # a short line ends where it ends
        ("一、整改落实情况", "局党组坚决扛起整改责任。", WRAPPED, False, False),
        ("开展督查", "5次。", None, False, False),
        # punctuation no line starts with belongs to the line before, wrapped text or not
        ("一是建立制度3项", "。", None, False, True),
        # a number cut in two, wrapped text or not
        ("共培训干部9.62", "万人。", None, False, True),
        ("共培训干部9.", "62万人。", None, False, True),
        ("查处问题共1.", "2.关于“作风不实”的问题", None, False, False),  # a label opens its line
        ("2020年度和202", "1年度考核。", None, False, True),
        ("查处问题30", "个。", None, False, True),
        # ... but not into a word that merely opens with a measure word (根据, 项目): a postcode ends its line
        ("邮政编码:450043", "根据省委统一部署,", None, False, False),
        ("联系电话:0371-12345678", "项目建设情况如下。", None, False, False),
        ("共建成项目30", "项。", None, False, True),
        # a line with no Chinese is a cell or a page number, and a blank line ends a paragraph
        ("1", "2021年6月底", None, False, False),
        ("- 3 -", "年度考核。", WRAPPED, False, False),
        (FULL, "", WRAPPED, False, False),
    ],
)
def test_is_soft(before: str, after: str, wrapped: Layout | None, quoted: bool, soft: bool) -> None:
    assert is_soft(before, after, wrapped, quoted) is soft


def _wrap(paragraph: str, chars: int) -> list[str]:
    return [paragraph[i : i + chars] for i in range(0, len(paragraph), chars)]


PARAGRAPHS = [
    "一、整改落实情况",
    "  局党组坚决扛起巡察整改主体责任,第一时间召开党组会议研究部署,成立整改工作领导小组,共培训干部9.62万人,"
    "投入资金1000—2000元,2021年度完成整改。",
    "(一)关于“学习不够”的问题",
    "  一是开展学习12次;二是建立制度3项,完成整改任务的104.2%。",
]


def test_a_wrapped_text_reads_as_its_paragraphs() -> None:
    lines = [line for p in PARAGRAPHS for line in _wrap(p, 18)]
    view = unwrap("\n".join(lines))
    assert view.text == "\n".join(PARAGRAPHS)
    wrapped = layout(lines)
    assert wrapped is not None and wrapped.indented


def test_a_text_of_one_paragraph_a_line_has_no_soft_break() -> None:
    assert layout(TEXT.split("\n")) is None
    view = unwrap(TEXT)
    assert (view.text, view.cuts) == (TEXT, ())


@given(st.lists(st.sampled_from(["9.62", "万人", "一、整改", "共", "30", "个。", "  段落", "", " "]), max_size=40))
def test_the_offset_map_is_the_view(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    view = unwrap(text)
    removed = {i for a, b in view.cuts for i in range(a, b)}
    assert view.text == "".join(ch for i, ch in enumerate(text) if i not in removed)
    for v, ch in enumerate(view.text):
        p = view.to_loaded(v)
        assert text[p] == ch and view.to_view(p) == v
        assert view.end_to_loaded(v + 1) == p + 1  # a span ending at v ends right after its last character
