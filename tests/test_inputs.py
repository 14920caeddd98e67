"""What a job reads: files, directories, glob patterns and manifests, expanded to inputs (or to input errors)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

import zhenggai.inputs as inputs
from zhenggai.errors import CODES, LoadError
from zhenggai.inputs import Input, expand
from zhenggai.load import load_path


def touch(path: Path, content: bytes = "正文".encode()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder as crawlers and users leave it."""
    d = tmp_path / "corpus"
    for name in (
        "b.txt",
        "a.html",
        "README",  # no suffix: crawlers save pages so
        "z.MD",  # suffixes compare in lower case
        "old.doc",  # a report format not read: listed, to fail with `unsupported`
        "image.png",
        "notes.json",
        ".DS_Store",
        ".hidden.txt",
        ".git/config.txt",  # a dot folder is not walked
        "sub/c.pdf",
        "sub/deeper/d.docx",
        "job/.lock",  # a job folder inside the corpus: our own output, not input
        "job/out.txt",
        "job/review/page.html",
    ):
        touch(d / name)
    return d


def test_file_given_is_taken_as_is(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")  # not checked here: the loader says not_found
    assert list(expand(["report.txt", missing])) == [Input("report.txt"), Input(missing)]


def test_directory_walk(corpus: Path) -> None:
    got = list(expand([str(corpus)]))
    assert got == [
        # files of a folder in name order (capitals first), then its subfolders in name order
        Input(str(corpus / "README")),
        Input(str(corpus / "a.html")),
        Input(str(corpus / "b.txt")),
        Input(str(corpus / "image.png"), ignored="not a document type (.png)"),
        Input(str(corpus / "notes.json"), ignored="not a document type (.json)"),
        Input(str(corpus / "old.doc")),
        Input(str(corpus / "z.MD")),
        Input(str(corpus / "sub" / "c.pdf")),
        Input(str(corpus / "sub" / "deeper" / "d.docx")),
    ]


def test_doc_listed_by_the_walk_fails_when_loaded(corpus: Path) -> None:
    doc = next(i for i in expand([str(corpus)]) if i.path.endswith(".doc"))
    assert doc.error is None and doc.ignored is None
    with pytest.raises(LoadError) as exc:
        load_path(doc.path)
    assert exc.value.code == "unsupported"


def test_a_job_folder_given_itself_is_walked(corpus: Path) -> None:
    # Only a job folder met inside the walk is passed over; its .lock is a dotfile either way.
    assert list(expand([str(corpus / "job")])) == [
        Input(str(corpus / "job" / "out.txt")),
        Input(str(corpus / "job" / "review" / "page.html")),
    ]


def test_items_keep_the_order_given(corpus: Path) -> None:
    got = [i.path for i in expand([str(corpus / "sub"), str(corpus / "b.txt"), str(corpus / "a.html")])]
    assert got == [
        str(corpus / "sub" / "c.pdf"),
        str(corpus / "sub" / "deeper" / "d.docx"),
        str(corpus / "b.txt"),
        str(corpus / "a.html"),
    ]


def test_expand_is_lazy(tmp_path: Path) -> None:
    it = expand([str(tmp_path / "later")])
    assert isinstance(it, Iterator)
    touch(tmp_path / "later" / "x.txt")  # made after the call, before the walk
    assert list(it) == [Input(str(tmp_path / "later" / "x.txt"))]


def test_unreadable_directory_is_an_input_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def walk(top: Path, onerror):  # type: ignore[no-untyped-def]
        onerror(PermissionError(13, "Permission denied", str(top / "locked")))
        return iter([])

    monkeypatch.setattr(inputs.os, "walk", walk)
    assert list(expand([str(tmp_path)])) == [
        Input(str(tmp_path / "locked"), error="cannot read directory: Permission denied", code="unreadable")
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["b.txt"]),  # dotfiles are not matched
        ("[ab].*", ["a.html", "b.txt"]),  # in name order
        ("**/*.pdf", ["sub/c.pdf"]),  # recursive
        ("s*", ["sub/c.pdf", "sub/deeper/d.docx"]),  # a matched folder is walked
        ("*.png", ["image.png"]),  # a file named by the pattern is taken, whatever its type
    ],
)
def test_glob(corpus: Path, pattern: str, expected: list[str]) -> None:
    assert list(expand([str(corpus / pattern)])) == [Input(str(corpus / e)) for e in expected]


def test_glob_matching_nothing_is_no_match(corpus: Path) -> None:
    pattern = str(corpus / "*.xlsx")
    got = list(expand([pattern]))
    assert got == [Input(pattern, error="no file matches this pattern", code="no_match")]
    assert got[0].code in CODES


def test_a_file_whose_name_looks_like_a_pattern_is_a_file(tmp_path: Path) -> None:
    f = touch(tmp_path / "report[1].txt")
    assert list(expand([str(f)])) == [Input(str(f))]


def test_csv_manifest_utf8(tmp_path: Path) -> None:
    m = tmp_path / "list" / "m.csv"
    touch(
        m,
        (
            "path,url,title\n"
            "a.txt,http://x.gov.cn/1.html,某县巡察整改通报\n"
            "sub/b.html,,标题二\n"  # an empty column is no metadata
            f"{tmp_path / 'abs.txt'},http://x.gov.cn/3.html,\n"  # an absolute path stays as it is
            ",http://x.gov.cn/4.html,无路径\n"
        ).encode(),
    )
    assert list(expand([str(m)])) == [
        Input(str(m.parent / "a.txt"), {"url": "http://x.gov.cn/1.html", "title": "某县巡察整改通报"}),
        Input(str(m.parent / "sub" / "b.html"), {"title": "标题二"}),
        Input(str(tmp_path / "abs.txt"), {"url": "http://x.gov.cn/3.html"}),
        Input(f"{m}:5", error="manifest line 5 has no 'path'"),
    ]


def test_csv_manifest_gbk_as_excel_saves_it(tmp_path: Path) -> None:
    data = "path,标题,来源\n报告一.txt,某县巡察整改进展情况通报,县纪委监委网站\n".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the case is only worth testing if the bytes are no UTF-8
    m = touch(tmp_path / "清单.CSV", data)
    assert list(expand([str(m)])) == [
        Input(str(tmp_path / "报告一.txt"), {"标题": "某县巡察整改进展情况通报", "来源": "县纪委监委网站"})
    ]


def test_csv_manifest_with_a_byte_order_mark(tmp_path: Path) -> None:
    m = touch(tmp_path / "m.csv", "\ufeffpath,title\na.txt,标题\n".encode())
    assert list(expand([str(m)])) == [Input(str(tmp_path / "a.txt"), {"title": "标题"})]


def test_csv_row_numbers_count_lines_of_quoted_fields(tmp_path: Path) -> None:
    m = touch(tmp_path / "m.csv", 'path,title\na.txt,"两行\n标题"\n,无路径\n'.encode())
    got = list(expand([str(m)]))
    assert got[0] == Input(str(tmp_path / "a.txt"), {"title": "两行\n标题"})
    assert got[1] == Input(f"{m}:4", error="manifest line 4 has no 'path'")


def test_jsonl_manifest_bad_lines_are_their_own_errors(tmp_path: Path) -> None:
    m = tmp_path / "m.jsonl"
    lines = [
        '{"path": "a.txt", "url": "http://x.gov.cn/a.html"}',
        "",  # blank lines are skipped, but counted
        "{not json",
        '{"url": "http://x.gov.cn/b.html"}',
        '["a.txt"]',
        '{"path": "b.txt", "n": 3, "gone": null, "empty": ""}',
    ]
    touch(m, "\n".join(lines).encode())
    got = list(expand([str(m)]))
    assert [g.path for g in got] == [str(tmp_path / "a.txt"), f"{m}:3", f"{m}:4", f"{m}:5", str(tmp_path / "b.txt")]
    assert got[0] == Input(str(tmp_path / "a.txt"), {"url": "http://x.gov.cn/a.html"})
    assert got[1].error is not None and got[1].error.startswith("manifest line 3 is not JSON: ")
    assert got[1].code == "bad_manifest"
    assert got[2] == Input(f"{m}:4", error="manifest line 4 has no 'path'")
    assert got[3] == Input(f"{m}:5", error="manifest line 5 has no 'path'")
    assert got[4] == Input(str(tmp_path / "b.txt"), {"n": "3"})  # values as strings, nulls and blanks dropped


@pytest.mark.parametrize(("name", "content"), [("empty.csv", b""), ("empty.jsonl", b"  \n")])
def test_unreadable_manifest_is_one_error(tmp_path: Path, name: str, content: bytes) -> None:
    m = touch(tmp_path / name, content)
    [got] = list(expand([str(m)]))
    assert got.path == str(m)
    assert got.code == "bad_manifest"
    assert got.error is not None and got.error.startswith("unreadable manifest: ")


def test_manifest_inside_a_directory_is_not_read_as_a_manifest(tmp_path: Path) -> None:
    # Only a manifest named on the command line is a list of inputs; in a folder a .csv is no document.
    m = touch(tmp_path / "d" / "m.csv", b"path\na.txt\n")
    assert list(expand([str(tmp_path / "d")])) == [Input(str(m), ignored="not a document type (.csv)")]
