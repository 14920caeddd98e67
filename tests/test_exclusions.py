"""The exclusion table row by row: each row excludes the digits of its example and not those of a near miss."""

import pytest

from zhenggai.exclusions import EXCLUSIONS, Exclusion, Site, Use, excluded, site_at
from zhenggai.quantities import scan_figures
from zhenggai.textspans import TitleIndex


def site(marked: str, *, unit: str = "", window: bool = False) -> Site:
    """The site of the digits between the bars of ``marked``; ``window``: the window ends right after them."""
    s, e = marked.index("|"), marked.rindex("|") - 1
    text = marked.replace("|", "")
    return site_at(text, s, e, 0, e if window else len(text), TitleIndex(text), unit=unit)


# Row name: (an example it excludes, a near miss it does not).
CASES = {
    "after a letter, + or .": ("A|3|纸", "甲|3|纸"),
    "before +": ("“|3|+2”", "“|3|、2”"),
    "before a space and a code": ("|1| X", "|1| x"),
    "after a code and a space": ("“1 |3|”", "“共 |3|”"),
    "seven digits or more": ("|2965678|", "|296567|"),
    "area code": ("|0374|—2965678", "|0374|—296567"),
    "after an area code": ("0374-|2965|", "1000—|2000|元"),  # a range ends there, not a phone number
    "after an opening bracket": ("〔|2019|〕", "(|2019|)"),
    "before a closing bracket": ("[|2019|]", "[|2019|)"),
    "before 号": ("|3|号专用章", "|3|名"),
    "before 热线": ("|96|服务热线", "|96|条热线"),
    "after 邮编, 编码 or 电话": ("邮政编码:|450000|", "邮件:|450000|"),
    "before letters": ("|5|G网络", "|5|km"),
    "a day or month after 每月, 每周, 每年, 每日": ("每月|10|日", "每月|400|元"),
    "two digits before 后": ("|90|后", "|900|后"),
    "alone in quotes": ("“|1242|”", "“|1242|工程”"),
    "12xxx service number": ("|12315|投诉举报", "|13315|投诉举报"),
    "service line": ("|956688|客户服务热线", "|9566|客户服务热线"),
    "rank": ("全市第|1|", "全市共|1|"),
    "inside 《…》": ("《“十|3|五”规划》", "《规划》|3|项"),
    "after 排": ("排|3|", "拍|3|"),
    "after a bracketed year": ("〔2019〕|3|", "(2019)|3|"),
    "before 后": ("|2000|后", "|2000|年后"),
    "5-6 digit service number": ("|95598|供电服务", "|9559|供电服务"),
    "in a formula's tail": ("3+中|2|", "3、中|2|"),
}
UNITS = {"before letters": "km"}  # the near miss is a figure with its unit
# Where the gate on the text before reads from its end: a line break right before the digits ($ matches before
# it), a lookbehind that reads before where a match starts, a match as wide as its pattern allows.
BEFORE_EDGES = (
    "电话\n|2965|",
    "排名\n|3|",
    "第\n\n|3|",
    "120374-|2965|",
    "甲乙丙丁1230374-|2965|",
    "甲乙丙丁1230374-\n|29|",
    "甲乙丙丁0374—|29|",
)


def test_every_row_has_a_case() -> None:
    names = [row.name for row in EXCLUSIONS]
    assert len(set(names)) == len(names)
    assert sorted(CASES) == sorted(names)


@pytest.mark.parametrize("row", EXCLUSIONS, ids=lambda row: row.name)
def test_row_excludes_its_example_and_not_its_near_miss(row: Exclusion) -> None:
    hit, miss = CASES[row.name]
    assert row.applies(site(hit))
    assert not row.applies(site(miss, unit=UNITS.get(row.name, "")))


@pytest.mark.parametrize("use", [Use.SCANNER, Use.CHECKER])
def test_excluded_is_any_row_of_its_side(use: Use) -> None:
    """The gates that skip rows whose patterns cannot match skip none that would hold, whether the window
    ends right after the digits (``after`` and ``ahead`` differ, each has its gate) or not (one gate)."""
    for marked in [*(m for pair in CASES.values() for m in pair), *BEFORE_EDGES]:
        for window in (False, True):
            s = site(marked, window=window)
            assert excluded(s, use) == any(row.applies(s) for row in EXCLUSIONS if row.use & use), marked


def test_only_rows_that_read_ahead_see_past_the_window() -> None:
    assert excluded(site("|12345|市民热线", window=True), Use.SCANNER)
    assert not excluded(site("|3|号", window=True), Use.SCANNER)
    assert excluded(site("|3|号"), Use.SCANNER)


def test_an_item_label_is_no_character_before() -> None:
    text = "2.A30个"  # the label 2. ends at 2: the A right before 30 does not count
    assert site_at(text, 3, 5, 0, len(text), TitleIndex(text)).prev == "A"
    assert site_at(text, 3, 5, 0, len(text), TitleIndex(text), at_label=True).prev == " "


def test_the_text_before_may_end_with_a_line_break() -> None:
    assert excluded(site("电话\n|2965|"), Use.SCANNER)
    assert excluded(site("1230374-|2965|"), Use.SCANNER)  # seven digits before the dash
    assert not excluded(site("120374-|2965|"), Use.SCANNER)  # six, and no area code: a digit stands before its 0


@pytest.mark.parametrize(
    ("marked", "scanner", "checker"),
    [
        ("排|3|个", False, True),  # a checker row: the scanner reads 3个
        ("0374—|2965|", True, False),  # the scanner row, which relies on the dates being read first
        ("第|3|个", True, True),
    ],
)
def test_each_side_applies_its_rows(marked: str, scanner: bool, checker: bool) -> None:
    assert (excluded(site(marked), Use.SCANNER), excluded(site(marked), Use.CHECKER)) == (scanner, checker)


def test_the_scanner_reads_what_only_the_checker_excludes() -> None:
    text = "排3个,〔2019〕3次,2000后"
    assert [h.text for h in scan_figures(text, 0, len(text))] == ["3个", "3次", "2000"]
