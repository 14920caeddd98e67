"""A saved web page reduced to its article: HTML sniffing, the main text over navigation and footers, the
page's publication date."""

import pytest

from zhenggai.html_text import looks_like_html, main_text, publication_date


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html>\n<html><body>正文</body></html>", True),
        ("<HTML lang=zh-CN>", True),  # case does not matter
        ("<head><meta charset=utf-8>", True),
        ("前言\n<div class=x>正文</div>", True),
        ("<p>正文</p>", True),
        ("<body>\n正文", True),
        ("根据省委统一部署,省委第一巡视组对某县进行了巡视。", False),
        ("整改率<95%且>80%", False),  # angle brackets that are no tag
        ("<pre>正文</pre>", False),  # <p… must be the p tag itself
        ("<span>正文</span>", False),  # not one of the tags sniffed
        ("正" * 3000 + "<html>", False),  # only the first 3000 characters are looked at
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


PAGE = """<!DOCTYPE html>
<html><head><title>网站标题</title><script>var s = "脚本里的中文不算正文";</script>
<style>.x { content: "样式" }</style></head>
<body>
<div class="top-nav"><a href="/">首页</a><a href="/news">新闻中心</a><a href="/gov">政务公开</a></div>
<nav>导航栏的文字</nav>
<div id="main">
  <div class="content">
    <h1>中共某县委关于巡察整改进展情况的通报</h1>
    <p>\u3000\u3000根据县委统一部署,县委第一巡察组对某镇进行了巡察。</p>
    <p>一、整改工作情况</p>
    <p>镇党委高度重视整改工作。<br>成立领导小组。</p>
  </div>
</div>
<div class="share">分享到微信</div>
<div class="footer">版权所有:某县人民政府  地址:某县某路1号</div>
<footer>页脚的文字</footer>
</body></html>
"""


def test_main_text_is_the_article_without_navigation_scripts_or_footer() -> None:
    assert main_text(PAGE) == (
        "中共某县委关于巡察整改进展情况的通报\n"
        "根据县委统一部署,县委第一巡察组对某镇进行了巡察。\n"
        "一、整改工作情况\n"
        "镇党委高度重视整改工作。\n"  # <br> is a line break
        "成立领导小组。"
    )


def test_link_lists_lose_to_the_article_even_without_a_boilerplate_class() -> None:
    page = (
        "<html><body>"
        '<div id="list"><a href="1.html">关于做好全县安全生产工作的通知</a>'
        '<a href="2.html">关于召开全县干部大会的通知</a><a href="3.html">关于公布巡察举报电话的公告</a></div>'
        '<div id="art"><p>省委第一巡视组对某县进行了巡视。</p><p>现将整改进展情况予以公布。</p></div>'
        "</body></html>"
    )
    assert main_text(page) == "省委第一巡视组对某县进行了巡视。\n现将整改进展情况予以公布。"


def test_smallest_container_holding_the_text() -> None:
    # The outer wrapper holds a short credit line besides the article: the inner article is chosen.
    page = (
        "<html><body><div id='wrap'>"
        "<div id='text'><p>省委第一巡视组对某县进行了巡视,现将整改进展情况予以公布,欢迎监督。</p></div>"
        "<p>编辑</p></div></body></html>"
    )
    assert main_text(page) == "省委第一巡视组对某县进行了巡视,现将整改进展情况予以公布,欢迎监督。"


def test_white_space_collapsed_within_lines() -> None:
    page = "<html><body><div><p>整改  工作\t情况&nbsp;&nbsp;通报</p><p>  </p><p>第二段</p></div></body></html>"
    assert main_text(page) == "整改 工作 情况 通报\n第二段"


def test_page_without_chinese_is_all_its_text() -> None:
    assert main_text("<html><body><p>hello</p><p>world</p></body></html>") == "hello\nworld"


@pytest.mark.parametrize("html", ["", "   "])
def test_unparsable_page_comes_back_as_given(html: str) -> None:
    assert main_text(html) == html


@pytest.mark.parametrize(
    ("html", "date"),
    [
        ("<span>发布时间:2021-05-10</span>", "2021-05-10"),
        ("<span>发布日期:2021年5月9日</span>", "2021-05-09"),
        ("<span>发布时间</span>:<span>2020/1/2</span>", "2020-01-02"),  # tags between label and date
        ("<div>时间: 2019.12.31 来源:某县纪委</div>", "2019-12-31"),
        ("<i>发表时间：2018-3-7</i>", "2018-03-07"),  # a full-width colon: the raw page is not normalised
        ("<p>日期 : 2022 - 11 - 30</p>", "2022-11-30"),
        ("<p>2021-05-10</p>", None),  # a date with no label is not the page's
        ("<p>来源:新华网</p>", None),
        ("<p>发布时间:1899-01-01</p>", None),
    ],
)
def test_publication_date(html: str, date: str | None) -> None:
    assert publication_date(html) == date


def test_publication_date_first_label_wins() -> None:
    html = "<p>发布时间:2021-06-01</p><p>正文……2020年5月。</p><p>日期:2019-01-01</p>"
    assert publication_date(html) == "2021-06-01"
