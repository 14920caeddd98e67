"""Loader: encodings, HTML pages, bad input."""

import codecs
import io
import logging
import os
import zipfile
from pathlib import Path

import pytest

from zhenggai.load import LoadError, _without_page_number, load_bytes, load_path, normalise

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
        (REPORT.encode("utf-32"), "utf-32"),  # was read as a binary file
        (REPORT.encode("utf-32-be"), "utf-32-be"),
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


def _broken_docx() -> bytes:
    """A zip with a Word document part that is not well-formed XML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", "<w:document><w:body><w:p>巡视整改")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "code", "says"),
    [
        ("fake.docx", b"\x00\x01PK not a zip" * 10, "bad_container", "not a Word document"),  # was "NUL bytes"
        ("fake.pdf", REPORT.encode("utf-8"), "bad_container", "no %PDF- header"),
        (
            "broken.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            "bad_container",
            "unreadable PDF",
        ),
        ("old.doc", REPORT.encode("utf-8"), "unsupported", "Word 97-2003"),
        ("broken.docx", _broken_docx(), "bad_container", "XMLSyntaxError"),  # was an internal error
        ("page.mht", REPORT.encode("utf-8"), "unsupported", "MHTML"),
    ],
)
def test_files_that_are_not_what_they_say_get_their_code(
    tmp_path: Path, name: str, data: bytes, code: str, says: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / name).write_bytes(data)
    with caplog.at_level(logging.WARNING), pytest.raises(LoadError, match=says) as caught:
        load_path(tmp_path / name)
    assert caught.value.code == code
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]  # no library noise beside our message


def test_paths_that_cannot_be_read(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    cases = {
        "loop.txt": "unreadable",
        "dangling.txt": "not_found",
        "fifo.txt": "not_a_file",
        "missing.txt": "not_found",
    }
    for name, code in cases.items():
        with pytest.raises(LoadError) as caught:
            load_path(tmp_path / name)
        assert caught.value.code == code, name
    with pytest.raises(LoadError) as caught:
        load_path(tmp_path)
    assert caught.value.code == "not_a_file"


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_utf8_file_cut_inside_its_last_character_is_kept_with_a_note(bom: bytes) -> None:
    data = bom + REPORT.encode("utf-8") + "问".encode()[:2]
    doc = load_bytes(data, "cut.txt")
    assert doc.text == normalise(REPORT)
    assert doc.notes == (
        ("input_truncated", "the file ends inside a UTF-8 character: its last 2 byte(s) were dropped"),
    )


def _docx_variant(change) -> bytes:  # type: ignore[no-untyped-def]
    import docx

    d = docx.Document()
    d.add_paragraph("根据省委统一部署,省委第一巡视组对某县进行了巡视。")
    buf = io.BytesIO()
    d.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            z.writestr(info, change(data) if info.filename == "word/document.xml" else data)
    return out.getvalue()


DTD = b'<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'


@pytest.mark.parametrize(
    "change",
    [
        lambda x: x.replace(b"?>", b"?>" + DTD, 1),
        lambda x: x.replace(b"?>", b"?><!--" + b"x" * 9000 + b"-->" + DTD, 1),  # past a first-bytes check
        lambda x: (
            x.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
            .replace(b"?>", b"?>" + DTD, 1)
            .decode()
            .encode("utf-16")
        ),
    ],
    ids=["plain", "after a long comment", "utf-16 part"],
)
def test_a_docx_declaring_a_dtd_is_refused(change) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoadError) as caught:
        load_bytes(_docx_variant(change), "x.docx")
    assert caught.value.code == "unsafe_xml"
    assert "巡视" in load_bytes(_docx_variant(lambda x: x), "x.docx").text  # the same document without it loads


def test_a_pdf_text_layer_keeps_its_lines_and_its_pages_run_on() -> None:
    from tests.helpers.published import pdf_bytes

    paragraphs = ["一、整改落实情况", "根据省委统一部署,省委第一巡视组对某县进行了巡视,共培训干部9.62万人。" * 30]
    doc = load_bytes(pdf_bytes("\n".join(paragraphs), width=300), "r.pdf")
    assert doc.encoding == "pdf"
    assert doc.text.split("\n")[0] == "  一、整改落实情况"  # its indent, two ideographic spaces, normalised
    assert "".join(doc.text.split()) == "".join("".join(paragraphs).split())  # every character, in order
    assert "\n\n" not in doc.text  # the page break is a line break like any other


def test_a_docx_is_read_in_reading_order_with_its_tables() -> None:
    from tests.helpers.published import docx_bytes

    data = docx_bytes(
        [
            "一、整改落实情况",
            [
                ["反馈问题", "整改措施", "责任单位"],
                ["(一)关于“学习不够”的问题", "一是召开会议3次。\n二是印发方案。", "县委办"],
            ],
            "二、下一步打算",
        ]
    )
    assert load_bytes(data, "r.docx").text.split("\n") == [
        "一、整改落实情况",
        "反馈问题",
        "整改措施",
        "责任单位",
        "(一)关于“学习不够”的问题",
        "一是召开会议3次。",
        "二是印发方案。",
        "县委办",
        "二、下一步打算",
    ]


def test_a_docx_merged_cell_is_read_once_and_a_nested_table_in_its_cell() -> None:
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "县委办"  # one cell over two rows
    table.cell(0, 1).merge(table.cell(0, 2)).text = "一是召开会议3次。"  # one cell over two columns
    table.cell(1, 1).text = "二是印发方案。"
    inner = table.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "2021年6月底", "已完成"
    buf = io.BytesIO()
    d.save(buf)
    lines = [line for line in load_bytes(buf.getvalue(), "r.docx").text.split("\n") if line]
    assert lines == ["县委办", "一是召开会议3次。", "二是印发方案。", "2021年6月底", "已完成"]


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("一是召开会议。\n同比增长16.\n- 2 -\n", "一是召开会议。\n同比增长16.\n"),  # a page number at the foot
        ("3\n7%。二是印发方案。\n", "7%。二是印发方案。\n"),  # ... or at the head
        ("正文一行。\n—12—", "正文一行。"),
        ("正文一行。\n第3页 共10页\n", "正文一行。\n"),
        ("正文一行。\n3/10\n", "正文一行。\n"),
        ("正文一行。\n共计\n30\n个单位。\n", "正文一行。\n共计\n30\n个单位。\n"),  # not at the page's edge
        ("2021\n", "2021\n"),  # a page of one line keeps it
    ],
)
def test_a_pdf_page_number_is_no_text(page: str, kept: str) -> None:
    assert _without_page_number(page) == kept
