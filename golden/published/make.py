"""Write the held-out report `ho_provdept_2021` in two published forms, with their gold.

- `provdept_2021_pdf.pdf`: an A4 PDF with a Chinese text layer, typeset the way an
  office exports one: a fixed measure, lines broken by width wherever they fall
  (inside sentences, figures and dates), paragraph starts indented by two
  characters, headings on lines of their own.
- `provdept_2021_docx.docx`: a DOCX whose problems stand in one table per category
  (序号 | 反馈问题 | 整改措施), with the opening, headings, closing and signature as
  paragraphs.

The gold of both is the held-out gold, cut back to version 1 fields, with `source`
renamed; the DOCX gold's labels are the bare numbers its 序号 column prints.
Run from the repository root: `.venv/bin/python golden/published/make.py`.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
HELDOUT = HERE.parent / "heldout"
NAME = "ho_provdept_2021"
PDF_NAME = "provdept_2021_pdf"
DOCX_NAME = "provdept_2021_docx"

FONT = "STSong-Light"
SIZE = 12.0
MEASURE_EM = 36  # 1-em characters per line; of 30-38 this one cuts the most figures and dates
LEADING = 22.0
MARGIN_TOP = 72.0
MARGIN_BOTTOM = 72.0
INDENT_EM = 2
# Chinese typesetting keeps these off the start of a line (they hang on the line before).
NO_LINE_START = set(",。、;:!?)》”’.%,;:")
# Problem headings of the held-out layout: `1.…` lines under `二、`.
PROBLEM = re.compile(r"^(\d+)\.(.*)$")
CATEGORY = re.compile(r"^\([一二三四五六七八九十]+\)")
SECTION = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class Para:
    text: str
    align: str  # "indent", "center" or "right"


def paragraphs(lines: list[str]) -> list[Para]:
    """Each source line is one printed paragraph: title centred, signature and date right."""
    body = [ln for ln in lines if ln.strip()]
    out = [Para(body[0], "center")]
    out += [Para(ln, "indent") for ln in body[1:-2]]
    out += [Para(ln, "right") for ln in body[-2:]]
    return out


def width(s: str) -> float:
    return float(pdfmetrics.stringWidth(s, FONT, SIZE))


def wrap(text: str, first_indent: float, measure: float) -> list[str]:
    """Break by width as a typesetter does, hanging closing punctuation."""
    lines: list[str] = []
    cur = ""
    avail = measure - first_indent
    for ch in text:
        if cur and width(cur + ch) > avail and ch not in NO_LINE_START:
            lines.append(cur)
            cur = ""
            avail = measure
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def write_pdf(paras: list[Para], path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page_w, page_h = A4
    measure = MEASURE_EM * SIZE
    left = (page_w - measure) / 2
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    canvas.setTitle("中共东川省水利厅党组关于省委巡视整改进展情况的通报")
    y = page_h - MARGIN_TOP

    def newline() -> None:
        nonlocal y
        y -= LEADING
        if y < MARGIN_BOTTOM:
            canvas.showPage()
            canvas.setFont(FONT, SIZE)  # a new page starts with the default font
            y = page_h - MARGIN_TOP

    canvas.setFont(FONT, SIZE)
    for para in paras:
        if para.align == "center":
            for line in wrap(para.text, 0, measure):
                canvas.setFont(FONT, SIZE + 4)
                canvas.drawCentredString(page_w / 2, y, line)
                canvas.setFont(FONT, SIZE)
                newline()
            newline()
            continue
        if para.align == "right":
            canvas.drawRightString(left + measure - 2 * SIZE, y, para.text)
            newline()
            continue
        indent = INDENT_EM * SIZE
        for i, line in enumerate(wrap(para.text, indent, measure)):
            canvas.drawString(left + (indent if i == 0 else 0), y, line)
            newline()
    canvas.save()


@dataclass
class Problem:
    number: str
    heading: str
    body: list[str]


@dataclass
class Category:
    heading: str
    problems: list[Problem]


def split_report(lines: list[str]) -> tuple[list[str], list[Category], list[str]]:
    """Opening paragraphs, the categories of section 二 with their problems, the rest."""
    body = [ln for ln in lines if ln.strip()]
    start = next(i for i, ln in enumerate(body) if CATEGORY.match(ln))
    end = next(i for i, ln in enumerate(body) if i > start and SECTION.match(ln))
    cats: list[Category] = []
    for ln in body[start:end]:
        if CATEGORY.match(ln):
            cats.append(Category(ln, []))
        elif m := PROBLEM.match(ln):
            cats[-1].problems.append(Problem(m.group(1), m.group(2), []))
        else:
            cats[-1].problems[-1].body.append(ln)
    return body[:start], cats, body[end:]


def set_font(run: Any, size: float = 12) -> None:
    run.font.name = "SimSun"
    run.font.size = Pt(size)
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def add_para(doc: Any, text: str, align: str = "indent") -> None:
    p = doc.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.paragraph_format.first_line_indent = Pt(24)
    set_font(p.add_run(text), 16 if align == "center" else 12)


def cell_text(cell: Any, texts: list[str]) -> None:
    cell.paragraphs[0].text = ""
    for i, t in enumerate(texts):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        set_font(p.add_run(t), 10.5)


def write_docx(lines: list[str], path: Path) -> None:
    opening, cats, rest = split_report(lines)
    doc = docx.Document()
    add_para(doc, opening[0], "center")
    for ln in opening[1:]:
        add_para(doc, ln)
    for cat in cats:
        add_para(doc, cat.heading)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, head in zip(table.rows[0].cells, ("序号", "反馈问题", "整改措施"), strict=True):
            cell_text(cell, [head])
        for prob in cat.problems:
            # The 问题: paragraph describes the finding; 整改措施: and 整改成效: are the answer.
            finding = [t for t in prob.body if t.startswith("问题:")]
            answer = [t for t in prob.body if not t.startswith("问题:")]
            row = table.add_row().cells
            cell_text(row[0], [prob.number])
            cell_text(row[1], [prob.heading, *finding])
            cell_text(row[2], answer)
    for ln in rest[:-2]:
        add_para(doc, ln)
    for ln in rest[-2:]:
        add_para(doc, ln, "right")
    doc.core_properties.title = opening[0]
    # Fixed dates (here and in the archive) keep the file the same from run to run.
    doc.core_properties.created = doc.core_properties.modified = datetime(2021, 12, 20)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(fixed_zip_times(buf.getvalue()))


def fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 2021-12-20, so a rerun writes the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2021, 12, 20, 0, 0, 0)), src.read(info.filename))
    return out.getvalue()


def v1(gold: dict[str, Any], source: str, bare_labels: bool) -> dict[str, Any]:
    """The held-out gold in version 1 fields only (it may carry version 2 labels)."""
    out: dict[str, Any] = json.loads(json.dumps(gold))
    out["format"] = "zhenggai-golden/1"
    out["source"] = source
    for prob in out["problems"]:
        prob["measures"] = [m if isinstance(m, str) else m["text"] for m in prob["measures"]]
        prob["figures"] = [{k: f[k] for k in ("text", "value", "unit")} for f in prob["figures"]]
        if bare_labels:
            prob["label"] = prob["label"].rstrip(".")
    return out


def squash(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def loose(span: str) -> str:
    """A pattern for span with any whitespace between its characters, not inside a longer number."""
    return r"(?<![\d.])" + r"\s*".join(map(re.escape, span))


def split_spans(pdf: Path, gold: dict[str, Any]) -> list[str]:
    """Gold figure and date spans that a line break of the extracted text cuts in two."""
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    source = (HELDOUT / f"{NAME}.txt").read_text(encoding="utf-8")
    assert squash(text) == squash(source), "PDF text layer differs from the source"
    cut: list[str] = []
    start = 0
    for prob in gold["problems"]:
        head = re.compile(loose(prob["label"] + prob["title"])).search(text, start)
        assert head is not None, f"problem {prob['label']} lost from the PDF text layer"
        start = head.start()
        for kind in ("figures", "dates"):
            pos = start
            for item in prob[kind]:
                m = re.compile(loose(item["text"])).search(text, pos)
                assert m is not None, f"{item['text']!r} lost from the PDF text layer"
                pos = m.end()
                if "\n" in m.group(0):
                    cut.append(m.group(0))
    return cut


def docx_reading_text(path: Path) -> str:
    """The DOCX as a reader reads it: body paragraphs and table rows, cell by cell, in order."""
    document = docx.Document(str(path))
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            out += [c.text for row in block.rows for c in row.cells]
        else:
            out.append(block.text)
    return "\n".join(out)


def check_order(text: str, gold: dict[str, Any]) -> None:
    """Every gold string of every problem occurs in the reading text, in document order."""
    flat = squash(text)
    pos = 0
    for prob in gold["problems"]:
        pos = flat.index(squash(prob["label"] + prob["title"]), pos)
        inner = pos
        for m in prob["measures"]:
            inner = flat.index(squash(m), inner)
        for kind in ("figures", "dates"):
            inner = pos
            for item in prob[kind]:
                inner = flat.index(squash(item["text"]), inner) + 1


def main() -> int:
    lines = (HELDOUT / f"{NAME}.txt").read_text(encoding="utf-8").splitlines()
    gold = json.loads((HELDOUT / f"{NAME}.gold.json").read_text(encoding="utf-8"))
    pdf = HERE / f"{PDF_NAME}.pdf"
    write_pdf(paragraphs(lines), pdf)
    write_docx(lines, HERE / f"{DOCX_NAME}.docx")
    for name, suffix, bare in ((PDF_NAME, ".pdf", False), (DOCX_NAME, ".docx", True)):
        out = v1(gold, name + suffix, bare)
        (HERE / f"{name}.gold.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    check_order(docx_reading_text(HERE / f"{DOCX_NAME}.docx"), v1(gold, "", bare_labels=True))
    cut = split_spans(pdf, gold)
    print(f"{len(cut)} figure/date spans cut by a line break:")
    for span in cut:
        print("  " + span.replace("\n", " | "))
    return 0 if len(cut) >= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
