"""Figures: every example of the golden contract (§figures and its clarifications), table-driven."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhenggai.quantities import parse_figure, scan_figures


def found(text: str) -> list[tuple[str, float, str]]:
    return [(h.text, h.value, h.unit) for h in scan_figures(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共培训2.93万名干部", [("2.93万名", 29300, "名")]),
        ("开展检查1600余次", [("1600余次", 1600, "次")]),
        ("覆盖率达76%", [("76%", 76, "%")]),
        ("下降0.14个百分点", [("0.14个百分点", 0.14, "个百分点")]),
        ("蓄水1.56亿立方米", [("1.56亿立方米", 156000000, "立方米")]),
        ("拆除40359㎡", [("40359㎡", 40359, "㎡")]),
        ("全市60个重大专项", [("60个", 60, "个")]),
        ("完成投资295.4亿元", [("295.4亿元", 29540000000, "元")]),
        ("惠及2.46万户", [("2.46万户", 24600, "户")]),
        ("培训1.4万余人次", [("1.4万余人次", 14000, "人次")]),
        ("投入4.48亿元", [("4.48亿元", 448000000, "元")]),
        ("进出口额18.7亿美元", [("18.7亿美元", 1870000000, "美元")]),  # a currency other than 元 is its unit whole
        ("清查设备2134台套", [("2134台套", 2134, "台套")]),  # so is a compound measure word of equipment
        ("近5年来", [("5年", 5, "年")]),
        ("48小时内办结", [("48小时", 48, "小时")]),
        ("排名前20名", [("20名", 20, "名")]),
        ("2至4个评分档", [("2", 2, "个"), ("4个", 4, "个")]),
        ("分别高1.2、3.4个百分点", [("1.2", 1.2, "个百分点"), ("3.4个百分点", 3.4, "个百分点")]),
        ("聚焦7个方面", [("7个", 7, "个")]),
        ("明确3方面任务", [("3方面", 3, "方面")]),
        ("增长2.50%", [("2.50%", 2.5, "%")]),
        ("浓度为35微克/立方米", [("35微克/立方米", 35, "微克/立方米")]),
        ("处理污水5万m3", [("5万m3", 50000, "m3")]),
        ("5个工作日内", [("5个工作日", 5, "个工作日")]),
        ("检查车辆120辆次", [("120辆次", 120, "辆次")]),
        ("5000万元至1亿元", [("5000万元", 50000000, "元"), ("1亿元", 100000000, "元")]),
        ("比重首次突破1/4", [("1/4", 0.25, "")]),
        ("35岁以下", [("35岁", 35, "岁")]),
        # a dash range shares its unit as 至 does; only a phone number's area code stops it
        ("每人补助1000—2000元", [("1000", 1000, "元"), ("2000元", 2000, "元")]),
        ("罚款500-1000元", [("500", 500, "元"), ("1000元", 1000, "元")]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第162次常委会",
        "获得第4名",
        "位列第3位",
        "全市第1",
        "PM2.5平均浓度",
        "G107国道",
        "北邮5G网络",
        "〔2019〕3号文件",
        "拨打12345热线",
        "拨打“12345”",
        "电话0374—2965678",
        "电话0374-2965678-8001",
        "联系电话:037163639003",
        "邮政编码:450043",
        "开元路8号",
        "《关于加强2个责任的意见》",
        "90后干部",
        "“3+2”模式",
        "“1 3”整改方案",
        "1 X工作体系",
        "3号专用章",
        "“1号花城”APP",
        "“1242”服务业发展计划",
        "每月10日召开",
    ],
)
def test_not_figures(text: str) -> None:
    assert found(text) == []


def test_approximate_flag() -> None:
    hits = scan_figures("近5年培训1.4万余人次,投入约3亿元,共10家以上", 0, 25)
    assert [h.approximate for h in hits] == [True, True, True, True]
    assert not scan_figures("投入60个", 0, 5)[0].approximate


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(["元", "人次", "个百分点", "户", "%"]),
)
def test_value_round_trip(number: Decimal, multiplier: str, unit: str) -> None:
    written = f"{number.normalize():f}"
    parsed = parse_figure(f"{written}{multiplier}{unit}")
    factor = {"": 1, "万": 10**4, "亿": 10**8}[multiplier]
    assert parsed is not None
    assert Decimal(str(parsed[0])) == number * factor
    assert parsed[1] == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("投入12,345元", [("12,345元", 12345, "元")]),
        ("共1,234,567人次", [("1,234,567人次", 1234567, "人次")]),
        ("分别为3,5家", [("3", 3, ""), ("5家", 5, "家")]),
    ],
)
def test_thousands_separators(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每人每月400元至800元标准发放", [("400元", 400, "元"), ("800元", 800, "元")]),
        ("设立每年2亿元的专项资金", [("2亿元", 200000000, "元")]),
        ("每周2次", [("2次", 2, "次")]),
    ],
)
def test_what_recurs_is_counted(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(h.text, h.value, h.unit) for h in scan_figures(text, 0, len(text))] == expected


def test_a_fraction_over_zero_is_no_quantity() -> None:
    # 5/0 (a score or a typo) divided by zero and failed the whole document; it is no figure now
    text = "一是完成5/0个项目。"
    figures = scan_figures(text, 0, len(text))
    assert not any(f.text.startswith("5") for f in figures)
