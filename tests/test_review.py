"""The review page, checked in headless Chromium through its DOM: every item marked at its text, nothing from the
source run as markup, the load time of the largest seed, gold misses marked in place, the job index;
what needs no browser (the legend, tooltips) by parsing the HTML."""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DEV_GOLD, SEEDS
from zhenggai import extract
from zhenggai.golden import read_golden
from zhenggai.review import render_report, write_review
from zhenggai.schemas import Report, ValidationIssue

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The DOM's view of the marks: data- attributes, text and whether the element is a continued piece.
MARKS_JS = """classes => Object.fromEntries(classes.map(c => [c, [...document.querySelectorAll('.text .' + c)]
  .map(e => ({...e.dataset, text: e.textContent, cont: e.classList.contains('cont')}))]))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = pytest.fail if os.environ.get("CI") else pytest.skip  # .ci/run installs both: never skip there
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is missing: pip install playwright")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def xuchang() -> Report:
    return extract(DEV_GOLD / "xuchang_2017.txt")


@pytest.fixture(scope="module")
def huiji() -> Report:
    return extract(DEV_GOLD / "huiji_2021.txt")


class _Elements(HTMLParser):
    """Every element's tag and attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str, cls: str) -> list[dict[str, str]]:
    """The attributes of the elements having class ``cls``."""
    parser = _Elements()
    parser.feed(html)
    return [a for _, a in parser.found if cls in a.get("class", "").split()]


def show(page: Any, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())


def by_span(items: list[dict[str, Any]]) -> dict[tuple[int, int], dict[str, Any]]:
    return {(int(d["start"]), int(d["end"])): d for d in items if not d["cont"]}


def test_seed_page_marks_every_item_and_a_planted_issue(page: Any, xuchang: Report, tmp_path: Path) -> None:
    report = xuchang.model_copy(deep=True)
    m = report.problems[1].measures[0]
    # across the end of a measure: the issue has to be split in two pieces to nest
    report.issues.append(
        ValidationIssue(
            code="planted",
            message="a planted issue",
            path="problems[1].measures[0]",
            start=m.end - 6,
            end=m.end + 6,
            severity="warning",
        )
    )
    show(page, render_report(report), tmp_path / "xuchang_2017.html")

    assert page.text_content(".text") == report.text  # escaped, nothing lost or doubled by the nesting
    dom = page.evaluate(MARKS_JS, ["problem", "title", "fig", "date", "issue"])
    assert [d["label"] for d in dom["problem"]] == [p.label for p in report.problems]
    titles, figs, dates = by_span(dom["title"]), by_span(dom["fig"]), by_span(dom["date"])
    for p in report.problems:
        assert titles[p.title.start, p.title.end]["text"] == p.title.text
        for f in p.figures:
            d = figs[f.start, f.end]
            assert (d["text"], float(d["value"]), d["unit"]) == (f.text, f.value, f.unit)
        for dt in p.dates:
            d = dates[dt.start, dt.end]
            assert (d["text"], d["iso"]) == (dt.text, f"{dt.start_iso}/{dt.end_iso}" if dt.end_iso else dt.start_iso)
    pieces = [d for d in dom["issue"] if d["code"] == "planted"]
    assert len(pieces) >= 2 and "".join(d["text"] for d in pieces) == report.text[m.end - 6 : m.end + 6]
    assert page.locator("#issues li", has_text="a planted issue").count() == 1

    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.label") == report.problems[1].label
    page.keyboard.press("i")
    assert page.evaluate("document.activeElement.dataset.code") == "planted"
    assert "a planted issue" in page.inner_text("#tip") and "extractor: rules" in page.inner_text("#tip")
    shot = tmp_path / "xuchang_2017.png"
    page.screenshot(path=shot)
    print(f"\nscreenshot: {shot}")


def test_markup_in_the_source_is_shown_as_text(page: Any, xuchang: Report, tmp_path: Path) -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(1)> &amp; &lt;b&gt; \"'"
    p = xuchang.problems[0]
    text = xuchang.text
    for at in sorted((p.finding.start + 2, p.measures[0].start + 4), reverse=True):  # in the title and a measure
        text = text[:at] + payload + text[at:]
    report = extract(text=text)
    assert payload in report.problems[0].title.text and payload in report.problems[0].measures[0].text
    title = report.problems[0].title
    # an issue message goes into an attribute (the tooltip) and the issue list
    report.issues.append(
        ValidationIssue(code="payload", message=payload, path="problems[0].title", start=title.start, end=title.end)
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    show(page, render_report(report), tmp_path / "payload.html")
    page.wait_for_timeout(200)  # an injected handler would fire after the image failed to load

    assert dialogs == []
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    assert page.text_content(".text") == report.text
    assert page.inner_text(".text").count(payload) == 2
    assert payload in page.inner_text("#problems li >> nth=0")
    assert payload in page.inner_text("#issues li >> nth=0")
    assert payload in (page.get_attribute(".text .issue", "data-tip") or "")


def test_load_time_of_the_largest_seed(page: Any, seed_text: dict[str, str], tmp_path: Path) -> None:
    name = max(SEEDS, key=lambda n: len(seed_text[n]))
    html = render_report(extract(DEV_GOLD / f"{name}.txt"))
    show(page, html, tmp_path / f"{name}.html")
    ms = page.evaluate("""() => new Promise(done => {
      const check = () => { const t = performance.getEntriesByType('navigation')[0];
        t.loadEventEnd > 0 ? done(t.loadEventEnd - t.startTime) : setTimeout(check, 10); };
      check(); })""")
    print(f"\nload time of {name}.html ({len(html.encode()) // 1024} KiB): {ms:.0f} ms")


def test_gold_miss_is_marked_in_place(page: Any, xuchang: Report, tmp_path: Path) -> None:
    report = xuchang.model_copy(deep=True)
    gold = read_golden(DEV_GOLD / "xuchang_2017.gold.json")
    # a figure whose text occurs once in its problem, so the miss can be located at exactly its span
    p, f = next(
        (p, f)
        for p in report.problems
        if p.body
        for f in p.figures
        if report.text[p.body.start : p.body.end].count(f.text) == 1
    )
    p.figures.remove(f)
    show(page, render_report(report, gold), tmp_path / "xuchang_gold.html")

    misses = page.evaluate(MARKS_JS, ["miss"])["miss"]
    assert {"kind": "figure", "start": str(f.start), "end": str(f.end), "text": f.text, "cont": False} in [
        {k: d[k] for k in ("kind", "start", "end", "text", "cont")} for d in misses
    ]
    assert page.locator("#misses li", has_text=f.text).count() == 1
    assert page.locator(f".fig[data-start='{f.start}']").count() == 0


def test_write_review_pages_and_index(xuchang: Report, tmp_path: Path) -> None:
    other = extract(DEV_GOLD / "huiji_2021.txt")
    written = write_review([xuchang, other], tmp_path / "job", gold_dir=DEV_GOLD)
    assert [p.name for p in written] == ["xuchang_2017.html", "huiji_2021.html", "index.html"]
    index = written[-1].read_text(encoding="utf-8")
    assert 'href="xuchang_2017.html"' in index and 'href="huiji_2021.html"' in index
    assert 'id="misses"' in written[0].read_text(encoding="utf-8")  # gold found beside the sources
    single = write_review([xuchang], tmp_path / "one" / "page.html")
    assert single == [tmp_path / "one" / "page.html"] and 'id="misses"' not in single[0].read_text(encoding="utf-8")


def test_one_report_is_one_page_with_a_suffix_else_a_directory_with_an_index(xuchang: Report, tmp_path: Path) -> None:
    assert write_review([xuchang], tmp_path / "review") == [tmp_path / "review.html"]
    existing = tmp_path / "existing"
    existing.mkdir()
    assert write_review([xuchang], existing) == [existing / "xuchang_2017.html", existing / "index.html"]
    failed = [("bad/input.pdf", "load_error", "cannot read")]
    job = write_review([xuchang], tmp_path / "job", failed=failed)
    assert job == [tmp_path / "job" / "xuchang_2017.html", tmp_path / "job" / "index.html"]
    assert write_review([], tmp_path / "none", failed=failed) == [tmp_path / "none" / "index.html"]


def test_index_lists_reports_and_failures_and_sorts_by_a_column(
    page: Any, xuchang: Report, huiji: Report, tmp_path: Path
) -> None:
    failed = [("bad/input.pdf", "load_error", "cannot read <this> PDF")]
    index = write_review([xuchang, huiji], tmp_path / "job", failed=failed)[-1]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text))  # a script the CSP blocks is reported here
    page.goto(index.as_uri())

    def rows() -> list[list[str]]:
        js = "[...document.querySelectorAll('#reports tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim()))"
        return list(page.evaluate(js))

    heads = page.evaluate("[...document.querySelectorAll('#reports th')].map(c => c.innerText.trim())")
    assert heads == ["report", "inspected unit", "year", "inspection team", "problems", "issues", "status", "detail"]
    assert rows() == [
        [xuchang.source, "许昌市", "2017", "省委第一巡视组", "45", "0 (0 errors)", "ok", ""],
        [huiji.source, "惠济区", "2021", "省委第四巡视组", "35", "0 (0 errors)", "ok", ""],
        ["bad/input.pdf", "", "", "", "", "", "load_error", "cannot read <this> PDF"],
    ]
    page.click("#reports th >> text=problems")
    assert [r[4] for r in rows()] == ["", "35", "45"]
    page.click("#reports th >> text=problems")
    assert [r[4] for r in rows()] == ["45", "35", ""]
    page.click("#reports th >> text=inspected unit")
    assert page.get_attribute("#reports th >> nth=1", "aria-sort") == "ascending"
    assert errors == []


def test_meta_is_marked_in_the_text_and_shown_in_the_header(page: Any, huiji: Report, tmp_path: Path) -> None:
    m = huiji.meta
    assert m.inspection_team and m.inspected_unit and m.issuer and m.progress  # what the test relies on
    show(page, render_report(huiji), tmp_path / "huiji.html")
    marks = by_span(page.evaluate(MARKS_JS, ["meta"])["meta"])
    spans = [("inspection_team", m.inspection_team), ("inspected_unit", m.inspected_unit), ("issuer", m.issuer)]
    spans += [("phones", s) for s in m.phones] + [("emails", s) for s in m.emails]
    spans += [("progress", s) for s in m.progress]
    for name, span in spans:
        assert (marks[span.start, span.end]["field"], marks[span.start, span.end]["text"]) == (name, span.text)
    header = page.inner_text("header")
    for text in (m.inspection_team.text, m.issuer.text, "2020-09-13 … 2020-11-10", *(p.text for p in m.progress)):
        assert text in header
    page.click(f"header a >> text={m.progress[0].text}")  # the header links to the mark
    assert page.evaluate("document.activeElement.dataset.field") == "progress"


def test_figures_outside_the_problems_are_marked_apart(page: Any, huiji: Report, tmp_path: Path) -> None:
    show(page, render_report(huiji), tmp_path / "huiji.html")
    loose = page.evaluate("""[...document.querySelectorAll('.text .fig.loose')].map(e => ({text: e.textContent,
      inProblem: !!e.closest('.problem'), bg: getComputedStyle(e).backgroundColor, tip: e.dataset.tip}))""")
    texts = [f["text"] for f in loose]
    assert "17个" in texts and "30项" in texts  # in the organisation section and the progress sentence
    assert not any(f["inProblem"] for f in loose) and "outside the problems" in loose[0]["tip"]
    inner = page.evaluate("getComputedStyle(document.querySelector('.text .problem .fig')).backgroundColor")
    assert {f["bg"] for f in loose} == {"rgba(0, 0, 0, 0)"} != {inner}  # no fill: visibly not a problem's figure
    assert page.locator(".text .problem .fig.loose").count() == 0


def test_gold_legend_only_with_gold(xuchang: Report) -> None:
    gold = read_golden(DEV_GOLD / "xuchang_2017.gold.json")
    assert elements(render_report(xuchang), "miss") == [] and elements(render_report(xuchang), "extra") == []
    assert len(elements(render_report(xuchang, gold), "miss")) >= 1


def test_adjacent_measures_are_told_apart(page: Any, xuchang: Report, tmp_path: Path) -> None:
    show(page, render_report(xuchang), tmp_path / "xuchang.html")
    shades = page.evaluate("""[...document.querySelectorAll('.text .problem')].map(p =>
      [...p.querySelectorAll('.measure:not(.cont)')].map(e => getComputedStyle(e).backgroundColor))""")
    pairs = [(a, b) for ms in shades for a, b in pairwise(ms)]
    assert pairs and all(a != b for a, b in pairs)


def test_an_open_ended_date_shows_its_open_end(huiji: Report) -> None:
    d = next(d for p in huiji.problems for d in p.dates if d.text == "2020年9月至今")
    assert (d.start_iso, d.end_iso) == ("2020-09", None)  # the model has no end for it
    [mark] = [a for a in elements(render_report(huiji), "date") if a.get("data-start") == str(d.start)]
    assert "ISO: 2020-09 … 至今" in mark["data-tip"] and mark["data-iso"] == "2020-09"
