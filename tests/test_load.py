"""Loader: encodings, HTML pages, bad input."""

import codecs

import pytest

from zhenggai.load import LoadError, load_bytes, normalise

REPORT = "根据省委统一部署,省委第一巡视组对许昌市进行了巡视。\r\n一、加强领导（一）党的领导方面，１２个"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("gb18030"), "gb18030"),
        (REPORT.encode("gbk"), "gb18030"),
        (REPORT.encode("utf-16"), "utf-16"),
        (REPORT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encodings_give_the_same_text(data: bytes, encoding: str) -> None:
    doc = load_bytes(data, "r.txt")
    assert doc.encoding == encoding
    assert doc.text == normalise(REPORT)
    assert "\r" not in doc.text and "(一)党的领导方面,12个" in doc.text


def test_fullwidth_mapping_keeps_offsets() -> None:
    raw = "（１）针对“问题”，共１２个"
    assert len(normalise(raw)) == len(raw)
    assert normalise(raw) == "(1)针对“问题”,共12个"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty document"),
        (b"  \n ", "empty document"),
        (bytes(range(256)) * 20, "binary"),
        (b"\xff\xfe\xfa" + "许昌".encode()[:-1] + b"\x81", "undecodable"),
        (b"just english text", "no Chinese text"),
    ],
)
def test_bad_input_has_a_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        load_bytes(data)


def test_html_page_reduced_to_main_text() -> None:
    page = """<html><head><title>x</title><script>var a='巡视整改导航脚本';</script></head><body>
    <div class="nav"><a href="/">首页</a><a href="/x">新闻中心</a><a>政务公开</a></div>
    <div class="share">分享到微信 微博</div>
    <div id="content"><p>根据省委统一部署,省委第一巡视组对许昌市进行了巡视。</p>
    <p>一、加强领导,强力推进整改</p><p>市委6月29日召开常委会会议,研究整改工作。</p></div>
    <div class="footer">版权所有 网站标识码 联系我们</div></body></html>"""
    doc = load_bytes(page.encode("utf-8"), "page.html")
    assert doc.text.splitlines() == [
        "根据省委统一部署,省委第一巡视组对许昌市进行了巡视。",
        "一、加强领导,强力推进整改",
        "市委6月29日召开常委会会议,研究整改工作。",
    ]


def test_page_publication_date_is_kept() -> None:
    page = (
        "<html><body><div class='info'>发布时间：2021-05-10 来源：某县纪委</div><div id='c'><p>省委巡视组对某县进行了巡视。</p>"
        "<p>一、整改情况</p></div></body></html>"
    )
    assert load_bytes(page.encode("utf-8")).page_date == "2021-05-10"
    assert load_bytes("省委巡视组对某县进行了巡视。".encode()).page_date is None
